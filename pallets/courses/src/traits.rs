//! What other pallets (the lifecycle pallet) may ask about courses.

use crate::types::{Assessment, CipCode, CourseId, GuideVersion, UnitOfCompetency};
use frame_support::{traits::Get, BoundedVec};

/// What a step of a lifecycle needs to know of its course, from one read of it:
/// [`CourseInspect::facts`].
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CourseFacts<AccountId, MaxSkillIdLen: Get<u32>> {
	/// The institution the course belongs to.
	pub institution: AccountId,
	/// Whether the course was closed: nothing may happen in it any more.
	pub closed: bool,
	/// Whether the account asked about is the course's lead or one of its co-instructors. This
	/// says nothing about the institution's standing or whether the account still acts for it:
	/// ask the registry too.
	pub is_instructor: bool,
	/// The course's field of knowledge.
	pub cip_code: CipCode,
	/// The version of the scoring guide that new awards use.
	pub guide_version: GuideVersion,
	/// The skill of the unit asked about, or `None` if the course has no such unit.
	pub unit_skill: Option<BoundedVec<u8, MaxSkillIdLen>>,
}

/// Courses, as the lifecycle pallet sees them.
///
/// Implemented by [`Pallet`](crate::Pallet). A pallet that needs it declares
/// `type Courses: CourseInspect<Self::AccountId>` in its `Config`. Every query answers `None`
/// (or `false`) for a course that does not exist.
pub trait CourseInspect<AccountId> {
	/// The longest skill identifier of a unit of competency, in bytes.
	type MaxSkillIdLen: Get<u32>;

	/// The longest title of a unit of competency, in bytes.
	type MaxUnitTitleLen: Get<u32>;

	/// Whether `course` exists (closed or not).
	fn exists(course: CourseId) -> bool;

	/// Whether `learner` is enrolled in `course` (accepted an invitation or joined); an
	/// invitation that was not accepted does not count.
	fn is_enrolled(course: CourseId, learner: &AccountId) -> bool;

	/// The version of the scoring guide that new awards in `course` use.
	fn current_guide_version(course: CourseId) -> Option<GuideVersion>;

	/// The assessment at `index` (from 0) of version `version` of the scoring guide of
	/// `course`, with its maxima. Every published version stays readable.
	fn assessment(course: CourseId, version: GuideVersion, index: u32) -> Option<Assessment>;

	/// The unit of competency at `index` (from 0) of `course`.
	fn unit(
		course: CourseId,
		index: u32,
	) -> Option<UnitOfCompetency<Self::MaxSkillIdLen, Self::MaxUnitTitleLen>>;

	/// What a lifecycle step in unit `unit` of `course` asks of the course, with `who` the
	/// caller (its institution, whether it is closed, whether `who` instructs it, its CIP code
	/// and guide version, the unit's skill), from a single read and decoding of the course.
	fn facts(
		course: CourseId,
		who: &AccountId,
		unit: u32,
	) -> Option<CourseFacts<AccountId, Self::MaxSkillIdLen>>;

	/// Creates an open course of `institution` led by `lead`, with the most units and
	/// assessments, registering both in the registry first: for other pallets' benchmarks only.
	#[cfg(feature = "runtime-benchmarks")]
	fn create_for_benchmarks(
		institution: &AccountId,
		lead: &AccountId,
	) -> Result<CourseId, sp_runtime::DispatchError>;

	/// Enrolls `learner` in `course` without an invitation: for other pallets' benchmarks only.
	#[cfg(feature = "runtime-benchmarks")]
	fn enroll_for_benchmarks(
		course: CourseId,
		learner: &AccountId,
	) -> frame_support::dispatch::DispatchResult;
}

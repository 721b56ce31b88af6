//! What other pallets (lifecycle, tokens) may ask about courses, and what benchmarks need set up.

use crate::types::{
	Assessment, AssessmentIndex, CipCode, CourseId, EnrollmentStatus, GuideVersion, Page,
	UnitIndex, UnitOfCompetency,
};
use frame_support::traits::Get;

/// What a step of a lifecycle needs to know of its course, from one read of it:
/// [`CourseInspect::facts`].
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CourseFacts<AccountId> {
	/// The institution the course belongs to.
	pub institution: AccountId,
	/// Whether the course was closed.
	pub closed: bool,
	/// Whether the account asked about is the course's lead or one of its co-instructors. This
	/// says nothing about the institution's standing or whether the account still acts for it:
	/// ask the registry too.
	pub is_instructor: bool,
	/// The version of the scoring guide that new lifecycles use.
	pub guide_version: GuideVersion,
}

/// Courses, as the lifecycle and tokens pallets see them.
///
/// Implemented by [`Pallet`](crate::Pallet). A pallet that needs it declares
/// `type Courses: CourseInspect<Self::AccountId>` in its `Config`. Every query answers `None`
/// (or `false`) for a course that does not exist.
pub trait CourseInspect<AccountId> {
	/// The most units of competency one assessment covers.
	type MaxUnitsPerAssessment: Get<u32>;

	/// The longest skill identifier of a unit of competency, in bytes.
	type MaxSkillIdLen: Get<u32>;

	/// The longest title of a unit of competency, in bytes.
	type MaxUnitTitleLen: Get<u32>;

	/// The most versions of one course's scoring guide.
	type MaxGuideVersions: Get<u32>;

	/// Whether `course` exists (closed or not).
	fn exists(course: CourseId) -> bool;

	/// What a lifecycle step in `course` asks of the course, with `who` the caller (its
	/// institution, whether it is closed, whether `who` instructs it, its current guide
	/// version), from a single read of the course.
	fn facts(course: CourseId, who: &AccountId) -> Option<CourseFacts<AccountId>>;

	/// Whether `learner` is enrolled in `course` (accepted an invitation or joined); an
	/// invitation that was not accepted does not count.
	fn is_enrolled(course: CourseId, learner: &AccountId) -> bool;

	/// The assessment at `index` of version `version` of the scoring guide of `course`, with
	/// the units it covers and their shares. Every published version stays readable.
	fn assessment(
		course: CourseId,
		version: GuideVersion,
		index: AssessmentIndex,
	) -> Option<Assessment<Self::MaxUnitsPerAssessment>>;

	/// The unit of competency at `unit` of `course`.
	fn unit(
		course: CourseId,
		unit: UnitIndex,
	) -> Option<UnitOfCompetency<Self::MaxSkillIdLen, Self::MaxUnitTitleLen>>;

	/// The course's field of knowledge and its institution.
	fn cip_code_and_institution(course: CourseId) -> Option<(CipCode, AccountId)>;

	/// The courses `learner` is invited to or enrolled in, from after `cursor` (a course id),
	/// at most `limit` of them (see [`Page`]).
	fn courses_of(
		learner: &AccountId,
		cursor: Option<CourseId>,
		limit: u32,
	) -> Page<(CourseId, EnrollmentStatus), CourseId>;
}

/// Sets up what the benchmarks of this pallet need of the registry of trust: the runtime
/// registers real accounts through the registry pallet, a mock runtime through its mock.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `institution` accredited from the current block on, with `instructors` among its
	/// instructors.
	fn register(institution: &AccountId, instructors: &[AccountId]);
}

/// The courses of a benchmark: what other pallets' benchmarks ask the runtime to set up, so that
/// they need not know how courses are created.
#[cfg(feature = "runtime-benchmarks")]
pub trait CourseBenchmarking<AccountId> {
	/// Creates a course of `institution` led by `lead` (registering both in the registry first)
	/// with `units` units of competency and a guide of `assessments` assessments, each covering
	/// units `0..units_per_assessment` with the largest points allowed; returns its id.
	fn create_course(
		institution: &AccountId,
		lead: &AccountId,
		units: u32,
		assessments: u32,
		units_per_assessment: u32,
	) -> Result<CourseId, sp_runtime::DispatchError>;

	/// Enrolls `learners` in `course` without an invitation.
	fn enroll(course: CourseId, learners: &[AccountId]);
}

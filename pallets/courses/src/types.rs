//! Plain types of the courses pallet: what is stored, what calls take, and what other pallets
//! read through [`CourseInspect`](crate::CourseInspect).

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::{BoundedVec, ConstU32},
	traits::Get,
	CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// The account type of a runtime.
pub type AccountIdOf<T> = <T as frame_system::Config>::AccountId;

/// The balance of the currency instructors pay new accounts with.
pub type BalanceOf<T> =
	<<T as Config>::Currency as frame_support::traits::fungible::Inspect<AccountIdOf<T>>>::Balance;

/// The identifier of a course: sequential, from [`NextCourseId`](crate::NextCourseId).
pub type CourseId = u32;

/// The version of a course's scoring guide. The guide published with the course is version 1;
/// each [`publish_guide`](crate::Pallet::publish_guide) adds the next one.
pub type GuideVersion = u32;

/// The position (from 0) of an assessment in a version of a scoring guide.
pub type AssessmentIndex = u8;

/// The position (from 0) of a unit of competency in its course. A `u16` rather than a `u8` so
/// that a list of them is a list of numbers to wallets (polkadot.js shows a `Vec<u8>` as bytes);
/// a course has at most 256 units (`MaxUnits`), so errors name a unit in one byte.
pub type UnitIndex = u16;

/// A course title, as stored.
pub type TitleOf<T> = BoundedVec<u8, <T as Config>::MaxTitleLen>;

/// A unit of competency, as a caller gives it and as stored.
pub type UnitOf<T> = UnitOfCompetency<<T as Config>::MaxSkillIdLen, <T as Config>::MaxUnitTitleLen>;

/// The units of competency a caller gives when creating a course.
pub type UnitsOf<T> = BoundedVec<UnitOf<T>, <T as Config>::MaxUnits>;

/// One assessment of a scoring guide, as a caller gives it and as stored.
pub type AssessmentOf<T> = Assessment<<T as Config>::MaxUnitsPerAssessment>;

/// A version of a scoring guide as a caller gives it: its assessments, in order.
pub type GuideOf<T> = BoundedVec<AssessmentOf<T>, <T as Config>::MaxAssessments>;

/// What is stored about one published version of a guide (its assessments are stored one by
/// one, in [`Assessments`](crate::Assessments)).
pub type GuideSummaryOf<T> = GuideSummary<BlockNumberFor<T>>;

/// The co-instructors of a course, as stored.
pub type CoInstructorsOf<T> = BoundedVec<AccountIdOf<T>, <T as Config>::MaxCoInstructors>;

/// The longest CIP code, `NN.NNNN`, in bytes.
pub const MAX_CIP_CODE_LEN: u32 = 7;

/// A field of knowledge as a CIP 2020 code: `NN` (a series), `NN.NN` or `NN.NNNN`, ASCII
/// digits around one dot. Only [`CipCode::parse`] builds one, so a stored code is well formed.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo, MaxEncodedLen)]
pub struct CipCode(BoundedVec<u8, ConstU32<MAX_CIP_CODE_LEN>>);

impl CipCode {
	/// The code spelled by `bytes`, or `None` unless it is `NN`, `NN.NN` or `NN.NNNN`.
	pub fn parse(bytes: &[u8]) -> Option<Self> {
		if !is_cip_code(bytes) {
			return None;
		}
		BoundedVec::try_from(bytes.to_vec()).ok().map(Self)
	}

	/// The code as ASCII bytes, e.g. `b"11.0701"`.
	pub fn as_bytes(&self) -> &[u8] {
		&self.0
	}

	/// The two-digit series the code belongs to, e.g. `b"11"` for `11.0701`.
	pub fn series(&self) -> &[u8] {
		self.0.get(..2).unwrap_or_default()
	}
}

/// Whether `bytes` is a CIP 2020 code: `NN`, `NN.NN` or `NN.NNNN`, ASCII digits only.
fn is_cip_code(bytes: &[u8]) -> bool {
	let digits = |part: &[u8]| part.iter().all(u8::is_ascii_digit);
	match bytes {
		[a, b] => digits(&[*a, *b]),
		[a, b, b'.', rest @ ..] if rest.len() == 2 || rest.len() == 4 => {
			digits(&[*a, *b]) && digits(rest)
		},
		_ => false,
	}
}

/// A unit of competency: an agreed statement of knowledge, skill, attitude or value, named by
/// a skill identifier (an ESCO or WEF skills-taxonomy URI or code; never empty) and a short
/// title.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxSkillIdLen, MaxTitleLen))]
#[codec(mel_bound())]
pub struct UnitOfCompetency<MaxSkillIdLen: Get<u32>, MaxTitleLen: Get<u32>> {
	/// The skill identifier, e.g. `http://data.europa.eu/esco/skill/...`.
	pub skill: BoundedVec<u8, MaxSkillIdLen>,
	/// A short title (may be empty).
	pub title: BoundedVec<u8, MaxTitleLen>,
}

/// What an assessment of a scoring guide is.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum AssessmentKind {
	/// A lesson: units are conveyed and acquired, then assessed.
	Lesson,
	/// A task (an assignment, a project).
	Task,
	/// The final evaluation of the course.
	FinalEvaluation,
}

/// Points of the three kinds a learner earns: attendance, score and help. Used for the maxima
/// of a unit within an assessment, and for the totals of an assessment or of a guide.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct LearnerPoints {
	/// Attendance points.
	pub attendance: u32,
	/// Score points.
	pub score: u32,
	/// Help (engagement) points.
	pub help: u32,
}

impl LearnerPoints {
	/// `self + other`, or `None` if a sum overflows.
	pub fn checked_add(&self, other: &Self) -> Option<Self> {
		Some(Self {
			attendance: self.attendance.checked_add(other.attendance)?,
			score: self.score.checked_add(other.score)?,
			help: self.help.checked_add(other.help)?,
		})
	}

	/// The sum of the three kinds, or `None` if it overflows.
	pub fn total(&self) -> Option<u32> {
		self.attendance.checked_add(self.score)?.checked_add(self.help)
	}

	/// Whether every kind is at most `bound`.
	pub fn each_at_most(&self, bound: u32) -> bool {
		self.attendance <= bound && self.score <= bound && self.help <= bound
	}
}

/// A unit of competency that an assessment covers, with its share of the assessment's points:
/// the most a learner may earn in this unit of this assessment.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct UnitShare {
	/// The unit's index (from 0) in the course.
	pub unit: UnitIndex,
	/// The most points of each kind a learner may earn in this unit of the assessment.
	pub max: LearnerPoints,
}

/// One assessment of a scoring guide: what it is, the units of competency it covers with each
/// unit's share of its points, and the most instructor-feedback points a learner may give the
/// instructor who awarded it.
///
/// The assessment's maxima are the sums of its units' shares ([`Assessment::totals`]): what a
/// learner earns in a unit is at most that unit's share, so what a learner earns in the whole
/// assessment, summed over its units, is at most the assessment's maxima. A learner rates each
/// instructor who awarded units of the assessment once, not once per unit.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxUnitsPerAssessment))]
#[codec(mel_bound())]
pub struct Assessment<MaxUnitsPerAssessment: Get<u32>> {
	/// What it is.
	pub kind: AssessmentKind,
	/// The units it covers (at least one, each once), with each unit's share of its points.
	pub units: BoundedVec<UnitShare, MaxUnitsPerAssessment>,
	/// The most instructor-feedback points a learner may give, once per awarding instructor.
	pub max_instructor_feedback: u32,
}

impl<M: Get<u32>> Assessment<M> {
	/// The share of `unit`, if the assessment covers it.
	pub fn share(&self, unit: UnitIndex) -> Option<&LearnerPoints> {
		self.units.iter().find(|share| share.unit == unit).map(|share| &share.max)
	}

	/// The assessment's maxima: the sums of its units' shares, or `None` if a sum overflows
	/// (a published guide's never does: each is bounded by `MaxAssessmentPoints`).
	pub fn totals(&self) -> Option<LearnerPoints> {
		self.units
			.iter()
			.try_fold(LearnerPoints::default(), |sum, share| sum.checked_add(&share.max))
	}
}

/// What is stored about one published version of a course's scoring guide.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct GuideSummary<BlockNumber> {
	/// How many assessments it has (at least one).
	pub assessments: u32,
	/// The most points a learner may earn over the whole guide, per kind.
	pub learner_totals: LearnerPoints,
	/// The sum of the assessments' `max_instructor_feedback`: what one instructor who awarded
	/// every assessment may collect from one learner (a learner rates each awarding instructor
	/// of an assessment once).
	pub feedback_total: u32,
	/// The block it was published at.
	pub published_at: BlockNumber,
}

/// Where a course stands.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum CourseStatus {
	/// Running: learners enroll, units are conveyed.
	Open,
	/// Closed for good: no new enrollment, guide or convey. What was conveyed before the close
	/// may still be finished (see the crate docs).
	Closed,
}

/// A course.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Course<T: Config> {
	/// The institution it belongs to.
	pub institution: AccountIdOf<T>,
	/// Its lead instructor: the instructor who created it, or whom the institution handed it to.
	pub lead: AccountIdOf<T>,
	/// Instructors of the same institution whom the lead added; never the lead.
	pub co_instructors: CoInstructorsOf<T>,
	/// Its title (never empty).
	pub title: TitleOf<T>,
	/// Its field of knowledge.
	pub cip_code: CipCode,
	/// How many units of competency it has (at least one); each is in [`Units`](crate::Units).
	pub unit_count: u32,
	/// Whether any learner may join it without an invitation.
	pub open_enrollment: bool,
	/// Whether it is open or closed.
	pub status: CourseStatus,
	/// The version of the scoring guide that new lifecycles use: the latest published.
	pub guide_version: GuideVersion,
}

impl<T: Config> Course<T> {
	/// Whether `who` is its lead or one of its co-instructors.
	pub fn is_instructor(&self, who: &AccountIdOf<T>) -> bool {
		&self.lead == who || self.co_instructors.contains(who)
	}

	/// Whether it was closed.
	pub fn is_closed(&self) -> bool {
		self.status == CourseStatus::Closed
	}
}

/// Where a learner stands in a course.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum EnrollmentStatus {
	/// An instructor invited the learner, who has not accepted yet: not enrolled.
	Invited,
	/// The learner accepted an invitation or joined an open course: enrolled.
	Enrolled,
}

/// A page of a list that a query returns in parts: the items, and where the next page starts
/// (`None` on the last page). Pass `next` back as the cursor to get the next page.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo)]
pub struct Page<Item, Cursor> {
	/// The items of this page.
	pub items: alloc::vec::Vec<Item>,
	/// The cursor of the next page, if there is one.
	pub next: Option<Cursor>,
}

/// The most items one page of a query holds, whatever limit the caller asks for.
pub const MAX_PAGE: u32 = 100;

/// The number of items a page holds when the caller asks for `limit`: 1 to [`MAX_PAGE`].
pub fn page_size(limit: u32) -> usize {
	usize::try_from(limit.clamp(1, MAX_PAGE)).unwrap_or(1)
}

/// One enrollment of a learner, as [`Pallet::enrollments_of`](crate::Pallet::enrollments_of)
/// lists it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo)]
pub struct EnrollmentView<AccountId> {
	/// The course.
	pub course: CourseId,
	/// Invited or enrolled.
	pub status: EnrollmentStatus,
	/// The course's institution.
	pub institution: AccountId,
	/// The course's title.
	pub title: alloc::vec::Vec<u8>,
	/// Whether the course was closed.
	pub closed: bool,
}

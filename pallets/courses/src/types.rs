//! Plain types of the courses pallet: what is stored, and what other pallets read through
//! [`CourseInspect`](crate::CourseInspect).

use crate::Config;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::{BoundedVec, ConstU32},
	traits::Get,
	CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

/// The account type of a runtime.
pub type AccountIdOf<T> = <T as frame_system::Config>::AccountId;

/// The identifier of a course: sequential, from [`NextCourseId`](crate::NextCourseId).
pub type CourseId = u32;

/// The version of a course's scoring guide. The guide published with the course is version 1;
/// each [`publish_guide`](crate::Pallet::publish_guide) adds the next one.
pub type GuideVersion = u32;

/// A course title, as stored.
pub type TitleOf<T> = BoundedVec<u8, <T as Config>::MaxTitleLen>;

/// A unit of competency, as stored.
pub type UnitOf<T> = UnitOfCompetency<<T as Config>::MaxSkillIdLen, <T as Config>::MaxUnitTitleLen>;

/// The units of competency of a course, as stored.
pub type UnitsOf<T> = BoundedVec<UnitOf<T>, <T as Config>::MaxUnits>;

/// One version of a scoring guide, as stored: its assessments, in order.
pub type GuideOf<T> = BoundedVec<Assessment, <T as Config>::MaxAssessments>;

/// The co-instructors of a course, as stored.
pub type CoInstructorsOf<T> = BoundedVec<AccountIdOf<T>, <T as Config>::MaxCoInstructors>;

/// A unit of competency as a caller gives it: (skill identifier, short title).
pub type UnitInput = (Vec<u8>, Vec<u8>);

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
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
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

/// One assessment of a scoring guide with its maxima: the hard limits of what may be awarded
/// for it.
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
pub struct Assessment {
	/// What it is.
	pub kind: AssessmentKind,
	/// The most attendance points a learner may earn in it.
	pub max_attendance: u32,
	/// The most score points a learner may earn in it.
	pub max_score: u32,
	/// The most help (engagement) points a learner may earn in it.
	pub max_help: u32,
	/// The most instructor-feedback points a learner may give the instructor for it.
	pub max_instructor_feedback: u32,
}

impl Assessment {
	/// The most points a learner may earn in it (attendance, score and help), or `None` if that
	/// sum overflows.
	pub fn learner_points(&self) -> Option<u32> {
		self.max_attendance.checked_add(self.max_score)?.checked_add(self.max_help)
	}
}

/// The most points of a whole guide: (learner points, instructor-feedback points), or `None`
/// if any assessment's or the guide's sums overflow.
pub fn guide_points(guide: &[Assessment]) -> Option<(u32, u32)> {
	guide.iter().try_fold((0u32, 0u32), |(learner, feedback), assessment| {
		Some((
			learner.checked_add(assessment.learner_points()?)?,
			feedback.checked_add(assessment.max_instructor_feedback)?,
		))
	})
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
	/// Its lead instructor: the instructor who created it.
	pub lead: AccountIdOf<T>,
	/// Instructors of the same institution whom the lead added; never the lead.
	pub co_instructors: CoInstructorsOf<T>,
	/// Its title (never empty).
	pub title: TitleOf<T>,
	/// Its field of knowledge.
	pub cip_code: CipCode,
	/// Its units of competency (at least one).
	pub units: UnitsOf<T>,
	/// Whether any learner may join it without an invitation.
	pub open: bool,
	/// Whether the lead closed it: nothing happens in a closed course any more.
	pub closed: bool,
	/// The version of the scoring guide that new awards use: the latest published.
	pub guide_version: GuideVersion,
}

impl<T: Config> Course<T> {
	/// Whether `who` is its lead or one of its co-instructors.
	pub fn is_instructor(&self, who: &AccountIdOf<T>) -> bool {
		&self.lead == who || self.co_instructors.contains(who)
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

/// Converts a caller's bytes into a bounded value, or fails with `error` if they are too long.
pub(crate) fn bounded<S: Get<u32>, E>(bytes: Vec<u8>, error: E) -> Result<BoundedVec<u8, S>, E> {
	BoundedVec::try_from(bytes).map_err(|_| error)
}

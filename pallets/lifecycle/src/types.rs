//! Plain types of the lifecycle pallet: what calls take, what is stored for each (course,
//! learner, assessment), and what the `LearnerApi` runtime API returns.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
pub use pallet_courses::{AssessmentIndex, CourseId, GuideVersion, UnitIndex};
use pallet_tokens::TokenId;
use scale_info::TypeInfo;
use sp_core::H256;

/// How far one unit of a lifecycle went: the last of the five steps done. The steps are
/// ordered, so a later stage compares greater.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Stage {
	/// 1. The instructor conveyed the unit to the learner.
	Conveyed,
	/// 2. The learner acknowledged it; the Attendance token was minted.
	Acquired,
	/// 3. The instructor opened the assessment of the unit for the learner.
	Assessed,
	/// 4. The learner committed to a response.
	Responded,
	/// 5. The instructor awarded score and help points; the Score token (and the Help) was
	///    minted.
	Awarded,
}

/// A step an instructor performed: who, and at which block.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct InstructorStep<AccountId, BlockNumber> {
	/// The instructor who signed the step.
	pub instructor: AccountId,
	/// The block it was recorded in.
	pub block: BlockNumber,
}

/// Step 2 of a unit: when the learner acknowledged it, and the Attendance token it minted.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Acquisition<BlockNumber> {
	/// The block it was recorded in.
	pub block: BlockNumber,
	/// The Attendance token, with the attendance points recorded at convey.
	pub token: TokenId,
}

/// Step 4 of a unit: when the learner responded, and the commitment to the response.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Response<BlockNumber> {
	/// The block it was recorded in.
	pub block: BlockNumber,
	/// The commitment (a hash) to the learner's response to the assessment; the response stays
	/// off chain. One response answers every unit it was given for.
	pub commitment: H256,
}

/// Step 5 of a unit: who awarded, when, the points, and the Score token.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Award<AccountId, BlockNumber> {
	/// The instructor who awarded.
	pub instructor: AccountId,
	/// The block it was recorded in.
	pub block: BlockNumber,
	/// The score points, at most the unit's share in the guide.
	pub score: u32,
	/// The help points, at most the unit's share; minted as Help.
	pub help: u32,
	/// The Score token.
	pub token: TokenId,
}

/// The lifecycle of one unit of an assessment for one learner: each step done so far, who
/// signed it, when, with which points, and the tokens it minted. A step not reached yet is
/// `None`; each step is set only if the one before is.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct UnitRecord<AccountId, BlockNumber> {
	/// The unit's index in the course.
	pub unit: UnitIndex,
	/// Step 1: who conveyed, when.
	pub conveyed: InstructorStep<AccountId, BlockNumber>,
	/// The attendance points the instructor recorded at convey, at most the unit's share; the
	/// Attendance token carries them.
	pub attendance: u32,
	/// Step 2.
	pub acquired: Option<Acquisition<BlockNumber>>,
	/// Step 3: who assessed, when.
	pub assessed: Option<InstructorStep<AccountId, BlockNumber>>,
	/// Step 4.
	pub responded: Option<Response<BlockNumber>>,
	/// Step 5.
	pub awarded: Option<Award<AccountId, BlockNumber>>,
}

impl<AccountId, BlockNumber> UnitRecord<AccountId, BlockNumber> {
	/// A unit just conveyed by `instructor` at `block` with `attendance` points.
	pub fn conveyed(
		unit: UnitIndex,
		instructor: AccountId,
		block: BlockNumber,
		attendance: u32,
	) -> Self {
		Self {
			unit,
			conveyed: InstructorStep { instructor, block },
			attendance,
			acquired: None,
			assessed: None,
			responded: None,
			awarded: None,
		}
	}

	/// The last step done.
	pub fn stage(&self) -> Stage {
		if self.awarded.is_some() {
			Stage::Awarded
		} else if self.responded.is_some() {
			Stage::Responded
		} else if self.assessed.is_some() {
			Stage::Assessed
		} else if self.acquired.is_some() {
			Stage::Acquired
		} else {
			Stage::Conveyed
		}
	}
}

/// A learner's rating of an instructor who awarded units of an assessment: once per
/// (assessment, instructor).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Rating<AccountId, BlockNumber> {
	/// The instructor rated.
	pub instructor: AccountId,
	/// The feedback points, at most the assessment's `max_instructor_feedback`.
	pub points: u32,
	/// The block it was recorded in.
	pub block: BlockNumber,
	/// The Instructor-score token, held by the instructor.
	pub token: TokenId,
}

/// Help minted for a unit by earlier runs whose Score token was revoked but whose Help could
/// not be burned (the learner had passed it on): a re-award of the unit gives at most the
/// unit's share less this.
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
pub struct CarriedHelp {
	/// The unit.
	pub unit: UnitIndex,
	/// The Help its revoked Score tokens left with the learner.
	pub help: u32,
}

/// Everything one learner did in one assessment of one course: the guide version it follows,
/// each unit conveyed so far (in the order of their indices), the ratings given, and the Help
/// earlier runs of its units left unburned.
///
/// The guide version is the course's current one when the first unit of the assessment was
/// conveyed to the learner; every later unit of the assessment follows the same version, so
/// that the assessment's maxima hold for the learner as a whole.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxUnits))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct AssessmentRecord<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxUnits: Get<u32>,
> {
	/// The version of the scoring guide it follows.
	pub guide_version: GuideVersion,
	/// Each unit conveyed, ordered by unit index.
	pub units: BoundedVec<UnitRecord<AccountId, BlockNumber>, MaxUnits>,
	/// The ratings given, one per instructor who awarded.
	pub ratings: BoundedVec<Rating<AccountId, BlockNumber>, MaxUnits>,
	/// Help of earlier runs that a revocation could not burn, per unit (usually empty).
	pub carried_help: BoundedVec<CarriedHelp, MaxUnits>,
}

impl<AccountId, BlockNumber, MaxUnits> AssessmentRecord<AccountId, BlockNumber, MaxUnits>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxUnits: Get<u32>,
{
	/// A record of no unit yet, following `guide_version`.
	pub fn new(guide_version: GuideVersion) -> Self {
		Self {
			guide_version,
			units: BoundedVec::new(),
			ratings: BoundedVec::new(),
			carried_help: BoundedVec::new(),
		}
	}

	/// The Help earlier runs of `unit` left with the learner.
	pub fn carried_help(&self, unit: UnitIndex) -> u32 {
		self.carried_help
			.iter()
			.find(|carried| carried.unit == unit)
			.map(|c| c.help)
			.unwrap_or(0)
	}

	/// The record of `unit`, if conveyed.
	pub fn unit(&self, unit: UnitIndex) -> Option<&UnitRecord<AccountId, BlockNumber>> {
		self.units
			.binary_search_by_key(&unit, |record| record.unit)
			.ok()
			.and_then(|at| self.units.get(at))
	}

	/// The record of `unit`, if conveyed, to change.
	pub fn unit_mut(&mut self, unit: UnitIndex) -> Option<&mut UnitRecord<AccountId, BlockNumber>> {
		match self.units.binary_search_by_key(&unit, |record| record.unit) {
			Ok(at) => self.units.get_mut(at),
			Err(_) => None,
		}
	}
}

/// The record of a (course, learner, assessment), in a runtime.
pub type RecordOf<T> = AssessmentRecord<
	<T as frame_system::Config>::AccountId,
	BlockNumberFor<T>,
	<T as crate::Config>::MaxUnitsPerAssessment,
>;

/// The record of one unit, in a runtime.
pub type UnitRecordOf<T> = UnitRecord<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// The earlier runs of a unit whose token was revoked and whose step was reopened, in a runtime.
pub type CorrectionsOf<T> = BoundedVec<UnitRecordOf<T>, <T as crate::Config>::MaxCorrections>;

/// The units of an assessment a call acts on: 1 to `MaxUnitsPerAssessment`, each once.
pub type UnitsOf<T> = BoundedVec<UnitIndex, <T as crate::Config>::MaxUnitsPerAssessment>;

/// One learner of a `convey` call with the attendance points of each unit of the call, in the
/// call's order of units. (`Attendance` is the bounded list of points: [`ConveyToOf`].)
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct ConveyTo<AccountId, Attendance> {
	/// The learner.
	pub learner: AccountId,
	/// Attendance points per unit, as many as the call has units.
	pub attendance: Attendance,
}

/// The points of one unit in an `award` call.
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
pub struct UnitAward {
	/// Score points, at most the unit's share.
	pub score: u32,
	/// Help points, at most the unit's share; minted as Help.
	pub help: u32,
}

/// One learner of an `award` call with the points of each unit of the call, in the call's
/// order of units. (`Points` is the bounded list of [`UnitAward`]s: [`AwardToOf`].)
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct AwardTo<AccountId, Points> {
	/// The learner.
	pub learner: AccountId,
	/// Points per unit, as many as the call has units.
	pub points: Points,
}

/// A `convey` entry in a runtime.
pub type ConveyToOf<T> = ConveyTo<
	<T as frame_system::Config>::AccountId,
	BoundedVec<u32, <T as crate::Config>::MaxUnitsPerAssessment>,
>;

/// An `award` entry in a runtime.
pub type AwardToOf<T> = AwardTo<
	<T as frame_system::Config>::AccountId,
	BoundedVec<UnitAward, <T as crate::Config>::MaxUnitsPerAssessment>,
>;

/// A step that awaits a learner's signature, and the call that signs it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo)]
pub enum PendingStep<AccountId> {
	/// An invitation: `courses.acceptInvitation(course)`.
	AcceptInvitation,
	/// Units conveyed to the learner: `lifecycle.acquire(course, assessment, units)`.
	Acquire { units: Vec<UnitIndex> },
	/// Units assessed: `lifecycle.respond(course, assessment, units, commitment)`, the
	/// commitment being the hash of the learner's response.
	Respond { units: Vec<UnitIndex> },
	/// An instructor who awarded units of the assessment and is not rated yet:
	/// `lifecycle.rate(course, assessment, instructor, points)` with at most `max_points`.
	Rate { instructor: AccountId, max_points: u32 },
}

/// One thing that awaits a learner's signature: `LearnerApi::pending` lists them.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo)]
pub struct Pending<AccountId> {
	/// The course.
	pub course: CourseId,
	/// The assessment (`None` for an invitation).
	pub assessment: Option<AssessmentIndex>,
	/// What awaits, and the call to make.
	pub step: PendingStep<AccountId>,
}

/// Where a list over a learner's courses and records stopped: after the record of
/// `assessment` of `course`, or (`assessment: None`) after the course's enrollment itself.
/// Pass a page's `next` back to get the next page.
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
pub struct RecordCursor {
	/// The course.
	pub course: CourseId,
	/// The assessment of the course, or `None` for the course's enrollment.
	pub assessment: Option<AssessmentIndex>,
}

/// Where a list of a holder's tokens stopped: in the learner's records, then in the tokens the
/// holder holds as an instructor.
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
pub enum TokenCursor {
	/// After this record of the holder as a learner.
	Learner(RecordCursor),
	/// After this Instructor-score token of the holder (`None`: from the first).
	Instructor(Option<TokenId>),
}

/// Where a list of a course's records stopped: after the record of `assessment` of `learner`.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct CourseCursor<AccountId> {
	/// The learner.
	pub learner: AccountId,
	/// The assessment.
	pub assessment: AssessmentIndex,
}

/// One record of a learner, as `LearnerApi::lifecycles` lists it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo)]
pub struct RecordView<AccountId, BlockNumber> {
	/// The course.
	pub course: CourseId,
	/// The assessment.
	pub assessment: AssessmentIndex,
	/// The guide version it follows.
	pub guide_version: GuideVersion,
	/// Each unit conveyed, with its stage and steps.
	pub units: Vec<UnitView<AccountId, BlockNumber>>,
	/// The ratings given.
	pub ratings: Vec<Rating<AccountId, BlockNumber>>,
}

/// One unit of a record, as `LearnerApi::lifecycles` lists it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo)]
pub struct UnitView<AccountId, BlockNumber> {
	/// The last step done.
	pub stage: Stage,
	/// Every step, with its block, party, points and tokens.
	pub record: UnitRecord<AccountId, BlockNumber>,
	/// The earlier runs of the unit, if a revocation reopened a step.
	pub corrections: Vec<UnitRecord<AccountId, BlockNumber>>,
}

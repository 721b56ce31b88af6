//! Plain types of the lifecycle pallet: what is stored for each (course, assessment, unit,
//! learner).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_courses::{CourseId, GuideVersion};
use pallet_tokens::TokenId;
use scale_info::TypeInfo;
use sp_core::H256;

/// Which lifecycle of a course: (course, assessment index in the scoring guide, unit index in
/// the course). The learner is the second key of [`Lifecycles`](crate::Lifecycles).
pub type LifecycleKey = (CourseId, u32, u32);

/// A lifecycle, as stored.
pub type LifecycleOf<T> = Lifecycle<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// How far a lifecycle went: the last of the five steps done. The steps are ordered, so a
/// later stage compares greater.
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
	///    minted. The learner may then rate the instructor, once.
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

/// The learner's rating of the instructor who awarded.
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
pub struct Rating<BlockNumber> {
	/// The instructor-feedback points given, at most the guide's `max_instructor_feedback`.
	pub points: u32,
	/// The block it was recorded in.
	pub block: BlockNumber,
}

/// The record of one (course, assessment, unit, learner): each step done so far, who signed
/// it, when, with which points, and the tokens it minted.
///
/// A field of a step not reached yet is `None` (or 0 for points); `do_try_state` checks that
/// the fields match [`stage`](Self::stage) exactly.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Lifecycle<AccountId, BlockNumber> {
	/// The last step done.
	pub stage: Stage,
	/// The version of the scoring guide in force when the unit was conveyed: every maximum of
	/// this lifecycle is that version's, and every token of it records it.
	pub guide_version: GuideVersion,
	/// Step 1: who conveyed, when.
	pub conveyed: InstructorStep<AccountId, BlockNumber>,
	/// The attendance points the instructor recorded at convey; the Attendance token carries
	/// them.
	pub attendance: u32,
	/// Step 2: when the learner acquired.
	pub acquired: Option<BlockNumber>,
	/// The Attendance token minted at step 2.
	pub attendance_token: Option<TokenId>,
	/// Step 3: who assessed, when.
	pub assessed: Option<InstructorStep<AccountId, BlockNumber>>,
	/// Step 4: when the learner responded.
	pub responded: Option<BlockNumber>,
	/// The commitment (a hash) to the learner's response, given at step 4; the response stays
	/// off chain.
	pub commitment: Option<H256>,
	/// Step 5: who awarded, when.
	pub awarded: Option<InstructorStep<AccountId, BlockNumber>>,
	/// The score points awarded at step 5 (0 before).
	pub score: u32,
	/// The help points awarded at step 5 (0 before).
	pub help: u32,
	/// The Score token minted at step 5.
	pub score_token: Option<TokenId>,
	/// The learner's rating of the instructor who awarded, once given.
	pub rating: Option<Rating<BlockNumber>>,
	/// The Instructor-score token minted with the rating, held by that instructor.
	pub instructor_score_token: Option<TokenId>,
}

impl<AccountId, BlockNumber> Lifecycle<AccountId, BlockNumber> {
	/// A lifecycle just conveyed by `instructor` at `block`, under guide version
	/// `guide_version`, with `attendance` points.
	pub fn conveyed(
		instructor: AccountId,
		block: BlockNumber,
		guide_version: GuideVersion,
		attendance: u32,
	) -> Self {
		Self {
			stage: Stage::Conveyed,
			guide_version,
			conveyed: InstructorStep { instructor, block },
			attendance,
			acquired: None,
			attendance_token: None,
			assessed: None,
			responded: None,
			commitment: None,
			awarded: None,
			score: 0,
			help: 0,
			score_token: None,
			rating: None,
			instructor_score_token: None,
		}
	}
}

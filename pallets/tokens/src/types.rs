//! Plain types of the tokens pallet: what is stored, and what the runtime API
//! (`pallet-tokens-runtime-api`) returns.
//!
//! Stored types are generic over the account, the block number and the bounds rather than over
//! the runtime, so that the runtime API can name them with the runtime's concrete types.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::BoundedVec, traits::Get, CloneNoBound, DebugNoBound, EqNoBound,
	PartialEqNoBound,
};
pub use pallet_courses::{AssessmentIndex, CipCode, CourseId, GuideVersion, Page, UnitIndex};
use scale_info::TypeInfo;

/// The identifier of a soulbound token: sequential from 0, never reused. Short and stable, so
/// that a credential can cite it.
pub type TokenId = u64;

/// The kinds of soulbound token. (Help, the fourth Learning Token, is fungible: a
/// `pallet-assets` asset, not a record; a Score token records how much Help was minted with it.)
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
pub enum TokenKind {
	/// Minted to the learner at the acquire step, with the attendance points the instructor
	/// recorded at convey.
	Attendance,
	/// Minted to the learner at the award step, with the score points awarded.
	Score,
	/// Minted to the instructor when the learner rates them, once per assessment and awarding
	/// instructor, with the feedback points given.
	InstructorScore,
}

/// What only a token knows, as the lifecycle pallet issues it: its kind, the two parties of the
/// lifecycle it came from, its points and where in the course it was earned. What the course
/// knows (institution, CIP code, skill) is read from the course when a query answers.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct TokenData<AccountId> {
	/// What it is; it decides the holder (see [`TokenData::holder`]).
	pub kind: TokenKind,
	/// The learner of the lifecycle: the holder of an Attendance or Score token, the one who
	/// rated for an Instructor-score token.
	pub learner: AccountId,
	/// The instructor who signed the step that minted it (for Attendance, who conveyed; for
	/// Score, who awarded); for Instructor score, the instructor rated, who holds it.
	pub instructor: AccountId,
	/// Its points (attendance, score or feedback points).
	pub points: u32,
	/// For a Score token, the Help points minted with it; 0 for the other kinds.
	pub help: u32,
	/// The course.
	pub course: CourseId,
	/// The assessment's index in the course's scoring guide.
	pub assessment: AssessmentIndex,
	/// The unit of competency's index in the course; `None` for an Instructor-score token (a
	/// rating is per assessment).
	pub unit: Option<UnitIndex>,
	/// The version of the scoring guide the lifecycle followed.
	pub guide_version: GuideVersion,
}

impl<AccountId> TokenData<AccountId> {
	/// Who holds it: the learner, or for an Instructor-score token the instructor.
	pub fn holder(&self) -> &AccountId {
		match self.kind {
			TokenKind::Attendance | TokenKind::Score => &self.learner,
			TokenKind::InstructorScore => &self.instructor,
		}
	}
}

/// Who revoked a token.
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
pub enum Revoker {
	/// The institution that issued it, signing for itself.
	Institution,
	/// The Council (`RevokeOrigin`).
	Council,
}

/// Why, when and by whom a token was revoked, and what became of its Help.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxReasonLen))]
#[codec(mel_bound(BlockNumber: MaxEncodedLen))]
pub struct Revocation<
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxReasonLen: Get<u32>,
> {
	/// Who revoked it.
	pub by: Revoker,
	/// Why (never empty).
	pub reason: BoundedVec<u8, MaxReasonLen>,
	/// The block of the revocation.
	pub at: BlockNumber,
	/// For a Score token, how much of its Help was burned from the holder; 0 otherwise.
	pub burned_help: u32,
	/// For a Score token, how much of its Help could not be burned because the holder no
	/// longer had it (Help is transferable); `burned_help + unburned_help` is the token's `help`.
	pub unburned_help: u32,
	/// Whether the revocation reopened the lifecycle step that minted the token, so that the
	/// instructor can redo it (see the lifecycle pallet's corrections).
	pub reopened: bool,
}

/// A soulbound token as stored: what it knows, the block it was issued at and its revocation,
/// if any. A revoked token stays, marked revoked.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxReasonLen))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct Token<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxReasonLen: Get<u32>,
> {
	/// What it knows.
	pub data: TokenData<AccountId>,
	/// The block it was issued at.
	pub issued_at: BlockNumber,
	/// Its revocation, once revoked.
	pub revocation: Option<Revocation<BlockNumber, MaxReasonLen>>,
}

impl<AccountId, BlockNumber, MaxReasonLen> Token<AccountId, BlockNumber, MaxReasonLen>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxReasonLen: Get<u32>,
{
	/// Whether it was revoked.
	pub fn is_revoked(&self) -> bool {
		self.revocation.is_some()
	}
}

/// The sums of a holder's live (not revoked) tokens of one CIP code or one skill.
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
pub struct Totals {
	/// The points of the Attendance tokens.
	pub attendance: u64,
	/// The points of the Score tokens.
	pub score: u64,
	/// The Help points minted with the Score tokens (what was minted, not what the holder
	/// still has: Help is transferable).
	pub help: u64,
	/// The points of the Instructor-score tokens.
	pub instructor_score: u64,
	/// How many tokens.
	pub tokens: u32,
}

impl Totals {
	/// What one live token of `kind` with `points` and `help` adds.
	pub fn of(kind: TokenKind, points: u32, help: u32) -> Self {
		let points = u64::from(points);
		let mut totals = Self { tokens: 1, ..Self::default() };
		match kind {
			TokenKind::Attendance => totals.attendance = points,
			TokenKind::Score => {
				totals.score = points;
				totals.help = u64::from(help);
			},
			TokenKind::InstructorScore => totals.instructor_score = points,
		}
		totals
	}

	/// `self + other`, each sum capped at its type's maximum (a `u64` of `u32` points cannot
	/// reach it; the count of tokens only past 4 billion tokens of one holder).
	pub fn saturating_add(&self, other: &Self) -> Self {
		Self {
			attendance: self.attendance.saturating_add(other.attendance),
			score: self.score.saturating_add(other.score),
			help: self.help.saturating_add(other.help),
			instructor_score: self.instructor_score.saturating_add(other.instructor_score),
			tokens: self.tokens.saturating_add(other.tokens),
		}
	}
}

/// A revocation, in plain types.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo)]
pub struct RevocationView<BlockNumber> {
	/// Who revoked the token.
	pub by: Revoker,
	/// Why.
	pub reason: Vec<u8>,
	/// The block of the revocation.
	pub at: BlockNumber,
	/// How much Help was burned from the holder.
	pub burned_help: u32,
	/// How much Help could not be burned (the holder no longer had it).
	pub unburned_help: u32,
	/// Whether the step that minted it was reopened for the instructor to redo.
	pub reopened: bool,
}

/// A token with its id and what its course says about it, in plain types: what the runtime
/// APIs return.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo)]
pub struct TokenView<AccountId, BlockNumber> {
	/// Its id.
	pub id: TokenId,
	/// What it is.
	pub kind: TokenKind,
	/// Who holds it.
	pub holder: AccountId,
	/// The learner of the lifecycle it came from.
	pub learner: AccountId,
	/// The instructor who signed the step that minted it, or who was rated.
	pub instructor: AccountId,
	/// Its points.
	pub points: u32,
	/// For a Score token, the Help points minted with it; 0 otherwise.
	pub help: u32,
	/// The course.
	pub course: CourseId,
	/// The assessment's index in the scoring guide.
	pub assessment: AssessmentIndex,
	/// The unit of competency's index in the course (`None` for an Instructor-score token).
	pub unit: Option<UnitIndex>,
	/// The version of the scoring guide used.
	pub guide_version: GuideVersion,
	/// The issuing institution: the course's.
	pub institution: AccountId,
	/// The course's CIP 2020 code, ASCII, e.g. `11.0701`.
	pub cip_code: Vec<u8>,
	/// The unit's skill identifier (empty for an Instructor-score token).
	pub skill: Vec<u8>,
	/// The block it was issued at.
	pub issued_at: BlockNumber,
	/// Its revocation, if revoked.
	pub revocation: Option<RevocationView<BlockNumber>>,
}

/// A part of a holder's skill profile: the [`Totals`] of the live tokens of one page of their
/// tokens, per CIP code and per skill, each list ordered by its key's bytes. A client adds the
/// pages up (`TokensApi::skill_profile` returns them with a cursor).
#[derive(Clone, Default, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo)]
pub struct SkillProfile {
	/// Per CIP 2020 code (ASCII, e.g. `11.0701`).
	pub by_cip: Vec<(Vec<u8>, Totals)>,
	/// Per skill identifier (Attendance and Score tokens only: a rating has no unit).
	pub by_skill: Vec<(Vec<u8>, Totals)>,
}

impl SkillProfile {
	/// Adds the live tokens among `views` to the profile: per CIP code, and per skill for the
	/// tokens of a unit. The lists stay ordered by key.
	pub fn add<AccountId, BlockNumber>(&mut self, views: &[TokenView<AccountId, BlockNumber>]) {
		use alloc::collections::BTreeMap;
		let mut by_cip: BTreeMap<Vec<u8>, Totals> =
			core::mem::take(&mut self.by_cip).into_iter().collect();
		let mut by_skill: BTreeMap<Vec<u8>, Totals> =
			core::mem::take(&mut self.by_skill).into_iter().collect();
		for view in views.iter().filter(|view| view.revocation.is_none()) {
			let delta = Totals::of(view.kind, view.points, view.help);
			let cip = by_cip.entry(view.cip_code.clone()).or_default();
			*cip = cip.saturating_add(&delta);
			if view.unit.is_some() {
				let skill = by_skill.entry(view.skill.clone()).or_default();
				*skill = skill.saturating_add(&delta);
			}
		}
		self.by_cip = by_cip.into_iter().collect();
		self.by_skill = by_skill.into_iter().collect();
	}
}

/// What a verifier needs to judge a token: what `TokensApi::verify` returns.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo)]
pub struct Verification<AccountId, BlockNumber> {
	/// The token.
	pub token: TokenView<AccountId, BlockNumber>,
	/// Whether its institution was accredited at the block it was issued at.
	pub accredited_when_issued: bool,
	/// Whether its institution is accredited now.
	pub accredited_now: bool,
	/// Whether the instructor of the token is still registered as an instructor of the
	/// institution.
	pub instructor_still_serves: bool,
	/// Whether the token was revoked (its `revocation` says by whom, when and why).
	pub revoked: bool,
}

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
pub use pallet_courses::{CipCode, CourseId, GuideVersion};
use scale_info::TypeInfo;

/// The identifier of a soulbound token: sequential from 0.
pub type TokenId = u64;

/// The kinds of soulbound token. (Help, the fourth Learning Token, is fungible: a
/// `pallet-assets` asset, not a record; a Score token records how much Help was minted with it.)
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
pub enum TokenKind {
	/// Minted to the learner at the acquire step, with the attendance points the instructor
	/// recorded at convey.
	Attendance,
	/// Minted to the learner at the award step, with the score points awarded.
	Score,
	/// Minted to the instructor when the learner rates them, with the feedback points given.
	InstructorScore,
}

/// A token as the lifecycle pallet asks for it: everything but its id, block and revocation.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxSkillIdLen))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct NewToken<AccountId: Clone + PartialEq + Eq + core::fmt::Debug, MaxSkillIdLen: Get<u32>> {
	/// Who holds it: the learner, or for an Instructor-score token the instructor.
	pub holder: AccountId,
	/// What it is.
	pub kind: TokenKind,
	/// Its points (attendance, score or feedback points).
	pub points: u32,
	/// For a Score token, the Help points minted with it (fungible, to the holder); 0 otherwise.
	pub help: u32,
	/// The course.
	pub course: CourseId,
	/// The assessment's index (from 0) in the scoring guide.
	pub assessment: u32,
	/// The unit of competency's index (from 0) in the course.
	pub unit: u32,
	/// The course's field of knowledge.
	pub cip_code: CipCode,
	/// The unit's skill identifier.
	pub skill: BoundedVec<u8, MaxSkillIdLen>,
	/// The institution the course belongs to.
	pub institution: AccountId,
	/// The instructor who performed the step that minted it (for Instructor score: the
	/// instructor rated, who is also the holder).
	pub instructor: AccountId,
	/// The version of the scoring guide the lifecycle used.
	pub guide_version: GuideVersion,
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

/// Why, when and by whom a token was revoked.
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
	/// For a Score token, how much of its Help was burned from the holder (at most its `help`:
	/// the holder may have transferred some or all of it away); 0 otherwise.
	pub burned_help: u32,
}

/// A soulbound token as stored: a [`NewToken`]'s fields, the block it was issued at and its
/// revocation, if any. A revoked token stays, marked revoked.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxSkillIdLen, MaxReasonLen))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct Token<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxSkillIdLen: Get<u32>,
	MaxReasonLen: Get<u32>,
> {
	/// Who holds it: the learner, or for an Instructor-score token the instructor.
	pub holder: AccountId,
	/// What it is.
	pub kind: TokenKind,
	/// Its points (attendance, score or feedback points).
	pub points: u32,
	/// For a Score token, the Help points minted with it; always 0 for the other kinds.
	pub help: u32,
	/// The course.
	pub course: CourseId,
	/// The assessment's index (from 0) in the scoring guide.
	pub assessment: u32,
	/// The unit of competency's index (from 0) in the course.
	pub unit: u32,
	/// The course's field of knowledge.
	pub cip_code: CipCode,
	/// The unit's skill identifier.
	pub skill: BoundedVec<u8, MaxSkillIdLen>,
	/// The institution the course belongs to: the issuer.
	pub institution: AccountId,
	/// The instructor who performed the step that minted it.
	pub instructor: AccountId,
	/// The version of the scoring guide the lifecycle used.
	pub guide_version: GuideVersion,
	/// The block it was issued at.
	pub issued_at: BlockNumber,
	/// Its revocation, once revoked.
	pub revocation: Option<Revocation<BlockNumber, MaxReasonLen>>,
}

impl<AccountId, BlockNumber, MaxSkillIdLen, MaxReasonLen>
	Token<AccountId, BlockNumber, MaxSkillIdLen, MaxReasonLen>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxSkillIdLen: Get<u32>,
	MaxReasonLen: Get<u32>,
{
	/// The record of `token`, issued at block `issued_at`. A token other than Score carries no
	/// Help, whatever `token.help` says.
	pub fn issued(token: NewToken<AccountId, MaxSkillIdLen>, issued_at: BlockNumber) -> Self {
		let help = if token.kind == TokenKind::Score { token.help } else { 0 };
		Self {
			holder: token.holder,
			kind: token.kind,
			points: token.points,
			help,
			course: token.course,
			assessment: token.assessment,
			unit: token.unit,
			cip_code: token.cip_code,
			skill: token.skill,
			institution: token.institution,
			instructor: token.instructor,
			guide_version: token.guide_version,
			issued_at,
			revocation: None,
		}
	}

	/// Whether it was revoked.
	pub fn is_revoked(&self) -> bool {
		self.revocation.is_some()
	}

	/// What it adds to its holder's skill profile while it is live.
	pub fn totals(&self) -> Totals {
		Totals::of(self.kind, self.points, self.help)
	}

	/// The view of this record, with its id, in plain types.
	pub fn view(self, id: TokenId) -> TokenView<AccountId, BlockNumber> {
		TokenView {
			id,
			holder: self.holder,
			kind: self.kind,
			points: self.points,
			help: self.help,
			course: self.course,
			assessment: self.assessment,
			unit: self.unit,
			cip_code: self.cip_code.as_bytes().to_vec(),
			skill: self.skill.into_inner(),
			institution: self.institution,
			instructor: self.instructor,
			guide_version: self.guide_version,
			issued_at: self.issued_at,
			revocation: self.revocation.map(|revocation| RevocationView {
				by: revocation.by,
				reason: revocation.reason.into_inner(),
				at: revocation.at,
				burned_help: revocation.burned_help,
			}),
		}
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
}

/// A token with its id, in plain types: what the runtime API `TokensApi::tokens_of` returns.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo)]
pub struct TokenView<AccountId, BlockNumber> {
	/// Its id.
	pub id: TokenId,
	/// Who holds it.
	pub holder: AccountId,
	/// What it is.
	pub kind: TokenKind,
	/// Its points.
	pub points: u32,
	/// For a Score token, the Help points minted with it; 0 otherwise.
	pub help: u32,
	/// The course.
	pub course: CourseId,
	/// The assessment's index (from 0) in the scoring guide.
	pub assessment: u32,
	/// The unit of competency's index (from 0) in the course.
	pub unit: u32,
	/// The course's CIP 2020 code, ASCII, e.g. `11.0701`.
	pub cip_code: Vec<u8>,
	/// The unit's skill identifier.
	pub skill: Vec<u8>,
	/// The issuing institution.
	pub institution: AccountId,
	/// The instructor who performed the step that minted it.
	pub instructor: AccountId,
	/// The version of the scoring guide used.
	pub guide_version: GuideVersion,
	/// The block it was issued at.
	pub issued_at: BlockNumber,
	/// Its revocation, if revoked.
	pub revocation: Option<RevocationView<BlockNumber>>,
}

/// A holder's skill profile: the [`Totals`] of their live tokens per CIP code and per skill,
/// each list ordered by its key's bytes. What `TokensApi::skill_profile` returns.
#[derive(Clone, Default, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo)]
pub struct SkillProfile {
	/// Per CIP 2020 code (ASCII, e.g. `11.0701`).
	pub by_cip: Vec<(Vec<u8>, Totals)>,
	/// Per skill identifier.
	pub by_skill: Vec<(Vec<u8>, Totals)>,
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
	/// The instructor who performed the step that minted it.
	pub instructor: AccountId,
	/// Whether that instructor is still registered as an instructor of the institution.
	pub instructor_still_serves: bool,
	/// Whether the token was revoked (its `revocation` says by whom, when and why).
	pub revoked: bool,
}

//! Runtime API of the Learning Tokens: what a verifier (or a wallet) asks without an account
//! (`api.call.tokensApi.*` in @polkadot/api, no custom types).
//!
//! Lists are one page at a time: at most `limit` positions (at most 100; a position is a
//! lifecycle record with its tokens, or one Instructor-score token) after `cursor` (`None` for
//! the first page), with the cursor of the next page (`None` on the last). A page may be empty
//! with a cursor: go on until the cursor is `None`. No function iterates an unbounded list.
//!
//! The runtime implements them with `pallet_lifecycle::Pallet::{tokens_of, skill_profile,
//! tokens_of_course}` (a learner's tokens are found through the learner's records) and
//! `pallet_tokens::Pallet::verify`.

#![cfg_attr(not(feature = "std"), no_std)]

use codec::Codec;

pub use pallet_courses::{CourseId, Page};
pub use pallet_lifecycle::{CourseCursor, ProfilePage, RecordCursor, TokenCursor};
pub use pallet_tokens::{
	RevocationView, Revoker, SkillProfile, TokenId, TokenKind, TokenView, Totals, Verification,
};

sp_api::decl_runtime_apis! {
	/// Questions about Learning Tokens.
	pub trait TokensApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// The tokens `holder` holds, revoked ones included (marked so): as a learner, then as
		/// an instructor.
		fn tokens_of(
			holder: AccountId,
			cursor: Option<TokenCursor>,
			limit: u32,
		) -> Page<TokenView<AccountId, BlockNumber>, TokenCursor>;

		/// The skill profile of `holder` over one page of their tokens (the same pages as
		/// `tokens_of`): the totals of the live ones per CIP code and per skill. Add the pages
		/// up.
		fn skill_profile(
			holder: AccountId,
			cursor: Option<TokenCursor>,
			limit: u32,
		) -> ProfilePage<TokenCursor>;

		/// The tokens of `course`: every learner's and every rating's, one page of records at
		/// a time.
		fn tokens_of_course(
			course: CourseId,
			cursor: Option<CourseCursor<AccountId>>,
			limit: u32,
		) -> Page<TokenView<AccountId, BlockNumber>, CourseCursor<AccountId>>;

		/// The token `token` with what a verifier needs to judge it (was its institution
		/// accredited when it was issued, is it now, does its instructor still serve the
		/// institution, was it revoked), or `None` if no token has this id.
		fn verify(token: TokenId) -> Option<Verification<AccountId, BlockNumber>>;
	}
}

//! Runtime API of the tokens pallet: what a verifier (or a wallet, or the node's RPC) asks
//! about Learning Tokens without an account.
//!
//! The runtime implements it with one line per function, each calling the `pub fn` of
//! `pallet_tokens::Pallet` of the same name:
//!
//! ```ignore
//! impl pallet_tokens_runtime_api::TokensApi<Block, AccountId, BlockNumber> for Runtime {
//!     fn tokens_of(holder: AccountId) -> Vec<TokenView<AccountId, BlockNumber>> {
//!         Tokens::tokens_of(&holder)
//!     }
//!     fn skill_profile(holder: AccountId) -> SkillProfile {
//!         Tokens::skill_profile(&holder)
//!     }
//!     fn verify(token: TokenId) -> Option<Verification<AccountId, BlockNumber>> {
//!         Tokens::verify(token)
//!     }
//! }
//! ```

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;

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
		/// The tokens `holder` holds, revoked ones included (marked so), by id.
		fn tokens_of(holder: AccountId) -> Vec<TokenView<AccountId, BlockNumber>>;

		/// The skill profile of `holder`: the totals of their live tokens per CIP code and per
		/// skill identifier.
		fn skill_profile(holder: AccountId) -> SkillProfile;

		/// The token `token` with what a verifier needs to judge it (was its institution
		/// accredited when it was issued, is it now, does its instructor still serve the
		/// institution, was it revoked), or `None` if no token has this id.
		fn verify(token: TokenId) -> Option<Verification<AccountId, BlockNumber>>;
	}
}

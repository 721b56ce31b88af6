//! What the lifecycle pallet asks of the tokens pallet.

use crate::types::{NewToken, TokenId};
use frame_support::traits::Get;
use sp_runtime::DispatchError;

/// Issues Learning Tokens. Implemented by [`Pallet`](crate::Pallet); the lifecycle pallet
/// declares `type Tokens: TokenIssuer<Self::AccountId>` in its `Config`. (`AccountId` has the
/// bounds [`NewToken`] needs; every runtime's account type has them.)
pub trait TokenIssuer<AccountId: Clone + PartialEq + Eq + core::fmt::Debug> {
	/// The longest skill identifier a token records, in bytes (the courses pallet's
	/// `MaxSkillIdLen`).
	type MaxSkillIdLen: Get<u32>;

	/// Issues the soulbound record `token` (Attendance, Score or Instructor score) at the
	/// current block, indexed under its holder, and, for a Score token, mints its `help` points
	/// of the fungible Help token to the holder. Returns the new token's id.
	///
	/// Fails, changing nothing, only if the token ids are exhausted or Help cannot be minted.
	fn issue(token: NewToken<AccountId, Self::MaxSkillIdLen>) -> Result<TokenId, DispatchError>;
}

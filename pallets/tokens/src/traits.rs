//! What the lifecycle pallet asks of the tokens pallet, and what the tokens pallet tells it.

use crate::types::{Page, TokenData, TokenId, TokenView};
use alloc::vec::Vec;
use frame_support::weights::Weight;
use sp_runtime::{DispatchError, DispatchResult};

/// The ledger of Learning Tokens. Implemented by [`Pallet`](crate::Pallet); the lifecycle
/// pallet declares `type Tokens: TokenLedger<Self::AccountId, BlockNumberFor<Self>>`.
pub trait TokenLedger<AccountId, BlockNumber> {
	/// Issues the soulbound records `tokens` at the current block, with consecutive ids, and
	/// returns the first id (`tokens[i]` gets `first + i`). Instructor-score tokens are indexed
	/// under the instructor who holds them; a learner's tokens are found through the learner's
	/// lifecycle records, which keep their ids. Help is minted separately
	/// ([`Self::mint_help`]).
	///
	/// Fails, changing nothing, only if the token ids are exhausted.
	fn issue(tokens: Vec<TokenData<AccountId>>) -> Result<TokenId, DispatchError>;

	/// Mints `amount` Help to `to`: the Help of the Score tokens just issued to `to`, minted
	/// once for all of them.
	fn mint_help(to: &AccountId, amount: u32) -> DispatchResult;

	/// The tokens `ids` as the runtime APIs show them (each with its course's institution, CIP
	/// code and skill), in order; unknown ids are left out.
	fn views(ids: Vec<TokenId>) -> Vec<TokenView<AccountId, BlockNumber>>;

	/// Whether token `id` was revoked (`false` for an unknown id).
	fn is_revoked(id: TokenId) -> bool;

	/// The Instructor-score tokens held by `instructor`, from after `cursor`, at most `limit`.
	fn instructor_tokens(
		instructor: &AccountId,
		cursor: Option<TokenId>,
		limit: u32,
	) -> Page<TokenId, TokenId>;
}

/// Told when a token was revoked, so that the step that minted it can be done again (the
/// correction path). Implemented by the lifecycle pallet; `()` reopens nothing.
pub trait OnRevoke<AccountId> {
	/// Token `id`, with `token`'s data, was just revoked; `unburned_help` of its Help could not
	/// be burned (the holder had passed it on). Returns whether the step that minted it was
	/// reopened.
	fn on_revoke(id: TokenId, token: &TokenData<AccountId>, unburned_help: u32) -> bool;

	/// The most weight [`Self::on_revoke`] takes.
	fn weight() -> Weight;
}

impl<AccountId> OnRevoke<AccountId> for () {
	fn on_revoke(_id: TokenId, _token: &TokenData<AccountId>, _unburned_help: u32) -> bool {
		false
	}

	fn weight() -> Weight {
		Weight::zero()
	}
}

//! The runtime API of free calls: what a wallet asks before (or after) a learner signs.

use crate::Refusal;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Questions about free calls.
	pub trait FeelessApi<AccountId, Call, BlockNumber>
	where
		AccountId: Codec,
		Call: Codec,
		BlockNumber: Codec,
	{
		/// Whether `who` may make `call` for free now: `Ok(())`, or why not — not a free call,
		/// over the rate limit (and when it resets), or the error the call would fail with.
		fn check(who: AccountId, call: Call) -> Result<(), Refusal<BlockNumber>>;

		/// How many more free calls `who` may make in the current period.
		fn remaining(who: AccountId) -> u32;
	}
}

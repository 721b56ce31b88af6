//! # Feeless
//!
//! Learners need no balance: the calls a learner makes (accept an invitation, acquire,
//! respond, rate, transfer Help) are free when they are valid, and free calls are useless for
//! spam: they are rate-limited per account, refused by the pool when they would fail, charged
//! against the signer's limit when they fail anyway, and always outranked by paid
//! transactions.
//!
//! ## Overview
//!
//! The runtime says which calls are free, for which signer, in [`Config::FreeCalls`] (a Help
//! transfer, say, is free only when it moves something to an account that exists). The
//! transaction extension [`FreeOrPaid`] wraps the fee extension (`ChargeTransactionPayment`)
//! in the runtime's transaction-extension pipeline. For a signed free call it
//!
//! 1. checks the signer's rate limit: at most [`Config::MaxFreeCalls`] free calls per period of
//!    [`Config::Period`] blocks ([`RATE_LIMITED`] otherwise);
//! 2. in the transaction pool, refuses the transaction if the call would fail ([`WOULD_FAIL`]);
//! 3. charges no fee, and gives the transaction the free call's pool priority (which
//!    [`Config::FreeCalls`] says: a learner's step above a Help transfer) and a short
//!    longevity ([`Config::FreeLongevity`]); every paid transaction's priority is raised by
//!    [`Config::PaidPriority`], so that a full pool drops free calls before paid ones.
//!
//! How step 2 knows depends on where the transaction is:
//!
//! - **In the transaction pool** (when a transaction arrives, and whenever the pool
//!   re-validates its queue) the call is dispatched inside a storage transaction that is always
//!   rolled back (a *dry run*): a call that would fail is refused and never enters the pool.
//! - **In a block** the call is not dry-run but dispatched once, for real. A call that passed
//!   the pool can still fail there, when an earlier transaction of the block changed what it
//!   depends on (the same step submitted twice, all of one's Help sent and then one more). It
//!   is then included as a failed transaction, as a paid one would be: its full weight counts
//!   in the block, nothing it did is kept, and it counts as [`Config::FailurePenalty`] free
//!   calls against its signer's limit, so that failing on purpose soon exhausts it.
//!
//! Every other call goes to the wrapped fee extension unchanged. A free call's weight in a
//! block is its own weight plus the extension's storage access (the rate limit); the pool's dry
//! run is not block weight. A call that can be free for some signers and paid for others (a
//! Help transfer) is weighed as the heavier of the two, and a free one is refunded the rest.

//! ## Clients need nothing new
//!
//! The extension carries the wrapped extension's identifier, explicit data (the tip) and
//! implicit data, and reports the wrapped extension's metadata: a transaction encodes exactly as
//! it would with `ChargeTransactionPayment` alone. @polkadot/api and polkadot.js Apps sign free
//! calls with no custom types or extension definitions. The runtime's `TransactionPaymentApi`
//! reports a zero fee for free calls, so wallets show what the learner will pay.
//!
//! ## Why a call was refused
//!
//! The pool answers `Invalid Transaction: Custom error: N` with [`RATE_LIMITED`],
//! [`WOULD_FAIL`] or [`QUEUE_FULL`]. [`Pallet::check`], which the runtime exposes as
//! [`FeelessApi::check`](runtime_api::FeelessApi) (`api.call.feelessApi.check(account, call)` in
//! @polkadot/api), says why: the module error the call would fail with, or the rate limit and
//! the block at which it resets.
//!
//! ## Terms
//!
//! - **Period**: blocks `[k * Period, (k + 1) * Period)` for a whole `k`, the period's index.
//! - **Usage**: [`Usage`] holds, per account, the index of the period of its last free call and
//!   how many free calls it made in that period. An entry of an earlier period counts as zero.
//!
//! ## One account's calls in the pool
//!
//! The rate limit is counted in state, and the pool validates each of an account's queued
//! transactions against the same state, so the limit alone would let one account fill the pool
//! with free calls of consecutive future nonces. [`FreeQueueLimit`] wraps the nonce check
//! (`frame_system::CheckNonce`, whose identifier and encoding it keeps) and refuses, in the
//! pool, a free call whose nonce is [`Config::MaxQueuedFree`] or more ahead of its signer's
//! account nonce ([`QUEUE_FULL`]): the pool holds at most that many free calls of one account,
//! and the signer submits the next once one is in a block. Paid transactions keep the plain
//! nonce rules.

//! ## Invariants
//!
//! Checked by `try_state`: every [`Usage`] entry counts between 1 and
//! [`Config::MaxFreeCalls`] calls and no period after the current one.

#![cfg_attr(not(feature = "std"), no_std)]
// Runtime code never panics on what a caller sent: no unwrap, expect, unchecked indexing or
// unchecked arithmetic outside tests (benchmark set-up allows them: benchmarking.rs).
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects
	)
)]

extern crate alloc;

pub use extension::FreeOrPaid;
pub use pallet::*;
pub use queue::FreeQueueLimit;

use sp_runtime::transaction_validity::TransactionPriority;

/// Which calls are free, for which signer, and how urgent they are in the transaction pool.
pub trait FreeCalls<AccountId, Call> {
	/// Whether `call` is of a kind that can be free for some signer. Such a call's transaction
	/// extension weight is the larger of the free and the paid one (it is known before the
	/// signer is).
	fn may_be_free(call: &Call) -> bool;

	/// The pool priority of `call` signed by `who` when it is free for `who`; `None` when
	/// `who` pays for it. Only called when [`FreeCalls::may_be_free`] is `true`.
	fn free_priority(who: &AccountId, call: &Call) -> Option<TransactionPriority>;
}

mod extension;
#[cfg(test)]
mod mock;
mod queue;
pub mod runtime_api;
#[cfg(test)]
mod tests;

/// The custom `InvalidTransaction` code of a free call over the signer's rate limit.
pub const RATE_LIMITED: u8 = 1;

/// The custom `InvalidTransaction` code of a free call that would fail if it were dispatched.
pub const WOULD_FAIL: u8 = 2;

/// The custom `InvalidTransaction` code of a free call whose nonce is
/// [`Config::MaxQueuedFree`] or more ahead of its signer's: the pool holds enough of the
/// signer's free calls; submit it once one of them is in a block.
pub const QUEUE_FULL: u8 = 3;

// FRAME's macros expand into code these lints would flag; the module's own code checks
// origins and hands over to the linted helpers outside it.
#[allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]
#[frame_support::pallet]
pub mod pallet {
	use super::FreeCalls;
	use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use scale_info::TypeInfo;
	use sp_runtime::{
		traits::Zero,
		transaction_validity::{TransactionLongevity, TransactionPriority},
		DispatchError,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The calls that are free when they are valid, and for whom: a learner's calls.
		type FreeCalls: FreeCalls<Self::AccountId, <Self as frame_system::Config>::RuntimeCall>;

		/// The length of a rate-limit period, in blocks (at least 1).
		#[pallet::constant]
		type Period: Get<BlockNumberFor<Self>>;

		/// The most free calls one account may make in one period (at least 1).
		#[pallet::constant]
		type MaxFreeCalls: Get<u32>;

		/// How many free calls a free call that fails in a block counts as (at least 1).
		#[pallet::constant]
		type FailurePenalty: Get<u32>;

		/// How many blocks a free call stays valid in the transaction pool.
		#[pallet::constant]
		type FreeLongevity: Get<TransactionLongevity>;

		/// The most free calls of one account that the transaction pool holds at once (at
		/// least 1): a free call whose nonce is this many or more ahead of the signer's account
		/// nonce is refused by [`FreeQueueLimit`](crate::FreeQueueLimit).
		#[pallet::constant]
		type MaxQueuedFree: Get<u32>;

		/// Added to the pool priority of every paid transaction: more than any free call's
		/// priority, so that paid transactions (instructors, institutions, governance) are never
		/// crowded out by free ones.
		#[pallet::constant]
		type PaidPriority: Get<TransactionPriority>;
	}

	/// The free calls each account made in its latest period.
	#[pallet::storage]
	pub type Usage<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, UsageWindow<BlockNumberFor<T>>, OptionQuery>;

	/// How many free calls an account made in one period.
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
	pub struct UsageWindow<BlockNumber> {
		/// The period's index: its first block divided by [`Config::Period`].
		pub period: BlockNumber,
		/// The free calls made in it.
		pub calls: u32,
	}

	/// Why a call is not free now: [`Pallet::check`]'s answer.
	#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo)]
	pub enum Refusal<BlockNumber> {
		/// The call is not one of the free calls (it pays the normal fee), or its origin is not
		/// signed.
		NotFree,
		/// The signer made [`Config::MaxFreeCalls`] free calls in this period; the next period
		/// starts at block `resets_at`.
		RateLimited { resets_at: BlockNumber },
		/// The call would fail with `error`.
		WouldFail { error: DispatchError },
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(!T::Period::get().is_zero(), "Period must be at least one block");
			assert!(T::MaxFreeCalls::get() > 0, "MaxFreeCalls must be at least 1");
			assert!(T::FailurePenalty::get() > 0, "FailurePenalty must be at least 1");
			assert!(T::FreeLongevity::get() > 0, "FreeLongevity must be at least 1");
			assert!(T::MaxQueuedFree::get() > 0, "MaxQueuedFree must be at least 1");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}
}

// What the extension and the runtime API ask, outside the FRAME macros' module.
use frame_support::{
	pallet_prelude::*,
	storage::{with_transaction, TransactionOutcome},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{CheckedDiv, Dispatchable, Saturating, Zero},
	DispatchError,
};

impl<T: Config> Pallet<T> {
	/// Whether `call` is of a kind that can be free (for some signer).
	pub fn may_be_free(call: &<T as frame_system::Config>::RuntimeCall) -> bool {
		T::FreeCalls::may_be_free(call)
	}

	/// The pool priority of `call` signed by `who` if it is free for `who`.
	pub fn free_priority(
		who: &T::AccountId,
		call: &<T as frame_system::Config>::RuntimeCall,
	) -> Option<TransactionPriority> {
		if T::FreeCalls::may_be_free(call) {
			T::FreeCalls::free_priority(who, call)
		} else {
			None
		}
	}

	/// Whether `call` signed by `who` is free (when valid and within the rate limit).
	pub fn is_free(who: &T::AccountId, call: &<T as frame_system::Config>::RuntimeCall) -> bool {
		Self::free_priority(who, call).is_some()
	}

	/// The extension's own weight of a free call in a block: the rate limit reads and
	/// writes `Usage` and reads the block number, and [`Config::FreeCalls`] may read one more
	/// item to decide (the Learning Tokens runtime: a Help transfer's target account). No dry
	/// run in a block.
	pub fn free_call_weight() -> Weight {
		T::DbWeight::get().reads_writes(3, 1)
	}

	/// The index of the current period.
	pub fn current_period() -> BlockNumberFor<T> {
		// `None` only for a period of zero blocks, which `integrity_test` forbids.
		frame_system::Pallet::<T>::block_number()
			.checked_div(&T::Period::get())
			.unwrap_or_else(Zero::zero)
	}

	/// The free calls `who` made in the current period.
	pub fn calls_used(who: &T::AccountId) -> u32 {
		match Usage::<T>::get(who) {
			Some(usage) if usage.period == Self::current_period() => usage.calls,
			_ => 0,
		}
	}

	/// How many more free calls `who` may make in the current period.
	pub fn remaining(who: &T::AccountId) -> u32 {
		T::MaxFreeCalls::get().saturating_sub(Self::calls_used(who))
	}

	/// Whether `who` may make `call` for free now: `Ok` if it is a free call, `who` is
	/// within the rate limit, and the call would succeed if dispatched now. The call is
	/// dispatched in a storage transaction that is rolled back: nothing changes.
	pub fn check(
		who: &T::AccountId,
		call: &<T as frame_system::Config>::RuntimeCall,
	) -> Result<(), Refusal<BlockNumberFor<T>>> {
		if !Self::is_free(who, call) {
			return Err(Refusal::NotFree);
		}
		Self::check_rate(who)?;
		let origin: T::RuntimeOrigin = frame_system::RawOrigin::Signed(who.clone()).into();
		let outcome = with_transaction(|| {
			let result = call.clone().dispatch(origin).map(|_| ()).map_err(|e| e.error);
			TransactionOutcome::Rollback(Ok::<_, DispatchError>(result))
		});
		match outcome {
			Ok(Ok(())) => Ok(()),
			Ok(Err(error)) | Err(error) => Err(Refusal::WouldFail { error }),
		}
	}

	/// Whether `who` may make one more free call in the current period.
	pub(crate) fn check_rate(who: &T::AccountId) -> Result<(), Refusal<BlockNumberFor<T>>> {
		if Self::calls_used(who) >= T::MaxFreeCalls::get() {
			let resets_at = Self::current_period()
				.saturating_add(1u32.into())
				.saturating_mul(T::Period::get());
			return Err(Refusal::RateLimited { resets_at });
		}
		Ok(())
	}

	/// Counts one free call of `who` in the current period.
	pub(crate) fn note_free_call(who: &T::AccountId) {
		Self::note_calls(who, 1);
	}

	/// Counts a free call of `who` that failed in a block: [`Config::FailurePenalty`] calls
	/// in all, the one [`Self::note_free_call`] counted included (at most the limit).
	pub(crate) fn note_failed_call(who: &T::AccountId) {
		Self::note_calls(who, T::FailurePenalty::get().saturating_sub(1));
	}

	fn note_calls(who: &T::AccountId, calls: u32) {
		let period = Self::current_period();
		let calls = Self::calls_used(who).saturating_add(calls).min(T::MaxFreeCalls::get());
		if calls > 0 {
			Usage::<T>::insert(who, UsageWindow { period, calls });
		}
	}

	/// Checks the invariants of the module documentation.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let current = Self::current_period();
		for (_, usage) in Usage::<T>::iter() {
			ensure!(usage.calls >= 1, "a usage entry counts no call");
			ensure!(usage.calls <= T::MaxFreeCalls::get(), "a usage entry exceeds the limit");
			ensure!(usage.period <= current, "a usage entry of a future period");
		}
		Ok(())
	}
}

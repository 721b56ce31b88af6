//! # Feeless
//!
//! Learners need no balance: the calls a learner makes (accept an invitation, acquire,
//! respond, rate, transfer Help) are free when they are valid, and a call that would fail never
//! reaches a block, so free calls cannot be used to spam the chain.
//!
//! ## Overview
//!
//! The runtime lists its free calls in [`Config::FreeCalls`]. The transaction extension
//! [`FreeOrPaid`] wraps the fee extension (`ChargeTransactionPayment`) in the runtime's
//! transaction-extension pipeline. For a signed free call it
//!
//! 1. checks the signer's rate limit: at most [`Config::MaxFreeCalls`] free calls per period of
//!    [`Config::Period`] blocks ([`RATE_LIMITED`] otherwise);
//! 2. refuses the transaction if the call fails ([`WOULD_FAIL`]);
//! 3. charges no fee.
//!
//! How step 2 knows depends on where the transaction is:
//!
//! - **In the transaction pool** (when a transaction arrives, and whenever the pool
//!   re-validates its queue) the call is dispatched inside a storage transaction that is always
//!   rolled back (a *dry run*): a call that would fail is refused and never enters the pool.
//! - **In a block** the call is not dry-run but dispatched once, for real, and if it fails the
//!   extension's `post_dispatch` answers [`WOULD_FAIL`] instead of a result. The transaction
//!   is then not applicable at all: the block author's block builder rolls back everything the
//!   transaction did (the failed call, the rate-limit count) and drops it, and a block that
//!   contains it anyway fails to import on every node, because applying one of its
//!   transactions returned an error. So, exactly as with a dry run, an invalid free call is
//!   never included, and a valid one is executed once rather than twice. (A call that passed
//!   the pool can still fail in a block when an earlier transaction of the block changed what
//!   it depends on, e.g. the same step submitted twice.)
//!
//! Every other call goes to the wrapped fee extension unchanged. A free call's weight in a
//! block is its own weight plus the extension's storage access (the rate limit); the pool's dry
//! run is not block weight.

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
//! The pool answers `Invalid Transaction: Custom error: N` with [`RATE_LIMITED`] or
//! [`WOULD_FAIL`]. [`Pallet::check`], which the runtime exposes as
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
//! ## Invariants
//!
//! Checked by `try_state`: every [`Usage`] entry counts between 1 and
//! [`Config::MaxFreeCalls`] calls and no period after the current one.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use extension::FreeOrPaid;
pub use pallet::*;

mod extension;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;

/// The custom `InvalidTransaction` code of a free call over the signer's rate limit.
pub const RATE_LIMITED: u8 = 1;

/// The custom `InvalidTransaction` code of a free call that would fail if it were dispatched.
pub const WOULD_FAIL: u8 = 2;

#[frame_support::pallet]
pub mod pallet {
	use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
	use frame_support::{
		pallet_prelude::*,
		storage::{with_transaction, TransactionOutcome},
		traits::Contains,
	};
	use frame_system::pallet_prelude::*;
	use scale_info::TypeInfo;
	use sp_runtime::{
		traits::{Dispatchable, Saturating, Zero},
		DispatchError,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The calls that are free when they are valid: a learner's calls.
		type FreeCalls: Contains<<Self as frame_system::Config>::RuntimeCall>;

		/// The length of a rate-limit period, in blocks (at least 1).
		#[pallet::constant]
		type Period: Get<BlockNumberFor<Self>>;

		/// The most free calls one account may make in one period (at least 1).
		#[pallet::constant]
		type MaxFreeCalls: Get<u32>;
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
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> Pallet<T> {
		/// Whether `call` is one of the free calls.
		pub fn is_free(call: &<T as frame_system::Config>::RuntimeCall) -> bool {
			T::FreeCalls::contains(call)
		}

		/// The index of the current period.
		pub fn current_period() -> BlockNumberFor<T> {
			let period = T::Period::get();
			if period.is_zero() {
				return Zero::zero();
			}
			frame_system::Pallet::<T>::block_number() / period
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
			if !Self::is_free(call) {
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
			let period = Self::current_period();
			let calls = Self::calls_used(who).saturating_add(1);
			Usage::<T>::insert(who, UsageWindow { period, calls });
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
}

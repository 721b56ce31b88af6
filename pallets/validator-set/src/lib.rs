//! # Validator set
//!
//! The accounts that author and finalise blocks on a permissioned chain, changed only by the
//! Council, and handed to `pallet-session` as its [`SessionManager`](pallet_session::SessionManager).
//!
//! ## Overview
//!
//! Governance institutions run validator nodes. The Council adds one with
//! [`add_validator`](Pallet::add_validator) and removes one with
//! [`remove_validator`](Pallet::remove_validator); each of the two has its own origin in
//! [`Config`] (the runtime sets both to two thirds of the Council). Nothing else changes the set.
//!
//! This pallet only keeps the list. `pallet-session` asks for it at every session rotation
//! through [`SessionManager::new_session`](pallet_session::SessionManager::new_session), and this
//! pallet answers with the new list only when it has changed since it was last asked. The
//! session pallet then *queues* that list, with each validator's session keys, and makes it the
//! active set at the following rotation. A change decided during session `s` is therefore
//! planned at the end of `s` and active from session `s + 2`: one to two session lengths after
//! the motion executed. Until then a removed validator keeps authoring.
//!
//! ## Session keys
//!
//! `pallet-session` (v50, `rotate_session`) builds the queued set by loading each validator's
//! session keys and *silently skipping* any validator that has none (it only logs a warning).
//! Worse, when this pallet answers `None` (no change), the session pallet re-queues its own
//! current set, so a validator skipped once stays out until the set changes again. An account
//! without keys in [`Validators`] would be a validator in name only, and would count towards
//! [`MinValidators`](Config::MinValidators) while not validating. So
//! [`add_validator`](Pallet::add_validator) refuses an account for which
//! [`Config::ValidatorRegistration`] (in the runtime: `pallet_session::Pallet`, which checks
//! its `NextKeys`) reports no keys: the institution calls `session.set_keys` first, then the
//! Council adds it.
//!
//! A listed validator cannot purge its keys either: [`KeepKeys`], a transaction extension the
//! runtime wraps around `CheckNonZeroSender`, refuses `session.purge_keys` signed by an account
//! in [`Validators`] ([`VALIDATOR_KEEPS_KEYS`]), in the pool and in a block. Otherwise the session
//! pallet would drop the validator from the queued set at the next rotation while this pallet
//! still listed it, and if every validator did so Aura would be left with no authority and the
//! chain would halt for good. A validator changes its keys with `session.set_keys` (which
//! replaces them), and purges them once the Council has removed it.
//!
//! ## Recovering finality
//!
//! GRANDPA needs more than two thirds of its voters: with three, one validator lost for good
//! stops finality. Removing it from the set does not help by itself, because GRANDPA's standard
//! set change takes effect only once the block that signals it is finalized.
//! [`recover_finality`](Pallet::recover_finality) (two thirds of the Council in the runtime)
//! records the block the network last finalized and a delay ([`PendingRecovery`]). At the
//! first session rotation whose incoming set is exactly [`Validators`] (the lost validator
//! already removed and out of the queue), this pallet hands both to GRANDPA
//! ([`Config::Finality`]: `grandpa.note_stalled` with Root), which then signals a *forced*
//! change to that set: the nodes enact it `delay` blocks after the signal without waiting for
//! finality, and the new voters finalize from the given block on. Nothing finalized before is
//! reverted.
//!
//! ## Sessions
//!
//! This pallet also ends sessions: every [`SessionLength`] blocks (set at genesis, per chain:
//! a few blocks on a test network, an hour on a production one) its `on_initialize` calls
//! `pallet_session::Pallet::rotate_session` (through [`Config::Rotation`]) and is weighed by its own benchmark of a rotation
//! (`WeightInfo::rotate_session`, with the most validators). The runtime gives
//! `pallet-session` [`NoAutomaticRotation`] as its `ShouldEndSession`, so that the session
//! pallet never rotates by itself: when it does, its `on_initialize` reports a whole block's
//! weight (`max_block`), and every rotating block refused all normal transactions.
//!
//! ## Terms
//!
//! - **Validator**: an account in [`Validators`]. The runtime uses `ValidatorId = AccountId`
//!   in `pallet-session` (identity conversion), so the list is handed over unchanged.
//! - **Changed**: [`SetChanged`] is set by every successful add or remove and cleared when the
//!   new list is handed to the session pallet.
//!
//! ## Invariants
//!
//! Checked by `do_try_state` (the `try_state` hook) and after every unit test:
//!
//! - [`Validators`] is strictly sorted, hence holds no duplicates.
//! - `MinValidators <= Validators.len() <= MaxValidators`.
//!
//! A configured genesis set must satisfy both (the genesis build panics otherwise), and no call
//! can break them: a call that would fails and changes nothing. The one exception is a genesis
//! that configures no validators at all (the `Default` one, which FRAME expects to build): the
//! set is then empty, `pallet-session` uses its own genesis keys, and `do_try_state` reports it.
//!
//! ## Runtime wiring
//!
//! This pallet must come *before* `pallet-session` in the runtime: the session pallet's genesis
//! build asks this pallet for the genesis set, so this pallet's genesis must be built first.

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

pub use extension::KeepKeys;
pub use pallet::*;
pub use session::{Finality, NoAutomaticRotation, Rotate, RotateSession};
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod extension;
mod functions;
#[cfg(test)]
mod mock;
mod session;
#[cfg(test)]
mod tests;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
pub use benchmarking::{BenchmarkHelper, RegisterSessionKeys};

/// The log target of this pallet.
pub const LOG_TARGET: &str = "runtime::validator-set";

/// `Invalid Transaction: Custom error: 10`: [`KeepKeys`] refused `session.purge_keys` signed by
/// a listed validator; the Council removes it first.
pub const VALIDATOR_KEEPS_KEYS: u8 = 10;

/// A request of the Council to restart finality, waiting for the rotation that hands it to
/// GRANDPA ([`Pallet::recover_finality`]).
#[derive(
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
)]
pub struct Recovery<BlockNumber> {
	/// The block the network last finalized: the new voters finalize from there.
	pub finalized: BlockNumber,
	/// Blocks between GRANDPA's signal of the forced change and its enactment.
	pub delay: BlockNumber,
}

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
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::ValidatorRegistration};
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Who may add a validator.
		type AddOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Who may remove a validator.
		type RemoveOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Tells whether an account has registered session keys; `add_validator` refuses one
		/// that has not. In the runtime: `pallet_session::Pallet<Runtime>` (`Session`). Its cost
		/// must be at most one storage read (it is weighed as one).
		type ValidatorRegistration: ValidatorRegistration<Self::AccountId>;

		/// The fewest validators: `remove_validator` refuses to go below. At least one.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// The most validators: `add_validator` refuses to go above. At least `MinValidators`.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// Ends a session: in the runtime [`RotateSession<Runtime>`](crate::RotateSession),
		/// which calls `pallet_session::Pallet::rotate_session`.
		type Rotation: crate::session::Rotate<Self::AccountId>;

		/// Who may restart a stalled finality (in the runtime, two thirds of the Council).
		type RecoveryOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The finality gadget a recovery is handed to: in the runtime, `pallet_grandpa`'s
		/// `note_stalled`, called with Root.
		type Finality: crate::session::Finality<BlockNumberFor<Self>>;

		/// Weight information for the calls of this pallet.
		type WeightInfo: WeightInfo;

		/// Registers session keys for the accounts the benchmarks add, so that
		/// `ValidatorRegistration` accepts them. In a runtime with `pallet-session`:
		/// [`RegisterSessionKeys<Runtime>`](crate::RegisterSessionKeys).
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The validators, strictly sorted. What `pallet-session` receives at the next rotation
	/// when [`SetChanged`] is true.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether [`Validators`] changed since `pallet-session` last asked for it.
	#[pallet::storage]
	pub type SetChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// How many blocks a session lasts: this pallet ends one at every block whose number is a
	/// multiple of it. Zero: sessions never end (only the genesis set validates).
	#[pallet::storage]
	pub type SessionLength<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The Council's request to restart finality, until the session rotation that hands it to
	/// GRANDPA (see the crate docs, "Recovering finality").
	#[pallet::storage]
	pub type PendingRecovery<T: Config> = StorageValue<_, Recovery<BlockNumberFor<T>>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The genesis validators: at least `MinValidators`, at most `MaxValidators`, no
		/// duplicates, in any order (they are stored sorted); the build panics otherwise. Their
		/// session keys go in `pallet-session`'s genesis config. Empty (the default) means "not
		/// configured": nothing is stored, `pallet-session` falls back to the accounts of its own
		/// genesis keys, and `do_try_state` fails until the Council has added `MinValidators`.
		pub initial_validators: Vec<T::AccountId>,
		/// Blocks per session ([`SessionLength`]). A validator set change takes effect one to
		/// two sessions after the Council's motion.
		pub session_length: BlockNumberFor<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			SessionLength::<T>::put(self.session_length);
			// The `Default` genesis (what `RuntimeGenesisConfig::default()` holds, and FRAME's
			// generated `test_genesis_config_builds` builds) configures no validators: accepted,
			// so that it builds, but reported by `do_try_state`.
			if self.initial_validators.is_empty() {
				log::warn!(
					target: LOG_TARGET,
					"no genesis validators: pallet-session will use its own genesis keys",
				);
				return;
			}
			if let Err(problem) = Pallet::<T>::do_initialize(&self.initial_validators) {
				panic!("pallet-validator-set genesis: {problem}");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `validator` joined the set; it is planned at the next session rotation and validates
		/// from the one after.
		ValidatorAdded { validator: T::AccountId },
		/// `validator` left the set; it is planned at the next session rotation and stops
		/// validating at the one after.
		ValidatorRemoved { validator: T::AccountId },
		/// The Council asked to restart finality from block `finalized`; GRANDPA gets the
		/// request at the first rotation whose incoming set is the listed one.
		FinalityRecoveryRequested { finalized: BlockNumberFor<T>, delay: BlockNumberFor<T> },
		/// GRANDPA got the request at this rotation: it signals a forced change to `validators`,
		/// enacted `delay` blocks later.
		FinalityRecoveryScheduled {
			finalized: BlockNumberFor<T>,
			delay: BlockNumberFor<T>,
			validators: Vec<T::AccountId>,
		},
		/// GRANDPA did not act on the request at this rotation (a change was pending, or the
		/// last forced change was less than twice its delay ago): the request waits for the
		/// next rotation.
		FinalityRecoveryDeferred { finalized: BlockNumberFor<T>, delay: BlockNumberFor<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a validator.
		AlreadyValidator,
		/// The account is not a validator.
		UnknownValidator,
		/// The set already has `MaxValidators` validators.
		TooManyValidators,
		/// The set has `MinValidators` validators; removing one would go below.
		TooFewValidators,
		/// The account has not registered session keys (`session.set_keys`); the session
		/// pallet would skip it.
		NoSessionKeys,
		/// `finalized` is not a block of this chain yet: it must be below the current block.
		FinalizedInTheFuture,
		/// `delay` is longer than a session (`SessionLength`), or sessions never end here.
		RecoveryDelayTooLong,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Ends a session every [`SessionLength`] blocks (see the crate docs).
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			if Self::session_ends_at(now) {
				let (handed, before) = Self::hand_over_recovery();
				<T::Rotation as crate::session::Rotate<T::AccountId>>::rotate();
				let after = Self::confirm_recovery(handed);
				T::WeightInfo::rotate_session().saturating_add(before).saturating_add(after)
			} else {
				T::DbWeight::get().reads(1)
			}
		}

		fn integrity_test() {
			assert!(
				T::MinValidators::get() >= 1,
				"MinValidators must be at least 1: an empty set stops block production"
			);
			assert!(
				T::MinValidators::get() <= T::MaxValidators::get(),
				"MinValidators must not exceed MaxValidators"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Add `validator` to the set.
		///
		/// - Origin: `AddOrigin` (in the runtime, two thirds of the Council).
		/// - `validator` must not be in the set, must have registered session keys, and the set
		///   must have fewer than `MaxValidators` validators.
		/// - Takes effect through `pallet-session`: planned at the next session rotation,
		///   active from the one after.
		/// - Emits `ValidatorAdded`.
		/// - Cost: O(MaxValidators) in memory, two reads (the set, the session keys) and two
		///   writes; `WeightInfo::add_validator`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_validator())]
		pub fn add_validator(origin: OriginFor<T>, validator: T::AccountId) -> DispatchResult {
			T::AddOrigin::ensure_origin(origin)?;
			Self::do_add_validator(validator)
		}

		/// Remove `validator` from the set.
		///
		/// - Origin: `RemoveOrigin` (in the runtime, two thirds of the Council).
		/// - `validator` must be in the set, and the set must keep at least `MinValidators`.
		/// - Takes effect through `pallet-session`: the validator keeps validating until the
		///   second session rotation from now.
		/// - Emits `ValidatorRemoved`.
		/// - Cost: O(MaxValidators) in memory, one read and two writes;
		///   `WeightInfo::remove_validator`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_validator())]
		pub fn remove_validator(origin: OriginFor<T>, validator: T::AccountId) -> DispatchResult {
			T::RemoveOrigin::ensure_origin(origin)?;
			Self::do_remove_validator(validator)
		}

		/// Restart finality after validators were lost for good (see the crate docs,
		/// "Recovering finality").
		///
		/// - Origin: `RecoveryOrigin` (in the runtime, two thirds of the Council).
		/// - `finalized`: the best block the network finalized (`chain_getFinalizedHead`); it
		///   must be below the current block (`FinalizedInTheFuture`).
		/// - `delay`: blocks between GRANDPA's signal of the forced change and its enactment, at
		///   most a session (`RecoveryDelayTooLong`).
		/// - Replaces an earlier request not handed over yet. The Council removes the lost
		///   validators too (`remove_validator`); GRANDPA gets the request at the first session
		///   rotation whose incoming set is exactly the listed one.
		/// - Emits `FinalityRecoveryRequested`; `FinalityRecoveryScheduled` at that rotation.
		/// - Cost: one read and one write; `WeightInfo::recover_finality`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::recover_finality())]
		pub fn recover_finality(
			origin: OriginFor<T>,
			finalized: BlockNumberFor<T>,
			delay: BlockNumberFor<T>,
		) -> DispatchResult {
			T::RecoveryOrigin::ensure_origin(origin)?;
			Self::do_request_recovery(finalized, delay)
		}
	}
}

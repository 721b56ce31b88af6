//! The logic behind the calls, the genesis build and the invariant check.

use crate::{
	session::{Finality, Rotate},
	Config, Error, Event, Pallet, PendingRecovery, Recovery, SessionLength, SetChanged, Validators,
	LOG_TARGET,
};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::{DispatchResult, Get, Weight},
	traits::ValidatorRegistration,
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Zero;

/// A recovery handed to the finality gadget at a rotation, with the set it was handed for.
pub(crate) type Handed<T> =
	(Recovery<BlockNumberFor<T>>, Vec<<T as frame_system::Config>::AccountId>);

impl<T: Config> Pallet<T> {
	/// Sets the genesis validators, sorted. Fails, changing nothing, on a duplicate or a count
	/// outside `MinValidators..=MaxValidators`.
	pub(crate) fn do_initialize(initial: &[T::AccountId]) -> Result<(), &'static str> {
		let mut sorted: Vec<T::AccountId> = initial.to_vec();
		sorted.sort();
		let before = sorted.len();
		sorted.dedup();
		ensure!(sorted.len() == before, "initial_validators has duplicates");
		ensure!(
			sorted.len() >= T::MinValidators::get() as usize,
			"initial_validators has fewer than MinValidators accounts"
		);
		let validators: BoundedVec<T::AccountId, T::MaxValidators> = sorted
			.try_into()
			.map_err(|_| "initial_validators has more than MaxValidators accounts")?;
		Validators::<T>::put(validators);
		Ok(())
	}

	/// Adds `validator` to the set and marks the set changed.
	pub(crate) fn do_add_validator(validator: T::AccountId) -> DispatchResult {
		let mut validators = Validators::<T>::get();
		let position = match validators.binary_search(&validator) {
			Ok(_) => return Err(Error::<T>::AlreadyValidator.into()),
			Err(position) => position,
		};
		ensure!(T::ValidatorRegistration::is_registered(&validator), Error::<T>::NoSessionKeys);
		validators
			.try_insert(position, validator.clone())
			.map_err(|_| Error::<T>::TooManyValidators)?;

		Validators::<T>::put(validators);
		SetChanged::<T>::put(true);
		Self::deposit_event(Event::ValidatorAdded { validator });
		Ok(())
	}

	/// Removes `validator` from the set and marks the set changed.
	pub(crate) fn do_remove_validator(validator: T::AccountId) -> DispatchResult {
		let mut validators = Validators::<T>::get();
		let position =
			validators.binary_search(&validator).map_err(|_| Error::<T>::UnknownValidator)?;
		ensure!(validators.len() > T::MinValidators::get() as usize, Error::<T>::TooFewValidators);
		validators.remove(position);

		Validators::<T>::put(validators);
		SetChanged::<T>::put(true);
		Self::deposit_event(Event::ValidatorRemoved { validator });
		Ok(())
	}

	/// Records the Council's request to restart finality from `finalized` with `delay`.
	pub(crate) fn do_request_recovery(
		finalized: BlockNumberFor<T>,
		delay: BlockNumberFor<T>,
	) -> DispatchResult {
		ensure!(
			finalized < frame_system::Pallet::<T>::block_number(),
			Error::<T>::FinalizedInTheFuture
		);
		let length = SessionLength::<T>::get();
		ensure!(!length.is_zero() && delay <= length, Error::<T>::RecoveryDelayTooLong);
		PendingRecovery::<T>::put(Recovery { finalized, delay });
		Self::deposit_event(Event::FinalityRecoveryRequested { finalized, delay });
		Ok(())
	}

	/// At a session rotation, before it: hands a pending recovery to the finality gadget if the
	/// set about to become active is exactly the listed one, so that the forced change GRANDPA
	/// signals at this rotation leaves the lost validators out. Returns what it handed over,
	/// and the weight it used beyond the rotation's benchmark (which reads the queue and the set
	/// already).
	pub(crate) fn hand_over_recovery() -> (Option<Handed<T>>, Weight) {
		let db = T::DbWeight::get();
		let Some(recovery) = PendingRecovery::<T>::get() else {
			return (None, db.reads(1));
		};
		let mut incoming = T::Rotation::queued();
		incoming.sort();
		let validators = Validators::<T>::get().into_inner();
		if incoming != validators {
			log::info!(
				target: LOG_TARGET,
				"finality recovery waits: {} validators queued, {} listed",
				incoming.len(),
				validators.len(),
			);
			return (None, db.reads(3));
		}
		T::Finality::note_stalled(recovery.finalized, recovery.delay);
		PendingRecovery::<T>::kill();
		(Some((recovery, validators)), db.reads_writes(3, 2))
	}

	/// After the rotation: tells whether GRANDPA acted on what [`Self::hand_over_recovery`]
	/// handed it. If it did not, the request is taken back from it (so that it cannot fire
	/// later with another set) and waits for the next rotation. Returns the weight it used.
	pub(crate) fn confirm_recovery(handed: Option<Handed<T>>) -> Weight {
		let db = T::DbWeight::get();
		let Some((recovery, validators)) = handed else {
			return Weight::zero();
		};
		let Recovery { finalized, delay } = recovery;
		if T::Finality::still_stalled() {
			T::Finality::withdraw();
			PendingRecovery::<T>::put(recovery);
			log::warn!(target: LOG_TARGET, "GRANDPA did not take the finality recovery yet");
			Self::deposit_event(Event::FinalityRecoveryDeferred { finalized, delay });
			return db.reads_writes(1, 2);
		}
		Self::deposit_event(Event::FinalityRecoveryScheduled { finalized, delay, validators });
		db.reads(1)
	}

	/// Checks the invariants listed in the crate documentation.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let validators = Validators::<T>::get();
		ensure!(
			validators.windows(2).all(|pair| matches!(pair, [a, b] if a < b)),
			"Validators is not strictly sorted (or has duplicates)"
		);
		ensure!(
			validators.len() >= T::MinValidators::get() as usize,
			"Validators has fewer than MinValidators accounts"
		);
		ensure!(
			validators.len() <= T::MaxValidators::get() as usize,
			"Validators has more than MaxValidators accounts"
		);
		Ok(())
	}
}

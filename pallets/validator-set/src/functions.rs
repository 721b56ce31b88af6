//! The logic behind the calls, the genesis build and the invariant check.

use crate::{Config, Error, Event, Pallet, SetChanged, Validators};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::{DispatchResult, Get},
	traits::ValidatorRegistration,
	BoundedVec,
};

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

//! Benchmarks of the validator set, each call in its worst case: a full list (less one, to
//! add), and the change at the front of the sorted list, so that every other entry moves.

// Benchmark set-up may panic: a failed set-up is a failed benchmark, not a runtime fault.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

use super::*;
use crate::pallet::{PendingRecovery, SessionLength, SetChanged, Validators};
use alloc::vec::Vec;
use codec::Decode;
use core::marker::PhantomData;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Convert, TrailingZeroInput};

const SEED: u32 = 0;

/// Makes an account acceptable to [`Config::ValidatorRegistration`] in the benchmarks.
pub trait BenchmarkHelper<AccountId> {
	/// Registers session keys for `who`.
	fn register_session_keys(who: &AccountId);
}

/// For a `ValidatorRegistration` that accepts every account.
impl<AccountId> BenchmarkHelper<AccountId> for () {
	fn register_session_keys(_who: &AccountId) {}
}

/// For `ValidatorRegistration = pallet_session::Pallet<T>`: stores all-zero session keys for the
/// account in `pallet_session::NextKeys`, which is what `is_registered` reads. Benchmarks only:
/// it bypasses `set_keys` (no ownership proof, no deposit, no key-owner index).
pub struct RegisterSessionKeys<T>(PhantomData<T>);

impl<T: pallet_session::Config> BenchmarkHelper<T::AccountId> for RegisterSessionKeys<T> {
	fn register_session_keys(who: &T::AccountId) {
		let Some(validator_id) = T::ValidatorIdOf::convert(who.clone()) else { return };
		if let Ok(keys) = T::Keys::decode(&mut TrailingZeroInput::zeroes()) {
			pallet_session::NextKeys::<T>::insert(validator_id, keys);
		}
	}
}

/// `count` accounts with session keys, sorted.
fn candidates<T: Config>(count: u32) -> Vec<T::AccountId> {
	let mut accounts: Vec<T::AccountId> =
		(0..count).map(|index| account("validator", index, SEED)).collect();
	accounts.sort();
	accounts.iter().for_each(T::BenchmarkHelper::register_session_keys);
	accounts
}

/// Stores `validators` (sorted) as the set.
fn set_validators<T: Config>(validators: Vec<T::AccountId>) -> Result<(), BenchmarkError> {
	let validators: BoundedVec<T::AccountId, T::MaxValidators> = validators
		.try_into()
		.map_err(|_| BenchmarkError::Stop("more validators than MaxValidators"))?;
	Validators::<T>::put(validators);
	SetChanged::<T>::kill();
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `MaxValidators - 1` validators; the new one sorts first.
	#[benchmark]
	fn add_validator() -> Result<(), BenchmarkError> {
		let mut accounts = candidates::<T>(T::MaxValidators::get());
		if accounts.is_empty() {
			return Err(BenchmarkError::Stop("MaxValidators is zero"));
		}
		let new = accounts.remove(0);
		set_validators::<T>(accounts)?;
		let origin =
			T::AddOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, new.clone());

		assert_eq!(Validators::<T>::get().first(), Some(&new));
		assert_eq!(Validators::<T>::get().len() as u32, T::MaxValidators::get());
		assert!(SetChanged::<T>::get());
		Ok(())
	}

	/// `MaxValidators` validators; the first one leaves.
	#[benchmark]
	fn remove_validator() -> Result<(), BenchmarkError> {
		if T::MaxValidators::get() <= T::MinValidators::get() {
			return Err(BenchmarkError::Stop("MaxValidators must exceed MinValidators"));
		}
		let accounts = candidates::<T>(T::MaxValidators::get());
		let Some(leaving) = accounts.first().cloned() else {
			return Err(BenchmarkError::Stop("MaxValidators is zero"));
		};
		set_validators::<T>(accounts)?;
		let origin =
			T::RemoveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, leaving.clone());

		assert!(!Validators::<T>::get().contains(&leaving));
		assert!(SetChanged::<T>::get());
		Ok(())
	}

	/// A session ends with `MaxValidators` validators, all with keys, and a changed set, so
	/// that the session pallet loads every validator's keys and tells the handlers.
	#[benchmark]
	fn rotate_session() -> Result<(), BenchmarkError> {
		set_validators::<T>(candidates::<T>(T::MaxValidators::get()))?;
		SetChanged::<T>::put(true);

		#[block]
		{
			<T::Rotation as crate::Rotate<T::AccountId>>::rotate();
		}

		assert!(!SetChanged::<T>::get());
		Ok(())
	}

	/// The Council asks for a recovery; it waits in storage for the rotation.
	#[benchmark]
	fn recover_finality() -> Result<(), BenchmarkError> {
		SessionLength::<T>::put(BlockNumberFor::<T>::from(10u32));
		frame_system::Pallet::<T>::set_block_number(20u32.into());
		let origin =
			T::RecoveryOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 10u32.into(), 2u32.into());

		assert!(PendingRecovery::<T>::get().is_some());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

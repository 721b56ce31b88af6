//! Benchmarks of the registry of trust, each call in its worst case: longest inputs, fullest
//! history and fullest lists of instructors and institutions that still let the call succeed.

// Benchmark set-up may panic: a failed set-up is a failed benchmark, not a runtime fault.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

use super::*;
use crate::pallet::{
	AccreditationHistory, Institutions, InstitutionsOf, InstructorsOf, SigningKeys,
};
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, InspectHold, Mutate},
	EnsureOrigin, Get,
};
use frame_support::BoundedVec;
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{Saturating, Zero};

const SEED: u32 = 0;

/// An account with enough to pay the application deposit many times over.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	fund::<T>(account(name, index, SEED))
}

/// Gives `who` enough to pay the application deposit many times over.
fn fund<T: Config>(who: T::AccountId) -> T::AccountId {
	let amount = T::ApplicationDeposit::get()
		.saturating_add(T::Currency::minimum_balance())
		.saturating_mul(10u32.into());
	T::Currency::set_balance(&who, amount);
	who
}

/// `len` bytes, as a call's bounded argument.
fn bytes<S: Get<u32>>(len: u32) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(vec![b'x'; len as usize])
}

/// A fresh applicant, with the longest name and URI.
fn applicant<T: Config>(name: &'static str, index: u32) -> Result<T::AccountId, BenchmarkError> {
	apply_as::<T>(funded::<T>(name, index))
}

/// Makes the funded account `who` an applicant, with the longest name and URI.
fn apply_as<T: Config>(who: T::AccountId) -> Result<T::AccountId, BenchmarkError> {
	Pallet::<T>::do_apply(
		who.clone(),
		bytes(T::MaxNameLen::get()),
		bytes(T::MaxUriLen::get()),
		Some([7u8; 32]),
	)?;
	Ok(who)
}

/// A fresh accredited institution.
fn accredited<T: Config>(name: &'static str, index: u32) -> Result<T::AccountId, BenchmarkError> {
	let who = applicant::<T>(name, index)?;
	Pallet::<T>::do_accredit(who.clone())?;
	Ok(who)
}

/// Replaces the history of `who` by `closed` closed periods, followed by an open one if `open`,
/// and moves to a block after them all.
fn set_history<T: Config>(
	who: &T::AccountId,
	closed: u32,
	open: bool,
) -> Result<(), BenchmarkError> {
	let block = |n: u32| -> BlockNumberFor<T> { n.saturating_add(1).into() };
	let mut periods: Vec<_> = (0..closed)
		.map(|n| AccreditationPeriod {
			from: block(n.saturating_mul(2)),
			to: Some(block(n.saturating_mul(2).saturating_add(1))),
		})
		.collect();
	if open {
		periods.push(AccreditationPeriod { from: block(closed.saturating_mul(2)), to: None });
	}
	let history = HistoryOf::<T>::try_from(periods).map_err(|_| "history longer than allowed")?;
	AccreditationHistory::<T>::insert(who, history);
	frame_system::Pallet::<T>::set_block_number(block(closed.saturating_mul(2).saturating_add(2)));
	Ok(())
}

/// `count` accredited institutions that each have all of `instructors` as instructors, so each
/// instructor serves `count` institutions.
fn fill_institutions<T: Config>(
	count: u32,
	instructors: &[T::AccountId],
) -> Result<(), BenchmarkError> {
	for index in 0..count {
		let other = accredited::<T>("other institution", index)?;
		for instructor in instructors {
			Pallet::<T>::do_add_instructor(other.clone(), instructor.clone())?;
		}
	}
	Ok(())
}

/// `count` instructors of `institution`.
fn fill_instructors<T: Config>(
	institution: &T::AccountId,
	count: u32,
) -> Result<Vec<T::AccountId>, BenchmarkError> {
	(0..count)
		.map(|index| {
			let instructor: T::AccountId = account("instructor", index, SEED);
			Pallet::<T>::do_add_instructor(institution.clone(), instructor.clone())?;
			Ok(instructor)
		})
		.collect()
}

fn assert_last_event<T: Config>(event: Event<T>) {
	let event: <T as Config>::RuntimeEvent = event.into();
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

fn held<T: Config>(who: &T::AccountId) -> BalanceOf<T> {
	T::Currency::balance_on_hold(&HoldReason::ApplicationDeposit.into(), who)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn apply() {
		let caller = fund::<T>(whitelisted_caller());
		let name = bytes(T::MaxNameLen::get());
		let uri = bytes(T::MaxUriLen::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), name, uri, Some([7u8; 32]));

		assert_eq!(held::<T>(&caller), T::ApplicationDeposit::get());
		assert_last_event::<T>(Event::InstitutionApplied {
			institution: caller,
			deposit: T::ApplicationDeposit::get(),
		});
	}

	#[benchmark]
	fn withdraw_application() -> Result<(), BenchmarkError> {
		let caller = apply_as::<T>(fund::<T>(whitelisted_caller()))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		assert!(held::<T>(&caller).is_zero());
		assert!(!Institutions::<T>::contains_key(&caller));
		assert_last_event::<T>(Event::ApplicationWithdrawn { institution: caller });
		Ok(())
	}

	#[benchmark]
	fn accredit() -> Result<(), BenchmarkError> {
		let origin =
			T::AccreditOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let institution = applicant::<T>("institution", 0)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, institution.clone());

		assert!(Pallet::<T>::is_accredited(&institution));
		assert!(held::<T>(&institution).is_zero());
		assert_last_event::<T>(Event::InstitutionAccredited { institution });
		Ok(())
	}

	/// The forfeiting case: burning also writes the total issuance.
	#[benchmark]
	fn reject() -> Result<(), BenchmarkError> {
		let origin =
			T::RejectOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let institution = applicant::<T>("institution", 0)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, institution.clone(), true);

		assert!(held::<T>(&institution).is_zero());
		assert!(!Institutions::<T>::contains_key(&institution));
		assert_last_event::<T>(Event::ApplicationRejected { institution, forfeited: true });
		Ok(())
	}

	/// A full history, the last period open; the longest reason.
	#[benchmark]
	fn suspend() -> Result<(), BenchmarkError> {
		let origin =
			T::SuspendOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let institution = accredited::<T>("institution", 0)?;
		set_history::<T>(&institution, T::MaxHistoryLen::get().saturating_sub(1), true)?;
		let reason = bytes(T::MaxReasonLen::get());

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, institution.clone(), reason.clone());

		let reason = ReasonOf::<T>::try_from(reason).map_err(|_| "reason too long")?;
		assert_last_event::<T>(Event::InstitutionSuspended { institution, reason });
		Ok(())
	}

	/// A history with room for exactly one more period.
	#[benchmark]
	fn reinstate() -> Result<(), BenchmarkError> {
		let origin =
			T::ReinstateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let institution = accredited::<T>("institution", 0)?;
		Pallet::<T>::do_suspend(institution.clone(), bytes(T::MaxReasonLen::get()))?;
		set_history::<T>(&institution, T::MaxHistoryLen::get().saturating_sub(1), false)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, institution.clone());

		assert!(Pallet::<T>::is_accredited(&institution));
		assert_eq!(
			AccreditationHistory::<T>::get(&institution).len() as u32,
			T::MaxHistoryLen::get()
		);
		assert_last_event::<T>(Event::InstitutionReinstated { institution });
		Ok(())
	}

	/// `i` instructors, each serving the most institutions; a full history, the last period
	/// open; the longest reason.
	#[benchmark]
	fn revoke(
		i: Linear<0, { T::MaxInstructorsPerInstitution::get() }>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::RevokeOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let institution = accredited::<T>("institution", 0)?;
		let instructors = fill_instructors::<T>(&institution, i)?;
		fill_institutions::<T>(
			T::MaxInstitutionsPerInstructor::get().saturating_sub(1),
			&instructors,
		)?;
		set_history::<T>(&institution, T::MaxHistoryLen::get().saturating_sub(1), true)?;
		let reason = bytes(T::MaxReasonLen::get());

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, institution.clone(), reason.clone());

		assert!(!InstructorsOf::<T>::contains_key(&institution));
		for instructor in &instructors {
			assert!(!Pallet::<T>::is_instructor_of(instructor, &institution));
		}
		let reason = ReasonOf::<T>::try_from(reason).map_err(|_| "reason too long")?;
		assert_last_event::<T>(Event::InstitutionRevoked { institution, reason });
		Ok(())
	}

	/// The institution has all but one of its instructors, the instructor serves all but one of
	/// its institutions.
	#[benchmark]
	fn add_instructor() -> Result<(), BenchmarkError> {
		let institution = accredited::<T>("institution", 0)?;
		fill_instructors::<T>(
			&institution,
			T::MaxInstructorsPerInstitution::get().saturating_sub(1),
		)?;
		let instructor: T::AccountId = account("new instructor", 0, SEED);
		fill_institutions::<T>(
			T::MaxInstitutionsPerInstructor::get().saturating_sub(1),
			core::slice::from_ref(&instructor),
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(institution.clone()), instructor.clone());

		assert!(Pallet::<T>::is_instructor_of(&instructor, &institution));
		assert_last_event::<T>(Event::InstructorAdded { institution, instructor });
		Ok(())
	}

	/// The key history one short of full: the new key is the last that fits.
	#[benchmark]
	fn set_signing_key() -> Result<(), BenchmarkError> {
		let institution = accredited::<T>("institution", 0)?;
		let mut index: u32 = 0;
		while (SigningKeys::<T>::get(&institution).len() as u32) < T::MaxSigningKeys::get() - 1 {
			index += 1;
			let mut key = [0u8; 32];
			key[..4].copy_from_slice(&index.to_le_bytes());
			Pallet::<T>::do_set_signing_key(institution.clone(), key)?;
		}
		let key = [0xffu8; 32];

		#[extrinsic_call]
		_(RawOrigin::Signed(institution.clone()), key);

		assert_eq!(SigningKeys::<T>::get(&institution).len() as u32, T::MaxSigningKeys::get());
		assert_last_event::<T>(Event::SigningKeyChanged { institution, key });
		Ok(())
	}

	/// Both lists full, the pair to remove last in each.
	#[benchmark]
	fn remove_instructor() -> Result<(), BenchmarkError> {
		let institution = accredited::<T>("institution", 0)?;
		fill_instructors::<T>(
			&institution,
			T::MaxInstructorsPerInstitution::get().saturating_sub(1),
		)?;
		let instructor: T::AccountId = account("last instructor", 0, SEED);
		fill_institutions::<T>(
			T::MaxInstitutionsPerInstructor::get().saturating_sub(1),
			core::slice::from_ref(&instructor),
		)?;
		Pallet::<T>::do_add_instructor(institution.clone(), instructor.clone())?;
		assert_eq!(
			InstitutionsOf::<T>::get(&instructor).len() as u32,
			T::MaxInstitutionsPerInstructor::get()
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(institution.clone()), instructor.clone());

		assert!(!Pallet::<T>::is_instructor_of(&instructor, &institution));
		assert_last_event::<T>(Event::InstructorRemoved { institution, instructor });
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

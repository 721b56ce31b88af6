//! The logic of the registry of trust: the `do_*` helpers the calls delegate to, the queries
//! behind the runtime API and the [`TrustRegistry`] trait, and the invariant check.

use crate::{
	pallet::{
		AccreditationHistory, Config, Error, Event, HoldReason, Institutions, InstitutionsOf,
		InstructorsOf, Pallet, SigningKeys,
	},
	types::*,
	TrustRegistry,
};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::{DispatchError, DispatchResult},
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision},
		Get,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{One, Saturating, Zero},
	SaturatedConversion, TokenError,
};

impl<T: Config> Pallet<T> {
	/// See [`Pallet::apply`].
	pub(crate) fn do_apply(
		who: T::AccountId,
		name: NameOf<T>,
		uri: UriOf<T>,
		signing_key: Option<SigningKey>,
	) -> DispatchResult {
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		ensure!(!Institutions::<T>::contains_key(&who), Error::<T>::AlreadyRegistered);

		let deposit = T::ApplicationDeposit::get();
		Self::hold_deposit(&who, deposit)?;
		Institutions::<T>::insert(&who, Institution::applied(name, uri, signing_key, deposit));
		if let Some(key) = signing_key {
			let first = KeyPeriod { key, from: frame_system::Pallet::<T>::block_number() };
			// `MaxSigningKeys` is at least one (`integrity_test`).
			SigningKeys::<T>::insert(&who, KeyHistoryOf::<T>::truncate_from(alloc::vec![first]));
		}

		Self::deposit_event(Event::InstitutionApplied { institution: who, deposit });
		Ok(())
	}

	/// See [`Pallet::withdraw_application`].
	pub(crate) fn do_withdraw_application(who: T::AccountId) -> DispatchResult {
		let record = Institutions::<T>::get(&who).ok_or(Error::<T>::UnknownInstitution)?;
		ensure_status(&record, InstitutionStatus::Applied, Error::<T>::NotApplied)?;

		Self::release_deposit(&who, record.deposit)?;
		Institutions::<T>::remove(&who);
		SigningKeys::<T>::remove(&who);

		Self::deposit_event(Event::ApplicationWithdrawn { institution: who });
		Ok(())
	}

	/// See [`Pallet::set_signing_key`].
	pub(crate) fn do_set_signing_key(institution: T::AccountId, key: SigningKey) -> DispatchResult {
		Institutions::<T>::try_mutate(&institution, |maybe_record| -> DispatchResult {
			let record = maybe_record.as_mut().ok_or(Error::<T>::UnknownInstitution)?;
			ensure!(record.status != InstitutionStatus::Revoked, Error::<T>::AlreadyRevoked);
			ensure!(record.signing_key != Some(key), Error::<T>::SameSigningKey);
			SigningKeys::<T>::try_mutate(&institution, |keys| {
				// From the next block: a token minted earlier in this block keeps the old key.
				let from = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
				keys.try_push(KeyPeriod { key, from })
					.map_err(|_| Error::<T>::TooManySigningKeys)
			})?;
			record.signing_key = Some(key);
			Ok(())
		})?;

		Self::deposit_event(Event::SigningKeyChanged { institution, key });
		Ok(())
	}

	/// See [`Pallet::accredit`].
	pub(crate) fn do_accredit(institution: T::AccountId) -> DispatchResult {
		Institutions::<T>::try_mutate(&institution, |maybe_record| -> DispatchResult {
			let record = maybe_record.as_mut().ok_or(Error::<T>::UnknownInstitution)?;
			ensure_status(record, InstitutionStatus::Applied, Error::<T>::NotApplied)?;

			Self::open_period(&institution)?;
			Self::release_deposit(&institution, record.deposit)?;
			record.deposit = Zero::zero();
			record.status = InstitutionStatus::Accredited;
			Ok(())
		})?;

		Self::deposit_event(Event::InstitutionAccredited { institution });
		Ok(())
	}

	/// See [`Pallet::reject`].
	pub(crate) fn do_reject(institution: T::AccountId, forfeit_deposit: bool) -> DispatchResult {
		let record = Institutions::<T>::get(&institution).ok_or(Error::<T>::UnknownInstitution)?;
		ensure_status(&record, InstitutionStatus::Applied, Error::<T>::NotApplied)?;

		if forfeit_deposit {
			Self::burn_deposit(&institution, record.deposit)?;
		} else {
			Self::release_deposit(&institution, record.deposit)?;
		}
		Institutions::<T>::remove(&institution);
		SigningKeys::<T>::remove(&institution);

		Self::deposit_event(Event::ApplicationRejected { institution, forfeited: forfeit_deposit });
		Ok(())
	}

	/// See [`Pallet::suspend`].
	pub(crate) fn do_suspend(institution: T::AccountId, reason: ReasonOf<T>) -> DispatchResult {
		ensure!(!reason.is_empty(), Error::<T>::EmptyReason);
		Institutions::<T>::try_mutate(&institution, |maybe_record| -> DispatchResult {
			let record = maybe_record.as_mut().ok_or(Error::<T>::UnknownInstitution)?;
			ensure_status(record, InstitutionStatus::Accredited, Error::<T>::NotAccredited)?;

			Self::close_period(&institution);
			record.status = InstitutionStatus::Suspended;
			record.reason = Some(reason.clone());
			Ok(())
		})?;

		Self::deposit_event(Event::InstitutionSuspended { institution, reason });
		Ok(())
	}

	/// See [`Pallet::reinstate`].
	pub(crate) fn do_reinstate(institution: T::AccountId) -> DispatchResult {
		Institutions::<T>::try_mutate(&institution, |maybe_record| -> DispatchResult {
			let record = maybe_record.as_mut().ok_or(Error::<T>::UnknownInstitution)?;
			ensure_status(record, InstitutionStatus::Suspended, Error::<T>::NotSuspended)?;

			Self::open_period(&institution)?;
			record.status = InstitutionStatus::Accredited;
			record.reason = None;
			Ok(())
		})?;

		Self::deposit_event(Event::InstitutionReinstated { institution });
		Ok(())
	}

	/// See [`Pallet::revoke`]. Returns how many instructors were removed.
	pub(crate) fn do_revoke(
		institution: T::AccountId,
		reason: ReasonOf<T>,
	) -> Result<u32, DispatchError> {
		ensure!(!reason.is_empty(), Error::<T>::EmptyReason);
		Institutions::<T>::try_mutate(&institution, |maybe_record| -> DispatchResult {
			let record = maybe_record.as_mut().ok_or(Error::<T>::UnknownInstitution)?;
			match record.status {
				InstitutionStatus::Accredited | InstitutionStatus::Suspended => {},
				InstitutionStatus::Revoked => return Err(Error::<T>::AlreadyRevoked.into()),
				InstitutionStatus::Applied => return Err(Error::<T>::NotAccredited.into()),
			}

			Self::close_period(&institution);
			record.status = InstitutionStatus::Revoked;
			record.reason = Some(reason.clone());
			Ok(())
		})?;

		let instructors = InstructorsOf::<T>::take(&institution);
		for instructor in instructors.iter() {
			Self::unlink_institution(instructor, &institution);
			Self::deposit_event(Event::InstructorRemoved {
				institution: institution.clone(),
				instructor: instructor.clone(),
			});
		}

		Self::deposit_event(Event::InstitutionRevoked { institution, reason });
		Ok(instructors.len().saturated_into())
	}

	/// See [`Pallet::add_instructor`].
	pub(crate) fn do_add_instructor(
		institution: T::AccountId,
		instructor: T::AccountId,
	) -> DispatchResult {
		Self::ensure_accredited(&institution)?;

		InstructorsOf::<T>::try_mutate(&institution, |instructors| -> DispatchResult {
			ensure!(!instructors.contains(&instructor), Error::<T>::InstructorAlreadyAdded);
			instructors
				.try_push(instructor.clone())
				.map_err(|_| Error::<T>::TooManyInstructors)?;
			InstitutionsOf::<T>::try_mutate(&instructor, |institutions| {
				institutions
					.try_push(institution.clone())
					.map_err(|_| Error::<T>::TooManyInstitutions)
			})?;
			Ok(())
		})?;

		Self::deposit_event(Event::InstructorAdded { institution, instructor });
		Ok(())
	}

	/// See [`Pallet::remove_instructor`].
	pub(crate) fn do_remove_instructor(
		institution: T::AccountId,
		instructor: T::AccountId,
	) -> DispatchResult {
		Self::ensure_accredited(&institution)?;

		InstructorsOf::<T>::try_mutate_exists(
			&institution,
			|maybe_instructors| -> DispatchResult {
				let instructors =
					maybe_instructors.as_mut().ok_or(Error::<T>::UnknownInstructor)?;
				ensure!(instructors.contains(&instructor), Error::<T>::UnknownInstructor);
				instructors.retain(|known| known != &instructor);
				if instructors.is_empty() {
					*maybe_instructors = None;
				}
				Ok(())
			},
		)?;
		Self::unlink_institution(&instructor, &institution);

		Self::deposit_event(Event::InstructorRemoved { institution, instructor });
		Ok(())
	}

	/// Fails unless `institution` is in the registry and `Accredited`.
	fn ensure_accredited(institution: &T::AccountId) -> DispatchResult {
		let record = Institutions::<T>::get(institution).ok_or(Error::<T>::UnknownInstitution)?;
		ensure!(record.status == InstitutionStatus::Accredited, Error::<T>::NotAccredited);
		Ok(())
	}

	/// Opens an accreditation period at the current block.
	fn open_period(institution: &T::AccountId) -> DispatchResult {
		let from = frame_system::Pallet::<T>::block_number();
		AccreditationHistory::<T>::try_mutate(institution, |history| {
			history
				.try_push(AccreditationPeriod { from, to: None })
				.map_err(|_| Error::<T>::TooManyPeriods.into())
		})
	}

	/// Closes the open accreditation period, if there is one, at the current block.
	fn close_period(institution: &T::AccountId) {
		let now = frame_system::Pallet::<T>::block_number();
		AccreditationHistory::<T>::mutate_exists(institution, |maybe_history| {
			if let Some(open) = maybe_history
				.as_mut()
				.and_then(|history| history.last_mut())
				.filter(|p| p.is_open())
			{
				open.to = Some(now);
			}
		});
	}

	/// Removes `institution` from the institutions `instructor` serves.
	fn unlink_institution(instructor: &T::AccountId, institution: &T::AccountId) {
		InstitutionsOf::<T>::mutate_exists(instructor, |maybe_institutions| {
			if let Some(institutions) = maybe_institutions {
				institutions.retain(|known| known != institution);
				if institutions.is_empty() {
					*maybe_institutions = None;
				}
			}
		});
	}

	/// Holds the application deposit from `who`.
	fn hold_deposit(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::hold(&HoldReason::ApplicationDeposit.into(), who, amount).map_err(|error| {
			match error {
				DispatchError::Token(TokenError::FundsUnavailable) => {
					Error::<T>::InsufficientBalance.into()
				},
				other => other,
			}
		})
	}

	/// Releases the application deposit held from `who`.
	fn release_deposit(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::release(
			&HoldReason::ApplicationDeposit.into(),
			who,
			amount,
			Precision::BestEffort,
		)?;
		Ok(())
	}

	/// Burns the application deposit held from `who`.
	fn burn_deposit(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::burn_held(
			&HoldReason::ApplicationDeposit.into(),
			who,
			amount,
			Precision::BestEffort,
			Fortitude::Force,
		)?;
		Ok(())
	}
}

/// Queries: what the runtime API answers (one call each) and the [`TrustRegistry`] trait.
impl<T: Config> Pallet<T> {
	/// Everything the chain knows about `institution`, or `None` if it is not in the registry.
	pub fn institution(institution: &T::AccountId) -> Option<InstitutionView<BlockNumberFor<T>>> {
		Institutions::<T>::get(institution).map(|record| {
			record.view(
				AccreditationHistory::<T>::get(institution),
				SigningKeys::<T>::get(institution),
			)
		})
	}

	/// The signing key `institution` had registered at block `at`: the last one registered at
	/// or before `at`; `None` if it had none then.
	pub fn signing_key_at(institution: &T::AccountId, at: BlockNumberFor<T>) -> Option<SigningKey> {
		SigningKeys::<T>::get(institution)
			.iter()
			.take_while(|period| period.from <= at)
			.last()
			.map(|period| period.key)
	}

	/// Whether `institution` is accredited now.
	pub fn is_accredited(institution: &T::AccountId) -> bool {
		Institutions::<T>::get(institution)
			.is_some_and(|record| record.status == InstitutionStatus::Accredited)
	}

	/// Whether `institution` was accredited at block `at` (`from <= at < to` for one of its
	/// periods). A block after the current one is answered as if nothing changed until then.
	pub fn was_accredited_at(institution: &T::AccountId, at: BlockNumberFor<T>) -> bool {
		AccreditationHistory::<T>::get(institution)
			.iter()
			.any(|period| period.covers(&at))
	}

	/// Whether `instructor` is registered as an instructor of `institution`.
	pub fn is_instructor_of(instructor: &T::AccountId, institution: &T::AccountId) -> bool {
		InstitutionsOf::<T>::get(instructor).contains(institution)
	}

	/// The instructors of `institution`, in the order they were added.
	pub fn instructors_of(institution: &T::AccountId) -> Vec<T::AccountId> {
		InstructorsOf::<T>::get(institution).into_inner()
	}

	/// The institutions `instructor` serves, in the order they added it.
	pub fn institutions_of(instructor: &T::AccountId) -> Vec<T::AccountId> {
		InstitutionsOf::<T>::get(instructor).into_inner()
	}
}

impl<T: Config> TrustRegistry<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn is_accredited(institution: &T::AccountId) -> bool {
		Pallet::<T>::is_accredited(institution)
	}

	fn was_accredited_at(institution: &T::AccountId, at: BlockNumberFor<T>) -> bool {
		Pallet::<T>::was_accredited_at(institution, at)
	}

	fn is_instructor_of(instructor: &T::AccountId, institution: &T::AccountId) -> bool {
		Pallet::<T>::is_instructor_of(instructor, institution)
	}
}

impl<T: Config> Pallet<T> {
	/// Makes `institution` accredited from the current block on, and `instructor` one of its
	/// instructors, without a deposit or an origin check: for the benchmarks of other pallets
	/// (the runtime's `BenchmarkHelper`s call it), never in a block.
	#[cfg(feature = "runtime-benchmarks")]
	pub fn register_for_benchmarks(
		institution: &T::AccountId,
		instructor: &T::AccountId,
	) -> DispatchResult {
		if !Institutions::<T>::contains_key(institution) {
			let name = NameOf::<T>::truncate_from(b"benchmark".to_vec());
			Institutions::<T>::insert(
				institution,
				Institution::applied(name, Default::default(), None, Zero::zero()),
			);
			Pallet::<T>::do_accredit(institution.clone())?;
		}
		if !Pallet::<T>::is_instructor_of(instructor, institution) {
			Pallet::<T>::do_add_instructor(institution.clone(), instructor.clone())?;
		}
		Ok(())
	}
}

/// The invariants listed in the crate docs.
#[cfg(any(feature = "try-runtime", test))]
impl<T: Config> Pallet<T> {
	/// Checks every invariant of the registry; `Err` names the first one that does not hold.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::traits::fungible::InspectHold;

		for (institution, record) in Institutions::<T>::iter() {
			let held =
				T::Currency::balance_on_hold(&HoldReason::ApplicationDeposit.into(), &institution);
			ensure!(held == record.deposit, "held deposit differs from the recorded deposit");
			ensure!(
				record.status == InstitutionStatus::Applied || record.deposit.is_zero(),
				"a decided institution still has a deposit"
			);

			let history = AccreditationHistory::<T>::get(&institution);
			let open = history.iter().filter(|period| period.is_open()).count();
			match record.status {
				InstitutionStatus::Applied => {
					ensure!(history.is_empty(), "an applicant has an accreditation history")
				},
				InstitutionStatus::Accredited => ensure!(
					open == 1 && history.last().is_some_and(|period| period.is_open()),
					"an accredited institution has no open period, or not as its last"
				),
				InstitutionStatus::Suspended | InstitutionStatus::Revoked => {
					ensure!(!history.is_empty(), "a once accredited institution has no history");
					ensure!(open == 0, "a suspended or revoked institution has an open period");
				},
			}
			for period in history.iter() {
				ensure!(
					period.to.is_none_or(|to| period.from <= to),
					"an accreditation period ends before it starts"
				);
			}
			for pair in history.windows(2) {
				if let [earlier, later] = pair {
					ensure!(
						earlier.to.is_some_and(|to| to <= later.from),
						"accreditation periods overlap or are out of order"
					);
				}
			}

			let keys = SigningKeys::<T>::get(&institution);
			ensure!(
				keys.last().map(|period| period.key) == record.signing_key,
				"the signing key is not the last of the key history"
			);
			for pair in keys.windows(2) {
				if let [earlier, later] = pair {
					ensure!(earlier.from <= later.from, "signing keys are out of order");
					ensure!(earlier.key != later.key, "a signing key follows itself");
				}
			}

			let has_instructors = InstructorsOf::<T>::contains_key(&institution);
			ensure!(
				!has_instructors
					|| matches!(
						record.status,
						InstitutionStatus::Accredited | InstitutionStatus::Suspended
					),
				"an applicant or revoked institution has instructors"
			);
		}

		for institution in SigningKeys::<T>::iter_keys() {
			ensure!(
				Institutions::<T>::contains_key(&institution),
				"signing keys of an account that is not in the registry"
			);
		}

		for institution in AccreditationHistory::<T>::iter_keys() {
			ensure!(
				Institutions::<T>::contains_key(&institution),
				"accreditation history of an account that is not in the registry"
			);
		}

		for (institution, instructors) in InstructorsOf::<T>::iter() {
			ensure!(
				Institutions::<T>::contains_key(&institution),
				"instructors of an account that is not in the registry"
			);
			ensure!(!instructors.is_empty(), "an empty list of instructors is stored");
			for (position, instructor) in instructors.iter().enumerate() {
				ensure!(
					!instructors.iter().skip(position.saturating_add(1)).any(|i| i == instructor),
					"an instructor is listed twice for one institution"
				);
				ensure!(
					InstitutionsOf::<T>::get(instructor).contains(&institution),
					"InstitutionsOf does not mirror InstructorsOf"
				);
			}
		}

		for (instructor, institutions) in InstitutionsOf::<T>::iter() {
			ensure!(!institutions.is_empty(), "an empty list of institutions is stored");
			for (position, institution) in institutions.iter().enumerate() {
				ensure!(
					!institutions.iter().skip(position.saturating_add(1)).any(|i| i == institution),
					"an institution is listed twice for one instructor"
				);
				ensure!(
					InstructorsOf::<T>::get(institution).contains(&instructor),
					"InstructorsOf does not mirror InstitutionsOf"
				);
			}
		}

		Ok(())
	}
}

/// Fails with `AlreadyRevoked` for a revoked institution, and with `error` for any other status
/// than `expected`.
fn ensure_status<T: Config>(
	record: &Institution<T>,
	expected: InstitutionStatus,
	error: Error<T>,
) -> DispatchResult {
	ensure!(record.status != InstitutionStatus::Revoked, Error::<T>::AlreadyRevoked);
	ensure!(record.status == expected, error);
	Ok(())
}

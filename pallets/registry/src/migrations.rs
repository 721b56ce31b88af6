//! Storage migrations of the registry of trust.

/// Version 0 to 1: signing keys get a history ([`crate::SigningKeys`]).
///
/// Version 0 stored only an institution's current key, in its record. The migration starts
/// each institution's history with that key, from block 0: the key was registered with the
/// application, before any token of the institution, and no earlier key is known. Records are
/// unchanged. Run once, through [`MigrateToV1`], which checks and bumps the storage version.
pub mod v1 {
	use crate::{pallet::Institutions, Config, KeyHistoryOf, KeyPeriod, Pallet, SigningKeys};
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use sp_runtime::traits::Zero;

	/// The migration's step, unversioned: use [`MigrateToV1`].
	pub struct InitSigningKeys<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InitSigningKeys<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;
			for (institution, record) in Institutions::<T>::iter() {
				reads = reads.saturating_add(1);
				if let Some(key) = record.signing_key {
					let first = KeyPeriod { key, from: Zero::zero() };
					// `MaxSigningKeys` is at least one (`integrity_test`).
					SigningKeys::<T>::insert(
						&institution,
						KeyHistoryOf::<T>::truncate_from(alloc::vec![first]),
					);
					writes = writes.saturating_add(1);
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			frame_support::ensure!(
				SigningKeys::<T>::iter_keys().next().is_none(),
				"signing key history before the migration that creates it"
			);
			let keyed = Institutions::<T>::iter_values()
				.filter(|record| record.signing_key.is_some())
				.count() as u64;
			Ok(keyed.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let keyed = u64::decode(&mut &state[..]).map_err(|_| "pre_upgrade state")?;
			frame_support::ensure!(
				SigningKeys::<T>::iter_keys().count() as u64 == keyed,
				"not every institution with a key got a history"
			);
			for (institution, record) in Institutions::<T>::iter() {
				let keys = SigningKeys::<T>::get(&institution);
				frame_support::ensure!(
					keys.last().map(|period| period.key) == record.signing_key,
					"a history does not end with the institution's key"
				);
			}
			Ok(())
		}
	}

	/// Version 0 to 1, run only on version 0 (see the module docs).
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		InitSigningKeys<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

//! Storage migrations of the nodes pallet (the `next-release` feature, see the crate docs).

/// Version 0 to 1: the one sorted list becomes one entry per node.
///
/// Version 0 stored every authorized peer id in one value, `AuthorizedNodes`, so that each
/// change read and wrote the whole list. Version 1 keeps one entry per node in [`crate::Nodes`],
/// counted. The migration takes the old value (it is gone afterwards) and inserts each peer id;
/// the list the pallet answers (sorted) is the same before and after.
///
/// An old value that does not decode cannot be moved: there is no list to recover from it. The
/// migration then inserts nothing and leaves the bytes in storage as they were, for inspection;
/// the version still becomes 1, and with no entries the network is open to any node. Only the
/// pallet writes that value, with these types, so it takes a bug to get there; `pre_upgrade`
/// refuses such a state, so try-runtime (and `try-upgrade`, which docs/OPERATORS.md runs before
/// the Council authorizes an upgrade) reports it before it can happen. Run once, through
/// [`MigrateToV1`], which checks and bumps the storage version.
pub mod v1 {
	use crate::{Config, Nodes, Pallet, PeerId};
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::ValueQuery,
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
		BoundedVec,
	};

	/// The list as version 0 stored it.
	#[storage_alias]
	pub(crate) type AuthorizedNodes<T: Config> =
		StorageValue<Pallet<T>, BoundedVec<PeerId, <T as Config>::MaxNodes>, ValueQuery>;

	/// The migration's step, unversioned: use [`MigrateToV1`].
	pub struct MoveToEntries<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for MoveToEntries<T> {
		fn on_runtime_upgrade() -> Weight {
			// None stored: an open network, nothing to move. One that does not decode stays
			// (see the module docs).
			let Ok(list) = AuthorizedNodes::<T>::try_get() else {
				return T::DbWeight::get().reads(1);
			};
			AuthorizedNodes::<T>::kill();
			let moved = list.len() as u64;
			for peer_id in list {
				Nodes::<T>::insert(peer_id, ());
			}
			// One read and one removal of the old value; per node, `CountedStorageMap::insert`
			// reads the entry (is it new?) and the counter, and writes both.
			let per_node = moved.saturating_mul(2);
			T::DbWeight::get().reads_writes(per_node.saturating_add(1), per_node.saturating_add(1))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			frame_support::ensure!(
				Nodes::<T>::count() == 0 && Nodes::<T>::iter_keys().next().is_none(),
				"entries of version 1 before the migration that creates them"
			);
			frame_support::ensure!(
				!AuthorizedNodes::<T>::exists() || AuthorizedNodes::<T>::try_get().is_ok(),
				"the list of version 0 does not decode"
			);
			Ok(AuthorizedNodes::<T>::get().into_inner().encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let before = Vec::<PeerId>::decode(&mut &state[..]).map_err(|_| "pre_upgrade state")?;
			frame_support::ensure!(
				!AuthorizedNodes::<T>::exists(),
				"the list of version 0 is still stored"
			);
			frame_support::ensure!(
				Nodes::<T>::count() as usize == before.len(),
				"not every node of the list got an entry"
			);
			let after = Pallet::<T>::authorized_nodes();
			frame_support::ensure!(
				after.len() == before.len()
					&& after.iter().zip(&before).all(|(now, then)| now[..] == then[..]),
				"the authorized nodes differ after the migration"
			);
			Ok(())
		}
	}

	/// Version 0 to 1, run only on version 0 (see the module docs).
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		MoveToEntries<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

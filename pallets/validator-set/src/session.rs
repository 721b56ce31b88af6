//! The validator set as `pallet-session`'s [`SessionManager`].
//!
//! `pallet-session` calls [`new_session`](SessionManager::new_session) at every rotation (from
//! its `on_initialize`, which weighs a rotating block as a full block, so the cost of these
//! hooks is accounted for there).

use crate::{Config, Pallet, SetChanged, Validators, LOG_TARGET};
use alloc::vec::Vec;
use pallet_session::SessionManager;

impl<T: Config> SessionManager<T::AccountId> for Pallet<T> {
	/// The validators for session `new_index` if the set changed since the last call (once per
	/// change), `None` otherwise, in which case `pallet-session` keeps its current set. A change
	/// undone before the rotation (add then remove the same account) still counts as a change:
	/// the same set is handed over again, which `pallet-session` accepts.
	fn new_session(new_index: u32) -> Option<Vec<T::AccountId>> {
		if !SetChanged::<T>::take() {
			return None;
		}
		let validators = Validators::<T>::get().into_inner();
		log::info!(
			target: LOG_TARGET,
			"planning session {new_index} with {} validators",
			validators.len(),
		);
		Some(validators)
	}

	/// The genesis validators, for sessions 0 and 1 (`pallet-session`'s genesis build asks for
	/// both); `None` if the genesis configured none, so that `pallet-session` uses the accounts
	/// of its own genesis keys rather than an empty set. Leaves [`SetChanged`] alone.
	fn new_session_genesis(_new_index: u32) -> Option<Vec<T::AccountId>> {
		let validators = Validators::<T>::get().into_inner();
		(!validators.is_empty()).then_some(validators)
	}

	fn end_session(_end_index: u32) {}

	fn start_session(_start_index: u32) {}
}

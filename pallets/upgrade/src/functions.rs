//! The logic behind the calls: `frame_system`'s Root-only calls, dispatched with Root.

use crate::{Config, Pallet};
use alloc::vec::Vec;
use frame_support::dispatch::{DispatchResult, DispatchResultWithPostInfo};
use frame_system::RawOrigin;

impl<T: Config> Pallet<T> {
	/// `frame_system::set_code` with Root: its checks, its event, its result and post-info.
	pub(crate) fn do_set_code(code: Vec<u8>) -> DispatchResultWithPostInfo {
		frame_system::Pallet::<T>::set_code(RawOrigin::Root.into(), code)
	}

	/// `frame_system::authorize_upgrade` with Root (version checks on), and its event.
	pub(crate) fn do_authorize_upgrade(code_hash: T::Hash) -> DispatchResult {
		frame_system::Pallet::<T>::authorize_upgrade(RawOrigin::Root.into(), code_hash)
	}
}

//! The validator set as `pallet-session`'s [`SessionManager`], and the end of each session.
//!
//! `pallet-session` calls [`new_session`](SessionManager::new_session) at every rotation, which
//! this pallet's `on_initialize` starts every [`SessionLength`](crate::SessionLength) blocks and
//! weighs with its benchmark (see the crate docs).

use crate::{Config, Pallet, SessionLength, SetChanged, Validators, LOG_TARGET};
use alloc::vec::Vec;
use core::marker::PhantomData;
use frame_support::{
	pallet_prelude::Weight,
	traits::{EstimateNextSessionRotation, Get},
};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_session::{SessionManager, ShouldEndSession};
use sp_runtime::{traits::Zero, Permill, Saturating};

/// How many blocks into its session block `now` is, for sessions of `length` blocks; `None`
/// for sessions of no length (a genesis that set none).
// The remainder of a division by a non-zero number neither panics nor overflows.
#[allow(clippy::arithmetic_side_effects)]
fn into_session<N: sp_runtime::traits::AtLeast32BitUnsigned>(now: N, length: N) -> Option<N> {
	if length.is_zero() {
		None
	} else {
		Some(now % length)
	}
}

/// Ends the current session and starts the next.
pub trait Rotate<AccountId> {
	/// Ends the current session.
	fn rotate();

	/// The validators queued for the next session: the set that becomes active at the next
	/// rotation.
	fn queued() -> Vec<AccountId>;
}

/// Ends sessions of `pallet-session` in runtime `T`.
pub struct RotateSession<T>(PhantomData<T>);

impl<T: pallet_session::Config> Rotate<T::ValidatorId> for RotateSession<T> {
	fn rotate() {
		pallet_session::Pallet::<T>::rotate_session();
	}

	fn queued() -> Vec<T::ValidatorId> {
		pallet_session::QueuedKeys::<T>::get().into_iter().map(|(who, _)| who).collect()
	}
}

/// The finality gadget, told to restart from a block ([`Pallet::recover_finality`]).
pub trait Finality<BlockNumber> {
	/// Restart finality with the set that becomes active at this block's rotation: from block
	/// `finalized`, enacted `delay` blocks after the signal. In the runtime, GRANDPA's
	/// `note_stalled(delay, finalized)` with Root.
	fn note_stalled(finalized: BlockNumber, delay: BlockNumber);

	/// After the rotation: whether the request is still waiting, i.e. the gadget did not act
	/// on it (GRANDPA refuses a forced change while a change is pending or too soon after the
	/// last forced one). In the runtime: `grandpa.stalled` still set.
	fn still_stalled() -> bool;

	/// Takes back a request the gadget did not act on, so that it cannot fire later with
	/// another set. In the runtime: clears `grandpa.stalled`.
	fn withdraw();
}

/// `pallet-session`'s `ShouldEndSession` in a runtime where this pallet ends sessions: never.
pub struct NoAutomaticRotation;

impl<BlockNumber> ShouldEndSession<BlockNumber> for NoAutomaticRotation {
	fn should_end_session(_now: BlockNumber) -> bool {
		false
	}
}

impl<T: Config> Pallet<T> {
	/// Whether this pallet ends a session at block `now`.
	pub fn session_ends_at(now: BlockNumberFor<T>) -> bool {
		let length = SessionLength::<T>::get();
		!now.is_zero() && into_session(now, length).is_some_and(|into| into.is_zero())
	}
}

/// When the next session starts, for `pallet-session`'s `NextSessionRotation`.
impl<T: Config> EstimateNextSessionRotation<BlockNumberFor<T>> for Pallet<T> {
	fn average_session_length() -> BlockNumberFor<T> {
		SessionLength::<T>::get()
	}

	fn estimate_current_session_progress(now: BlockNumberFor<T>) -> (Option<Permill>, Weight) {
		let length = SessionLength::<T>::get();
		let weight = T::DbWeight::get().reads(1);
		// `None` for sessions of no length (a genesis that set none).
		let Some(into) = into_session(now, length) else {
			return (None, weight);
		};
		let into = into.saturating_add(1u32.into());
		(Some(Permill::from_rational(into, length)), weight)
	}

	fn estimate_next_session_rotation(
		now: BlockNumberFor<T>,
	) -> (Option<BlockNumberFor<T>>, Weight) {
		let length = SessionLength::<T>::get();
		let weight = T::DbWeight::get().reads(1);
		let Some(into) = into_session(now, length) else {
			return (None, weight);
		};
		let next = now.saturating_add(length.saturating_sub(into));
		(Some(next), weight)
	}
}

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

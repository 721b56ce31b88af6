//! # Nodes
//!
//! The network nodes the Council authorized: on a permissioned network, the only peers a node
//! exchanges blocks, transactions and votes with.
//!
//! ## Overview
//!
//! Every node of a Learning Tokens network has a network key, and its peer id
//! (`12D3KooW…`, what `learning-tokens-node key inspect-node-key` prints) identifies it to the
//! others. This pallet keeps the list of authorized peer ids, `AuthorizedNodes`, set at
//! genesis and changed only by the Council: [`authorize_node`](Pallet::authorize_node) and
//! [`remove_node`](Pallet::remove_node), each with its own origin in [`Config`] (the runtime
//! sets both to more than half of the Council).
//!
//! The node reads the list through the runtime API [`runtime_api::NodesApi`] at every finalized
//! block and hands it to its network service as its only allowed peers ("authorized only" on
//! the block-announce protocol, the one a node syncs through): it opens no substream with a
//! node outside the list and accepts none from one, so an unknown node started with the right
//! chain spec and bootnodes gets no blocks, and a node the Council removes is cut off by every
//! other node once the removal is final. An **empty** list means "no restriction": the
//! development and local test chains start with one; a consortium's network starts with its
//! founders' nodes (the node's `new-network --node`), and the last node cannot be removed
//! ([`Error::LastNode`]), so a restricted network never becomes an open one.
//!
//! ## Terms
//!
//! - **Peer id**: the text form of a libp2p peer id, base58 (bitcoin alphabet), at most
//!   [`MAX_PEER_ID_LEN`] characters. [`authorize_node`](Pallet::authorize_node) decodes it and
//!   checks that it is a multihash (identity or SHA-256) of the right length, so that a typo is
//!   an error here rather than a node that can never join.
//!
//! ## Invariants
//!
//! Checked by `do_try_state` (the `try_state` hook) and after every unit test:
//!
//! - The list holds only valid peer ids, each once, at most `MaxNodes`: in storage version 0
//!   `AuthorizedNodes` is strictly sorted; in version 1 `Nodes` counts exactly its entries.
//!
//! ## Storage versions
//!
//! Version 0 (this release) keeps the list as one value, `AuthorizedNodes`. Version 1 is the
//! next release's layout, built with the `next-release` feature: one entry per node in
//! `Nodes`, so that authorizing or removing a node reads and writes that node's entry instead
//! of the whole list. `migrations::v1::MigrateToV1` moves a chain from 0 to 1. The runtime's
//! `next-release` build (spec version + 1) is the one the e2e suite upgrades a live network to
//! (docs/ARCHITECTURE.md, "Storage versions and migrations"); what the pallet answers
//! ([`Pallet::authorized_nodes`], sorted) is the same in both layouts. The calls' weights are
//! version 0's, benchmarked; a release that makes version 1 its own runs
//! `scripts/benchmark-weights.sh nodes` again (a change then touches two keys, the entry and
//! its counter, instead of the whole list).

#![cfg_attr(not(feature = "std"), no_std)]
// Runtime code never panics on what a caller sent: no unwrap, expect, unchecked indexing or
// unchecked arithmetic outside tests (benchmark set-up allows them: benchmarking.rs).
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects
	)
)]

extern crate alloc;

pub use pallet::*;
pub use peer_id::{is_peer_id, MAX_PEER_ID_LEN};
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(feature = "next-release")]
pub mod migrations;
#[cfg(test)]
mod mock;
mod peer_id;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod weights;

/// A peer id, as text (`12D3KooW…`).
pub type PeerId = frame_support::BoundedVec<u8, frame_support::traits::ConstU32<MAX_PEER_ID_LEN>>;

// FRAME's macros expand into code these lints would flag; the module's own code checks
// origins and hands over to the linted helpers outside it.
#[allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The in-code storage version: 0, one sorted list (`AuthorizedNodes`); 1 with the
	/// `next-release` feature, one entry per node (`Nodes`). See the crate docs.
	#[cfg(not(feature = "next-release"))]
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);
	#[cfg(feature = "next-release")]
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Who may authorize a node.
		type AuthorizeOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Who may remove a node.
		type RemoveOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The most nodes the list holds.
		#[pallet::constant]
		type MaxNodes: Get<u32>;

		/// Weight information for the calls of this pallet.
		type WeightInfo: WeightInfo;
	}

	/// The authorized peer ids, strictly sorted. Empty: the network is open to any node.
	/// (Storage version 0.)
	#[cfg(not(feature = "next-release"))]
	#[pallet::storage]
	pub type AuthorizedNodes<T: Config> =
		StorageValue<_, BoundedVec<PeerId, T::MaxNodes>, ValueQuery>;

	/// The authorized peer ids, one entry each, at most `MaxNodes`. None: the network is open
	/// to any node. (Storage version 1, the `next-release` feature.)
	#[cfg(feature = "next-release")]
	#[pallet::storage]
	pub type Nodes<T: Config> = CountedStorageMap<_, Blake2_128Concat, PeerId, (), OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The nodes authorized at genesis (their peer ids as text); none: an open network. The
		/// build panics on an invalid or repeated peer id, or more than `MaxNodes`.
		pub nodes: Vec<Vec<u8>>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Err(problem) = Pallet::<T>::do_initialize(&self.nodes) {
				panic!("pallet-nodes genesis: {problem}");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `peer_id` may now peer with the network's nodes.
		NodeAuthorized { peer_id: PeerId },
		/// `peer_id` is cut off by every node once this block is final.
		NodeRemoved { peer_id: PeerId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Not a peer id: base58 text of an identity or SHA-256 multihash, as
		/// `learning-tokens-node key inspect-node-key` prints it.
		InvalidPeerId,
		/// The node is already authorized.
		AlreadyAuthorized,
		/// The node is not authorized.
		UnknownNode,
		/// The list already holds `MaxNodes` nodes.
		TooManyNodes,
		/// The last node cannot be removed: an empty list would open the network to any node.
		LastNode,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Authorize the node with peer id `peer_id` (text, `12D3KooW…`) to peer.
		///
		/// - Origin: `AuthorizeOrigin` (in the runtime, more than half of the Council).
		/// - `peer_id` must be a valid peer id (`InvalidPeerId`), not authorized yet
		///   (`AlreadyAuthorized`), and the list must have room (`TooManyNodes`).
		/// - The other nodes accept it once this block is final.
		/// - Emits `NodeAuthorized`.
		/// - Cost: O(MaxNodes) in memory, one read and one write;
		///   `WeightInfo::authorize_node`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::authorize_node())]
		pub fn authorize_node(origin: OriginFor<T>, peer_id: PeerId) -> DispatchResult {
			T::AuthorizeOrigin::ensure_origin(origin)?;
			Self::do_authorize(peer_id)
		}

		/// Remove the node with peer id `peer_id`: every node cuts it off once this block is
		/// final.
		///
		/// - Origin: `RemoveOrigin` (in the runtime, more than half of the Council).
		/// - `peer_id` must be authorized (`UnknownNode`) and not the last one (`LastNode`).
		/// - Emits `NodeRemoved`.
		/// - Cost: O(MaxNodes) in memory, one read and one write; `WeightInfo::remove_node`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_node())]
		pub fn remove_node(origin: OriginFor<T>, peer_id: PeerId) -> DispatchResult {
			T::RemoveOrigin::ensure_origin(origin)?;
			Self::do_remove(peer_id)
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The authorized peer ids, as text, sorted; empty if the network is open.
	pub fn authorized_nodes() -> alloc::vec::Vec<alloc::vec::Vec<u8>> {
		layout::all::<T>().into_iter().map(|peer| peer.into_inner()).collect()
	}

	/// Sets the list of nodes (at genesis, and in benchmarks); fails on an invalid or repeated
	/// peer id or too many.
	pub(crate) fn do_initialize(nodes: &[alloc::vec::Vec<u8>]) -> Result<(), &'static str> {
		let mut sorted = alloc::vec::Vec::with_capacity(nodes.len());
		for node in nodes {
			if !is_peer_id(node) {
				return Err("nodes holds an invalid peer id");
			}
			let node: PeerId =
				node.clone().try_into().map_err(|_| "nodes holds a peer id too long")?;
			sorted.push(node);
		}
		sorted.sort();
		let before = sorted.len();
		sorted.dedup();
		if sorted.len() != before {
			return Err("nodes has duplicates");
		}
		let list: frame_support::BoundedVec<PeerId, T::MaxNodes> =
			sorted.try_into().map_err(|_| "nodes has more than MaxNodes peer ids")?;
		layout::initialize::<T>(list);
		Ok(())
	}

	fn do_authorize(peer_id: PeerId) -> sp_runtime::DispatchResult {
		frame_support::ensure!(is_peer_id(&peer_id), Error::<T>::InvalidPeerId);
		layout::insert::<T>(peer_id.clone())?;
		Self::deposit_event(Event::NodeAuthorized { peer_id });
		Ok(())
	}

	fn do_remove(peer_id: PeerId) -> sp_runtime::DispatchResult {
		layout::remove::<T>(&peer_id)?;
		Self::deposit_event(Event::NodeRemoved { peer_id });
		Ok(())
	}

	/// Checks the invariants listed in the crate documentation.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		layout::check::<T>()?;
		frame_support::ensure!(
			layout::all::<T>().iter().all(|peer| is_peer_id(peer)),
			"the list holds an invalid peer id"
		);
		Ok(())
	}
}

/// The list in storage version 0: one sorted value.
#[cfg(not(feature = "next-release"))]
mod layout {
	use crate::{AuthorizedNodes, Config, Error, PeerId};
	use alloc::vec::Vec;
	use frame_support::BoundedVec;
	use sp_runtime::DispatchResult;

	pub(crate) fn all<T: Config>() -> Vec<PeerId> {
		AuthorizedNodes::<T>::get().into_inner()
	}

	pub(crate) fn initialize<T: Config>(sorted: BoundedVec<PeerId, T::MaxNodes>) {
		AuthorizedNodes::<T>::put(sorted);
	}

	pub(crate) fn insert<T: Config>(peer_id: PeerId) -> DispatchResult {
		let mut list = AuthorizedNodes::<T>::get();
		let position = match list.binary_search(&peer_id) {
			Ok(_) => return Err(Error::<T>::AlreadyAuthorized.into()),
			Err(position) => position,
		};
		list.try_insert(position, peer_id).map_err(|_| Error::<T>::TooManyNodes)?;
		AuthorizedNodes::<T>::put(list);
		Ok(())
	}

	pub(crate) fn remove<T: Config>(peer_id: &PeerId) -> DispatchResult {
		let mut list = AuthorizedNodes::<T>::get();
		let position = list.binary_search(peer_id).map_err(|_| Error::<T>::UnknownNode)?;
		frame_support::ensure!(list.len() > 1, Error::<T>::LastNode);
		list.remove(position);
		AuthorizedNodes::<T>::put(list);
		Ok(())
	}

	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn check<T: Config>() -> Result<(), sp_runtime::TryRuntimeError> {
		frame_support::ensure!(
			AuthorizedNodes::<T>::get()
				.windows(2)
				.all(|pair| matches!(pair, [a, b] if a < b)),
			"AuthorizedNodes is not strictly sorted (or has duplicates)"
		);
		Ok(())
	}
}

/// The list in storage version 1: one entry per node, counted.
#[cfg(feature = "next-release")]
mod layout {
	use crate::{Config, Error, Nodes, PeerId};
	use alloc::vec::Vec;
	use frame_support::{traits::Get, BoundedVec};
	use sp_runtime::DispatchResult;

	/// Sorted, as version 0 kept them (at most `MaxNodes` entries to read).
	pub(crate) fn all<T: Config>() -> Vec<PeerId> {
		let mut list: Vec<PeerId> = Nodes::<T>::iter_keys().collect();
		list.sort();
		list
	}

	/// Replaces the list (genesis and benchmark set-up).
	pub(crate) fn initialize<T: Config>(sorted: BoundedVec<PeerId, T::MaxNodes>) {
		// At most `MaxNodes` entries to remove; the counter is reset with them.
		let _ = Nodes::<T>::clear(u32::MAX, None);
		for peer_id in sorted {
			Nodes::<T>::insert(peer_id, ());
		}
	}

	pub(crate) fn insert<T: Config>(peer_id: PeerId) -> DispatchResult {
		frame_support::ensure!(!Nodes::<T>::contains_key(&peer_id), Error::<T>::AlreadyAuthorized);
		frame_support::ensure!(Nodes::<T>::count() < T::MaxNodes::get(), Error::<T>::TooManyNodes);
		Nodes::<T>::insert(peer_id, ());
		Ok(())
	}

	pub(crate) fn remove<T: Config>(peer_id: &PeerId) -> DispatchResult {
		frame_support::ensure!(Nodes::<T>::contains_key(peer_id), Error::<T>::UnknownNode);
		frame_support::ensure!(Nodes::<T>::count() > 1, Error::<T>::LastNode);
		Nodes::<T>::remove(peer_id);
		Ok(())
	}

	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn check<T: Config>() -> Result<(), sp_runtime::TryRuntimeError> {
		let entries = Nodes::<T>::iter_keys().count();
		frame_support::ensure!(
			u32::try_from(entries).ok() == Some(Nodes::<T>::count()),
			"the counter of Nodes is not its number of entries"
		);
		frame_support::ensure!(
			Nodes::<T>::count() <= T::MaxNodes::get(),
			"Nodes holds more than MaxNodes entries"
		);
		Ok(())
	}
}

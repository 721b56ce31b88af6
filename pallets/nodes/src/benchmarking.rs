//! Benchmarks of the nodes pallet, each call in its worst case: a full list (less one, to
//! authorize), and the change at the front of the sorted list, so that every entry moves.

// Benchmark set-up may panic: a failed set-up is a failed benchmark, not a runtime fault.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

use super::*;
use alloc::{format, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get};

/// `count` distinct valid peer ids (SHA-256 multihashes), sorted.
fn peers(count: u32) -> Vec<PeerId> {
	const ALPHABET: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
	// "Qm" followed by 44 base58 characters is a SHA-256 multihash of 32 bytes.
	let mut list: Vec<PeerId> = (0..count)
		.map(|i| {
			let mut text = b"QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTez".to_vec();
			let tail = format!("{i:04}");
			text.extend(tail.bytes().map(|d| ALPHABET[usize::from(d - b'0') + 1]));
			text.try_into().unwrap()
		})
		.collect();
	list.sort();
	list
}

/// Stores `list` as the authorized nodes, in this build's layout.
fn initialize<T: Config>(list: &[PeerId]) {
	let raw: Vec<Vec<u8>> = list.iter().map(|peer| peer.to_vec()).collect();
	Pallet::<T>::do_initialize(&raw).unwrap();
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `MaxNodes - 1` nodes; the new one sorts first.
	#[benchmark]
	fn authorize_node() -> Result<(), BenchmarkError> {
		let mut list = peers(T::MaxNodes::get());
		let new = list.remove(0);
		assert!(is_peer_id(&new));
		initialize::<T>(&list);
		let origin =
			T::AuthorizeOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, new.clone());

		assert_eq!(Pallet::<T>::authorized_nodes().first(), Some(&new.to_vec()));
		Ok(())
	}

	/// `MaxNodes` nodes; the first one leaves.
	#[benchmark]
	fn remove_node() -> Result<(), BenchmarkError> {
		let list = peers(T::MaxNodes::get());
		let leaving = list[0].clone();
		initialize::<T>(&list);
		let origin =
			T::RemoveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, leaving.clone());

		assert!(!Pallet::<T>::authorized_nodes().iter().any(|node| node[..] == leaving[..]));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

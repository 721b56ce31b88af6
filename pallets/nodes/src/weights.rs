// This file is part of Learning Tokens. Until `scripts/benchmark-weights.sh` measures the
// benchmarks of `benchmarking.rs` on the reference machine, its numbers are those measured for
// `pallet_validator_set::add_validator` and `remove_validator`, which do the same work on a
// list of the same kind (a sorted bounded list read, searched and written back).

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

pub trait WeightInfo {
	fn authorize_node() -> Weight;
	fn remove_node() -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Nodes::AuthorizedNodes` (r:1 w:1)
	fn authorize_node() -> Weight {
		Weight::from_parts(41_929_000, 17_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Nodes::AuthorizedNodes` (r:1 w:1)
	fn remove_node() -> Weight {
		Weight::from_parts(38_241_000, 17_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// The same weights with ParityDB's storage weights, for tests and mock runtimes.
impl WeightInfo for () {
	fn authorize_node() -> Weight {
		Weight::from_parts(41_929_000, 17_000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn remove_node() -> Weight {
		Weight::from_parts(38_241_000, 17_000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}

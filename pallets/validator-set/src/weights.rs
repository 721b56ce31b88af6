//! Weights for `pallet_validator_set`.
//!
//! NOT YET MEASURED. The shape is what `frame-benchmarking-cli` generates, and the storage
//! accesses (reads, writes, proof sizes) are counted from the code and the benchmarks in
//! `benchmarking.rs` (worst case: `MaxValidators` validators, the change at the front of the
//! list). The execution times are estimates, not measurements: set above
//! `pallet_membership::add_member`/`remove_member` at m = 32 (~10 µs in polkadot-sdk's
//! generated weights), which do the same work on a sorted `BoundedVec` plus more writes. They
//! are negligible beside the database weights in any case (a read costs 25 µs and a write
//! 100 µs with `RocksDbWeight`).
//!
//! Proof sizes assume the runtime's `AccountId32` and `MaxValidators = 32`:
//! `ValidatorSet::Validators` has `max_size` 1 + 32 * 32 = 1025 bytes, 1520 with the proof
//! overhead; `Session::NextKeys` (read by `ValidatorRegistration::is_registered`) is unbounded
//! (`Measured` mode) and taken as 3500 bytes, as in `pallet_session`'s weights.
//!
//! Replace with measured weights once the runtime includes the pallet (on the reference
//! machine, from the workspace root):
//!
//! ```text
//! cargo build --release --features runtime-benchmarks -p learning-tokens-node
//! ./target/release/learning-tokens-node benchmark pallet --runtime \
//!   target/release/wbuild/learning-tokens-runtime/learning_tokens_runtime.compact.compressed.wasm \
//!   --genesis-builder=runtime --pallet pallet_validator_set --extrinsic '*' \
//!   --steps 50 --repeat 20 --output pallets/validator-set/src/weights.rs
//! ```

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_validator_set`.
pub trait WeightInfo {
	fn add_validator() -> Weight;
	fn remove_validator() -> Weight;
}

/// Weights for `pallet_validator_set` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `ValidatorSet::Validators` (r:1 w:1)
	/// Proof: `ValidatorSet::Validators` (`max_values`: Some(1), `max_size`: Some(1025), added: 1520, mode: `MaxEncodedLen`)
	/// Storage: `Session::NextKeys` (r:1 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `ValidatorSet::SetChanged` (r:0 w:1)
	/// Proof: `ValidatorSet::SetChanged` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	fn add_validator() -> Weight {
		// Proof Size summary in bytes:
		//  Estimated: `5020`
		Weight::from_parts(15_000_000, 5020)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `ValidatorSet::Validators` (r:1 w:1)
	/// Proof: `ValidatorSet::Validators` (`max_values`: Some(1), `max_size`: Some(1025), added: 1520, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::SetChanged` (r:0 w:1)
	/// Proof: `ValidatorSet::SetChanged` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	fn remove_validator() -> Weight {
		// Proof Size summary in bytes:
		//  Estimated: `1520`
		Weight::from_parts(12_000_000, 1520)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn add_validator() -> Weight {
		Weight::from_parts(15_000_000, 5020)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn remove_validator() -> Weight {
		Weight::from_parts(12_000_000, 1520)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
}

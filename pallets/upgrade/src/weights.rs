//! Weights for `pallet_upgrade`.
//!
//! NOT GENERATED, on purpose: each call is one `EnsureOrigin` check followed by one of
//! `frame_system`'s calls. The origin check reads no storage (the Council's
//! `EnsureProportionAtLeast` inspects the origin value only), so each weight is `frame_system`'s
//! own benchmarked weight for the call it makes, taken from the runtime's
//! `frame_system::Config::SystemWeightInfo`. `benchmarking.rs` runs `authorize_upgrade` through
//! this pallet so that its overhead can be compared with `frame_system`'s; do not let the
//! benchmark CLI overwrite this file.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::weights::Weight;
use frame_system::WeightInfo as SystemWeightInfo;
use core::marker::PhantomData;

/// Weight functions needed for `pallet_upgrade`.
pub trait WeightInfo {
	fn set_code() -> Weight;
	fn authorize_upgrade() -> Weight;
}

/// Weights for `pallet_upgrade`: `frame_system`'s weights of the runtime.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn set_code() -> Weight {
		<T as frame_system::Config>::SystemWeightInfo::set_code()
	}
	fn authorize_upgrade() -> Weight {
		<T as frame_system::Config>::SystemWeightInfo::authorize_upgrade()
	}
}

// For backwards compatibility and tests: `frame_system`'s reference weights.
impl WeightInfo for () {
	fn set_code() -> Weight {
		<() as SystemWeightInfo>::set_code()
	}
	fn authorize_upgrade() -> Weight {
		<() as SystemWeightInfo>::authorize_upgrade()
	}
}

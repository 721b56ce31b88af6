//! # Upgrade
//!
//! Runtime upgrades on a chain without sudo: a configurable origin (in the runtime, a motion of
//! at least two thirds of the Council) may do what `frame_system`'s Root-only upgrade calls do,
//! and nothing else.
//!
//! ## Overview
//!
//! `frame_system::set_code` and `frame_system::authorize_upgrade` require Root, and this chain
//! has no Root key. This pallet checks [`Config::UpgradeOrigin`] and then calls them with Root:
//!
//! - [`set_code`](Pallet::set_code) replaces the runtime in one step. The whole wasm travels
//!   inside the Council motion, so it suits small runtimes and tests.
//! - [`authorize_upgrade`](Pallet::authorize_upgrade) records the hash of the new runtime. Any
//!   account then submits the code itself with `system.apply_authorized_upgrade(code)` (which
//!   `frame_system` also accepts as an unsigned transaction); `frame_system` checks the hash,
//!   checks the version and applies it. The motion carries 32 bytes instead of a megabyte of
//!   wasm. This is the way to upgrade.
//!
//! Both keep `frame_system`'s version checks (same `spec_name`, higher `spec_version`); the
//! unchecked variants (`set_code_without_checks`, `authorize_upgrade_without_checks`) are
//! deliberately not bridged. This pallet emits no events of its own: `frame_system` emits
//! `UpgradeAuthorized` and `CodeUpdated`.
//!
//! ## Terms
//!
//! - **Upgrade origin**: [`Config::UpgradeOrigin`]; every other origin, Root included unless the
//!   runtime says so, gets `BadOrigin`.
//! - **Authorized upgrade**: `frame_system::AuthorizedUpgrade`, the one code hash that
//!   `apply_authorized_upgrade` accepts; a new authorization replaces the previous one.
//!
//! ## Invariants
//!
//! The pallet has no storage: it holds no state of its own to keep consistent. Its one rule is
//! that every call first checks `UpgradeOrigin`, and a failed call changes nothing.

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
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

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

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Who may upgrade the runtime (in the runtime, two thirds of the Council).
		type UpgradeOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Weight information for the calls of this pallet.
		type WeightInfo: WeightInfo;
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Replace the runtime with `code`, as `system.set_code` does with Root.
		///
		/// - Origin: `UpgradeOrigin` (in the runtime, two thirds of the Council).
		/// - `code` must be a runtime whose version `frame_system` can read, with the same
		///   `spec_name` and a higher `spec_version`; otherwise `frame_system`'s error
		///   (`FailedToExtractRuntimeVersion`, `InvalidSpecName`, `SpecVersionNeedsToIncrease`,
		///   `MultiBlockMigrationsOngoing`) and nothing changes.
		/// - `frame_system` emits `CodeUpdated`; the new runtime runs from the next block.
		/// - Cost: `frame_system`'s `set_code` weight; the post-info is `frame_system`'s, which
		///   consumes the rest of the block.
		#[pallet::call_index(0)]
		#[pallet::weight((T::WeightInfo::set_code(), DispatchClass::Operational))]
		pub fn set_code(origin: OriginFor<T>, code: Vec<u8>) -> DispatchResultWithPostInfo {
			T::UpgradeOrigin::ensure_origin(origin)?;
			Self::do_set_code(code)
		}

		/// Authorize the runtime with hash `code_hash`, as `system.authorize_upgrade` does with
		/// Root; anyone may then apply it with `system.apply_authorized_upgrade(code)`.
		///
		/// - Origin: `UpgradeOrigin` (in the runtime, two thirds of the Council).
		/// - Replaces any earlier authorization. The version checks happen when the code is
		///   applied.
		/// - `frame_system` emits `UpgradeAuthorized { code_hash, check_version: true }`.
		/// - Cost: `frame_system`'s `authorize_upgrade` weight (one write).
		#[pallet::call_index(1)]
		#[pallet::weight((T::WeightInfo::authorize_upgrade(), DispatchClass::Operational))]
		pub fn authorize_upgrade(origin: OriginFor<T>, code_hash: T::Hash) -> DispatchResult {
			T::UpgradeOrigin::ensure_origin(origin)?;
			Self::do_authorize_upgrade(code_hash)
		}
	}
}

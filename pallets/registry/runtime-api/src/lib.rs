//! Runtime API of the registry of trust: what a verifier (or a wallet, or the node's RPC) asks
//! about an institution without an account.
//!
//! The runtime implements it with one line per function, each calling the `pub fn` of
//! `pallet_registry::Pallet` of the same name:
//!
//! ```ignore
//! impl pallet_registry_runtime_api::RegistryApi<Block, AccountId, BlockNumber> for Runtime {
//!     fn institution(institution: AccountId) -> Option<InstitutionView<BlockNumber>> {
//!         Registry::institution(&institution)
//!     }
//!     // ...
//! }
//! ```

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;

pub use pallet_registry::{AccreditationPeriod, InstitutionStatus, InstitutionView, SigningKey};

sp_api::decl_runtime_apis! {
	/// Questions about the registry of trust.
	pub trait RegistryApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// Everything the chain knows about `institution` (status, name, URI, signing key,
		/// reason of a suspension or revocation, accreditation history), or `None` if it is not
		/// in the registry.
		fn institution(institution: AccountId) -> Option<InstitutionView<BlockNumber>>;

		/// Whether `institution` is accredited now.
		fn is_accredited(institution: AccountId) -> bool;

		/// Whether `institution` was accredited at block `at`: `from <= at < to` for one of its
		/// accreditation periods (or `from <= at` while the period is open).
		fn was_accredited_at(institution: AccountId, at: BlockNumber) -> bool;

		/// The instructors of `institution`, in the order they were added.
		fn instructors_of(institution: AccountId) -> Vec<AccountId>;

		/// The institutions `instructor` serves.
		fn institutions_of(instructor: AccountId) -> Vec<AccountId>;
	}
}

//! # Learning Tokens runtime
//!
//! The state transition function of the Learning Tokens chain: a permissioned Substrate chain
//! on which accredited institutions record, step by step, how learners acquire units of
//! competency, and mint tokens that learners own.
//!
//! This crate holds the types every other part agrees on (accounts, balances, blocks), the
//! runtime version, and the list of pallets with their indices. Each pallet's configuration lives
//! in [`configs`], the runtime APIs the node and clients call in [`apis`], and the genesis presets
//! (`development`, `local_testnet`) in [`genesis_config_presets`].
//!
//! Pallet indices are part of the chain's encoding: never reorder or reuse them. Indices 0-19
//! hold FRAME's system pallets, 20-39 governance, 40 and above the Learning Tokens pallets.

#![cfg_attr(not(feature = "std"), no_std)]
// Runtime code never panics on what a caller sent: no unwrap, expect, unchecked indexing or
// unchecked arithmetic outside tests.
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects
	)
)]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

// Before `apis`: its `list_benchmarks!` and `add_benchmarks!` are in scope from here on.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod genesis_config_presets;
pub mod weights;

extern crate alloc;

use alloc::vec::Vec;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

pub use frame_support::{
	construct_runtime, parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, ConstU8},
	weights::Weight,
};
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;

/// Opaque types, for the node: it knows blocks and extrinsics only as bytes.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;
	use sp_runtime::{generic, traits::BlakeTwo256};

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;

	impl_opaque_keys! {
		/// The keys a validator registers: Aura to author blocks, GRANDPA to finalize them.
		pub struct SessionKeys {
			pub aura: super::Aura,
			pub grandpa: super::Grandpa,
		}
	}
}

/// The runtime version. Bump `spec_version` with every runtime change that goes on chain, and
/// `transaction_version` whenever the encoding of a call or of the transaction extensions
/// changes.
#[cfg(not(feature = "next-release"))]
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("learning-tokens"),
	impl_name: alloc::borrow::Cow::Borrowed("learning-tokens"),
	authoring_version: 1,
	spec_version: 101,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The next release's version (the `next-release` feature): `spec_version` + 1, with the
/// migrations of [`Migrations`]. `build.rs` builds it beside this release's runtime, as
/// `next_release.compact.compressed.wasm`, for the e2e suite's runtime upgrade of a live network
/// (docs/ARCHITECTURE.md, "Storage versions and migrations"). The literals must be literals:
/// `#[runtime_version]` writes them into the wasm's version section.
#[cfg(feature = "next-release")]
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("learning-tokens"),
	impl_name: alloc::borrow::Cow::Borrowed("learning-tokens"),
	authoring_version: 1,
	spec_version: 102,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Block time. Aura authors one block per slot.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Aura's slot duration equals the block time.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Time is measured in blocks.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

include!("token.rs");
pub const UNIT: Balance = 1_000_000_000_000;
pub const MILLI_UNIT: Balance = 1_000_000_000;
pub const MICRO_UNIT: Balance = 1_000_000;
/// The smallest balance an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;
/// The SS58 prefix: the generic Substrate prefix, so polkadot.js shows the familiar addresses.
pub const SS58_PREFIX: u16 = 42;

/// An index to a block.
pub type BlockNumber = u32;
/// The signature scheme of transactions: sr25519, ed25519 or ecdsa, as polkadot.js signs.
pub type Signature = MultiSignature;
/// An account on chain: the public key of whoever signs for it.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance of an account.
pub type Balance = u128;
/// The nonce of a transaction.
pub type Nonce = u32;
/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;
/// How accounts are addressed in calls.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block with its justifications.
pub type SignedBlock = generic::SignedBlock<Block>;
/// Block identifier.
pub type BlockId = generic::BlockId<Block>;

/// The checks every signed transaction passes before it is dispatched. Only extensions that
/// @polkadot/api knows by name are used, so clients need no extension definitions.
pub type TxExtension = (
	// Refuses `session.purge_keys` from a listed validator (`VALIDATOR_KEEPS_KEYS`), so that
	// the chain cannot lose its last authority. Clients see `CheckNonZeroSender`: it has that
	// identifier and encoding.
	pallet_validator_set::KeepKeys<Runtime, frame_system::CheckNonZeroSender<Runtime>>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	// The nonce check, refusing in the pool a free call too far ahead of its signer's nonce
	// (`MaxQueuedFree`). Clients see `CheckNonce`: it has that identifier and encoding.
	pallet_feeless::FreeQueueLimit<Runtime>,
	frame_system::CheckWeight<Runtime>,
	// Charges the fee, except for a learner's valid calls (`configs::learning::LearnerCalls`).
	// Clients see `ChargeTransactionPayment`: it has that identifier and encoding.
	pallet_feeless::FreeOrPaid<
		Runtime,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	>,
	// RFC 78: a signer that sets mode 1 signs the digest of this runtime's metadata (computed
	// by the build, `build.rs`), so that a hardware wallet can show the call it signs from a
	// proof of the metadata it needs; a transaction signed for other metadata is refused as a
	// bad signature. Mode 0 (what wallets send by default) signs nothing more.
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
);

/// Extrinsic as it appears in a block.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload a signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations to run on the next runtime upgrade. Each is versioned: it runs only on
/// the storage version it migrates from, so a chain built from genesis at the new version skips
/// it (docs/ARCHITECTURE.md, "Storage versions and migrations").
#[cfg(not(feature = "next-release"))]
type Migrations = (pallet_registry::migrations::v1::MigrateToV1<Runtime>,);

/// The next release's migrations: the nodes pallet's list becomes one entry per node
/// (`pallet_nodes::migrations::v1`).
#[cfg(feature = "next-release")]
type Migrations = (
	pallet_registry::migrations::v1::MigrateToV1<Runtime>,
	pallet_nodes::migrations::v1::MigrateToV1<Runtime>,
);

/// Dispatches calls to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	// Governance (20-39). The validator set comes before the session pallet that asks it for
	// each new set.
	#[runtime::pallet_index(20)]
	pub type Council = pallet_collective<Instance1>;

	#[runtime::pallet_index(21)]
	pub type CouncilMembership = pallet_membership<Instance1>;

	#[runtime::pallet_index(22)]
	pub type ValidatorSet = pallet_validator_set;

	#[runtime::pallet_index(23)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(24)]
	pub type Upgrade = pallet_upgrade;

	#[runtime::pallet_index(25)]
	pub type Nodes = pallet_nodes;

	// Learning Tokens (40-).
	#[runtime::pallet_index(40)]
	pub type Registry = pallet_registry;

	#[runtime::pallet_index(41)]
	pub type Courses = pallet_courses;

	#[runtime::pallet_index(42)]
	pub type Lifecycle = pallet_lifecycle;

	#[runtime::pallet_index(43)]
	pub type Tokens = pallet_tokens;

	#[runtime::pallet_index(45)]
	pub type Assets = pallet_assets;

	#[runtime::pallet_index(46)]
	pub type Feeless = pallet_feeless;
}

#[cfg(test)]
mod tests;

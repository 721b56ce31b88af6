//! Genesis presets: the starting state of the `development` and `local_testnet` chains.
//!
//! A chain spec names a preset, and the node asks the runtime for it by name
//! (`GenesisBuilder::get_preset`), so the genesis state is defined once, here, next to the types
//! it uses.
//!
//! There is no sudo key: the Council (its members set here) governs from block 1. Validators are
//! given to the validator set and their session keys to the session pallet, which hands them to
//! Aura and GRANDPA; those two pallets' own genesis authorities stay empty.

use crate::{
	configs::learning::{help_owner, HELP_ASSET_ID},
	opaque::SessionKeys,
	AccountId, AssetsConfig, BalancesConfig, BlockNumber, CouncilMembershipConfig,
	RuntimeGenesisConfig, SessionConfig, ValidatorSetConfig, MINUTES, UNIT,
};
use alloc::{string::String, vec, vec::Vec};
use frame_support::{build_struct_json_patch, BoundedVec};
use serde_json::Value;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What every well-known development account holds at genesis.
pub const ENDOWMENT: u128 = 1_000_000 * UNIT;

/// A validator: its account, and its session keys (Aura sr25519 to author, GRANDPA ed25519 to
/// finalize).
pub struct Validator {
	pub account: AccountId,
	pub keys: SessionKeys,
}

impl Validator {
	/// The well-known development validator `name` (`//Alice`, ...): account and keys from the
	/// same seed, as `--alice` puts them in the node's keystore.
	pub fn well_known(sr: Sr25519Keyring, ed: Ed25519Keyring) -> Self {
		Validator {
			account: sr.to_account_id(),
			keys: SessionKeys { aura: sr.public().into(), grandpa: ed.public().into() },
		}
	}
}

/// Blocks per session of the development chain: ten minutes. Its one validator never changes,
/// so sessions only need to end now and then.
pub const DEV_SESSION_LENGTH: BlockNumber = 10 * MINUTES;

/// Blocks per session of the local test network: one minute, so that a validator the Council
/// adds or removes takes effect within two, as the governance tests expect. A production
/// network's sessions last an hour or more.
pub const LOCAL_SESSION_LENGTH: BlockNumber = MINUTES;

/// The genesis state of a chain with these validators, Council members and endowed accounts,
/// and sessions of `session_length` blocks.
fn genesis(
	validators: Vec<Validator>,
	council: Vec<AccountId>,
	endowed: Vec<AccountId>,
	session_length: BlockNumber,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed
				.iter()
				.cloned()
				.map(|account| (account, ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		council_membership: CouncilMembershipConfig { members: BoundedVec::truncate_from(council) },
		// Help, the fungible Learning Token: sufficient (a learner holds it without native
		// balance), a minimum balance of one point, whole points (no decimals).
		assets: AssetsConfig {
			assets: vec![(HELP_ASSET_ID, help_owner(), true, 1)],
			metadata: vec![(HELP_ASSET_ID, b"Help".to_vec(), b"HELP".to_vec(), 0)],
		},
		validator_set: ValidatorSetConfig {
			initial_validators: validators.iter().map(|v| v.account.clone()).collect::<Vec<_>>(),
			session_length,
		},
		session: SessionConfig {
			keys: validators
				.into_iter()
				.map(|v| (v.account.clone(), v.account, v.keys))
				.collect::<Vec<_>>(),
		},
	})
}

/// The well-known development accounts (Alice ... Ferdie and their `//stash` accounts).
fn well_known_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// `development`: Alice alone validates and alone sits on the Council, so a motion with
/// threshold 1 executes at once.
pub fn development() -> Value {
	genesis(
		vec![Validator::well_known(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		vec![Sr25519Keyring::Alice.to_account_id()],
		well_known_accounts(),
		DEV_SESSION_LENGTH,
	)
}

/// `local_testnet`: Alice, Bob and Charlie validate and sit on the Council.
pub fn local_testnet() -> Value {
	let members = [
		(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
	];
	genesis(
		members.iter().map(|(sr, ed)| Validator::well_known(*sr, *ed)).collect(),
		members.iter().map(|(sr, _)| sr.to_account_id()).collect(),
		well_known_accounts(),
		LOCAL_SESSION_LENGTH,
	)
}

/// The JSON patch of the preset `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => development(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_testnet(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(String::into_bytes)
}

/// The names of the presets this runtime knows.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}

//! Genesis presets: the starting state of the `development` and `local_testnet` chains.
//!
//! A chain spec names a preset, and the node asks the runtime for it by name
//! (`GenesisBuilder::get_preset`), so the genesis state is defined once, here, next to the types
//! it uses.

use crate::{AccountId, BalancesConfig, RuntimeGenesisConfig, UNIT};
use alloc::{string::String, vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What every well-known development account holds at genesis.
pub const ENDOWMENT: u128 = 1_000_000 * UNIT;

/// A validator's keys: Aura (sr25519) to author, GRANDPA (ed25519) to finalize.
pub struct Validator {
	pub aura: AuraId,
	pub grandpa: GrandpaId,
}

impl Validator {
	fn well_known(sr: Sr25519Keyring, ed: Ed25519Keyring) -> Self {
		Validator { aura: sr.public().into(), grandpa: ed.public().into() }
	}
}

/// The genesis state of a chain with these validators and endowed accounts.
fn genesis(validators: Vec<Validator>, endowed: Vec<AccountId>) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed
				.iter()
				.cloned()
				.map(|account| (account, ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: validators.iter().map(|v| v.aura.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: validators.iter().map(|v| (v.grandpa.clone(), 1)).collect::<Vec<_>>(),
		},
	})
}

/// The well-known development accounts (Alice ... Ferdie and their `//stash` accounts).
fn well_known_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// `development`: Alice alone validates.
pub fn development() -> Value {
	genesis(
		vec![Validator::well_known(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		well_known_accounts(),
	)
}

/// `local_testnet`: Alice, Bob and Charlie validate.
pub fn local_testnet() -> Value {
	genesis(
		vec![
			Validator::well_known(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			Validator::well_known(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			Validator::well_known(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		],
		well_known_accounts(),
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

//! Chain specifications: `dev` and `local` are built from the runtime's genesis presets; any
//! other name is read as a chain-spec JSON file (for example `chain-specs/local.json`).

use learning_tokens_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use sc_service::{ChainType, Properties};

/// The chain spec of this node: no extensions.
pub type ChainSpec = sc_service::GenericChainSpec;

/// What polkadot.js shows for the native token and addresses.
pub fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or_else(|| {
		"The wasm runtime is not available: build without SKIP_WASM_BUILD".to_string()
	})?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_protocol_id("learning-tokens")
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// One validator (Alice), for development.
pub fn development() -> Result<ChainSpec, String> {
	from_preset(
		"Learning Tokens Development",
		"learning_tokens_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// Three validators (Alice, Bob, Charlie) on one machine.
pub fn local_testnet() -> Result<ChainSpec, String> {
	from_preset(
		"Learning Tokens Local Testnet",
		"learning_tokens_local",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

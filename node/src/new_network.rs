//! `new-network`: the chain spec of a consortium's own network, from the founding governance
//! institutions' accounts and their validators' session keys (docs/OPERATORS.md).
//!
//! The genesis is the runtime's ([`consortium`]): the Council, the validators with their keys,
//! the endowments the founders choose and nothing else, the Help asset. The runtime refuses any
//! public development account or key, so a spec written by this command can never be governed
//! by `//Alice`; and only the nodes given with `--node` may peer until the Council authorizes
//! more.

use std::{io::Write, path::PathBuf};

use learning_tokens_runtime::{
	genesis_config_presets::{consortium, Founding, Validator},
	opaque::SessionKeys,
	AccountId, Balance, BlockNumber, MINUTES, SS58_PREFIX, UNIT, WASM_BINARY,
};
use sc_network::config::MultiaddrWithPeerId;
use sc_service::ChainType;
use sp_core::{
	crypto::{Ss58AddressFormat, Ss58Codec},
	ed25519, sr25519,
};

/// Write the raw chain spec of a new network from its founders' accounts and keys.
#[derive(Debug, clap::Parser)]
pub struct NewNetworkCmd {
	/// The network's name, as wallets show it.
	#[arg(long)]
	pub name: String,

	/// The network's id: lowercase letters, digits and `_`. Nodes keep its data under
	/// `<base-path>/chains/<id>`, and it names the network's peer-to-peer protocols.
	#[arg(long)]
	pub id: String,

	/// A Council member: a founding governance institution's account (SS58). Repeat for each.
	#[arg(long = "council", value_name = "ACCOUNT", required = true)]
	pub council: Vec<String>,

	/// A validator: its account, its Aura key (sr25519) and its GRANDPA key (ed25519), each in
	/// SS58 or as 0x-prefixed hex, separated by commas. Repeat for each.
	#[arg(long = "validator", value_name = "ACCOUNT,AURA,GRANDPA", required = true)]
	pub validators: Vec<String>,

	/// An account's balance at genesis, in whole LT: `ACCOUNT=AMOUNT`. Repeat; no other account
	/// holds anything. Every Council member needs at least 30 LT (motions' deposits and fees).
	#[arg(long = "endow", value_name = "ACCOUNT=LT")]
	pub endow: Vec<String>,

	/// The peer id of a node that may peer from genesis (`key inspect-node-key` prints it): at
	/// least each founder's validator. Repeat. No other node gets blocks until the Council
	/// authorizes it (`nodes.authorizeNode`).
	#[arg(long = "node", value_name = "PEER_ID", required = true)]
	pub nodes: Vec<String>,

	/// Minutes per session. A validator set change takes effect one to two sessions after the
	/// Council's motion.
	#[arg(long, default_value_t = 60)]
	pub session_minutes: u32,

	/// A bootnode: `/dns/<host>/tcp/<port>/p2p/<peer id>` (or `/ip4/...`). Repeat.
	#[arg(long = "bootnode", value_name = "MULTIADDR")]
	pub bootnodes: Vec<MultiaddrWithPeerId>,

	/// Write the readable spec (genesis as configuration) instead of the raw one (genesis as
	/// storage). Start nodes from the raw one: it does not depend on the node's version.
	#[arg(long)]
	pub plain: bool,

	/// Write the spec to this file instead of standard output.
	#[arg(long, short, value_name = "FILE")]
	pub output: Option<PathBuf>,
}

/// Decodes an SS58 string of this chain's format (42) or 0x-prefixed hex of 32 bytes.
fn public_bytes<P: Ss58Codec + From<[u8; 32]>>(text: &str, what: &str) -> Result<P, String> {
	let text = text.trim();
	if let Some(hex) = text.strip_prefix("0x") {
		let bytes = sp_core::bytes::from_hex(hex).map_err(|_| format!("{what} {text}: not hex"))?;
		let bytes: [u8; 32] = bytes
			.try_into()
			.map_err(|_| format!("{what} {text}: not 32 bytes of hex (64 digits)"))?;
		return Ok(P::from(bytes));
	}
	let (public, format) = P::from_ss58check_with_version(text)
		.map_err(|error| format!("{what} {text}: not an SS58 address or 0x hex ({error})"))?;
	if format != Ss58AddressFormat::custom(SS58_PREFIX) {
		return Err(format!("{what} {text}: SS58 format {format}, this chain's is {SS58_PREFIX}"));
	}
	Ok(public)
}

fn account(text: &str, what: &str) -> Result<AccountId, String> {
	public_bytes::<sr25519::Public>(text, what).map(|public| AccountId::from(public.0))
}

fn validator(text: &str) -> Result<Validator, String> {
	let parts: Vec<&str> = text.split(',').collect();
	let [who, aura, grandpa] = parts[..] else {
		return Err(format!(
			"--validator {text}: three values separated by commas: ACCOUNT,AURA,GRANDPA"
		));
	};
	let aura = public_bytes::<sr25519::Public>(aura, "Aura key")?;
	let grandpa = public_bytes::<ed25519::Public>(grandpa, "GRANDPA key")?;
	Ok(Validator {
		account: account(who, "validator account")?,
		keys: SessionKeys { aura: aura.into(), grandpa: grandpa.into() },
	})
}

fn endowment(text: &str) -> Result<(AccountId, Balance), String> {
	let (who, amount) = text
		.split_once('=')
		.ok_or_else(|| format!("--endow {text}: ACCOUNT=AMOUNT, the amount in whole LT"))?;
	let amount: Balance = amount
		.trim()
		.parse()
		.map_err(|_| format!("--endow {text}: the amount is not a whole number of LT"))?;
	let amount = amount
		.checked_mul(UNIT)
		.ok_or_else(|| format!("--endow {text}: the amount is too large"))?;
	Ok((account(who, "endowed account")?, amount))
}

impl NewNetworkCmd {
	/// Checks the founders' choices, builds the genesis and writes the spec.
	pub fn run(&self) -> Result<(), String> {
		if self.id.is_empty()
			|| !self
				.id
				.bytes()
				.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
		{
			return Err(format!(
				"--id {}: lowercase letters, digits and _ only (it names a directory)",
				self.id
			));
		}
		if self.name.trim().is_empty() {
			return Err("--name: the network needs a name".into());
		}
		let session_length = BlockNumber::try_from(self.session_minutes)
			.ok()
			.and_then(|minutes| minutes.checked_mul(MINUTES))
			.ok_or("--session-minutes: too large")?;
		for bootnode in &self.bootnodes {
			let peer = bootnode.peer_id.to_base58();
			if !self.nodes.iter().any(|node| node.trim() == peer) {
				return Err(format!(
					"--bootnode {bootnode}: its peer id is not among the --node peer ids, so no \
					 node would let it in"
				));
			}
		}
		let founding = Founding {
			validators: self.validators.iter().map(|v| validator(v)).collect::<Result<_, _>>()?,
			council: self
				.council
				.iter()
				.map(|c| account(c, "Council member"))
				.collect::<Result<_, _>>()?,
			endowed: self.endow.iter().map(|e| endowment(e)).collect::<Result<_, _>>()?,
			session_length,
			nodes: self.nodes.iter().map(|node| node.trim().as_bytes().to_vec()).collect(),
		};
		let patch = consortium(founding)?;

		let wasm = WASM_BINARY
			.ok_or("the wasm runtime is not available: build without SKIP_WASM_BUILD")?;
		let spec = crate::chain_spec::ChainSpec::builder(wasm, None)
			.with_name(&self.name)
			.with_id(&self.id)
			.with_protocol_id(&self.id)
			.with_chain_type(ChainType::Live)
			.with_boot_nodes(self.bootnodes.clone())
			.with_genesis_config_patch(patch)
			.with_properties(crate::chain_spec::properties())
			.build();
		let json = sc_service::ChainSpec::as_json(&spec, !self.plain)?;
		match &self.output {
			Some(path) => std::fs::write(path, json)
				.map_err(|error| format!("cannot write {}: {error}", path.display()))?,
			None => std::io::stdout()
				.write_all(json.as_bytes())
				.map_err(|error| format!("cannot write the spec: {error}"))?,
		}
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	/// //Alice's account in this chain's SS58 format (42) and in Polkadot's (0).
	const ALICE_42: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	const ALICE_0: &str = "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5";

	#[test]
	fn keys_are_read_from_ss58_or_hex_of_32_bytes() {
		let from_ss58 = account(ALICE_42, "x").expect("SS58");
		let hex = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
		assert_eq!(account(hex, "x").expect("hex"), from_ss58);
		assert!(account("0xd435", "Council member").unwrap_err().contains("not 32 bytes"));
		assert!(account("0xzz", "Council member").unwrap_err().contains("not hex"));
		assert!(account("Alice", "Council member").unwrap_err().contains("not an SS58 address"));
		let other = account(ALICE_0, "Council member").map(|_| ()).unwrap_err();
		assert!(other.contains("SS58 format"), "{other}");
	}

	#[test]
	fn a_validator_needs_three_values() {
		let error = validator(ALICE_42).err().expect("refused");
		assert!(error.contains("three values separated by commas"), "{error}");
		let error = validator(&format!("{ALICE_42},{ALICE_42},0x00")).err().expect("refused");
		assert!(error.starts_with("GRANDPA key"), "{error}");
	}

	#[test]
	fn an_endowment_is_a_whole_number_of_lt() {
		let (_, amount) = endowment(&format!("{ALICE_42}=25")).expect("valid");
		assert_eq!(amount, 25 * UNIT);
		assert!(endowment(ALICE_42).unwrap_err().contains("ACCOUNT=AMOUNT"));
		assert!(endowment(&format!("{ALICE_42}=2.5"))
			.unwrap_err()
			.contains("not a whole number"));
		let too_much = format!("{ALICE_42}={}", u128::MAX);
		assert!(endowment(&too_much).unwrap_err().contains("too large"));
	}
}

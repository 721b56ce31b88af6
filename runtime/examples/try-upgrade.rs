//! `try-upgrade`: the next release's migrations against a live chain's state, before the chain
//! is upgraded: what try-runtime's `on-runtime-upgrade` checks, run natively.
//!
//! ```text
//! try-upgrade <snapshot.json>
//! ```
//!
//! The snapshot is every key and value of a block's state, as the e2e upgrade test fetches them
//! from a running node over RPC (`state_getKeysPaged`, `state_queryStorageAt`):
//! `{"block": "0x…", "stateRoot": "0x…", "pairs": [["0x<key>", "0x<value>"], …]}`. With a
//! `stateRoot` (the snapshot tool always writes the block's), the pairs must make exactly that
//! root: a snapshot with a key missing or a value changed is refused. On that state it runs
//! `Executive::try_runtime_upgrade` of this build's runtime (the next release, when built with
//! `next-release`, as the e2e suite does; a new release's own source tree otherwise): every
//! migration's `pre_upgrade`, the migrations, every `post_upgrade`, the decoding of every
//! storage item of every pallet with the new types, and every pallet's `try_state`. It then
//! checks what try-runtime also checks: that the migrations' declared weight fits in a block
//! (their proof size is not measured: a solo chain's block has no proof-size limit), and that a
//! second run changes nothing (the storage versions stop a migration from running twice). It prints each of our pallets' storage version
//! before and after, and exits non-zero on the first failure (FRAME logs each failed check:
//! warnings and errors go to stderr).
//!
//! Built with try-runtime (`required-features` in Cargo.toml): `SKIP_WASM_BUILD=1 cargo build
//! -p learning-tokens-runtime --example try-upgrade --features try-runtime`; scripts/test.sh
//! adds `runtime-benchmarks` (to reuse its test build) and `next-release`, and hands the binary
//! to the e2e suite as `LT_TRY_UPGRADE_BIN`.

use std::{collections::BTreeMap, process::ExitCode};

use frame_support::traits::{
	GetStorageVersion, PalletInfoAccess, StorageVersion, UpgradeCheckSelect,
};
use learning_tokens_runtime::{
	configs::RuntimeBlockWeights, Courses, Executive, Feeless, Lifecycle, Nodes, Registry, Runtime,
	Tokens, Upgrade, ValidatorSet, VERSION,
};
use sp_core::storage::{well_known_keys::CODE, Storage};
use sp_runtime::StateVersion;

/// FRAME's try-runtime reports each failed check in the log, then returns a summary error: the
/// log's warnings and errors go to stderr.
struct Stderr;

impl log::Log for Stderr {
	fn enabled(&self, metadata: &log::Metadata) -> bool {
		metadata.level() <= log::Level::Warn
	}

	fn log(&self, record: &log::Record) {
		if self.enabled(record.metadata()) {
			eprintln!("{} {}: {}", record.level(), record.target(), record.args());
		}
	}

	fn flush(&self) {}
}

fn main() -> ExitCode {
	if log::set_logger(&Stderr).is_ok() {
		log::set_max_level(log::LevelFilter::Warn);
	}
	match run() {
		Ok(()) => ExitCode::SUCCESS,
		Err(problem) => {
			eprintln!("try-upgrade: {problem}");
			ExitCode::FAILURE
		},
	}
}

fn run() -> Result<(), String> {
	let path = std::env::args().nth(1).ok_or("usage: try-upgrade <snapshot.json>")?;
	let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
	let snapshot: serde_json::Value =
		serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
	let block = snapshot["block"].as_str().unwrap_or("?").to_owned();
	let pairs = snapshot["pairs"].as_array().ok_or(format!("{path}: no \"pairs\""))?;
	let mut top = BTreeMap::new();
	for pair in pairs {
		let (key, value) = match pair.as_array().map(Vec::as_slice) {
			Some([key, value]) => (key.as_str(), value.as_str()),
			_ => return Err(format!("{path}: a pair is not [key, value]")),
		};
		let key = hex(key.ok_or("a key is not text")?)?;
		let value = hex(value.ok_or("a value is not text")?)?;
		top.insert(key, value);
	}
	let keys = top.len();
	let state_root = match snapshot.get("stateRoot") {
		Some(root) => Some(hex(root.as_str().ok_or("stateRoot is not text")?)?),
		None => None,
	};
	// The test externalities always set `:code`: to the snapshot's own, so that the state is
	// the block's (and makes its root).
	let code = top.get(CODE).cloned();
	let mut ext = sp_io::TestExternalities::new_with_code_and_state(
		code.as_deref().unwrap_or_default(),
		Storage { top, children_default: Default::default() },
		StateVersion::V1,
	);
	if code.is_none() {
		ext.execute_with(|| sp_io::storage::clear(CODE));
	}

	ext.execute_with(|| -> Result<(), String> {
		let number = frame_system::Pallet::<Runtime>::block_number();
		let before = versions();
		println!(
			"state of block {block} (#{number}): {keys} keys; upgrading to spec version {}",
			VERSION.spec_version
		);
		match &state_root {
			Some(expected) => {
				if sp_io::storage::root(StateVersion::V1) != *expected {
					return Err(format!(
						"the snapshot's keys and values do not make block {block}'s state root: \
						 it is incomplete or altered"
					));
				}
				println!("state root: the block's");
			},
			None => println!("state root: none given, not checked"),
		}

		let weight = Executive::try_runtime_upgrade(UpgradeCheckSelect::All)
			.map_err(|e| format!("the migrations or their checks failed: {e:?}"))?;
		let max = RuntimeBlockWeights::get().max_block;
		println!(
			"migrations ran: declared weight {} ps, {} bytes of proof (a block holds {} ps, {} bytes)",
			weight.ref_time(),
			weight.proof_size(),
			max.ref_time(),
			max.proof_size()
		);
		if weight.any_gt(max) {
			return Err("the migrations do not fit in one block".into());
		}
		for ((pallet, was, _), (_, now, in_code)) in before.into_iter().zip(versions()) {
			println!("{pallet}: storage version {} -> {}", version(was), version(now));
			if now != in_code {
				return Err(format!(
					"{pallet} is at storage version {} after the upgrade, its code at {}",
					version(now),
					version(in_code)
				));
			}
		}
		println!("authorized nodes: {}", pallet_nodes::Pallet::<Runtime>::authorized_nodes().len());

		let root = sp_io::storage::root(StateVersion::V1);
		Executive::try_runtime_upgrade(UpgradeCheckSelect::All)
			.map_err(|e| format!("a second run of the migrations failed: {e:?}"))?;
		if sp_io::storage::root(StateVersion::V1) != root {
			return Err("a second run of the migrations changed the state".into());
		}
		println!("a second run changes nothing: ok");
		Ok(())
	})
}

/// Each of our pallets: its name, its storage version on chain and that of its code.
fn versions() -> Vec<(&'static str, StorageVersion, StorageVersion)> {
	macro_rules! pallets {
		($($pallet:ty),*) => {
			vec![$((
				<$pallet as PalletInfoAccess>::name(),
				<$pallet as GetStorageVersion>::on_chain_storage_version(),
				<$pallet as GetStorageVersion>::in_code_storage_version(),
			)),*]
		};
	}
	pallets!(Registry, Courses, Lifecycle, Tokens, Feeless, Upgrade, Nodes, ValidatorSet)
}

/// A storage version as its number.
fn version(version: StorageVersion) -> String {
	use codec::{Decode, Encode};
	u16::decode(&mut &version.encode()[..]).map_or_else(|_| "?".into(), |number| number.to_string())
}

/// `0x`-prefixed hex to bytes.
fn hex(text: &str) -> Result<Vec<u8>, String> {
	let digits = text.strip_prefix("0x").ok_or(format!("{text:.20}: not 0x-prefixed hex"))?;
	if digits.len() % 2 != 0 {
		return Err(format!("{digits:.20}: odd number of hex digits"));
	}
	(0..digits.len())
		.step_by(2)
		.map(|i| {
			digits
				.get(i..i + 2)
				.and_then(|pair| u8::from_str_radix(pair, 16).ok())
				.ok_or(format!("{digits:.20}: not hex"))
		})
		.collect()
}

//! Genesis presets: the starting state of the `development` and `local_testnet` chains, and of
//! a consortium's own network ([`consortium`], which the node's `new-network` subcommand writes
//! into a chain spec).
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
	AccountId, AssetsConfig, Balance, BalancesConfig, BlockNumber, CouncilMembershipConfig,
	NodesConfig, RuntimeGenesisConfig, SessionConfig, ValidatorSetConfig, EXISTENTIAL_DEPOSIT,
	MINUTES, UNIT,
};
use alloc::{format, string::String, vec, vec::Vec};
use frame_support::{build_struct_json_patch, traits::Get, BoundedVec};
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

/// The genesis state of a chain with these validators, Council members and endowed accounts
/// (each with its balance), sessions of `session_length` blocks, and these authorized network
/// nodes (none: any node may peer).
fn genesis(
	validators: Vec<Validator>,
	council: Vec<AccountId>,
	endowed: Vec<(AccountId, Balance)>,
	session_length: BlockNumber,
	nodes: Vec<Vec<u8>>,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances: endowed },
		nodes: NodesConfig { nodes },
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

/// The well-known development accounts (Alice ... Ferdie and their `//stash` accounts), each
/// with [`ENDOWMENT`].
fn well_known_accounts() -> Vec<(AccountId, Balance)> {
	Sr25519Keyring::well_known().map(|k| (k.to_account_id(), ENDOWMENT)).collect()
}

/// What a Council member must hold at genesis: two motions' deposits (`MotionDeposit`, held
/// while a motion is open) and as much as one more for fees, which are a small part of an LT,
/// or the Council could not act.
pub const MIN_COUNCIL_ENDOWMENT: Balance = 3 * crate::configs::governance::MotionDeposit::get();

/// The most blocks a session may last on a consortium's network: a day.
pub const MAX_SESSION_LENGTH: BlockNumber = crate::DAYS;

/// What the founding governance institutions decide for their network's genesis.
pub struct Founding {
	/// The validators: each institution's account and its node's session keys.
	pub validators: Vec<Validator>,
	/// The Council: the founding governance institutions' accounts.
	pub council: Vec<AccountId>,
	/// The only balances at genesis; every Council member must have at least
	/// [`MIN_COUNCIL_ENDOWMENT`].
	pub endowed: Vec<(AccountId, Balance)>,
	/// Blocks per session: a validator set change takes effect one to two sessions after the
	/// Council's motion. An hour (600 blocks) suits a production network.
	pub session_length: BlockNumber,
	/// The peer ids (text, `12D3KooW…`) of the nodes that may peer: at least one, the founders'
	/// validators; only the nodes the Council authorizes later may join.
	pub nodes: Vec<Vec<u8>>,
}

/// The public keys of the development phrase itself ("bottom drive obey lake curtain smoke
/// basket hold race lonely fit walk", no derivation path): sr25519 (5DfhGyQd…) and ed25519.
const DEV_ROOT_SR25519: [u8; 32] = [
	0x46, 0xeb, 0xdd, 0xef, 0x8c, 0xd9, 0xbb, 0x16, 0x7d, 0xc3, 0x08, 0x78, 0xd7, 0x11, 0x3b, 0x7e,
	0x16, 0x8e, 0x6f, 0x06, 0x46, 0xbe, 0xff, 0xd7, 0x7d, 0x69, 0xd3, 0x9b, 0xad, 0x76, 0xb4, 0x7a,
];
const DEV_ROOT_ED25519: [u8; 32] = [
	0x34, 0x50, 0x71, 0xda, 0x55, 0xe5, 0xdc, 0xce, 0xfa, 0xaa, 0x44, 0x03, 0x39, 0x41, 0x5e, 0xf9,
	0xf2, 0x66, 0x33, 0x38, 0xa3, 0x8f, 0x7d, 0xa0, 0xdf, 0x21, 0xbe, 0x5a, 0xb4, 0xe0, 0x55, 0xef,
];

/// The peer ids of the public development node keys `0x00…01` to `0x00…06` (what examples
/// with `--node-key 0000…0001` use).
const DEV_PEER_IDS: [&str; 6] = [
	"12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp",
	"12D3KooWHdiAxVd8uMQR1hGWXccidmfCwLqcMpGwR6QcTP6QRMuD",
	"12D3KooWSCufgHzV4fCwRijfH2k3abrpAJxTKxEvN1FDuRXA2U9x",
	"12D3KooWSsChzF81YDUKpe9Uk5AHV5oqAaXAcWNSPYgoLauUk4st",
	"12D3KooWSuTq6MG9gPt7qZqLFKkYrfxMewTZhj9nmRHJkPwzWDG2",
	"12D3KooWMz5U7fR8mF5DNhZSSyFN8c19kU63xYopzDSNCzoFigYk",
];

/// Whether `account` is one of the public development accounts (`//Alice` ... `//Ferdie`, with
/// or without `//stash`, sr25519 or ed25519, or the development phrase's own keys), whose
/// secret keys everybody knows.
fn is_development_account(account: &AccountId) -> bool {
	Sr25519Keyring::iter().any(|k| &k.to_account_id() == account)
		|| Ed25519Keyring::iter().any(|k| &k.to_account_id() == account)
		|| Sr25519Keyring::well_known().any(|k| &k.to_account_id() == account)
		|| [DEV_ROOT_SR25519, DEV_ROOT_ED25519]
			.iter()
			.any(|raw| &AccountId::from(*raw) == account)
}

/// The genesis of a consortium's own network, or why `founding` cannot make one: no
/// development account or key anywhere, no account twice, every count within the runtime's
/// bounds, every Council member able to pay for motions. Nothing is endowed beyond
/// `founding.endowed`.
pub fn consortium(founding: Founding) -> Result<Value, String> {
	let Founding { validators, council, endowed, session_length, nodes } = founding;
	let max_validators: u32 =
		<crate::Runtime as pallet_validator_set::Config>::MaxValidators::get();
	let max_members = crate::configs::governance::CouncilMaxMembers::get();
	if validators.is_empty() {
		return Err("no validator: give at least one (--validator)".into());
	}
	if validators.len() > max_validators as usize {
		return Err(format!("{} validators: at most {max_validators}", validators.len()));
	}
	if council.is_empty() {
		return Err("no Council member: give at least one (--council)".into());
	}
	if council.len() > max_members as usize {
		return Err(format!("{} Council members: at most {max_members}", council.len()));
	}
	if session_length == 0 || session_length > MAX_SESSION_LENGTH {
		return Err(format!(
			"a session of {session_length} blocks: between 1 and {MAX_SESSION_LENGTH} (a day)"
		));
	}
	let ss58 = |account: &AccountId| {
		use sp_core::crypto::Ss58Codec;
		account.to_ss58check_with_version(crate::SS58_PREFIX.into())
	};
	let dev_aura: Vec<sp_consensus_aura::sr25519::AuthorityId> = Sr25519Keyring::iter()
		.map(|k| k.public())
		.chain([sp_core::sr25519::Public::from_raw(DEV_ROOT_SR25519)])
		.map(Into::into)
		.collect();
	let dev_grandpa: Vec<sp_consensus_grandpa::AuthorityId> = Ed25519Keyring::iter()
		.map(|k| k.public())
		.chain([sp_core::ed25519::Public::from_raw(DEV_ROOT_ED25519)])
		.map(Into::into)
		.collect();
	for (index, validator) in validators.iter().enumerate() {
		let who = ss58(&validator.account);
		if is_development_account(&validator.account) {
			return Err(format!("validator {who} is a public development account"));
		}
		if dev_aura.contains(&validator.keys.aura) {
			return Err(format!("validator {who}'s Aura key is a public development key"));
		}
		if dev_grandpa.contains(&validator.keys.grandpa) {
			return Err(format!("validator {who}'s GRANDPA key is a public development key"));
		}
		for other in validators.iter().take(index) {
			if other.account == validator.account {
				return Err(format!("validator {who} is given twice"));
			}
			if other.keys.aura == validator.keys.aura
				|| other.keys.grandpa == validator.keys.grandpa
			{
				return Err(format!("validator {who} shares a session key with another"));
			}
		}
	}
	for (index, member) in council.iter().enumerate() {
		let who = ss58(member);
		if is_development_account(member) {
			return Err(format!("Council member {who} is a public development account"));
		}
		if council.iter().take(index).any(|other| other == member) {
			return Err(format!("Council member {who} is given twice"));
		}
		let endowment =
			endowed.iter().find(|(account, _)| account == member).map_or(0, |(_, b)| *b);
		if endowment < MIN_COUNCIL_ENDOWMENT {
			return Err(format!(
				"Council member {who} is endowed with {} LT: at least {} LT, for motions' \
				 deposits and fees (--endow {who}=AMOUNT)",
				endowment / UNIT,
				MIN_COUNCIL_ENDOWMENT / UNIT,
			));
		}
	}
	if endowed
		.iter()
		.try_fold(0u128, |sum, (_, balance)| sum.checked_add(*balance))
		.is_none()
	{
		return Err("the endowments add up to more than a balance can hold".into());
	}
	for (index, (account, balance)) in endowed.iter().enumerate() {
		let who = ss58(account);
		if is_development_account(account) {
			return Err(format!("endowed account {who} is a public development account"));
		}
		if endowed.iter().take(index).any(|(other, _)| other == account) {
			return Err(format!("account {who} is endowed twice"));
		}
		if *balance < EXISTENTIAL_DEPOSIT {
			return Err(format!(
				"account {who} is endowed below the existential deposit ({EXISTENTIAL_DEPOSIT} \
				 of the smallest unit)"
			));
		}
	}
	if nodes.is_empty() {
		return Err("no node: give the peer id of at least one founder's node (--node)".into());
	}
	let max_nodes: u32 = <crate::Runtime as pallet_nodes::Config>::MaxNodes::get();
	if nodes.len() > max_nodes as usize {
		return Err(format!("{} nodes: at most {max_nodes}", nodes.len()));
	}
	for (index, node) in nodes.iter().enumerate() {
		let text = String::from_utf8_lossy(node);
		if DEV_PEER_IDS.iter().any(|dev| dev.as_bytes() == &node[..]) {
			return Err(format!(
				"node {text} is a public development node key's: give the node a key of its own \
				 (learning-tokens-node key generate-node-key)"
			));
		}
		if !pallet_nodes::is_peer_id(node) {
			return Err(format!(
				"node {text} is not a peer id (learning-tokens-node key inspect-node-key prints one)"
			));
		}
		if nodes.iter().take(index).any(|other| other == node) {
			return Err(format!("node {text} is given twice"));
		}
	}
	Ok(genesis(validators, council, endowed, session_length, nodes))
}

/// `development`: Alice alone validates and alone sits on the Council, so a motion with
/// threshold 1 executes at once.
pub fn development() -> Value {
	genesis(
		vec![Validator::well_known(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		vec![Sr25519Keyring::Alice.to_account_id()],
		well_known_accounts(),
		DEV_SESSION_LENGTH,
		Vec::new(),
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
		Vec::new(),
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

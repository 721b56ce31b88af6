//! A small runtime for the nodes pallet's tests and benchmark tests.

use crate as pallet_nodes;
use frame_support::{derive_impl, ord_parameter_types, traits::ConstU32};
use frame_system::EnsureSignedBy;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Nodes: pallet_nodes,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	// Real database weights, so that the migration's weight is checked (tests of `next-release`).
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
}

/// The account that stands in for `AuthorizeOrigin`.
pub const AUTHORIZER: u64 = 100;
/// The account that stands in for `RemoveOrigin`.
pub const REMOVER: u64 = 101;
pub const MAX_NODES: u32 = 3;

/// Peer ids printed by `learning-tokens-node key inspect-node-key` (ed25519 keys; the first is
/// the well-known one of `--alice`).
pub const ALICE_NODE: &[u8] = b"12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";
pub const BOB_NODE: &[u8] = b"12D3KooWKKkbDE3mhKGt6uHiRhigHzxXqeUghx2evrTyMGMrM3Xx";
pub const CHARLIE_NODE: &[u8] = b"12D3KooWPYHzs3jCw58dn3vpWWRNdDiw2VYjXzDuCMeftydWDGGv";
/// An RSA node's peer id (a SHA-256 multihash).
pub const RSA_NODE: &[u8] = b"QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTezGAJN";

ord_parameter_types! {
	pub const Authorizer: u64 = AUTHORIZER;
	pub const Remover: u64 = REMOVER;
}

impl pallet_nodes::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type AuthorizeOrigin = EnsureSignedBy<Authorizer, u64>;
	type RemoveOrigin = EnsureSignedBy<Remover, u64>;
	type MaxNodes = ConstU32<MAX_NODES>;
	type WeightInfo = ();
}

/// The test state with these genesis nodes, at block 1.
pub fn new_test_ext_with(nodes: &[&[u8]]) -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		nodes: pallet_nodes::GenesisConfig {
			nodes: nodes.iter().map(|n| n.to_vec()).collect(),
			..Default::default()
		},
		..Default::default()
	}
	.build_storage()
	.expect("the genesis of the nodes pallet's tests builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on a network whose genesis authorized Alice's and Bob's nodes, then checks the
/// pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext_with(&[BOB_NODE, ALICE_NODE]).execute_with(|| {
		test();
		Nodes::do_try_state().expect("the nodes pallet's invariants hold after the test");
	});
}

/// The test state, for the benchmark tests.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	new_test_ext_with(&[ALICE_NODE])
}

//! A small runtime for the upgrade pallet's tests and benchmark tests: System and the upgrade
//! pallet, with one Council account standing in for `UpgradeOrigin`.
//!
//! There is no wasm here: [`MockRuntimeVersion`] plays the executor that reads a runtime's
//! version, and a "runtime" is [`MAGIC`] followed by its SCALE-encoded `RuntimeVersion`.

use crate as pallet_upgrade;
use codec::{Decode, Encode};
use frame_support::{derive_impl, ord_parameter_types, parameter_types};
use frame_system::EnsureSignedBy;
use sp_core::traits::{Externalities, ReadRuntimeVersion, ReadRuntimeVersionExt};
use sp_runtime::BuildStorage;
use sp_version::RuntimeVersion;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Upgrade: pallet_upgrade,
	}
);

/// The spec name of the mock runtime.
pub const SPEC_NAME: &str = "learning-tokens-mock";

parameter_types! {
	pub MockVersion: RuntimeVersion = RuntimeVersion {
		spec_name: SPEC_NAME.into(),
		spec_version: 1,
		..Default::default()
	};
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type Version = MockVersion;
}

/// The account that stands in for the Council.
pub const COUNCIL: u64 = 100;
pub const ALICE: u64 = 1;

ord_parameter_types! {
	pub const Council: u64 = COUNCIL;
}

impl pallet_upgrade::Config for Test {
	type UpgradeOrigin = EnsureSignedBy<Council, u64>;
	type WeightInfo = ();
}

/// What a mock runtime starts with.
pub const MAGIC: &[u8] = b"mock-runtime:";

/// A mock runtime of version `spec_name`/`spec_version`.
pub fn runtime(spec_name: &'static str, spec_version: u32) -> Vec<u8> {
	let version =
		RuntimeVersion { spec_name: spec_name.into(), spec_version, ..Default::default() };
	MAGIC.iter().copied().chain(version.encode()).collect()
}

/// Reads the version of a mock runtime; anything else is not a runtime.
pub struct MockRuntimeVersion;

impl ReadRuntimeVersion for MockRuntimeVersion {
	fn read_runtime_version(
		&self,
		code: &[u8],
		_ext: &mut dyn Externalities,
	) -> Result<Vec<u8>, String> {
		let mut encoded = code.strip_prefix(MAGIC).ok_or("not a runtime")?;
		let version = RuntimeVersion::decode(&mut encoded).map_err(|e| e.to_string())?;
		Ok(version.encode())
	}
}

/// Genesis at block 1, the running runtime (version 1) under `:code`, and a version reader.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default()
		.build_storage()
		.expect("the genesis of the upgrade pallet's tests builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.register_extension(ReadRuntimeVersionExt::new(MockRuntimeVersion));
	ext.execute_with(|| {
		System::set_block_number(1);
		sp_io::storage::set(sp_core::storage::well_known_keys::CODE, &runtime(SPEC_NAME, 1));
	});
	ext
}

//! A small runtime for the registry's tests and benchmark tests: System, Balances and the
//! registry, with one Council account standing in for every privileged origin.

use crate as pallet_registry;
use frame_support::{
	derive_impl, ord_parameter_types, parameter_types,
	traits::{ConstU32, ConstU64},
};
use frame_system::EnsureSignedBy;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Registry: pallet_registry,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ConstU64<EXISTENTIAL_DEPOSIT>;
}

/// The account that stands in for the Council (every privileged origin).
pub const COUNCIL: u64 = 100;
/// Accounts with `ENDOWMENT` each.
pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const CHARLIE: u64 = 3;
pub const DAVE: u64 = 4;
pub const EVE: u64 = 5;
/// Holds exactly the deposit, so it cannot also keep the existential deposit.
pub const POOR: u64 = 6;
/// Has no balance at all.
pub const NOBODY: u64 = 42;

pub const ENDOWMENT: u64 = 100;
pub const DEPOSIT: u64 = 10;
pub const EXISTENTIAL_DEPOSIT: u64 = 1;
pub const MAX_NAME_LEN: u32 = 16;
pub const MAX_URI_LEN: u32 = 32;
pub const MAX_REASON_LEN: u32 = 16;
pub const MAX_HISTORY_LEN: u32 = 3;
pub const MAX_INSTRUCTORS: u32 = 3;
pub const MAX_INSTITUTIONS: u32 = 2;
pub const MAX_SIGNING_KEYS: u32 = 3;

ord_parameter_types! {
	pub const Council: u64 = COUNCIL;
}

parameter_types! {
	pub static ApplicationDeposit: u64 = DEPOSIT;
}

impl pallet_registry::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type AccreditOrigin = EnsureSignedBy<Council, u64>;
	type RejectOrigin = EnsureSignedBy<Council, u64>;
	type SuspendOrigin = EnsureSignedBy<Council, u64>;
	type ReinstateOrigin = EnsureSignedBy<Council, u64>;
	type RevokeOrigin = EnsureSignedBy<Council, u64>;
	type ApplicationDeposit = ApplicationDeposit;
	type MaxNameLen = ConstU32<MAX_NAME_LEN>;
	type MaxUriLen = ConstU32<MAX_URI_LEN>;
	type MaxReasonLen = ConstU32<MAX_REASON_LEN>;
	type MaxHistoryLen = ConstU32<MAX_HISTORY_LEN>;
	type MaxInstructorsPerInstitution = ConstU32<MAX_INSTRUCTORS>;
	type MaxInstitutionsPerInstructor = ConstU32<MAX_INSTITUTIONS>;
	type MaxSigningKeys = ConstU32<MAX_SIGNING_KEYS>;
	type WeightInfo = ();
}

/// Builds the test state, and checks the registry's invariants after each test.
pub struct ExtBuilder {
	application_deposit: u64,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { application_deposit: DEPOSIT }
	}
}

impl ExtBuilder {
	/// Configures the application deposit (`DEPOSIT` by default).
	pub fn application_deposit(mut self, deposit: u64) -> Self {
		self.application_deposit = deposit;
		self
	}

	/// Genesis: the endowed accounts, at block 1.
	pub fn build(self) -> sp_io::TestExternalities {
		ApplicationDeposit::set(self.application_deposit);
		let mut storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.expect("system genesis builds");
		pallet_balances::GenesisConfig::<Test> {
			balances: [ALICE, BOB, CHARLIE, DAVE, EVE, COUNCIL]
				.into_iter()
				.map(|who| (who, ENDOWMENT))
				.chain([(POOR, DEPOSIT)])
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.expect("balances genesis builds");

		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test`, then checks every invariant of the registry.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Registry::do_try_state().expect("the registry's invariants hold after the test");
		});
	}
}

/// The test state, for the benchmark tests.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder::default().build()
}

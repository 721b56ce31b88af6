//! A small runtime for the validator set's tests and benchmark tests: System, Balances, the
//! validator set, and the real `pallet-session` it feeds (with one dummy session key per
//! validator), so that the tests see what the session pallet makes of each set.

use crate as pallet_validator_set;
use frame_support::{
	derive_impl, ord_parameter_types,
	traits::{ConstU32, ConstU64},
};
use frame_system::EnsureSignedBy;
use sp_runtime::{
	impl_opaque_keys,
	testing::UintAuthorityId,
	traits::{ConvertInto, OpaqueKeys},
	BuildStorage, KeyTypeId, RuntimeAppPublic,
};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		// Before Session: the session pallet's genesis asks the validator set for its set.
		ValidatorSet: pallet_validator_set,
		Session: pallet_session,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
	/// The runtime's storage weights, so that what a hook or an extension adds for its reads
	/// shows in the tests.
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

impl_opaque_keys! {
	pub struct MockSessionKeys {
		pub dummy: UintAuthorityId,
	}
}

/// The session keys of `who`: one dummy key with the account's number.
pub fn keys(who: u64) -> MockSessionKeys {
	MockSessionKeys { dummy: UintAuthorityId(who) }
}

/// A session handler that accepts the dummy key and does nothing with it.
pub struct TestSessionHandler;
impl pallet_session::SessionHandler<u64> for TestSessionHandler {
	const KEY_TYPE_IDS: &'static [KeyTypeId] = &[UintAuthorityId::ID];
	fn on_genesis_session<Ks: OpaqueKeys>(_validators: &[(u64, Ks)]) {}
	fn on_new_session<Ks: OpaqueKeys>(
		_changed: bool,
		_validators: &[(u64, Ks)],
		_queued_validators: &[(u64, Ks)],
	) {
	}
	fn on_disabled(_validator_index: u32) {}
}

/// Blocks per session; the tests mostly rotate sessions by hand.
pub const SESSION_PERIOD: u64 = 10;

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = u64;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_validator_set::NoAutomaticRotation;
	type NextSessionRotation = ValidatorSet;
	type SessionManager = ValidatorSet;
	type SessionHandler = TestSessionHandler;
	type Keys = MockSessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = ConstU64<0>;
}

/// The account that stands in for `AddOrigin`.
pub const ADDER: u64 = 100;
/// The account that stands in for `RemoveOrigin`.
pub const REMOVER: u64 = 101;
/// The account that stands in for `RecoveryOrigin`.
pub const RECOVERER: u64 = 102;
/// Genesis validators.
pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const CHARLIE: u64 = 3;
/// Accounts with session keys that are not validators at genesis.
pub const DAVE: u64 = 4;
pub const EVE: u64 = 5;
pub const FERDIE: u64 = 6;
/// An account without session keys.
pub const NOKEYS: u64 = 7;

pub const MIN_VALIDATORS: u32 = 2;
pub const MAX_VALIDATORS: u32 = 4;
pub const ENDOWMENT: u64 = 100;

ord_parameter_types! {
	pub const Adder: u64 = ADDER;
	pub const Remover: u64 = REMOVER;
	pub const Recoverer: u64 = RECOVERER;
}

thread_local! {
	/// What [`RecordStalled`] was told, in order: `(finalized, delay)`.
	pub static STALLED: core::cell::RefCell<Vec<(u64, u64)>> = const { core::cell::RefCell::new(Vec::new()) };
	/// Whether the gadget refuses requests (as GRANDPA does while a change is pending).
	pub static REFUSES: core::cell::Cell<bool> = const { core::cell::Cell::new(false) };
	/// Whether a request is waiting with the gadget.
	pub static WAITING: core::cell::Cell<bool> = const { core::cell::Cell::new(false) };
}

/// The finality gadget of the tests: records each `note_stalled`, and takes it unless told to
/// refuse ([`refuse`]).
pub struct RecordStalled;
impl pallet_validator_set::Finality<u64> for RecordStalled {
	fn note_stalled(finalized: u64, delay: u64) {
		STALLED.with(|s| s.borrow_mut().push((finalized, delay)));
		WAITING.with(|w| w.set(REFUSES.with(|r| r.get())));
	}
	fn still_stalled() -> bool {
		WAITING.with(|w| w.get())
	}
	fn withdraw() {
		WAITING.with(|w| w.set(false));
	}
}

/// Makes the gadget refuse (or take again) what it is handed.
pub fn refuse(refuses: bool) {
	REFUSES.with(|r| r.set(refuses));
}

/// What the finality gadget was told so far.
pub fn stalled() -> Vec<(u64, u64)> {
	STALLED.with(|s| s.borrow().clone())
}

impl pallet_validator_set::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = EnsureSignedBy<Adder, u64>;
	type RemoveOrigin = EnsureSignedBy<Remover, u64>;
	type ValidatorRegistration = Session;
	type MinValidators = ConstU32<MIN_VALIDATORS>;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type Rotation = pallet_validator_set::RotateSession<Test>;
	type RecoveryOrigin = EnsureSignedBy<Recoverer, u64>;
	type Finality = RecordStalled;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_validator_set::RegisterSessionKeys<Test>;
}

/// Builds the test state, and checks the validator set's invariants after each test.
pub struct ExtBuilder {
	validators: Vec<u64>,
	session_keys: Option<Vec<u64>>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { validators: vec![ALICE, BOB, CHARLIE], session_keys: None }
	}
}

impl ExtBuilder {
	/// The genesis validators (default: Alice, Bob, Charlie). Whatever they are, Alice to
	/// Ferdie have session keys and `NOKEYS` has none.
	pub fn validators(mut self, validators: Vec<u64>) -> Self {
		self.validators = validators;
		self
	}

	/// The accounts `pallet-session`'s genesis lists in `keys` (default: the genesis validators);
	/// the other accounts with keys go in its `non_authority_keys`.
	pub fn session_keys(mut self, authorities: Vec<u64>) -> Self {
		self.session_keys = Some(authorities);
		self
	}

	/// Genesis: endowed accounts, session keys, the validators; at block 1.
	pub fn build(self) -> sp_io::TestExternalities {
		let with_keys = [ALICE, BOB, CHARLIE, DAVE, EVE, FERDIE];
		let session_authorities = self.session_keys.unwrap_or_else(|| self.validators.clone());
		let (authorities, others): (Vec<u64>, Vec<u64>) =
			with_keys.into_iter().partition(|who| session_authorities.contains(who));
		let storage = RuntimeGenesisConfig {
			balances: pallet_balances::GenesisConfig {
				balances: with_keys
					.into_iter()
					.chain([NOKEYS, ADDER, REMOVER, RECOVERER])
					.map(|who| (who, ENDOWMENT))
					.collect(),
				..Default::default()
			},
			validator_set: pallet_validator_set::GenesisConfig {
				initial_validators: self.validators,
				session_length: SESSION_PERIOD,
			},
			session: pallet_session::GenesisConfig {
				keys: authorities.into_iter().map(|who| (who, who, keys(who))).collect(),
				non_authority_keys: others.into_iter().map(|who| (who, who, keys(who))).collect(),
			},
			..Default::default()
		}
		.build_storage()
		.expect("the genesis of the validator set's tests builds");

		STALLED.with(|s| s.borrow_mut().clear());
		REFUSES.with(|r| r.set(false));
		WAITING.with(|w| w.set(false));
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test`, then checks every invariant of the validator set.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			ValidatorSet::do_try_state()
				.expect("the validator set's invariants hold after the test");
		});
	}
}

/// The test state, for the benchmark tests.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder::default().build()
}

//! A small runtime for the lifecycle pallet's tests and benchmark tests: System, the real
//! courses pallet and the lifecycle pallet, with [`MockRegistry`] standing in for the registry
//! of trust and [`MockTokens`] for the tokens pallet (it records what it is asked to mint, so
//! these tests do not depend on the tokens pallet's internals).

use crate as pallet_lifecycle;
use codec::Encode;
use frame_support::{derive_impl, parameter_types, storage::unhashed, traits::ConstU32};
pub use pallet_registry::mock_registry::MockRegistry;
use pallet_tokens::{NewToken, TokenId, TokenIssuer};
use sp_runtime::{BuildStorage, DispatchError};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Courses: pallet_courses,
		Lifecycle: pallet_lifecycle,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// An accredited institution.
pub const UNIVERSITY: u64 = 10;
/// Another accredited institution.
pub const COLLEGE: u64 = 11;
/// The lead instructor of the test courses: an instructor of `UNIVERSITY`.
pub const LEAD: u64 = 1;
/// An instructor of `UNIVERSITY`; the tests make them a co-instructor of their course.
pub const CO: u64 = 2;
/// An instructor of `UNIVERSITY` who teaches none of the test courses.
pub const OTHER: u64 = 3;
/// An instructor of `COLLEGE` only.
pub const STRANGER: u64 = 5;
/// Learners: plain accounts with no balance.
pub const ALICE: u64 = 100;
pub const BOB: u64 = 101;
pub const CHARLIE: u64 = 102;
/// An account enrolled in no course.
pub const DAVE: u64 = 103;

pub const MAX_SKILL_ID_LEN: u32 = 40;
/// The runtime's bound: a class of 500 fits with room to spare.
pub const MAX_BATCH: u32 = 1000;

impl pallet_courses::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Registry = MockRegistry;
	type MaxTitleLen = ConstU32<16>;
	type MaxUnits = ConstU32<3>;
	type MaxSkillIdLen = ConstU32<MAX_SKILL_ID_LEN>;
	type MaxUnitTitleLen = ConstU32<16>;
	type MaxAssessments = ConstU32<4>;
	type MaxGuideVersions = ConstU32<3>;
	type MaxCoInstructors = ConstU32<2>;
	type MaxBatch = ConstU32<MAX_BATCH>;
	type WeightInfo = ();
}

parameter_types! {
	/// The lifecycle pallet's batch bound; a test may change it to check `integrity_test`.
	pub static LifecycleMaxBatch: u32 = MAX_BATCH;
}

impl pallet_lifecycle::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Registry = MockRegistry;
	type Courses = Courses;
	type Tokens = MockTokens;
	type MaxBatch = LifecycleMaxBatch;
	type WeightInfo = ();
}

/// A token as the lifecycle pallet asks the tokens pallet for it, in this runtime.
pub type Minted = NewToken<u64, ConstU32<MAX_SKILL_ID_LEN>>;

/// The tokens pallet, reduced to a list of the tokens it was asked to mint, kept in the test
/// state: token `i` is the `i`-th asked for (from 0). It can be told to fail.
pub struct MockTokens;

impl MockTokens {
	const COUNT: &'static [u8] = b"mock/tokens/count";
	const FAIL_AT: &'static [u8] = b"mock/tokens/fail-at";

	fn token_key(id: TokenId) -> Vec<u8> {
		(b"mock/tokens/token", id).encode()
	}

	/// How many tokens were minted.
	pub fn count() -> TokenId {
		unhashed::get_or_default(Self::COUNT)
	}

	/// Token `id`, if minted.
	pub fn token(id: TokenId) -> Option<Minted> {
		unhashed::get(&Self::token_key(id))
	}

	/// Every token minted, by id.
	pub fn minted() -> Vec<Minted> {
		(0..Self::count()).filter_map(Self::token).collect()
	}

	/// Makes the mint of token `id` (and every later one) fail, as the tokens pallet does when
	/// it hits an arithmetic bound.
	pub fn fail_from(id: TokenId) {
		unhashed::put(Self::FAIL_AT, &id);
	}
}

impl TokenIssuer<u64> for MockTokens {
	type MaxSkillIdLen = ConstU32<MAX_SKILL_ID_LEN>;

	fn issue(token: Minted) -> Result<TokenId, DispatchError> {
		let id = Self::count();
		if unhashed::get::<TokenId>(Self::FAIL_AT).is_some_and(|fail_at| id >= fail_at) {
			return Err(DispatchError::Other("mock: no token id left"));
		}
		unhashed::put(&Self::token_key(id), &token);
		unhashed::put(Self::COUNT, &id.saturating_add(1));
		Ok(id)
	}
}

/// Builds the test state, and checks the pallets' invariants after each test.
#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	/// Genesis at block 1: `UNIVERSITY` and `COLLEGE` accredited; `LEAD`, `CO` and `OTHER`
	/// instructors of `UNIVERSITY`, `STRANGER` of `COLLEGE`. No course yet.
	pub fn build(self) -> sp_io::TestExternalities {
		let storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.expect("system genesis builds");
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			MockRegistry::accredit(UNIVERSITY);
			MockRegistry::accredit(COLLEGE);
			for instructor in [LEAD, CO, OTHER] {
				MockRegistry::add_instructor(UNIVERSITY, instructor);
			}
			MockRegistry::add_instructor(COLLEGE, STRANGER);
		});
		ext
	}

	/// Runs `test`, then checks every invariant of the lifecycle pallet (and, with try-runtime,
	/// of the courses pallet).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Lifecycle::do_try_state().expect("the lifecycle invariants hold after the test");
			// The courses pallet compiles its check only for its own tests and for try-runtime.
			#[cfg(feature = "try-runtime")]
			Courses::do_try_state().expect("the courses invariants hold after the test");
		});
	}
}

/// The test state, for the benchmark tests.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder.build()
}

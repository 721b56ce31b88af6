//! A small runtime for the courses pallet's tests and benchmark tests: System and the courses
//! pallet, with [`MockRegistry`] standing in for the registry of trust.

use crate as pallet_courses;
use frame_support::{derive_impl, traits::ConstU32};
pub use pallet_registry::mock_registry::MockRegistry;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Courses: pallet_courses,
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
/// An institution that is not accredited (suspended, say).
pub const SUSPENDED: u64 = 12;
/// The lead instructor of the test courses: an instructor of `UNIVERSITY` and `SUSPENDED`.
pub const LEAD: u64 = 1;
/// Instructors of `UNIVERSITY`.
pub const CO: u64 = 2;
pub const CO2: u64 = 3;
pub const CO3: u64 = 4;
/// An instructor of `COLLEGE` only.
pub const STRANGER: u64 = 5;
/// Learners: plain accounts with no balance.
pub const ALICE: u64 = 100;
pub const BOB: u64 = 101;
pub const CHARLIE: u64 = 102;

pub const MAX_TITLE_LEN: u32 = 16;
pub const MAX_UNITS: u32 = 3;
pub const MAX_SKILL_ID_LEN: u32 = 40;
pub const MAX_UNIT_TITLE_LEN: u32 = 16;
pub const MAX_ASSESSMENTS: u32 = 4;
pub const MAX_GUIDE_VERSIONS: u32 = 3;
pub const MAX_CO_INSTRUCTORS: u32 = 2;
pub const MAX_BATCH: u32 = 500;

impl pallet_courses::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Registry = MockRegistry;
	type MaxTitleLen = ConstU32<MAX_TITLE_LEN>;
	type MaxUnits = ConstU32<MAX_UNITS>;
	type MaxSkillIdLen = ConstU32<MAX_SKILL_ID_LEN>;
	type MaxUnitTitleLen = ConstU32<MAX_UNIT_TITLE_LEN>;
	type MaxAssessments = ConstU32<MAX_ASSESSMENTS>;
	type MaxGuideVersions = ConstU32<MAX_GUIDE_VERSIONS>;
	type MaxCoInstructors = ConstU32<MAX_CO_INSTRUCTORS>;
	type MaxBatch = ConstU32<MAX_BATCH>;
	type WeightInfo = ();
}

/// Builds the test state, and checks the pallet's invariants after each test.
#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	/// Genesis at block 1: `UNIVERSITY` and `COLLEGE` accredited, `SUSPENDED` not; `LEAD`,
	/// `CO`, `CO2` and `CO3` instructors of `UNIVERSITY`, `LEAD` also of `SUSPENDED`,
	/// `STRANGER` of `COLLEGE`.
	pub fn build(self) -> sp_io::TestExternalities {
		let storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.expect("system genesis builds");
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			MockRegistry::accredit(UNIVERSITY);
			MockRegistry::accredit(COLLEGE);
			for instructor in [LEAD, CO, CO2, CO3] {
				MockRegistry::add_instructor(UNIVERSITY, instructor);
			}
			MockRegistry::add_instructor(SUSPENDED, LEAD);
			MockRegistry::add_instructor(COLLEGE, STRANGER);
		});
		ext
	}

	/// Runs `test`, then checks every invariant of the pallet.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Courses::do_try_state().expect("the courses invariants hold after the test");
		});
	}
}

/// The test state, for the benchmark tests.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder.build()
}

//! A small runtime for the tokens pallet's tests and benchmark tests: System, Balances, Assets
//! (with the Help asset, sufficient, created at genesis), the courses pallet (the tokens'
//! institution, CIP code and skill come from their course) and the tokens pallet, with
//! [`MockRegistry`] standing in for the registry of trust, `EnsureRoot` for the Council and
//! [`MockLifecycle`] for the lifecycle pallet that reopens steps on revocation.

use crate as pallet_tokens;
use crate::{OnRevoke, TokenData, TokenId, TokenKind};
use codec::Encode;
use frame_support::{
	derive_impl,
	storage::unhashed,
	traits::{tokens::fungible::ItemOf, AsEnsureOriginWithArg, ConstU32},
};
use frame_system::{EnsureRoot, EnsureSigned};
use pallet_registry::TrustRegistry;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Courses: pallet_courses,
		Tokens: pallet_tokens,
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
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<u64>>;
	type ForceOrigin = EnsureRoot<u64>;
}

/// The asset id of Help.
pub const HELP: u32 = 7;
/// The owner (issuer, admin, freezer) of the Help asset.
pub const HELP_OWNER: u64 = 999;

/// An accredited institution.
pub const UNIVERSITY: u64 = 10;
/// Another accredited institution.
pub const COLLEGE: u64 = 11;
/// Instructors of `UNIVERSITY`.
pub const TEACHER: u64 = 1;
pub const TEACHER2: u64 = 2;
/// Learners: plain accounts with no native balance.
pub const ALICE: u64 = 100;
pub const BOB: u64 = 101;
/// An account that is neither institution, instructor nor learner.
pub const STRANGER: u64 = 200;

pub const MAX_REASON_LEN: u32 = 32;

impl pallet_courses::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Registry = MockRegistry;
	type MaxTitleLen = ConstU32<16>;
	type MaxUnits = ConstU32<4>;
	type MaxSkillIdLen = ConstU32<40>;
	type MaxUnitTitleLen = ConstU32<16>;
	type MaxAssessments = ConstU32<4>;
	type MaxUnitsPerAssessment = ConstU32<4>;
	type MaxAssessmentPoints = ConstU32<100>;
	type MaxGuideVersions = ConstU32<3>;
	type MaxCoInstructors = ConstU32<2>;
	type MaxBatch = ConstU32<100>;
	type Currency = Balances;
	/// Free here: the courses pallet's tests check the fee.
	type NewAccountFee = frame_support::traits::ConstU64<0>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockRegistry;
}

impl pallet_tokens::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Registry = MockRegistry;
	type Courses = Courses;
	type Help = ItemOf<Assets, ConstU32<HELP>, u64>;
	type RevokeOrigin = EnsureRoot<u64>;
	type OnRevoke = MockLifecycle;
	type MaxReasonLen = ConstU32<MAX_REASON_LEN>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Courses;
}

/// The lifecycle pallet as the tokens pallet sees it: it records each revocation it is told of
/// and reopens the step of a Score token (not of the other kinds), in the test state.
pub struct MockLifecycle;

impl MockLifecycle {
	const TOLD: &'static [u8] = b"mock/lifecycle/told";

	/// The ids of the tokens whose revocation it was told of, in order.
	pub fn told() -> Vec<TokenId> {
		unhashed::get_or_default(Self::TOLD)
	}
}

impl OnRevoke<u64> for MockLifecycle {
	fn on_revoke(id: TokenId, token: &TokenData<u64>, _unburned_help: u32) -> bool {
		let mut told = Self::told();
		told.push(id);
		unhashed::put(Self::TOLD, &told);
		token.kind == TokenKind::Score
	}

	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(1_000, 0)
	}
}

/// The registry of trust, reduced to what the tests need, kept in the test state (so each test
/// starts empty): each institution's accreditation periods and the (instructor, institution)
/// pairs.
pub struct MockRegistry;

impl MockRegistry {
	fn history_key(institution: &u64) -> Vec<u8> {
		(b"mock/history", institution).encode()
	}

	fn instructor_key(instructor: &u64, institution: &u64) -> Vec<u8> {
		(b"mock/instructor", instructor, institution).encode()
	}

	/// The accreditation periods of `institution`: `(from, to)`, `to` `None` while open.
	fn history(institution: &u64) -> Vec<(u64, Option<u64>)> {
		unhashed::get(&Self::history_key(institution)).unwrap_or_default()
	}

	/// Accredits `institution` from the current block on (opens a period), unless it is
	/// accredited already.
	pub fn accredit(institution: u64) {
		let mut history = Self::history(&institution);
		if history.last().is_some_and(|(_, to)| to.is_none()) {
			return;
		}
		history.push((System::block_number(), None));
		unhashed::put(&Self::history_key(&institution), &history);
	}

	/// Suspends `institution` at the current block (closes its open period); its instructors
	/// stay.
	pub fn suspend(institution: u64) {
		let mut history = Self::history(&institution);
		if let Some((_, to @ None)) = history.last_mut() {
			*to = Some(System::block_number());
		}
		unhashed::put(&Self::history_key(&institution), &history);
	}

	/// Registers `instructor` with `institution`.
	pub fn add_instructor(institution: u64, instructor: u64) {
		unhashed::put(&Self::instructor_key(&instructor, &institution), &true);
	}

	/// Removes `instructor` from `institution`.
	pub fn remove_instructor(institution: u64, instructor: u64) {
		unhashed::kill(&Self::instructor_key(&instructor, &institution));
	}
}

impl TrustRegistry<u64, u64> for MockRegistry {
	fn is_accredited(institution: &u64) -> bool {
		Self::history(institution).last().is_some_and(|(_, to)| to.is_none())
	}

	fn was_accredited_at(institution: &u64, at: u64) -> bool {
		Self::history(institution)
			.iter()
			.any(|(from, to)| *from <= at && to.is_none_or(|to| at < to))
	}

	fn is_instructor_of(instructor: &u64, institution: &u64) -> bool {
		unhashed::exists(&Self::instructor_key(instructor, institution))
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_courses::BenchmarkHelper<u64> for MockRegistry {
	fn register(institution: &u64, instructors: &[u64]) {
		Self::accredit(*institution);
		for instructor in instructors {
			Self::add_instructor(*institution, *instructor);
		}
	}
}

/// The course of `UNIVERSITY` the tests' tokens come from.
pub const ALGORITHMS: u32 = 0;
/// A course of `COLLEGE`.
pub const ACCOUNTING: u32 = 1;

/// Writes course `id` of `institution` (led by `TEACHER`), with one unit per skill.
fn seed_course(id: u32, institution: u64, cip: &[u8], skills: &[&[u8]]) {
	use frame_support::BoundedVec;
	use pallet_courses::{CipCode, Course, CourseStatus, UnitOfCompetency};
	pallet_courses::Courses::<Test>::insert(
		id,
		Course {
			institution,
			lead: TEACHER,
			co_instructors: Default::default(),
			title: BoundedVec::truncate_from(b"course".to_vec()),
			cip_code: CipCode::parse(cip).expect("a CIP code"),
			unit_count: skills.len() as u32,
			open_enrollment: false,
			status: CourseStatus::Open,
			guide_version: 1,
		},
	);
	for (unit, skill) in skills.iter().enumerate() {
		pallet_courses::Units::<Test>::insert(
			id,
			unit as u16,
			UnitOfCompetency {
				skill: BoundedVec::truncate_from(skill.to_vec()),
				title: BoundedVec::truncate_from(b"unit".to_vec()),
			},
		);
	}
	pallet_courses::NextCourseId::<Test>::mutate(|next| *next = (*next).max(id + 1));
}

/// Builds the test state, and checks the pallet's invariants after each test.
#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	/// Genesis: the Help asset (sufficient, min balance 1) owned by `HELP_OWNER`; at block 1,
	/// `UNIVERSITY` and `COLLEGE` accredited, `TEACHER` and `TEACHER2` instructors of
	/// `UNIVERSITY`; course [`ALGORITHMS`] of `UNIVERSITY` (CIP 11.0701, units sorting and
	/// searching) and course [`ACCOUNTING`] of `COLLEGE` (CIP 52.0301, unit ledgers). Nobody
	/// has a native balance.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.expect("system genesis builds");
		pallet_assets::GenesisConfig::<Test> {
			assets: vec![(HELP, HELP_OWNER, true, 1)],
			metadata: vec![(HELP, b"Help".to_vec(), b"HELP".to_vec(), 0)],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.expect("assets genesis builds");
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			MockRegistry::accredit(UNIVERSITY);
			MockRegistry::accredit(COLLEGE);
			MockRegistry::add_instructor(UNIVERSITY, TEACHER);
			MockRegistry::add_instructor(UNIVERSITY, TEACHER2);
			seed_course(ALGORITHMS, UNIVERSITY, b"11.0701", &[b"esco:sorting", b"esco:searching"]);
			seed_course(ACCOUNTING, COLLEGE, b"52.0301", &[b"esco:ledgers"]);
		});
		ext
	}

	/// Runs `test`, then checks every invariant of the pallet.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Tokens::do_try_state().expect("the tokens invariants hold after the test");
		});
	}
}

/// The test state, for the benchmark tests.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder.build()
}

//! A small runtime for the courses pallet's tests and benchmark tests: System, Balances and the
//! courses pallet, with [`MockRegistry`] standing in for the registry of trust, and an [`ExtBuilder`]
//! that seeds courses and enrollments directly in storage.

use crate::{self as pallet_courses, pallet, types::*};
use frame_support::{
	derive_impl,
	traits::{ConstU32, ConstU64},
	BoundedVec,
};
pub use pallet_registry::mock_registry::MockRegistry;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Courses: pallet_courses,
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
pub const MAX_UNITS: u32 = 5;
pub const MAX_SKILL_ID_LEN: u32 = 40;
pub const MAX_UNIT_TITLE_LEN: u32 = 16;
pub const MAX_ASSESSMENTS: u32 = 4;
pub const MAX_UNITS_PER_ASSESSMENT: u32 = 4;
pub const MAX_ASSESSMENT_POINTS: u32 = 100;
pub const MAX_GUIDE_VERSIONS: u32 = 3;
pub const MAX_CO_INSTRUCTORS: u32 = 2;
pub const MAX_BATCH: u32 = 500;
/// What `invite` burns per learner account it creates.
pub const NEW_ACCOUNT_FEE: u64 = 5;
/// What each instructor holds at genesis: enough for a few full batches of new accounts.
pub const INSTRUCTOR_BALANCE: u64 = 10_000;

impl pallet_courses::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Registry = MockRegistry;
	type MaxTitleLen = ConstU32<MAX_TITLE_LEN>;
	type MaxUnits = ConstU32<MAX_UNITS>;
	type MaxSkillIdLen = ConstU32<MAX_SKILL_ID_LEN>;
	type MaxUnitTitleLen = ConstU32<MAX_UNIT_TITLE_LEN>;
	type MaxAssessments = ConstU32<MAX_ASSESSMENTS>;
	type MaxUnitsPerAssessment = ConstU32<MAX_UNITS_PER_ASSESSMENT>;
	type MaxAssessmentPoints = ConstU32<MAX_ASSESSMENT_POINTS>;
	type MaxGuideVersions = ConstU32<MAX_GUIDE_VERSIONS>;
	type MaxCoInstructors = ConstU32<MAX_CO_INSTRUCTORS>;
	type MaxBatch = ConstU32<MAX_BATCH>;
	type Currency = Balances;
	type NewAccountFee = ConstU64<NEW_ACCOUNT_FEE>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockRegistry;
}

/// The units of the test course: sorting, searching, graphs, trees, and hashing, which no
/// assessment of [`worked_example_guide`] covers.
pub fn units() -> UnitsOf<Test> {
	let unit = |skill: &[u8], title: &[u8]| UnitOfCompetency {
		skill: BoundedVec::truncate_from(skill.to_vec()),
		title: BoundedVec::truncate_from(title.to_vec()),
	};
	BoundedVec::truncate_from(vec![
		unit(b"esco:sorting", b"Sorting"),
		unit(b"esco:searching", b"Searching"),
		unit(b"esco:graphs", b"Graphs"),
		unit(b"esco:trees", b"Trees"),
		unit(b"esco:hashing", b"Hashing"),
	])
}

/// A unit's share of an assessment's points.
pub fn share(unit: UnitIndex, attendance: u32, score: u32, help: u32) -> UnitShare {
	UnitShare { unit, max: LearnerPoints { attendance, score, help } }
}

/// An assessment covering `units` with their shares.
pub fn assessment(
	kind: AssessmentKind,
	units: Vec<UnitShare>,
	feedback: u32,
) -> AssessmentOf<Test> {
	Assessment { kind, units: BoundedVec::truncate_from(units), max_instructor_feedback: feedback }
}

/// The worked example of docs/DOMAIN.md with two units per lesson: lesson 1 covers sorting (3/15/5)
/// and searching (2/10/5), lesson 2 graphs and trees likewise (each lesson 5/25/10, feedback 5),
/// the final evaluation the four units (2/3/2, 1/3/1, 1/2/1, 1/2/1: 5/10/5 in all, no
/// feedback): 100 learner points. Unit 4 (hashing) is in no assessment.
pub fn worked_example_guide() -> GuideOf<Test> {
	BoundedVec::truncate_from(vec![
		assessment(AssessmentKind::Lesson, vec![share(0, 3, 15, 5), share(1, 2, 10, 5)], 5),
		assessment(AssessmentKind::Lesson, vec![share(2, 3, 15, 5), share(3, 2, 10, 5)], 5),
		assessment(
			AssessmentKind::FinalEvaluation,
			vec![share(0, 2, 3, 2), share(1, 1, 3, 1), share(2, 1, 2, 1), share(3, 1, 2, 1)],
			0,
		),
	])
}

/// Builds the test state, and checks the pallet's invariants after each test.
#[derive(Default)]
pub struct ExtBuilder {
	courses: Vec<(CourseId, bool)>,
	enrollments: Vec<(CourseId, u64, EnrollmentStatus)>,
}

impl ExtBuilder {
	/// Seeds course `id` of `UNIVERSITY`, led by `LEAD`, with [`units`] and
	/// [`worked_example_guide`] as version 1, written straight into storage (so that a test of
	/// a later call does not depend on `create_course`). Ids must be seeded from 0 up.
	pub fn with_course(mut self, id: CourseId, open_enrollment: bool) -> Self {
		self.courses.push((id, open_enrollment));
		self
	}

	/// Seeds an enrollment entry of `learner` in `course` (with its account reference).
	pub fn with_enrollment(
		mut self,
		course: CourseId,
		learner: u64,
		status: EnrollmentStatus,
	) -> Self {
		self.enrollments.push((course, learner, status));
		self
	}

	/// Genesis at block 1: `UNIVERSITY` and `COLLEGE` accredited, `SUSPENDED` not; `LEAD`,
	/// `CO`, `CO2` and `CO3` instructors of `UNIVERSITY`, `LEAD` also of `SUSPENDED`,
	/// `STRANGER` of `COLLEGE`, each instructor holding [`INSTRUCTOR_BALANCE`]; then the seeded
	/// courses and enrollments.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.expect("system genesis builds");
		pallet_balances::GenesisConfig::<Test> {
			balances: [LEAD, CO, CO2, CO3, STRANGER]
				.into_iter()
				.map(|instructor| (instructor, INSTRUCTOR_BALANCE))
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.expect("balances genesis builds");
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
			for (id, open_enrollment) in self.courses {
				seed_course(id, open_enrollment);
			}
			for (course, learner, status) in self.enrollments {
				pallet::Enrollments::<Test>::insert(learner, course, status);
				System::inc_sufficients(&learner);
			}
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

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockRegistry {
	fn register(institution: &u64, instructors: &[u64]) {
		MockRegistry::accredit(*institution);
		for instructor in instructors {
			MockRegistry::add_instructor(*institution, *instructor);
		}
	}
}

/// Writes course `id` as [`ExtBuilder::with_course`] describes it.
fn seed_course(id: CourseId, open_enrollment: bool) {
	let units = units();
	let guide = worked_example_guide();
	pallet::Courses::<Test>::insert(
		id,
		Course {
			institution: UNIVERSITY,
			lead: LEAD,
			co_instructors: Default::default(),
			title: BoundedVec::truncate_from(b"Algorithms".to_vec()),
			cip_code: CipCode::parse(b"11.0701").expect("a CIP code"),
			unit_count: units.len() as u32,
			open_enrollment,
			status: CourseStatus::Open,
			guide_version: 1,
		},
	);
	for (index, unit) in units.into_iter().enumerate() {
		pallet::Units::<Test>::insert(id, index as UnitIndex, unit);
	}
	let mut totals = LearnerPoints::default();
	let mut feedback = 0;
	for (index, assessment) in guide.iter().enumerate() {
		totals = totals.checked_add(&assessment.totals().expect("no overflow")).expect("sums");
		feedback += assessment.max_instructor_feedback;
		pallet::Assessments::<Test>::insert((id, 1, index as AssessmentIndex), assessment.clone());
	}
	pallet::Guides::<Test>::insert(
		id,
		1,
		GuideSummary {
			assessments: guide.len() as u32,
			learner_totals: totals,
			feedback_total: feedback,
			published_at: 1,
		},
	);
	pallet::NextCourseId::<Test>::mutate(|next| *next = (*next).max(id + 1));
}

/// The test state, for the benchmark tests.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder::default().build()
}

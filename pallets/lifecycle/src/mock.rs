//! A small runtime for the lifecycle pallet's tests and benchmark tests: System, Balances,
//! Assets (with the Help asset), the real courses and tokens pallets and the lifecycle pallet,
//! with [`MockRegistry`] standing in for the registry of trust and `EnsureRoot` for the
//! Council.
//!
//! [`ExtBuilder`] seeds what a test needs directly in storage: courses with the worked
//! example's guide, enrollments, and records at any stage, so that a test of one step does not
//! depend on the steps before it working.

use crate::{self as pallet_lifecycle, types::*};
use frame_support::{
	derive_impl, parameter_types,
	traits::{tokens::fungible::ItemOf, AsEnsureOriginWithArg, ConstU32},
	BoundedVec,
};
use frame_system::{EnsureRoot, EnsureSigned};
use pallet_courses::{
	Assessment, AssessmentKind, CipCode, Course, CourseStatus, EnrollmentStatus, GuideSummary,
	LearnerPoints, UnitOfCompetency, UnitShare,
};
pub use pallet_registry::mock_registry::MockRegistry;
use sp_core::H256;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Courses: pallet_courses,
		Tokens: pallet_tokens,
		Lifecycle: pallet_lifecycle,
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
pub const HELP: u32 = 1;
/// The owner of the Help asset.
pub const HELP_OWNER: u64 = 999;

/// An accredited institution.
pub const UNIVERSITY: u64 = 10;
/// Another accredited institution.
pub const COLLEGE: u64 = 11;
/// The lead instructor of the test courses: an instructor of `UNIVERSITY`.
pub const LEAD: u64 = 1;
/// An instructor of `UNIVERSITY`; the seeded courses have them as co-instructor.
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

/// The runtime's bound: a class of 500 fits with room to spare.
pub const MAX_BATCH: u32 = 1000;
pub const MAX_UNITS_PER_ASSESSMENT: u32 = 4;
pub const MAX_CORRECTIONS: u32 = 2;

impl pallet_courses::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Registry = MockRegistry;
	type MaxTitleLen = ConstU32<16>;
	type MaxUnits = ConstU32<5>;
	type MaxSkillIdLen = ConstU32<40>;
	type MaxUnitTitleLen = ConstU32<16>;
	type MaxAssessments = ConstU32<4>;
	type MaxUnitsPerAssessment = ConstU32<MAX_UNITS_PER_ASSESSMENT>;
	type MaxAssessmentPoints = ConstU32<100>;
	type MaxGuideVersions = ConstU32<3>;
	type MaxCoInstructors = ConstU32<2>;
	type MaxBatch = ConstU32<MAX_BATCH>;
	type Currency = Balances;
	/// Free here: the courses pallet's tests check the fee.
	type NewAccountFee = frame_support::traits::ConstU64<0>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

impl pallet_tokens::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Registry = MockRegistry;
	type Courses = Courses;
	type Help = ItemOf<Assets, ConstU32<HELP>, u64>;
	type RevokeOrigin = EnsureRoot<u64>;
	type OnRevoke = Lifecycle;
	type MaxReasonLen = ConstU32<32>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Courses;
}

parameter_types! {
	/// The lifecycle pallet's batch bound; a test may change it to check `integrity_test`.
	pub static LifecycleMaxBatch: u32 = MAX_BATCH;
}

impl pallet_lifecycle::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Registry = MockRegistry;
	type Courses = Courses;
	type Tokens = Tokens;
	type MaxUnitsPerAssessment = ConstU32<MAX_UNITS_PER_ASSESSMENT>;
	type MaxBatch = LifecycleMaxBatch;
	type MaxCorrections = ConstU32<MAX_CORRECTIONS>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Courses;
}

/// Registers benchmark accounts in the mock registry.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_courses::BenchmarkHelper<u64> for MockHelper {
	fn register(institution: &u64, instructors: &[u64]) {
		MockRegistry::accredit(*institution);
		for instructor in instructors {
			MockRegistry::add_instructor(*institution, *instructor);
		}
	}
}

/// The test course's units: sorting, searching, graphs, trees, and hashing (in no assessment).
pub const SORTING: UnitIndex = 0;
pub const SEARCHING: UnitIndex = 1;
pub const GRAPHS: UnitIndex = 2;
pub const TREES: UnitIndex = 3;
pub const HASHING: UnitIndex = 4;

/// The skill identifier of each unit.
pub fn skill(unit: UnitIndex) -> Vec<u8> {
	[&b"esco:sorting"[..], b"esco:searching", b"esco:graphs", b"esco:trees", b"esco:hashing"]
		.get(unit as usize)
		.map(|skill| skill.to_vec())
		.unwrap_or_default()
}

/// The worked example of docs/DOMAIN.md with two units per lesson: lesson 1 (assessment 0) covers
/// sorting (3/15/5) and searching (2/10/5), lesson 2 (1) graphs and trees likewise (each lesson
/// 5/25/10, feedback 5), the final evaluation (2) the four units (2/3/2, 1/3/1, 1/2/1, 1/2/1:
/// 5/10/5, no feedback): 100 learner points.
pub fn worked_example_guide() -> Vec<Assessment<ConstU32<MAX_UNITS_PER_ASSESSMENT>>> {
	let share = |unit, attendance, score, help| UnitShare {
		unit,
		max: LearnerPoints { attendance, score, help },
	};
	let assessment = |kind, units: Vec<UnitShare>, feedback| Assessment {
		kind,
		units: BoundedVec::truncate_from(units),
		max_instructor_feedback: feedback,
	};
	vec![
		assessment(AssessmentKind::Lesson, vec![share(0, 3, 15, 5), share(1, 2, 10, 5)], 5),
		assessment(AssessmentKind::Lesson, vec![share(2, 3, 15, 5), share(3, 2, 10, 5)], 5),
		assessment(
			AssessmentKind::FinalEvaluation,
			vec![share(0, 2, 3, 2), share(1, 1, 3, 1), share(2, 1, 2, 1), share(3, 1, 2, 1)],
			0,
		),
	]
}

/// Writes course `id` of `UNIVERSITY`, led by `LEAD` with `CO` as co-instructor, with the five
/// units and `guide` as version `version` (and every version before it, the same guide).
pub fn seed_course(
	id: pallet_courses::CourseId,
	versions: u32,
	guide: Vec<Assessment<ConstU32<MAX_UNITS_PER_ASSESSMENT>>>,
) {
	pallet_courses::Courses::<Test>::insert(
		id,
		Course {
			institution: UNIVERSITY,
			lead: LEAD,
			co_instructors: BoundedVec::truncate_from(vec![CO]),
			title: BoundedVec::truncate_from(b"Algorithms".to_vec()),
			cip_code: CipCode::parse(b"11.0701").expect("a CIP code"),
			unit_count: 5,
			open_enrollment: false,
			status: CourseStatus::Open,
			guide_version: versions,
		},
	);
	for unit in 0..5u16 {
		pallet_courses::Units::<Test>::insert(
			id,
			unit,
			UnitOfCompetency {
				skill: BoundedVec::truncate_from(skill(unit)),
				title: BoundedVec::truncate_from(b"unit".to_vec()),
			},
		);
	}
	for version in 1..=versions {
		seed_guide(id, version, guide.clone());
	}
	pallet_courses::NextCourseId::<Test>::mutate(|next| *next = (*next).max(id + 1));
}

/// Writes `guide` as version `version` of course `id`'s guide (the course's `guide_version` is
/// left as it is).
pub fn seed_guide(
	id: pallet_courses::CourseId,
	version: u32,
	guide: Vec<Assessment<ConstU32<MAX_UNITS_PER_ASSESSMENT>>>,
) {
	let mut totals = LearnerPoints::default();
	let mut feedback = 0;
	for (index, assessment) in guide.iter().enumerate() {
		totals = totals.checked_add(&assessment.totals().expect("sums")).expect("sums");
		feedback += assessment.max_instructor_feedback;
		pallet_courses::Assessments::<Test>::insert((id, version, index as u8), assessment.clone());
	}
	pallet_courses::Guides::<Test>::insert(
		id,
		version,
		GuideSummary {
			assessments: guide.len() as u32,
			learner_totals: totals,
			feedback_total: feedback,
			published_at: 1,
		},
	);
}

/// Enrolls `learner` in course `id`, as accepting an invitation does.
pub fn seed_enrollment(id: pallet_courses::CourseId, learner: u64) {
	pallet_courses::Enrollments::<Test>::insert(learner, id, EnrollmentStatus::Enrolled);
	System::inc_sufficients(&learner);
}

/// A unit record at `stage`, every step signed by `LEAD` at block 1, with `attendance`
/// attendance points and, if awarded, `score` and `help`; token ids are not minted (0).
pub fn unit_at(
	unit: UnitIndex,
	stage: Stage,
	(attendance, score, help): (u32, u32, u32),
) -> UnitRecordOf<Test> {
	let mut record = UnitRecord::conveyed(unit, LEAD, 1, attendance);
	if stage >= Stage::Acquired {
		record.acquired = Some(Acquisition { block: 1, token: u64::MAX });
	}
	if stage >= Stage::Assessed {
		record.assessed = Some(InstructorStep { instructor: LEAD, block: 1 });
	}
	if stage >= Stage::Responded {
		record.responded = Some(Response { block: 1, commitment: H256::repeat_byte(7) });
	}
	if stage >= Stage::Awarded {
		record.awarded = Some(Award { instructor: LEAD, block: 1, score, help, token: u64::MAX });
	}
	record
}

/// A record for `assessment` of course 0 of `learner` following guide version 1 with `units`.
#[derive(Clone)]
pub struct SeedRecord {
	pub learner: u64,
	pub assessment: AssessmentIndex,
	pub units: Vec<UnitRecordOf<Test>>,
}

/// Builds the test state, and checks the pallets' invariants after each test.
#[derive(Default)]
pub struct ExtBuilder {
	courses: Vec<pallet_courses::CourseId>,
	enrollments: Vec<(pallet_courses::CourseId, u64)>,
	records: Vec<SeedRecord>,
}

impl ExtBuilder {
	/// Seeds course `id` as [`seed_course`] does, with the worked example's guide as version 1.
	pub fn with_course(mut self, id: pallet_courses::CourseId) -> Self {
		self.courses.push(id);
		self
	}

	/// Enrolls `learners` in course `id`.
	pub fn with_learners(mut self, id: pallet_courses::CourseId, learners: &[u64]) -> Self {
		self.enrollments.extend(learners.iter().map(|learner| (id, *learner)));
		self
	}

	/// Seeds a record of course 0 (which this also seeds, with `ALICE`, `BOB` and `CHARLIE`
	/// enrolled, unless already asked for).
	pub fn with_record(
		mut self,
		learner: u64,
		assessment: AssessmentIndex,
		units: Vec<UnitRecordOf<Test>>,
	) -> Self {
		self.records.push(SeedRecord { learner, assessment, units });
		self
	}

	/// Genesis at block 1: the Help asset (sufficient, min balance 1); `UNIVERSITY` and
	/// `COLLEGE` accredited; `LEAD`, `CO` and `OTHER` instructors of `UNIVERSITY`, `STRANGER`
	/// of `COLLEGE`; then the seeded courses, enrollments and records.
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
			for instructor in [LEAD, CO, OTHER] {
				MockRegistry::add_instructor(UNIVERSITY, instructor);
			}
			MockRegistry::add_instructor(COLLEGE, STRANGER);
			let mut courses = self.courses;
			let mut enrollments = self.enrollments;
			if !self.records.is_empty() && !courses.contains(&0) {
				courses.push(0);
				enrollments.extend([(0, ALICE), (0, BOB), (0, CHARLIE)]);
			}
			for id in courses {
				seed_course(id, 1, worked_example_guide());
			}
			for (id, learner) in enrollments {
				seed_enrollment(id, learner);
			}
			for seed in self.records {
				let mut record = RecordOf::<Test>::new(1);
				record.units = BoundedVec::truncate_from(seed.units);
				crate::Records::<Test>::insert((0, seed.learner, seed.assessment), record);
			}
		});
		ext
	}

	/// Runs `test`, then checks every invariant of the lifecycle, tokens and courses pallets.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Lifecycle::do_try_state().expect("the lifecycle invariants hold after the test");
			// The other pallets compile their checks for their own tests and for try-runtime.
			#[cfg(feature = "try-runtime")]
			{
				Courses::do_try_state().expect("the courses invariants hold after the test");
				Tokens::do_try_state().expect("the tokens invariants hold after the test");
			}
		});
	}
}

/// The test state, for the benchmark tests.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder::default().build()
}

//! Tests of the lifecycle pallet, by step, then across steps: guide versions, trust, the worked
//! example of DOMAIN.md, the invariant check, and a randomized comparison with a plain model.
//! Each test (but those that corrupt the state on purpose) runs in
//! `ExtBuilder::build_and_execute`, which checks every invariant afterwards.

use crate::{
	mock::*,
	pallet::{Error, Event, Lifecycles},
	types::{InstructorStep, LifecycleKey, LifecycleOf, Rating, Stage},
	weights::WeightInfo,
};
use codec::MaxEncodedLen;
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{
		DispatchErrorWithPostInfo, DispatchResultWithPostInfo, GetDispatchInfo, Pays,
		PostDispatchInfo,
	},
	weights::Weight,
};
use pallet_courses::{Assessment, AssessmentKind, CipCode, CourseId, GuideVersion};
use pallet_tokens::TokenKind;
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult};

/// A lifecycle record of this runtime.
type Record = crate::types::Lifecycle<u64, u64>;

/// The course every test uses: created first, so its id is 0.
const COURSE: CourseId = 0;
/// The assessments of the worked example.
const LESSON_1: u32 = 0;
const LESSON_2: u32 = 1;
const FINAL: u32 = 2;
/// The course's two units of competency.
const SORTING: u32 = 0;
const GRAPHS: u32 = 1;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn assessment(
	kind: AssessmentKind,
	attendance: u32,
	score: u32,
	help: u32,
	feedback: u32,
) -> Assessment {
	Assessment {
		kind,
		max_attendance: attendance,
		max_score: score,
		max_help: help,
		max_instructor_feedback: feedback,
	}
}

/// The worked example of DOMAIN.md: two lessons and a final evaluation, 100 learner points.
fn guide() -> Vec<Assessment> {
	vec![
		assessment(AssessmentKind::Lesson, 5, 25, 10, 5),
		assessment(AssessmentKind::Lesson, 5, 25, 10, 5),
		assessment(AssessmentKind::FinalEvaluation, 5, 10, 5, 0),
	]
}

/// A second version: lower maxima, and the final evaluation dropped.
fn guide_v2() -> Vec<Assessment> {
	vec![
		assessment(AssessmentKind::Lesson, 4, 10, 4, 2),
		assessment(AssessmentKind::Lesson, 5, 25, 10, 5),
	]
}

/// Creates an open course of `UNIVERSITY` led by `LEAD` with the worked example's guide and two
/// units, makes `CO` a co-instructor, and enrolls `ALICE`, `BOB` and `CHARLIE` (not `DAVE`).
fn create_course() -> CourseId {
	let course = pallet_courses::NextCourseId::<Test>::get();
	assert_ok!(Courses::create_course(
		signed(LEAD),
		UNIVERSITY,
		b"Algorithms".to_vec(),
		b"11.0701".to_vec(),
		vec![
			(b"esco:S1.2.1".to_vec(), b"sorting".to_vec()),
			(b"esco:S1.2.2".to_vec(), b"graphs".to_vec()),
		],
		guide(),
		true,
	));
	assert_ok!(Courses::add_co_instructor(signed(LEAD), course, CO));
	for learner in [ALICE, BOB, CHARLIE] {
		assert_ok!(Courses::join(signed(learner), course));
	}
	course
}

/// Runs `test` on a fresh state with the test course created.
fn with_course(test: impl FnOnce()) {
	ExtBuilder.build_and_execute(|| {
		assert_eq!(create_course(), COURSE);
		System::reset_events();
		test();
	});
}

fn key(assessment: u32, unit: u32) -> LifecycleKey {
	(COURSE, assessment, unit)
}

fn record(assessment: u32, unit: u32, learner: u64) -> LifecycleOf<Test> {
	Lifecycles::<Test>::get(key(assessment, unit), learner).expect("the lifecycle exists")
}

fn stage(assessment: u32, unit: u32, learner: u64) -> Option<Stage> {
	Lifecycles::<Test>::get(key(assessment, unit), learner).map(|record| record.stage)
}

fn run_to(block: u64) {
	System::set_block_number(block);
}

fn convey(
	who: u64,
	assessment: u32,
	unit: u32,
	learners: &[(u64, u32)],
) -> DispatchResultWithPostInfo {
	Lifecycle::convey(signed(who), COURSE, assessment, unit, learners.to_vec())
}

fn assess(who: u64, assessment: u32, unit: u32, learners: &[u64]) -> DispatchResultWithPostInfo {
	Lifecycle::assess(signed(who), COURSE, assessment, unit, learners.to_vec())
}

fn award(
	who: u64,
	assessment: u32,
	unit: u32,
	awards: &[(u64, u32, u32)],
) -> DispatchResultWithPostInfo {
	Lifecycle::award(signed(who), COURSE, assessment, unit, awards.to_vec())
}

fn acquire(who: u64, assessment: u32, unit: u32) -> DispatchResult {
	Lifecycle::acquire(signed(who), COURSE, assessment, unit)
}

fn respond(who: u64, assessment: u32, unit: u32) -> DispatchResult {
	Lifecycle::respond(signed(who), COURSE, assessment, unit, commitment(who))
}

fn rate(who: u64, assessment: u32, unit: u32, points: u32) -> DispatchResult {
	Lifecycle::rate(signed(who), COURSE, assessment, unit, points)
}

/// The commitment a learner gives in these tests.
fn commitment(learner: u64) -> H256 {
	H256::from_low_u64_be(learner)
}

/// The error of a batch call, without its post-dispatch information.
fn error_of(result: DispatchResultWithPostInfo) -> Result<PostDispatchInfo, DispatchError> {
	result.map_err(|failure| failure.error)
}

/// The post-dispatch information a batch call returns: its actual weight.
fn used(weight: Weight) -> PostDispatchInfo {
	PostDispatchInfo { actual_weight: Some(weight), pays_fee: Pays::Yes }
}

/// Takes `learners` through every step up to and including `to` for (`assessment`, `unit`),
/// with attendance 4, score 20, help 5, signed by `LEAD`.
fn advance(assessment: u32, unit: u32, learners: &[u64], to: Stage) {
	let conveyed: Vec<_> = learners.iter().map(|learner| (*learner, 4)).collect();
	assert_ok!(convey(LEAD, assessment, unit, &conveyed));
	if to >= Stage::Acquired {
		for learner in learners {
			assert_ok!(acquire(*learner, assessment, unit));
		}
	}
	if to >= Stage::Assessed {
		assert_ok!(assess(LEAD, assessment, unit, learners));
	}
	if to >= Stage::Responded {
		for learner in learners {
			assert_ok!(respond(*learner, assessment, unit));
		}
	}
	if to >= Stage::Awarded {
		let awards: Vec<_> = learners.iter().map(|learner| (*learner, 20, 5)).collect();
		assert_ok!(award(LEAD, assessment, unit, &awards));
	}
}

/// `count` new accounts enrolled in the test course.
fn enrolled_class(count: u32) -> Vec<u64> {
	(0..u64::from(count))
		.map(|index| {
			let learner = 10_000 + index;
			assert_ok!(Courses::join(signed(learner), COURSE));
			learner
		})
		.collect()
}

/// The token the tests expect for the test course's unit `unit`.
fn expected_token(
	kind: TokenKind,
	holder: u64,
	instructor: u64,
	points: u32,
	help: u32,
	(assessment, unit): (u32, u32),
	guide_version: GuideVersion,
) -> Minted {
	let skill: &[u8] = if unit == SORTING { b"esco:S1.2.1" } else { b"esco:S1.2.2" };
	Minted {
		holder,
		kind,
		points,
		help,
		course: COURSE,
		assessment,
		unit,
		cip_code: CipCode::parse(b"11.0701").expect("a valid code"),
		skill: skill.to_vec().try_into().expect("short enough"),
		institution: UNIVERSITY,
		instructor,
		guide_version,
	}
}

mod convey {
	use super::*;

	#[test]
	fn convey_records_a_lifecycle_per_learner_and_reports_the_actual_weight() {
		with_course(|| {
			run_to(3);
			assert_eq!(
				convey(LEAD, LESSON_1, SORTING, &[(ALICE, 4), (BOB, 5)]),
				Ok(used(<() as WeightInfo>::convey(2)))
			);

			System::assert_last_event(
				Event::Conveyed {
					course: COURSE,
					assessment: LESSON_1,
					unit: SORTING,
					instructor: LEAD,
					count: 2,
				}
				.into(),
			);
			assert_eq!(record(LESSON_1, SORTING, ALICE), Record::conveyed(LEAD, 3, 1, 4));
			let bob = record(LESSON_1, SORTING, BOB);
			assert_eq!(bob.stage, Stage::Conveyed);
			assert_eq!(bob.attendance, 5);
			assert_eq!(bob.guide_version, 1);
			assert_eq!(bob.conveyed, InstructorStep { instructor: LEAD, block: 3 });
			assert_eq!(stage(LESSON_1, SORTING, CHARLIE), None);
			assert_eq!(stage(LESSON_1, GRAPHS, ALICE), None);
			assert_eq!(MockTokens::count(), 0, "convey mints nothing");
		});
	}

	#[test]
	fn convey_by_a_co_instructor_is_accepted() {
		with_course(|| {
			assert_ok!(convey(CO, LESSON_2, GRAPHS, &[(ALICE, 0)]));
			assert_eq!(record(LESSON_2, GRAPHS, ALICE).conveyed.instructor, CO);
			System::assert_last_event(
				Event::Conveyed {
					course: COURSE,
					assessment: LESSON_2,
					unit: GRAPHS,
					instructor: CO,
					count: 1,
				}
				.into(),
			);
		});
	}

	#[test]
	fn convey_is_weighed_per_learner() {
		with_course(|| {
			let call = crate::Call::<Test>::convey {
				course: COURSE,
				assessment: LESSON_1,
				unit: SORTING,
				learners: vec![(ALICE, 1), (BOB, 1), (CHARLIE, 1)],
			};
			assert_eq!(call.get_dispatch_info().call_weight, <() as WeightInfo>::convey(3));
			assert!(<() as WeightInfo>::convey(3).all_gt(<() as WeightInfo>::convey(2)));
		});
	}

	#[test]
	fn convey_of_an_unknown_course_is_rejected() {
		with_course(|| {
			assert_noop!(
				error_of(Lifecycle::convey(signed(LEAD), 7, LESSON_1, SORTING, vec![(ALICE, 1)])),
				Error::<Test>::UnknownCourse
			);
		});
	}

	#[test]
	fn convey_in_a_closed_course_is_rejected() {
		with_course(|| {
			assert_ok!(Courses::close_course(signed(LEAD), COURSE));
			assert_noop!(
				error_of(convey(LEAD, LESSON_1, SORTING, &[(ALICE, 1)])),
				Error::<Test>::CourseClosed
			);
		});
	}

	#[test]
	fn convey_by_someone_not_teaching_the_course_is_rejected() {
		with_course(|| {
			for who in [OTHER, STRANGER, ALICE, UNIVERSITY] {
				assert_noop!(
					error_of(convey(who, LESSON_1, SORTING, &[(ALICE, 1)])),
					Error::<Test>::NotCourseInstructor
				);
			}
		});
	}

	#[test]
	fn convey_by_an_instructor_removed_from_the_institution_is_rejected() {
		with_course(|| {
			MockRegistry::remove_instructor(UNIVERSITY, CO);
			assert_noop!(
				error_of(convey(CO, LESSON_1, SORTING, &[(ALICE, 1)])),
				Error::<Test>::NotCourseInstructor
			);
			// The lead still teaches.
			assert_ok!(convey(LEAD, LESSON_1, SORTING, &[(ALICE, 1)]));
		});
	}

	#[test]
	fn convey_by_a_co_instructor_removed_from_the_course_is_rejected() {
		with_course(|| {
			assert_ok!(Courses::remove_co_instructor(signed(LEAD), COURSE, CO));
			assert_noop!(
				error_of(convey(CO, LESSON_1, SORTING, &[(ALICE, 1)])),
				Error::<Test>::NotCourseInstructor
			);
		});
	}

	#[test]
	fn convey_for_an_institution_not_accredited_now_is_rejected() {
		with_course(|| {
			MockRegistry::suspend(UNIVERSITY);
			assert_noop!(
				error_of(convey(LEAD, LESSON_1, SORTING, &[(ALICE, 1)])),
				Error::<Test>::NotAccredited
			);
		});
	}

	#[test]
	fn convey_of_an_assessment_not_in_the_guide_is_rejected() {
		with_course(|| {
			assert_noop!(
				error_of(convey(LEAD, 3, SORTING, &[(ALICE, 1)])),
				Error::<Test>::UnknownAssessment
			);
			assert_noop!(
				error_of(convey(LEAD, u32::MAX, SORTING, &[(ALICE, 1)])),
				Error::<Test>::UnknownAssessment
			);
		});
	}

	#[test]
	fn convey_of_an_assessment_the_current_version_dropped_is_rejected() {
		with_course(|| {
			assert_ok!(Courses::publish_guide(signed(LEAD), COURSE, guide_v2()));
			assert_noop!(
				error_of(convey(LEAD, FINAL, SORTING, &[(ALICE, 1)])),
				Error::<Test>::UnknownAssessment
			);
		});
	}

	#[test]
	fn convey_of_a_unit_not_in_the_course_is_rejected() {
		with_course(|| {
			assert_noop!(
				error_of(convey(LEAD, LESSON_1, 2, &[(ALICE, 1)])),
				Error::<Test>::UnknownUnit
			);
		});
	}

	#[test]
	fn convey_to_nobody_is_rejected() {
		with_course(|| {
			assert_noop!(error_of(convey(LEAD, LESSON_1, SORTING, &[])), Error::<Test>::NoLearners);
		});
	}

	#[test]
	fn convey_to_more_than_the_batch_bound_is_rejected() {
		with_course(|| {
			let learners: Vec<_> = (0..u64::from(MAX_BATCH) + 1).map(|l| (l + 10_000, 1)).collect();
			assert_noop!(
				error_of(convey(LEAD, LESSON_1, SORTING, &learners)),
				Error::<Test>::TooManyLearners
			);
		});
	}

	#[test]
	fn convey_needs_a_signed_origin() {
		with_course(|| {
			assert_noop!(
				error_of(Lifecycle::convey(
					RuntimeOrigin::none(),
					COURSE,
					LESSON_1,
					SORTING,
					vec![(ALICE, 1)]
				)),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn convey_names_the_index_of_a_learner_not_enrolled() {
		with_course(|| {
			for (batch, index) in [
				(vec![(DAVE, 1), (ALICE, 1), (BOB, 1)], 0),
				(vec![(ALICE, 1), (DAVE, 1), (BOB, 1)], 1),
				(vec![(ALICE, 1), (BOB, 1), (DAVE, 1)], 2),
			] {
				assert_noop!(
					error_of(convey(LEAD, LESSON_1, SORTING, &batch)),
					Error::<Test>::NotEnrolled { index }
				);
			}
		});
	}

	#[test]
	fn an_invited_learner_who_did_not_accept_is_not_enrolled() {
		with_course(|| {
			assert_ok!(Courses::invite(signed(LEAD), COURSE, vec![DAVE]));
			assert_noop!(
				error_of(convey(LEAD, LESSON_1, SORTING, &[(ALICE, 1), (DAVE, 1)])),
				Error::<Test>::NotEnrolled { index: 1 }
			);
		});
	}

	#[test]
	fn convey_names_the_index_of_a_learner_conveyed_already() {
		with_course(|| {
			assert_ok!(convey(LEAD, LESSON_1, SORTING, &[(BOB, 1)]));
			for (batch, index) in [
				(vec![(BOB, 1), (ALICE, 1), (CHARLIE, 1)], 0),
				(vec![(ALICE, 1), (BOB, 1), (CHARLIE, 1)], 1),
				(vec![(ALICE, 1), (CHARLIE, 1), (BOB, 1)], 2),
			] {
				assert_noop!(
					error_of(convey(CO, LESSON_1, SORTING, &batch)),
					Error::<Test>::AlreadyDoneAt { index }
				);
			}
			// Another assessment or unit is another lifecycle.
			assert_ok!(convey(LEAD, LESSON_2, SORTING, &[(BOB, 1)]));
			assert_ok!(convey(LEAD, LESSON_1, GRAPHS, &[(BOB, 1)]));
		});
	}

	#[test]
	fn convey_names_the_index_of_a_learner_listed_twice() {
		with_course(|| {
			assert_noop!(
				error_of(convey(LEAD, LESSON_1, SORTING, &[(ALICE, 1), (BOB, 1), (ALICE, 2)])),
				Error::<Test>::AlreadyDoneAt { index: 2 }
			);
		});
	}

	#[test]
	fn convey_names_the_index_of_attendance_above_the_guide_maximum() {
		with_course(|| {
			for (batch, index) in [
				(vec![(ALICE, 6), (BOB, 5), (CHARLIE, 0)], 0),
				(vec![(ALICE, 5), (BOB, 6), (CHARLIE, 0)], 1),
				(vec![(ALICE, 5), (BOB, 0), (CHARLIE, u32::MAX)], 2),
			] {
				assert_noop!(
					error_of(convey(LEAD, LESSON_1, SORTING, &batch)),
					Error::<Test>::AttendanceAboveMaximum { index }
				);
			}
			// The maximum itself is allowed.
			assert_ok!(convey(LEAD, LESSON_1, SORTING, &[(ALICE, 5)]));
		});
	}

	#[test]
	fn the_resubmitted_batch_without_the_offender_is_accepted() {
		with_course(|| {
			assert_noop!(
				error_of(convey(LEAD, LESSON_1, SORTING, &[(ALICE, 4), (DAVE, 4), (BOB, 4)])),
				Error::<Test>::NotEnrolled { index: 1 }
			);
			assert_ok!(convey(LEAD, LESSON_1, SORTING, &[(ALICE, 4), (BOB, 4)]));
			assert_eq!(stage(LESSON_1, SORTING, BOB), Some(Stage::Conveyed));
		});
	}

	#[test]
	fn convey_to_a_class_of_500_fits_in_one_call() {
		with_course(|| {
			let class = enrolled_class(500);
			let batch: Vec<_> = class.iter().map(|learner| (*learner, 5)).collect();
			assert_eq!(
				convey(LEAD, LESSON_1, SORTING, &batch),
				Ok(used(<() as WeightInfo>::convey(500)))
			);
			assert!(class.iter().all(|l| stage(LESSON_1, SORTING, *l) == Some(Stage::Conveyed)));
			System::assert_last_event(
				Event::Conveyed {
					course: COURSE,
					assessment: LESSON_1,
					unit: SORTING,
					instructor: LEAD,
					count: 500,
				}
				.into(),
			);
		});
	}
}

mod acquire {
	use super::*;

	#[test]
	fn acquire_mints_the_attendance_token_with_the_points_recorded_at_convey() {
		with_course(|| {
			assert_ok!(convey(CO, LESSON_1, GRAPHS, &[(ALICE, 4)]));
			run_to(5);
			assert_ok!(acquire(ALICE, LESSON_1, GRAPHS));

			assert_eq!(
				MockTokens::minted(),
				vec![expected_token(TokenKind::Attendance, ALICE, CO, 4, 0, (LESSON_1, GRAPHS), 1)]
			);
			let alice = record(LESSON_1, GRAPHS, ALICE);
			assert_eq!(alice.stage, Stage::Acquired);
			assert_eq!(alice.acquired, Some(5));
			assert_eq!(alice.attendance_token, Some(0));
			System::assert_last_event(
				Event::Acquired {
					course: COURSE,
					assessment: LESSON_1,
					unit: GRAPHS,
					learner: ALICE,
					token: 0,
				}
				.into(),
			);
		});
	}

	#[test]
	fn acquire_with_no_attendance_points_still_records_presence() {
		with_course(|| {
			assert_ok!(convey(LEAD, LESSON_1, SORTING, &[(ALICE, 0)]));
			assert_ok!(acquire(ALICE, LESSON_1, SORTING));
			assert_eq!(MockTokens::token(0).map(|token| token.points), Some(0));
		});
	}

	#[test]
	fn acquire_of_a_unit_not_conveyed_to_the_caller_is_rejected() {
		with_course(|| {
			assert_ok!(convey(LEAD, LESSON_1, SORTING, &[(ALICE, 4)]));
			assert_noop!(acquire(BOB, LESSON_1, SORTING), Error::<Test>::StepOutOfOrder);
			assert_noop!(acquire(DAVE, LESSON_1, SORTING), Error::<Test>::StepOutOfOrder);
			assert_noop!(acquire(ALICE, LESSON_2, SORTING), Error::<Test>::StepOutOfOrder);
			assert_noop!(acquire(ALICE, LESSON_1, GRAPHS), Error::<Test>::StepOutOfOrder);
			assert_noop!(acquire(ALICE, 3, SORTING), Error::<Test>::StepOutOfOrder);
		});
	}

	#[test]
	fn acquire_twice_or_after_a_later_step_is_rejected() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Acquired);
			assert_noop!(acquire(ALICE, LESSON_1, SORTING), Error::<Test>::StepAlreadyDone);
			advance(LESSON_2, SORTING, &[ALICE], Stage::Awarded);
			assert_noop!(acquire(ALICE, LESSON_2, SORTING), Error::<Test>::StepAlreadyDone);
		});
	}

	#[test]
	fn acquire_in_an_unknown_or_closed_course_is_rejected() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Conveyed);
			assert_noop!(
				Lifecycle::acquire(signed(ALICE), 7, LESSON_1, SORTING),
				Error::<Test>::UnknownCourse
			);
			assert_ok!(Courses::close_course(signed(LEAD), COURSE));
			assert_noop!(acquire(ALICE, LESSON_1, SORTING), Error::<Test>::CourseClosed);
		});
	}

	#[test]
	fn acquire_when_the_institution_is_not_accredited_now_is_rejected() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Conveyed);
			MockRegistry::suspend(UNIVERSITY);
			assert_noop!(acquire(ALICE, LESSON_1, SORTING), Error::<Test>::NotAccredited);
			MockRegistry::accredit(UNIVERSITY);
			assert_ok!(acquire(ALICE, LESSON_1, SORTING));
		});
	}

	#[test]
	fn acquire_of_a_unit_not_in_the_course_is_rejected() {
		with_course(|| {
			assert_noop!(acquire(ALICE, LESSON_1, 2), Error::<Test>::UnknownUnit);
		});
	}

	#[test]
	fn acquire_needs_a_signed_origin() {
		with_course(|| {
			assert_noop!(
				Lifecycle::acquire(RuntimeOrigin::none(), COURSE, LESSON_1, SORTING),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn acquire_changes_nothing_when_the_token_cannot_be_minted() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Conveyed);
			MockTokens::fail_from(0);
			assert_noop!(
				acquire(ALICE, LESSON_1, SORTING),
				DispatchError::Other("mock: no token id left")
			);
		});
	}

	#[test]
	fn the_attendance_token_records_the_instructor_who_conveyed_even_if_removed_since() {
		with_course(|| {
			assert_ok!(convey(CO, LESSON_1, SORTING, &[(ALICE, 3)]));
			assert_ok!(Courses::remove_co_instructor(signed(LEAD), COURSE, CO));
			MockRegistry::remove_instructor(UNIVERSITY, CO);
			assert_ok!(acquire(ALICE, LESSON_1, SORTING));
			assert_eq!(MockTokens::token(0).map(|token| token.instructor), Some(CO));
		});
	}
}

mod assess {
	use super::*;

	#[test]
	fn assess_records_the_instructor_and_block_and_reports_the_actual_weight() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE, BOB], Stage::Acquired);
			run_to(9);
			assert_eq!(
				assess(CO, LESSON_1, SORTING, &[ALICE, BOB]),
				Ok(used(<() as WeightInfo>::assess(2)))
			);

			for learner in [ALICE, BOB] {
				let record = record(LESSON_1, SORTING, learner);
				assert_eq!(record.stage, Stage::Assessed);
				assert_eq!(record.assessed, Some(InstructorStep { instructor: CO, block: 9 }));
				assert_eq!(record.conveyed.instructor, LEAD);
			}
			System::assert_last_event(
				Event::Assessed {
					course: COURSE,
					assessment: LESSON_1,
					unit: SORTING,
					instructor: CO,
					count: 2,
				}
				.into(),
			);
			assert_eq!(MockTokens::count(), 2, "assess mints nothing");
		});
	}

	#[test]
	fn assess_is_weighed_per_learner() {
		with_course(|| {
			let call = crate::Call::<Test>::assess {
				course: COURSE,
				assessment: LESSON_1,
				unit: SORTING,
				learners: vec![ALICE, BOB],
			};
			assert_eq!(call.get_dispatch_info().call_weight, <() as WeightInfo>::assess(2));
		});
	}

	#[test]
	fn assess_checks_the_course_the_caller_and_the_institution() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Acquired);
			assert_noop!(
				error_of(Lifecycle::assess(signed(LEAD), 7, LESSON_1, SORTING, vec![ALICE])),
				Error::<Test>::UnknownCourse
			);
			for who in [OTHER, STRANGER, ALICE] {
				assert_noop!(
					error_of(assess(who, LESSON_1, SORTING, &[ALICE])),
					Error::<Test>::NotCourseInstructor
				);
			}
			MockRegistry::remove_instructor(UNIVERSITY, LEAD);
			assert_noop!(
				error_of(assess(LEAD, LESSON_1, SORTING, &[ALICE])),
				Error::<Test>::NotCourseInstructor
			);
			MockRegistry::add_instructor(UNIVERSITY, LEAD);
			MockRegistry::suspend(UNIVERSITY);
			assert_noop!(
				error_of(assess(LEAD, LESSON_1, SORTING, &[ALICE])),
				Error::<Test>::NotAccredited
			);
			MockRegistry::accredit(UNIVERSITY);
			assert_ok!(Courses::close_course(signed(LEAD), COURSE));
			assert_noop!(
				error_of(assess(LEAD, LESSON_1, SORTING, &[ALICE])),
				Error::<Test>::CourseClosed
			);
		});
	}

	#[test]
	fn assess_checks_the_unit_and_the_batch_length() {
		with_course(|| {
			assert_noop!(error_of(assess(LEAD, LESSON_1, 2, &[ALICE])), Error::<Test>::UnknownUnit);
			assert_noop!(error_of(assess(LEAD, LESSON_1, SORTING, &[])), Error::<Test>::NoLearners);
			let learners: Vec<_> = (0..u64::from(MAX_BATCH) + 1).collect();
			assert_noop!(
				error_of(assess(LEAD, LESSON_1, SORTING, &learners)),
				Error::<Test>::TooManyLearners
			);
		});
	}

	#[test]
	fn assess_names_the_index_of_a_learner_not_enrolled() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE, BOB], Stage::Acquired);
			for (batch, index) in [
				(vec![DAVE, ALICE, BOB], 0),
				(vec![ALICE, DAVE, BOB], 1),
				(vec![ALICE, BOB, DAVE], 2),
			] {
				assert_noop!(
					error_of(assess(LEAD, LESSON_1, SORTING, &batch)),
					Error::<Test>::NotEnrolled { index }
				);
			}
		});
	}

	#[test]
	fn assess_names_the_index_of_a_learner_who_has_not_acquired() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE, BOB], Stage::Acquired);
			// CHARLIE was conveyed to but has not acquired.
			assert_ok!(convey(LEAD, LESSON_1, SORTING, &[(CHARLIE, 1)]));
			for (batch, index) in [
				(vec![CHARLIE, ALICE, BOB], 0),
				(vec![ALICE, CHARLIE, BOB], 1),
				(vec![ALICE, BOB, CHARLIE], 2),
			] {
				assert_noop!(
					error_of(assess(LEAD, LESSON_1, SORTING, &batch)),
					Error::<Test>::OutOfOrderAt { index }
				);
			}
		});
	}

	#[test]
	fn assess_of_a_learner_with_no_lifecycle_is_out_of_order() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Acquired);
			assert_noop!(
				error_of(assess(LEAD, LESSON_1, SORTING, &[ALICE, BOB])),
				Error::<Test>::OutOfOrderAt { index: 1 }
			);
			// An assessment that was never conveyed has no lifecycle either.
			assert_noop!(
				error_of(assess(LEAD, 3, SORTING, &[ALICE])),
				Error::<Test>::OutOfOrderAt { index: 0 }
			);
		});
	}

	#[test]
	fn assess_names_the_index_of_a_learner_assessed_already_or_listed_twice() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE, BOB, CHARLIE], Stage::Acquired);
			assert_ok!(assess(LEAD, LESSON_1, SORTING, &[BOB]));
			for (batch, index) in [
				(vec![BOB, ALICE, CHARLIE], 0),
				(vec![ALICE, BOB, CHARLIE], 1),
				(vec![ALICE, CHARLIE, BOB], 2),
			] {
				assert_noop!(
					error_of(assess(LEAD, LESSON_1, SORTING, &batch)),
					Error::<Test>::AlreadyDoneAt { index }
				);
			}
			assert_noop!(
				error_of(assess(LEAD, LESSON_1, SORTING, &[ALICE, CHARLIE, ALICE])),
				Error::<Test>::AlreadyDoneAt { index: 2 }
			);
			// Past the step.
			advance(LESSON_2, SORTING, &[ALICE], Stage::Responded);
			assert_noop!(
				error_of(assess(LEAD, LESSON_2, SORTING, &[ALICE])),
				Error::<Test>::AlreadyDoneAt { index: 0 }
			);
		});
	}

	#[test]
	fn assess_needs_a_signed_origin() {
		with_course(|| {
			assert_noop!(
				error_of(Lifecycle::assess(
					RuntimeOrigin::root(),
					COURSE,
					LESSON_1,
					SORTING,
					vec![ALICE]
				)),
				DispatchError::BadOrigin
			);
		});
	}
}

mod respond {
	use super::*;

	#[test]
	fn respond_records_the_commitment_and_block() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Assessed);
			run_to(12);
			assert_ok!(respond(ALICE, LESSON_1, SORTING));

			let alice = record(LESSON_1, SORTING, ALICE);
			assert_eq!(alice.stage, Stage::Responded);
			assert_eq!(alice.responded, Some(12));
			assert_eq!(alice.commitment, Some(commitment(ALICE)));
			System::assert_last_event(
				Event::Responded {
					course: COURSE,
					assessment: LESSON_1,
					unit: SORTING,
					learner: ALICE,
					commitment: commitment(ALICE),
				}
				.into(),
			);
			assert_eq!(MockTokens::count(), 1, "respond mints nothing");
		});
	}

	#[test]
	fn respond_before_the_assessment_is_rejected() {
		with_course(|| {
			assert_noop!(respond(ALICE, LESSON_1, SORTING), Error::<Test>::StepOutOfOrder);
			advance(LESSON_1, SORTING, &[ALICE], Stage::Conveyed);
			assert_noop!(respond(ALICE, LESSON_1, SORTING), Error::<Test>::StepOutOfOrder);
			assert_ok!(acquire(ALICE, LESSON_1, SORTING));
			assert_noop!(respond(ALICE, LESSON_1, SORTING), Error::<Test>::StepOutOfOrder);
		});
	}

	#[test]
	fn respond_twice_or_after_the_award_is_rejected() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Responded);
			assert_noop!(respond(ALICE, LESSON_1, SORTING), Error::<Test>::StepAlreadyDone);
			advance(LESSON_2, SORTING, &[ALICE], Stage::Awarded);
			assert_noop!(respond(ALICE, LESSON_2, SORTING), Error::<Test>::StepAlreadyDone);
		});
	}

	#[test]
	fn respond_checks_the_course_the_institution_and_the_unit() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Assessed);
			assert_noop!(
				Lifecycle::respond(signed(ALICE), 7, LESSON_1, SORTING, commitment(ALICE)),
				Error::<Test>::UnknownCourse
			);
			assert_noop!(respond(ALICE, LESSON_1, 2), Error::<Test>::UnknownUnit);
			MockRegistry::suspend(UNIVERSITY);
			assert_noop!(respond(ALICE, LESSON_1, SORTING), Error::<Test>::NotAccredited);
			MockRegistry::accredit(UNIVERSITY);
			assert_ok!(Courses::close_course(signed(LEAD), COURSE));
			assert_noop!(respond(ALICE, LESSON_1, SORTING), Error::<Test>::CourseClosed);
			assert_noop!(
				Lifecycle::respond(RuntimeOrigin::none(), COURSE, LESSON_1, SORTING, H256::zero()),
				DispatchError::BadOrigin
			);
		});
	}
}

mod award {
	use super::*;

	#[test]
	fn award_mints_a_score_token_with_help_per_learner_and_reports_the_actual_weight() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE, BOB], Stage::Responded);
			let before = MockTokens::count();
			run_to(20);
			assert_eq!(
				award(CO, LESSON_1, SORTING, &[(ALICE, 20, 5), (BOB, 25, 0)]),
				Ok(used(<() as WeightInfo>::award(2)))
			);

			assert_eq!(
				MockTokens::minted().split_off(before as usize),
				vec![
					expected_token(TokenKind::Score, ALICE, CO, 20, 5, (LESSON_1, SORTING), 1),
					expected_token(TokenKind::Score, BOB, CO, 25, 0, (LESSON_1, SORTING), 1),
				]
			);
			let alice = record(LESSON_1, SORTING, ALICE);
			assert_eq!(alice.stage, Stage::Awarded);
			assert_eq!(alice.awarded, Some(InstructorStep { instructor: CO, block: 20 }));
			assert_eq!((alice.score, alice.help), (20, 5));
			assert_eq!(alice.score_token, Some(before));
			assert_eq!(record(LESSON_1, SORTING, BOB).score_token, Some(before + 1));
			System::assert_last_event(
				Event::Awarded {
					course: COURSE,
					assessment: LESSON_1,
					unit: SORTING,
					instructor: CO,
					count: 2,
				}
				.into(),
			);
		});
	}

	#[test]
	fn award_is_weighed_per_learner() {
		with_course(|| {
			let call = crate::Call::<Test>::award {
				course: COURSE,
				assessment: LESSON_1,
				unit: SORTING,
				awards: vec![(ALICE, 1, 1), (BOB, 1, 1), (CHARLIE, 1, 1)],
			};
			assert_eq!(call.get_dispatch_info().call_weight, <() as WeightInfo>::award(3));
		});
	}

	#[test]
	fn award_checks_the_course_the_caller_and_the_institution() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Responded);
			let awards = vec![(ALICE, 20, 5)];
			assert_noop!(
				error_of(Lifecycle::award(signed(LEAD), 7, LESSON_1, SORTING, awards.clone())),
				Error::<Test>::UnknownCourse
			);
			for who in [OTHER, STRANGER, ALICE] {
				assert_noop!(
					error_of(award(who, LESSON_1, SORTING, &awards)),
					Error::<Test>::NotCourseInstructor
				);
			}
			MockRegistry::remove_instructor(UNIVERSITY, CO);
			assert_noop!(
				error_of(award(CO, LESSON_1, SORTING, &awards)),
				Error::<Test>::NotCourseInstructor
			);
			MockRegistry::suspend(UNIVERSITY);
			assert_noop!(
				error_of(award(LEAD, LESSON_1, SORTING, &awards)),
				Error::<Test>::NotAccredited
			);
			MockRegistry::accredit(UNIVERSITY);
			assert_ok!(Courses::close_course(signed(LEAD), COURSE));
			assert_noop!(
				error_of(award(LEAD, LESSON_1, SORTING, &awards)),
				Error::<Test>::CourseClosed
			);
			assert_noop!(
				error_of(Lifecycle::award(
					RuntimeOrigin::none(),
					COURSE,
					LESSON_1,
					SORTING,
					awards
				)),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn award_checks_the_unit_and_the_batch_length() {
		with_course(|| {
			assert_noop!(
				error_of(award(LEAD, LESSON_1, 2, &[(ALICE, 1, 1)])),
				Error::<Test>::UnknownUnit
			);
			assert_noop!(error_of(award(LEAD, LESSON_1, SORTING, &[])), Error::<Test>::NoLearners);
			let awards: Vec<_> = (0..u64::from(MAX_BATCH) + 1).map(|l| (l, 1, 1)).collect();
			assert_noop!(
				error_of(award(LEAD, LESSON_1, SORTING, &awards)),
				Error::<Test>::TooManyLearners
			);
		});
	}

	#[test]
	fn award_names_the_index_of_a_learner_not_enrolled() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE, BOB], Stage::Responded);
			for (batch, index) in [
				(vec![(DAVE, 1, 1), (ALICE, 1, 1), (BOB, 1, 1)], 0),
				(vec![(ALICE, 1, 1), (DAVE, 1, 1), (BOB, 1, 1)], 1),
				(vec![(ALICE, 1, 1), (BOB, 1, 1), (DAVE, 1, 1)], 2),
			] {
				assert_noop!(
					error_of(award(LEAD, LESSON_1, SORTING, &batch)),
					Error::<Test>::NotEnrolled { index }
				);
			}
		});
	}

	#[test]
	fn award_names_the_index_of_a_learner_who_has_not_responded() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE, BOB], Stage::Responded);
			advance(LESSON_1, GRAPHS, &[CHARLIE], Stage::Assessed);
			// CHARLIE was assessed in another unit and has not even been conveyed this one;
			// for GRAPHS, CHARLIE has not responded.
			for (batch, index) in [
				(vec![(CHARLIE, 1, 1), (ALICE, 1, 1), (BOB, 1, 1)], 0),
				(vec![(ALICE, 1, 1), (CHARLIE, 1, 1), (BOB, 1, 1)], 1),
				(vec![(ALICE, 1, 1), (BOB, 1, 1), (CHARLIE, 1, 1)], 2),
			] {
				assert_noop!(
					error_of(award(LEAD, LESSON_1, SORTING, &batch)),
					Error::<Test>::OutOfOrderAt { index }
				);
			}
			assert_noop!(
				error_of(award(LEAD, LESSON_1, GRAPHS, &[(CHARLIE, 1, 1)])),
				Error::<Test>::OutOfOrderAt { index: 0 }
			);
		});
	}

	#[test]
	fn award_names_the_index_of_a_learner_awarded_already_or_listed_twice() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE, BOB, CHARLIE], Stage::Responded);
			assert_ok!(award(LEAD, LESSON_1, SORTING, &[(BOB, 1, 1)]));
			for (batch, index) in [
				(vec![(BOB, 1, 1), (ALICE, 1, 1), (CHARLIE, 1, 1)], 0),
				(vec![(ALICE, 1, 1), (BOB, 1, 1), (CHARLIE, 1, 1)], 1),
				(vec![(ALICE, 1, 1), (CHARLIE, 1, 1), (BOB, 1, 1)], 2),
			] {
				assert_noop!(
					error_of(award(LEAD, LESSON_1, SORTING, &batch)),
					Error::<Test>::AlreadyDoneAt { index }
				);
			}
			assert_noop!(
				error_of(award(LEAD, LESSON_1, SORTING, &[(ALICE, 1, 1), (ALICE, 2, 2)])),
				Error::<Test>::AlreadyDoneAt { index: 1 }
			);
		});
	}

	#[test]
	fn award_names_the_index_of_a_score_above_the_guide_maximum() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE, BOB, CHARLIE], Stage::Responded);
			for (batch, index) in [
				(vec![(ALICE, 26, 0), (BOB, 25, 10), (CHARLIE, 0, 0)], 0),
				(vec![(ALICE, 25, 10), (BOB, 26, 0), (CHARLIE, 0, 0)], 1),
				(vec![(ALICE, 25, 10), (BOB, 0, 0), (CHARLIE, u32::MAX, 0)], 2),
			] {
				assert_noop!(
					error_of(award(LEAD, LESSON_1, SORTING, &batch)),
					Error::<Test>::ScoreAboveMaximum { index }
				);
			}
		});
	}

	#[test]
	fn award_names_the_index_of_help_above_the_guide_maximum() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE, BOB, CHARLIE], Stage::Responded);
			for (batch, index) in [
				(vec![(ALICE, 0, 11), (BOB, 25, 10), (CHARLIE, 0, 0)], 0),
				(vec![(ALICE, 25, 10), (BOB, 0, 11), (CHARLIE, 0, 0)], 1),
				(vec![(ALICE, 25, 10), (BOB, 0, 0), (CHARLIE, 0, u32::MAX)], 2),
			] {
				assert_noop!(
					error_of(award(LEAD, LESSON_1, SORTING, &batch)),
					Error::<Test>::HelpAboveMaximum { index }
				);
			}
			// The maxima themselves are allowed.
			assert_ok!(award(LEAD, LESSON_1, SORTING, &[(ALICE, 25, 10), (BOB, 0, 0)]));
		});
	}

	#[test]
	fn award_changes_nothing_when_a_token_cannot_be_minted() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE, BOB, CHARLIE], Stage::Responded);
			// The second Score token of the batch fails: the first is undone with everything
			// else, and the call pays for the whole batch it looked at.
			MockTokens::fail_from(MockTokens::count() + 1);
			assert_noop!(
				award(LEAD, LESSON_1, SORTING, &[(ALICE, 1, 1), (BOB, 1, 1), (CHARLIE, 1, 1)]),
				DispatchErrorWithPostInfo {
					post_info: used(<() as WeightInfo>::award(3)),
					error: DispatchError::Other("mock: no token id left"),
				}
			);
			assert_eq!(stage(LESSON_1, SORTING, ALICE), Some(Stage::Responded));
		});
	}

	#[test]
	fn award_to_a_class_of_500_fits_in_one_call() {
		with_course(|| {
			let class = enrolled_class(500);
			advance(LESSON_1, SORTING, &class, Stage::Responded);
			let before = MockTokens::count();
			let awards: Vec<_> = class.iter().map(|learner| (*learner, 25, 10)).collect();
			assert_eq!(
				award(LEAD, LESSON_1, SORTING, &awards),
				Ok(used(<() as WeightInfo>::award(500)))
			);
			assert_eq!(MockTokens::count(), before + 500);
			assert!(class.iter().all(|l| stage(LESSON_1, SORTING, *l) == Some(Stage::Awarded)));
		});
	}
}

mod rate {
	use super::*;

	#[test]
	fn rate_mints_the_instructor_score_token_to_the_instructor_who_awarded() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Responded);
			assert_ok!(award(CO, LESSON_1, SORTING, &[(ALICE, 20, 5)]));
			let token = MockTokens::count();
			run_to(30);
			assert_ok!(rate(ALICE, LESSON_1, SORTING, 5));

			assert_eq!(
				MockTokens::token(token),
				Some(expected_token(
					TokenKind::InstructorScore,
					CO,
					CO,
					5,
					0,
					(LESSON_1, SORTING),
					1
				))
			);
			let alice = record(LESSON_1, SORTING, ALICE);
			assert_eq!(alice.stage, Stage::Awarded);
			assert_eq!(alice.rating, Some(Rating { points: 5, block: 30 }));
			assert_eq!(alice.instructor_score_token, Some(token));
			System::assert_last_event(
				Event::Rated {
					course: COURSE,
					assessment: LESSON_1,
					unit: SORTING,
					learner: ALICE,
					instructor: CO,
					points: 5,
					token,
				}
				.into(),
			);
		});
	}

	#[test]
	fn rate_before_the_award_is_rejected() {
		with_course(|| {
			assert_noop!(rate(ALICE, LESSON_1, SORTING, 1), Error::<Test>::StepOutOfOrder);
			advance(LESSON_1, SORTING, &[ALICE], Stage::Responded);
			assert_noop!(rate(ALICE, LESSON_1, SORTING, 1), Error::<Test>::StepOutOfOrder);
		});
	}

	#[test]
	fn rate_twice_is_rejected() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Awarded);
			assert_ok!(rate(ALICE, LESSON_1, SORTING, 3));
			assert_noop!(rate(ALICE, LESSON_1, SORTING, 3), Error::<Test>::AlreadyRated);
			assert_noop!(rate(ALICE, LESSON_1, SORTING, 99), Error::<Test>::AlreadyRated);
		});
	}

	#[test]
	fn rate_above_the_guide_maximum_is_rejected() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Awarded);
			assert_noop!(rate(ALICE, LESSON_1, SORTING, 6), Error::<Test>::RatingAboveMaximum);
			// The final evaluation allows no feedback points: only a rating of 0.
			advance(FINAL, SORTING, &[ALICE], Stage::Responded);
			assert_ok!(award(LEAD, FINAL, SORTING, &[(ALICE, 10, 5)]));
			assert_noop!(rate(ALICE, FINAL, SORTING, 1), Error::<Test>::RatingAboveMaximum);
			assert_ok!(rate(ALICE, FINAL, SORTING, 0));
		});
	}

	#[test]
	fn rate_checks_the_course_the_institution_and_the_unit() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Awarded);
			assert_noop!(
				Lifecycle::rate(signed(ALICE), 7, LESSON_1, SORTING, 1),
				Error::<Test>::UnknownCourse
			);
			assert_noop!(rate(ALICE, LESSON_1, 2, 1), Error::<Test>::UnknownUnit);
			MockRegistry::suspend(UNIVERSITY);
			assert_noop!(rate(ALICE, LESSON_1, SORTING, 1), Error::<Test>::NotAccredited);
			MockRegistry::accredit(UNIVERSITY);
			assert_ok!(Courses::close_course(signed(LEAD), COURSE));
			assert_noop!(rate(ALICE, LESSON_1, SORTING, 1), Error::<Test>::CourseClosed);
			assert_noop!(
				Lifecycle::rate(RuntimeOrigin::none(), COURSE, LESSON_1, SORTING, 1),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn rate_changes_nothing_when_the_token_cannot_be_minted() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Awarded);
			MockTokens::fail_from(MockTokens::count());
			assert_noop!(
				rate(ALICE, LESSON_1, SORTING, 1),
				DispatchError::Other("mock: no token id left")
			);
		});
	}

	#[test]
	fn the_rated_instructor_keeps_the_token_after_leaving_the_course() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Responded);
			assert_ok!(award(CO, LESSON_1, SORTING, &[(ALICE, 20, 5)]));
			assert_ok!(Courses::remove_co_instructor(signed(LEAD), COURSE, CO));
			assert_ok!(rate(ALICE, LESSON_1, SORTING, 4));
			let token = record(LESSON_1, SORTING, ALICE).instructor_score_token;
			assert_eq!(token.and_then(MockTokens::token).map(|token| token.holder), Some(CO));
		});
	}
}

mod refunds {
	use super::*;

	/// The weight a batch call pays when it fails at `index` (from 0).
	fn failed_at(
		result: DispatchResultWithPostInfo,
		weight: fn(u32) -> Weight,
		weighed: u32,
		error: Error<Test>,
	) {
		let failure = result.expect_err("the call fails");
		assert_eq!(failure.error, error.into());
		assert_eq!(failure.post_info, used(weight(weighed)));
	}

	#[test]
	fn a_batch_that_fails_at_an_index_pays_for_the_learners_up_to_it() {
		with_course(|| {
			let convey_weight = <() as WeightInfo>::convey;
			let batch = [(ALICE, 1), (BOB, 1), (DAVE, 1), (CHARLIE, 1)];
			failed_at(
				convey(LEAD, LESSON_1, SORTING, &batch),
				convey_weight,
				3,
				Error::NotEnrolled { index: 2 },
			);
			failed_at(
				convey(LEAD, LESSON_1, SORTING, &[(DAVE, 1), (ALICE, 1)]),
				convey_weight,
				1,
				Error::NotEnrolled { index: 0 },
			);
			// Less than the weight declared for the four learners: the rest is refunded.
			assert!(convey_weight(3).all_lt(convey_weight(4)));

			advance(LESSON_1, SORTING, &[ALICE, BOB], Stage::Acquired);
			failed_at(
				assess(LEAD, LESSON_1, SORTING, &[ALICE, BOB, CHARLIE]),
				<() as WeightInfo>::assess,
				3,
				Error::OutOfOrderAt { index: 2 },
			);
			assert_ok!(assess(LEAD, LESSON_1, SORTING, &[ALICE, BOB]));
			assert_ok!(respond(ALICE, LESSON_1, SORTING));
			assert_ok!(respond(BOB, LESSON_1, SORTING));
			failed_at(
				award(LEAD, LESSON_1, SORTING, &[(ALICE, 1, 1), (BOB, 1, 11)]),
				<() as WeightInfo>::award,
				2,
				Error::HelpAboveMaximum { index: 1 },
			);
		});
	}

	#[test]
	fn a_batch_that_fails_before_its_learners_pays_the_fixed_part_only() {
		with_course(|| {
			failed_at(
				convey(OTHER, LESSON_1, SORTING, &[(ALICE, 1), (BOB, 1)]),
				<() as WeightInfo>::convey,
				0,
				Error::NotCourseInstructor,
			);
			failed_at(
				assess(LEAD, LESSON_1, 9, &[ALICE, BOB]),
				<() as WeightInfo>::assess,
				0,
				Error::UnknownUnit,
			);
			MockRegistry::suspend(UNIVERSITY);
			failed_at(
				award(LEAD, LESSON_1, SORTING, &[(ALICE, 1, 1)]),
				<() as WeightInfo>::award,
				0,
				Error::NotAccredited,
			);
		});
	}

	#[test]
	fn a_successful_batch_pays_what_it_declared_for_its_learners() {
		with_course(|| {
			let learners = vec![(ALICE, 1), (BOB, 1)];
			let declared = crate::Call::<Test>::convey {
				course: COURSE,
				assessment: LESSON_1,
				unit: SORTING,
				learners: learners.clone(),
			}
			.get_dispatch_info()
			.call_weight;
			let post = convey(LEAD, LESSON_1, SORTING, &learners).expect("conveyed");
			assert_eq!(post.actual_weight, Some(declared));
		});
	}
}

mod guide_versions {
	use super::*;

	#[test]
	fn a_lifecycle_keeps_the_guide_version_in_force_at_convey() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Acquired);
			assert_ok!(Courses::publish_guide(signed(LEAD), COURSE, guide_v2()));
			advance(LESSON_1, SORTING, &[BOB], Stage::Acquired);

			assert_eq!(record(LESSON_1, SORTING, ALICE).guide_version, 1);
			assert_eq!(record(LESSON_1, SORTING, BOB).guide_version, 2);
			assert_eq!(MockTokens::token(0).map(|token| token.guide_version), Some(1));
			assert_eq!(MockTokens::token(1).map(|token| token.guide_version), Some(2));

			assert_ok!(assess(LEAD, LESSON_1, SORTING, &[ALICE, BOB]));
			assert_ok!(respond(ALICE, LESSON_1, SORTING));
			assert_ok!(respond(BOB, LESSON_1, SORTING));

			// Version 1 allows a score of 25, version 2 only 10: each lifecycle is bound by its
			// own, in the same batch.
			assert_noop!(
				error_of(award(LEAD, LESSON_1, SORTING, &[(ALICE, 25, 10), (BOB, 11, 0)])),
				Error::<Test>::ScoreAboveMaximum { index: 1 }
			);
			assert_noop!(
				error_of(award(LEAD, LESSON_1, SORTING, &[(ALICE, 26, 0), (BOB, 10, 4)])),
				Error::<Test>::ScoreAboveMaximum { index: 0 }
			);
			assert_ok!(award(LEAD, LESSON_1, SORTING, &[(ALICE, 25, 10), (BOB, 10, 4)]));
			assert_eq!(MockTokens::token(2).map(|token| token.guide_version), Some(1));
			assert_eq!(MockTokens::token(3).map(|token| token.guide_version), Some(2));

			// The rating too: version 1 allows 5, version 2 only 2.
			assert_ok!(rate(ALICE, LESSON_1, SORTING, 5));
			assert_noop!(rate(BOB, LESSON_1, SORTING, 3), Error::<Test>::RatingAboveMaximum);
			assert_ok!(rate(BOB, LESSON_1, SORTING, 2));
			assert_eq!(MockTokens::token(4).map(|token| token.guide_version), Some(1));
			assert_eq!(MockTokens::token(5).map(|token| token.guide_version), Some(2));
		});
	}

	#[test]
	fn an_assessment_a_later_version_dropped_can_still_be_completed() {
		with_course(|| {
			advance(FINAL, SORTING, &[ALICE], Stage::Conveyed);
			assert_ok!(Courses::publish_guide(signed(LEAD), COURSE, guide_v2()));
			assert_ok!(acquire(ALICE, FINAL, SORTING));
			assert_ok!(assess(LEAD, FINAL, SORTING, &[ALICE]));
			assert_ok!(respond(ALICE, FINAL, SORTING));
			assert_ok!(award(LEAD, FINAL, SORTING, &[(ALICE, 10, 5)]));
			assert_ok!(rate(ALICE, FINAL, SORTING, 0));
			// But nobody new is conveyed it.
			assert_noop!(
				error_of(convey(LEAD, FINAL, SORTING, &[(BOB, 1)])),
				Error::<Test>::UnknownAssessment
			);
		});
	}
}

mod trust {
	use super::*;

	#[test]
	fn no_token_comes_from_a_suspended_institution() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Conveyed);
			MockRegistry::suspend(UNIVERSITY);
			assert_noop!(acquire(ALICE, LESSON_1, SORTING), Error::<Test>::NotAccredited);
			assert_eq!(MockTokens::count(), 0);
			// Reinstated, the lifecycle resumes where it stopped.
			MockRegistry::accredit(UNIVERSITY);
			assert_ok!(acquire(ALICE, LESSON_1, SORTING));
			assert_eq!(MockTokens::count(), 1);
		});
	}

	#[test]
	fn any_instructor_of_the_course_may_take_any_instructor_step() {
		with_course(|| {
			assert_ok!(convey(LEAD, LESSON_1, SORTING, &[(ALICE, 4)]));
			assert_ok!(acquire(ALICE, LESSON_1, SORTING));
			assert_ok!(assess(CO, LESSON_1, SORTING, &[ALICE]));
			assert_ok!(respond(ALICE, LESSON_1, SORTING));
			assert_ok!(award(LEAD, LESSON_1, SORTING, &[(ALICE, 20, 5)]));
			assert_ok!(rate(ALICE, LESSON_1, SORTING, 5));
			let alice = record(LESSON_1, SORTING, ALICE);
			assert_eq!(alice.conveyed.instructor, LEAD);
			assert_eq!(alice.assessed.map(|step| step.instructor), Some(CO));
			assert_eq!(alice.awarded.map(|step| step.instructor), Some(LEAD));
			assert_eq!(MockTokens::token(2).map(|token| token.holder), Some(LEAD));
		});
	}

	#[test]
	fn a_closed_course_stops_every_step_and_keeps_its_lifecycles() {
		with_course(|| {
			advance(LESSON_1, SORTING, &[ALICE], Stage::Awarded);
			advance(LESSON_2, SORTING, &[BOB], Stage::Assessed);
			assert_ok!(Courses::close_course(signed(LEAD), COURSE));
			assert_noop!(rate(ALICE, LESSON_1, SORTING, 1), Error::<Test>::CourseClosed);
			assert_noop!(respond(BOB, LESSON_2, SORTING), Error::<Test>::CourseClosed);
			assert_eq!(stage(LESSON_1, SORTING, ALICE), Some(Stage::Awarded));
		});
	}

	#[test]
	fn instructors_of_another_course_cannot_touch_this_one() {
		with_course(|| {
			// COLLEGE's course, taught by STRANGER, with ALICE enrolled.
			assert_ok!(Courses::create_course(
				signed(STRANGER),
				COLLEGE,
				b"Networks".to_vec(),
				b"11".to_vec(),
				vec![(b"esco:N".to_vec(), vec![])],
				guide(),
				true,
			));
			assert_ok!(Courses::join(signed(ALICE), 1));
			assert_noop!(
				error_of(Lifecycle::convey(signed(LEAD), 1, LESSON_1, 0, vec![(ALICE, 1)])),
				Error::<Test>::NotCourseInstructor
			);
			assert_ok!(Lifecycle::convey(signed(STRANGER), 1, LESSON_1, 0, vec![(ALICE, 1)]));
			assert_noop!(
				error_of(convey(STRANGER, LESSON_1, SORTING, &[(ALICE, 1)])),
				Error::<Test>::NotCourseInstructor
			);
		});
	}
}

mod worked_example {
	use super::*;

	/// DOMAIN.md's worked example, for one learner across the course's three assessments.
	#[test]
	fn the_worked_example_of_the_domain() {
		with_course(|| {
			// Lesson 1: attendance 6 is rejected: the guide is the oracle.
			assert_noop!(
				error_of(convey(LEAD, LESSON_1, SORTING, &[(ALICE, 6)])),
				Error::<Test>::AttendanceAboveMaximum { index: 0 }
			);
			// Attendance 4, score 20, help 5, rating 5.
			let lesson = |assessment: u32,
			              (attendance, score, help, rating): (u32, u32, u32, u32)| {
				run_to(System::block_number() + 1);
				assert_ok!(convey(LEAD, assessment, SORTING, &[(ALICE, attendance)]));
				run_to(System::block_number() + 1);
				assert_ok!(acquire(ALICE, assessment, SORTING));
				assert_ok!(assess(LEAD, assessment, SORTING, &[ALICE]));
				run_to(System::block_number() + 1);
				assert_ok!(respond(ALICE, assessment, SORTING));
				run_to(System::block_number() + 1);
				assert_ok!(award(LEAD, assessment, SORTING, &[(ALICE, score, help)]));
				assert_ok!(rate(ALICE, assessment, SORTING, rating));
			};
			lesson(LESSON_1, (4, 20, 5, 5));
			let kinds = |kind| -> Vec<u32> {
				MockTokens::minted()
					.into_iter()
					.filter(|token| token.kind == kind)
					.map(|token| token.points)
					.collect()
			};
			// After lesson 1: Attendance 4, Score 20 (with Help 5) for the learner,
			// Instructor-score 5 for the instructor.
			assert_eq!(kinds(TokenKind::Attendance), vec![4]);
			assert_eq!(kinds(TokenKind::Score), vec![20]);
			assert_eq!(
				MockTokens::token(1).map(|token| (token.holder, token.help)),
				Some((ALICE, 5))
			);
			assert_eq!(kinds(TokenKind::InstructorScore), vec![5]);
			assert_eq!(MockTokens::token(2).map(|token| token.holder), Some(LEAD));

			lesson(LESSON_2, (5, 25, 10, 4));
			lesson(FINAL, (5, 10, 5, 0));

			let minted = MockTokens::minted();
			let total = |kind| -> u32 {
				minted.iter().filter(|token| token.kind == kind).map(|token| token.points).sum()
			};
			let help: u32 = minted.iter().map(|token| token.help).sum();
			assert_eq!(total(TokenKind::Attendance), 14);
			assert_eq!(total(TokenKind::Score), 55);
			assert_eq!(help, 20);
			assert_eq!(total(TokenKind::Attendance) + total(TokenKind::Score) + help, 89);
			assert_eq!(total(TokenKind::InstructorScore), 9);
			assert!(minted
				.iter()
				.filter(|token| token.kind != TokenKind::InstructorScore)
				.all(|token| token.holder == ALICE));
			assert_eq!(minted.len(), 9);
			for assessment in [LESSON_1, LESSON_2, FINAL] {
				assert_eq!(stage(assessment, SORTING, ALICE), Some(Stage::Awarded));
			}
		});
	}
}

mod class {
	use super::*;

	#[test]
	fn a_class_of_500_goes_through_every_step() {
		with_course(|| {
			let class = enrolled_class(500);
			advance(LESSON_1, GRAPHS, &class, Stage::Awarded);
			for learner in &class {
				assert_ok!(rate(*learner, LESSON_1, GRAPHS, 5));
			}
			// 500 Attendance, 500 Score, 500 Instructor-score tokens.
			assert_eq!(MockTokens::count(), 1500);
			assert_eq!(Lifecycles::<Test>::iter_prefix(key(LESSON_1, GRAPHS)).count(), 500);
		});
	}
}

mod invariants {
	use super::*;
	use frame_support::traits::Hooks;

	/// Runs `corrupt` on a lifecycle taken to `to`, and expects the invariant check to fail.
	fn broken_by(to: Stage, corrupt: impl FnOnce(&mut LifecycleOf<Test>)) {
		ExtBuilder.build().execute_with(|| {
			create_course();
			advance(LESSON_1, SORTING, &[ALICE], to);
			assert_ok!(Lifecycle::do_try_state());
			Lifecycles::<Test>::mutate(key(LESSON_1, SORTING), ALICE, |record| {
				corrupt(record.as_mut().expect("the lifecycle exists"))
			});
			assert!(Lifecycle::do_try_state().is_err());
		});
	}

	#[test]
	fn the_invariant_check_finds_a_stage_without_its_steps() {
		broken_by(Stage::Conveyed, |record| record.stage = Stage::Acquired);
		broken_by(Stage::Awarded, |record| record.assessed = None);
		broken_by(Stage::Assessed, |record| record.responded = Some(1));
		broken_by(Stage::Responded, |record| record.commitment = None);
	}

	#[test]
	fn the_invariant_check_finds_blocks_that_decrease() {
		broken_by(Stage::Acquired, |record| record.conveyed.block = 5);
	}

	#[test]
	fn the_invariant_check_finds_points_above_the_maxima() {
		broken_by(Stage::Conveyed, |record| record.attendance = 6);
		broken_by(Stage::Awarded, |record| record.score = 26);
		broken_by(Stage::Awarded, |record| record.help = 11);
		broken_by(Stage::Responded, |record| record.score = 1);
		broken_by(Stage::Awarded, |record| {
			record.rating = Some(Rating { points: 6, block: 1 });
			record.instructor_score_token = Some(99);
		});
	}

	#[test]
	fn the_invariant_check_finds_missing_or_extra_token_ids() {
		broken_by(Stage::Acquired, |record| record.attendance_token = None);
		broken_by(Stage::Conveyed, |record| record.attendance_token = Some(0));
		broken_by(Stage::Awarded, |record| record.score_token = None);
		broken_by(Stage::Awarded, |record| record.instructor_score_token = Some(7));
		broken_by(Stage::Responded, |record| {
			record.rating = Some(Rating { points: 1, block: 1 });
			record.instructor_score_token = Some(7);
		});
	}

	#[test]
	fn the_invariant_check_finds_a_lifecycle_of_an_unknown_version_unit_or_learner() {
		broken_by(Stage::Conveyed, |record| record.guide_version = 2);
		ExtBuilder.build().execute_with(|| {
			create_course();
			let record = Record::conveyed(LEAD, 1, 1, 1);
			Lifecycles::<Test>::insert(key(LESSON_1, SORTING), DAVE, record.clone());
			assert!(Lifecycle::do_try_state().is_err());
			Lifecycles::<Test>::remove(key(LESSON_1, SORTING), DAVE);
			Lifecycles::<Test>::insert(key(LESSON_1, 5), ALICE, record.clone());
			assert!(Lifecycle::do_try_state().is_err());
			Lifecycles::<Test>::remove(key(LESSON_1, 5), ALICE);
			Lifecycles::<Test>::insert((9, LESSON_1, SORTING), ALICE, record);
			assert!(Lifecycle::do_try_state().is_err());
		});
	}

	#[test]
	fn a_lifecycle_fits_the_size_the_weights_assume() {
		// AccountId32 and u32 block numbers, as weights.rs assumes.
		assert_eq!(crate::types::Lifecycle::<sp_runtime::AccountId32, u32>::max_encoded_len(), 206);
	}

	#[test]
	fn integrity_test_accepts_a_batch_bound_of_65_536() {
		LifecycleMaxBatch::set(65_536);
		<crate::Pallet<Test> as Hooks<u64>>::integrity_test();
	}

	#[test]
	#[should_panic(expected = "MaxBatch must be at most 65 536")]
	fn integrity_test_rejects_a_batch_bound_over_65_536() {
		LifecycleMaxBatch::set(65_537);
		<crate::Pallet<Test> as Hooks<u64>>::integrity_test();
	}

	#[test]
	#[should_panic(expected = "MaxBatch must be at least 1")]
	fn integrity_test_rejects_a_batch_bound_of_0() {
		LifecycleMaxBatch::set(0);
		<crate::Pallet<Test> as Hooks<u64>>::integrity_test();
	}
}

/// A few thousand random calls, by random parties with random (often invalid) arguments,
/// compared after each with a plain model of the lifecycle.
mod randomized {
	use super::*;
	use std::collections::{BTreeMap, BTreeSet};

	/// xorshift64*: small, seeded, good enough to pick calls.
	struct Rng(u64);

	impl Rng {
		fn next(&mut self) -> u64 {
			self.0 ^= self.0 >> 12;
			self.0 ^= self.0 << 25;
			self.0 ^= self.0 >> 27;
			self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
		}

		/// A number in `0..bound`.
		fn below(&mut self, bound: u64) -> u64 {
			self.next() % bound
		}

		fn pick<T: Copy>(&mut self, items: &[T]) -> T {
			items[self.below(items.len() as u64) as usize]
		}

		/// Points around `max`: mostly valid, sometimes one or far above.
		fn points(&mut self, max: u32) -> u32 {
			match self.below(20) {
				0 => max + 1,
				1 => u32::MAX,
				_ => self.below(u64::from(max) + 1) as u32,
			}
		}

		/// The length of a batch: mostly 1, sometimes 2 or 3, rarely 0.
		fn batch_len(&mut self) -> u64 {
			match self.below(20) {
				0 => 0,
				1..=12 => 1,
				13..=17 => 2,
				_ => 3,
			}
		}

		/// An assessment index: mostly the first two, sometimes one a version may lack.
		fn assessment(&mut self) -> u32 {
			match self.below(10) {
				0 => 2 + self.below(3) as u32,
				_ => self.below(2) as u32,
			}
		}

		/// A unit index: mostly one of the course's two, sometimes one it lacks.
		fn unit(&mut self) -> u32 {
			match self.below(10) {
				0 => 2,
				1..=4 => 1,
				_ => 0,
			}
		}

		/// A party for an instructor step: mostly the course's instructors.
		fn instructor(&mut self) -> u64 {
			match self.below(10) {
				0 => OTHER,
				1 => ALICE,
				2..=5 => CO,
				_ => LEAD,
			}
		}
	}

	/// One lifecycle, as the model sees it.
	#[derive(Clone, Debug, PartialEq)]
	struct Entry {
		stage: Stage,
		version: GuideVersion,
		attendance: u32,
		score: u32,
		help: u32,
		rating: Option<u32>,
	}

	/// The whole state, as the model sees it.
	struct Model {
		closed: bool,
		accredited: bool,
		co_teaches: bool,
		/// Each published version's maxima: (attendance, score, help, feedback) per assessment.
		versions: Vec<Vec<(u32, u32, u32, u32)>>,
		/// Per (assessment, unit, learner).
		entries: BTreeMap<(u32, u32, u64), Entry>,
		tokens: u64,
	}

	const LEARNERS: [u64; 4] = [ALICE, BOB, CHARLIE, DAVE];
	const UNITS: u32 = 2;

	fn maxima(guide: &[Assessment]) -> Vec<(u32, u32, u32, u32)> {
		guide
			.iter()
			.map(|a| (a.max_attendance, a.max_score, a.max_help, a.max_instructor_feedback))
			.collect()
	}

	fn guide_v3() -> Vec<Assessment> {
		vec![
			assessment(AssessmentKind::Lesson, 2, 5, 3, 1),
			assessment(AssessmentKind::Lesson, 4, 20, 8, 3),
			assessment(AssessmentKind::FinalEvaluation, 5, 10, 5, 1),
			assessment(AssessmentKind::Task, 1, 50, 0, 2),
		]
	}

	impl Model {
		fn current(&self) -> &Vec<(u32, u32, u32, u32)> {
			self.versions.last().expect("version 1 exists")
		}

		fn limits(&self, version: GuideVersion, assessment: u32) -> (u32, u32, u32, u32) {
			self.versions[version as usize - 1][assessment as usize]
		}

		fn instructor_checks(&self, who: u64) -> Result<(), Error<Test>> {
			if self.closed {
				return Err(Error::CourseClosed);
			}
			if !(who == LEAD || (who == CO && self.co_teaches)) {
				return Err(Error::NotCourseInstructor);
			}
			if !self.accredited {
				return Err(Error::NotAccredited);
			}
			Ok(())
		}

		fn learner_checks(&self, unit: u32) -> Result<(), Error<Test>> {
			if self.closed {
				return Err(Error::CourseClosed);
			}
			if !self.accredited {
				return Err(Error::NotAccredited);
			}
			if unit >= UNITS {
				return Err(Error::UnknownUnit);
			}
			Ok(())
		}

		fn convey(
			&mut self,
			who: u64,
			a: u32,
			u: u32,
			batch: &[(u64, u32)],
		) -> Result<(), Error<Test>> {
			self.instructor_checks(who)?;
			let version = self.versions.len() as u32;
			let Some(&(max_attendance, ..)) = self.current().get(a as usize) else {
				return Err(Error::UnknownAssessment);
			};
			if u >= UNITS {
				return Err(Error::UnknownUnit);
			}
			if batch.is_empty() {
				return Err(Error::NoLearners);
			}
			let mut seen = BTreeSet::new();
			for (index, (learner, attendance)) in batch.iter().enumerate() {
				let index = index as u16;
				if *learner == DAVE {
					return Err(Error::NotEnrolled { index });
				}
				if !seen.insert(*learner) || self.entries.contains_key(&(a, u, *learner)) {
					return Err(Error::AlreadyDoneAt { index });
				}
				if *attendance > max_attendance {
					return Err(Error::AttendanceAboveMaximum { index });
				}
			}
			for (learner, attendance) in batch {
				self.entries.insert(
					(a, u, *learner),
					Entry {
						stage: Stage::Conveyed,
						version,
						attendance: *attendance,
						score: 0,
						help: 0,
						rating: None,
					},
				);
			}
			Ok(())
		}

		/// The batch checks of `assess` and `award` for one learner.
		fn batch_step(
			&self,
			key: (u32, u32, u64),
			index: usize,
			previous: Stage,
			seen: &mut BTreeSet<u64>,
		) -> Result<Entry, Error<Test>> {
			let index = index as u16;
			if key.2 == DAVE {
				return Err(Error::NotEnrolled { index });
			}
			if !seen.insert(key.2) {
				return Err(Error::AlreadyDoneAt { index });
			}
			let entry = self.entries.get(&key).ok_or(Error::OutOfOrderAt { index })?;
			match entry.stage.cmp(&previous) {
				std::cmp::Ordering::Less => Err(Error::OutOfOrderAt { index }),
				std::cmp::Ordering::Greater => Err(Error::AlreadyDoneAt { index }),
				std::cmp::Ordering::Equal => Ok(entry.clone()),
			}
		}

		fn assess(&mut self, who: u64, a: u32, u: u32, batch: &[u64]) -> Result<(), Error<Test>> {
			self.instructor_checks(who)?;
			if u >= UNITS {
				return Err(Error::UnknownUnit);
			}
			if batch.is_empty() {
				return Err(Error::NoLearners);
			}
			let mut seen = BTreeSet::new();
			for (index, learner) in batch.iter().enumerate() {
				self.batch_step((a, u, *learner), index, Stage::Acquired, &mut seen)?;
			}
			for learner in batch {
				self.entries.get_mut(&(a, u, *learner)).expect("checked").stage = Stage::Assessed;
			}
			Ok(())
		}

		fn award(
			&mut self,
			who: u64,
			a: u32,
			u: u32,
			batch: &[(u64, u32, u32)],
		) -> Result<(), Error<Test>> {
			self.instructor_checks(who)?;
			if u >= UNITS {
				return Err(Error::UnknownUnit);
			}
			if batch.is_empty() {
				return Err(Error::NoLearners);
			}
			let mut seen = BTreeSet::new();
			for (index, (learner, score, help)) in batch.iter().enumerate() {
				let entry =
					self.batch_step((a, u, *learner), index, Stage::Responded, &mut seen)?;
				let (_, max_score, max_help, _) = self.limits(entry.version, a);
				if *score > max_score {
					return Err(Error::ScoreAboveMaximum { index: index as u16 });
				}
				if *help > max_help {
					return Err(Error::HelpAboveMaximum { index: index as u16 });
				}
			}
			for (learner, score, help) in batch {
				let entry = self.entries.get_mut(&(a, u, *learner)).expect("checked");
				entry.stage = Stage::Awarded;
				entry.score = *score;
				entry.help = *help;
				self.tokens += 1;
			}
			Ok(())
		}

		/// A learner step from `previous`; `then` checks and applies the rest.
		fn learner_step(
			&mut self,
			who: u64,
			a: u32,
			u: u32,
			previous: Stage,
			then: impl FnOnce(&mut Entry, &Self) -> Result<(), Error<Test>>,
		) -> Result<(), Error<Test>> {
			self.learner_checks(u)?;
			let mut entry = self.entries.get(&(a, u, who)).cloned().ok_or(Error::StepOutOfOrder)?;
			match entry.stage.cmp(&previous) {
				std::cmp::Ordering::Less => return Err(Error::StepOutOfOrder),
				std::cmp::Ordering::Greater => return Err(Error::StepAlreadyDone),
				std::cmp::Ordering::Equal => {},
			}
			then(&mut entry, self)?;
			self.entries.insert((a, u, who), entry);
			Ok(())
		}

		fn acquire(&mut self, who: u64, a: u32, u: u32) -> Result<(), Error<Test>> {
			self.learner_step(who, a, u, Stage::Conveyed, |entry, _| {
				entry.stage = Stage::Acquired;
				Ok(())
			})?;
			self.tokens += 1;
			Ok(())
		}

		fn respond(&mut self, who: u64, a: u32, u: u32) -> Result<(), Error<Test>> {
			self.learner_step(who, a, u, Stage::Assessed, |entry, _| {
				entry.stage = Stage::Responded;
				Ok(())
			})
		}

		fn rate(&mut self, who: u64, a: u32, u: u32, points: u32) -> Result<(), Error<Test>> {
			self.learner_step(who, a, u, Stage::Awarded, |entry, model| {
				if entry.rating.is_some() {
					return Err(Error::AlreadyRated);
				}
				if points > model.limits(entry.version, a).3 {
					return Err(Error::RatingAboveMaximum);
				}
				entry.rating = Some(points);
				Ok(())
			})?;
			self.tokens += 1;
			Ok(())
		}

		/// Compares the pallet's state with the model's.
		fn assert_matches_the_chain(&self) {
			let chain: BTreeMap<(u32, u32, u64), Entry> = Lifecycles::<Test>::iter()
				.map(|((course, a, u), learner, record)| {
					assert_eq!(course, COURSE);
					(
						(a, u, learner),
						Entry {
							stage: record.stage,
							version: record.guide_version,
							attendance: record.attendance,
							score: record.score,
							help: record.help,
							rating: record.rating.map(|rating| rating.points),
						},
					)
				})
				.collect();
			assert_eq!(chain, self.entries);
			assert_eq!(MockTokens::count(), self.tokens);
		}
	}

	fn run(seed: u64, calls: u32) {
		ExtBuilder.build_and_execute(|| {
			create_course();
			let mut rng = Rng(seed);
			let mut model = Model {
				closed: false,
				accredited: true,
				co_teaches: true,
				versions: vec![maxima(&guide())],
				entries: BTreeMap::new(),
				tokens: 0,
			};
			let mut outcomes = BTreeMap::<&str, (u32, u32)>::new();

			for call in 0..calls {
				let a = rng.assessment();
				let u = rng.unit();
				let learner = rng.pick(&LEARNERS);
				// The assessment's attendance, score, help and feedback maxima in the current
				// version, or made-up ones for an assessment not in it.
				let (ma, ms, mh, mf) =
					model.current().get(a as usize).copied().unwrap_or((5, 25, 10, 5));
				System::reset_events();
				let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
				let (name, expected, actual): (&str, Result<(), Error<Test>>, DispatchResult) =
					match rng.below(100) {
						0..=13 => {
							let who = rng.instructor();
							let batch: Vec<_> = (0..rng.batch_len())
								.map(|_| (rng.pick(&LEARNERS), rng.points(ma)))
								.collect();
							let expected = model.convey(who, a, u, &batch);
							("convey", expected, error_of(convey(who, a, u, &batch)).map(|_| ()))
						},
						14..=32 => {
							let who = rng.pick(&[ALICE, BOB, CHARLIE, DAVE, LEAD]);
							("acquire", model.acquire(who, a, u), acquire(who, a, u))
						},
						33..=46 => {
							let who = rng.instructor();
							let batch: Vec<_> =
								(0..rng.batch_len()).map(|_| rng.pick(&LEARNERS)).collect();
							let expected = model.assess(who, a, u, &batch);
							("assess", expected, error_of(assess(who, a, u, &batch)).map(|_| ()))
						},
						47..=60 => {
							let who = rng.pick(&[ALICE, BOB, CHARLIE, DAVE, CO]);
							("respond", model.respond(who, a, u), respond(who, a, u))
						},
						61..=75 => {
							let who = rng.instructor();
							let batch: Vec<_> = (0..rng.batch_len())
								.map(|_| (rng.pick(&LEARNERS), rng.points(ms), rng.points(mh)))
								.collect();
							let expected = model.award(who, a, u, &batch);
							("award", expected, error_of(award(who, a, u, &batch)).map(|_| ()))
						},
						76..=87 => {
							let points = rng.points(mf);
							("rate", model.rate(learner, a, u, points), rate(learner, a, u, points))
						},
						// The institution is suspended now and then, and reinstated soon after.
						88 => {
							model.accredited = false;
							MockRegistry::suspend(UNIVERSITY);
							continue;
						},
						89..=91 => {
							model.accredited = true;
							MockRegistry::accredit(UNIVERSITY);
							continue;
						},
						// The co-instructor leaves the institution now and then, and comes back.
						92 => {
							model.co_teaches = false;
							MockRegistry::remove_instructor(UNIVERSITY, CO);
							continue;
						},
						93..=94 => {
							model.co_teaches = true;
							MockRegistry::add_instructor(UNIVERSITY, CO);
							continue;
						},
						95 => {
							if !model.closed && model.versions.len() < 3 {
								let guide =
									if model.versions.len() == 1 { guide_v2() } else { guide_v3() };
								assert_ok!(Courses::publish_guide(
									signed(LEAD),
									COURSE,
									guide.clone()
								));
								model.versions.push(maxima(&guide));
							}
							continue;
						},
						96 => {
							// Rarely, in the last tenth of the run: the course closes, and every
							// later call fails.
							if call >= calls / 10 * 9 && rng.below(10) == 0 && !model.closed {
								assert_ok!(Courses::close_course(signed(LEAD), COURSE));
								model.closed = true;
							}
							continue;
						},
						_ => {
							run_to(System::block_number() + 1 + rng.below(3));
							continue;
						},
					};

				assert_eq!(
					actual,
					expected.map_err(DispatchError::from),
					"seed {seed}: {name} by the model and the chain differ"
				);
				if actual.is_err() {
					assert_eq!(
						root,
						sp_io::storage::root(sp_runtime::StateVersion::V1),
						"seed {seed}: a failed {name} changed the state"
					);
				}
				model.assert_matches_the_chain();
				Lifecycle::do_try_state().expect("the invariants hold after every call");
				let counts = outcomes.entry(name).or_default();
				if actual.is_ok() {
					counts.0 += 1;
				} else {
					counts.1 += 1;
				}
			}

			// The run exercised every call, both ways.
			for name in ["convey", "acquire", "assess", "respond", "award", "rate"] {
				let (ok, err) = outcomes.get(name).copied().unwrap_or_default();
				assert!(
					ok > 0 && err > 0,
					"seed {seed}: {name} succeeded {ok}, failed {err} times"
				);
			}
		});
	}

	#[test]
	fn random_calls_agree_with_the_model() {
		for seed in [1, 2, 3, 0xC0FFEE, 0x5EED_1234_ABCD] {
			run(seed, 3000);
		}
	}
}

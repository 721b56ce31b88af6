//! Step 1, `convey`: an instructor conveys units of an assessment to a class.

use super::*;

#[test]
fn convey_records_each_unit_for_each_learner_under_the_current_version() {
	class().build_and_execute(|| {
		run_to(3);
		let result = convey(LEAD, 0, &[SEARCHING, SORTING], &[(ALICE, &[2, 3]), (BOB, &[1, 0])]);

		assert_eq!(result.map(|info| info.actual_weight), Ok(Some(convey_weight::<Test>(2, 2))));
		System::assert_last_event(
			Event::Conveyed {
				course: 0,
				assessment: 0,
				instructor: LEAD,
				units: units(&[SEARCHING, SORTING]),
				learners: BoundedVec::truncate_from(vec![ALICE, BOB]),
			}
			.into(),
		);
		let alice = record(ALICE, 0).expect("a record");
		assert_eq!(alice.guide_version, 1);
		// Units are kept in the order of their indices, whatever the call's order.
		assert_eq!(
			alice.units.iter().map(|unit| unit.unit).collect::<Vec<_>>(),
			vec![SORTING, SEARCHING]
		);
		assert_eq!(alice.units[0], UnitRecord::conveyed(SORTING, LEAD, 3, 3));
		assert_eq!(alice.units[1], UnitRecord::conveyed(SEARCHING, LEAD, 3, 2));
		assert_eq!(record(BOB, 0).expect("a record").units[1].attendance, 1);
		assert_eq!(record(CHARLIE, 0), None);
		assert!(alice.ratings.is_empty());
	});
}

#[test]
fn a_class_of_500_gets_a_lessons_two_units_in_one_call() {
	ExtBuilder::default().with_course(0).build_and_execute(|| {
		let class: Vec<u64> = (1_000..1_500).collect();
		for learner in &class {
			seed_enrollment(0, *learner);
		}
		let entries: Vec<(u64, &[u32])> =
			class.iter().map(|learner| (*learner, &[3u32, 2][..])).collect();
		assert_ok!(convey(CO, 0, &[SORTING, SEARCHING], &entries));
		assert!(class
			.iter()
			.all(|learner| record(*learner, 0).is_some_and(|r| r.units.len() == 2)));
	});
}

#[test]
fn later_units_of_an_assessment_join_the_learners_record() {
	class().build_and_execute(|| {
		assert_ok!(convey(LEAD, 0, &[SEARCHING], &[(ALICE, &[2])]));
		run_to(4);
		assert_ok!(convey(CO, 0, &[SORTING], &[(ALICE, &[1])]));
		let alice = record(ALICE, 0).expect("a record");
		assert_eq!(alice.units.len(), 2);
		assert_eq!(alice.units[0].conveyed, InstructorStep { instructor: CO, block: 4 });
	});
}

#[test]
fn attendance_above_a_units_share_is_rejected_naming_learner_and_unit() {
	class().build_and_execute(|| {
		// Lesson 1 gives sorting 3 attendance points and searching 2: 5 in all, the guide's
		// maximum for the lesson. Giving searching 3 would let the lesson give 6.
		assert_noop!(
			error_of(convey(LEAD, 0, &[SORTING, SEARCHING], &[(ALICE, &[3, 2]), (BOB, &[3, 3])])),
			Error::<Test>::AttendanceAboveMaximum { index: 1, unit: short(SEARCHING) }
		);
		assert_noop!(
			error_of(convey(LEAD, 0, &[SORTING], &[(ALICE, &[6])])),
			Error::<Test>::AttendanceAboveMaximum { index: 0, unit: short(SORTING) }
		);
	});
}

#[test]
fn a_unit_the_assessment_does_not_cover_cannot_be_conveyed_in_it() {
	class().build_and_execute(|| {
		// Graphs belongs to lesson 2; hashing to no assessment at all.
		assert_noop!(
			error_of(convey(LEAD, 0, &[SORTING, GRAPHS], &[(ALICE, &[1, 1])])),
			Error::<Test>::UnitNotInAssessment { unit: short(GRAPHS) }
		);
		assert_noop!(
			error_of(convey(LEAD, 2, &[HASHING], &[(ALICE, &[0])])),
			Error::<Test>::UnitNotInAssessment { unit: short(HASHING) }
		);
		assert_noop!(
			error_of(convey(LEAD, 3, &[SORTING], &[(ALICE, &[1])])),
			Error::<Test>::UnknownAssessment
		);
	});
}

#[test]
fn the_units_and_learners_of_a_call_are_checked() {
	class().build_and_execute(|| {
		assert_noop!(error_of(convey(LEAD, 0, &[], &[(ALICE, &[])])), Error::<Test>::NoUnits);
		assert_noop!(
			error_of(convey(LEAD, 0, &[SORTING, SORTING], &[(ALICE, &[1, 1])])),
			Error::<Test>::DuplicateUnit { unit: short(SORTING) }
		);
		assert_noop!(error_of(convey(LEAD, 0, &[SORTING], &[])), Error::<Test>::NoLearners);
		assert_noop!(
			error_of(convey(LEAD, 0, &[SORTING, SEARCHING], &[(ALICE, &[1, 1]), (BOB, &[1])])),
			Error::<Test>::WrongPointCount { index: 1 }
		);
		assert_noop!(
			error_of(convey(LEAD, 0, &[SORTING], &[(ALICE, &[1]), (BOB, &[1]), (ALICE, &[1])])),
			Error::<Test>::DuplicateLearner { index: 2 }
		);
		assert_noop!(
			error_of(convey(LEAD, 0, &[SORTING], &[(ALICE, &[1]), (DAVE, &[1])])),
			Error::<Test>::NotEnrolled { index: 1 }
		);
	});
}

#[test]
fn a_unit_is_conveyed_once() {
	ExtBuilder::default()
		.with_record(BOB, 0, vec![unit_at(SEARCHING, Stage::Awarded, (2, 10, 5))])
		.build_and_execute(|| {
			assert_noop!(
				error_of(convey(
					LEAD,
					0,
					&[SORTING, SEARCHING],
					&[(ALICE, &[1, 1]), (BOB, &[1, 1])]
				)),
				Error::<Test>::AlreadyConveyed { index: 1, unit: short(SEARCHING) }
			);
			// Its other unit may still be conveyed.
			assert_ok!(convey(LEAD, 0, &[SORTING], &[(BOB, &[3])]));
		});
}

#[test]
fn a_learner_follows_the_guide_version_of_their_first_unit_of_the_assessment() {
	class().build_and_execute(|| {
		assert_ok!(convey(LEAD, 0, &[SORTING], &[(ALICE, &[3])]));
		// Version 2 gives lesson 1 to hashing and searching, with other shares.
		let mut second = worked_example_guide();
		second[0].units = BoundedVec::truncate_from(vec![
			pallet_courses::UnitShare {
				unit: SEARCHING,
				max: pallet_courses::LearnerPoints { attendance: 1, score: 1, help: 1 },
			},
			pallet_courses::UnitShare {
				unit: HASHING,
				max: pallet_courses::LearnerPoints { attendance: 4, score: 24, help: 9 },
			},
		]);
		seed_guide(0, 2, second);
		pallet_courses::Courses::<Test>::mutate(0, |course| {
			if let Some(course) = course {
				course.guide_version = 2;
			}
		});

		// Alice stays on version 1: searching at its version-1 share (2), never hashing.
		assert_noop!(
			error_of(convey(LEAD, 0, &[HASHING], &[(ALICE, &[1])])),
			Error::<Test>::UnitNotInLearnersVersion { index: 0, unit: short(HASHING) }
		);
		assert_noop!(
			error_of(convey(LEAD, 0, &[SEARCHING], &[(BOB, &[1]), (ALICE, &[3])])),
			Error::<Test>::AttendanceAboveMaximum { index: 1, unit: short(SEARCHING) }
		);
		assert_ok!(convey(LEAD, 0, &[SEARCHING], &[(ALICE, &[2])]));
		assert_eq!(record(ALICE, 0).map(|record| record.guide_version), Some(1));
		// Bob starts under version 2: searching's share is 1 there.
		assert_noop!(
			error_of(convey(LEAD, 0, &[SEARCHING], &[(BOB, &[2])])),
			Error::<Test>::AttendanceAboveMaximum { index: 0, unit: short(SEARCHING) }
		);
		assert_ok!(convey(LEAD, 0, &[SEARCHING], &[(BOB, &[1])]));
		assert_eq!(record(BOB, 0).map(|record| record.guide_version), Some(2));
	});
}

#[test]
fn a_failed_batch_pays_for_the_learners_up_to_the_offender() {
	class().build_and_execute(|| {
		let failed = convey(
			LEAD,
			0,
			&[SORTING, SEARCHING],
			&[(ALICE, &[1, 1]), (BOB, &[1, 1]), (DAVE, &[1, 1])],
		)
		.expect_err("Dave is not enrolled");
		assert_eq!(failed.error, Error::<Test>::NotEnrolled { index: 2 }.into());
		assert_eq!(failed.post_info.actual_weight, Some(convey_weight::<Test>(3, 2)));
		let early = convey(LEAD, 0, &[], &[(ALICE, &[])]).expect_err("no units");
		assert_eq!(early.post_info.actual_weight, Some(convey_weight::<Test>(0, 0)));
	});
}

#[test]
fn nothing_new_is_conveyed_in_a_closed_course() {
	class().build_and_execute(|| {
		assert_ok!(Courses::close_course(signed(LEAD), 0));
		assert_noop!(
			error_of(convey(LEAD, 0, &[SORTING], &[(ALICE, &[1])])),
			Error::<Test>::CourseClosed
		);
	});
}

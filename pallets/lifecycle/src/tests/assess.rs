//! Step 3, `assess`: an instructor opens the assessment of units for a class.

use super::*;

fn acquired() -> ExtBuilder {
	ExtBuilder::default()
		.with_record(
			ALICE,
			0,
			vec![
				unit_at(SORTING, Stage::Acquired, (3, 0, 0)),
				unit_at(SEARCHING, Stage::Acquired, (2, 0, 0)),
			],
		)
		.with_record(
			BOB,
			0,
			vec![
				unit_at(SORTING, Stage::Acquired, (3, 0, 0)),
				unit_at(SEARCHING, Stage::Conveyed, (2, 0, 0)),
			],
		)
}

#[test]
fn assess_opens_the_assessment_of_each_unit_for_each_learner() {
	acquired().build_and_execute(|| {
		run_to(5);
		let result = assess(CO, 0, &[SORTING], &[ALICE, BOB]);
		assert_eq!(
			result.map(|info| info.actual_weight),
			Ok(Some(crate::assess_weight::<Test>(2, 1)))
		);
		System::assert_last_event(
			Event::Assessed {
				course: 0,
				assessment: 0,
				instructor: CO,
				units: units(&[SORTING]),
				learners: BoundedVec::truncate_from(vec![ALICE, BOB]),
			}
			.into(),
		);
		let alice = record(ALICE, 0).expect("a record");
		assert_eq!(alice.units[0].assessed, Some(InstructorStep { instructor: CO, block: 5 }));
		assert_eq!(alice.units[1].stage(), Stage::Acquired, "only the units of the call");
		assert_eq!(stage(BOB, 0, SORTING), Some(Stage::Assessed));
	});
}

#[test]
fn assess_names_the_learner_and_unit_that_are_not_ready() {
	acquired().build_and_execute(|| {
		assert_noop!(
			error_of(assess(LEAD, 0, &[SORTING, SEARCHING], &[ALICE, BOB])),
			Error::<Test>::NotAcquired { index: 1, unit: short(SEARCHING) }
		);
		assert_noop!(
			error_of(assess(LEAD, 0, &[SORTING], &[ALICE, CHARLIE])),
			Error::<Test>::NotConveyed { index: 1, unit: short(SORTING) }
		);
		assert_noop!(
			error_of(assess(LEAD, 0, &[GRAPHS], &[ALICE])),
			Error::<Test>::NotConveyed { index: 0, unit: short(GRAPHS) }
		);
		assert_noop!(
			error_of(assess(LEAD, 0, &[SORTING], &[ALICE, ALICE])),
			Error::<Test>::DuplicateLearner { index: 1 }
		);
		assert_noop!(error_of(assess(LEAD, 0, &[SORTING], &[])), Error::<Test>::NoLearners);
		assert_noop!(error_of(assess(LEAD, 0, &[], &[ALICE])), Error::<Test>::NoUnits);
		assert_ok!(assess(LEAD, 0, &[SORTING], &[ALICE]));
		assert_noop!(
			error_of(assess(LEAD, 0, &[SORTING], &[BOB, ALICE])),
			Error::<Test>::AlreadyAssessed { index: 1, unit: short(SORTING) }
		);
	});
}

//! Step 4, `respond`: the learner commits to one response for an assessment's units.

use super::*;

fn assessed() -> ExtBuilder {
	ExtBuilder::default().with_record(
		ALICE,
		0,
		vec![
			unit_at(SORTING, Stage::Assessed, (3, 0, 0)),
			unit_at(SEARCHING, Stage::Assessed, (2, 0, 0)),
		],
	)
}

#[test]
fn one_commitment_answers_every_unit_of_the_call() {
	assessed().build_and_execute(|| {
		run_to(6);
		assert_ok!(respond(ALICE, 0, &[SORTING, SEARCHING]));
		let commitment = commitment(ALICE, 0);
		System::assert_last_event(
			Event::Responded {
				course: 0,
				assessment: 0,
				learner: ALICE,
				units: units(&[SORTING, SEARCHING]),
				commitment,
			}
			.into(),
		);
		let record = record(ALICE, 0).expect("a record");
		for unit in &record.units {
			assert_eq!(unit.responded, Some(Response { block: 6, commitment }));
		}
	});
}

#[test]
fn respond_names_the_unit_that_is_not_assessed_or_already_answered() {
	ExtBuilder::default()
		.with_record(
			ALICE,
			0,
			vec![
				unit_at(SORTING, Stage::Assessed, (3, 0, 0)),
				unit_at(SEARCHING, Stage::Acquired, (2, 0, 0)),
			],
		)
		.with_record(BOB, 0, vec![unit_at(SORTING, Stage::Responded, (3, 0, 0))])
		.build_and_execute(|| {
			assert_noop!(
				respond(ALICE, 0, &[SORTING, SEARCHING]),
				Error::<Test>::UnitNotAssessed { unit: short(SEARCHING) }
			);
			assert_noop!(
				respond(BOB, 0, &[SORTING]),
				Error::<Test>::UnitAlreadyResponded { unit: short(SORTING) }
			);
			assert_noop!(
				respond(ALICE, 0, &[TREES]),
				Error::<Test>::UnitNotConveyed { unit: short(TREES) }
			);
			assert_noop!(respond(CHARLIE, 0, &[SORTING]), Error::<Test>::NothingConveyed);
			assert_noop!(respond(ALICE, 0, &[]), Error::<Test>::NoUnits);
		});
}

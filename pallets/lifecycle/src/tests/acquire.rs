//! Step 2, `acquire`: the learner acknowledges a lesson's units in one signed call.

use super::*;

#[test]
fn acquire_mints_an_attendance_token_per_unit_with_the_recorded_points() {
	ExtBuilder::default()
		.with_record(
			ALICE,
			0,
			vec![
				unit_at(SORTING, Stage::Conveyed, (3, 0, 0)),
				unit_at(SEARCHING, Stage::Conveyed, (1, 0, 0)),
			],
		)
		.build_and_execute(|| {
			run_to(4);
			assert_ok!(acquire(ALICE, 0, &[SEARCHING, SORTING]));

			System::assert_last_event(
				Event::Acquired {
					course: 0,
					assessment: 0,
					learner: ALICE,
					units: units(&[SEARCHING, SORTING]),
					first_token: 0,
				}
				.into(),
			);
			// Tokens in the order of the call's units.
			let searching = token(0);
			assert_eq!(
				(searching.kind, searching.unit, searching.points),
				(TokenKind::Attendance, Some(SEARCHING), 1)
			);
			assert_eq!(
				(searching.holder, searching.instructor, searching.issued_at),
				(ALICE, LEAD, 4)
			);
			assert_eq!(searching.skill, skill(SEARCHING));
			assert_eq!(searching.cip_code, b"11.0701".to_vec());
			assert_eq!(searching.institution, UNIVERSITY);
			assert_eq!(token(1).points, 3);
			let record = record(ALICE, 0).expect("a record");
			assert_eq!(record.units[0].acquired, Some(Acquisition { block: 4, token: 1 }));
			assert_eq!(record.units[1].acquired, Some(Acquisition { block: 4, token: 0 }));
			assert_eq!(help_of(ALICE), 0, "attendance mints no Help");
		});
}

#[test]
fn a_learner_may_acknowledge_some_units_now_and_the_rest_later() {
	ExtBuilder::default()
		.with_record(
			ALICE,
			0,
			vec![
				unit_at(SORTING, Stage::Conveyed, (3, 0, 0)),
				unit_at(SEARCHING, Stage::Conveyed, (1, 0, 0)),
			],
		)
		.build_and_execute(|| {
			assert_ok!(acquire(ALICE, 0, &[SORTING]));
			assert_eq!(stage(ALICE, 0, SORTING), Some(Stage::Acquired));
			assert_eq!(stage(ALICE, 0, SEARCHING), Some(Stage::Conveyed));
			assert_ok!(acquire(ALICE, 0, &[SEARCHING]));
		});
}

#[test]
fn acquire_is_all_or_nothing_and_names_the_offending_unit() {
	ExtBuilder::default()
		.with_record(
			ALICE,
			0,
			vec![
				unit_at(SORTING, Stage::Conveyed, (3, 0, 0)),
				unit_at(SEARCHING, Stage::Acquired, (1, 0, 0)),
			],
		)
		.build_and_execute(|| {
			assert_noop!(
				acquire(ALICE, 0, &[SORTING, SEARCHING]),
				Error::<Test>::UnitAlreadyAcquired { unit: short(SEARCHING) }
			);
			assert_noop!(
				acquire(ALICE, 0, &[SORTING, GRAPHS]),
				Error::<Test>::UnitNotConveyed { unit: short(GRAPHS) }
			);
			assert_noop!(acquire(ALICE, 0, &[]), Error::<Test>::NoUnits);
			assert_noop!(
				acquire(ALICE, 0, &[SORTING, SORTING]),
				Error::<Test>::DuplicateUnit { unit: short(SORTING) }
			);
			assert_noop!(acquire(ALICE, 1, &[GRAPHS]), Error::<Test>::NothingConveyed);
			assert_noop!(acquire(BOB, 0, &[SORTING]), Error::<Test>::NothingConveyed);
			assert_eq!(pallet_tokens::NextTokenId::<Test>::get(), 0, "nothing minted");
		});
}

#[test]
fn acquire_is_weighed_per_unit() {
	let call = crate::Call::<Test>::acquire { course: 0, assessment: 0, units: units(&[0, 1, 2]) };
	let info = frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call);
	assert_eq!(info.call_weight, <() as WeightInfo>::acquire(3));
}

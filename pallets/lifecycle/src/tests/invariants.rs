//! `do_try_state` catches every broken invariant of a record.

use super::*;

/// Whether `mutate` breaks an invariant of Alice's lesson-1 record (sorting awarded and rated,
/// searching assessed).
fn broken(mutate: impl FnOnce(&mut RecordOf<Test>)) -> bool {
	let mut broken = false;
	class().build().execute_with(|| {
		advance(&[ALICE], 0, &[SORTING], Stage::Awarded);
		advance(&[ALICE], 0, &[SEARCHING], Stage::Assessed);
		assert_ok!(rate(ALICE, 0, LEAD, 4));
		assert_ok!(Lifecycle::do_try_state());
		let mut record = record(ALICE, 0).expect("a record");
		mutate(&mut record);
		Records::<Test>::insert((0, ALICE, 0), record);
		broken = Lifecycle::do_try_state().is_err();
	});
	broken
}

#[test]
fn try_state_detects_steps_out_of_order() {
	assert!(broken(|record| record.units[1].acquired = None));
	assert!(broken(|record| record.units[0].responded = None));
	assert!(broken(|record| record.units[1].awarded = record.units[0].awarded.clone()));
}

#[test]
fn try_state_detects_decreasing_blocks() {
	assert!(broken(|record| {
		if let Some(assessed) = record.units[1].assessed.as_mut() {
			assessed.block = 0;
		}
	}));
}

#[test]
fn try_state_detects_points_beyond_a_units_share() {
	assert!(broken(|record| record.units[1].attendance = 3));
	assert!(broken(|record| {
		if let Some(award) = record.units[0].awarded.as_mut() {
			award.score = 16;
		}
	}));
}

#[test]
fn try_state_detects_bad_units() {
	assert!(broken(|record| {
		let mut units = record.units.to_vec();
		units.swap(0, 1);
		record.units = BoundedVec::truncate_from(units);
	}));
	assert!(broken(|record| record.units[1].unit = SORTING));
	assert!(broken(|record| record.units[1].unit = GRAPHS));
	assert!(broken(|record| {
		record.units.clear();
		record.ratings.clear();
	}));
}

#[test]
fn try_state_detects_bad_ratings() {
	assert!(broken(|record| record.ratings[0].instructor = CO));
	assert!(broken(|record| {
		let again = record.ratings[0].clone();
		record.ratings.try_push(again).expect("room");
	}));
	assert!(broken(|record| record.ratings[0].points = 6));
}

#[test]
fn try_state_detects_a_record_of_a_stranger_or_an_instructor() {
	class().build().execute_with(|| {
		advance(&[ALICE], 0, &[SORTING], Stage::Conveyed);
		let alices = record(ALICE, 0).expect("a record");
		Records::<Test>::insert((0, DAVE, 0), alices.clone());
		assert!(Lifecycle::do_try_state().is_err());
		Records::<Test>::remove((0, DAVE, 0));
		seed_enrollment(0, CO);
		Records::<Test>::insert((0, CO, 0), alices.clone());
		assert!(Lifecycle::do_try_state().is_err());
		Records::<Test>::remove((0, CO, 0));
		Records::<Test>::insert((0, ALICE, 3), alices);
		assert!(Lifecycle::do_try_state().is_err(), "an assessment not in its guide");
	});
}

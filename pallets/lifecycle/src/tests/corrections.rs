//! Corrections: a revoked Score or Attendance token reopens the step that minted it, keeping
//! the earlier run.

use super::*;

fn revoke(id: TokenId) -> DispatchResult {
	pallet_tokens::Pallet::<Test>::revoke(
		signed(UNIVERSITY),
		id,
		BoundedVec::truncate_from(b"wrong learner".to_vec()),
	)
}

/// Alice through lesson 1's sorting, awarded (tokens: attendance 0, score 1).
fn awarded() -> ExtBuilder {
	class()
}

#[test]
fn a_revoked_score_token_reopens_the_award_and_the_unit_is_awarded_again() {
	awarded().build_and_execute(|| {
		advance(&[ALICE], 0, &[SORTING], Stage::Awarded);
		let before = record(ALICE, 0).expect("a record").units[0].clone();
		assert_eq!(help_of(ALICE), 5);

		assert_ok!(revoke(1));

		System::assert_has_event(
			Event::StepReopened {
				course: 0,
				assessment: 0,
				learner: ALICE,
				unit: SORTING,
				redo: Stage::Awarded,
			}
			.into(),
		);
		assert_eq!(stage(ALICE, 0, SORTING), Some(Stage::Responded));
		assert_eq!(Corrections::<Test>::get((0, ALICE, 0, SORTING)).to_vec(), vec![before]);
		assert!(token(1).revocation.is_some_and(|revocation| revocation.reopened));
		assert_eq!(help_of(ALICE), 0, "its Help was burned");

		assert_ok!(award(LEAD, 0, &[SORTING], &[(ALICE, &[(10, 2)])]));
		assert_eq!(help_of(ALICE), 2);
		let score = token(2);
		assert_eq!((score.kind, score.points), (TokenKind::Score, 10));
		// The history: the revoked token, and the earlier run, stay.
		assert_eq!(token(1).points, 15);
	});
}

#[test]
fn a_revoked_attendance_token_reopens_the_whole_unit_once_no_score_is_live() {
	awarded().build_and_execute(|| {
		advance(&[ALICE], 0, &[SORTING, SEARCHING], Stage::Awarded);
		// Tokens: attendance 0 (sorting), 1 (searching); score 2 (sorting), 3 (searching).
		// The Score token of sorting is live: revoking its Attendance token reopens nothing.
		assert_ok!(revoke(0));
		assert!(token(0).revocation.is_some_and(|revocation| !revocation.reopened));
		assert_eq!(stage(ALICE, 0, SORTING), Some(Stage::Awarded));

		// Revoke the Score token first, then the Attendance token: the unit starts over.
		assert_ok!(revoke(3));
		assert_ok!(revoke(1));
		System::assert_has_event(
			Event::StepReopened {
				course: 0,
				assessment: 0,
				learner: ALICE,
				unit: SEARCHING,
				redo: Stage::Conveyed,
			}
			.into(),
		);
		assert_eq!(stage(ALICE, 0, SEARCHING), None);
		assert_eq!(Corrections::<Test>::get((0, ALICE, 0, SEARCHING)).len(), 2);

		// Conveyed again with the right attendance, the learner acknowledges again.
		assert_ok!(convey(LEAD, 0, &[SEARCHING], &[(ALICE, &[1])]));
		assert_ok!(acquire(ALICE, 0, &[SEARCHING]));
		assert_eq!(token(4).points, 1);
	});
}

#[test]
fn an_instructor_score_token_reopens_nothing() {
	awarded().build_and_execute(|| {
		advance(&[ALICE], 0, &[SORTING], Stage::Awarded);
		assert_ok!(rate(ALICE, 0, LEAD, 5));
		assert_ok!(pallet_tokens::Pallet::<Test>::revoke(
			RuntimeOrigin::root(),
			2,
			BoundedVec::truncate_from(b"abusive".to_vec())
		));
		assert!(token(2).revocation.is_some_and(|revocation| !revocation.reopened));
		assert_noop!(rate(ALICE, 0, LEAD, 5), Error::<Test>::AlreadyRated);
	});
}

#[test]
fn a_unit_is_reopened_at_most_max_corrections_times() {
	awarded().build_and_execute(|| {
		advance(&[ALICE], 0, &[SORTING], Stage::Awarded);
		let mut score = 1;
		for round in 0..MAX_CORRECTIONS {
			assert_ok!(revoke(score));
			assert!(token(score).revocation.is_some_and(|r| r.reopened), "round {round}");
			assert_ok!(award(LEAD, 0, &[SORTING], &[(ALICE, &[(10, 2)])]));
			score = pallet_tokens::NextTokenId::<Test>::get() - 1;
		}
		assert_ok!(revoke(score));
		assert!(token(score).revocation.is_some_and(|r| !r.reopened), "the history is full");
		assert_eq!(stage(ALICE, 0, SORTING), Some(Stage::Awarded));
	});
}

#[test]
fn a_record_whose_last_unit_was_reopened_stays_with_its_history() {
	awarded().build_and_execute(|| {
		advance(&[ALICE], 0, &[SORTING], Stage::Acquired);
		assert_ok!(revoke(0));
		assert!(record(ALICE, 0).is_some_and(|record| record.units.is_empty()));
		assert_eq!(Corrections::<Test>::get((0, ALICE, 0, SORTING)).len(), 1);
		// The revoked token is still listed, marked revoked.
		let listed = Lifecycle::tokens_of(&ALICE, None, 100).items;
		assert_eq!(
			listed
				.iter()
				.map(|view| (view.id, view.revocation.is_some()))
				.collect::<Vec<_>>(),
			vec![(0, true)]
		);
		assert_ok!(convey(LEAD, 0, &[SORTING], &[(ALICE, &[2])]));
	});
}

#[test]
fn a_reopened_units_revoked_token_stays_listed_beside_its_replacement() {
	awarded().build_and_execute(|| {
		advance(&[ALICE], 0, &[SORTING], Stage::Awarded);
		assert_ok!(revoke(1));
		assert_ok!(award(LEAD, 0, &[SORTING], &[(ALICE, &[(10, 2)])]));
		let listed: Vec<_> = Lifecycle::tokens_of(&ALICE, None, 100)
			.items
			.into_iter()
			.map(|view| (view.id, view.kind, view.revocation.is_some()))
			.collect();
		assert_eq!(
			listed,
			vec![
				(0, TokenKind::Attendance, false),
				(1, TokenKind::Score, true),
				(2, TokenKind::Score, false)
			]
		);
		assert_eq!(Lifecycle::tokens_of_course(0, None, 100).items.len(), 3);
		let view = Lifecycle::lifecycle(0, &ALICE, 0).expect("a record");
		assert_eq!(view.units[0].corrections.len(), 1);
	});
}

#[test]
fn a_score_token_revoked_after_its_attendance_token_reopens_the_whole_unit() {
	awarded().build_and_execute(|| {
		advance(&[ALICE], 0, &[SORTING], Stage::Awarded);
		// Attendance 0 is revoked while Score 1 is live: nothing reopens yet.
		assert_ok!(revoke(0));
		assert_eq!(stage(ALICE, 0, SORTING), Some(Stage::Awarded));
		// Revoking the Score token then reopens the whole unit, so that both can be redone.
		assert_ok!(revoke(1));
		System::assert_has_event(
			Event::StepReopened {
				course: 0,
				assessment: 0,
				learner: ALICE,
				unit: SORTING,
				redo: Stage::Conveyed,
			}
			.into(),
		);
		assert_eq!(stage(ALICE, 0, SORTING), None);
		advance(&[ALICE], 0, &[SORTING], Stage::Awarded);
		assert_eq!(
			pallet_tokens::NextTokenId::<Test>::get(),
			4,
			"a new Attendance and Score token"
		);
	});
}

#[test]
fn help_passed_on_before_a_revocation_counts_against_the_re_award() {
	// The attack: the learner passes a unit's Help on, the Score token is revoked (its Help
	// cannot be burned), the unit is re-awarded in full: the unit would have minted its share
	// twice. The Help left with the learner counts against the share.
	awarded().build_and_execute(|| {
		advance(&[ALICE], 0, &[SORTING], Stage::Awarded);
		assert_eq!(help_of(ALICE), 5);
		assert_ok!(pallet_assets::Pallet::<Test>::transfer(signed(ALICE), HELP, BOB, 4));
		assert_ok!(revoke(1));
		assert_eq!(token(1).revocation.map(|r| (r.burned_help, r.unburned_help)), Some((1, 4)));
		assert_eq!(record(ALICE, 0).map(|r| r.carried_help(SORTING)), Some(4));

		// Sorting's Help share is 5: 4 are still out, so at most 1 more.
		assert_noop!(
			error_of(award(LEAD, 0, &[SORTING], &[(ALICE, &[(15, 2)])])),
			Error::<Test>::HelpAboveMaximum { index: 0, unit: short(SORTING) }
		);
		assert_ok!(award(LEAD, 0, &[SORTING], &[(ALICE, &[(15, 1)])]));
		assert_eq!(help_of(ALICE) + help_of(BOB), 5, "never more Help than the share");
	});
}

#[test]
fn a_reopened_unit_is_conveyed_again_in_a_closed_course_but_nothing_else_is() {
	awarded().build_and_execute(|| {
		advance(&[ALICE], 0, &[SORTING], Stage::Acquired);
		assert_ok!(Courses::close_course(signed(UNIVERSITY), 0));
		assert_ok!(revoke(0));
		assert_noop!(
			error_of(convey(LEAD, 0, &[SEARCHING], &[(ALICE, &[1])])),
			Error::<Test>::CourseClosed
		);
		assert_noop!(
			error_of(convey(LEAD, 0, &[SORTING], &[(BOB, &[1])])),
			Error::<Test>::CourseClosed
		);
		assert_ok!(convey(LEAD, 0, &[SORTING], &[(ALICE, &[2])]));
		assert_ok!(acquire(ALICE, 0, &[SORTING]));
	});
}

#[test]
fn a_rating_stays_when_the_award_is_redone_by_another_instructor() {
	awarded().build_and_execute(|| {
		advance(&[ALICE], 0, &[SORTING], Stage::Awarded);
		assert_ok!(rate(ALICE, 0, LEAD, 5));
		assert_ok!(revoke(1));
		assert_ok!(award(CO, 0, &[SORTING], &[(ALICE, &[(10, 2)])]));
		// The lead's rating stays (it judged the lesson as taught); the co-instructor, who
		// awarded now, is rated once too; the lead, who awards no unit now, cannot be rated.
		assert_noop!(rate(ALICE, 0, LEAD, 5), Error::<Test>::NotAwardedBy);
		assert_ok!(rate(ALICE, 0, CO, 3));
		assert_eq!(record(ALICE, 0).map(|r| r.ratings.len()), Some(2));
	});
}

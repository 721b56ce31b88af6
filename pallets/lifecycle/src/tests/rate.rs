//! `rate`: once per assessment and awarding instructor, never per unit.

use super::*;

/// Alice's lesson 1: sorting awarded by `LEAD`, searching by `CO`. Lesson 2's graphs awarded
/// by `LEAD` too. The final evaluation (no feedback) awarded by `LEAD`.
fn awarded() -> ExtBuilder {
	let mut searching = unit_at(SEARCHING, Stage::Awarded, (2, 8, 2));
	if let Some(award) = searching.awarded.as_mut() {
		award.instructor = CO;
	}
	ExtBuilder::default()
		.with_record(ALICE, 0, vec![unit_at(SORTING, Stage::Awarded, (3, 12, 3)), searching])
		.with_record(
			ALICE,
			1,
			vec![
				unit_at(GRAPHS, Stage::Awarded, (3, 12, 3)),
				unit_at(TREES, Stage::Awarded, (2, 8, 2)),
			],
		)
		.with_record(ALICE, 2, vec![unit_at(SORTING, Stage::Awarded, (2, 3, 2))])
		.with_record(BOB, 0, vec![unit_at(SORTING, Stage::Responded, (3, 0, 0))])
}

#[test]
fn a_rating_mints_the_instructor_score_token_to_the_instructor() {
	awarded().build_and_execute(|| {
		run_to(9);
		assert_ok!(rate(ALICE, 0, LEAD, 5));
		System::assert_last_event(
			Event::Rated {
				course: 0,
				assessment: 0,
				learner: ALICE,
				instructor: LEAD,
				points: 5,
				token: 0,
			}
			.into(),
		);
		let view = token(0);
		assert_eq!(
			(view.kind, view.holder, view.learner, view.points),
			(TokenKind::InstructorScore, LEAD, ALICE, 5)
		);
		assert_eq!(view.unit, None, "a rating is of the assessment, not of a unit");
		let record = record(ALICE, 0).expect("a record");
		assert_eq!(
			record.ratings.to_vec(),
			vec![Rating { instructor: LEAD, points: 5, block: 9, token: 0 }]
		);
	});
}

#[test]
fn a_learner_rates_an_instructor_once_per_assessment_however_many_units_they_awarded() {
	awarded().build_and_execute(|| {
		// Lesson 2's two units were both awarded by the lead: one rating, not two.
		assert_ok!(rate(ALICE, 1, LEAD, 5));
		assert_noop!(rate(ALICE, 1, LEAD, 5), Error::<Test>::AlreadyRated);
		// Lesson 1 had two awarding instructors: each is rated once.
		assert_ok!(rate(ALICE, 0, LEAD, 4));
		assert_ok!(rate(ALICE, 0, CO, 2));
		assert_noop!(rate(ALICE, 0, CO, 1), Error::<Test>::AlreadyRated);
		// So an instructor collects at most the lesson's 5 feedback points from a learner.
		let rated_lead: u32 = pallet_tokens::InstructorTokens::<Test>::iter_key_prefix(LEAD)
			.map(|id| token(id).points)
			.sum();
		assert_eq!(rated_lead, 9, "5 for lesson 2, 4 for lesson 1");
	});
}

#[test]
fn a_rating_is_bounded_by_the_assessments_feedback_maximum() {
	awarded().build_and_execute(|| {
		assert_noop!(rate(ALICE, 0, LEAD, 6), Error::<Test>::RatingAboveMaximum);
		// The final evaluation gives no feedback points: nothing to rate, not even 0.
		assert_noop!(rate(ALICE, 2, LEAD, 1), Error::<Test>::NoFeedbackInAssessment);
		assert_noop!(rate(ALICE, 2, LEAD, 0), Error::<Test>::NoFeedbackInAssessment);
	});
}

#[test]
fn only_an_instructor_who_awarded_may_be_rated() {
	awarded().build_and_execute(|| {
		assert_noop!(rate(ALICE, 0, OTHER, 1), Error::<Test>::NotAwardedBy);
		assert_noop!(rate(ALICE, 1, CO, 1), Error::<Test>::NotAwardedBy);
		// Nothing awarded yet to Bob; nothing conveyed to Charlie.
		assert_noop!(rate(BOB, 0, LEAD, 1), Error::<Test>::NotAwardedBy);
		assert_noop!(rate(CHARLIE, 0, LEAD, 1), Error::<Test>::NothingConveyed);
		// Nobody rates themselves: a learner is never an instructor of the course.
		assert_noop!(rate(ALICE, 0, ALICE, 1), Error::<Test>::NotAwardedBy);
	});
}

//! docs/DOMAIN.md's worked example, through the calls, with lessons of two units each: lesson 1
//! covers sorting (3/15/5) and searching (2/10/5), 5/25/10 in all with 5 feedback points.

use super::*;

#[test]
fn after_lesson_1_the_learner_and_instructor_hold_what_domain_says() {
	class().build_and_execute(|| {
		// 4/5 attendance, 20/25 score, 5/10 help, split over the lesson's two units.
		assert_ok!(convey(LEAD, 0, &[SORTING, SEARCHING], &[(ALICE, &[3, 1])]));
		assert_ok!(acquire(ALICE, 0, &[SORTING, SEARCHING]));
		assert_ok!(assess(LEAD, 0, &[SORTING, SEARCHING], &[ALICE]));
		assert_ok!(respond(ALICE, 0, &[SORTING, SEARCHING]));
		assert_ok!(award(LEAD, 0, &[SORTING, SEARCHING], &[(ALICE, &[(12, 3), (8, 2)])]));
		assert_ok!(rate(ALICE, 0, LEAD, 5));

		let profile = Lifecycle::skill_profile(&ALICE, None, 100).profile;
		let totals = profile.by_cip[0].1;
		assert_eq!((totals.attendance, totals.score, totals.help), (4, 20, 5));
		assert_eq!(help_of(ALICE), 5);
		let rated = Lifecycle::tokens_of(&LEAD, None, 100).items;
		assert_eq!(rated.iter().map(|view| view.points).collect::<Vec<_>>(), vec![5]);
		// Two signatures of the learner's for the lesson's steps (acknowledge, respond), and
		// one rating: not one per unit.
		assert_eq!(
			System::events()
				.iter()
				.filter(|record| matches!(
					record.event,
					RuntimeEvent::Lifecycle(
						Event::Acquired { .. } | Event::Responded { .. } | Event::Rated { .. }
					)
				))
				.count(),
			3
		);
	});
}

#[test]
fn six_attendance_points_in_lesson_1_are_rejected_however_they_are_split() {
	class().build_and_execute(|| {
		for split in [[3u32, 3], [4, 2], [6, 0]] {
			assert!(
				convey(LEAD, 0, &[SORTING, SEARCHING], &[(ALICE, &split)]).is_err(),
				"{split:?} is accepted"
			);
		}
		assert_ok!(convey(LEAD, 0, &[SORTING, SEARCHING], &[(ALICE, &[3, 2])]));
	});
}

#[test]
fn the_whole_course_never_gives_more_than_the_guides_100_points() {
	class().build_and_execute(|| {
		advance(&[ALICE], 0, &[SORTING, SEARCHING], Stage::Awarded);
		advance(&[ALICE], 1, &[GRAPHS, TREES], Stage::Awarded);
		advance(&[ALICE], 2, &[SORTING, SEARCHING, GRAPHS, TREES], Stage::Awarded);
		let totals = Lifecycle::skill_profile(&ALICE, None, 100).profile.by_cip[0].1;
		assert_eq!(totals.attendance + totals.score + totals.help, 100);
		assert_eq!(help_of(ALICE), 25);
	});
}

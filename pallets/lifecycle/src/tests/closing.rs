//! What a closed course still allows: what was conveyed before the close can be finished, so
//! closing never strands what a learner already earned; nothing new is conveyed.

use super::*;

#[test]
fn units_conveyed_before_the_close_are_finished_after_it() {
	class().build_and_execute(|| {
		assert_ok!(convey(LEAD, 0, &[SORTING, SEARCHING], &[(ALICE, &[3, 1])]));
		assert_ok!(Courses::close_course(signed(UNIVERSITY), 0));

		assert_ok!(acquire(ALICE, 0, &[SORTING, SEARCHING]));
		assert_ok!(assess(CO, 0, &[SORTING, SEARCHING], &[ALICE]));
		assert_ok!(respond(ALICE, 0, &[SORTING, SEARCHING]));
		assert_ok!(award(LEAD, 0, &[SORTING, SEARCHING], &[(ALICE, &[(12, 3), (8, 2)])]));
		assert_ok!(rate(ALICE, 0, LEAD, 5));

		assert_eq!(help_of(ALICE), 5);
		assert_eq!(pallet_tokens::NextTokenId::<Test>::get(), 5, "2 attendance, 2 score, 1 rating");
		// Nothing new: Bob was never conveyed anything, and now cannot be.
		assert_noop!(
			error_of(convey(LEAD, 1, &[GRAPHS], &[(BOB, &[1])])),
			Error::<Test>::CourseClosed
		);
	});
}

#[test]
fn a_removed_lead_leaves_the_rest_to_the_institution_and_its_other_instructors() {
	class().build_and_execute(|| {
		advance(&[ALICE], 0, &[SORTING], Stage::Responded);
		MockRegistry::remove_instructor(UNIVERSITY, LEAD);
		assert_noop!(
			error_of(award(LEAD, 0, &[SORTING], &[(ALICE, &[(1, 1)])])),
			Error::<Test>::NotInstitutionInstructor
		);
		// The co-instructor finishes; or the institution hands the course to a new lead.
		assert_ok!(award(CO, 0, &[SORTING], &[(ALICE, &[(15, 5)])]));
		assert_ok!(Courses::set_lead(signed(UNIVERSITY), 0, OTHER));
		assert_ok!(convey(OTHER, 1, &[GRAPHS], &[(BOB, &[1])]));
	});
}

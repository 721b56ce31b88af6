//! The checks every instructor action shares, as one table: each action is refused for an
//! unknown course, a closed course, a caller without the role, an instructor the institution
//! removed, and an institution that is not accredited; and it needs a signed origin. Also the
//! attack a review found: a lead whom the institution removed emptying or freezing the course.

use super::*;

/// An instructor action on course 0 by `who`.
type Action = fn(RuntimeOrigin, CourseId) -> Result<(), DispatchError>;

fn actions() -> Vec<(&'static str, Action, Error<Test>)> {
	vec![
		(
			"publish_guide",
			|origin, id| Courses::publish_guide(origin, id, worked_example_guide()),
			Error::<Test>::NotCourseInstructor,
		),
		(
			"add_co_instructor",
			|origin, id| Courses::add_co_instructor(origin, id, CO3),
			Error::<Test>::NotLead,
		),
		(
			"remove_co_instructor",
			|origin, id| Courses::remove_co_instructor(origin, id, CO2),
			Error::<Test>::NotLead,
		),
		(
			"invite",
			|origin, id| {
				Courses::invite(origin, id, learners(&[ALICE])).map(|_| ()).map_err(|e| e.error)
			},
			Error::<Test>::NotCourseInstructor,
		),
	]
}

/// Course 0 with `CO2` as co-instructor, acted on by `LEAD`.
fn setup() {
	edit(0, |record| record.co_instructors = BoundedVec::truncate_from(vec![CO2]));
}

#[test]
fn every_instructor_action_checks_course_role_registry_and_accreditation() {
	for (name, action, role_error) in actions() {
		ExtBuilder::default().with_course(0, false).build_and_execute(|| {
			setup();
			assert_eq!(action(signed(LEAD), 9), Err(Error::<Test>::UnknownCourse.into()), "{name}");
			assert_eq!(action(signed(STRANGER), 0), Err(role_error.into()), "{name}");
			assert_eq!(action(RuntimeOrigin::none(), 0), Err(DispatchError::BadOrigin), "{name}");

			MockRegistry::suspend(UNIVERSITY);
			assert_eq!(action(signed(LEAD), 0), Err(Error::<Test>::NotAccredited.into()), "{name}");
			MockRegistry::accredit(UNIVERSITY);

			MockRegistry::remove_instructor(UNIVERSITY, LEAD);
			assert_eq!(
				action(signed(LEAD), 0),
				Err(Error::<Test>::NotInstitutionInstructor.into()),
				"{name}"
			);
			MockRegistry::add_instructor(UNIVERSITY, LEAD);

			edit(0, |record| record.status = CourseStatus::Closed);
			assert_eq!(action(signed(LEAD), 0), Err(Error::<Test>::CourseClosed.into()), "{name}");
			edit(0, |record| record.status = CourseStatus::Open);

			assert_eq!(action(signed(LEAD), 0), Ok(()), "{name} succeeds for the acting lead");
		});
	}
}

#[test]
fn a_removed_lead_can_neither_strip_nor_close_nor_flood_the_course() {
	// The attack: the institution removes its lead; the lead then removes every co-instructor,
	// closes the course (freezing every learner's pending steps) or publishes versions until
	// `MaxGuideVersions` is exhausted. All of it now fails, and the institution takes over.
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_ok!(Courses::add_co_instructor(signed(LEAD), 0, CO));
		MockRegistry::remove_instructor(UNIVERSITY, LEAD);

		assert_noop!(
			Courses::remove_co_instructor(signed(LEAD), 0, CO),
			Error::<Test>::NotInstitutionInstructor
		);
		assert_noop!(
			Courses::close_course(signed(LEAD), 0),
			Error::<Test>::NotInstitutionInstructor
		);
		assert_noop!(
			Courses::publish_guide(signed(LEAD), 0, worked_example_guide()),
			Error::<Test>::NotInstitutionInstructor
		);

		assert_ok!(Courses::set_lead(signed(UNIVERSITY), 0, CO));
		assert_ok!(Courses::publish_guide(signed(CO), 0, worked_example_guide()));
	});
}

#[test]
fn an_instructor_of_a_suspended_institution_cannot_close_its_course() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		MockRegistry::suspend(UNIVERSITY);
		assert_noop!(Courses::close_course(signed(LEAD), 0), Error::<Test>::NotAccredited);
	});
}

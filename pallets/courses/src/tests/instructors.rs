//! Co-instructors and the lead: `add_co_instructor`, `remove_co_instructor`, `set_lead`.

use super::*;

#[test]
fn add_co_instructor_records_the_instructor() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_ok!(Courses::add_co_instructor(signed(LEAD), 0, CO));
		System::assert_last_event(Event::CoInstructorAdded { course: 0, instructor: CO }.into());
		assert_eq!(course(0).co_instructors.to_vec(), vec![CO]);
		assert!(course(0).is_instructor(&CO));
	});
}

#[test]
fn only_the_lead_adds_or_removes_co_instructors() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_ok!(Courses::add_co_instructor(signed(LEAD), 0, CO));
		assert_noop!(Courses::add_co_instructor(signed(CO), 0, CO2), Error::<Test>::NotLead);
		assert_noop!(Courses::remove_co_instructor(signed(CO), 0, CO), Error::<Test>::NotLead);
		assert_noop!(
			Courses::add_co_instructor(signed(UNIVERSITY), 0, CO2),
			Error::<Test>::NotLead
		);
	});
}

#[test]
fn add_co_instructor_of_another_institution_is_rejected() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_noop!(
			Courses::add_co_instructor(signed(LEAD), 0, STRANGER),
			Error::<Test>::NotAnInstructorOfInstitution
		);
		assert_noop!(
			Courses::add_co_instructor(signed(LEAD), 0, ALICE),
			Error::<Test>::NotAnInstructorOfInstitution
		);
	});
}

#[test]
fn add_co_instructor_twice_or_the_lead_is_rejected() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_ok!(Courses::add_co_instructor(signed(LEAD), 0, CO));
		assert_noop!(
			Courses::add_co_instructor(signed(LEAD), 0, CO),
			Error::<Test>::AlreadyInstructor
		);
		assert_noop!(
			Courses::add_co_instructor(signed(LEAD), 0, LEAD),
			Error::<Test>::AlreadyInstructor
		);
	});
}

#[test]
fn a_learner_of_the_course_cannot_become_its_co_instructor() {
	// Self-dealing: an instructor of a course is never a learner in it, in either order.
	ExtBuilder::default()
		.with_course(0, false)
		.with_enrollment(0, CO, EnrollmentStatus::Invited)
		.build_and_execute(|| {
			assert_noop!(
				Courses::add_co_instructor(signed(LEAD), 0, CO),
				Error::<Test>::LearnerCannotInstruct
			);
		});
}

#[test]
fn add_co_instructor_beyond_the_bound_is_rejected() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_ok!(Courses::add_co_instructor(signed(LEAD), 0, CO));
		assert_ok!(Courses::add_co_instructor(signed(LEAD), 0, CO2));
		assert_noop!(
			Courses::add_co_instructor(signed(LEAD), 0, CO3),
			Error::<Test>::TooManyCoInstructors
		);
	});
}

#[test]
fn remove_co_instructor_removes_the_instructor() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_ok!(Courses::add_co_instructor(signed(LEAD), 0, CO));
		assert_ok!(Courses::add_co_instructor(signed(LEAD), 0, CO2));
		assert_ok!(Courses::remove_co_instructor(signed(LEAD), 0, CO));
		System::assert_last_event(Event::CoInstructorRemoved { course: 0, instructor: CO }.into());
		assert_eq!(course(0).co_instructors.to_vec(), vec![CO2]);
	});
}

#[test]
fn remove_co_instructor_who_is_not_one_is_rejected() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_noop!(
			Courses::remove_co_instructor(signed(LEAD), 0, CO),
			Error::<Test>::NotCoInstructor
		);
		assert_noop!(
			Courses::remove_co_instructor(signed(LEAD), 0, LEAD),
			Error::<Test>::NotCoInstructor
		);
	});
}

#[test]
fn the_institution_hands_its_course_to_a_new_lead() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_ok!(Courses::add_co_instructor(signed(LEAD), 0, CO));
		MockRegistry::remove_instructor(UNIVERSITY, LEAD);

		assert_ok!(Courses::set_lead(signed(UNIVERSITY), 0, CO));
		System::assert_last_event(
			Event::LeadChanged { course: 0, previous: LEAD, lead: CO }.into(),
		);
		let record = course(0);
		assert_eq!(record.lead, CO);
		assert!(record.co_instructors.is_empty(), "the new lead is no longer a co-instructor");
		assert!(!record.is_instructor(&LEAD), "the previous lead keeps no role");
		// The new lead acts: adds a co-instructor.
		assert_ok!(Courses::add_co_instructor(signed(CO), 0, CO2));
	});
}

#[test]
fn set_lead_is_the_institutions_alone() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		for who in [LEAD, CO, COLLEGE, ALICE] {
			assert_noop!(Courses::set_lead(signed(who), 0, CO), Error::<Test>::NotInstitution);
		}
		assert_noop!(Courses::set_lead(signed(UNIVERSITY), 7, CO), Error::<Test>::UnknownCourse);
	});
}

#[test]
fn set_lead_checks_the_new_lead() {
	ExtBuilder::default()
		.with_course(0, false)
		.with_enrollment(0, CO2, EnrollmentStatus::Enrolled)
		.build_and_execute(|| {
			assert_noop!(
				Courses::set_lead(signed(UNIVERSITY), 0, LEAD),
				Error::<Test>::AlreadyLead
			);
			assert_noop!(
				Courses::set_lead(signed(UNIVERSITY), 0, STRANGER),
				Error::<Test>::NotAnInstructorOfInstitution
			);
			MockRegistry::add_instructor(UNIVERSITY, CO2);
			assert_noop!(
				Courses::set_lead(signed(UNIVERSITY), 0, CO2),
				Error::<Test>::LearnerCannotInstruct
			);
		});
}

#[test]
fn a_suspended_institution_cannot_hand_over_its_courses() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		MockRegistry::suspend(UNIVERSITY);
		assert_noop!(Courses::set_lead(signed(UNIVERSITY), 0, CO), Error::<Test>::NotAccredited);
	});
}

#[test]
fn a_closed_course_can_still_be_handed_to_a_new_lead_to_finish_it() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		edit(0, |record| record.status = CourseStatus::Closed);
		assert_ok!(Courses::set_lead(signed(UNIVERSITY), 0, CO));
		assert_eq!(course(0).lead, CO);
	});
}

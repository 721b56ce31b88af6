//! `close_course`: by the lead or the institution; what a closed course still allows.

use super::*;

#[test]
fn the_lead_closes_a_course_and_its_records_stay() {
	ExtBuilder::default()
		.with_course(0, false)
		.with_enrollment(0, ALICE, EnrollmentStatus::Enrolled)
		.build_and_execute(|| {
			assert_ok!(Courses::close_course(signed(LEAD), 0));
			System::assert_last_event(Event::CourseClosed { course: 0, by: LEAD }.into());
			assert!(course(0).is_closed());
			assert_eq!(Courses::guide(0, 1), Some(worked_example_guide().into_inner()));
			assert_eq!(status(0, ALICE), Some(EnrollmentStatus::Enrolled));
		});
}

#[test]
fn the_institution_closes_its_course_even_while_suspended() {
	ExtBuilder::default()
		.with_course(0, false)
		.with_course(1, false)
		.build_and_execute(|| {
			assert_ok!(Courses::close_course(signed(UNIVERSITY), 0));
			System::assert_last_event(Event::CourseClosed { course: 0, by: UNIVERSITY }.into());
			MockRegistry::suspend(UNIVERSITY);
			assert_ok!(Courses::close_course(signed(UNIVERSITY), 1));
		});
}

#[test]
fn close_course_by_a_co_instructor_or_a_stranger_is_rejected() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		edit(0, |record| record.co_instructors = BoundedVec::truncate_from(vec![CO]));
		for who in [CO, STRANGER, COLLEGE, ALICE] {
			assert_noop!(
				Courses::close_course(signed(who), 0),
				Error::<Test>::NotLeadOrInstitution
			);
		}
	});
}

#[test]
fn close_course_twice_or_of_an_unknown_course_is_rejected() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_ok!(Courses::close_course(signed(LEAD), 0));
		assert_noop!(Courses::close_course(signed(LEAD), 0), Error::<Test>::CourseClosed);
		assert_noop!(Courses::close_course(signed(UNIVERSITY), 0), Error::<Test>::CourseClosed);
		assert_noop!(Courses::close_course(signed(LEAD), 4), Error::<Test>::UnknownCourse);
	});
}

#[test]
fn a_closed_course_takes_no_new_guide_instructor_or_learner() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_ok!(Courses::add_co_instructor(signed(LEAD), 0, CO));
		assert_ok!(Courses::close_course(signed(LEAD), 0));
		assert_noop!(
			Courses::publish_guide(signed(LEAD), 0, worked_example_guide()),
			Error::<Test>::CourseClosed
		);
		assert_noop!(Courses::add_co_instructor(signed(LEAD), 0, CO2), Error::<Test>::CourseClosed);
		assert_noop!(
			Courses::remove_co_instructor(signed(LEAD), 0, CO),
			Error::<Test>::CourseClosed
		);
		assert_noop!(invite(signed(LEAD), 0, learners(&[ALICE])), Error::<Test>::CourseClosed);
		// The lifecycle pallet reads that it is closed, and lets conveyed units be finished.
		assert!(<Courses as CourseInspect<u64>>::facts(0, &LEAD).is_some_and(|facts| facts.closed));
	});
}

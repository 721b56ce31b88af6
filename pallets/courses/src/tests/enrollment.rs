//! The learner's side of enrollment: `accept_invitation` and `join`.

use super::*;

#[test]
fn accept_invitation_enrolls_the_learner() {
	ExtBuilder::default()
		.with_course(0, false)
		.with_enrollment(0, ALICE, EnrollmentStatus::Invited)
		.build_and_execute(|| {
			assert_ok!(Courses::accept_invitation(signed(ALICE), 0));
			System::assert_last_event(
				Event::InvitationAccepted { course: 0, learner: ALICE }.into(),
			);
			assert_eq!(status(0, ALICE), Some(EnrollmentStatus::Enrolled));
			assert!(<Courses as CourseInspect<u64>>::is_enrolled(0, &ALICE));
		});
}

#[test]
fn accept_invitation_without_one_or_twice_is_rejected() {
	ExtBuilder::default()
		.with_course(0, false)
		.with_enrollment(0, BOB, EnrollmentStatus::Enrolled)
		.build_and_execute(|| {
			assert_noop!(Courses::accept_invitation(signed(ALICE), 0), Error::<Test>::NotInvited);
			assert_noop!(
				Courses::accept_invitation(signed(BOB), 0),
				Error::<Test>::AlreadyEnrolled
			);
			assert_noop!(
				Courses::accept_invitation(signed(ALICE), 9),
				Error::<Test>::UnknownCourse
			);
		});
}

#[test]
fn join_enrolls_the_learner_in_a_course_with_open_enrollment() {
	ExtBuilder::default().with_course(0, true).build_and_execute(|| {
		assert_ok!(Courses::join(signed(BOB), 0));
		System::assert_last_event(Event::LearnerJoined { course: 0, learner: BOB }.into());
		assert_eq!(status(0, BOB), Some(EnrollmentStatus::Enrolled));
		assert_eq!(System::sufficients(&BOB), 1);
	});
}

#[test]
fn join_consumes_an_invitation_and_references_the_account_once() {
	ExtBuilder::default()
		.with_course(0, true)
		.with_enrollment(0, CHARLIE, EnrollmentStatus::Invited)
		.build_and_execute(|| {
			assert_ok!(Courses::join(signed(CHARLIE), 0));
			assert_eq!(status(0, CHARLIE), Some(EnrollmentStatus::Enrolled));
			assert_eq!(System::sufficients(&CHARLIE), 1);
		});
}

#[test]
fn join_is_rejected_without_open_enrollment_twice_or_for_an_instructor() {
	ExtBuilder::default()
		.with_course(0, false)
		.with_course(1, true)
		.with_enrollment(1, BOB, EnrollmentStatus::Enrolled)
		.build_and_execute(|| {
			assert_noop!(Courses::join(signed(ALICE), 0), Error::<Test>::NotOpenForEnrollment);
			assert_noop!(Courses::join(signed(BOB), 1), Error::<Test>::AlreadyEnrolled);
			assert_noop!(
				Courses::join(signed(LEAD), 1),
				Error::<Test>::InstructorCannotEnroll { index: 0 }
			);
			assert_noop!(Courses::join(signed(ALICE), 9), Error::<Test>::UnknownCourse);
		});
}

#[test]
fn enrollment_needs_a_signed_origin() {
	ExtBuilder::default().with_course(0, true).build_and_execute(|| {
		assert_noop!(Courses::join(RuntimeOrigin::none(), 0), DispatchError::BadOrigin);
		assert_noop!(
			Courses::accept_invitation(RuntimeOrigin::root(), 0),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn nobody_enrolls_in_a_closed_course() {
	ExtBuilder::default()
		.with_course(0, true)
		.with_enrollment(0, ALICE, EnrollmentStatus::Invited)
		.build_and_execute(|| {
			edit(0, |record| record.status = CourseStatus::Closed);
			assert_noop!(Courses::accept_invitation(signed(ALICE), 0), Error::<Test>::CourseClosed);
			assert_noop!(Courses::join(signed(BOB), 0), Error::<Test>::CourseClosed);
		});
}

#[test]
fn enrollments_of_a_learner_are_listed_page_by_page() {
	ExtBuilder::default()
		.with_course(0, false)
		.with_course(1, true)
		.with_course(2, false)
		.with_enrollment(0, ALICE, EnrollmentStatus::Invited)
		.with_enrollment(1, ALICE, EnrollmentStatus::Enrolled)
		.with_enrollment(2, ALICE, EnrollmentStatus::Enrolled)
		.with_enrollment(2, BOB, EnrollmentStatus::Enrolled)
		.build_and_execute(|| {
			let mut seen = Vec::new();
			let mut cursor = None;
			loop {
				let page = Courses::enrollments_of(&ALICE, cursor, 2);
				assert!(page.items.len() <= 2);
				seen.extend(page.items.into_iter().map(|view| (view.course, view.status)));
				match page.next {
					Some(next) => cursor = Some(next),
					None => break,
				}
			}
			seen.sort_by_key(|(course, _)| *course);
			assert_eq!(
				seen,
				vec![
					(0, EnrollmentStatus::Invited),
					(1, EnrollmentStatus::Enrolled),
					(2, EnrollmentStatus::Enrolled)
				]
			);
			let first = Courses::enrollments_of(&BOB, None, 10);
			assert_eq!(first.items.len(), 1);
			assert_eq!(first.items[0].institution, UNIVERSITY);
			assert_eq!(first.items[0].title, b"Algorithms".to_vec());
			assert_eq!(first.next, None);
			// A limit of 0 still returns a page (of one), and more than MAX_PAGE is capped.
			assert_eq!(Courses::enrollments_of(&ALICE, None, 0).items.len(), 1);
		});
}

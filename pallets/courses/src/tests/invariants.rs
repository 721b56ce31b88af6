//! `do_try_state` catches every broken invariant.

use super::*;

/// Whether `mutate` breaks an invariant of a course with a co-instructor, two guide versions
/// and an invited learner.
fn broken(mutate: impl FnOnce()) -> bool {
	let mut broken = false;
	ExtBuilder::default()
		.with_course(0, false)
		.with_enrollment(0, ALICE, EnrollmentStatus::Invited)
		.build()
		.execute_with(|| {
			assert_ok!(Courses::add_co_instructor(signed(LEAD), 0, CO));
			assert_ok!(Courses::publish_guide(signed(LEAD), 0, worked_example_guide()));
			assert_ok!(Courses::do_try_state());
			mutate();
			broken = Courses::do_try_state().is_err();
		});
	broken
}

#[test]
fn try_state_detects_a_missing_or_unpublished_version() {
	assert!(broken(|| Guides::<Test>::remove(0, 1)));
	assert!(broken(|| edit(0, |record| record.guide_version = 3)));
	assert!(broken(|| edit(0, |record| record.guide_version = 0)));
	assert!(broken(|| edit(0, |record| record.guide_version = 1)));
}

#[test]
fn try_state_detects_a_broken_guide() {
	// An assessment missing, one too many, or one that breaks the rules.
	assert!(broken(|| Assessments::<Test>::remove((0, 2, 1))));
	assert!(broken(|| Assessments::<Test>::insert((0, 2, 3), worked_example_guide()[0].clone())));
	assert!(broken(|| Assessments::<Test>::insert(
		(0, 2, 0),
		assessment(AssessmentKind::Task, vec![share(0, 999, 0, 0)], 0)
	)));
	assert!(broken(|| Assessments::<Test>::insert(
		(0, 2, 0),
		assessment(AssessmentKind::Task, vec![], 0)
	)));
	// A summary that is not the sum of its assessments.
	assert!(broken(|| Guides::<Test>::mutate(0, 2, |summary| {
		if let Some(summary) = summary {
			summary.learner_totals.score += 1;
		}
	})));
}

#[test]
fn try_state_detects_bad_units() {
	assert!(broken(|| Units::<Test>::remove(0, 4)));
	assert!(broken(|| Units::<Test>::insert(0, 5, units()[0].clone())));
	assert!(broken(|| Units::<Test>::mutate(0, 1, |unit| {
		if let Some(unit) = unit {
			unit.skill = BoundedVec::new();
		}
	})));
}

#[test]
fn try_state_detects_bad_instructors() {
	assert!(broken(|| edit(0, |record| {
		record.co_instructors = BoundedVec::truncate_from(vec![LEAD]);
	})));
	assert!(broken(|| edit(0, |record| {
		record.co_instructors = BoundedVec::truncate_from(vec![CO, CO]);
	})));
	assert!(broken(|| Enrollments::<Test>::insert(CO, 0, EnrollmentStatus::Enrolled)));
}

#[test]
fn try_state_detects_a_bad_course_id_or_orphans() {
	assert!(broken(|| NextCourseId::<Test>::put(0)));
	assert!(broken(|| Enrollments::<Test>::insert(BOB, 5, EnrollmentStatus::Invited)));
	assert!(broken(|| crate::Courses::<Test>::remove(0)));
}

#[test]
fn try_state_detects_an_unreferenced_enrollment() {
	assert!(broken(|| {
		System::dec_sufficients(&ALICE);
	}));
}

//! `publish_guide` and the rules every guide follows (also for `create_course`).

use super::*;

fn task(units: Vec<UnitShare>, feedback: u32) -> AssessmentOf<Test> {
	assessment(AssessmentKind::Task, units, feedback)
}

fn publish(guide_: Vec<AssessmentOf<Test>>) -> Result<(), DispatchError> {
	Courses::publish_guide(signed(LEAD), 0, guide(guide_))
}

#[test]
fn publish_guide_adds_a_version_and_keeps_the_earlier_ones() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		System::set_block_number(5);
		let second = vec![task(vec![share(4, 0, 100, 0)], 10)];
		assert_ok!(publish(second.clone()));

		System::assert_last_event(Event::GuideVersionPublished { course: 0, version: 2 }.into());
		assert_eq!(course(0).guide_version, 2);
		assert_eq!(Courses::guide(0, 2), Some(second));
		assert_eq!(Courses::guide(0, 1), Some(worked_example_guide().into_inner()));
		assert_eq!(Guides::<Test>::get(0, 2).map(|summary| summary.published_at), Some(5));
		assert_eq!(Courses::guide(0, 3), None);
	});
}

#[test]
fn published_versions_are_immutable() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		let before = Courses::guide(0, 1);
		assert_ok!(publish(vec![task(vec![share(0, 1, 1, 1)], 1)]));
		assert_ok!(publish(vec![task(vec![share(1, 2, 2, 2)], 2)]));
		assert_eq!(Courses::guide(0, 1), before);
		// No call edits or removes a version: only new versions are added.
		assert_eq!(Guides::<Test>::iter_prefix(0).count(), 3);
	});
}

#[test]
fn publish_guide_by_a_co_instructor_is_accepted() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		edit(0, |record| record.co_instructors = BoundedVec::truncate_from(vec![CO]));
		assert_ok!(Courses::publish_guide(signed(CO), 0, worked_example_guide()));
		assert_eq!(course(0).guide_version, 2);
	});
}

#[test]
fn publish_guide_beyond_the_most_versions_is_rejected() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		for _ in 1..MAX_GUIDE_VERSIONS {
			assert_ok!(publish(worked_example_guide().into_inner()));
		}
		assert_noop!(publish(worked_example_guide().into_inner()), Error::<Test>::TooManyVersions);
	});
}

#[test]
fn an_empty_guide_is_rejected() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_noop!(publish(vec![]), Error::<Test>::EmptyGuide);
	});
}

#[test]
fn an_assessment_that_covers_no_unit_is_rejected_by_its_index() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_noop!(
			publish(vec![task(vec![share(0, 1, 1, 1)], 0), task(vec![], 5)]),
			Error::<Test>::AssessmentWithoutUnits { index: 1 }
		);
	});
}

#[test]
fn an_assessment_of_a_unit_the_course_lacks_is_rejected() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_noop!(
			publish(vec![task(vec![share(5, 1, 1, 1)], 0)]),
			Error::<Test>::UnknownUnitInAssessment { index: 0 }
		);
	});
}

#[test]
fn an_assessment_naming_a_unit_twice_is_rejected() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_noop!(
			publish(vec![
				task(vec![share(0, 1, 1, 1)], 0),
				task(vec![share(1, 1, 1, 1)], 0),
				task(vec![share(2, 1, 1, 1), share(2, 1, 1, 1)], 0),
			]),
			Error::<Test>::DuplicateUnitInAssessment { index: 2 }
		);
	});
}

#[test]
fn every_maximum_of_an_assessment_is_bounded() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		let bound = MAX_ASSESSMENT_POINTS;
		// Each kind, summed over the units, and the feedback: at the bound is accepted ...
		assert_ok!(publish(vec![task(
			vec![share(0, bound - 1, bound, 0), share(1, 1, 0, bound)],
			bound
		)]));
		// ... one point above it is not, whichever kind.
		for too_high in [
			task(vec![share(0, bound, 0, 0), share(1, 1, 0, 0)], 0),
			task(vec![share(0, 0, bound, 0), share(1, 0, 1, 0)], 0),
			task(vec![share(0, 0, 0, bound + 1)], 0),
			task(vec![share(0, 0, 0, 0)], bound + 1),
		] {
			assert_noop!(
				publish(vec![task(vec![share(3, 1, 1, 1)], 1), too_high]),
				Error::<Test>::AssessmentPointsTooHigh { index: 1 }
			);
		}
		// A share so high that the sum overflows a u32 is refused, not wrapped.
		assert_noop!(
			publish(vec![task(vec![share(0, u32::MAX, 0, 0), share(1, 1, 0, 0)], 0)]),
			Error::<Test>::AssessmentPointsTooHigh { index: 0 }
		);
	});
}

#[test]
fn publish_guide_of_an_unknown_or_closed_course_is_rejected() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_noop!(
			Courses::publish_guide(signed(LEAD), 1, worked_example_guide()),
			Error::<Test>::UnknownCourse
		);
		edit(0, |record| record.status = CourseStatus::Closed);
		assert_noop!(publish(worked_example_guide().into_inner()), Error::<Test>::CourseClosed);
	});
}

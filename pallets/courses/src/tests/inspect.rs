//! What other pallets read: `CourseInspect`, and the benchmark helpers.

use super::*;

#[test]
fn course_inspect_answers_from_the_course() {
	ExtBuilder::default()
		.with_course(0, false)
		.with_enrollment(0, ALICE, EnrollmentStatus::Enrolled)
		.with_enrollment(0, BOB, EnrollmentStatus::Invited)
		.build_and_execute(|| {
			edit(0, |record| record.co_instructors = BoundedVec::truncate_from(vec![CO]));
			type Inspect = <Courses as CourseInspect<u64>>::MaxUnitsPerAssessment;
			let _: Option<Assessment<Inspect>> =
				<Courses as CourseInspect<u64>>::assessment(0, 1, 0);

			assert!(<Courses as CourseInspect<u64>>::exists(0));
			assert!(<Courses as CourseInspect<u64>>::is_enrolled(0, &ALICE));
			assert!(!<Courses as CourseInspect<u64>>::is_enrolled(0, &BOB), "invited only");
			let facts = <Courses as CourseInspect<u64>>::facts(0, &CO).expect("a course");
			assert_eq!(facts.institution, UNIVERSITY);
			assert!(facts.is_instructor);
			assert!(!facts.closed);
			assert_eq!(facts.guide_version, 1);
			assert!(
				!<Courses as CourseInspect<u64>>::facts(0, &ALICE)
					.expect("a course")
					.is_instructor
			);
			assert_eq!(
				<Courses as CourseInspect<u64>>::assessment(0, 1, 1).map(|a| a.units.len()),
				Some(2)
			);
			assert!(<Courses as CourseInspect<u64>>::assessment(0, 1, 3).is_none());
			assert!(<Courses as CourseInspect<u64>>::assessment(0, 2, 0).is_none());
			assert_eq!(
				<Courses as CourseInspect<u64>>::unit(0, 3).map(|unit| unit.skill.to_vec()),
				Some(b"esco:trees".to_vec())
			);
			assert!(<Courses as CourseInspect<u64>>::unit(0, 5).is_none());
			assert_eq!(
				<Courses as CourseInspect<u64>>::cip_code_and_institution(0)
					.map(|(cip, institution)| (cip.as_bytes().to_vec(), institution)),
				Some((b"11.0701".to_vec(), UNIVERSITY))
			);
		});
}

#[test]
fn course_inspect_answers_none_for_an_unknown_course() {
	ExtBuilder::default().build_and_execute(|| {
		assert!(!<Courses as CourseInspect<u64>>::exists(0));
		assert!(<Courses as CourseInspect<u64>>::facts(0, &LEAD).is_none());
		assert!(<Courses as CourseInspect<u64>>::assessment(0, 1, 0).is_none());
		assert!(<Courses as CourseInspect<u64>>::unit(0, 0).is_none());
		assert!(<Courses as CourseInspect<u64>>::cip_code_and_institution(0).is_none());
		assert!(!<Courses as CourseInspect<u64>>::is_enrolled(0, &ALICE));
		assert!(<Courses as CourseInspect<u64>>::courses_of(&ALICE, None, 10).items.is_empty());
	});
}

#[cfg(feature = "runtime-benchmarks")]
#[test]
fn benchmark_helpers_create_a_course_and_enroll_learners() {
	use crate::CourseBenchmarking;
	ExtBuilder::default().build_and_execute(|| {
		let id = <Courses as CourseBenchmarking<u64>>::create_course(&UNIVERSITY, &77, 4, 2, 3)
			.expect("created");
		assert_eq!(course(id).lead, 77);
		assert_eq!(course(id).unit_count, 4);
		assert_eq!(Guides::<Test>::get(id, 1).map(|s| s.assessments), Some(2));
		<Courses as CourseBenchmarking<u64>>::enroll(id, &[ALICE, BOB]);
		assert!(<Courses as CourseInspect<u64>>::is_enrolled(id, &BOB));
	});
}

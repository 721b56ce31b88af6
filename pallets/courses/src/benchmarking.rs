//! Benchmarks of the courses pallet, each call in its worst case: longest inputs, fullest lists
//! of units, assessments and co-instructors, the caller last among the instructors, and the
//! most versions that still let the call succeed.

use super::*;
use crate::pallet::{Courses, Enrollments, ScoringGuides};
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;
use pallet_registry::TrustRegistry;

const SEED: u32 = 0;

/// `len` bytes.
fn bytes(len: u32) -> Vec<u8> {
	vec![b'x'; len as usize]
}

/// The most assessments, each with points that do not overflow together.
fn longest_guide<T: Config>() -> Vec<Assessment> {
	let assessment = Assessment {
		kind: AssessmentKind::Lesson,
		max_attendance: 5,
		max_score: 25,
		max_help: 10,
		max_instructor_feedback: 5,
	};
	vec![assessment; T::MaxAssessments::get() as usize]
}

/// The longest inputs of `create_course`: (title, CIP code, units, assessments).
pub(crate) fn longest_inputs<T: Config>() -> (Vec<u8>, Vec<u8>, Vec<UnitInput>, Vec<Assessment>) {
	let units = (0..T::MaxUnits::get())
		.map(|_| (bytes(T::MaxSkillIdLen::get()), bytes(T::MaxUnitTitleLen::get())))
		.collect();
	(bytes(T::MaxTitleLen::get()), b"11.0701".to_vec(), units, longest_guide::<T>())
}

/// A course with the longest inputs, its full list of co-instructors, and the last of them
/// (the instructor found last), or the lead if the course may have none.
fn course_with_co_instructors<T: Config>(
	co_instructors: u32,
) -> Result<(CourseId, T::AccountId, T::AccountId), BenchmarkError> {
	let institution: T::AccountId = account("institution", 0, SEED);
	let lead: T::AccountId = account("lead", 0, SEED);
	let course =
		<Pallet<T> as CourseInspect<T::AccountId>>::create_for_benchmarks(&institution, &lead)?;
	let mut last = lead.clone();
	for index in 0..co_instructors {
		let instructor: T::AccountId = account("co-instructor", index, SEED);
		T::Registry::register_for_benchmarks(&institution, &instructor)?;
		Pallet::<T>::do_add_co_instructor(lead.clone(), course, instructor.clone())?;
		last = instructor;
	}
	Ok((course, lead, last))
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(<T as Config>::RuntimeEvent::from(event).into());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The longest title, the most units with the longest skill identifiers and titles, the most
	/// assessments.
	#[benchmark]
	fn create_course() -> Result<(), BenchmarkError> {
		let institution: T::AccountId = account("institution", 0, SEED);
		let lead: T::AccountId = account("lead", 0, SEED);
		T::Registry::register_for_benchmarks(&institution, &lead)?;
		let (title, cip_code, units, assessments) = longest_inputs::<T>();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(lead.clone()),
			institution.clone(),
			title,
			cip_code,
			units,
			assessments,
			true,
		);

		assert!(Courses::<T>::contains_key(0));
		assert_last_event::<T>(Event::GuideVersionPublished { course: 0, version: 1 });
		Ok(())
	}

	/// Published by the last co-instructor of a full list, as the last version allowed, with the
	/// most assessments.
	#[benchmark]
	fn publish_guide() -> Result<(), BenchmarkError> {
		let (course, _, caller) = course_with_co_instructors::<T>(T::MaxCoInstructors::get())?;
		for _ in 2..T::MaxGuideVersions::get() {
			Pallet::<T>::do_publish_guide(caller.clone(), course, longest_guide::<T>())?;
		}
		let version = T::MaxGuideVersions::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), course, longest_guide::<T>());

		assert!(ScoringGuides::<T>::contains_key(course, version));
		assert_last_event::<T>(Event::GuideVersionPublished { course, version });
		Ok(())
	}

	/// The list has all but one co-instructor.
	#[benchmark]
	fn add_co_instructor() -> Result<(), BenchmarkError> {
		let (course, lead, _) =
			course_with_co_instructors::<T>(T::MaxCoInstructors::get().saturating_sub(1))?;
		let institution: T::AccountId = account("institution", 0, SEED);
		let instructor: T::AccountId = account("new co-instructor", 0, SEED);
		T::Registry::register_for_benchmarks(&institution, &instructor)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(lead), course, instructor.clone());

		assert!(Courses::<T>::get(course).is_some_and(|record| record.is_instructor(&instructor)));
		assert_last_event::<T>(Event::CoInstructorAdded { course, instructor });
		Ok(())
	}

	/// The list full, the co-instructor to remove last in it.
	#[benchmark]
	fn remove_co_instructor() -> Result<(), BenchmarkError> {
		let (course, lead, instructor) =
			course_with_co_instructors::<T>(T::MaxCoInstructors::get().max(1))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(lead), course, instructor.clone());

		assert!(Courses::<T>::get(course).is_some_and(|record| !record.is_instructor(&instructor)));
		assert_last_event::<T>(Event::CoInstructorRemoved { course, instructor });
		Ok(())
	}

	/// `l` new learners, invited by the last co-instructor of a full list.
	#[benchmark]
	fn invite(l: Linear<1, { T::MaxBatch::get() }>) -> Result<(), BenchmarkError> {
		let (course, _, caller) = course_with_co_instructors::<T>(T::MaxCoInstructors::get())?;
		let learners: Vec<T::AccountId> =
			(0..l).map(|index| account("learner", index, SEED)).collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), course, learners.clone());

		for learner in &learners {
			assert_eq!(Enrollments::<T>::get(course, learner), Some(EnrollmentStatus::Invited));
		}
		assert_last_event::<T>(Event::LearnersInvited { course, count: l });
		Ok(())
	}

	#[benchmark]
	fn accept_invitation() -> Result<(), BenchmarkError> {
		let (course, lead, _) = course_with_co_instructors::<T>(0)?;
		let learner: T::AccountId = whitelisted_caller();
		Pallet::<T>::do_invite(lead, course, vec![learner.clone()])?;

		#[extrinsic_call]
		_(RawOrigin::Signed(learner.clone()), course);

		assert!(<Pallet<T> as CourseInspect<T::AccountId>>::is_enrolled(course, &learner));
		assert_last_event::<T>(Event::InvitationAccepted { course, learner });
		Ok(())
	}

	/// The learner had an invitation, which joining consumes.
	#[benchmark]
	fn join() -> Result<(), BenchmarkError> {
		let (course, lead, _) = course_with_co_instructors::<T>(0)?;
		let learner: T::AccountId = whitelisted_caller();
		Pallet::<T>::do_invite(lead, course, vec![learner.clone()])?;

		#[extrinsic_call]
		_(RawOrigin::Signed(learner.clone()), course);

		assert!(<Pallet<T> as CourseInspect<T::AccountId>>::is_enrolled(course, &learner));
		assert_last_event::<T>(Event::LearnerJoined { course, learner });
		Ok(())
	}

	#[benchmark]
	fn close_course() -> Result<(), BenchmarkError> {
		let (course, lead, _) = course_with_co_instructors::<T>(T::MaxCoInstructors::get())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(lead), course);

		assert!(Courses::<T>::get(course).is_some_and(|record| record.closed));
		assert_last_event::<T>(Event::CourseClosed { course });
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

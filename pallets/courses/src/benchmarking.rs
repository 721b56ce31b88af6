//! Benchmarks of the courses pallet, each call in its worst case: longest inputs, fullest lists
//! of units, assessments (each covering the most units) and co-instructors, the caller last
//! among the instructors, and the most versions that still let the call succeed.

// Benchmark set-up may panic: a failed set-up is a failed benchmark, not a runtime fault.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

use super::*;
use crate::pallet::{Courses, Enrollments, Guides};
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::{BoundedVec, ConstU32},
	traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
};
use frame_system::RawOrigin;
use sp_runtime::traits::Saturating;

const SEED: u32 = 0;

/// Gives `who` what inviting `accounts` new learner accounts costs, and its own account's
/// minimum balance.
fn fund<T: Config>(who: &T::AccountId, accounts: u32) {
	let fee = T::NewAccountFee::get().saturating_mul(accounts.into());
	T::Currency::set_balance(who, fee.saturating_add(T::Currency::minimum_balance()));
}

/// `len` bytes, bounded.
fn bytes<S: Get<u32>>(len: u32) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(vec![b'x'; len as usize])
}

/// A guide of `assessments` assessments, each covering units `0..units_per_assessment` with
/// points that stay within `MaxAssessmentPoints` in sum.
fn guide<T: Config>(assessments: u32, units_per_assessment: u32) -> GuideOf<T> {
	let per_unit = T::MaxAssessmentPoints::get() / units_per_assessment.max(1);
	let max = LearnerPoints { attendance: per_unit, score: per_unit, help: per_unit };
	let units: Vec<UnitShare> = (0..units_per_assessment)
		.map(|unit| UnitShare { unit: unit.try_into().unwrap_or(UnitIndex::MAX), max })
		.collect();
	let assessment = Assessment {
		kind: AssessmentKind::Lesson,
		units: BoundedVec::truncate_from(units),
		max_instructor_feedback: T::MaxAssessmentPoints::get(),
	};
	BoundedVec::truncate_from(vec![assessment; assessments as usize])
}

/// The inputs of `create_course` with the longest title, `units` units with the longest skill
/// identifiers and titles, and the guide of [`guide`].
pub(crate) fn inputs<T: Config>(
	units: u32,
	assessments: u32,
	units_per_assessment: u32,
) -> (TitleOf<T>, BoundedVec<u8, ConstU32<MAX_CIP_CODE_LEN>>, UnitsOf<T>, GuideOf<T>) {
	let unit = UnitOfCompetency {
		skill: bytes(T::MaxSkillIdLen::get()),
		title: bytes(T::MaxUnitTitleLen::get()),
	};
	(
		bytes(T::MaxTitleLen::get()),
		BoundedVec::truncate_from(b"11.0701".to_vec()),
		BoundedVec::truncate_from(vec![unit; units as usize]),
		guide::<T>(assessments, units_per_assessment),
	)
}

/// The fullest guide of a course with the most units.
fn longest_guide<T: Config>(assessments: u32) -> GuideOf<T> {
	guide::<T>(assessments, T::MaxUnitsPerAssessment::get())
}

/// A course with the longest inputs, its full list of co-instructors, and the last of them
/// (the instructor found last), or the lead if the course may have none.
fn course_with_co_instructors<T: Config>(
	co_instructors: u32,
) -> Result<(CourseId, T::AccountId, T::AccountId), BenchmarkError> {
	let institution: T::AccountId = account("institution", 0, SEED);
	let lead: T::AccountId = account("lead", 0, SEED);
	let course = <Pallet<T> as CourseBenchmarking<T::AccountId>>::create_course(
		&institution,
		&lead,
		T::MaxUnits::get(),
		T::MaxAssessments::get(),
		T::MaxUnitsPerAssessment::get(),
	)?;
	let mut last = lead.clone();
	for index in 0..co_instructors {
		let instructor: T::AccountId = account("co-instructor", index, SEED);
		T::BenchmarkHelper::register(&institution, core::slice::from_ref(&instructor));
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

	/// The longest title, `u` units with the longest skill identifiers and titles, `a`
	/// assessments each covering the most units.
	#[benchmark]
	fn create_course(
		u: Linear<{ T::MaxUnitsPerAssessment::get() }, { T::MaxUnits::get() }>,
		a: Linear<1, { T::MaxAssessments::get() }>,
	) -> Result<(), BenchmarkError> {
		let institution: T::AccountId = account("institution", 0, SEED);
		let lead: T::AccountId = account("lead", 0, SEED);
		T::BenchmarkHelper::register(&institution, core::slice::from_ref(&lead));
		let (title, cip_code, units, guide) = inputs::<T>(u, a, T::MaxUnitsPerAssessment::get());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(lead.clone()),
			institution.clone(),
			title,
			cip_code,
			units,
			guide,
			true,
		);

		assert!(Courses::<T>::contains_key(0));
		assert_last_event::<T>(Event::GuideVersionPublished { course: 0, version: 1 });
		Ok(())
	}

	/// Published by the last co-instructor of a full list, as the last version allowed, with
	/// `a` assessments each covering the most units.
	#[benchmark]
	fn publish_guide(a: Linear<1, { T::MaxAssessments::get() }>) -> Result<(), BenchmarkError> {
		let (course, _, caller) = course_with_co_instructors::<T>(T::MaxCoInstructors::get())?;
		for _ in 2..T::MaxGuideVersions::get() {
			Pallet::<T>::do_publish_guide(caller.clone(), course, longest_guide::<T>(1))?;
		}
		let version = T::MaxGuideVersions::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), course, longest_guide::<T>(a));

		assert!(Guides::<T>::contains_key(course, version));
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
		T::BenchmarkHelper::register(&institution, core::slice::from_ref(&instructor));

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

	/// A full list of co-instructors, the new lead the last of them.
	#[benchmark]
	fn set_lead() -> Result<(), BenchmarkError> {
		let (course, _, instructor) =
			course_with_co_instructors::<T>(T::MaxCoInstructors::get().max(1))?;
		let institution: T::AccountId = account("institution", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(institution), course, instructor.clone());

		assert!(Courses::<T>::get(course).is_some_and(|record| record.lead == instructor));
		Ok(())
	}

	/// `l` new learners whose accounts do not exist yet (each is paid for), invited by the
	/// last co-instructor of a full list.
	#[benchmark]
	fn invite(l: Linear<1, { T::MaxBatch::get() }>) -> Result<(), BenchmarkError> {
		let (course, _, caller) = course_with_co_instructors::<T>(T::MaxCoInstructors::get())?;
		fund::<T>(&caller, l);
		let learners: Vec<T::AccountId> =
			(0..l).map(|index| account("learner", index, SEED)).collect();
		let learners: BoundedVec<_, T::MaxBatch> = BoundedVec::truncate_from(learners);
		let fee = T::NewAccountFee::get().saturating_mul(l.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), course, learners.clone());

		for learner in &learners {
			assert_eq!(Enrollments::<T>::get(learner, course), Some(EnrollmentStatus::Invited));
		}
		assert_last_event::<T>(Event::LearnersInvited {
			course,
			instructor: caller,
			learners,
			new_accounts: l,
			fee,
		});
		Ok(())
	}

	#[benchmark]
	fn accept_invitation() -> Result<(), BenchmarkError> {
		let (course, lead, _) = course_with_co_instructors::<T>(0)?;
		let learner: T::AccountId = whitelisted_caller();
		fund::<T>(&lead, 1);
		Pallet::<T>::do_invite(lead, course, BoundedVec::truncate_from(vec![learner.clone()]))
			.map_err(|e| e.error)?;

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
		fund::<T>(&lead, 1);
		Pallet::<T>::do_invite(lead, course, BoundedVec::truncate_from(vec![learner.clone()]))
			.map_err(|e| e.error)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(learner.clone()), course);

		assert!(<Pallet<T> as CourseInspect<T::AccountId>>::is_enrolled(course, &learner));
		assert_last_event::<T>(Event::LearnerJoined { course, learner });
		Ok(())
	}

	/// Closed by the lead (who is checked against the registry; the institution is not).
	#[benchmark]
	fn close_course() -> Result<(), BenchmarkError> {
		let (course, lead, _) = course_with_co_instructors::<T>(T::MaxCoInstructors::get())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(lead.clone()), course);

		assert!(Courses::<T>::get(course).is_some_and(|record| record.is_closed()));
		assert_last_event::<T>(Event::CourseClosed { course, by: lead });
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

//! Tests of the courses pallet, by action, one file each. Each test runs in
//! `ExtBuilder::build_and_execute`, which checks every invariant of the pallet afterwards;
//! `ExtBuilder::with_course` seeds a course straight into storage, so that a test of a call
//! other than `create_course` does not depend on `create_course`.

use crate::{
	mock::*,
	pallet::{Assessments, Enrollments, Error, Event, Guides, NextCourseId, Units},
	types::*,
	weights::WeightInfo,
	CourseInspect,
};
use frame_support::{assert_noop, assert_ok, dispatch::PostDispatchInfo, BoundedVec};
use sp_runtime::DispatchError;

mod close;
mod create_course;
mod enrollment;
mod guides;
mod inspect;
mod instructors;
mod invariants;
mod invite;
mod shared_checks;

pub(crate) fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

pub(crate) fn bounded<S: frame_support::traits::Get<u32>>(bytes: &[u8]) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(bytes.to_vec())
}

pub(crate) fn guide(assessments: Vec<AssessmentOf<Test>>) -> GuideOf<Test> {
	BoundedVec::truncate_from(assessments)
}

/// Course `id` as stored.
pub(crate) fn course(id: CourseId) -> Course<Test> {
	crate::Courses::<Test>::get(id).expect("the course exists")
}

/// Changes the stored course `id`.
pub(crate) fn edit(id: CourseId, change: impl FnOnce(&mut Course<Test>)) {
	crate::Courses::<Test>::mutate(id, |record| {
		if let Some(record) = record {
			change(record);
		}
	});
}

pub(crate) fn status(id: CourseId, learner: u64) -> Option<EnrollmentStatus> {
	Enrollments::<Test>::get(learner, id)
}

pub(crate) fn learners(
	accounts: &[u64],
) -> BoundedVec<u64, frame_support::traits::ConstU32<MAX_BATCH>> {
	BoundedVec::truncate_from(accounts.to_vec())
}

/// `invite` as a plain result: the weight it reports is tested on its own.
pub(crate) fn invite(
	origin: RuntimeOrigin,
	id: CourseId,
	list: BoundedVec<u64, frame_support::traits::ConstU32<MAX_BATCH>>,
) -> Result<(), DispatchError> {
	Courses::invite(origin, id, list).map(|_| ()).map_err(|failed| failed.error)
}

/// Creates a course of `UNIVERSITY` led by `LEAD` through the call, with the mock's units and
/// the worked example's guide.
pub(crate) fn create(open_enrollment: bool) -> CourseId {
	let id = NextCourseId::<Test>::get();
	assert_ok!(Courses::create_course(
		signed(LEAD),
		UNIVERSITY,
		bounded(b"Algorithms"),
		bounded(b"11.0701"),
		units(),
		worked_example_guide(),
		open_enrollment
	));
	id
}

#[test]
fn integrity_test_accepts_the_mock_bounds() {
	ExtBuilder::default().build().execute_with(|| {
		<Courses as frame_support::traits::Hooks<u64>>::integrity_test();
	});
}

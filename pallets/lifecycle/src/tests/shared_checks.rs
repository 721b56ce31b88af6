//! The checks every step shares, as tables: the course, the caller's role and the registry for
//! instructor steps; the course and the registry for learner steps; a signed origin for all.

use super::*;

type Step = fn(RuntimeOrigin, pallet_courses::CourseId) -> DispatchResult;

/// The instructor steps, each valid for `LEAD` on the state of [`ready`].
fn instructor_steps() -> Vec<(&'static str, Step)> {
	vec![
		("convey", |origin, course| {
			let entry =
				ConveyTo { learner: CHARLIE, attendance: BoundedVec::truncate_from(vec![1]) };
			error_of(Lifecycle::convey(
				origin,
				course,
				0,
				units(&[SORTING]),
				BoundedVec::truncate_from(vec![entry]),
			))
		}),
		("assess", |origin, course| {
			error_of(Lifecycle::assess(
				origin,
				course,
				0,
				units(&[SORTING]),
				BoundedVec::truncate_from(vec![ALICE]),
			))
		}),
		("award", |origin, course| {
			let entry = AwardTo {
				learner: BOB,
				points: BoundedVec::truncate_from(vec![UnitAward { score: 1, help: 1 }]),
			};
			error_of(Lifecycle::award(
				origin,
				course,
				0,
				units(&[SORTING]),
				BoundedVec::truncate_from(vec![entry]),
			))
		}),
	]
}

/// The learner steps, each valid for its learner on the state of [`ready`].
fn learner_steps() -> Vec<(&'static str, u64, Step)> {
	vec![
		("acquire", CHARLIE, |origin, course| {
			Lifecycle::acquire(origin, course, 0, units(&[SEARCHING]))
		}),
		("respond", ALICE, |origin, course| {
			Lifecycle::respond(origin, course, 0, units(&[SEARCHING]), H256::zero())
		}),
		("rate", BOB, |origin, course| Lifecycle::rate(origin, course, 0, LEAD, 1)),
	]
}

/// Alice acquired sorting and was assessed in searching; Bob responded in sorting and was
/// awarded searching; Charlie was conveyed searching.
fn ready() -> ExtBuilder {
	ExtBuilder::default()
		.with_record(
			ALICE,
			0,
			vec![
				unit_at(SORTING, Stage::Acquired, (3, 0, 0)),
				unit_at(SEARCHING, Stage::Assessed, (2, 0, 0)),
			],
		)
		.with_record(
			BOB,
			0,
			vec![
				unit_at(SORTING, Stage::Responded, (3, 0, 0)),
				unit_at(SEARCHING, Stage::Awarded, (2, 5, 1)),
			],
		)
		.with_record(CHARLIE, 0, vec![unit_at(SEARCHING, Stage::Conveyed, (2, 0, 0))])
}

#[test]
fn every_instructor_step_checks_the_course_the_role_and_the_registry() {
	for (name, step) in instructor_steps() {
		ready().build_and_execute(|| {
			let refused = |who: RuntimeOrigin, course| step(who, course);
			assert_eq!(
				refused(signed(LEAD), 7),
				Err(Error::<Test>::UnknownCourse.into()),
				"{name}"
			);
			// Not an instructor of the course: another instructor of the institution, one of
			// another institution, a learner, the institution itself.
			for who in [OTHER, STRANGER, ALICE, UNIVERSITY] {
				assert_eq!(
					refused(signed(who), 0),
					Err(Error::<Test>::NotCourseInstructor.into()),
					"{name}"
				);
			}
			assert_eq!(refused(RuntimeOrigin::none(), 0), Err(DispatchError::BadOrigin), "{name}");

			// A co-instructor the institution removed acts no more.
			MockRegistry::remove_instructor(UNIVERSITY, CO);
			assert_eq!(
				refused(signed(CO), 0),
				Err(Error::<Test>::NotInstitutionInstructor.into()),
				"{name}"
			);

			MockRegistry::suspend(UNIVERSITY);
			assert_eq!(
				refused(signed(LEAD), 0),
				Err(Error::<Test>::NotAccredited.into()),
				"{name}"
			);
			MockRegistry::accredit(UNIVERSITY);

			assert_eq!(step(signed(LEAD), 0), Ok(()), "{name} by the acting lead");
		});
	}
}

#[test]
fn every_learner_step_checks_the_course_and_the_institution() {
	for (name, learner, step) in learner_steps() {
		ready().build_and_execute(|| {
			assert_eq!(
				step(signed(learner), 7),
				Err(Error::<Test>::UnknownCourse.into()),
				"{name}"
			);
			assert_eq!(step(RuntimeOrigin::none(), 0), Err(DispatchError::BadOrigin), "{name}");
			// No token comes from an institution that is not accredited when it is minted.
			MockRegistry::suspend(UNIVERSITY);
			assert_eq!(
				step(signed(learner), 0),
				Err(Error::<Test>::NotAccredited.into()),
				"{name}"
			);
			// Reinstated, the step goes on from where it was.
			MockRegistry::accredit(UNIVERSITY);
			assert_eq!(step(signed(learner), 0), Ok(()), "{name} by its learner");
		});
	}
}

#[test]
fn a_failed_step_changes_nothing() {
	for (name, step) in instructor_steps() {
		ready().build_and_execute(|| {
			MockRegistry::suspend(UNIVERSITY);
			let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
			assert!(step(signed(LEAD), 0).is_err());
			assert_eq!(root, sp_io::storage::root(sp_runtime::StateVersion::V1), "{name}");
		});
	}
}

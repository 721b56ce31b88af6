//! Tests of the courses pallet, by action. Each test runs in `ExtBuilder::build_and_execute`,
//! which checks every invariant of the pallet afterwards.

use crate::{
	mock::*,
	pallet::{Enrollments, Error, Event, NextCourseId, ScoringGuides},
	types::*,
	weights::WeightInfo,
	CourseInspect,
};
use frame_support::{assert_noop, assert_ok, dispatch::PostDispatchInfo};
use sp_runtime::DispatchError;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn bytes(len: u32) -> Vec<u8> {
	vec![b'x'; len as usize]
}

fn title() -> Vec<u8> {
	b"Algorithms".to_vec()
}

fn units() -> Vec<UnitInput> {
	vec![
		(b"esco:S1.2.1".to_vec(), b"sorting".to_vec()),
		(b"esco:S1.2.2".to_vec(), b"graphs".to_vec()),
	]
}

fn assessment(
	kind: AssessmentKind,
	attendance: u32,
	score: u32,
	help: u32,
	feedback: u32,
) -> Assessment {
	Assessment {
		kind,
		max_attendance: attendance,
		max_score: score,
		max_help: help,
		max_instructor_feedback: feedback,
	}
}

/// The worked example of DOMAIN.md: two lessons and a final evaluation, 100 learner points.
fn guide() -> Vec<Assessment> {
	vec![
		assessment(AssessmentKind::Lesson, 5, 25, 10, 5),
		assessment(AssessmentKind::Lesson, 5, 25, 10, 5),
		assessment(AssessmentKind::FinalEvaluation, 5, 10, 5, 0),
	]
}

fn other_guide() -> Vec<Assessment> {
	vec![assessment(AssessmentKind::Task, 0, 100, 0, 10)]
}

fn create(open: bool) -> CourseId {
	let course = NextCourseId::<Test>::get();
	assert_ok!(Courses::create_course(
		signed(LEAD),
		UNIVERSITY,
		title(),
		b"11.0701".to_vec(),
		units(),
		guide(),
		open
	));
	course
}

fn course(id: CourseId) -> Course<Test> {
	crate::Courses::<Test>::get(id).expect("the course exists")
}

fn with_co_instructor(instructor: u64) -> CourseId {
	let id = create(false);
	assert_ok!(Courses::add_co_instructor(signed(LEAD), id, instructor));
	id
}

fn run_to(block: u64) {
	System::set_block_number(block);
}

fn status(id: CourseId, learner: u64) -> Option<EnrollmentStatus> {
	Enrollments::<Test>::get(id, learner)
}

fn is_enrolled(id: CourseId, learner: &u64) -> bool {
	<Courses as CourseInspect<u64>>::is_enrolled(id, learner)
}

/// Whether `who` is the lead or a co-instructor of course `id`, as the lifecycle pallet asks.
fn is_instructor(id: CourseId, who: &u64) -> bool {
	<Courses as CourseInspect<u64>>::facts(id, who, 0).is_some_and(|facts| facts.is_instructor)
}

fn create_with(
	cip: &[u8],
	units: Vec<UnitInput>,
	guide: Vec<Assessment>,
) -> Result<(), DispatchError> {
	Courses::create_course(signed(LEAD), UNIVERSITY, title(), cip.to_vec(), units, guide, false)
}

mod create_course {
	use super::*;

	#[test]
	fn create_course_records_the_course_and_version_1_of_its_guide() {
		ExtBuilder.build_and_execute(|| {
			assert_ok!(Courses::create_course(
				signed(LEAD),
				UNIVERSITY,
				title(),
				b"11.0701".to_vec(),
				units(),
				guide(),
				true
			));

			System::assert_has_event(
				Event::CourseCreated { course: 0, institution: UNIVERSITY, lead: LEAD }.into(),
			);
			System::assert_last_event(
				Event::GuideVersionPublished { course: 0, version: 1 }.into(),
			);
			let record = course(0);
			assert_eq!(record.institution, UNIVERSITY);
			assert_eq!(record.lead, LEAD);
			assert!(record.co_instructors.is_empty());
			assert_eq!(record.title.to_vec(), title());
			assert_eq!(record.cip_code.as_bytes(), b"11.0701");
			assert_eq!(record.cip_code.series(), b"11");
			assert_eq!(record.units.len(), 2);
			assert!(record.open);
			assert!(!record.closed);
			assert_eq!(record.guide_version, 1);
			assert_eq!(Courses::guide(0, 1), Some(guide()));
			assert_eq!(NextCourseId::<Test>::get(), 1);
		});
	}

	#[test]
	fn course_ids_are_sequential() {
		ExtBuilder.build_and_execute(|| {
			assert_eq!(create(false), 0);
			assert_eq!(create(true), 1);
			assert_eq!(create(false), 2);
			assert_eq!(NextCourseId::<Test>::get(), 3);
		});
	}

	#[test]
	fn create_course_with_the_longest_inputs_is_accepted() {
		ExtBuilder.build_and_execute(|| {
			let units = (0..MAX_UNITS)
				.map(|_| (bytes(MAX_SKILL_ID_LEN), bytes(MAX_UNIT_TITLE_LEN)))
				.collect();
			let guide =
				vec![assessment(AssessmentKind::Task, 1, 1, 1, 1); MAX_ASSESSMENTS as usize];
			assert_ok!(Courses::create_course(
				signed(LEAD),
				UNIVERSITY,
				bytes(MAX_TITLE_LEN),
				b"11".to_vec(),
				units,
				guide,
				false
			));
		});
	}

	#[test]
	fn create_course_for_an_institution_that_is_not_accredited_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(
				Courses::create_course(
					signed(LEAD),
					SUSPENDED,
					title(),
					b"11".to_vec(),
					units(),
					guide(),
					false
				),
				Error::<Test>::NotAccredited
			);
		});
	}

	#[test]
	fn instructors_of_a_suspended_institution_cannot_create_courses() {
		ExtBuilder.build_and_execute(|| {
			create(false);
			MockRegistry::suspend(UNIVERSITY);
			assert_noop!(create_with(b"11", units(), guide()), Error::<Test>::NotAccredited);
		});
	}

	#[test]
	fn create_course_by_an_instructor_of_another_institution_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(
				Courses::create_course(
					signed(STRANGER),
					UNIVERSITY,
					title(),
					b"11".to_vec(),
					units(),
					guide(),
					false
				),
				Error::<Test>::NotAuthorized
			);
			assert_noop!(
				Courses::create_course(
					signed(ALICE),
					UNIVERSITY,
					title(),
					b"11".to_vec(),
					units(),
					guide(),
					false
				),
				Error::<Test>::NotAuthorized
			);
		});
	}

	#[test]
	fn create_course_needs_a_signed_origin() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(
				Courses::create_course(
					RuntimeOrigin::root(),
					UNIVERSITY,
					title(),
					b"11".to_vec(),
					units(),
					guide(),
					false
				),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn create_course_with_an_empty_title_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(
				Courses::create_course(
					signed(LEAD),
					UNIVERSITY,
					Vec::new(),
					b"11".to_vec(),
					units(),
					guide(),
					false
				),
				Error::<Test>::EmptyTitle
			);
		});
	}

	#[test]
	fn create_course_with_an_over_long_title_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(
				Courses::create_course(
					signed(LEAD),
					UNIVERSITY,
					bytes(MAX_TITLE_LEN + 1),
					b"11".to_vec(),
					units(),
					guide(),
					false
				),
				Error::<Test>::TitleTooLong
			);
		});
	}

	#[test]
	fn valid_cip_codes_are_accepted() {
		ExtBuilder.build_and_execute(|| {
			for code in [&b"11"[..], b"11.07", b"11.0701", b"00", b"99.9999"] {
				assert_ok!(create_with(code, units(), guide()));
			}
			assert_eq!(course(2).cip_code.as_bytes(), b"11.0701");
		});
	}

	#[test]
	fn invalid_cip_codes_are_rejected() {
		ExtBuilder.build_and_execute(|| {
			for code in [
				&b""[..],
				b"1",
				b"111",
				b"11.",
				b"11.0",
				b"11.070",
				b"11.07011",
				b"1a.07",
				b"11.0a",
				b"11-07",
				b"11..07",
				b".1107",
				b"11.07.01",
				b" 11",
			] {
				assert_noop!(create_with(code, units(), guide()), Error::<Test>::InvalidCipCode);
			}
		});
	}

	#[test]
	fn cip_code_parse_follows_the_cip_2020_shapes() {
		assert!(CipCode::parse(b"11").is_some());
		assert!(CipCode::parse(b"11.07").is_some());
		assert!(CipCode::parse(b"11.0701").is_some());
		for code in [&b""[..], b"1", b"111", b"11.0", b"11.070", b"11.07011", b"1a.07", b"11-07"] {
			assert_eq!(CipCode::parse(code), None, "{:?}", core::str::from_utf8(code));
		}
	}

	#[test]
	fn create_course_without_units_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(create_with(b"11", Vec::new(), guide()), Error::<Test>::NoUnits);
		});
	}

	#[test]
	fn create_course_with_too_many_units_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let units = (0..=MAX_UNITS).map(|_| (b"esco:S1".to_vec(), Vec::new())).collect();
			assert_noop!(create_with(b"11", units, guide()), Error::<Test>::TooManyUnits);
		});
	}

	#[test]
	fn create_course_with_an_empty_skill_identifier_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let units = vec![(b"esco:S1".to_vec(), Vec::new()), (Vec::new(), b"t".to_vec())];
			assert_noop!(create_with(b"11", units, guide()), Error::<Test>::EmptySkillId);
		});
	}

	#[test]
	fn create_course_with_an_over_long_skill_identifier_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let units = vec![(bytes(MAX_SKILL_ID_LEN + 1), Vec::new())];
			assert_noop!(create_with(b"11", units, guide()), Error::<Test>::SkillIdTooLong);
		});
	}

	#[test]
	fn create_course_with_an_over_long_unit_title_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let units = vec![(b"esco:S1".to_vec(), bytes(MAX_UNIT_TITLE_LEN + 1))];
			assert_noop!(create_with(b"11", units, guide()), Error::<Test>::UnitTitleTooLong);
		});
	}

	#[test]
	fn create_course_with_an_empty_guide_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(create_with(b"11", units(), Vec::new()), Error::<Test>::EmptyGuide);
		});
	}

	#[test]
	fn create_course_with_too_many_assessments_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let guide =
				vec![assessment(AssessmentKind::Task, 1, 1, 1, 1); MAX_ASSESSMENTS as usize + 1];
			assert_noop!(create_with(b"11", units(), guide), Error::<Test>::TooManyAssessments);
		});
	}

	#[test]
	fn create_course_with_an_overflowing_assessment_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let guide = vec![assessment(AssessmentKind::Lesson, u32::MAX, 1, 0, 0)];
			assert_noop!(create_with(b"11", units(), guide), Error::<Test>::GuideOverflow);
			let guide = vec![assessment(AssessmentKind::Lesson, 0, u32::MAX, 1, 0)];
			assert_noop!(create_with(b"11", units(), guide), Error::<Test>::GuideOverflow);
		});
	}

	#[test]
	fn create_course_with_an_overflowing_guide_total_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let half = assessment(AssessmentKind::Lesson, 0, u32::MAX / 2 + 1, 0, 0);
			assert_noop!(
				create_with(b"11", units(), vec![half, half]),
				Error::<Test>::GuideOverflow
			);
			let feedback = assessment(AssessmentKind::Lesson, 0, 0, 0, u32::MAX);
			assert_noop!(
				create_with(b"11", units(), vec![feedback, feedback]),
				Error::<Test>::GuideOverflow
			);
		});
	}

	#[test]
	fn a_guide_whose_points_reach_exactly_u32_max_is_accepted() {
		ExtBuilder.build_and_execute(|| {
			let full = assessment(AssessmentKind::Lesson, u32::MAX - 2, 1, 1, u32::MAX);
			assert_ok!(create_with(b"11", units(), vec![full]));
			assert_eq!(guide_points(&[full]), Some((u32::MAX, u32::MAX)));
		});
	}

	#[test]
	fn create_course_when_every_id_is_used_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			NextCourseId::<Test>::put(CourseId::MAX);
			assert_noop!(create_with(b"11", units(), guide()), Error::<Test>::NoCourseIdLeft);
		});
	}
}

mod publish_guide {
	use super::*;

	#[test]
	fn publish_guide_adds_a_version_and_keeps_the_earlier_ones() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			run_to(3);
			assert_ok!(Courses::publish_guide(signed(LEAD), id, other_guide()));

			System::assert_last_event(
				Event::GuideVersionPublished { course: id, version: 2 }.into(),
			);
			assert_eq!(course(id).guide_version, 2);
			assert_eq!(Courses::guide(id, 1), Some(guide()));
			assert_eq!(Courses::guide(id, 2), Some(other_guide()));
			assert_eq!(<Courses as CourseInspect<u64>>::current_guide_version(id), Some(2));
		});
	}

	#[test]
	fn published_versions_are_immutable() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			let first = ScoringGuides::<Test>::get(id, 1);
			assert_ok!(Courses::publish_guide(signed(LEAD), id, other_guide()));
			assert_ok!(Courses::publish_guide(signed(LEAD), id, guide()));

			assert_eq!(ScoringGuides::<Test>::get(id, 1), first);
			assert_eq!(Courses::guide(id, 2), Some(other_guide()));
			assert_eq!(Courses::guide(id, 3), Some(guide()));
			assert_eq!(
				<Courses as CourseInspect<u64>>::assessment(id, 1, 2),
				Some(assessment(AssessmentKind::FinalEvaluation, 5, 10, 5, 0))
			);
			assert_eq!(
				<Courses as CourseInspect<u64>>::assessment(id, 2, 0),
				Some(assessment(AssessmentKind::Task, 0, 100, 0, 10))
			);
			// A failed publication changes no version either.
			assert_noop!(
				Courses::publish_guide(signed(LEAD), id, other_guide()),
				Error::<Test>::TooManyVersions
			);
		});
	}

	#[test]
	fn publish_guide_by_a_co_instructor_is_accepted() {
		ExtBuilder.build_and_execute(|| {
			let id = with_co_instructor(CO);
			assert_ok!(Courses::publish_guide(signed(CO), id, other_guide()));
			System::assert_last_event(
				Event::GuideVersionPublished { course: id, version: 2 }.into(),
			);
		});
	}

	#[test]
	fn publish_guide_by_someone_else_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			for who in [CO, STRANGER, ALICE] {
				assert_noop!(
					Courses::publish_guide(signed(who), id, other_guide()),
					Error::<Test>::NotAuthorized
				);
			}
		});
	}

	#[test]
	fn publish_guide_of_an_unknown_course_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(
				Courses::publish_guide(signed(LEAD), 7, other_guide()),
				Error::<Test>::NotFound
			);
		});
	}

	#[test]
	fn publish_guide_beyond_the_most_versions_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			for _ in 1..MAX_GUIDE_VERSIONS {
				assert_ok!(Courses::publish_guide(signed(LEAD), id, other_guide()));
			}
			assert_noop!(
				Courses::publish_guide(signed(LEAD), id, other_guide()),
				Error::<Test>::TooManyVersions
			);
			assert_eq!(course(id).guide_version, MAX_GUIDE_VERSIONS);
		});
	}

	#[test]
	fn publish_guide_validates_the_guide() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			assert_noop!(
				Courses::publish_guide(signed(LEAD), id, Vec::new()),
				Error::<Test>::EmptyGuide
			);
			assert_noop!(
				Courses::publish_guide(
					signed(LEAD),
					id,
					vec![
						assessment(AssessmentKind::Task, 1, 1, 1, 1);
						MAX_ASSESSMENTS as usize + 1
					]
				),
				Error::<Test>::TooManyAssessments
			);
			assert_noop!(
				Courses::publish_guide(
					signed(LEAD),
					id,
					vec![assessment(AssessmentKind::Task, u32::MAX, 0, 1, 0)]
				),
				Error::<Test>::GuideOverflow
			);
		});
	}
}

mod co_instructors {
	use super::*;

	#[test]
	fn add_co_instructor_records_the_instructor() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			assert_ok!(Courses::add_co_instructor(signed(LEAD), id, CO));

			System::assert_last_event(
				Event::CoInstructorAdded { course: id, instructor: CO }.into(),
			);
			assert_eq!(course(id).co_instructors.to_vec(), vec![CO]);
			assert!(is_instructor(id, &CO));
			assert!(is_instructor(id, &LEAD));
			assert!(!is_instructor(id, &CO2));
		});
	}

	#[test]
	fn add_co_instructor_by_someone_but_the_lead_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = with_co_instructor(CO);
			assert_noop!(
				Courses::add_co_instructor(signed(CO), id, CO2),
				Error::<Test>::NotAuthorized
			);
			assert_noop!(
				Courses::add_co_instructor(signed(ALICE), id, CO2),
				Error::<Test>::NotAuthorized
			);
		});
	}

	#[test]
	fn add_co_instructor_of_another_institution_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			assert_noop!(
				Courses::add_co_instructor(signed(LEAD), id, STRANGER),
				Error::<Test>::NotAuthorized
			);
			assert_noop!(
				Courses::add_co_instructor(signed(LEAD), id, ALICE),
				Error::<Test>::NotAuthorized
			);
		});
	}

	#[test]
	fn add_co_instructor_twice_or_the_lead_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = with_co_instructor(CO);
			assert_noop!(
				Courses::add_co_instructor(signed(LEAD), id, CO),
				Error::<Test>::AlreadyExists
			);
			assert_noop!(
				Courses::add_co_instructor(signed(LEAD), id, LEAD),
				Error::<Test>::AlreadyExists
			);
		});
	}

	#[test]
	fn add_co_instructor_beyond_the_bound_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			assert_ok!(Courses::add_co_instructor(signed(LEAD), id, CO));
			assert_ok!(Courses::add_co_instructor(signed(LEAD), id, CO2));
			assert_eq!(MAX_CO_INSTRUCTORS, 2);
			assert_noop!(
				Courses::add_co_instructor(signed(LEAD), id, CO3),
				Error::<Test>::TooManyCoInstructors
			);
		});
	}

	#[test]
	fn add_co_instructor_to_an_unknown_course_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(Courses::add_co_instructor(signed(LEAD), 3, CO), Error::<Test>::NotFound);
		});
	}

	#[test]
	fn remove_co_instructor_removes_the_instructor() {
		ExtBuilder.build_and_execute(|| {
			let id = with_co_instructor(CO);
			assert_ok!(Courses::add_co_instructor(signed(LEAD), id, CO2));
			assert_ok!(Courses::remove_co_instructor(signed(LEAD), id, CO));

			System::assert_last_event(
				Event::CoInstructorRemoved { course: id, instructor: CO }.into(),
			);
			assert_eq!(course(id).co_instructors.to_vec(), vec![CO2]);
			assert_noop!(
				Courses::publish_guide(signed(CO), id, other_guide()),
				Error::<Test>::NotAuthorized
			);
		});
	}

	#[test]
	fn remove_co_instructor_by_someone_but_the_lead_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = with_co_instructor(CO);
			assert_noop!(
				Courses::remove_co_instructor(signed(CO), id, CO),
				Error::<Test>::NotAuthorized
			);
		});
	}

	#[test]
	fn remove_co_instructor_who_is_not_one_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = with_co_instructor(CO);
			assert_noop!(
				Courses::remove_co_instructor(signed(LEAD), id, CO2),
				Error::<Test>::NotFound
			);
			assert_noop!(
				Courses::remove_co_instructor(signed(LEAD), id, LEAD),
				Error::<Test>::NotFound
			);
			assert_noop!(
				Courses::remove_co_instructor(signed(LEAD), 9, CO),
				Error::<Test>::NotFound
			);
		});
	}
}

mod invite {
	use super::*;

	#[test]
	fn invite_records_invitations_and_reports_the_actual_weight() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			let result = Courses::invite(signed(LEAD), id, vec![ALICE, BOB]);

			assert_eq!(
				result,
				Ok(PostDispatchInfo {
					actual_weight: Some(<() as WeightInfo>::invite(2)),
					pays_fee: frame_support::dispatch::Pays::Yes,
				})
			);
			System::assert_last_event(Event::LearnersInvited { course: id, count: 2 }.into());
			assert_eq!(status(id, ALICE), Some(EnrollmentStatus::Invited));
			assert_eq!(status(id, BOB), Some(EnrollmentStatus::Invited));
			assert_eq!(status(id, CHARLIE), None);
		});
	}

	#[test]
	fn an_invitation_makes_a_fresh_account_exist_so_that_it_can_sign() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			assert!(!System::account_exists(&ALICE));
			assert_ok!(Courses::invite(signed(LEAD), id, vec![ALICE]));
			assert!(System::account_exists(&ALICE));
			assert_eq!(System::sufficients(&ALICE), 1);
			// Accepting keeps the one reference; a second course's invitation adds one.
			assert_ok!(Courses::accept_invitation(signed(ALICE), id));
			assert_eq!(System::sufficients(&ALICE), 1);
			let other = create(false);
			assert_ok!(Courses::invite(signed(LEAD), other, vec![ALICE]));
			assert_eq!(System::sufficients(&ALICE), 2);
		});
	}

	#[test]
	fn joining_references_the_account_once_per_course() {
		ExtBuilder.build_and_execute(|| {
			let open = create(true);
			assert_ok!(Courses::join(signed(BOB), open));
			assert_eq!(System::sufficients(&BOB), 1);
			// Invited first, then joined: still one reference for the one entry.
			let other = create(true);
			assert_ok!(Courses::invite(signed(LEAD), other, vec![CHARLIE]));
			assert_ok!(Courses::join(signed(CHARLIE), other));
			assert_eq!(System::sufficients(&CHARLIE), 1);
		});
	}

	#[test]
	fn invite_is_weighed_per_learner() {
		let call = crate::Call::<Test>::invite { course: 0, learners: vec![ALICE, BOB, CHARLIE] };
		let info = frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call);
		assert_eq!(info.call_weight, <() as WeightInfo>::invite(3));
		assert!(<() as WeightInfo>::invite(3).all_gt(<() as WeightInfo>::invite(2)));
	}

	#[test]
	fn invited_but_not_accepted_is_not_enrolled() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			assert_ok!(Courses::invite(signed(LEAD), id, vec![ALICE]));
			assert!(!is_enrolled(id, &ALICE));
		});
	}

	#[test]
	fn invite_of_500_learners_in_one_call_is_accepted() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			let learners: Vec<u64> = (1_000..1_000 + MAX_BATCH as u64).collect();
			assert_eq!(learners.len(), 500);
			assert_ok!(Courses::invite(signed(LEAD), id, learners.clone()));

			System::assert_last_event(Event::LearnersInvited { course: id, count: 500 }.into());
			assert!(learners
				.iter()
				.all(|learner| status(id, *learner) == Some(EnrollmentStatus::Invited)));
		});
	}

	#[test]
	fn invite_of_more_than_the_batch_bound_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			let learners: Vec<u64> = (1_000..1_001 + MAX_BATCH as u64).collect();
			assert_noop!(
				Courses::invite(signed(LEAD), id, learners),
				Error::<Test>::TooManyLearners
			);
		});
	}

	#[test]
	fn invite_of_nobody_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			assert_noop!(Courses::invite(signed(LEAD), id, Vec::new()), Error::<Test>::NoLearners);
		});
	}

	#[test]
	fn invite_names_the_index_of_an_already_invited_learner_and_invites_nobody() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			assert_ok!(Courses::invite(signed(LEAD), id, vec![BOB]));
			assert_noop!(
				Courses::invite(signed(LEAD), id, vec![ALICE, CHARLIE, BOB, 200]),
				Error::<Test>::AlreadyInvited { index: 2 }
			);
			assert_eq!(status(id, ALICE), None);
			assert_eq!(status(id, CHARLIE), None);
		});
	}

	#[test]
	fn invite_names_the_index_of_an_enrolled_learner() {
		ExtBuilder.build_and_execute(|| {
			let id = create(true);
			assert_ok!(Courses::join(signed(BOB), id));
			assert_noop!(
				Courses::invite(signed(LEAD), id, vec![BOB]),
				Error::<Test>::AlreadyInvited { index: 0 }
			);
		});
	}

	#[test]
	fn invite_names_the_index_of_a_learner_listed_twice() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			assert_noop!(
				Courses::invite(signed(LEAD), id, vec![ALICE, BOB, CHARLIE, BOB]),
				Error::<Test>::AlreadyInvited { index: 3 }
			);
		});
	}

	#[test]
	fn invite_names_the_last_index_of_a_full_batch() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			assert_ok!(Courses::invite(signed(LEAD), id, vec![ALICE]));
			let mut learners: Vec<u64> = (1_000..1_000 + MAX_BATCH as u64 - 1).collect();
			learners.push(ALICE);
			assert_noop!(
				Courses::invite(signed(LEAD), id, learners),
				Error::<Test>::AlreadyInvited { index: (MAX_BATCH - 1) as u16 }
			);
		});
	}

	#[test]
	fn the_resubmitted_batch_without_the_offender_is_accepted() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			assert_ok!(Courses::invite(signed(LEAD), id, vec![BOB]));
			let mut learners = vec![ALICE, BOB, CHARLIE];
			assert_noop!(
				Courses::invite(signed(LEAD), id, learners.clone()),
				Error::<Test>::AlreadyInvited { index: 1 }
			);
			learners.remove(1);
			assert_ok!(Courses::invite(signed(LEAD), id, learners));
			System::assert_last_event(Event::LearnersInvited { course: id, count: 2 }.into());
		});
	}

	#[test]
	fn invite_by_a_co_instructor_is_accepted() {
		ExtBuilder.build_and_execute(|| {
			let id = with_co_instructor(CO);
			assert_ok!(Courses::invite(signed(CO), id, vec![ALICE]));
		});
	}

	#[test]
	fn invite_by_someone_else_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			for who in [CO, STRANGER, ALICE] {
				assert_noop!(
					Courses::invite(signed(who), id, vec![BOB]),
					Error::<Test>::NotAuthorized
				);
			}
		});
	}

	#[test]
	fn invite_to_an_unknown_course_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(Courses::invite(signed(LEAD), 4, vec![BOB]), Error::<Test>::NotFound);
		});
	}
}

mod enrollment {
	use super::*;

	#[test]
	fn accept_invitation_enrolls_the_learner() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			assert_ok!(Courses::invite(signed(LEAD), id, vec![ALICE, BOB]));
			assert_ok!(Courses::accept_invitation(signed(ALICE), id));

			System::assert_last_event(
				Event::InvitationAccepted { course: id, learner: ALICE }.into(),
			);
			assert_eq!(status(id, ALICE), Some(EnrollmentStatus::Enrolled));
			assert!(is_enrolled(id, &ALICE));
			assert!(!is_enrolled(id, &BOB));
			assert_eq!(Courses::enrollment(id, &BOB), Some(EnrollmentStatus::Invited));
		});
	}

	#[test]
	fn accept_invitation_without_one_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			assert_noop!(Courses::accept_invitation(signed(ALICE), id), Error::<Test>::NotInvited);
		});
	}

	#[test]
	fn accept_invitation_twice_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			assert_ok!(Courses::invite(signed(LEAD), id, vec![ALICE]));
			assert_ok!(Courses::accept_invitation(signed(ALICE), id));
			assert_noop!(
				Courses::accept_invitation(signed(ALICE), id),
				Error::<Test>::AlreadyEnrolled
			);
		});
	}

	#[test]
	fn accept_invitation_of_an_unknown_course_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(Courses::accept_invitation(signed(ALICE), 5), Error::<Test>::NotFound);
		});
	}

	#[test]
	fn join_enrolls_the_learner_in_an_open_course() {
		ExtBuilder.build_and_execute(|| {
			let id = create(true);
			assert_ok!(Courses::join(signed(ALICE), id));

			System::assert_last_event(Event::LearnerJoined { course: id, learner: ALICE }.into());
			assert!(is_enrolled(id, &ALICE));
		});
	}

	#[test]
	fn join_consumes_an_invitation() {
		ExtBuilder.build_and_execute(|| {
			let id = create(true);
			assert_ok!(Courses::invite(signed(LEAD), id, vec![ALICE]));
			assert_ok!(Courses::join(signed(ALICE), id));
			assert!(is_enrolled(id, &ALICE));
			assert_noop!(
				Courses::accept_invitation(signed(ALICE), id),
				Error::<Test>::AlreadyEnrolled
			);
		});
	}

	#[test]
	fn join_of_a_course_that_is_not_open_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			assert_noop!(Courses::join(signed(ALICE), id), Error::<Test>::NotOpen);
		});
	}

	#[test]
	fn join_twice_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = create(true);
			assert_ok!(Courses::join(signed(ALICE), id));
			assert_noop!(Courses::join(signed(ALICE), id), Error::<Test>::AlreadyEnrolled);
		});
	}

	#[test]
	fn join_of_an_unknown_course_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(Courses::join(signed(ALICE), 0), Error::<Test>::NotFound);
		});
	}

	#[test]
	fn enrollment_needs_a_signed_origin() {
		ExtBuilder.build_and_execute(|| {
			let id = create(true);
			assert_noop!(Courses::join(RuntimeOrigin::none(), id), DispatchError::BadOrigin);
			assert_noop!(
				Courses::accept_invitation(RuntimeOrigin::root(), id),
				DispatchError::BadOrigin
			);
		});
	}
}

mod close_course {
	use super::*;

	#[test]
	fn close_course_closes_it_and_keeps_its_records() {
		ExtBuilder.build_and_execute(|| {
			let id = create(true);
			assert_ok!(Courses::join(signed(ALICE), id));
			assert_ok!(Courses::close_course(signed(LEAD), id));

			System::assert_last_event(Event::CourseClosed { course: id }.into());
			assert!(course(id).closed);
			assert!(<Courses as CourseInspect<u64>>::facts(id, &LEAD, 0).is_some_and(|f| f.closed));
			assert!(is_enrolled(id, &ALICE));
			assert_eq!(Courses::guide(id, 1), Some(guide()));
		});
	}

	#[test]
	fn close_course_by_someone_but_the_lead_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = with_co_instructor(CO);
			assert_noop!(Courses::close_course(signed(CO), id), Error::<Test>::NotAuthorized);
			assert_noop!(Courses::close_course(signed(ALICE), id), Error::<Test>::NotAuthorized);
		});
	}

	#[test]
	fn close_course_of_an_unknown_course_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(Courses::close_course(signed(LEAD), 1), Error::<Test>::NotFound);
		});
	}

	#[test]
	fn every_call_on_a_closed_course_is_rejected() {
		ExtBuilder.build_and_execute(|| {
			let id = create(true);
			assert_ok!(Courses::add_co_instructor(signed(LEAD), id, CO));
			assert_ok!(Courses::invite(signed(LEAD), id, vec![ALICE]));
			assert_ok!(Courses::close_course(signed(LEAD), id));

			assert_noop!(
				Courses::publish_guide(signed(LEAD), id, other_guide()),
				Error::<Test>::CourseClosed
			);
			assert_noop!(
				Courses::add_co_instructor(signed(LEAD), id, CO2),
				Error::<Test>::CourseClosed
			);
			assert_noop!(
				Courses::remove_co_instructor(signed(LEAD), id, CO),
				Error::<Test>::CourseClosed
			);
			assert_noop!(Courses::invite(signed(LEAD), id, vec![BOB]), Error::<Test>::CourseClosed);
			assert_noop!(
				Courses::accept_invitation(signed(ALICE), id),
				Error::<Test>::CourseClosed
			);
			assert_noop!(Courses::join(signed(BOB), id), Error::<Test>::CourseClosed);
			assert_noop!(Courses::close_course(signed(LEAD), id), Error::<Test>::CourseClosed);
			// Whoever calls: the closure is reported first.
			assert_noop!(
				Courses::publish_guide(signed(STRANGER), id, other_guide()),
				Error::<Test>::CourseClosed
			);
			assert_noop!(
				Courses::invite(signed(CHARLIE), id, vec![BOB]),
				Error::<Test>::CourseClosed
			);
		});
	}
}

mod course_inspect {
	use super::*;

	#[test]
	fn course_inspect_answers_from_the_course() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			type Inspect = Courses;
			assert!(Inspect::exists(id));
			assert_eq!(Inspect::current_guide_version(id), Some(1));
			assert_eq!(
				Inspect::assessment(id, 1, 0),
				Some(assessment(AssessmentKind::Lesson, 5, 25, 10, 5))
			);
			assert_eq!(Inspect::assessment(id, 1, 3), None);
			assert_eq!(Inspect::assessment(id, 2, 0), None);
			let unit = Inspect::unit(id, 1).expect("the second unit");
			assert_eq!(unit.skill.to_vec(), b"esco:S1.2.2".to_vec());
			assert_eq!(unit.title.to_vec(), b"graphs".to_vec());
			assert_eq!(Inspect::unit(id, 2), None);
		});
	}

	#[test]
	fn facts_answer_in_one_read_what_the_single_queries_answer() {
		ExtBuilder.build_and_execute(|| {
			let id = create(false);
			type Inspect = Courses;
			let facts = Inspect::facts(id, &LEAD, 1).expect("the course exists");
			assert_eq!(facts.institution, UNIVERSITY);
			assert!(!facts.closed);
			assert!(facts.is_instructor);
			assert_eq!(facts.cip_code.as_bytes().to_vec(), b"11.0701".to_vec());
			assert_eq!(facts.guide_version, 1);
			assert_eq!(facts.unit_skill.map(|skill| skill.to_vec()), Some(b"esco:S1.2.2".to_vec()));
			// Another caller and a unit the course does not have.
			let facts = Inspect::facts(id, &ALICE, 2).expect("the course exists");
			assert!(!facts.is_instructor);
			assert_eq!(facts.unit_skill, None);
			// A closed course says so; an unknown course has no facts.
			assert_ok!(Courses::close_course(RuntimeOrigin::signed(LEAD), id));
			assert!(Inspect::facts(id, &LEAD, 0).expect("still exists").closed);
			assert!(Inspect::facts(id + 1, &LEAD, 0).is_none());
		});
	}

	#[test]
	fn course_inspect_answers_none_for_an_unknown_course() {
		ExtBuilder.build_and_execute(|| {
			type Inspect = Courses;
			assert!(!Inspect::exists(0));
			assert!(Inspect::facts(0, &LEAD, 0).is_none());
			assert_eq!(Inspect::current_guide_version(0), None);
			assert_eq!(Inspect::assessment(0, 1, 0), None);
			assert_eq!(Inspect::unit(0, 0), None);
			assert!(!Inspect::is_enrolled(0, &ALICE));
		});
	}

	#[cfg(feature = "runtime-benchmarks")]
	#[test]
	fn benchmark_helpers_create_a_course_and_enroll_a_learner() {
		ExtBuilder.build_and_execute(|| {
			type Inspect = Courses;
			let id = Inspect::create_for_benchmarks(&77, &78).expect("created");
			assert!(is_instructor(id, &78));
			assert_eq!(course(id).units.len() as u32, MAX_UNITS);
			assert_ok!(Inspect::enroll_for_benchmarks(id, &ALICE));
			assert!(Inspect::is_enrolled(id, &ALICE));
			assert_noop!(Inspect::enroll_for_benchmarks(id + 1, &ALICE), Error::<Test>::NotFound);
		});
	}
}

mod invariants {
	use super::*;

	fn broken(mutate: impl FnOnce(CourseId)) -> bool {
		let mut broken = false;
		ExtBuilder.build().execute_with(|| {
			let id = with_co_instructor(CO);
			assert_ok!(Courses::publish_guide(signed(LEAD), id, other_guide()));
			assert_ok!(Courses::invite(signed(LEAD), id, vec![ALICE]));
			assert_ok!(Courses::do_try_state());
			mutate(id);
			broken = Courses::do_try_state().is_err();
		});
		broken
	}

	fn edit(id: CourseId, change: impl FnOnce(&mut Course<Test>)) {
		crate::Courses::<Test>::mutate(id, |record| {
			if let Some(record) = record {
				change(record);
			}
		});
	}

	#[test]
	fn try_state_detects_a_missing_version() {
		assert!(broken(|id| ScoringGuides::<Test>::remove(id, 1)));
		assert!(broken(|id| edit(id, |record| record.guide_version = 3)));
		assert!(broken(|id| edit(id, |record| record.guide_version = 0)));
	}

	#[test]
	fn try_state_detects_an_unpublished_version() {
		assert!(broken(|id| edit(id, |record| record.guide_version = 1)));
	}

	#[test]
	fn try_state_detects_an_overflowing_or_empty_guide() {
		let overflowing = vec![assessment(AssessmentKind::Task, u32::MAX, 1, 0, 0)];
		assert!(broken(|id| ScoringGuides::<Test>::insert(
			id,
			2,
			GuideOf::<Test>::truncate_from(overflowing)
		)));
		assert!(broken(|id| ScoringGuides::<Test>::insert(id, 2, GuideOf::<Test>::new())));
	}

	#[test]
	fn try_state_detects_the_lead_as_co_instructor() {
		assert!(broken(|id| edit(id, |record| {
			record.co_instructors = sp_runtime::BoundedVec::truncate_from(vec![LEAD]);
		})));
		assert!(broken(|id| edit(id, |record| {
			record.co_instructors = sp_runtime::BoundedVec::truncate_from(vec![CO, CO]);
		})));
	}

	#[test]
	fn try_state_detects_a_course_id_not_below_the_counter() {
		assert!(broken(|_| NextCourseId::<Test>::put(0)));
	}

	#[test]
	fn try_state_detects_orphans() {
		assert!(broken(|id| Enrollments::<Test>::insert(id + 1, ALICE, EnrollmentStatus::Invited)));
		assert!(broken(crate::Courses::<Test>::remove));
	}
}

#[test]
fn integrity_test_accepts_the_mock_bounds() {
	ExtBuilder.build().execute_with(|| {
		<Courses as frame_support::traits::Hooks<u64>>::integrity_test();
	});
}

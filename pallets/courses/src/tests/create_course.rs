//! `create_course`: the course, its units and version 1 of its guide.

use super::*;

fn create_with(
	cip: &[u8],
	units: UnitsOf<Test>,
	guide: GuideOf<Test>,
) -> Result<(), DispatchError> {
	Courses::create_course(
		signed(LEAD),
		UNIVERSITY,
		bounded(b"Algorithms"),
		bounded(cip),
		units,
		guide,
		false,
	)
	.map(|_| ())
}

#[test]
fn create_course_records_the_course_its_units_and_version_1_of_its_guide() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Courses::create_course(
			signed(LEAD),
			UNIVERSITY,
			bounded(b"Algorithms"),
			bounded(b"11.0701"),
			units(),
			worked_example_guide(),
			true
		));

		System::assert_has_event(
			Event::CourseCreated { course: 0, institution: UNIVERSITY, lead: LEAD }.into(),
		);
		System::assert_last_event(Event::GuideVersionPublished { course: 0, version: 1 }.into());
		let record = course(0);
		assert_eq!(record.institution, UNIVERSITY);
		assert_eq!(record.lead, LEAD);
		assert!(record.co_instructors.is_empty());
		assert_eq!(record.title.to_vec(), b"Algorithms".to_vec());
		assert_eq!(record.cip_code.as_bytes(), b"11.0701");
		assert_eq!(record.cip_code.series(), b"11");
		assert_eq!(record.unit_count, 5);
		assert!(record.open_enrollment);
		assert_eq!(record.status, CourseStatus::Open);
		assert_eq!(record.guide_version, 1);
		assert_eq!(
			Units::<Test>::get(0, 1).map(|unit| unit.skill.to_vec()),
			Some(b"esco:searching".to_vec())
		);
		assert_eq!(Courses::guide(0, 1), Some(worked_example_guide().into_inner()));
		assert_eq!(NextCourseId::<Test>::get(), 1);
	});
}

#[test]
fn the_worked_example_guide_totals_100_learner_points() {
	ExtBuilder::default().build_and_execute(|| {
		create(false);
		let summary = Guides::<Test>::get(0, 1).expect("published");
		assert_eq!(summary.assessments, 3);
		assert_eq!(summary.learner_totals, LearnerPoints { attendance: 15, score: 60, help: 25 });
		assert_eq!(summary.learner_totals.total(), Some(100));
		assert_eq!(summary.feedback_total, 10);
		assert_eq!(summary.published_at, 1);
		// Lesson 1's maxima are the sums of its two units' shares: 5 / 25 / 10.
		let lesson = Assessments::<Test>::get((0, 1, 0)).expect("lesson 1");
		assert_eq!(lesson.totals(), Some(LearnerPoints { attendance: 5, score: 25, help: 10 }));
		assert_eq!(lesson.share(0), Some(&LearnerPoints { attendance: 3, score: 15, help: 5 }));
		assert_eq!(lesson.share(2), None);
	});
}

#[test]
fn create_course_when_every_course_id_is_taken_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		NextCourseId::<Test>::put(CourseId::MAX);
		assert_noop!(
			create_with(b"11.0701", units(), worked_example_guide()),
			Error::<Test>::NoCourseIdLeft
		);
		assert!(!crate::pallet::Courses::<Test>::contains_key(CourseId::MAX));
	});
}

#[test]
fn course_ids_are_sequential() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(create(false), 0);
		assert_eq!(create(true), 1);
		assert_eq!(NextCourseId::<Test>::get(), 2);
	});
}

#[test]
fn create_course_with_the_longest_inputs_is_accepted() {
	ExtBuilder::default().build_and_execute(|| {
		let unit = UnitOfCompetency {
			skill: bounded(&[b's'; MAX_SKILL_ID_LEN as usize]),
			title: bounded(&[b't'; MAX_UNIT_TITLE_LEN as usize]),
		};
		let units = BoundedVec::truncate_from(vec![unit; MAX_UNITS as usize]);
		let all_units: Vec<UnitShare> = (0..MAX_UNITS_PER_ASSESSMENT as UnitIndex)
			.map(|unit| share(unit, 25, 25, 25))
			.collect();
		let full = assessment(AssessmentKind::Task, all_units, MAX_ASSESSMENT_POINTS);
		let longest = guide(vec![full; MAX_ASSESSMENTS as usize]);
		assert_ok!(Courses::create_course(
			signed(LEAD),
			UNIVERSITY,
			bounded(&[b'x'; MAX_TITLE_LEN as usize]),
			bounded(b"11.0701"),
			units,
			longest,
			false
		));
		let summary = Guides::<Test>::get(0, 1).expect("published");
		assert_eq!(summary.learner_totals.attendance, 400);
	});
}

#[test]
fn create_course_for_an_institution_that_is_not_accredited_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		// LEAD instructs SUSPENDED, which is not accredited.
		assert_noop!(
			Courses::create_course(
				signed(LEAD),
				SUSPENDED,
				bounded(b"Algorithms"),
				bounded(b"11.0701"),
				units(),
				worked_example_guide(),
				false
			),
			Error::<Test>::NotAccredited
		);
		// Nor for an account that is no institution at all.
		assert_noop!(
			Courses::create_course(
				signed(LEAD),
				ALICE,
				bounded(b"Algorithms"),
				bounded(b"11.0701"),
				units(),
				worked_example_guide(),
				false
			),
			Error::<Test>::NotAccredited
		);
	});
}

#[test]
fn create_course_by_someone_who_is_not_an_instructor_of_the_institution_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [STRANGER, ALICE, UNIVERSITY] {
			assert_noop!(
				Courses::create_course(
					signed(who),
					UNIVERSITY,
					bounded(b"Algorithms"),
					bounded(b"11.0701"),
					units(),
					worked_example_guide(),
					false
				),
				Error::<Test>::NotInstitutionInstructor
			);
		}
	});
}

#[test]
fn an_instructor_the_institution_removed_cannot_create_courses() {
	ExtBuilder::default().build_and_execute(|| {
		MockRegistry::remove_instructor(UNIVERSITY, CO);
		assert_noop!(
			Courses::create_course(
				signed(CO),
				UNIVERSITY,
				bounded(b"Algorithms"),
				bounded(b"11.0701"),
				units(),
				worked_example_guide(),
				false
			),
			Error::<Test>::NotInstitutionInstructor
		);
	});
}

#[test]
fn create_course_needs_a_signed_origin() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Courses::create_course(
				RuntimeOrigin::none(),
				UNIVERSITY,
				bounded(b"Algorithms"),
				bounded(b"11.0701"),
				units(),
				worked_example_guide(),
				false
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn create_course_with_an_empty_title_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Courses::create_course(
				signed(LEAD),
				UNIVERSITY,
				bounded(b""),
				bounded(b"11.0701"),
				units(),
				worked_example_guide(),
				false
			),
			Error::<Test>::EmptyTitle
		);
	});
}

#[test]
fn an_over_long_title_does_not_decode() {
	use codec::Decode;
	// The call's parameter is bounded: the pool cannot even decode a longer title, so such a
	// transaction is refused before it costs the chain anything.
	let long = vec![b'x'; MAX_TITLE_LEN as usize + 1];
	let encoded = codec::Encode::encode(&long);
	assert!(TitleOf::<Test>::decode(&mut &encoded[..]).is_err());
	let fits = codec::Encode::encode(&vec![b'x'; MAX_TITLE_LEN as usize]);
	assert!(TitleOf::<Test>::decode(&mut &fits[..]).is_ok());
}

#[test]
fn valid_cip_codes_are_accepted() {
	ExtBuilder::default().build_and_execute(|| {
		for cip in [&b"11"[..], b"11.07", b"11.0701", b"52.0201"] {
			assert_ok!(create_with(cip, units(), worked_example_guide()));
		}
	});
}

#[test]
fn invalid_cip_codes_are_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		for cip in [
			&b""[..],
			b"1",
			b"111",
			b"11.",
			b"11.0",
			b"11.070",
			b"ab.cdef",
			b"11-0701",
			b"11.07a1",
			b".110701",
		] {
			assert_noop!(
				create_with(cip, units(), worked_example_guide()),
				Error::<Test>::InvalidCipCode
			);
		}
	});
}

#[test]
fn cip_code_parse_follows_the_cip_2020_shapes() {
	assert_eq!(CipCode::parse(b"11.0701").map(|code| code.series().to_vec()), Some(b"11".to_vec()));
	assert!(CipCode::parse(b"11.07").is_some());
	assert!(CipCode::parse(b"11").is_some());
	assert!(CipCode::parse(b"11.070").is_none());
}

#[test]
fn create_course_without_units_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			create_with(b"11.0701", BoundedVec::new(), worked_example_guide()),
			Error::<Test>::NoUnits
		);
	});
}

#[test]
fn create_course_with_an_empty_skill_identifier_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let mut list = units().into_inner();
		list[2].skill = BoundedVec::new();
		assert_noop!(
			create_with(b"11.0701", BoundedVec::truncate_from(list), worked_example_guide()),
			Error::<Test>::EmptySkillId
		);
	});
}

#[test]
fn create_course_checks_its_guide_against_its_units() {
	ExtBuilder::default().build_and_execute(|| {
		// The worked example's guide names units 0 to 3: a course of two units has no unit 2.
		let two = BoundedVec::truncate_from(units().into_inner()[..2].to_vec());
		assert_noop!(
			create_with(b"11.0701", two, worked_example_guide()),
			Error::<Test>::UnknownUnitInAssessment { index: 1 }
		);
	});
}

//! Step 5, `award`: score and help points per unit, within each unit's share; Score tokens and
//! each learner's Help.

use super::*;

fn responded() -> ExtBuilder {
	let both = || {
		vec![
			unit_at(SORTING, Stage::Responded, (3, 0, 0)),
			unit_at(SEARCHING, Stage::Responded, (2, 0, 0)),
		]
	};
	ExtBuilder::default().with_record(ALICE, 0, both()).with_record(BOB, 0, both())
}

#[test]
fn award_mints_a_score_token_per_unit_and_each_learners_help_once() {
	responded().build_and_execute(|| {
		run_to(8);
		let result = award(
			CO,
			0,
			&[SORTING, SEARCHING],
			&[(ALICE, &[(12, 3), (8, 2)]), (BOB, &[(15, 5), (10, 5)])],
		);
		assert_eq!(result.map(|info| info.actual_weight), Ok(Some(award_weight::<Test>(2, 2))));

		System::assert_last_event(
			Event::Awarded {
				course: 0,
				assessment: 0,
				instructor: CO,
				units: units(&[SORTING, SEARCHING]),
				learners: BoundedVec::truncate_from(vec![ALICE, BOB]),
				first_token: 0,
			}
			.into(),
		);
		// Token of learner i and unit j: first + i * 2 + j.
		let expected = [
			(ALICE, SORTING, 12, 3),
			(ALICE, SEARCHING, 8, 2),
			(BOB, SORTING, 15, 5),
			(BOB, SEARCHING, 10, 5),
		];
		for (id, (learner, unit, score, help)) in (0..).zip(expected) {
			let view = token(id);
			assert_eq!(
				(view.kind, view.holder, view.unit),
				(TokenKind::Score, learner, Some(unit))
			);
			assert_eq!(
				(view.points, view.help, view.instructor, view.issued_at),
				(score, help, CO, 8)
			);
		}
		assert_eq!((help_of(ALICE), help_of(BOB)), (5, 10));
		// One mint per learner, not per unit.
		let issued = System::events()
			.iter()
			.filter(|record| {
				matches!(record.event, RuntimeEvent::Assets(pallet_assets::Event::Issued { .. }))
			})
			.count();
		assert_eq!(issued, 2);
		let alice = record(ALICE, 0).expect("a record");
		assert_eq!(
			alice.units[1].awarded,
			Some(Award { instructor: CO, block: 8, score: 8, help: 2, token: 1 })
		);
	});
}

#[test]
fn the_guide_holds_for_the_whole_assessment() {
	// DOMAIN: lesson 1 covers sorting (score 15) and searching (score 10): a learner may earn
	// 12 + 8 in it, never 20 + 20; and help 5 + 5, never more.
	responded().build_and_execute(|| {
		assert_noop!(
			error_of(award(LEAD, 0, &[SORTING, SEARCHING], &[(ALICE, &[(20, 0), (20, 0)])])),
			Error::<Test>::ScoreAboveMaximum { index: 0, unit: short(SORTING) }
		);
		assert_noop!(
			error_of(award(
				LEAD,
				0,
				&[SORTING, SEARCHING],
				&[(ALICE, &[(12, 5), (8, 2)]), (BOB, &[(15, 5), (11, 5)])]
			)),
			Error::<Test>::ScoreAboveMaximum { index: 1, unit: short(SEARCHING) }
		);
		assert_noop!(
			error_of(award(LEAD, 0, &[SORTING, SEARCHING], &[(ALICE, &[(12, 6), (8, 2)])])),
			Error::<Test>::HelpAboveMaximum { index: 0, unit: short(SORTING) }
		);
		assert_ok!(award(LEAD, 0, &[SORTING, SEARCHING], &[(ALICE, &[(15, 5), (10, 5)])]));
		let earned: u32 = record(ALICE, 0)
			.expect("a record")
			.units
			.iter()
			.filter_map(|unit| unit.awarded.as_ref().map(|award| award.score))
			.sum();
		assert_eq!(earned, 25, "the lesson's maximum, and no more");
	});
}

#[test]
fn award_names_the_learner_and_unit_that_are_not_ready_or_done() {
	ExtBuilder::default()
		.with_record(
			ALICE,
			0,
			vec![
				unit_at(SORTING, Stage::Responded, (3, 0, 0)),
				unit_at(SEARCHING, Stage::Assessed, (2, 0, 0)),
			],
		)
		.with_record(BOB, 0, vec![unit_at(SORTING, Stage::Awarded, (3, 10, 1))])
		.build_and_execute(|| {
			assert_noop!(
				error_of(award(LEAD, 0, &[SORTING, SEARCHING], &[(ALICE, &[(1, 1), (1, 1)])])),
				Error::<Test>::NotResponded { index: 0, unit: short(SEARCHING) }
			);
			assert_noop!(
				error_of(award(LEAD, 0, &[SORTING], &[(ALICE, &[(1, 1)]), (BOB, &[(1, 1)])])),
				Error::<Test>::AlreadyAwarded { index: 1, unit: short(SORTING) }
			);
			assert_noop!(
				error_of(award(LEAD, 0, &[SORTING], &[(ALICE, &[(1, 1)]), (CHARLIE, &[(1, 1)])])),
				Error::<Test>::NotConveyed { index: 1, unit: short(SORTING) }
			);
			assert_noop!(
				error_of(award(LEAD, 0, &[SORTING], &[(ALICE, &[(1, 1), (1, 1)])])),
				Error::<Test>::WrongPointCount { index: 0 }
			);
			assert_noop!(
				error_of(award(LEAD, 0, &[SORTING], &[(ALICE, &[(1, 1)]), (ALICE, &[(1, 1)])])),
				Error::<Test>::DuplicateLearner { index: 1 }
			);
			assert_noop!(error_of(award(LEAD, 0, &[SORTING], &[])), Error::<Test>::NoLearners);
			assert_noop!(
				error_of(award(LEAD, 0, &[SORTING, SORTING], &[(ALICE, &[(1, 1), (1, 1)])])),
				Error::<Test>::DuplicateUnit { unit: short(SORTING) }
			);
		});
}

#[test]
fn a_failed_award_mints_nothing_and_pays_up_to_the_offender() {
	responded().build_and_execute(|| {
		let failed = award(LEAD, 0, &[SORTING], &[(ALICE, &[(1, 1)]), (BOB, &[(99, 1)])])
			.expect_err("over the share");
		assert_eq!(failed.post_info.actual_weight, Some(award_weight::<Test>(2, 1)));
		assert_eq!(pallet_tokens::NextTokenId::<Test>::get(), 0);
		assert_eq!(help_of(ALICE), 0);
	});
}

#[test]
fn an_award_of_zero_help_mints_no_help() {
	responded().build_and_execute(|| {
		assert_ok!(award(LEAD, 0, &[SORTING], &[(ALICE, &[(10, 0)])]));
		assert_eq!(help_of(ALICE), 0);
		assert!(!System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::Assets(pallet_assets::Event::Issued { .. })
		)));
	});
}

#[test]
fn a_learner_is_held_to_the_shares_of_the_version_they_follow() {
	responded().build_and_execute(|| {
		// Version 2 lowers sorting's score share to 5; Alice started lesson 1 under version 1.
		let mut second = worked_example_guide();
		second[0].units[0].max.score = 5;
		seed_guide(0, 2, second);
		pallet_courses::Courses::<Test>::mutate(0, |course| {
			if let Some(course) = course {
				course.guide_version = 2;
			}
		});
		assert_ok!(award(LEAD, 0, &[SORTING], &[(ALICE, &[(15, 5)])]));
		assert_eq!(token(0).guide_version, 1);
	});
}

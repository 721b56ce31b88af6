//! What wallets and verifiers read: pending steps, records, tokens and profiles, page by page.

use super::*;
use crate::queries::ProfilePage;
use pallet_courses::{EnrollmentStatus, Page};

/// Every page of a list, from the first, `limit` at a time.
fn all_pages<Item, Cursor: Clone>(
	limit: u32,
	mut page: impl FnMut(Option<Cursor>, u32) -> Page<Item, Cursor>,
) -> Vec<Item> {
	let mut items = Vec::new();
	let mut cursor = None;
	for _ in 0..1_000 {
		let next = page(cursor.clone(), limit);
		// A position is an enrollment, a record (at most 2 tokens or 2 pending steps per unit)
		// or an instructor's token.
		assert!(next.items.len() <= 2 * MAX_UNITS_PER_ASSESSMENT as usize * limit as usize);
		items.extend(next.items);
		match next.next {
			Some(at) => cursor = Some(at),
			None => return items,
		}
	}
	panic!("the pages never end");
}

#[test]
fn pending_lists_what_awaits_the_learners_signature_with_the_call_to_make() {
	class().build_and_execute(|| {
		// Course 1: Alice is invited.
		seed_course(1, 1, worked_example_guide());
		pallet_courses::Enrollments::<Test>::insert(ALICE, 1, EnrollmentStatus::Invited);
		System::inc_sufficients(&ALICE);
		// Course 0: lesson 1's two units conveyed; lesson 2's graphs assessed and trees
		// awarded by the co-instructor; the final's sorting awarded (no feedback to give).
		assert_ok!(convey(LEAD, 0, &[SORTING, SEARCHING], &[(ALICE, &[1, 1])]));
		advance(&[ALICE], 1, &[GRAPHS], Stage::Assessed);
		advance(&[ALICE], 1, &[TREES], Stage::Responded);
		assert_ok!(award(CO, 1, &[TREES], &[(ALICE, &[(5, 1)])]));
		advance(&[ALICE], 2, &[SORTING], Stage::Awarded);

		let mut pending = all_pages(1, |cursor, limit| Lifecycle::pending(&ALICE, cursor, limit));
		pending.sort_by_key(|item| (item.course, item.assessment));
		assert_eq!(
			pending,
			vec![
				Pending {
					course: 0,
					assessment: Some(0),
					step: PendingStep::Acquire { units: vec![SORTING, SEARCHING] }
				},
				Pending {
					course: 0,
					assessment: Some(1),
					step: PendingStep::Respond { units: vec![GRAPHS] }
				},
				Pending {
					course: 0,
					assessment: Some(1),
					step: PendingStep::Rate { instructor: CO, max_points: 5 }
				},
				Pending { course: 1, assessment: None, step: PendingStep::AcceptInvitation },
			]
		);
		// Once acknowledged, the lesson awaits nothing more of Alice until it is assessed.
		assert_ok!(acquire(ALICE, 0, &[SORTING, SEARCHING]));
		let pending = Lifecycle::pending(&ALICE, None, 100);
		assert_eq!(pending.next, None);
		assert!(!pending.items.iter().any(|item| item.assessment == Some(0)));
		assert!(Lifecycle::pending(&DAVE, None, 100).items.is_empty());
	});
}

#[test]
fn lifecycles_show_each_units_stage_steps_and_corrections() {
	class().build_and_execute(|| {
		advance(&[ALICE], 0, &[SORTING, SEARCHING], Stage::Awarded);
		advance(&[ALICE], 1, &[GRAPHS], Stage::Conveyed);
		let records = all_pages(1, |cursor, limit| Lifecycle::lifecycles(&ALICE, cursor, limit));
		assert_eq!(records.len(), 2);
		let lesson = records.iter().find(|view| view.assessment == 0).expect("lesson 1");
		assert_eq!(
			lesson.units.iter().map(|unit| unit.stage).collect::<Vec<_>>(),
			vec![Stage::Awarded; 2]
		);
		assert!(lesson.units.iter().all(|unit| unit.corrections.is_empty()));
		assert_eq!(Lifecycle::lifecycle(0, &ALICE, 0).as_ref(), Some(lesson));
		assert_eq!(Lifecycle::lifecycle(0, &BOB, 0), None);
	});
}

#[test]
fn tokens_of_a_learner_and_an_instructor_are_listed_page_by_page() {
	ExtBuilder::default()
		.with_course(0)
		.with_course(1)
		.with_learners(0, &[ALICE, BOB])
		.with_learners(1, &[ALICE])
		.build_and_execute(|| {
			advance(&[ALICE, BOB], 0, &[SORTING, SEARCHING], Stage::Awarded);
			advance(&[ALICE, BOB], 1, &[GRAPHS], Stage::Acquired);
			assert_ok!(rate(ALICE, 0, LEAD, 5));
			assert_ok!(rate(BOB, 0, LEAD, 3));
			// Course 1, Alice only.
			let entry = ConveyTo { learner: ALICE, attendance: BoundedVec::truncate_from(vec![3]) };
			assert_ok!(Lifecycle::convey(
				signed(LEAD),
				1,
				0,
				units(&[SORTING]),
				BoundedVec::truncate_from(vec![entry])
			));
			assert_ok!(Lifecycle::acquire(signed(ALICE), 1, 0, units(&[SORTING])));

			for limit in [1, 2, 100] {
				let mut alice: Vec<_> =
					all_pages(limit, |cursor, limit| Lifecycle::tokens_of(&ALICE, cursor, limit))
						.into_iter()
						.map(|view| (view.course, view.kind, view.unit))
						.collect();
				alice.sort();
				assert_eq!(
					alice,
					vec![
						(0, TokenKind::Attendance, Some(SORTING)),
						(0, TokenKind::Attendance, Some(SEARCHING)),
						(0, TokenKind::Attendance, Some(GRAPHS)),
						(0, TokenKind::Score, Some(SORTING)),
						(0, TokenKind::Score, Some(SEARCHING)),
						(1, TokenKind::Attendance, Some(SORTING)),
					],
					"limit {limit}"
				);
				let lead =
					all_pages(limit, |cursor, limit| Lifecycle::tokens_of(&LEAD, cursor, limit));
				assert_eq!(lead.len(), 2, "the two ratings");
				assert!(lead
					.iter()
					.all(|view| view.kind == TokenKind::InstructorScore && view.holder == LEAD));
			}

			let course =
				all_pages(1, |cursor, limit| Lifecycle::tokens_of_course(0, cursor, limit));
			// 2 learners × (2 attendance + 2 score + 1 attendance) + 2 ratings.
			assert_eq!(course.len(), 12);
			assert!(course.iter().all(|view| view.course == 0));
			assert_eq!(Lifecycle::tokens_of_course(1, None, 100).items.len(), 1);
			assert!(Lifecycle::tokens_of_course(9, None, 100).items.is_empty());
		});
}

#[test]
fn the_skill_profile_adds_up_over_its_pages() {
	class().build_and_execute(|| {
		advance(&[ALICE], 0, &[SORTING, SEARCHING], Stage::Awarded);
		advance(&[ALICE], 1, &[GRAPHS], Stage::Awarded);
		let mut by_cip = std::collections::BTreeMap::<Vec<u8>, pallet_tokens::Totals>::new();
		let mut cursor = None;
		loop {
			let ProfilePage { profile: part, next } = Lifecycle::skill_profile(&ALICE, cursor, 1);
			for (cip, totals) in part.by_cip {
				let sum = by_cip.entry(cip).or_default();
				*sum = sum.saturating_add(&totals);
			}
			match next {
				Some(at) => cursor = Some(at),
				None => break,
			}
		}
		let totals = by_cip.get(b"11.0701".as_slice()).copied().expect("the course's CIP code");
		// Lesson 1 (3+2, 15+10, 5+5) and graphs of lesson 2 (3, 15, 5).
		assert_eq!((totals.attendance, totals.score, totals.help, totals.tokens), (8, 40, 15, 6));
		let whole = Lifecycle::skill_profile(&ALICE, None, 100);
		assert_eq!(whole.next, None);
		assert_eq!(whole.profile.by_cip, vec![(b"11.0701".to_vec(), totals)]);
		assert_eq!(whole.profile.by_skill.len(), 3, "sorting, searching, graphs");
	});
}

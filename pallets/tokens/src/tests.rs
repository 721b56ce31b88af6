//! Tests of the tokens pallet, by action. Each test runs in `ExtBuilder::build_and_execute`,
//! which checks every invariant of the pallet afterwards. Tokens are issued through
//! [`TokenLedger`] as the lifecycle pallet issues them; their course (and so their institution,
//! CIP code and skill) is one the mock seeds.

use crate::{
	mock::*,
	pallet::{
		Error, Event, InstructorTokens, NextTokenId, ReasonOf, TokenDataOf, Tokens as TokensMap,
	},
	types::*,
	weights::WeightInfo,
	TokenLedger,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Hooks},
	BoundedVec,
};
use sp_runtime::{ArithmeticError, DispatchError};

type Help = <Test as crate::Config>::Help;

const CS: &[u8] = b"11.0701";
const SORTING: &[u8] = b"esco:sorting";
const SEARCHING: &[u8] = b"esco:searching";

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// A token of `ALGORITHMS` unit 0 (sorting), assessment 1, guide version 1, of `learner`, with
/// `TEACHER` as its instructor.
fn data(learner: u64, kind: TokenKind, points: u32, help: u32) -> TokenDataOf<Test> {
	TokenData {
		kind,
		learner,
		instructor: TEACHER,
		points,
		help,
		course: ALGORITHMS,
		assessment: 1,
		unit: if kind == TokenKind::InstructorScore { None } else { Some(0) },
		guide_version: 1,
	}
}

/// Issues `token` and, for a Score token, mints its Help, as the lifecycle pallet does.
fn issue(token: TokenDataOf<Test>) -> TokenId {
	let help = token.help;
	let learner = token.learner;
	let id = <Tokens as TokenLedger<u64, u64>>::issue(vec![token]).expect("issued");
	assert_ok!(<Tokens as TokenLedger<u64, u64>>::mint_help(&learner, help));
	id
}

fn help_of(who: u64) -> u64 {
	Help::balance(&who)
}

fn reason() -> ReasonOf<Test> {
	BoundedVec::truncate_from(b"entered for the wrong learner".to_vec())
}

fn revocation(id: TokenId) -> Option<Revocation<u64, <Test as crate::Config>::MaxReasonLen>> {
	TokensMap::<Test>::get(id).and_then(|record| record.revocation)
}

fn run_to(block: u64) {
	System::set_block_number(block);
}

fn totals(attendance: u64, score: u64, help: u64, instructor_score: u64, tokens: u32) -> Totals {
	Totals { attendance, score, help, instructor_score, tokens }
}

mod issue {
	use super::*;

	#[test]
	fn a_batch_gets_consecutive_ids_and_stores_only_what_tokens_know() {
		ExtBuilder.build_and_execute(|| {
			run_to(3);
			let batch = vec![
				data(ALICE, TokenKind::Score, 12, 3),
				data(BOB, TokenKind::Score, 8, 2),
				data(ALICE, TokenKind::Attendance, 4, 0),
			];
			let first = <Tokens as TokenLedger<u64, u64>>::issue(batch.clone()).expect("issued");
			assert_eq!(first, 0);
			assert_eq!(NextTokenId::<Test>::get(), 3);
			for (id, expected) in (0..).zip(batch) {
				let record = TokensMap::<Test>::get(id).expect("stored");
				assert_eq!(record.data, expected);
				assert_eq!(record.issued_at, 3);
				assert_eq!(record.revocation, None);
			}
			// Learners' tokens are not indexed here (their lifecycle records hold the ids).
			assert_eq!(InstructorTokens::<Test>::iter().count(), 0);
			// Issuing mints no Help: the lifecycle pallet mints a learner's Help once.
			assert_eq!(help_of(ALICE), 0);
			let next = <Tokens as TokenLedger<u64, u64>>::issue(vec![data(
				BOB,
				TokenKind::Attendance,
				1,
				0,
			)]);
			assert_eq!(next, Ok(3));
		});
	}

	#[test]
	fn an_instructor_score_token_is_held_by_the_instructor_and_indexed_under_them() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(data(ALICE, TokenKind::InstructorScore, 5, 0));
			let record = TokensMap::<Test>::get(id).expect("stored");
			assert_eq!(record.data.holder(), &TEACHER);
			assert!(InstructorTokens::<Test>::contains_key(TEACHER, id));
			assert!(!InstructorTokens::<Test>::contains_key(ALICE, id));
		});
	}

	#[test]
	fn help_is_minted_to_a_learner_with_no_native_balance() {
		ExtBuilder.build_and_execute(|| {
			assert!(!System::account_exists(&ALICE));
			issue(data(ALICE, TokenKind::Score, 20, 5));
			assert_eq!(help_of(ALICE), 5);
			assert!(System::account_exists(&ALICE), "Help is sufficient: the account exists");
			assert_eq!(pallet_balances::Pallet::<Test>::free_balance(ALICE), 0);
			// Minting nothing touches nothing.
			assert_ok!(<Tokens as TokenLedger<u64, u64>>::mint_help(&BOB, 0));
			assert!(!System::account_exists(&BOB));
		});
	}

	#[test]
	fn issue_fails_and_changes_nothing_when_no_token_id_is_left() {
		ExtBuilder.build_and_execute(|| {
			NextTokenId::<Test>::put(TokenId::MAX - 1);
			assert_noop!(
				<Tokens as TokenLedger<u64, u64>>::issue(vec![
					data(ALICE, TokenKind::Attendance, 1, 0),
					data(BOB, TokenKind::Attendance, 1, 0),
				]),
				Error::<Test>::NoTokenIdLeft
			);
			// One id is left: a batch of one fits.
			assert_ok!(<Tokens as TokenLedger<u64, u64>>::issue(vec![data(
				ALICE,
				TokenKind::Attendance,
				1,
				0
			)]));
		});
	}

	#[test]
	fn minting_help_fails_when_the_supply_would_overflow() {
		ExtBuilder.build_and_execute(|| {
			assert_ok!(Assets::mint(signed(HELP_OWNER), HELP, BOB, u64::MAX - 4));
			assert_noop!(
				<Tokens as TokenLedger<u64, u64>>::mint_help(&ALICE, 5),
				ArithmeticError::Overflow
			);
		});
	}
}

mod revoke {
	use super::*;

	#[test]
	fn the_institution_revokes_a_token_of_its_course() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(data(ALICE, TokenKind::Attendance, 4, 0));
			run_to(7);

			assert_ok!(Tokens::revoke(signed(UNIVERSITY), id, reason()));

			assert_eq!(
				revocation(id),
				Some(Revocation {
					by: Revoker::Institution,
					reason: reason(),
					at: 7,
					burned_help: 0,
					unburned_help: 0,
					reopened: false,
				})
			);
			assert_eq!(MockLifecycle::told(), vec![id], "the lifecycle pallet is told");
			System::assert_last_event(
				Event::TokenRevoked {
					token: id,
					holder: ALICE,
					by: Revoker::Institution,
					burned_help: 0,
					unburned_help: 0,
					reopened: false,
				}
				.into(),
			);
		});
	}

	#[test]
	fn the_council_revokes_any_token_even_an_instructor_score() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(data(ALICE, TokenKind::InstructorScore, 5, 0));
			assert_ok!(Tokens::revoke(RuntimeOrigin::root(), id, reason()));
			assert_eq!(revocation(id).map(|revocation| revocation.by), Some(Revoker::Council));
			System::assert_last_event(
				Event::TokenRevoked {
					token: id,
					holder: TEACHER,
					by: Revoker::Council,
					burned_help: 0,
					unburned_help: 0,
					reopened: false,
				}
				.into(),
			);
		});
	}

	#[test]
	fn an_institution_cannot_revoke_the_ratings_of_its_instructors() {
		// The attack: an institution wipes the bad ratings its instructors received.
		ExtBuilder.build_and_execute(|| {
			let id = issue(data(ALICE, TokenKind::InstructorScore, 1, 0));
			assert_noop!(
				Tokens::revoke(signed(UNIVERSITY), id, reason()),
				Error::<Test>::NotRevocableByInstitution
			);
		});
	}

	#[test]
	fn an_institution_that_is_not_accredited_revokes_nothing() {
		// The attack: an institution whose accreditation was revoked wipes every token it ever
		// issued, burning its learners' Help.
		ExtBuilder.build_and_execute(|| {
			let id = issue(data(ALICE, TokenKind::Score, 20, 5));
			MockRegistry::suspend(UNIVERSITY);
			assert_noop!(
				Tokens::revoke(signed(UNIVERSITY), id, reason()),
				Error::<Test>::NotAccredited
			);
			assert_eq!(help_of(ALICE), 5);
			// The Council still may.
			assert_ok!(Tokens::revoke(RuntimeOrigin::root(), id, reason()));
		});
	}

	#[test]
	fn nobody_else_may_revoke() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(data(ALICE, TokenKind::Score, 20, 5));
			// Another institution, the instructor who awarded it, the holder, a stranger.
			for who in [COLLEGE, TEACHER, ALICE, STRANGER] {
				assert_noop!(Tokens::revoke(signed(who), id, reason()), Error::<Test>::NotIssuer);
			}
			assert_noop!(
				Tokens::revoke(RuntimeOrigin::none(), id, reason()),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn an_unknown_token_cannot_be_revoked() {
		ExtBuilder.build_and_execute(|| {
			issue(data(ALICE, TokenKind::Attendance, 4, 0));
			assert_noop!(
				Tokens::revoke(signed(UNIVERSITY), 1, reason()),
				Error::<Test>::UnknownToken
			);
			assert_noop!(
				Tokens::revoke(RuntimeOrigin::root(), 1, reason()),
				Error::<Test>::UnknownToken
			);
		});
	}

	#[test]
	fn a_token_is_revoked_only_once() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(data(ALICE, TokenKind::Score, 20, 5));
			assert_ok!(Tokens::revoke(signed(UNIVERSITY), id, reason()));
			assert_noop!(
				Tokens::revoke(signed(UNIVERSITY), id, reason()),
				Error::<Test>::AlreadyRevoked
			);
			assert_noop!(
				Tokens::revoke(RuntimeOrigin::root(), id, reason()),
				Error::<Test>::AlreadyRevoked
			);
		});
	}

	#[test]
	fn a_revocation_needs_a_reason_and_a_longer_one_does_not_decode() {
		use codec::{Decode, Encode};
		ExtBuilder.build_and_execute(|| {
			let id = issue(data(ALICE, TokenKind::Score, 20, 5));
			assert_noop!(
				Tokens::revoke(signed(UNIVERSITY), id, BoundedVec::new()),
				Error::<Test>::EmptyReason
			);
			let too_long = vec![b'x'; MAX_REASON_LEN as usize + 1].encode();
			assert!(ReasonOf::<Test>::decode(&mut &too_long[..]).is_err());
			let longest = BoundedVec::truncate_from(vec![b'x'; MAX_REASON_LEN as usize]);
			assert_ok!(Tokens::revoke(signed(UNIVERSITY), id, longest.clone()));
			assert_eq!(revocation(id).map(|revocation| revocation.reason), Some(longest));
		});
	}

	#[test]
	fn revoking_a_score_token_burns_the_help_the_learner_kept() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(data(ALICE, TokenKind::Score, 20, 5));

			assert_ok!(Tokens::revoke(signed(UNIVERSITY), id, reason()));

			assert_eq!(help_of(ALICE), 0);
			assert_eq!(Help::total_issuance(), 0);
			let record = revocation(id).expect("revoked");
			assert_eq!((record.burned_help, record.unburned_help), (5, 0));
			assert!(record.reopened, "the mock lifecycle reopens a Score token's award");
			// The learner's only reference was the Help account: it is gone.
			assert!(!System::account_exists(&ALICE));
			System::assert_has_event(
				pallet_assets::Event::Burned { asset_id: HELP, owner: ALICE, balance: 5 }.into(),
			);
			System::assert_last_event(
				Event::TokenRevoked {
					token: id,
					holder: ALICE,
					by: Revoker::Institution,
					burned_help: 5,
					unburned_help: 0,
					reopened: true,
				}
				.into(),
			);
		});
	}

	#[test]
	fn help_passed_on_is_reported_unburned_not_silently_lost() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(data(ALICE, TokenKind::Score, 20, 10));
			assert_ok!(Assets::transfer_keep_alive(signed(ALICE), HELP, BOB, 4));

			assert_ok!(Tokens::revoke(RuntimeOrigin::root(), id, reason()));

			assert_eq!((help_of(ALICE), help_of(BOB)), (0, 4));
			let record = revocation(id).expect("revoked");
			assert_eq!((record.burned_help, record.unburned_help), (6, 4));
			System::assert_last_event(
				Event::TokenRevoked {
					token: id,
					holder: ALICE,
					by: Revoker::Council,
					burned_help: 6,
					unburned_help: 4,
					reopened: true,
				}
				.into(),
			);
		});
	}

	#[test]
	fn revoking_burns_nothing_when_all_help_was_passed_on() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(data(ALICE, TokenKind::Score, 20, 10));
			assert_ok!(Assets::transfer(signed(ALICE), HELP, BOB, 10));
			assert_ok!(Tokens::revoke(signed(UNIVERSITY), id, reason()));
			assert_eq!(help_of(BOB), 10);
			let record = revocation(id).expect("revoked");
			assert_eq!((record.burned_help, record.unburned_help), (0, 10));
		});
	}

	#[test]
	fn revoking_burns_at_most_the_help_of_that_token() {
		ExtBuilder.build_and_execute(|| {
			let first = issue(data(ALICE, TokenKind::Score, 20, 10));
			let second = issue(TokenData { unit: Some(1), ..data(ALICE, TokenKind::Score, 15, 3) });
			assert_eq!(help_of(ALICE), 13);

			assert_ok!(Tokens::revoke(signed(UNIVERSITY), second, reason()));

			assert_eq!(help_of(ALICE), 10);
			assert_eq!(revocation(second).map(|revocation| revocation.burned_help), Some(3));
			assert_eq!(revocation(first), None);
		});
	}

	#[test]
	fn a_frozen_help_account_or_asset_does_not_block_the_revocation() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(data(ALICE, TokenKind::Score, 20, 5));
			assert_ok!(Assets::freeze(signed(HELP_OWNER), HELP, ALICE));
			assert_ok!(Tokens::revoke(signed(UNIVERSITY), id, reason()));
			assert_eq!(help_of(ALICE), 5);
			let record = revocation(id).expect("revoked");
			assert_eq!((record.burned_help, record.unburned_help), (0, 5));

			let other = issue(TokenData { learner: BOB, ..data(BOB, TokenKind::Score, 20, 5) });
			assert_ok!(Assets::freeze_asset(signed(HELP_OWNER), HELP));
			assert_ok!(Tokens::revoke(RuntimeOrigin::root(), other, reason()));
			assert_eq!(help_of(BOB), 5);
		});
	}

	#[test]
	fn revoke_is_weighed_by_the_reason_length_and_the_lifecycles_reopening() {
		let call = crate::Call::<Test>::revoke {
			token: 0,
			reason: BoundedVec::truncate_from(vec![b'x'; 20]),
		};
		let info = frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call);
		let reopening = <MockLifecycle as crate::OnRevoke<u64>>::weight();
		assert_eq!(info.call_weight, <() as WeightInfo>::revoke(20).saturating_add(reopening));
		assert!(
			<() as WeightInfo>::revoke(20).ref_time() > <() as WeightInfo>::revoke(1).ref_time()
		);
	}
}

mod queries {
	use super::*;

	#[test]
	fn a_view_carries_what_the_course_says() {
		ExtBuilder.build_and_execute(|| {
			run_to(2);
			let sorting = issue(data(ALICE, TokenKind::Score, 20, 5));
			let searching =
				issue(TokenData { unit: Some(1), ..data(ALICE, TokenKind::Attendance, 3, 0) });
			let rating = issue(data(ALICE, TokenKind::InstructorScore, 4, 0));

			let views = Tokens::views(vec![rating, sorting, 99, searching]);
			assert_eq!(
				views.iter().map(|view| view.id).collect::<Vec<_>>(),
				vec![rating, sorting, searching]
			);
			assert_eq!(
				views[1],
				TokenView {
					id: sorting,
					kind: TokenKind::Score,
					holder: ALICE,
					learner: ALICE,
					instructor: TEACHER,
					points: 20,
					help: 5,
					course: ALGORITHMS,
					assessment: 1,
					unit: Some(0),
					guide_version: 1,
					institution: UNIVERSITY,
					cip_code: CS.to_vec(),
					skill: SORTING.to_vec(),
					issued_at: 2,
					revocation: None,
				}
			);
			assert_eq!(views[2].skill, SEARCHING.to_vec());
			assert_eq!(views[0].holder, TEACHER);
			assert!(views[0].skill.is_empty(), "a rating has no unit");
			assert_eq!(Tokens::token(99), None);
		});
	}

	#[test]
	fn a_token_of_another_institutions_course_names_that_institution() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(TokenData { course: ACCOUNTING, ..data(BOB, TokenKind::Score, 7, 1) });
			let view = Tokens::token(id).expect("exists");
			assert_eq!(view.institution, COLLEGE);
			assert_eq!(view.cip_code, b"52.0301".to_vec());
			assert_eq!(view.skill, b"esco:ledgers".to_vec());
			assert_noop!(
				Tokens::revoke(signed(UNIVERSITY), id, reason()),
				Error::<Test>::NotIssuer
			);
			assert_ok!(Tokens::revoke(signed(COLLEGE), id, reason()));
		});
	}

	#[test]
	fn instructor_tokens_are_listed_page_by_page() {
		ExtBuilder.build_and_execute(|| {
			let ids: Vec<TokenId> =
				(0..5).map(|_| issue(data(ALICE, TokenKind::InstructorScore, 1, 0))).collect();
			issue(data(ALICE, TokenKind::Score, 1, 0));
			let mut seen = Vec::new();
			let mut cursor = None;
			loop {
				let page =
					<Tokens as TokenLedger<u64, u64>>::instructor_tokens(&TEACHER, cursor, 2);
				assert!(page.items.len() <= 2);
				seen.extend(page.items);
				match page.next {
					Some(next) => cursor = Some(next),
					None => break,
				}
			}
			seen.sort();
			assert_eq!(seen, ids);
			assert!(<Tokens as TokenLedger<u64, u64>>::instructor_tokens(&ALICE, None, 10)
				.items
				.is_empty());
		});
	}

	#[test]
	fn a_profile_sums_the_live_tokens_per_cip_code_and_per_skill() {
		ExtBuilder.build_and_execute(|| {
			let ids = [
				issue(data(ALICE, TokenKind::Attendance, 4, 0)),
				issue(data(ALICE, TokenKind::Score, 20, 5)),
				issue(TokenData { unit: Some(1), ..data(ALICE, TokenKind::Score, 10, 2) }),
				issue(TokenData {
					course: ACCOUNTING,
					unit: Some(0),
					..data(ALICE, TokenKind::Score, 7, 1)
				}),
				issue(data(ALICE, TokenKind::Score, 3, 0)),
			];
			assert_ok!(Tokens::revoke(signed(UNIVERSITY), ids[4], reason()));

			let mut profile = SkillProfile::default();
			profile.add(&Tokens::views(ids[..2].to_vec()));
			profile.add(&Tokens::views(ids[2..].to_vec()));
			assert_eq!(
				profile,
				SkillProfile {
					by_cip: vec![
						(CS.to_vec(), totals(4, 30, 7, 0, 3)),
						(b"52.0301".to_vec(), totals(0, 7, 1, 0, 1)),
					],
					by_skill: vec![
						(b"esco:ledgers".to_vec(), totals(0, 7, 1, 0, 1)),
						(SEARCHING.to_vec(), totals(0, 10, 2, 0, 1)),
						(SORTING.to_vec(), totals(4, 20, 5, 0, 2)),
					],
				}
			);
		});
	}

	#[test]
	fn an_instructors_ratings_count_per_cip_code_but_no_skill() {
		ExtBuilder.build_and_execute(|| {
			let rating = issue(data(ALICE, TokenKind::InstructorScore, 5, 0));
			let mut profile = SkillProfile::default();
			profile.add(&Tokens::views(vec![rating]));
			assert_eq!(profile.by_cip, vec![(CS.to_vec(), totals(0, 0, 0, 5, 1))]);
			assert!(profile.by_skill.is_empty());
		});
	}
}

mod verify {
	use super::*;

	fn verification(id: TokenId) -> Verification<u64, u64> {
		Tokens::verify(id).expect("the token exists")
	}

	#[test]
	fn a_valid_token_verifies() {
		ExtBuilder.build_and_execute(|| {
			run_to(2);
			let id = issue(data(ALICE, TokenKind::Score, 20, 5));
			run_to(9);
			let answer = verification(id);
			assert_eq!(answer.token, Tokens::token(id).expect("exists"));
			assert!(answer.accredited_when_issued && answer.accredited_now);
			assert!(answer.instructor_still_serves);
			assert!(!answer.revoked);
		});
	}

	#[test]
	fn a_token_issued_before_a_suspension_stays_accredited_when_issued() {
		ExtBuilder.build_and_execute(|| {
			run_to(2);
			let id = issue(data(ALICE, TokenKind::Score, 20, 5));
			run_to(5);
			MockRegistry::suspend(UNIVERSITY);
			let answer = verification(id);
			assert!(answer.accredited_when_issued);
			assert!(!answer.accredited_now);
			assert!(!answer.revoked);
		});
	}

	#[test]
	fn a_token_issued_while_suspended_was_not_accredited_when_issued() {
		ExtBuilder.build_and_execute(|| {
			run_to(2);
			MockRegistry::suspend(UNIVERSITY);
			run_to(3);
			let id = issue(data(ALICE, TokenKind::Score, 20, 5));
			run_to(4);
			MockRegistry::accredit(UNIVERSITY);
			let answer = verification(id);
			assert!(!answer.accredited_when_issued);
			assert!(answer.accredited_now);
		});
	}

	#[test]
	fn an_instructor_who_left_no_longer_serves() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(data(ALICE, TokenKind::Attendance, 4, 0));
			MockRegistry::remove_instructor(UNIVERSITY, TEACHER);
			let answer = verification(id);
			assert_eq!(answer.token.instructor, TEACHER);
			assert!(!answer.instructor_still_serves);
		});
	}

	#[test]
	fn a_revoked_token_verifies_as_revoked_with_its_reason() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(data(ALICE, TokenKind::Score, 20, 5));
			run_to(4);
			assert_ok!(Tokens::revoke(RuntimeOrigin::root(), id, reason()));
			let answer = verification(id);
			assert!(answer.revoked);
			assert_eq!(
				answer.token.revocation,
				Some(RevocationView {
					by: Revoker::Council,
					reason: reason().into_inner(),
					at: 4,
					burned_help: 5,
					unburned_help: 0,
					reopened: true,
				})
			);
		});
	}

	#[test]
	fn an_unknown_token_does_not_verify() {
		ExtBuilder.build_and_execute(|| {
			issue(data(ALICE, TokenKind::Score, 20, 5));
			assert_eq!(Tokens::verify(1), None);
			assert_eq!(Tokens::verify(TokenId::MAX), None);
		});
	}
}

mod invariants {
	use super::*;

	fn broken(mutate: impl FnOnce(TokenId, TokenId)) -> bool {
		let mut broken = false;
		ExtBuilder.build().execute_with(|| {
			let score = issue(data(ALICE, TokenKind::Score, 20, 5));
			let rating = issue(data(ALICE, TokenKind::InstructorScore, 3, 0));
			assert_ok!(Tokens::revoke(RuntimeOrigin::root(), score, reason()));
			assert_ok!(Tokens::do_try_state());
			mutate(score, rating);
			broken = Tokens::do_try_state().is_err();
		});
		broken
	}

	fn edit(id: TokenId, change: impl FnOnce(&mut crate::pallet::TokenOf<Test>)) {
		TokensMap::<Test>::mutate(id, |record| {
			if let Some(record) = record {
				change(record);
			}
		});
	}

	#[test]
	fn try_state_detects_a_broken_index() {
		assert!(broken(|_, rating| InstructorTokens::<Test>::remove(TEACHER, rating)));
		assert!(broken(|score, _| InstructorTokens::<Test>::insert(ALICE, score, ())));
		assert!(broken(|_, rating| InstructorTokens::<Test>::insert(BOB, rating, ())));
	}

	#[test]
	fn try_state_detects_bad_tokens() {
		assert!(broken(|_, _| NextTokenId::<Test>::put(1)));
		assert!(broken(|_, rating| edit(rating, |record| record.data.help = 1)));
		assert!(broken(|_, rating| edit(rating, |record| record.data.unit = Some(0))));
		assert!(broken(|score, _| edit(score, |record| record.data.unit = None)));
		assert!(broken(|score, _| edit(score, |record| record.data.course = 9)));
		assert!(broken(|score, _| edit(score, |record| {
			if let Some(revocation) = record.revocation.as_mut() {
				revocation.unburned_help = 1;
			}
		})));
		assert!(broken(|score, _| edit(score, |record| {
			if let Some(revocation) = record.revocation.as_mut() {
				revocation.reason = BoundedVec::new();
			}
		})));
	}

	#[test]
	fn integrity_test_accepts_the_mock_bounds() {
		ExtBuilder.build().execute_with(|| {
			<Tokens as Hooks<u64>>::integrity_test();
		});
	}
}

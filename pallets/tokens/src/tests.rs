//! Tests of the tokens pallet, by action. Each test runs in `ExtBuilder::build_and_execute`,
//! which checks every invariant of the pallet afterwards.

use crate::{
	mock::*,
	pallet::{Error, Event, NewTokenOf, NextTokenId, Tokens as TokensMap, TokensOf},
	types::*,
	weights::WeightInfo,
	TokenIssuer,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Hooks},
	BoundedVec,
};
use sp_runtime::{ArithmeticError, DispatchError};

type Help = <Test as crate::Config>::Help;

const CS: &[u8] = b"11.0701";
const MATH: &[u8] = b"27.01";
const SORTING: &[u8] = b"esco:S1.2.1";
const GRAPHS: &[u8] = b"esco:S1.2.2";

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn cip(code: &[u8]) -> CipCode {
	CipCode::parse(code).expect("a well-formed CIP code")
}

fn skill(id: &[u8]) -> BoundedVec<u8, <Test as crate::Config>::MaxSkillIdLen> {
	BoundedVec::try_from(id.to_vec()).expect("a short skill identifier")
}

/// A token of `UNIVERSITY`'s course 0, awarded by `TEACHER`, in CIP `11.0701`, skill
/// `esco:S1.2.1`.
fn new_token(holder: u64, kind: TokenKind, points: u32, help: u32) -> NewTokenOf<Test> {
	NewToken {
		holder,
		kind,
		points,
		help,
		course: 0,
		assessment: 1,
		unit: 2,
		cip_code: cip(CS),
		skill: skill(SORTING),
		institution: UNIVERSITY,
		instructor: TEACHER,
		guide_version: 1,
	}
}

/// `new_token` in another CIP code and skill.
fn new_token_in(
	holder: u64,
	kind: TokenKind,
	points: u32,
	help: u32,
	cip_code: &[u8],
	skill_id: &[u8],
) -> NewTokenOf<Test> {
	NewToken {
		cip_code: cip(cip_code),
		skill: skill(skill_id),
		..new_token(holder, kind, points, help)
	}
}

fn issue(token: NewTokenOf<Test>) -> TokenId {
	<Tokens as TokenIssuer<u64>>::issue(token).expect("the token is issued")
}

fn try_issue(token: NewTokenOf<Test>) -> Result<TokenId, DispatchError> {
	<Tokens as TokenIssuer<u64>>::issue(token)
}

fn help_of(who: u64) -> u64 {
	Help::balance(&who)
}

/// The totals of `holder`'s skill profile for CIP code `code`, if any.
fn by_cip(holder: u64, code: &[u8]) -> Option<Totals> {
	let profile = Tokens::skill_profile(&holder);
	profile
		.by_cip
		.into_iter()
		.find(|(key, _)| key == code)
		.map(|(_, totals)| totals)
}

/// The totals of `holder`'s skill profile for skill `id`, if any.
fn by_skill(holder: u64, id: &[u8]) -> Option<Totals> {
	let profile = Tokens::skill_profile(&holder);
	profile
		.by_skill
		.into_iter()
		.find(|(key, _)| key == id)
		.map(|(_, totals)| totals)
}

fn totals(attendance: u64, score: u64, help: u64, instructor_score: u64, tokens: u32) -> Totals {
	Totals { attendance, score, help, instructor_score, tokens }
}

fn reason() -> Vec<u8> {
	b"awarded by mistake".to_vec()
}

fn revoked_by(id: TokenId) -> Option<Revocation<u64, <Test as crate::Config>::MaxReasonLen>> {
	TokensMap::<Test>::get(id).and_then(|record| record.revocation)
}

fn run_to(block: u64) {
	System::set_block_number(block);
}

mod issue {
	use super::*;

	#[test]
	fn an_attendance_token_is_recorded_indexed_and_profiled() {
		ExtBuilder.build_and_execute(|| {
			run_to(3);
			let id = issue(new_token(ALICE, TokenKind::Attendance, 4, 0));

			assert_eq!(id, 0);
			assert_eq!(
				TokensMap::<Test>::get(id),
				Some(Token {
					holder: ALICE,
					kind: TokenKind::Attendance,
					points: 4,
					help: 0,
					course: 0,
					assessment: 1,
					unit: 2,
					cip_code: cip(CS),
					skill: skill(SORTING),
					institution: UNIVERSITY,
					instructor: TEACHER,
					guide_version: 1,
					issued_at: 3,
					revocation: None,
				})
			);
			assert!(TokensOf::<Test>::contains_key(ALICE, id));
			assert_eq!(NextTokenId::<Test>::get(), 1);
			assert_eq!(by_cip(ALICE, CS), Some(totals(4, 0, 0, 0, 1)));
			assert_eq!(by_skill(ALICE, SORTING), Some(totals(4, 0, 0, 0, 1)));
			assert_eq!(help_of(ALICE), 0);
			System::assert_last_event(
				Event::TokenIssued {
					token: id,
					holder: ALICE,
					kind: TokenKind::Attendance,
					points: 4,
					help: 0,
				}
				.into(),
			);
		});
	}

	#[test]
	fn a_score_token_mints_help_to_a_learner_with_no_native_balance() {
		ExtBuilder.build_and_execute(|| {
			assert_eq!(Balances::free_balance(ALICE), 0);
			assert!(!System::account_exists(&ALICE));

			let id = issue(new_token(ALICE, TokenKind::Score, 20, 5));

			assert_eq!(help_of(ALICE), 5);
			assert_eq!(Help::total_issuance(), 5);
			assert_eq!(Balances::free_balance(ALICE), 0);
			// The sufficient Help asset keeps the account alive by itself.
			assert_eq!(System::account(ALICE).sufficients, 1);
			let record = TokensMap::<Test>::get(id).expect("the token is stored");
			assert_eq!((record.kind, record.points, record.help), (TokenKind::Score, 20, 5));
			assert_eq!(by_cip(ALICE, CS), Some(totals(0, 20, 5, 0, 1)));
			assert_eq!(by_skill(ALICE, SORTING), Some(totals(0, 20, 5, 0, 1)));
			System::assert_has_event(
				pallet_assets::Event::Issued { asset_id: HELP, owner: ALICE, amount: 5 }.into(),
			);
			System::assert_last_event(
				Event::TokenIssued {
					token: id,
					holder: ALICE,
					kind: TokenKind::Score,
					points: 20,
					help: 5,
				}
				.into(),
			);
		});
	}

	#[test]
	fn a_score_token_with_no_help_mints_nothing() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(new_token(ALICE, TokenKind::Score, 20, 0));

			assert_eq!(help_of(ALICE), 0);
			assert_eq!(Help::total_issuance(), 0);
			assert_eq!(by_cip(ALICE, CS), Some(totals(0, 20, 0, 0, 1)));
			System::assert_last_event(
				Event::TokenIssued {
					token: id,
					holder: ALICE,
					kind: TokenKind::Score,
					points: 20,
					help: 0,
				}
				.into(),
			);
		});
	}

	#[test]
	fn an_instructor_score_token_goes_to_the_instructor() {
		ExtBuilder.build_and_execute(|| {
			let mut token = new_token(TEACHER, TokenKind::InstructorScore, 5, 0);
			token.instructor = TEACHER;
			let id = issue(token);

			assert!(TokensOf::<Test>::contains_key(TEACHER, id));
			assert_eq!(by_cip(TEACHER, CS), Some(totals(0, 0, 0, 5, 1)));
			assert_eq!(by_skill(TEACHER, SORTING), Some(totals(0, 0, 0, 5, 1)));
			System::assert_last_event(
				Event::TokenIssued {
					token: id,
					holder: TEACHER,
					kind: TokenKind::InstructorScore,
					points: 5,
					help: 0,
				}
				.into(),
			);
		});
	}

	#[test]
	fn help_given_with_a_token_other_than_score_is_ignored() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(new_token(ALICE, TokenKind::Attendance, 4, 9));

			assert_eq!(TokensMap::<Test>::get(id).map(|record| record.help), Some(0));
			assert_eq!(help_of(ALICE), 0);
			assert_eq!(by_cip(ALICE, CS), Some(totals(4, 0, 0, 0, 1)));
			System::assert_last_event(
				Event::TokenIssued {
					token: id,
					holder: ALICE,
					kind: TokenKind::Attendance,
					points: 4,
					help: 0,
				}
				.into(),
			);
		});
	}

	#[test]
	fn ids_are_sequential_across_holders_and_kinds() {
		ExtBuilder.build_and_execute(|| {
			assert_eq!(issue(new_token(ALICE, TokenKind::Attendance, 4, 0)), 0);
			assert_eq!(issue(new_token(BOB, TokenKind::Score, 20, 5)), 1);
			assert_eq!(issue(new_token(TEACHER, TokenKind::InstructorScore, 5, 0)), 2);
			assert_eq!(issue(new_token(ALICE, TokenKind::Score, 25, 10)), 3);
			assert_eq!(NextTokenId::<Test>::get(), 4);
		});
	}

	#[test]
	fn the_profile_sums_the_tokens_per_cip_code_and_per_skill() {
		ExtBuilder.build_and_execute(|| {
			// The worked example of DOMAIN.md, lesson 1: attendance 4, score 20, help 5 ...
			issue(new_token(ALICE, TokenKind::Attendance, 4, 0));
			issue(new_token(ALICE, TokenKind::Score, 20, 5));
			// ... and a second unit of the same course, and a unit of another course.
			issue(new_token_in(ALICE, TokenKind::Score, 10, 2, CS, GRAPHS));
			issue(new_token_in(ALICE, TokenKind::Attendance, 3, 0, MATH, SORTING));
			// Another learner's tokens do not count.
			issue(new_token(BOB, TokenKind::Score, 25, 10));

			assert_eq!(by_cip(ALICE, CS), Some(totals(4, 30, 7, 0, 3)));
			assert_eq!(by_cip(ALICE, MATH), Some(totals(3, 0, 0, 0, 1)));
			assert_eq!(by_skill(ALICE, SORTING), Some(totals(7, 20, 5, 0, 3)));
			assert_eq!(by_skill(ALICE, GRAPHS), Some(totals(0, 10, 2, 0, 1)));
			assert_eq!(by_cip(BOB, CS), Some(totals(0, 25, 10, 0, 1)));
			assert_eq!(help_of(ALICE), 7);
		});
	}

	#[test]
	fn issue_fails_when_no_token_id_is_left() {
		ExtBuilder.build_and_execute(|| {
			NextTokenId::<Test>::put(TokenId::MAX);
			assert_noop!(
				try_issue(new_token(ALICE, TokenKind::Score, 20, 5)),
				Error::<Test>::NoTokenIdLeft
			);
		});
	}

	#[test]
	fn issue_changes_nothing_when_help_cannot_be_minted() {
		ExtBuilder.build_and_execute(|| {
			// Help's total issuance is one short of overflowing.
			assert_ok!(Assets::mint(signed(HELP_OWNER), HELP, BOB, u64::MAX - 4));
			assert_noop!(
				try_issue(new_token(ALICE, TokenKind::Score, 20, 5)),
				ArithmeticError::Overflow
			);
			assert_eq!(NextTokenId::<Test>::get(), 0);
		});
	}
}

mod revoke {
	use super::*;

	#[test]
	fn the_institution_revokes_its_token() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(new_token(ALICE, TokenKind::Attendance, 4, 0));
			run_to(7);

			assert_ok!(Tokens::revoke(signed(UNIVERSITY), id, reason()));

			let record = TokensMap::<Test>::get(id).expect("a revoked token stays");
			assert!(record.is_revoked());
			assert_eq!(
				record.revocation,
				Some(Revocation {
					by: Revoker::Institution,
					reason: BoundedVec::try_from(reason()).expect("short"),
					at: 7,
					burned_help: 0,
				})
			);
			assert!(TokensOf::<Test>::contains_key(ALICE, id));
			// Its points left the profile, which has no entry left.
			assert_eq!(by_cip(ALICE, CS), None);
			assert_eq!(by_skill(ALICE, SORTING), None);
			System::assert_last_event(
				Event::TokenRevoked { token: id, by: Revoker::Institution, burned_help: 0 }.into(),
			);
		});
	}

	#[test]
	fn the_council_revokes_any_token() {
		ExtBuilder.build_and_execute(|| {
			let mut token = new_token(TEACHER, TokenKind::InstructorScore, 5, 0);
			token.institution = COLLEGE;
			let id = issue(token);

			assert_ok!(Tokens::revoke(RuntimeOrigin::root(), id, reason()));

			assert_eq!(revoked_by(id).map(|revocation| revocation.by), Some(Revoker::Council));
			assert_eq!(by_cip(TEACHER, CS), None);
			System::assert_last_event(
				Event::TokenRevoked { token: id, by: Revoker::Council, burned_help: 0 }.into(),
			);
		});
	}

	#[test]
	fn nobody_else_may_revoke() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(new_token(ALICE, TokenKind::Score, 20, 5));
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
			issue(new_token(ALICE, TokenKind::Attendance, 4, 0));
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
			let id = issue(new_token(ALICE, TokenKind::Score, 20, 5));
			assert_ok!(Tokens::revoke(signed(UNIVERSITY), id, reason()));
			assert_noop!(
				Tokens::revoke(signed(UNIVERSITY), id, reason()),
				Error::<Test>::AlreadyRevoked
			);
			assert_noop!(
				Tokens::revoke(RuntimeOrigin::root(), id, b"again".to_vec()),
				Error::<Test>::AlreadyRevoked
			);
		});
	}

	#[test]
	fn a_revocation_needs_a_reason() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(new_token(ALICE, TokenKind::Score, 20, 5));
			assert_noop!(
				Tokens::revoke(signed(UNIVERSITY), id, Vec::new()),
				Error::<Test>::EmptyReason
			);
		});
	}

	#[test]
	fn the_reason_is_at_most_max_reason_len_bytes() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(new_token(ALICE, TokenKind::Score, 20, 5));
			let too_long = vec![b'x'; MAX_REASON_LEN as usize + 1];
			assert_noop!(
				Tokens::revoke(signed(UNIVERSITY), id, too_long),
				Error::<Test>::ReasonTooLong
			);

			let longest = vec![b'x'; MAX_REASON_LEN as usize];
			assert_ok!(Tokens::revoke(signed(UNIVERSITY), id, longest.clone()));
			assert_eq!(
				revoked_by(id).map(|revocation| revocation.reason.into_inner()),
				Some(longest)
			);
		});
	}

	#[test]
	fn revoking_a_score_token_burns_the_help_the_learner_kept() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(new_token(ALICE, TokenKind::Score, 20, 5));

			assert_ok!(Tokens::revoke(signed(UNIVERSITY), id, reason()));

			assert_eq!(help_of(ALICE), 0);
			assert_eq!(Help::total_issuance(), 0);
			assert_eq!(revoked_by(id).map(|revocation| revocation.burned_help), Some(5));
			// The learner's only reference was the Help account: it is gone.
			assert!(!System::account_exists(&ALICE));
			assert_eq!(by_cip(ALICE, CS), None);
			System::assert_has_event(
				pallet_assets::Event::Burned { asset_id: HELP, owner: ALICE, balance: 5 }.into(),
			);
			System::assert_last_event(
				Event::TokenRevoked { token: id, by: Revoker::Institution, burned_help: 5 }.into(),
			);
		});
	}

	#[test]
	fn revoking_burns_only_what_is_left_when_some_help_was_transferred() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(new_token(ALICE, TokenKind::Score, 20, 10));
			// A learner with no native balance transfers Help with the standard call.
			assert_ok!(Assets::transfer_keep_alive(signed(ALICE), HELP, BOB, 4));

			assert_ok!(Tokens::revoke(RuntimeOrigin::root(), id, reason()));

			assert_eq!(help_of(ALICE), 0);
			assert_eq!(help_of(BOB), 4);
			assert_eq!(revoked_by(id).map(|revocation| revocation.burned_help), Some(6));
			System::assert_last_event(
				Event::TokenRevoked { token: id, by: Revoker::Council, burned_help: 6 }.into(),
			);
		});
	}

	#[test]
	fn revoking_burns_nothing_when_all_help_was_transferred() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(new_token(ALICE, TokenKind::Score, 20, 10));
			assert_ok!(Assets::transfer(signed(ALICE), HELP, BOB, 10));
			assert_eq!(help_of(ALICE), 0);

			assert_ok!(Tokens::revoke(signed(UNIVERSITY), id, reason()));

			assert_eq!(help_of(BOB), 10);
			assert_eq!(Help::total_issuance(), 10);
			assert_eq!(revoked_by(id).map(|revocation| revocation.burned_help), Some(0));
			assert_eq!(by_cip(ALICE, CS), None);
			System::assert_last_event(
				Event::TokenRevoked { token: id, by: Revoker::Institution, burned_help: 0 }.into(),
			);
		});
	}

	#[test]
	fn revoking_burns_at_most_the_help_of_that_token() {
		ExtBuilder.build_and_execute(|| {
			let first = issue(new_token(ALICE, TokenKind::Score, 20, 10));
			let second = issue(new_token_in(ALICE, TokenKind::Score, 15, 3, CS, GRAPHS));
			assert_eq!(help_of(ALICE), 13);

			assert_ok!(Tokens::revoke(signed(UNIVERSITY), second, reason()));

			assert_eq!(help_of(ALICE), 10);
			assert_eq!(revoked_by(second).map(|revocation| revocation.burned_help), Some(3));
			assert_eq!(revoked_by(first), None);
		});
	}

	#[test]
	fn a_frozen_help_account_does_not_block_the_revocation() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(new_token(ALICE, TokenKind::Score, 20, 5));
			assert_ok!(Assets::freeze(signed(HELP_OWNER), HELP, ALICE));

			assert_ok!(Tokens::revoke(signed(UNIVERSITY), id, reason()));

			assert_eq!(help_of(ALICE), 5);
			assert_eq!(revoked_by(id).map(|revocation| revocation.burned_help), Some(0));
			assert_eq!(by_cip(ALICE, CS), None);
			System::assert_last_event(
				Event::TokenRevoked { token: id, by: Revoker::Institution, burned_help: 0 }.into(),
			);
		});
	}

	#[test]
	fn a_frozen_help_asset_does_not_block_the_revocation() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(new_token(ALICE, TokenKind::Score, 20, 5));
			assert_ok!(Assets::freeze_asset(signed(HELP_OWNER), HELP));

			assert_ok!(Tokens::revoke(RuntimeOrigin::root(), id, reason()));

			assert_eq!(help_of(ALICE), 5);
			assert_eq!(revoked_by(id).map(|revocation| revocation.burned_help), Some(0));
		});
	}

	#[test]
	fn the_profile_keeps_the_other_live_tokens_after_a_revocation() {
		ExtBuilder.build_and_execute(|| {
			issue(new_token(ALICE, TokenKind::Attendance, 4, 0));
			let score = issue(new_token(ALICE, TokenKind::Score, 20, 5));
			issue(new_token_in(ALICE, TokenKind::Score, 10, 2, CS, GRAPHS));

			assert_ok!(Tokens::revoke(signed(UNIVERSITY), score, reason()));

			assert_eq!(by_cip(ALICE, CS), Some(totals(4, 10, 2, 0, 2)));
			assert_eq!(by_skill(ALICE, SORTING), Some(totals(4, 0, 0, 0, 1)));
			assert_eq!(by_skill(ALICE, GRAPHS), Some(totals(0, 10, 2, 0, 1)));
		});
	}

	#[test]
	fn revoke_is_weighed_by_the_reason_length() {
		let call = crate::Call::<Test>::revoke { token: 0, reason: vec![b'x'; 20] };
		let info = frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call);
		assert_eq!(info.call_weight, <() as WeightInfo>::revoke(20));
		assert!(
			<() as WeightInfo>::revoke(20).ref_time() > <() as WeightInfo>::revoke(1).ref_time()
		);
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
			let id = issue(new_token(ALICE, TokenKind::Score, 20, 5));
			run_to(9);

			assert_eq!(
				Tokens::verify(id),
				Some(Verification {
					token: TokenView {
						id,
						holder: ALICE,
						kind: TokenKind::Score,
						points: 20,
						help: 5,
						course: 0,
						assessment: 1,
						unit: 2,
						cip_code: CS.to_vec(),
						skill: SORTING.to_vec(),
						institution: UNIVERSITY,
						instructor: TEACHER,
						guide_version: 1,
						issued_at: 2,
						revocation: None,
					},
					accredited_when_issued: true,
					accredited_now: true,
					instructor: TEACHER,
					instructor_still_serves: true,
					revoked: false,
				})
			);
		});
	}

	#[test]
	fn a_token_issued_before_a_suspension_stays_accredited_when_issued() {
		ExtBuilder.build_and_execute(|| {
			run_to(2);
			let id = issue(new_token(ALICE, TokenKind::Score, 20, 5));
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
			let id = issue(new_token(ALICE, TokenKind::Score, 20, 5));
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
			let id = issue(new_token(ALICE, TokenKind::Attendance, 4, 0));
			MockRegistry::remove_instructor(UNIVERSITY, TEACHER);

			let answer = verification(id);
			assert_eq!(answer.instructor, TEACHER);
			assert!(!answer.instructor_still_serves);
			assert!(answer.accredited_when_issued && answer.accredited_now);
		});
	}

	#[test]
	fn a_revoked_token_verifies_as_revoked() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(new_token(ALICE, TokenKind::Score, 20, 5));
			run_to(4);
			assert_ok!(Tokens::revoke(RuntimeOrigin::root(), id, reason()));

			let answer = verification(id);
			assert!(answer.revoked);
			assert_eq!(
				answer.token.revocation,
				Some(RevocationView {
					by: Revoker::Council,
					reason: reason(),
					at: 4,
					burned_help: 5
				})
			);
		});
	}

	#[test]
	fn an_unknown_token_does_not_verify() {
		ExtBuilder.build_and_execute(|| {
			issue(new_token(ALICE, TokenKind::Score, 20, 5));
			assert_eq!(Tokens::verify(1), None);
			assert_eq!(Tokens::verify(TokenId::MAX), None);
		});
	}
}

mod queries {
	use super::*;

	#[test]
	fn tokens_of_lists_a_holders_tokens_by_id_revoked_ones_included() {
		ExtBuilder.build_and_execute(|| {
			let mut alices = Vec::new();
			for points in 0..20u32 {
				let holder = if points % 3 == 0 { BOB } else { ALICE };
				let id = issue(new_token(holder, TokenKind::Attendance, points, 0));
				if holder == ALICE {
					alices.push(id);
				}
			}
			assert_ok!(Tokens::revoke(signed(UNIVERSITY), alices[2], reason()));

			let listed = Tokens::tokens_of(&ALICE);
			assert_eq!(listed.iter().map(|view| view.id).collect::<Vec<_>>(), alices);
			assert!(listed.iter().all(|view| view.holder == ALICE));
			assert_eq!(
				listed
					.iter()
					.filter(|view| view.revocation.is_some())
					.map(|view| view.id)
					.collect::<Vec<_>>(),
				vec![alices[2]]
			);
			assert_eq!(Tokens::tokens_of(&BOB).len(), 7);
			assert!(Tokens::tokens_of(&STRANGER).is_empty());
		});
	}

	#[test]
	fn token_views_carry_plain_bytes() {
		ExtBuilder.build_and_execute(|| {
			let id = issue(new_token_in(ALICE, TokenKind::Score, 10, 2, MATH, GRAPHS));
			assert_ok!(Tokens::revoke(signed(UNIVERSITY), id, reason()));

			let view = Tokens::token(id).expect("the token exists");
			assert_eq!(view.cip_code, MATH.to_vec());
			assert_eq!(view.skill, GRAPHS.to_vec());
			assert_eq!(view.revocation.map(|revocation| revocation.reason), Some(reason()));
			assert_eq!(Tokens::token(id + 1), None);
		});
	}

	#[test]
	fn skill_profile_lists_the_totals_per_cip_code_and_per_skill() {
		ExtBuilder.build_and_execute(|| {
			issue(new_token(ALICE, TokenKind::Attendance, 4, 0));
			issue(new_token(ALICE, TokenKind::Score, 20, 5));
			issue(new_token_in(ALICE, TokenKind::Score, 10, 2, MATH, GRAPHS));
			let revoked = issue(new_token_in(ALICE, TokenKind::Score, 7, 1, b"14", b"esco:X"));
			assert_ok!(Tokens::revoke(signed(UNIVERSITY), revoked, reason()));
			issue(new_token(BOB, TokenKind::Score, 25, 10));

			assert_eq!(
				Tokens::skill_profile(&ALICE),
				SkillProfile {
					by_cip: vec![
						(CS.to_vec(), totals(4, 20, 5, 0, 2)),
						(MATH.to_vec(), totals(0, 10, 2, 0, 1)),
					],
					by_skill: vec![
						(SORTING.to_vec(), totals(4, 20, 5, 0, 2)),
						(GRAPHS.to_vec(), totals(0, 10, 2, 0, 1)),
					],
				}
			);
			assert_eq!(Tokens::skill_profile(&STRANGER), SkillProfile::default());
		});
	}
}

mod invariants {
	use super::*;

	#[test]
	fn try_state_detects_a_broken_index() {
		ExtBuilder.build().execute_with(|| {
			let id = issue(new_token(ALICE, TokenKind::Attendance, 4, 0));
			TokensOf::<Test>::remove(ALICE, id);
			assert!(Tokens::do_try_state().is_err());
			TokensOf::<Test>::insert(ALICE, id, ());
			TokensOf::<Test>::insert(BOB, id, ());
			assert!(Tokens::do_try_state().is_err());
		});
	}

	#[test]
	fn integrity_test_accepts_the_mock_bounds() {
		ExtBuilder.build().execute_with(|| {
			<Tokens as Hooks<u64>>::integrity_test();
		});
	}
}

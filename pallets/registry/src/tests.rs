//! Tests of the registry of trust, by action. Each test runs in `ExtBuilder::build_and_execute`,
//! which checks every invariant of the registry afterwards.

use crate::{mock::*, pallet::*, types::*, weights::WeightInfo, TrustRegistry};
use codec::{Decode, Encode};
use frame_support::traits::Get;
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_runtime::{BoundedVec, DispatchError};

const KEY: SigningKey = [7u8; 32];

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn council() -> RuntimeOrigin {
	RuntimeOrigin::signed(COUNCIL)
}

fn name() -> NameOf<Test> {
	text(b"Open University")
}

fn uri() -> UriOf<Test> {
	text(b"https://open.example")
}

/// A call's bytes, within their bound.
fn text<S: Get<u32>>(bytes: &[u8]) -> BoundedVec<u8, S> {
	BoundedVec::try_from(bytes.to_vec()).expect("within the bound")
}

fn bytes<S: Get<u32>>(len: u32) -> BoundedVec<u8, S> {
	text(&vec![b'x'; len as usize])
}

fn reason(text: &[u8]) -> ReasonOf<Test> {
	BoundedVec::try_from(text.to_vec()).expect("test reasons are short")
}

/// `registry.apply` encoded as a client sends it, with a name and a URI of any length.
fn encoded_apply(name_len: u32, uri_len: u32) -> Vec<u8> {
	let pallet = <Registry as frame_support::traits::PalletInfoAccess>::index() as u8;
	let name = vec![b'x'; name_len as usize];
	let uri = vec![b'x'; uri_len as usize];
	(pallet, 0u8, name, uri, None::<SigningKey>).encode()
}

/// The call indices of `suspend` and `revoke`.
const SUSPEND: u8 = 4;
const REVOKE: u8 = 6;

/// `registry.suspend` or `registry.revoke` of ALICE encoded with a reason of any length.
fn encoded_with_reason(call_index: u8, reason_len: u32) -> Vec<u8> {
	let pallet = <Registry as frame_support::traits::PalletInfoAccess>::index() as u8;
	(pallet, call_index, ALICE, vec![b'x'; reason_len as usize]).encode()
}

/// Whether a node decodes `bytes` as a call at all (the pool refuses what does not).
fn decodes(bytes: Vec<u8>) -> bool {
	RuntimeCall::decode(&mut &bytes[..]).is_ok()
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::ApplicationDeposit.into(), &who)
}

fn free(who: u64) -> u64 {
	Balances::balance(&who)
}

fn status(who: u64) -> Option<InstitutionStatus> {
	Institutions::<Test>::get(who).map(|record| record.status)
}

fn history(who: u64) -> Vec<(u64, Option<u64>)> {
	AccreditationHistory::<Test>::get(who)
		.iter()
		.map(|period| (period.from, period.to))
		.collect()
}

fn run_to(block: u64) {
	System::set_block_number(block);
}

fn apply(who: u64) {
	assert_ok!(Registry::apply(signed(who), name(), uri(), Some(KEY)));
}

fn accredited(who: u64) {
	apply(who);
	assert_ok!(Registry::accredit(council(), who));
}

fn suspended(who: u64) {
	accredited(who);
	assert_ok!(Registry::suspend(council(), who, text(b"audit")));
}

fn revoked(who: u64) {
	accredited(who);
	assert_ok!(Registry::revoke(council(), who, text(b"fraud")));
}

mod apply {
	use super::*;

	#[test]
	fn apply_holds_the_deposit_and_records_the_applicant() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Registry::apply(signed(ALICE), name(), uri(), Some(KEY)));

			System::assert_last_event(
				Event::InstitutionApplied { institution: ALICE, deposit: DEPOSIT }.into(),
			);
			assert_eq!(held(ALICE), DEPOSIT);
			assert_eq!(free(ALICE), ENDOWMENT - DEPOSIT);
			let record = Institutions::<Test>::get(ALICE).expect("recorded");
			assert_eq!(record.status, InstitutionStatus::Applied);
			assert_eq!(record.name, name());
			assert_eq!(record.uri, uri());
			assert_eq!(record.signing_key, Some(KEY));
			assert_eq!(record.deposit, DEPOSIT);
			assert_eq!(record.reason, None);
			assert!(history(ALICE).is_empty());
			assert!(!Registry::is_accredited(&ALICE));
		});
	}

	#[test]
	fn apply_without_signing_key_or_uri_is_accepted() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Registry::apply(signed(ALICE), name(), Default::default(), None));

			let record = Institutions::<Test>::get(ALICE).expect("recorded");
			assert_eq!(record.signing_key, None);
			assert!(record.uri.is_empty());
		});
	}

	#[test]
	fn apply_with_the_longest_name_and_uri_is_accepted() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Registry::apply(
				signed(ALICE),
				bytes(MAX_NAME_LEN),
				bytes(MAX_URI_LEN),
				Some(KEY)
			));
		});
	}

	#[test]
	fn apply_twice_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			assert_noop!(
				Registry::apply(signed(ALICE), text(b"Other"), uri(), None),
				Error::<Test>::AlreadyRegistered
			);
			assert_eq!(held(ALICE), DEPOSIT);
		});
	}

	#[test]
	fn apply_by_an_accredited_institution_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			assert_noop!(
				Registry::apply(signed(ALICE), name(), uri(), None),
				Error::<Test>::AlreadyRegistered
			);
		});
	}

	#[test]
	fn apply_by_a_revoked_institution_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			revoked(ALICE);
			assert_noop!(
				Registry::apply(signed(ALICE), name(), uri(), None),
				Error::<Test>::AlreadyRegistered
			);
		});
	}

	#[test]
	fn apply_with_an_empty_name_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Registry::apply(signed(ALICE), Default::default(), uri(), None),
				Error::<Test>::EmptyName
			);
		});
	}

	#[test]
	fn apply_with_an_over_long_name_or_uri_does_not_decode() {
		ExtBuilder::default().build_and_execute(|| {
			assert!(decodes(encoded_apply(MAX_NAME_LEN, MAX_URI_LEN)));
			assert!(!decodes(encoded_apply(MAX_NAME_LEN + 1, 0)));
			assert!(!decodes(encoded_apply(1, MAX_URI_LEN + 1)));
			// The review's 3.7 MB name: refused before anything runs.
			assert!(!decodes(encoded_apply(3_700_000, 0)));
		});
	}

	#[test]
	fn apply_without_the_existential_deposit_besides_the_deposit_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(free(POOR), DEPOSIT);
			assert_noop!(
				Registry::apply(signed(POOR), name(), uri(), None),
				Error::<Test>::InsufficientBalance
			);
		});
	}

	#[test]
	fn apply_from_an_account_without_balance_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Registry::apply(signed(NOBODY), name(), uri(), None),
				Error::<Test>::InsufficientBalance
			);
		});
	}

	#[test]
	fn apply_with_no_deposit_configured_holds_nothing() {
		ExtBuilder::default().application_deposit(0).build_and_execute(|| {
			assert_ok!(Registry::apply(signed(NOBODY), name(), uri(), None));

			System::assert_last_event(
				Event::InstitutionApplied { institution: NOBODY, deposit: 0 }.into(),
			);
			assert_eq!(held(NOBODY), 0);
			assert_ok!(Registry::accredit(council(), NOBODY));
		});
	}

	#[test]
	fn apply_needs_a_signed_origin() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Registry::apply(RuntimeOrigin::root(), name(), uri(), None),
				DispatchError::BadOrigin
			);
		});
	}
}

mod withdraw_application {
	use super::*;

	#[test]
	fn withdraw_application_releases_the_deposit_and_removes_the_record() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			assert_ok!(Registry::withdraw_application(signed(ALICE)));

			System::assert_last_event(Event::ApplicationWithdrawn { institution: ALICE }.into());
			assert_eq!(held(ALICE), 0);
			assert_eq!(free(ALICE), ENDOWMENT);
			assert_eq!(status(ALICE), None);
		});
	}

	#[test]
	fn withdrawn_applicant_may_apply_again() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			assert_ok!(Registry::withdraw_application(signed(ALICE)));
			apply(ALICE);
			assert_eq!(held(ALICE), DEPOSIT);
		});
	}

	#[test]
	fn withdraw_application_of_an_unknown_account_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Registry::withdraw_application(signed(ALICE)),
				Error::<Test>::UnknownInstitution
			);
		});
	}

	#[test]
	fn withdraw_application_after_accreditation_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			assert_noop!(Registry::withdraw_application(signed(ALICE)), Error::<Test>::NotApplied);
		});
	}

	#[test]
	fn withdraw_application_after_revocation_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			revoked(ALICE);
			assert_noop!(
				Registry::withdraw_application(signed(ALICE)),
				Error::<Test>::AlreadyRevoked
			);
		});
	}
}

mod accredit {
	use super::*;

	#[test]
	fn accredit_releases_the_deposit_and_opens_a_period() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			run_to(5);
			assert_ok!(Registry::accredit(council(), ALICE));

			System::assert_last_event(Event::InstitutionAccredited { institution: ALICE }.into());
			assert_eq!(status(ALICE), Some(InstitutionStatus::Accredited));
			assert_eq!(held(ALICE), 0);
			assert_eq!(free(ALICE), ENDOWMENT);
			assert_eq!(Institutions::<Test>::get(ALICE).map(|record| record.deposit), Some(0));
			assert_eq!(history(ALICE), vec![(5, None)]);
			assert!(Registry::is_accredited(&ALICE));
		});
	}

	#[test]
	fn accredit_needs_the_accredit_origin() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			assert_noop!(Registry::accredit(signed(BOB), ALICE), DispatchError::BadOrigin);
			assert_noop!(Registry::accredit(signed(ALICE), ALICE), DispatchError::BadOrigin);
		});
	}

	#[test]
	fn accredit_of_an_unknown_account_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(Registry::accredit(council(), ALICE), Error::<Test>::UnknownInstitution);
		});
	}

	#[test]
	fn accredit_twice_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			assert_noop!(Registry::accredit(council(), ALICE), Error::<Test>::NotApplied);
		});
	}

	#[test]
	fn accredit_of_a_suspended_institution_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			suspended(ALICE);
			assert_noop!(Registry::accredit(council(), ALICE), Error::<Test>::NotApplied);
		});
	}

	#[test]
	fn accredit_of_a_revoked_institution_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			revoked(ALICE);
			assert_noop!(Registry::accredit(council(), ALICE), Error::<Test>::AlreadyRevoked);
		});
	}
}

mod reject {
	use super::*;

	#[test]
	fn reject_releases_the_deposit_and_removes_the_record() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			let issuance = Balances::total_issuance();
			assert_ok!(Registry::reject(council(), ALICE, false));

			System::assert_last_event(
				Event::ApplicationRejected { institution: ALICE, forfeited: false }.into(),
			);
			assert_eq!(status(ALICE), None);
			assert_eq!(held(ALICE), 0);
			assert_eq!(free(ALICE), ENDOWMENT);
			assert_eq!(Balances::total_issuance(), issuance);
		});
	}

	#[test]
	fn reject_with_forfeit_burns_the_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			let issuance = Balances::total_issuance();
			assert_ok!(Registry::reject(council(), ALICE, true));

			System::assert_has_event(
				pallet_balances::Event::BurnedHeld {
					reason: HoldReason::ApplicationDeposit.into(),
					who: ALICE,
					amount: DEPOSIT,
				}
				.into(),
			);
			System::assert_last_event(
				Event::ApplicationRejected { institution: ALICE, forfeited: true }.into(),
			);
			assert_eq!(status(ALICE), None);
			assert_eq!(held(ALICE), 0);
			assert_eq!(free(ALICE), ENDOWMENT - DEPOSIT);
			assert_eq!(Balances::total_issuance(), issuance - DEPOSIT);
		});
	}

	#[test]
	fn rejected_applicant_may_apply_again() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			assert_ok!(Registry::reject(council(), ALICE, true));
			apply(ALICE);
			assert_eq!(held(ALICE), DEPOSIT);
		});
	}

	#[test]
	fn reject_needs_the_reject_origin() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			assert_noop!(Registry::reject(signed(BOB), ALICE, true), DispatchError::BadOrigin);
		});
	}

	#[test]
	fn reject_of_an_unknown_account_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Registry::reject(council(), ALICE, false),
				Error::<Test>::UnknownInstitution
			);
		});
	}

	#[test]
	fn reject_of_an_accredited_institution_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			assert_noop!(Registry::reject(council(), ALICE, true), Error::<Test>::NotApplied);
		});
	}

	#[test]
	fn reject_of_a_revoked_institution_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			revoked(ALICE);
			assert_noop!(Registry::reject(council(), ALICE, false), Error::<Test>::AlreadyRevoked);
		});
	}
}

mod suspend {
	use super::*;

	#[test]
	fn suspend_closes_the_period_and_records_the_reason() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			run_to(7);
			assert_ok!(Registry::suspend(council(), ALICE, text(b"audit")));

			System::assert_last_event(
				Event::InstitutionSuspended { institution: ALICE, reason: reason(b"audit") }.into(),
			);
			assert_eq!(status(ALICE), Some(InstitutionStatus::Suspended));
			assert_eq!(
				Institutions::<Test>::get(ALICE).and_then(|record| record.reason),
				Some(reason(b"audit"))
			);
			assert_eq!(history(ALICE), vec![(1, Some(7))]);
			assert!(!Registry::is_accredited(&ALICE));
		});
	}

	#[test]
	fn suspend_with_the_longest_reason_is_accepted() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			assert_ok!(Registry::suspend(council(), ALICE, bytes(MAX_REASON_LEN)));
		});
	}

	#[test]
	fn suspend_needs_the_suspend_origin() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			assert_noop!(
				Registry::suspend(signed(BOB), ALICE, text(b"audit")),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn suspend_with_an_empty_reason_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			assert_noop!(
				Registry::suspend(council(), ALICE, Default::default()),
				Error::<Test>::EmptyReason
			);
		});
	}

	#[test]
	fn suspend_with_an_over_long_reason_does_not_decode() {
		ExtBuilder::default().build_and_execute(|| {
			assert!(decodes(encoded_with_reason(SUSPEND, MAX_REASON_LEN)));
			assert!(!decodes(encoded_with_reason(SUSPEND, MAX_REASON_LEN + 1)));
		});
	}

	#[test]
	fn suspend_of_an_unknown_account_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Registry::suspend(council(), ALICE, text(b"audit")),
				Error::<Test>::UnknownInstitution
			);
		});
	}

	#[test]
	fn suspend_of_an_applicant_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			assert_noop!(
				Registry::suspend(council(), ALICE, text(b"audit")),
				Error::<Test>::NotAccredited
			);
		});
	}

	#[test]
	fn suspend_twice_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			suspended(ALICE);
			assert_noop!(
				Registry::suspend(council(), ALICE, text(b"again")),
				Error::<Test>::NotAccredited
			);
		});
	}

	#[test]
	fn suspend_of_a_revoked_institution_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			revoked(ALICE);
			assert_noop!(
				Registry::suspend(council(), ALICE, text(b"audit")),
				Error::<Test>::AlreadyRevoked
			);
		});
	}
}

mod reinstate {
	use super::*;

	#[test]
	fn reinstate_opens_a_new_period_and_clears_the_reason() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			run_to(2);
			assert_ok!(Registry::accredit(council(), ALICE));
			run_to(4);
			assert_ok!(Registry::suspend(council(), ALICE, text(b"audit")));
			run_to(6);
			assert_ok!(Registry::reinstate(council(), ALICE));

			System::assert_last_event(Event::InstitutionReinstated { institution: ALICE }.into());
			assert_eq!(status(ALICE), Some(InstitutionStatus::Accredited));
			assert_eq!(Institutions::<Test>::get(ALICE).and_then(|record| record.reason), None);
			assert_eq!(history(ALICE), vec![(2, Some(4)), (6, None)]);
			assert!(Registry::is_accredited(&ALICE));
		});
	}

	#[test]
	fn reinstate_needs_the_reinstate_origin() {
		ExtBuilder::default().build_and_execute(|| {
			suspended(ALICE);
			assert_noop!(Registry::reinstate(signed(ALICE), ALICE), DispatchError::BadOrigin);
		});
	}

	#[test]
	fn reinstate_of_an_unknown_account_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(Registry::reinstate(council(), ALICE), Error::<Test>::UnknownInstitution);
		});
	}

	#[test]
	fn reinstate_of_an_accredited_institution_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			assert_noop!(Registry::reinstate(council(), ALICE), Error::<Test>::NotSuspended);
		});
	}

	#[test]
	fn reinstate_of_an_applicant_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			assert_noop!(Registry::reinstate(council(), ALICE), Error::<Test>::NotSuspended);
		});
	}

	#[test]
	fn reinstate_of_a_revoked_institution_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			suspended(ALICE);
			assert_ok!(Registry::revoke(council(), ALICE, text(b"fraud")));
			assert_noop!(Registry::reinstate(council(), ALICE), Error::<Test>::AlreadyRevoked);
		});
	}

	#[test]
	fn reinstate_with_a_full_history_is_rejected_and_keeps_the_history() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			for block in 2..=(MAX_HISTORY_LEN as u64) {
				run_to(block * 10);
				assert_ok!(Registry::suspend(council(), ALICE, text(b"audit")));
				assert_ok!(Registry::reinstate(council(), ALICE));
			}
			run_to(100);
			assert_ok!(Registry::suspend(council(), ALICE, text(b"audit")));
			assert_eq!(history(ALICE).len() as u32, MAX_HISTORY_LEN);
			let before = history(ALICE);

			run_to(101);
			assert_noop!(Registry::reinstate(council(), ALICE), Error::<Test>::TooManyPeriods);
			assert_eq!(history(ALICE), before);
			assert_eq!(status(ALICE), Some(InstitutionStatus::Suspended));
		});
	}
}

mod revoke {
	use super::*;

	#[test]
	fn revoke_of_an_accredited_institution_closes_the_period_and_keeps_the_record() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			run_to(9);
			assert_ok!(Registry::revoke(council(), ALICE, text(b"fraud")));

			System::assert_last_event(
				Event::InstitutionRevoked { institution: ALICE, reason: reason(b"fraud") }.into(),
			);
			let record = Institutions::<Test>::get(ALICE).expect("a revoked record is kept");
			assert_eq!(record.status, InstitutionStatus::Revoked);
			assert_eq!(record.reason, Some(reason(b"fraud")));
			assert_eq!(record.name, name());
			assert_eq!(history(ALICE), vec![(1, Some(9))]);
			assert!(!Registry::is_accredited(&ALICE));
		});
	}

	#[test]
	fn revoke_of_a_suspended_institution_keeps_its_closed_history() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			run_to(3);
			assert_ok!(Registry::suspend(council(), ALICE, text(b"audit")));
			run_to(8);
			assert_ok!(Registry::revoke(council(), ALICE, text(b"fraud")));

			assert_eq!(status(ALICE), Some(InstitutionStatus::Revoked));
			assert_eq!(
				Institutions::<Test>::get(ALICE).and_then(|record| record.reason),
				Some(reason(b"fraud"))
			);
			assert_eq!(history(ALICE), vec![(1, Some(3))]);
		});
	}

	#[test]
	fn revoke_removes_the_instructors_of_the_institution_only() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			accredited(BOB);
			assert_ok!(Registry::add_instructor(signed(ALICE), CHARLIE));
			assert_ok!(Registry::add_instructor(signed(ALICE), DAVE));
			assert_ok!(Registry::add_instructor(signed(BOB), CHARLIE));

			let result = Registry::revoke(council(), ALICE, text(b"fraud"));

			assert_ok!(result);
			assert_eq!(
				result.ok().and_then(|info| info.actual_weight),
				Some(<() as WeightInfo>::revoke(2))
			);
			for instructor in [CHARLIE, DAVE] {
				System::assert_has_event(
					Event::InstructorRemoved { institution: ALICE, instructor }.into(),
				);
			}
			assert!(Registry::instructors_of(&ALICE).is_empty());
			assert!(!InstructorsOf::<Test>::contains_key(ALICE));
			assert_eq!(Registry::institutions_of(&CHARLIE), vec![BOB]);
			assert!(!InstitutionsOf::<Test>::contains_key(DAVE));
			assert_eq!(Registry::instructors_of(&BOB), vec![CHARLIE]);
		});
	}

	#[test]
	fn revoke_needs_the_revoke_origin() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			assert_noop!(
				Registry::revoke(signed(ALICE), ALICE, text(b"fraud")),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn revoke_with_an_empty_reason_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			assert_noop!(
				Registry::revoke(council(), ALICE, Default::default()),
				Error::<Test>::EmptyReason
			);
		});
	}

	#[test]
	fn revoke_with_an_over_long_reason_does_not_decode() {
		ExtBuilder::default().build_and_execute(|| {
			assert!(decodes(encoded_with_reason(REVOKE, MAX_REASON_LEN)));
			assert!(!decodes(encoded_with_reason(REVOKE, MAX_REASON_LEN + 1)));
		});
	}

	#[test]
	fn revoke_of_an_unknown_account_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Registry::revoke(council(), ALICE, text(b"fraud")),
				Error::<Test>::UnknownInstitution
			);
		});
	}

	#[test]
	fn revoke_of_an_applicant_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			assert_noop!(
				Registry::revoke(council(), ALICE, text(b"fraud")),
				Error::<Test>::NotAccredited
			);
		});
	}

	#[test]
	fn revoke_twice_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			revoked(ALICE);
			assert_noop!(
				Registry::revoke(council(), ALICE, text(b"again")),
				Error::<Test>::AlreadyRevoked
			);
		});
	}
}

mod instructors {
	use super::*;

	#[test]
	fn add_instructor_links_institution_and_instructor_both_ways() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			assert_ok!(Registry::add_instructor(signed(ALICE), CHARLIE));

			System::assert_last_event(
				Event::InstructorAdded { institution: ALICE, instructor: CHARLIE }.into(),
			);
			assert_eq!(Registry::instructors_of(&ALICE), vec![CHARLIE]);
			assert_eq!(Registry::institutions_of(&CHARLIE), vec![ALICE]);
			assert!(Registry::is_instructor_of(&CHARLIE, &ALICE));
			assert!(!Registry::is_instructor_of(&ALICE, &CHARLIE));
		});
	}

	#[test]
	fn an_instructor_may_serve_several_institutions() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			accredited(BOB);
			assert_ok!(Registry::add_instructor(signed(ALICE), CHARLIE));
			assert_ok!(Registry::add_instructor(signed(BOB), CHARLIE));

			assert_eq!(Registry::institutions_of(&CHARLIE), vec![ALICE, BOB]);
			assert!(Registry::is_instructor_of(&CHARLIE, &BOB));
		});
	}

	#[test]
	fn an_institution_may_be_its_own_instructor() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			assert_ok!(Registry::add_instructor(signed(ALICE), ALICE));
			assert!(Registry::is_instructor_of(&ALICE, &ALICE));
		});
	}

	#[test]
	fn add_instructor_twice_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			assert_ok!(Registry::add_instructor(signed(ALICE), CHARLIE));
			assert_noop!(
				Registry::add_instructor(signed(ALICE), CHARLIE),
				Error::<Test>::InstructorAlreadyAdded
			);
		});
	}

	#[test]
	fn add_instructor_by_an_unknown_account_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Registry::add_instructor(signed(ALICE), CHARLIE),
				Error::<Test>::UnknownInstitution
			);
		});
	}

	#[test]
	fn add_instructor_by_an_applicant_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			assert_noop!(
				Registry::add_instructor(signed(ALICE), CHARLIE),
				Error::<Test>::NotAccredited
			);
		});
	}

	#[test]
	fn add_instructor_by_a_suspended_institution_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			suspended(ALICE);
			assert_noop!(
				Registry::add_instructor(signed(ALICE), CHARLIE),
				Error::<Test>::NotAccredited
			);
		});
	}

	#[test]
	fn add_instructor_by_a_revoked_institution_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			revoked(ALICE);
			assert_noop!(
				Registry::add_instructor(signed(ALICE), CHARLIE),
				Error::<Test>::NotAccredited
			);
		});
	}

	#[test]
	fn add_instructor_beyond_the_institution_bound_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			for instructor in 10..10 + MAX_INSTRUCTORS as u64 {
				assert_ok!(Registry::add_instructor(signed(ALICE), instructor));
			}
			assert_noop!(
				Registry::add_instructor(signed(ALICE), CHARLIE),
				Error::<Test>::TooManyInstructors
			);
		});
	}

	#[test]
	fn add_instructor_beyond_the_instructor_bound_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			let institutions = [ALICE, BOB, DAVE];
			assert!(institutions.len() as u32 > MAX_INSTITUTIONS);
			for institution in institutions {
				accredited(institution);
			}
			for institution in &institutions[..MAX_INSTITUTIONS as usize] {
				assert_ok!(Registry::add_instructor(signed(*institution), CHARLIE));
			}
			assert_noop!(
				Registry::add_instructor(signed(DAVE), CHARLIE),
				Error::<Test>::TooManyInstitutions
			);
		});
	}

	#[test]
	fn remove_instructor_unlinks_both_ways() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			accredited(BOB);
			assert_ok!(Registry::add_instructor(signed(ALICE), CHARLIE));
			assert_ok!(Registry::add_instructor(signed(ALICE), DAVE));
			assert_ok!(Registry::add_instructor(signed(BOB), CHARLIE));

			assert_ok!(Registry::remove_instructor(signed(ALICE), CHARLIE));

			System::assert_last_event(
				Event::InstructorRemoved { institution: ALICE, instructor: CHARLIE }.into(),
			);
			assert_eq!(Registry::instructors_of(&ALICE), vec![DAVE]);
			assert_eq!(Registry::institutions_of(&CHARLIE), vec![BOB]);
			assert!(!Registry::is_instructor_of(&CHARLIE, &ALICE));
		});
	}

	#[test]
	fn removing_the_last_link_clears_both_lists() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			assert_ok!(Registry::add_instructor(signed(ALICE), CHARLIE));
			assert_ok!(Registry::remove_instructor(signed(ALICE), CHARLIE));

			assert!(!InstructorsOf::<Test>::contains_key(ALICE));
			assert!(!InstitutionsOf::<Test>::contains_key(CHARLIE));
		});
	}

	#[test]
	fn remove_instructor_frees_room_for_another() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			for instructor in 10..10 + MAX_INSTRUCTORS as u64 {
				assert_ok!(Registry::add_instructor(signed(ALICE), instructor));
			}
			assert_ok!(Registry::remove_instructor(signed(ALICE), 10));
			assert_ok!(Registry::add_instructor(signed(ALICE), CHARLIE));
		});
	}

	#[test]
	fn remove_instructor_that_is_not_registered_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			accredited(BOB);
			assert_noop!(
				Registry::remove_instructor(signed(ALICE), CHARLIE),
				Error::<Test>::UnknownInstructor
			);
			assert_ok!(Registry::add_instructor(signed(BOB), CHARLIE));
			assert_ok!(Registry::add_instructor(signed(ALICE), DAVE));
			assert_noop!(
				Registry::remove_instructor(signed(ALICE), CHARLIE),
				Error::<Test>::UnknownInstructor
			);
		});
	}

	#[test]
	fn remove_instructor_by_an_unknown_account_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Registry::remove_instructor(signed(ALICE), CHARLIE),
				Error::<Test>::UnknownInstitution
			);
		});
	}

	#[test]
	fn suspended_institution_cannot_remove_instructors_and_keeps_them() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			assert_ok!(Registry::add_instructor(signed(ALICE), CHARLIE));
			assert_ok!(Registry::suspend(council(), ALICE, text(b"audit")));

			assert_noop!(
				Registry::remove_instructor(signed(ALICE), CHARLIE),
				Error::<Test>::NotAccredited
			);
			assert!(Registry::is_instructor_of(&CHARLIE, &ALICE));

			assert_ok!(Registry::reinstate(council(), ALICE));
			assert_ok!(Registry::remove_instructor(signed(ALICE), CHARLIE));
		});
	}
}

mod history {
	use super::*;

	#[test]
	fn was_accredited_at_follows_the_periods_at_their_boundaries() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			run_to(10);
			assert_ok!(Registry::accredit(council(), ALICE));
			assert!(Registry::was_accredited_at(&ALICE, 10));
			assert!(Registry::was_accredited_at(&ALICE, 1_000));
			run_to(20);
			assert_ok!(Registry::suspend(council(), ALICE, text(b"audit")));
			run_to(30);
			assert_ok!(Registry::reinstate(council(), ALICE));
			run_to(40);
			assert_ok!(Registry::revoke(council(), ALICE, text(b"fraud")));

			assert_eq!(history(ALICE), vec![(10, Some(20)), (30, Some(40))]);
			let expected = [
				(0, false),
				(9, false),
				(10, true),
				(19, true),
				(20, false),
				(29, false),
				(30, true),
				(39, true),
				(40, false),
				(1_000, false),
			];
			for (block, accredited) in expected {
				assert_eq!(Registry::was_accredited_at(&ALICE, block), accredited, "block {block}");
			}
		});
	}

	#[test]
	fn a_period_closed_in_the_block_it_opened_covers_no_block() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			run_to(10);
			assert_ok!(Registry::accredit(council(), ALICE));
			assert_ok!(Registry::suspend(council(), ALICE, text(b"audit")));

			assert_eq!(history(ALICE), vec![(10, Some(10))]);
			assert!(!Registry::was_accredited_at(&ALICE, 10));
		});
	}

	#[test]
	fn an_unknown_account_or_applicant_was_never_accredited() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			assert!(!Registry::was_accredited_at(&ALICE, 1));
			assert!(!Registry::was_accredited_at(&BOB, 1));
		});
	}
}

mod signing_keys {
	use super::*;

	const NEW_KEY: SigningKey = [8u8; 32];

	fn keys(who: u64) -> Vec<(SigningKey, u64)> {
		SigningKeys::<Test>::get(who)
			.iter()
			.map(|period| (period.key, period.from))
			.collect()
	}

	#[test]
	fn the_key_given_with_the_application_starts_the_history() {
		ExtBuilder::default().build_and_execute(|| {
			run_to(4);
			apply(ALICE);
			assert_eq!(keys(ALICE), vec![(KEY, 4)]);
			assert_ok!(Registry::apply(signed(BOB), name(), uri(), None));
			assert!(keys(BOB).is_empty());
			assert_eq!(Registry::signing_key_at(&BOB, 4), None);
		});
	}

	/// The attack a history prevents: with only the current key on chain, rotating a key would
	/// make every credential signed before look forged, or a leaked key would stay the
	/// institution's for good.
	#[test]
	fn a_rotated_key_takes_effect_from_its_block_and_the_old_one_stays_for_its_time() {
		ExtBuilder::default().build_and_execute(|| {
			run_to(2);
			accredited(ALICE);
			run_to(10);
			assert_ok!(Registry::set_signing_key(signed(ALICE), NEW_KEY));
			System::assert_last_event(
				Event::SigningKeyChanged { institution: ALICE, key: NEW_KEY }.into(),
			);
			assert_eq!(Institutions::<Test>::get(ALICE).unwrap().signing_key, Some(NEW_KEY));
			// In effect from the next block: a token minted earlier in block 10 keeps the old key.
			assert_eq!(keys(ALICE), vec![(KEY, 2), (NEW_KEY, 11)]);
			assert_eq!(Registry::signing_key_at(&ALICE, 1), None);
			assert_eq!(Registry::signing_key_at(&ALICE, 2), Some(KEY));
			assert_eq!(Registry::signing_key_at(&ALICE, 10), Some(KEY));
			assert_eq!(Registry::signing_key_at(&ALICE, 11), Some(NEW_KEY));
			assert_eq!(Registry::signing_key_at(&ALICE, 1_000), Some(NEW_KEY));
			assert_eq!(
				Registry::institution(&ALICE).unwrap().signing_keys,
				vec![KeyPeriod { key: KEY, from: 2 }, KeyPeriod { key: NEW_KEY, from: 11 }]
			);
		});
	}

	#[test]
	fn an_institution_without_a_key_registers_one_later() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Registry::apply(signed(ALICE), name(), uri(), None));
			run_to(5);
			assert_ok!(Registry::set_signing_key(signed(ALICE), KEY));
			assert_eq!(keys(ALICE), vec![(KEY, 6)]);
		});
	}

	#[test]
	fn a_suspended_institution_may_replace_a_leaked_key_and_a_revoked_one_may_not() {
		ExtBuilder::default().build_and_execute(|| {
			suspended(ALICE);
			assert_ok!(Registry::set_signing_key(signed(ALICE), NEW_KEY));
			revoked(BOB);
			assert_noop!(
				Registry::set_signing_key(signed(BOB), NEW_KEY),
				Error::<Test>::AlreadyRevoked
			);
		});
	}

	#[test]
	fn set_signing_key_refuses_strangers_the_same_key_and_a_full_history() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Registry::set_signing_key(signed(ALICE), KEY),
				Error::<Test>::UnknownInstitution
			);
			accredited(ALICE);
			assert_noop!(
				Registry::set_signing_key(signed(ALICE), KEY),
				Error::<Test>::SameSigningKey
			);
			for index in 1..MAX_SIGNING_KEYS as u8 {
				assert_ok!(Registry::set_signing_key(signed(ALICE), [index; 32]));
			}
			assert_noop!(
				Registry::set_signing_key(signed(ALICE), NEW_KEY),
				Error::<Test>::TooManySigningKeys
			);
			assert_eq!(keys(ALICE).len() as u32, MAX_SIGNING_KEYS);
		});
	}

	#[test]
	fn a_withdrawn_or_rejected_application_takes_its_keys_along() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			assert_ok!(Registry::withdraw_application(signed(ALICE)));
			assert!(keys(ALICE).is_empty());
			apply(BOB);
			assert_ok!(Registry::reject(council(), BOB, false));
			assert!(keys(BOB).is_empty());
		});
	}

	#[test]
	fn set_signing_key_is_weighed_by_its_benchmark() {
		let call = crate::Call::<Test>::set_signing_key { key: KEY };
		let info = frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call);
		assert_eq!(info.call_weight, <() as WeightInfo>::set_signing_key());
	}
}

mod migrations {
	use super::*;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	/// A registry as version 0 left it: records with their key, no key history.
	fn version_0_state() {
		accredited(ALICE);
		assert_ok!(Registry::apply(signed(BOB), name(), uri(), None));
		apply(CHARLIE);
		let _ = SigningKeys::<Test>::clear(u32::MAX, None);
		StorageVersion::new(0).put::<Registry>();
	}

	#[test]
	fn version_1_starts_each_key_history_with_the_key_on_record() {
		ExtBuilder::default().build_and_execute(|| {
			run_to(7);
			version_0_state();
			crate::migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();
			assert_eq!(Registry::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(
				SigningKeys::<Test>::get(ALICE).into_inner(),
				vec![KeyPeriod { key: KEY, from: 0 }]
			);
			assert_eq!(SigningKeys::<Test>::get(CHARLIE).len(), 1);
			assert!(!SigningKeys::<Test>::contains_key(BOB));
			// Every token of ALICE's, at any block, is checked against that key.
			assert_eq!(Registry::signing_key_at(&ALICE, 1), Some(KEY));
		});
	}

	#[test]
	fn the_migration_runs_once() {
		ExtBuilder::default().build_and_execute(|| {
			version_0_state();
			crate::migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();
			run_to(9);
			assert_ok!(Registry::set_signing_key(signed(ALICE), [8u8; 32]));
			// On version 1 it does nothing: the rotation is kept.
			crate::migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();
			assert_eq!(SigningKeys::<Test>::get(ALICE).len(), 2);
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn the_migration_passes_its_own_checks() {
		use frame_support::traits::UncheckedOnRuntimeUpgrade;
		ExtBuilder::default().build_and_execute(|| {
			version_0_state();
			type Step = crate::migrations::v1::InitSigningKeys<Test>;
			let state = <Step as UncheckedOnRuntimeUpgrade>::pre_upgrade().unwrap();
			<Step as UncheckedOnRuntimeUpgrade>::on_runtime_upgrade();
			<Step as UncheckedOnRuntimeUpgrade>::post_upgrade(state).unwrap();
		});
	}
}

mod queries {
	use super::*;

	#[test]
	fn institution_view_shows_status_reason_and_history() {
		ExtBuilder::default().build_and_execute(|| {
			apply(ALICE);
			run_to(3);
			assert_ok!(Registry::accredit(council(), ALICE));
			run_to(6);
			assert_ok!(Registry::suspend(council(), ALICE, text(b"audit")));

			assert_eq!(
				Registry::institution(&ALICE),
				Some(InstitutionView {
					status: InstitutionStatus::Suspended,
					name: name().into_inner(),
					uri: uri().into_inner(),
					signing_key: Some(KEY),
					reason: Some(b"audit".to_vec()),
					history: vec![AccreditationPeriod { from: 3, to: Some(6) }],
					signing_keys: vec![KeyPeriod { key: KEY, from: 1 }],
				})
			);
		});
	}

	#[test]
	fn queries_about_an_unknown_account_answer_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(Registry::institution(&ALICE), None);
			assert!(!Registry::is_accredited(&ALICE));
			assert!(Registry::instructors_of(&ALICE).is_empty());
			assert!(Registry::institutions_of(&ALICE).is_empty());
		});
	}

	#[test]
	fn trust_registry_answers_as_the_pallet() {
		ExtBuilder::default().build_and_execute(|| {
			accredited(ALICE);
			assert_ok!(Registry::add_instructor(signed(ALICE), CHARLIE));

			assert!(<Registry as TrustRegistry<u64, u64>>::is_accredited(&ALICE));
			assert!(<Registry as TrustRegistry<u64, u64>>::was_accredited_at(&ALICE, 1));
			assert!(!<Registry as TrustRegistry<u64, u64>>::was_accredited_at(&ALICE, 0));
			assert!(<Registry as TrustRegistry<u64, u64>>::is_instructor_of(&CHARLIE, &ALICE));
			assert!(!<Registry as TrustRegistry<u64, u64>>::is_instructor_of(&DAVE, &ALICE));

			assert_ok!(Registry::suspend(council(), ALICE, text(b"audit")));
			assert!(!<Registry as TrustRegistry<u64, u64>>::is_accredited(&ALICE));
		});
	}
}

#[cfg(feature = "runtime-benchmarks")]
#[test]
fn register_for_benchmarks_accredits_the_institution_and_links_the_instructor() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Registry::register_for_benchmarks(&NOBODY, &EVE));
		assert_ok!(Registry::register_for_benchmarks(&NOBODY, &DAVE));

		assert!(Registry::is_accredited(&NOBODY));
		assert_eq!(Registry::instructors_of(&NOBODY), vec![EVE, DAVE]);
		assert_eq!(held(NOBODY), 0);
	});
}

mod invariants {
	use super::*;

	fn broken(mutate: impl FnOnce()) -> bool {
		let mut broken = false;
		ExtBuilder::default().build().execute_with(|| {
			accredited(ALICE);
			assert_ok!(Registry::add_instructor(signed(ALICE), CHARLIE));
			apply(BOB);
			assert_ok!(Registry::do_try_state());
			mutate();
			broken = Registry::do_try_state().is_err();
		});
		broken
	}

	#[test]
	fn try_state_detects_a_broken_mirror() {
		assert!(broken(|| InstitutionsOf::<Test>::remove(CHARLIE)));
		assert!(broken(|| InstructorsOf::<Test>::remove(ALICE)));
	}

	#[test]
	fn try_state_detects_a_wrong_deposit() {
		assert!(broken(|| Institutions::<Test>::mutate(BOB, |record| {
			if let Some(record) = record {
				record.deposit = DEPOSIT + 1;
			}
		})));
	}

	#[test]
	fn try_state_detects_an_open_period_of_a_suspended_institution() {
		assert!(broken(|| Institutions::<Test>::mutate(ALICE, |record| {
			if let Some(record) = record {
				record.status = InstitutionStatus::Suspended;
			}
		})));
	}

	#[test]
	fn try_state_detects_overlapping_periods() {
		assert!(broken(|| AccreditationHistory::<Test>::mutate(ALICE, |history| {
			*history = BoundedVec::truncate_from(vec![
				AccreditationPeriod { from: 5, to: Some(8) },
				AccreditationPeriod { from: 7, to: None },
			]);
		})));
	}

	#[test]
	fn try_state_detects_an_applicant_with_history() {
		assert!(broken(|| AccreditationHistory::<Test>::insert(
			BOB,
			BoundedVec::truncate_from(vec![AccreditationPeriod { from: 1, to: Some(2) }])
		)));
	}
}

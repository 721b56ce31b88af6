//! Council motions, end to end in the runtime: the registry and the validator set obey the
//! Council's thresholds, and nobody else.

use super::preset_storage;
use crate::{
	configs::governance::CouncilMotionDuration, AccountId, Council, Registry, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, System, ValidatorSet,
};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	DispatchError,
};

fn account(who: Sr25519Keyring) -> AccountId {
	who.to_account_id()
}

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(who))
}

/// Alice proposes `call` to the Council with `threshold`; returns its hash and index.
fn propose(call: RuntimeCall, threshold: u32) -> (crate::Hash, u32) {
	let length = call.encoded_size() as u32;
	let index = pallet_collective::ProposalCount::<Runtime, pallet_collective::Instance1>::get();
	assert_ok!(Council::propose(
		signed(Sr25519Keyring::Alice),
		threshold,
		Box::new(call.clone()),
		length
	));
	(BlakeTwo256::hash_of(&call), index)
}

fn close(call: &RuntimeCall, hash: crate::Hash, index: u32) {
	assert_ok!(Council::close(
		signed(Sr25519Keyring::Charlie),
		hash,
		index,
		call.get_dispatch_info().call_weight,
		call.encoded_size() as u32,
	));
}

fn executed_result() -> Option<Result<(), DispatchError>> {
	System::events().into_iter().rev().find_map(|record| match record.event {
		RuntimeEvent::Council(pallet_collective::Event::Executed { result, .. }) => Some(result),
		_ => None,
	})
}

/// Eve applies as an institution (she holds funds for the deposit).
fn eve_applies() -> AccountId {
	assert_ok!(Registry::apply(
		signed(Sr25519Keyring::Eve),
		b"Open Learning Institute".to_vec(),
		b"https://open-learning.example".to_vec(),
		None,
	));
	account(Sr25519Keyring::Eve)
}

fn in_local_testnet(test: impl FnOnce()) {
	preset_storage(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		test()
	});
}

#[test]
fn two_of_three_council_members_accredit_an_institution() {
	in_local_testnet(|| {
		let eve = eve_applies();
		let call =
			RuntimeCall::Registry(pallet_registry::Call::accredit { institution: eve.clone() });
		let (hash, index) = propose(call.clone(), 2);
		// Proposing is not voting: the proposer votes like any member.
		assert_ok!(Council::vote(signed(Sr25519Keyring::Alice), hash, index, true));
		assert!(!Registry::is_accredited(&eve), "one aye of the two needed");

		assert_ok!(Council::vote(signed(Sr25519Keyring::Bob), hash, index, true));
		close(&call, hash, index);

		assert_eq!(executed_result(), Some(Ok(())));
		assert!(Registry::is_accredited(&eve));
		System::assert_has_event(
			pallet_registry::Event::InstitutionAccredited { institution: eve }.into(),
		);
	});
}

#[test]
fn a_motion_without_enough_ayes_is_disapproved_and_changes_nothing() {
	in_local_testnet(|| {
		let eve = eve_applies();
		let call =
			RuntimeCall::Registry(pallet_registry::Call::accredit { institution: eve.clone() });
		let (hash, index) = propose(call.clone(), 2);
		assert_ok!(Council::vote(signed(Sr25519Keyring::Bob), hash, index, false));
		assert_ok!(Council::vote(signed(Sr25519Keyring::Charlie), hash, index, false));
		close(&call, hash, index);

		System::assert_has_event(
			pallet_collective::Event::<Runtime, pallet_collective::Instance1>::Disapproved {
				proposal_hash: hash,
			}
			.into(),
		);
		assert_eq!(executed_result(), None);
		assert!(!Registry::is_accredited(&eve));
	});
}

#[test]
fn a_silent_council_cannot_pass_a_motion_after_its_duration() {
	in_local_testnet(|| {
		let eve = eve_applies();
		let call =
			RuntimeCall::Registry(pallet_registry::Call::accredit { institution: eve.clone() });
		let (hash, index) = propose(call.clone(), 2);
		assert_ok!(Council::vote(signed(Sr25519Keyring::Alice), hash, index, true));
		// Before the motion's time is up, it cannot be closed with one aye.
		assert_noop!(
			Council::close(
				signed(Sr25519Keyring::Charlie),
				hash,
				index,
				call.get_dispatch_info().call_weight,
				call.encoded_size() as u32,
			),
			pallet_collective::Error::<Runtime, pallet_collective::Instance1>::TooEarly
		);
		System::set_block_number(1 + CouncilMotionDuration::get());
		close(&call, hash, index);
		assert!(!Registry::is_accredited(&eve));
	});
}

#[test]
fn a_motion_under_the_registry_threshold_is_refused_by_the_registry() {
	in_local_testnet(|| {
		let eve = eve_applies();
		// Threshold 1 of 3 executes at once, as one third of the Council: not a majority.
		let call =
			RuntimeCall::Registry(pallet_registry::Call::accredit { institution: eve.clone() });
		propose(call, 1);
		assert_eq!(executed_result(), Some(Err(DispatchError::BadOrigin)));
		assert!(!Registry::is_accredited(&eve));
	});
}

#[test]
fn a_non_member_can_neither_propose_nor_vote() {
	in_local_testnet(|| {
		let eve = eve_applies();
		let call =
			RuntimeCall::Registry(pallet_registry::Call::accredit { institution: eve.clone() });
		let length = call.encoded_size() as u32;
		assert_noop!(
			Council::propose(signed(Sr25519Keyring::Dave), 2, Box::new(call.clone()), length),
			pallet_collective::Error::<Runtime, pallet_collective::Instance1>::NotMember
		);
		let (hash, index) = propose(call, 2);
		assert_noop!(
			Council::vote(signed(Sr25519Keyring::Dave), hash, index, true),
			pallet_collective::Error::<Runtime, pallet_collective::Instance1>::NotMember
		);
		assert!(!Registry::is_accredited(&eve));
	});
}

#[test]
fn nobody_but_the_council_accredits_or_changes_validators() {
	in_local_testnet(|| {
		let eve = eve_applies();
		// A Council member acting alone, outside a motion, is just a signed account.
		assert_noop!(
			Registry::accredit(signed(Sr25519Keyring::Alice), eve.clone()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::add_validator(
				signed(Sr25519Keyring::Alice),
				account(Sr25519Keyring::Dave)
			),
			DispatchError::BadOrigin
		);
		assert!(!Registry::is_accredited(&eve));
	});
}

#[test]
fn a_majority_is_not_enough_for_a_validator_change() {
	in_local_testnet(|| {
		let dave = account(Sr25519Keyring::Dave);
		let call = RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator {
			validator: dave.clone(),
		});
		// One of three executes at once and is refused: validator changes need two thirds.
		propose(call, 1);
		assert_eq!(executed_result(), Some(Err(DispatchError::BadOrigin)));
		assert!(!pallet_validator_set::Validators::<Runtime>::get().contains(&dave));
	});
}

#[test]
fn two_thirds_of_the_council_authorize_a_runtime_upgrade() {
	in_local_testnet(|| {
		let code_hash = BlakeTwo256::hash(b"the next runtime");
		let call = RuntimeCall::Upgrade(pallet_upgrade::Call::authorize_upgrade { code_hash });
		let (hash, index) = propose(call.clone(), 2);
		assert!(System::authorized_upgrade().is_none());
		assert_ok!(Council::vote(signed(Sr25519Keyring::Alice), hash, index, true));
		assert_ok!(Council::vote(signed(Sr25519Keyring::Bob), hash, index, true));
		close(&call, hash, index);
		assert_eq!(executed_result(), Some(Ok(())));
		assert_eq!(System::authorized_upgrade().map(|a| *a.code_hash()), Some(code_hash));
	});
}

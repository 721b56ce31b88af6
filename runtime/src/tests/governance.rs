//! Council motions, end to end in the runtime: the registry and the validator set obey the
//! Council's thresholds, and nobody else.

use super::preset_storage;
use crate::{
	configs::governance::{CouncilCollective, CouncilMotionDuration},
	AccountId, Council, Registry, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System,
	ValidatorSet,
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
		frame_support::BoundedVec::truncate_from(b"Open Learning Institute".to_vec()),
		frame_support::BoundedVec::truncate_from(b"https://open-learning.example".to_vec()),
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

/// Every member votes aye on `call` (threshold: the whole Council) and the motion is closed.
fn pass_unanimously(call: RuntimeCall) -> Option<Result<(), DispatchError>> {
	let seats = pallet_membership::Members::<Runtime, pallet_membership::Instance1>::get();
	let (hash, index) = propose(call.clone(), seats.len() as u32);
	for member in seats.iter() {
		assert_ok!(Council::vote(RuntimeOrigin::signed(member.clone()), hash, index, true));
	}
	close(&call, hash, index);
	executed_result()
}

fn council_members() -> Vec<AccountId> {
	pallet_membership::Members::<Runtime, pallet_membership::Instance1>::get().into_inner()
}

fn help_balance(who: &AccountId) -> crate::Balance {
	crate::Assets::balance(crate::configs::learning::HELP_ASSET_ID, who)
}

#[test]
fn not_even_a_unanimous_council_can_force_the_help_asset() {
	use crate::configs::learning::{help_owner, HELP_ASSET_ID};
	in_local_testnet(|| {
		let dave = account(Sr25519Keyring::Dave);
		let eve = account(Sr25519Keyring::Eve);
		// Eve holds Help, as a learner would after an award.
		assert_ok!(crate::Assets::mint(
			RuntimeOrigin::signed(help_owner()),
			HELP_ASSET_ID.into(),
			eve.clone().into(),
			500,
		));
		let id = codec::Compact(HELP_ASSET_ID);
		let attacks = [
			// Move a learner's Help away.
			RuntimeCall::Assets(pallet_assets::Call::force_transfer {
				id,
				source: eve.clone().into(),
				dest: dave.clone().into(),
				amount: 500,
			}),
			// Make a member the issuer (and then mint at will), or switch sufficiency off.
			RuntimeCall::Assets(pallet_assets::Call::force_asset_status {
				id,
				owner: dave.clone().into(),
				issuer: dave.clone().into(),
				admin: dave.clone().into(),
				freezer: dave.clone().into(),
				min_balance: 1,
				is_sufficient: false,
				is_frozen: false,
			}),
			// Create another asset.
			RuntimeCall::Assets(pallet_assets::Call::force_create {
				id: codec::Compact(HELP_ASSET_ID + 1),
				owner: dave.clone().into(),
				is_sufficient: true,
				min_balance: 1,
			}),
			RuntimeCall::Assets(pallet_assets::Call::force_set_metadata {
				id,
				name: b"Not Help".to_vec(),
				symbol: b"NH".to_vec(),
				decimals: 0,
				is_frozen: false,
			}),
			// Start destroying Help: every later award with Help would fail.
			RuntimeCall::Assets(pallet_assets::Call::start_destroy { id }),
		];
		for call in attacks {
			assert_eq!(
				pass_unanimously(call.clone()),
				Some(Err(DispatchError::BadOrigin)),
				"{call:?}"
			);
			// Root (which only a runtime upgrade's own code could reach) cannot either.
			assert_eq!(
				frame_support::traits::UnfilteredDispatchable::dispatch_bypass_filter(
					call.clone(),
					RuntimeOrigin::root()
				)
				.map_err(|e| e.error),
				Err(DispatchError::BadOrigin),
				"{call:?}"
			);
		}
		assert_eq!(help_balance(&eve), 500);
		assert_eq!(help_balance(&dave), 0);
		let details = pallet_assets::Asset::<Runtime>::get(HELP_ASSET_ID).expect("Help exists");
		assert_eq!(details.issuer, help_owner());
		assert!(details.is_sufficient);
		assert!(pallet_assets::Asset::<Runtime>::get(HELP_ASSET_ID + 1).is_none());
	});
}

#[test]
fn the_council_cannot_remove_its_last_member() {
	in_local_testnet(|| {
		let filtered = Some(Err(frame_system::Error::<Runtime>::CallFiltered.into()));
		// Emptying it at once is refused.
		let reset = RuntimeCall::CouncilMembership(pallet_membership::Call::reset_members {
			members: vec![],
		});
		assert_eq!(pass_unanimously(reset), filtered);
		assert_eq!(council_members().len(), 3);

		// One member at a time, down to one, is a Council's right...
		for who in [Sr25519Keyring::Charlie, Sr25519Keyring::Bob] {
			let remove = RuntimeCall::CouncilMembership(pallet_membership::Call::remove_member {
				who: account(who).into(),
			});
			assert_eq!(pass_unanimously(remove), Some(Ok(())));
		}
		assert_eq!(council_members(), vec![account(Sr25519Keyring::Alice)]);

		// ...but the last member stays: a motion of one executes at once, and is refused.
		let remove_last = RuntimeCall::CouncilMembership(pallet_membership::Call::remove_member {
			who: account(Sr25519Keyring::Alice).into(),
		});
		propose(remove_last, 1);
		assert_eq!(executed_result(), filtered);
		assert_eq!(council_members(), vec![account(Sr25519Keyring::Alice)]);
		assert_eq!(pallet_collective::Members::<Runtime, CouncilCollective>::get().len(), 1);
	});
}

#[test]
fn the_prime_cannot_pass_a_two_thirds_motion_alone() {
	in_local_testnet(|| {
		let alice = account(Sr25519Keyring::Alice);
		let set_prime = RuntimeCall::CouncilMembership(pallet_membership::Call::set_prime {
			who: alice.clone().into(),
		});
		assert_eq!(pass_unanimously(set_prime), Some(Ok(())));
		assert_eq!(pallet_collective::Prime::<Runtime, CouncilCollective>::get(), Some(alice));

		// The prime proposes a runtime upgrade, votes aye, and waits for the others to stay
		// silent until the motion's time is up.
		let code_hash = BlakeTwo256::hash(b"the prime's runtime");
		let call = RuntimeCall::Upgrade(pallet_upgrade::Call::authorize_upgrade { code_hash });
		let (hash, index) = propose(call.clone(), 2);
		assert_ok!(Council::vote(signed(Sr25519Keyring::Alice), hash, index, true));
		System::set_block_number(System::block_number() + CouncilMotionDuration::get());
		close(&call, hash, index);

		System::assert_has_event(
			pallet_collective::Event::<Runtime, CouncilCollective>::Disapproved {
				proposal_hash: hash,
			}
			.into(),
		);
		assert!(System::authorized_upgrade().is_none());
	});
}

#[test]
fn a_motion_holds_a_deposit_released_when_it_ends_and_burned_when_killed() {
	use crate::configs::governance::{MotionDeposit, MotionHoldReason};
	use frame_support::traits::fungible::InspectHold;
	in_local_testnet(|| {
		let alice = account(Sr25519Keyring::Alice);
		let held = || crate::Balances::balance_on_hold(&MotionHoldReason::get(), &alice);
		let eve = eve_applies();
		let call =
			RuntimeCall::Registry(pallet_registry::Call::accredit { institution: eve.clone() });
		let (hash, index) = propose(call.clone(), 2);
		assert_eq!(held(), MotionDeposit::get());

		// While the motion is open, its deposit stays.
		assert_noop!(
			Council::release_proposal_cost(signed(Sr25519Keyring::Dave), hash),
			pallet_collective::Error::<Runtime, CouncilCollective>::ProposalActive
		);
		assert_ok!(Council::vote(signed(Sr25519Keyring::Alice), hash, index, true));
		assert_ok!(Council::vote(signed(Sr25519Keyring::Bob), hash, index, true));
		close(&call, hash, index);
		// Once it has ended, anyone may release it to the proposer.
		assert_ok!(Council::release_proposal_cost(signed(Sr25519Keyring::Dave), hash));
		System::assert_has_event(
			pallet_collective::Event::<Runtime, CouncilCollective>::ProposalCostReleased {
				proposal_hash: hash,
				who: alice.clone(),
			}
			.into(),
		);
		assert_eq!(held(), 0);

		// A spam motion the Council kills forfeits its deposit.
		let issuance = crate::Balances::total_issuance();
		let spam = RuntimeCall::System(frame_system::Call::remark { remark: b"spam".to_vec() });
		let (spam_hash, _) = propose(spam, 2);
		assert_eq!(held(), MotionDeposit::get());
		assert_ok!(Council::kill(
			pallet_collective::RawOrigin::<AccountId, CouncilCollective>::Members(2, 3).into(),
			spam_hash
		));
		System::assert_has_event(
			pallet_collective::Event::<Runtime, CouncilCollective>::ProposalCostBurned {
				proposal_hash: spam_hash,
				who: alice.clone(),
			}
			.into(),
		);
		assert_eq!(held(), 0);
		assert_eq!(crate::Balances::total_issuance(), issuance - MotionDeposit::get());
	});
}

#[test]
fn a_member_who_cannot_pay_the_deposit_cannot_propose() {
	in_local_testnet(|| {
		let alice = account(Sr25519Keyring::Alice);
		assert_ok!(crate::Balances::force_set_balance(
			RuntimeOrigin::root(),
			alice.into(),
			crate::EXISTENTIAL_DEPOSIT
		));
		let call = RuntimeCall::System(frame_system::Call::remark { remark: b"m".to_vec() });
		let length = call.encoded_size() as u32;
		let proposals = pallet_collective::Proposals::<Runtime, CouncilCollective>::get();
		assert!(Council::propose(signed(Sr25519Keyring::Alice), 2, Box::new(call), length).is_err());
		assert_eq!(pallet_collective::Proposals::<Runtime, CouncilCollective>::get(), proposals);
	});
}

/// The recovery these tests vote: GRANDPA restarts from block 1, two blocks after its signal.
fn recover_finality_from_block_1() -> RuntimeCall {
	RuntimeCall::ValidatorSet(pallet_validator_set::Call::recover_finality {
		finalized: 1,
		delay: 2,
	})
}

#[test]
fn two_thirds_of_the_council_restart_finality_through_grandpa_at_the_next_rotation() {
	use frame_support::traits::Hooks;
	in_local_testnet(|| {
		// Charlie's validator is lost: finality stopped at block 1. Two thirds remove him and
		// ask for a recovery from block 1 with a delay of 2 blocks.
		System::set_block_number(3);
		let charlie = account(Sr25519Keyring::Charlie);
		let remove = RuntimeCall::ValidatorSet(pallet_validator_set::Call::remove_validator {
			validator: charlie.clone(),
		});
		let recover = recover_finality_from_block_1();
		for call in [remove, recover] {
			let (hash, index) = propose(call.clone(), 2);
			assert_ok!(Council::vote(signed(Sr25519Keyring::Alice), hash, index, true));
			assert_ok!(Council::vote(signed(Sr25519Keyring::Bob), hash, index, true));
			close(&call, hash, index);
			assert_eq!(executed_result(), Some(Ok(())));
		}
		assert!(pallet_validator_set::PendingRecovery::<Runtime>::get().is_some());

		// The first rotation still brings Charlie in (he was queued): GRANDPA is not told yet.
		let length = crate::genesis_config_presets::LOCAL_SESSION_LENGTH;
		System::set_block_number(length);
		ValidatorSet::on_initialize(length);
		assert_eq!(pallet_grandpa::PendingChange::<Runtime>::get().map(|c| c.forced), None);
		assert!(pallet_validator_set::PendingRecovery::<Runtime>::get().is_some());

		// The second brings in Alice and Bob alone: GRANDPA signals a forced change to them.
		System::set_block_number(2 * length);
		ValidatorSet::on_initialize(2 * length);
		let change =
			pallet_grandpa::PendingChange::<Runtime>::get().expect("a change is signalled");
		assert_eq!(change.forced, Some(1));
		assert_eq!(change.delay, 2);
		assert_eq!(change.next_authorities.len(), 2);
		assert!(pallet_validator_set::PendingRecovery::<Runtime>::get().is_none());
		assert!(System::events().iter().any(|record| matches!(
			&record.event,
			RuntimeEvent::ValidatorSet(pallet_validator_set::Event::FinalityRecoveryScheduled {
				finalized: 1,
				delay: 2,
				validators,
			}) if !validators.contains(&charlie)
		)));
	});
}

#[test]
fn a_majority_cannot_restart_finality() {
	in_local_testnet(|| {
		System::set_block_number(3);
		let call = recover_finality_from_block_1();
		propose(call, 1);
		assert_eq!(executed_result(), Some(Err(DispatchError::BadOrigin)));
		assert!(pallet_validator_set::PendingRecovery::<Runtime>::get().is_none());
		assert_noop!(
			ValidatorSet::recover_finality(signed(Sr25519Keyring::Alice), 1, 2),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_only_validator_cannot_purge_its_session_keys() {
	use super::{apply_as_author, open_block, signed as signed_xt};
	use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};
	super::preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		open_block(1_000);
		let alice = account(Sr25519Keyring::Alice);
		let purge = RuntimeCall::Session(pallet_session::Call::purge_keys {});
		let refused: Result<(), _> = Err(TransactionValidityError::Invalid(
			InvalidTransaction::Custom(pallet_validator_set::VALIDATOR_KEEPS_KEYS),
		));
		// In the pool...
		let xt = signed_xt(purge.clone(), &Sr25519Keyring::Alice.pair(), 0);
		let validity = crate::Executive::validate_transaction(
			sp_runtime::transaction_validity::TransactionSource::External,
			xt.clone(),
			System::parent_hash(),
		);
		assert_eq!(validity.map(|_| ()), refused);
		// ... and in a block.
		assert_eq!(apply_as_author(xt).map(|_| ()), refused);
		assert!(pallet_session::NextKeys::<Runtime>::contains_key(&alice));
		assert_eq!(System::account_nonce(&alice), 0);
	});
}

#[test]
fn a_council_majority_authorizes_and_removes_network_nodes_but_never_the_last() {
	in_local_testnet(|| {
		let node = b"12D3KooWKKkbDE3mhKGt6uHiRhigHzxXqeUghx2evrTyMGMrM3Xx".to_vec();
		let other = b"12D3KooWPYHzs3jCw58dn3vpWWRNdDiw2VYjXzDuCMeftydWDGGv".to_vec();
		// The local network is open: no list.
		assert!(pallet_nodes::Pallet::<Runtime>::authorized_nodes().is_empty());
		let peer = |text: &Vec<u8>| pallet_nodes::PeerId::truncate_from(text.clone());
		let pass = |call: RuntimeCall| {
			let (hash, index) = propose(call.clone(), 2);
			assert_ok!(Council::vote(signed(Sr25519Keyring::Alice), hash, index, true));
			assert_ok!(Council::vote(signed(Sr25519Keyring::Bob), hash, index, true));
			close(&call, hash, index);
			executed_result()
		};
		for text in [&node, &other] {
			let call =
				RuntimeCall::Nodes(pallet_nodes::Call::authorize_node { peer_id: peer(text) });
			assert_eq!(pass(call), Some(Ok(())));
		}
		assert_eq!(pallet_nodes::Pallet::<Runtime>::authorized_nodes().len(), 2);

		// One member alone is not a majority.
		let remove = |text: &Vec<u8>| {
			RuntimeCall::Nodes(pallet_nodes::Call::remove_node { peer_id: peer(text) })
		};
		propose(remove(&other), 1);
		assert_eq!(executed_result(), Some(Err(DispatchError::BadOrigin)));
		assert_noop!(
			crate::Nodes::remove_node(signed(Sr25519Keyring::Alice), peer(&other)),
			DispatchError::BadOrigin
		);

		assert_eq!(pass(remove(&other)), Some(Ok(())));
		// The last node stays, or the network would be open again.
		let refused = pass(remove(&node));
		let last_node: DispatchError = pallet_nodes::Error::<Runtime>::LastNode.into();
		assert_eq!(refused.map(|r| r.map_err(|e| e.stripped())), Some(Err(last_node.stripped())));
		assert_eq!(pallet_nodes::Pallet::<Runtime>::authorized_nodes(), vec![node]);
	});
}

#[test]
fn a_recovery_grandpa_cannot_take_yet_is_taken_back_and_retried() {
	use frame_support::traits::Hooks;
	in_local_testnet(|| {
		System::set_block_number(3);
		let call = recover_finality_from_block_1();
		let (hash, index) = propose(call.clone(), 2);
		assert_ok!(Council::vote(signed(Sr25519Keyring::Alice), hash, index, true));
		assert_ok!(Council::vote(signed(Sr25519Keyring::Bob), hash, index, true));
		close(&call, hash, index);
		assert_eq!(executed_result(), Some(Ok(())));

		// A change is pending in GRANDPA: it refuses to schedule another at this rotation.
		let pending = pallet_grandpa::StoredPendingChange {
			scheduled_at: 2,
			delay: 100,
			next_authorities: frame_support::WeakBoundedVec::force_from(
				pallet_grandpa::Authorities::<Runtime>::get().into_inner(),
				None,
			),
			forced: None,
		};
		pallet_grandpa::PendingChange::<Runtime>::put(pending);
		let length = crate::genesis_config_presets::LOCAL_SESSION_LENGTH;
		System::set_block_number(length);
		ValidatorSet::on_initialize(length);
		assert!(!pallet_grandpa::Stalled::<Runtime>::exists(), "taken back from GRANDPA");
		assert_eq!(
			pallet_validator_set::PendingRecovery::<Runtime>::get(),
			Some(pallet_validator_set::Recovery { finalized: 1, delay: 2 })
		);
		assert!(System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::ValidatorSet(pallet_validator_set::Event::FinalityRecoveryDeferred {
				finalized: 1,
				delay: 2
			})
		)));

		// Once the change is through, the next rotation schedules the forced change.
		pallet_grandpa::PendingChange::<Runtime>::kill();
		System::set_block_number(2 * length);
		ValidatorSet::on_initialize(2 * length);
		let change = pallet_grandpa::PendingChange::<Runtime>::get().expect("a forced change");
		assert_eq!(change.forced, Some(1));
		assert!(pallet_validator_set::PendingRecovery::<Runtime>::get().is_none());
	});
}

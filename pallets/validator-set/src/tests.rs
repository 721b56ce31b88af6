//! Tests of the validator set: genesis, each call and each of its errors, the session manager,
//! and what `pallet-session` makes of the set.

use crate::{mock::*, Error, Event, SetChanged, Validators, WeightInfo};
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use frame_system::RawOrigin;
use pallet_session::SessionManager;
use sp_runtime::DispatchError;

/// The validator list of this pallet.
fn validators() -> Vec<u64> {
	Validators::<Test>::get().into_inner()
}

/// The set `pallet-session` validates with now.
fn active() -> Vec<u64> {
	pallet_session::Validators::<Test>::get()
}

/// The set `pallet-session` has queued for the next session.
fn queued() -> Vec<u64> {
	Session::queued_keys().into_iter().map(|(who, _)| who).collect()
}

fn add(who: u64) -> Result<(), DispatchError> {
	ValidatorSet::add_validator(RuntimeOrigin::signed(ADDER), who)
}

fn remove(who: u64) -> Result<(), DispatchError> {
	ValidatorSet::remove_validator(RuntimeOrigin::signed(REMOVER), who)
}

/// Ends the current session, as `pallet-session` does every `SESSION_PERIOD` blocks.
fn rotate() {
	Session::rotate_session();
}

mod genesis {
	use super::*;

	#[test]
	fn genesis_stores_the_validators_sorted_and_the_session_uses_them() {
		ExtBuilder::default()
			.validators(vec![CHARLIE, ALICE, BOB])
			.build_and_execute(|| {
				assert_eq!(validators(), vec![ALICE, BOB, CHARLIE]);
				assert!(!SetChanged::<Test>::get());
				assert_eq!(active(), vec![ALICE, BOB, CHARLIE]);
				assert_eq!(queued(), vec![ALICE, BOB, CHARLIE]);
			});
	}

	#[test]
	#[should_panic(expected = "initial_validators has duplicates")]
	fn genesis_with_a_duplicate_is_refused() {
		ExtBuilder::default().validators(vec![ALICE, BOB, ALICE]).build();
	}

	#[test]
	#[should_panic(expected = "initial_validators has fewer than MinValidators accounts")]
	fn genesis_below_the_minimum_is_refused() {
		ExtBuilder::default().validators(vec![ALICE]).build();
	}

	#[test]
	#[should_panic(expected = "initial_validators has more than MaxValidators accounts")]
	fn genesis_above_the_maximum_is_refused() {
		ExtBuilder::default().validators(vec![ALICE, BOB, CHARLIE, DAVE, EVE]).build();
	}

	#[test]
	fn an_unconfigured_genesis_builds_and_the_session_uses_its_own_keys() {
		ExtBuilder::default()
			.validators(vec![])
			.session_keys(vec![ALICE, BOB])
			.build()
			.execute_with(|| {
				assert!(validators().is_empty());
				assert_eq!(ValidatorSet::new_session_genesis(0), None);
				assert_eq!(active(), vec![ALICE, BOB]);
				assert_eq!(
					ValidatorSet::do_try_state(),
					Err("Validators has fewer than MinValidators accounts".into())
				);
			});
	}

	#[test]
	fn genesis_at_the_bounds_is_accepted() {
		ExtBuilder::default().validators(vec![ALICE, BOB]).build_and_execute(|| {
			assert_eq!(validators(), vec![ALICE, BOB]);
		});
		ExtBuilder::default()
			.validators(vec![ALICE, BOB, CHARLIE, DAVE])
			.build_and_execute(|| {
				assert_eq!(validators(), vec![ALICE, BOB, CHARLIE, DAVE]);
			});
	}
}

mod add_validator {
	use super::*;

	#[test]
	fn add_validator_adds_it_marks_the_set_changed_and_emits_an_event() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(add(DAVE));
			assert_eq!(validators(), vec![ALICE, BOB, CHARLIE, DAVE]);
			assert!(SetChanged::<Test>::get());
			System::assert_last_event(Event::ValidatorAdded { validator: DAVE }.into());
		});
	}

	#[test]
	fn add_validator_keeps_the_list_sorted() {
		ExtBuilder::default()
			.validators(vec![ALICE, CHARLIE, EVE])
			.build_and_execute(|| {
				assert_ok!(add(DAVE));
				assert_eq!(validators(), vec![ALICE, CHARLIE, DAVE, EVE]);
			});
		ExtBuilder::default().validators(vec![BOB, CHARLIE]).build_and_execute(|| {
			assert_ok!(add(ALICE));
			assert_eq!(validators(), vec![ALICE, BOB, CHARLIE]);
		});
	}

	#[test]
	fn add_validator_from_another_origin_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			for origin in [
				RuntimeOrigin::signed(ALICE),
				RuntimeOrigin::signed(REMOVER),
				RawOrigin::Root.into(),
				RawOrigin::None.into(),
			] {
				assert_noop!(ValidatorSet::add_validator(origin, DAVE), DispatchError::BadOrigin);
			}
		});
	}

	#[test]
	fn add_validator_of_a_validator_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(add(BOB), Error::<Test>::AlreadyValidator);
		});
	}

	#[test]
	fn add_validator_without_session_keys_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(add(NOKEYS), Error::<Test>::NoSessionKeys);
		});
	}

	#[test]
	fn add_validator_after_purging_session_keys_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Session::purge_keys(RuntimeOrigin::signed(DAVE)));
			assert_noop!(add(DAVE), Error::<Test>::NoSessionKeys);
		});
	}

	#[test]
	fn add_validator_beyond_the_maximum_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(add(DAVE));
			assert_eq!(validators().len() as u32, MAX_VALIDATORS);
			assert_noop!(add(EVE), Error::<Test>::TooManyValidators);
		});
	}
}

mod remove_validator {
	use super::*;

	#[test]
	fn remove_validator_removes_it_marks_the_set_changed_and_emits_an_event() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(remove(BOB));
			assert_eq!(validators(), vec![ALICE, CHARLIE]);
			assert!(SetChanged::<Test>::get());
			System::assert_last_event(Event::ValidatorRemoved { validator: BOB }.into());
		});
	}

	#[test]
	fn remove_validator_from_another_origin_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			for origin in [
				RuntimeOrigin::signed(BOB),
				RuntimeOrigin::signed(ADDER),
				RawOrigin::Root.into(),
				RawOrigin::None.into(),
			] {
				assert_noop!(ValidatorSet::remove_validator(origin, BOB), DispatchError::BadOrigin);
			}
		});
	}

	#[test]
	fn remove_validator_of_a_non_validator_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(remove(DAVE), Error::<Test>::UnknownValidator);
			assert_noop!(remove(NOKEYS), Error::<Test>::UnknownValidator);
		});
	}

	#[test]
	fn remove_validator_below_the_minimum_is_rejected() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(remove(CHARLIE));
			assert_eq!(validators().len() as u32, MIN_VALIDATORS);
			assert_noop!(remove(ALICE), Error::<Test>::TooFewValidators);
			// Not found comes first: nothing to remove.
			assert_noop!(remove(CHARLIE), Error::<Test>::UnknownValidator);
		});
	}

	#[test]
	fn a_removed_validator_can_be_added_again() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(remove(BOB));
			assert_ok!(add(BOB));
			assert_eq!(validators(), vec![ALICE, BOB, CHARLIE]);
			System::assert_last_event(Event::ValidatorAdded { validator: BOB }.into());
		});
	}
}

mod session_manager {
	use super::*;

	#[test]
	fn new_session_returns_none_while_the_set_is_unchanged() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(ValidatorSet::new_session(2), None);
			assert_eq!(ValidatorSet::new_session(3), None);
		});
	}

	#[test]
	fn new_session_returns_the_new_set_once_after_an_add() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(add(DAVE));
			assert_eq!(ValidatorSet::new_session(2), Some(vec![ALICE, BOB, CHARLIE, DAVE]));
			assert!(!SetChanged::<Test>::get());
			assert_eq!(ValidatorSet::new_session(3), None);
		});
	}

	#[test]
	fn new_session_returns_the_new_set_once_after_a_remove() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(remove(ALICE));
			assert_eq!(ValidatorSet::new_session(2), Some(vec![BOB, CHARLIE]));
			assert_eq!(ValidatorSet::new_session(3), None);
		});
	}

	#[test]
	fn new_session_returns_all_changes_since_the_last_call_together() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(add(DAVE));
			assert_ok!(remove(ALICE));
			assert_eq!(ValidatorSet::new_session(2), Some(vec![BOB, CHARLIE, DAVE]));
			assert_eq!(ValidatorSet::new_session(3), None);
		});
	}

	#[test]
	fn failed_calls_do_not_mark_the_set_changed() {
		ExtBuilder::default().build_and_execute(|| {
			assert!(add(NOKEYS).is_err());
			assert!(remove(DAVE).is_err());
			assert_eq!(ValidatorSet::new_session(2), None);
		});
	}

	#[test]
	fn new_session_genesis_returns_the_set_and_leaves_the_flag() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(ValidatorSet::new_session_genesis(0), Some(vec![ALICE, BOB, CHARLIE]));
			assert_ok!(add(DAVE));
			assert_eq!(ValidatorSet::new_session_genesis(1), Some(vec![ALICE, BOB, CHARLIE, DAVE]));
			assert!(SetChanged::<Test>::get());
		});
	}

	#[test]
	fn start_and_end_session_change_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(add(DAVE));
			ValidatorSet::end_session(1);
			ValidatorSet::start_session(2);
			assert_eq!(validators(), vec![ALICE, BOB, CHARLIE, DAVE]);
			assert!(SetChanged::<Test>::get());
		});
	}
}

/// What `pallet-session` does with the set, rotation by rotation.
mod with_session {
	use super::*;

	#[test]
	fn an_added_validator_is_queued_at_the_next_rotation_and_active_at_the_one_after() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(add(DAVE));
			assert_eq!(active(), vec![ALICE, BOB, CHARLIE]);

			rotate();
			assert_eq!(active(), vec![ALICE, BOB, CHARLIE]);
			assert_eq!(queued(), vec![ALICE, BOB, CHARLIE, DAVE]);
			System::assert_has_event(pallet_session::Event::NewQueued.into());

			rotate();
			assert_eq!(active(), vec![ALICE, BOB, CHARLIE, DAVE]);
		});
	}

	#[test]
	fn a_removed_validator_validates_until_the_second_rotation() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(remove(BOB));
			rotate();
			assert_eq!(active(), vec![ALICE, BOB, CHARLIE]);
			assert_eq!(queued(), vec![ALICE, CHARLIE]);
			rotate();
			assert_eq!(active(), vec![ALICE, CHARLIE]);
		});
	}

	#[test]
	fn without_changes_the_session_keeps_its_set() {
		ExtBuilder::default().build_and_execute(|| {
			rotate();
			rotate();
			assert_eq!(active(), vec![ALICE, BOB, CHARLIE]);
			assert_eq!(queued(), vec![ALICE, BOB, CHARLIE]);
			assert!(!System::events()
				.iter()
				.any(|record| record.event
					== RuntimeEvent::Session(pallet_session::Event::NewQueued)));
		});
	}

	#[test]
	fn a_validator_that_purged_its_keys_is_skipped_by_the_session() {
		// What `KeepKeys` prevents in the runtime (mod keep_keys): the call itself, dispatched
		// without the extension, succeeds.
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(add(DAVE));
			assert_ok!(Session::purge_keys(RuntimeOrigin::signed(DAVE)));
			rotate();
			rotate();
			// Still listed here, but the session pallet left it out: no keys, no validation.
			assert_eq!(validators(), vec![ALICE, BOB, CHARLIE, DAVE]);
			assert_eq!(active(), vec![ALICE, BOB, CHARLIE]);
		});
	}

	/// Runs every pallet's `on_initialize` of blocks `from..=to`, as blocks do.
	fn run_blocks(from: u64, to: u64) -> Vec<frame_support::weights::Weight> {
		use frame_support::traits::OnInitialize;
		(from..=to)
			.map(|block| {
				System::set_block_number(block);
				<AllPalletsWithSystem as OnInitialize<u64>>::on_initialize(block)
			})
			.collect()
	}

	#[test]
	fn this_pallet_ends_a_session_every_session_length_blocks() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(add(DAVE));
			let weights = run_blocks(2, 2 * SESSION_PERIOD);
			assert_eq!(Session::current_index(), 2);
			assert_eq!(active(), vec![ALICE, BOB, CHARLIE, DAVE]);
			// Blocks 10 and 20 rotated, weighed by the rotation's benchmark, not as a full
			// block (pallet-session never rotates by itself: NoAutomaticRotation).
			// The rotation, and the read of a pending finality recovery (none here).
			let rotation = <() as WeightInfo>::rotate_session()
				.saturating_add(frame_support::weights::constants::ParityDbWeight::get().reads(1));
			for (block, weight) in (2..).zip(weights) {
				if block % SESSION_PERIOD == 0 {
					assert_eq!(weight, rotation, "block {block}");
				} else {
					assert!(weight.ref_time() < rotation.ref_time(), "block {block}");
				}
			}
			// Far from the runtime's two seconds of a block.
			assert!(
				rotation.ref_time() < frame_support::weights::constants::WEIGHT_REF_TIME_PER_SECOND
			);
		});
	}

	#[test]
	fn a_session_length_of_zero_never_ends_a_session() {
		ExtBuilder::default().build_and_execute(|| {
			crate::SessionLength::<Test>::put(0);
			run_blocks(2, 3 * SESSION_PERIOD);
			assert_eq!(Session::current_index(), 0);
		});
	}

	#[test]
	fn the_next_rotation_is_estimated_from_the_session_length() {
		use frame_support::traits::EstimateNextSessionRotation;
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(ValidatorSet::average_session_length(), SESSION_PERIOD);
			assert_eq!(ValidatorSet::estimate_next_session_rotation(13).0, Some(20));
			assert_eq!(ValidatorSet::estimate_next_session_rotation(20).0, Some(30));
			assert_eq!(
				ValidatorSet::estimate_current_session_progress(14).0,
				Some(sp_runtime::Permill::from_percent(50))
			);
			crate::SessionLength::<Test>::put(0);
			assert_eq!(ValidatorSet::estimate_next_session_rotation(13).0, None);
		});
	}
}

/// `KeepKeys`: a listed validator cannot purge its session keys.
mod keep_keys {
	use super::*;
	use crate::{KeepKeys, VALIDATOR_KEEPS_KEYS};
	use sp_runtime::{
		traits::{TransactionExtension, TxBaseImplication},
		transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	};

	type Ext = KeepKeys<Test, frame_system::CheckNonZeroSender<Test>>;

	fn check(
		who: u64,
		call: RuntimeCall,
		source: TransactionSource,
	) -> Result<(), TransactionValidityError> {
		let ext: Ext = frame_system::CheckNonZeroSender::<Test>::new().into();
		let info = call.get_dispatch_info();
		ext.validate(
			RuntimeOrigin::signed(who),
			&call,
			&info,
			100,
			(),
			&TxBaseImplication(()),
			source,
		)
		.map(|_| ())
	}

	fn purge() -> RuntimeCall {
		RuntimeCall::Session(pallet_session::Call::purge_keys {})
	}

	#[test]
	fn a_listed_validator_cannot_purge_its_keys_in_the_pool_or_in_a_block() {
		ExtBuilder::default().build_and_execute(|| {
			for source in [TransactionSource::External, TransactionSource::InBlock] {
				assert_eq!(
					check(ALICE, purge(), source),
					Err(InvalidTransaction::Custom(VALIDATOR_KEEPS_KEYS).into())
				);
			}
			// Nothing changed: Alice keeps her keys and her place in the next session.
			assert!(pallet_session::NextKeys::<Test>::contains_key(ALICE));
		});
	}

	#[test]
	fn the_last_validator_cannot_purge_its_keys() {
		ExtBuilder::default().validators(vec![ALICE, BOB]).build_and_execute(|| {
			// MinValidators is 2: neither may leave, neither may purge.
			assert_noop!(remove(BOB), Error::<Test>::TooFewValidators);
			for who in [ALICE, BOB] {
				assert_eq!(
					check(who, purge(), TransactionSource::External),
					Err(InvalidTransaction::Custom(VALIDATOR_KEEPS_KEYS).into())
				);
			}
		});
	}

	#[test]
	fn a_removed_validator_and_any_other_account_may_purge() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(remove(CHARLIE));
			assert_eq!(check(CHARLIE, purge(), TransactionSource::External), Ok(()));
			assert_eq!(check(DAVE, purge(), TransactionSource::External), Ok(()));
		});
	}

	#[test]
	fn a_listed_validator_may_set_new_keys_and_do_anything_else() {
		ExtBuilder::default().build_and_execute(|| {
			let set = RuntimeCall::Session(pallet_session::Call::set_keys {
				keys: keys(ALICE),
				proof: vec![],
			});
			assert_eq!(check(ALICE, set, TransactionSource::External), Ok(()));
			let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
			assert_eq!(check(ALICE, remark, TransactionSource::External), Ok(()));
		});
	}

	#[test]
	fn it_is_seen_by_clients_as_the_extension_it_wraps() {
		use frame_system::CheckNonZeroSender;
		assert_eq!(
			<Ext as TransactionExtension<RuntimeCall>>::IDENTIFIER,
			<CheckNonZeroSender<Test> as TransactionExtension<RuntimeCall>>::IDENTIFIER
		);
		let ext: Ext = CheckNonZeroSender::<Test>::new().into();
		assert_eq!(
			codec::Encode::encode(&ext),
			codec::Encode::encode(&CheckNonZeroSender::<Test>::new())
		);
		// The purge is weighed with the read of the list.
		let inner = CheckNonZeroSender::<Test>::new().weight(&purge());
		assert!(ext.weight(&purge()).ref_time() > inner.ref_time());
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
		assert_eq!(ext.weight(&remark), CheckNonZeroSender::<Test>::new().weight(&remark));
	}
}

/// `recover_finality`: the Council's request, handed to GRANDPA at the right rotation.
mod recover_finality {
	use super::*;
	use crate::{PendingRecovery, Recovery};

	fn recover(finalized: u64, delay: u64) -> Result<(), DispatchError> {
		ValidatorSet::recover_finality(RuntimeOrigin::signed(RECOVERER), finalized, delay)
	}

	/// Ends the session as the pallet's `on_initialize` does at a session's last block.
	fn end_session() {
		use frame_support::traits::Hooks;
		let now = System::block_number();
		let next = (now / SESSION_PERIOD + 1) * SESSION_PERIOD;
		System::set_block_number(next);
		ValidatorSet::on_initialize(next);
	}

	#[test]
	fn a_request_is_stored_and_announced() {
		ExtBuilder::default().build_and_execute(|| {
			System::set_block_number(5);
			assert_ok!(recover(3, 2));
			assert_eq!(PendingRecovery::<Test>::get(), Some(Recovery { finalized: 3, delay: 2 }));
			System::assert_last_event(
				Event::FinalityRecoveryRequested { finalized: 3, delay: 2 }.into(),
			);
			// A later request replaces it.
			assert_ok!(recover(4, 1));
			assert_eq!(PendingRecovery::<Test>::get(), Some(Recovery { finalized: 4, delay: 1 }));
		});
	}

	#[test]
	fn from_another_origin_it_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			System::set_block_number(5);
			assert_noop!(recover_as(ADDER), DispatchError::BadOrigin);
			assert_noop!(
				ValidatorSet::recover_finality(RawOrigin::Root.into(), 3, 2),
				DispatchError::BadOrigin
			);
		});
		fn recover_as(who: u64) -> Result<(), DispatchError> {
			ValidatorSet::recover_finality(RuntimeOrigin::signed(who), 3, 2)
		}
	}

	#[test]
	fn a_finalized_block_not_yet_built_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			System::set_block_number(5);
			assert_noop!(recover(5, 2), Error::<Test>::FinalizedInTheFuture);
			assert_noop!(recover(9, 2), Error::<Test>::FinalizedInTheFuture);
		});
	}

	#[test]
	fn a_delay_longer_than_a_session_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			System::set_block_number(5);
			assert_noop!(recover(3, SESSION_PERIOD + 1), Error::<Test>::RecoveryDelayTooLong);
			assert_ok!(recover(3, SESSION_PERIOD));
			crate::SessionLength::<Test>::put(0);
			assert_noop!(recover(3, 1), Error::<Test>::RecoveryDelayTooLong);
		});
	}

	#[test]
	fn it_waits_until_the_incoming_set_is_the_listed_one() {
		ExtBuilder::default().build_and_execute(|| {
			// Charlie is lost: the Council removes him and asks for a recovery at once.
			assert_ok!(remove(CHARLIE));
			assert_ok!(recover(0, 2));

			// First rotation: the queue still holds Charlie (it becomes active now); GRANDPA
			// would restart with him, so the request waits.
			end_session();
			assert!(stalled().is_empty());
			assert!(PendingRecovery::<Test>::get().is_some());
			assert_eq!(queued(), vec![ALICE, BOB]);

			// Second rotation: Alice and Bob come in, and GRANDPA gets the request.
			end_session();
			assert_eq!(stalled(), vec![(0, 2)]);
			assert_eq!(active(), vec![ALICE, BOB]);
			assert_eq!(PendingRecovery::<Test>::get(), None);
			System::assert_has_event(
				Event::FinalityRecoveryScheduled {
					finalized: 0,
					delay: 2,
					validators: vec![ALICE, BOB],
				}
				.into(),
			);

			// Once only.
			end_session();
			assert_eq!(stalled().len(), 1);
		});
	}

	#[test]
	fn with_the_set_unchanged_it_is_handed_over_at_the_next_rotation() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(recover(0, 0));
			end_session();
			assert_eq!(stalled(), vec![(0, 0)]);
		});
	}

	#[test]
	fn a_request_grandpa_does_not_take_is_withdrawn_and_waits_for_the_next_rotation() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(recover(0, 2));
			refuse(true);
			end_session();
			assert_eq!(stalled(), vec![(0, 2)]);
			// Taken back from the gadget, kept here, and said so.
			assert!(!WAITING.with(|w| w.get()));
			assert_eq!(PendingRecovery::<Test>::get(), Some(Recovery { finalized: 0, delay: 2 }));
			System::assert_has_event(
				Event::FinalityRecoveryDeferred { finalized: 0, delay: 2 }.into(),
			);
			assert!(!System::events().iter().any(|record| matches!(
				record.event,
				RuntimeEvent::ValidatorSet(Event::FinalityRecoveryScheduled { .. })
			)));

			refuse(false);
			end_session();
			assert_eq!(stalled(), vec![(0, 2), (0, 2)]);
			assert_eq!(PendingRecovery::<Test>::get(), None);
			System::assert_has_event(
				Event::FinalityRecoveryScheduled {
					finalized: 0,
					delay: 2,
					validators: vec![ALICE, BOB, CHARLIE],
				}
				.into(),
			);
		});
	}

	#[test]
	fn a_rotation_that_hands_it_over_is_weighed_with_it() {
		use frame_support::{traits::Hooks, weights::constants::ParityDbWeight};
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(recover(0, 1));
			System::set_block_number(SESSION_PERIOD);
			let weight = ValidatorSet::on_initialize(SESSION_PERIOD);
			assert_eq!(
				weight,
				<() as WeightInfo>::rotate_session()
					.saturating_add(ParityDbWeight::get().reads_writes(3, 2))
					.saturating_add(ParityDbWeight::get().reads(1))
			);
		});
	}
}

#[test]
fn calls_are_weighed_by_their_weight_functions() {
	let add = crate::Call::<Test>::add_validator { validator: DAVE }.get_dispatch_info();
	assert_eq!(add.call_weight, <() as WeightInfo>::add_validator());
	let remove = crate::Call::<Test>::remove_validator { validator: BOB }.get_dispatch_info();
	assert_eq!(remove.call_weight, <() as WeightInfo>::remove_validator());
	let recover =
		crate::Call::<Test>::recover_finality { finalized: 1, delay: 1 }.get_dispatch_info();
	assert_eq!(recover.call_weight, <() as WeightInfo>::recover_finality());
}

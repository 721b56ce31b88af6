//! Tests of the feeless pallet and its transaction extension.

use crate::{
	mock::*, pallet::UsageWindow, FreeOrPaid, Refusal, Usage, QUEUE_FULL, RATE_LIMITED, WOULD_FAIL,
};
use codec::Encode;
use frame_support::{
	assert_ok,
	dispatch::{DispatchInfo, GetDispatchInfo},
	storage::{with_transaction, TransactionOutcome},
	traits::Get,
};
use pallet_transaction_payment::ChargeTransactionPayment;
use sp_runtime::{
	traits::{DispatchTransaction, TransactionExtension},
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	DispatchError, ModuleError, Weight,
};

type Ext = FreeOrPaid<Test, ChargeTransactionPayment<Test>>;

fn ext(tip: u64) -> Ext {
	ChargeTransactionPayment::<Test>::from(tip).into()
}

fn attend(cancelled: bool) -> RuntimeCall {
	RuntimeCall::Lessons(lessons::Call::attend { cancelled })
}

fn attend_once() -> RuntimeCall {
	RuntimeCall::Lessons(lessons::Call::attend_once {})
}

fn note() -> RuntimeCall {
	RuntimeCall::Lessons(lessons::Call::note {})
}

/// The call's dispatch info with the extension's weight, as the executive computes it.
fn info_of(call: &RuntimeCall) -> DispatchInfo {
	let mut info = call.get_dispatch_info();
	info.extension_weight = ext(0).weight(call);
	info
}

type Applied = Result<
	sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo>,
	TransactionValidityError,
>;

/// Validates, prepares, dispatches and settles `call` signed by `who` in a block, as the block
/// builder applies a transaction: in a storage transaction that is rolled back, and the
/// transaction dropped, if applying it returns an error.
fn submit(who: u64, call: RuntimeCall) -> Applied {
	with_transaction(|| {
		let applied = apply_in_block(who, call);
		if applied.is_err() {
			TransactionOutcome::Rollback(Ok::<_, DispatchError>(applied))
		} else {
			TransactionOutcome::Commit(Ok(applied))
		}
	})
	.expect("no error of the storage transaction")
}

/// Applies `call` signed by `who` as block execution does, with no rollback around it.
fn apply_in_block(who: u64, call: RuntimeCall) -> Applied {
	let info = info_of(&call);
	ext(0).dispatch_transaction(RuntimeOrigin::signed(who), call, &info, 100, 0)
}

/// Only validates, as the transaction pool does.
fn pool_validate(who: u64, call: RuntimeCall) -> Result<(), TransactionValidityError> {
	pool_validity(who, call).map(|_| ())
}

/// What the pool learns of `call` signed by `who`: its priority, longevity, tags.
fn pool_validity(
	who: u64,
	call: RuntimeCall,
) -> Result<sp_runtime::transaction_validity::ValidTransaction, TransactionValidityError> {
	let info = info_of(&call);
	ext(0)
		.validate_only(
			RuntimeOrigin::signed(who),
			&call,
			&info,
			100,
			TransactionSource::External,
			0,
		)
		.map(|(valid, ..)| valid)
}

fn cancelled_error() -> DispatchError {
	DispatchError::Module(ModuleError { index: 4, error: [0, 0, 0, 0], message: Some("Cancelled") })
}

fn fee_events() -> usize {
	System::events()
		.iter()
		.filter(|r| {
			matches!(
				r.event,
				RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid { .. }
				)
			)
		})
		.count()
}

#[test]
fn a_valid_free_call_of_an_account_without_balance_is_dispatched_and_pays_nothing() {
	new_test_ext(|| {
		assert_eq!(Balances::free_balance(LEARNER), 0);
		assert_ok!(submit(LEARNER, attend(false)).unwrap());
		assert_eq!(lessons::Attended::<Test>::get(LEARNER), 1);
		assert_eq!(Balances::free_balance(LEARNER), 0);
		assert_eq!(fee_events(), 0);
		assert_eq!(Usage::<Test>::get(LEARNER), Some(UsageWindow { period: 0, calls: 1 }));
		System::assert_last_event(lessons::Event::<Test>::Attended { who: LEARNER }.into());
	});
}

#[test]
fn a_free_call_is_free_for_an_account_with_balance_too() {
	new_test_ext(|| {
		assert_ok!(submit(RICH, attend(false)).unwrap());
		assert_eq!(Balances::free_balance(RICH), RICH_BALANCE);
		assert_eq!(fee_events(), 0);
	});
}

#[test]
fn a_free_call_that_would_fail_is_invalid_in_the_pool_and_changes_nothing() {
	new_test_ext(|| {
		let invalid = TransactionValidityError::from(InvalidTransaction::Custom(WOULD_FAIL));
		assert_eq!(pool_validate(LEARNER, attend(true)), Err(invalid));
		// The pool's dry run wrote and deposited an event before failing: both were rolled
		// back.
		assert_eq!(lessons::Attended::<Test>::get(LEARNER), 0);
		assert!(System::events().is_empty());
		assert_eq!(Usage::<Test>::get(LEARNER), None);
		// Also for an account that could pay: a failing free call does not enter the pool.
		assert_eq!(pool_validate(RICH, attend(true)), Err(invalid));
	});
}

#[test]
fn a_free_call_that_fails_in_a_block_is_included_as_failed_and_charged_against_the_limit() {
	new_test_ext(|| {
		// What the call did is rolled back; the transaction is applied (a failed extrinsic),
		// its signer pays nothing, and it counts as FAILURE_PENALTY free calls.
		assert_eq!(
			submit(LEARNER, attend(true)).unwrap().map_err(|e| e.error),
			Err(cancelled_error())
		);
		assert_eq!(lessons::Attended::<Test>::get(LEARNER), 0);
		assert!(System::events().is_empty());
		assert_eq!(Balances::free_balance(LEARNER), 0);
		assert_eq!(crate::Pallet::<Test>::calls_used(&LEARNER), FAILURE_PENALTY);
		// Failing again exhausts the limit (and no more).
		assert!(submit(LEARNER, attend(true)).unwrap().is_err());
		assert_eq!(crate::Pallet::<Test>::calls_used(&LEARNER), MAX_FREE_CALLS);
		assert_eq!(
			pool_validate(LEARNER, attend(false)),
			Err(InvalidTransaction::Custom(RATE_LIMITED).into())
		);
		// An account that could pay pays nothing either.
		assert!(submit(RICH, attend(true)).unwrap().is_err());
		assert_eq!(Balances::free_balance(RICH), RICH_BALANCE);
		assert_eq!(fee_events(), 0);
	});
}

#[test]
fn in_a_block_a_free_call_is_dispatched_once_without_a_dry_run() {
	new_test_ext(|| {
		// `attend` counts its dispatches outside storage: one in a block, not two.
		let before = lessons::dispatches();
		assert_ok!(apply_in_block(LEARNER, attend(false)).unwrap());
		assert_eq!(lessons::Attended::<Test>::get(LEARNER), 1);
		assert_eq!(lessons::dispatches(), before + 1);
		// The pool's validation dry-runs it, and changes nothing.
		assert_eq!(pool_validate(LEARNER, attend(false)), Ok(()));
		assert_eq!(lessons::dispatches(), before + 2);
		assert_eq!(lessons::Attended::<Test>::get(LEARNER), 1);
	});
}

#[test]
fn a_free_call_that_passed_the_pool_but_fails_in_the_block_costs_its_signer() {
	new_test_ext(|| {
		// Valid when the pool saw it; by the time it is applied, an earlier transaction of the
		// block (the same call, submitted twice) made it fail.
		assert_eq!(pool_validate(LEARNER, attend_once()), Ok(()));
		assert_ok!(submit(LEARNER, attend_once()).unwrap());
		assert_eq!(crate::Pallet::<Test>::calls_used(&LEARNER), 1);
		let call = attend_once();
		let info = info_of(&call);
		let failed = apply_in_block(LEARNER, call).expect("applied, as a failed call");
		assert_eq!(crate::Pallet::<Test>::calls_used(&LEARNER), 1 + FAILURE_PENALTY);
		// The failed call's full weight counts: only the paid path's extension weight is
		// refunded.
		let post_info = failed.expect_err("the call failed").post_info;
		assert_eq!(post_info.calc_actual_weight(&info), info.call_weight + free_weight());
	});
}

#[test]
fn check_names_the_error_a_free_call_would_fail_with() {
	new_test_ext(|| {
		assert_eq!(
			crate::Pallet::<Test>::check(&LEARNER, &attend(true)),
			Err(Refusal::WouldFail { error: cancelled_error() })
		);
		assert_eq!(crate::Pallet::<Test>::check(&LEARNER, &attend(false)), Ok(()));
		assert_eq!(lessons::Attended::<Test>::get(LEARNER), 0);
		assert!(System::events().is_empty());
	});
}

#[test]
fn check_of_a_paid_call_says_it_is_not_free() {
	new_test_ext(|| {
		assert_eq!(crate::Pallet::<Test>::check(&LEARNER, &note()), Err(Refusal::NotFree));
		assert!(!crate::Pallet::<Test>::is_free(&LEARNER, &note()));
		assert!(crate::Pallet::<Test>::is_free(&LEARNER, &attend(false)));
		// Free for one signer, paid for another.
		assert!(crate::Pallet::<Test>::is_free(&LEARNER, &attend_once()));
		assert!(!crate::Pallet::<Test>::is_free(&RICH, &attend_once()));
		assert_eq!(crate::Pallet::<Test>::check(&RICH, &attend_once()), Err(Refusal::NotFree));
	});
}

#[test]
fn the_rate_limit_refuses_the_call_over_the_limit_until_the_next_period() {
	new_test_ext(|| {
		for n in 1..=MAX_FREE_CALLS {
			assert_ok!(submit(LEARNER, attend(false)).unwrap());
			assert_eq!(crate::Pallet::<Test>::calls_used(&LEARNER), n);
			assert_eq!(crate::Pallet::<Test>::remaining(&LEARNER), MAX_FREE_CALLS - n);
		}
		let limited = TransactionValidityError::from(InvalidTransaction::Custom(RATE_LIMITED));
		assert_eq!(pool_validate(LEARNER, attend(false)), Err(limited));
		assert_eq!(submit(LEARNER, attend(false)).unwrap_err(), limited);
		assert_eq!(
			crate::Pallet::<Test>::check(&LEARNER, &attend(false)),
			Err(Refusal::RateLimited { resets_at: PERIOD })
		);
		assert_eq!(lessons::Attended::<Test>::get(LEARNER), MAX_FREE_CALLS);
		// Another account is not affected.
		assert_ok!(submit(RICH, attend(false)).unwrap());
		// The last block of the period is still limited; the next period starts afresh.
		System::set_block_number(PERIOD - 1);
		assert_eq!(pool_validate(LEARNER, attend(false)), Err(limited));
		System::set_block_number(PERIOD);
		assert_eq!(crate::Pallet::<Test>::calls_used(&LEARNER), 0);
		assert_ok!(submit(LEARNER, attend(false)).unwrap());
		assert_eq!(Usage::<Test>::get(LEARNER), Some(UsageWindow { period: 1, calls: 1 }));
	});
}

#[test]
fn a_call_the_pool_refused_does_not_count_against_the_rate_limit() {
	new_test_ext(|| {
		for _ in 0..5 {
			assert!(pool_validate(LEARNER, attend(true)).is_err());
		}
		assert_eq!(crate::Pallet::<Test>::calls_used(&LEARNER), 0);
		assert_ok!(submit(LEARNER, attend(false)).unwrap());
	});
}

#[test]
fn a_call_free_for_others_is_paid_by_a_signer_it_is_not_free_for() {
	new_test_ext(|| {
		let call = attend_once();
		let info = info_of(&call);
		assert_ok!(submit(RICH, call).unwrap());
		assert_eq!(fee_events(), 1);
		assert!(Balances::free_balance(RICH) < RICH_BALANCE);
		assert_eq!(Usage::<Test>::get(RICH), None);
		// Weighed as the heavier of the free and the paid path, before the signer is known.
		assert_eq!(info.extension_weight, paid_extension_weight(&attend_once()).max(free_weight()));
	});
}

#[test]
fn free_calls_rank_below_every_paid_transaction_and_expire_soon() {
	new_test_ext(|| {
		let validity = |who: u64, call: RuntimeCall| pool_validity(who, call).expect("valid");
		let attend = validity(LEARNER, attend(false));
		let once = validity(LEARNER, attend_once());
		let paid = validity(RICH, note());
		assert_eq!(attend.priority, ATTEND_PRIORITY);
		assert_eq!(once.priority, ATTEND_ONCE_PRIORITY);
		assert_eq!(attend.longevity, FREE_LONGEVITY);
		assert!(paid.priority >= PAID_PRIORITY);
		assert!(paid.priority > attend.priority && attend.priority > once.priority);
		// Validation is not a call: nothing counted.
		assert_eq!(Usage::<Test>::iter().count(), 0);
	});
}

#[test]
fn a_paid_call_is_charged_by_the_wrapped_extension() {
	new_test_ext(|| {
		let call = note();
		let info = info_of(&call);
		assert_ok!(submit(RICH, call).unwrap());
		assert_eq!(fee_events(), 1);
		let fee = RICH_BALANCE - Balances::free_balance(RICH);
		// IdentityFee: weight (call + extension) + length 100 + base fee.
		let expected = info.total_weight().ref_time()
			+ 100 + <<Test as frame_system::Config>::BlockWeights as Get<
			frame_system::limits::BlockWeights,
		>>::get()
		.get(info.class)
		.base_extrinsic
		.ref_time();
		assert_eq!(fee, expected);
		assert_eq!(Usage::<Test>::get(RICH), None);
	});
}

#[test]
fn a_paid_call_of_an_account_without_balance_cannot_pay() {
	new_test_ext(|| {
		assert_eq!(
			submit(LEARNER, note()).unwrap_err(),
			TransactionValidityError::from(InvalidTransaction::Payment)
		);
		assert_eq!(pool_validate(LEARNER, note()), Err(InvalidTransaction::Payment.into()));
	});
}

#[test]
fn an_unsigned_free_call_goes_to_the_wrapped_extension() {
	new_test_ext(|| {
		let call = attend(false);
		let info = info_of(&call);
		// Not signed: not free. ChargeTransactionPayment lets an unsigned origin through
		// without a charge (the call then refuses the origin).
		let (_, val, _) = ext(0)
			.validate(
				RuntimeOrigin::none(),
				&call,
				&info,
				100,
				(),
				&sp_runtime::traits::TxBaseImplication(()),
				TransactionSource::External,
			)
			.unwrap();
		assert!(matches!(val, crate::extension::Val::Paid(_)));
		let (_, val, _) = ext(0)
			.validate(
				RuntimeOrigin::signed(LEARNER),
				&call,
				&info,
				100,
				(),
				&sp_runtime::traits::TxBaseImplication(()),
				TransactionSource::External,
			)
			.unwrap();
		assert!(matches!(val, crate::extension::Val::Free(LEARNER)));
		assert_eq!(Usage::<Test>::iter().count(), 0);
	});
}

#[test]
fn clients_see_the_wrapped_extension() {
	let inner = ChargeTransactionPayment::<Test>::from(7);
	let wrapped: Ext = inner.clone().into();
	assert_eq!(wrapped.encode(), inner.encode());
	assert_eq!(<Ext as TransactionExtension<RuntimeCall>>::IDENTIFIER, "ChargeTransactionPayment");
	let ours = <Ext as TransactionExtension<RuntimeCall>>::metadata();
	let theirs = <ChargeTransactionPayment<Test> as TransactionExtension<RuntimeCall>>::metadata();
	assert_eq!(ours.len(), 1);
	assert_eq!(ours[0].identifier, theirs[0].identifier);
	assert_eq!(ours[0].ty, theirs[0].ty);
	assert_eq!(ours[0].implicit, theirs[0].implicit);
}

fn free_weight() -> Weight {
	<<Test as frame_system::Config>::DbWeight as Get<frame_support::weights::RuntimeDbWeight>>::get(
	)
	.reads_writes(3, 1)
}

fn paid_extension_weight(call: &RuntimeCall) -> Weight {
	let inner = ChargeTransactionPayment::<Test>::from(0);
	<ChargeTransactionPayment<Test> as TransactionExtension<RuntimeCall>>::weight(&inner, call)
}

#[test]
fn a_free_call_weighs_its_rate_limit_and_a_paid_call_what_the_wrapped_extension_says() {
	let free = attend(false);
	// No dry run in a block, so not the call's weight twice; the larger of the two paths.
	assert_eq!(ext(0).weight(&free), free_weight().max(paid_extension_weight(&free)));
	assert_eq!(ext(0).weight(&note()), paid_extension_weight(&note()));
	assert!(ext(0).weight(&free).any_gt(Weight::zero()));
}

#[test]
fn a_free_call_is_refunded_what_the_paid_path_would_have_used() {
	new_test_ext(|| {
		let call = attend(false);
		let mut info = info_of(&call);
		// In a runtime, `extension_weight` sums every extension of the pipeline (the nonce
		// check, ...): only this extension's own surplus is refunded.
		let others = Weight::from_parts(7_000_000, 0);
		info.extension_weight = info.extension_weight.saturating_add(others);
		let applied = ext(0)
			.dispatch_transaction(RuntimeOrigin::signed(LEARNER), call, &info, 100, 0)
			.unwrap()
			.unwrap();
		let used = applied.calc_actual_weight(&info);
		assert_eq!(used, info.call_weight + others + free_weight());
	});
}

/// Validates `call` signed by `who` with `nonce` through [`crate::FreeQueueLimit`], as the
/// pool (or, with `InBlock`, the block builder) does.
fn nonce_validity(
	who: u64,
	nonce: u32,
	call: RuntimeCall,
	source: TransactionSource,
) -> Result<sp_runtime::transaction_validity::ValidTransaction, TransactionValidityError> {
	let info = info_of(&call);
	crate::FreeQueueLimit::<Test>(frame_system::CheckNonce::from(nonce))
		.validate_only(RuntimeOrigin::signed(who), &call, &info, 100, source, 0)
		.map(|(valid, ..)| valid)
}

/// The attack: one account queues free calls of consecutive future nonces; each passes the
/// pool's dry run against the same state, so the rate limit alone lets it fill the pool. Now
/// the pool holds at most `MaxQueuedFree` free calls of an account.
#[test]
fn the_pool_holds_at_most_max_queued_free_calls_of_one_account() {
	new_test_ext(|| {
		System::inc_sufficients(&LEARNER);
		System::inc_account_nonce(LEARNER);
		let queue_full = TransactionValidityError::from(InvalidTransaction::Custom(QUEUE_FULL));
		for nonce in 1..1 + MAX_QUEUED_FREE {
			let valid = nonce_validity(LEARNER, nonce, attend(false), TransactionSource::External)
				.expect("within the queue limit");
			// The plain nonce rules still apply: each needs the one before.
			assert_eq!(valid.provides, vec![(LEARNER, nonce).encode()]);
		}
		for nonce in [1 + MAX_QUEUED_FREE, 1_000] {
			assert_eq!(
				nonce_validity(LEARNER, nonce, attend(false), TransactionSource::External),
				Err(queue_full)
			);
			assert_eq!(
				nonce_validity(LEARNER, nonce, attend(false), TransactionSource::Local),
				Err(queue_full)
			);
		}
		// Once the account's nonce moves on, the next one is accepted.
		System::inc_account_nonce(LEARNER);
		assert!(nonce_validity(
			LEARNER,
			1 + MAX_QUEUED_FREE,
			attend(false),
			TransactionSource::External
		)
		.is_ok());
	});
}

#[test]
fn the_queue_limit_leaves_paid_transactions_and_blocks_alone() {
	new_test_ext(|| {
		System::inc_sufficients(&LEARNER);
		let far = 10 * MAX_QUEUED_FREE;
		// A paid call keeps the plain nonce rules: far ahead is a future transaction.
		let valid = nonce_validity(RICH, far, note(), TransactionSource::External)
			.expect("a paid call far ahead is valid for later");
		assert_eq!(valid.requires, vec![(RICH, far - 1).encode()]);
		// A call free for others that RICH pays for is not limited either.
		assert!(nonce_validity(RICH, far, attend_once(), TransactionSource::External).is_ok());
		// In a block only the nonce check applies (a far nonce is not the account's).
		assert_eq!(
			nonce_validity(LEARNER, far, attend(false), TransactionSource::InBlock),
			Ok(sp_runtime::transaction_validity::ValidTransaction {
				requires: vec![(LEARNER, far - 1).encode()],
				provides: vec![(LEARNER, far).encode()],
				..Default::default()
			})
		);
		// Stale nonces are refused as before.
		System::inc_account_nonce(LEARNER);
		assert_eq!(
			nonce_validity(LEARNER, 0, attend(false), TransactionSource::External),
			Err(InvalidTransaction::Stale.into())
		);
	});
}

#[test]
fn clients_see_check_nonce() {
	let inner = frame_system::CheckNonce::<Test>::from(42);
	let wrapped = crate::FreeQueueLimit::<Test>::from(inner.clone());
	assert_eq!(wrapped.encode(), inner.encode());
	type Queue = crate::FreeQueueLimit<Test>;
	type Nonce = frame_system::CheckNonce<Test>;
	assert_eq!(<Queue as TransactionExtension<RuntimeCall>>::IDENTIFIER, "CheckNonce");
	let ours = <Queue as TransactionExtension<RuntimeCall>>::metadata();
	let theirs = <Nonce as TransactionExtension<RuntimeCall>>::metadata();
	assert_eq!(ours.len(), 1);
	assert_eq!(ours[0].identifier, theirs[0].identifier);
	assert_eq!(ours[0].ty, theirs[0].ty);
	assert_eq!(ours[0].implicit, theirs[0].implicit);
	let call = attend(false);
	assert_eq!(wrapped.weight(&call), inner.weight(&call));
}

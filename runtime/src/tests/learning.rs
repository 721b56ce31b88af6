//! The learning record in the runtime: learners with fresh, empty accounts act through signed
//! transactions that pay nothing, and a learner's call that would fail never enters a block.

use super::{apply_as_author, open_block, preset_storage, signed as signed_tx};
use crate::{
	configs::learning::{HELP_ASSET_ID, MAX_FREE_CALLS},
	AccountId, Assets, Balances, Courses, Executive, Feeless, Lifecycle, Registry, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeOrigin, System, Tokens,
};
use frame_support::{assert_noop, assert_ok, traits::fungibles::Mutate};
use pallet_courses::{Assessment, AssessmentKind, CourseId, CourseInspect};
use pallet_feeless::{Refusal, RATE_LIMITED, WOULD_FAIL};
use pallet_tokens::{TokenKind, Totals};
use sp_core::{sr25519, Pair};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::IdentifyAccount,
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	DispatchError, MultiSigner,
};

/// A learner's key pair from a seed nobody endowed.
pub(crate) fn learner(seed: &str) -> (sr25519::Pair, AccountId) {
	let pair = sr25519::Pair::from_string(&format!("//{seed}"), None).expect("valid seed");
	let account = MultiSigner::from(pair.public()).into_account();
	(pair, account)
}

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

/// The Council of the development chain (Alice alone) deciding unanimously.
pub(crate) fn council() -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, pallet_collective::Instance1>::Members(1, 1).into()
}

/// Eve's institute, accredited by the Council, with Ferdie as its instructor.
pub(crate) fn accredited_institute() -> (AccountId, AccountId) {
	let eve = Sr25519Keyring::Eve.to_account_id();
	let ferdie = Sr25519Keyring::Ferdie.to_account_id();
	assert_ok!(Registry::apply(
		signed(Sr25519Keyring::Eve),
		b"Open Learning Institute".to_vec(),
		b"https://open-learning.example".to_vec(),
		None,
	));
	assert_ok!(Registry::accredit(council(), eve.clone()));
	assert_ok!(Registry::add_instructor(signed(Sr25519Keyring::Eve), ferdie.clone()));
	(eve, ferdie)
}

/// The scoring guide of DOMAIN.md's worked example: two lessons and a final evaluation.
pub(crate) fn worked_example_guide() -> Vec<Assessment> {
	let assessment = |kind, max_attendance, max_score, max_help, max_instructor_feedback| {
		Assessment { kind, max_attendance, max_score, max_help, max_instructor_feedback }
	};
	vec![
		assessment(AssessmentKind::Lesson, 5, 25, 10, 5),
		assessment(AssessmentKind::Lesson, 5, 25, 10, 5),
		assessment(AssessmentKind::FinalEvaluation, 5, 10, 5, 0),
	]
}

/// Ferdie creates the worked example's course for Eve's institute (CIP 11.0701, one unit).
pub(crate) fn worked_example_course(institution: &AccountId) -> CourseId {
	let course = pallet_courses::NextCourseId::<Runtime>::get();
	assert_ok!(Courses::create_course(
		signed(Sr25519Keyring::Ferdie),
		institution.clone(),
		b"Algorithms".to_vec(),
		b"11.0701".to_vec(),
		vec![(b"http://data.europa.eu/esco/skill/algorithms".to_vec(), b"Sorting".to_vec())],
		worked_example_guide(),
		false,
	));
	course
}

fn accept(course: CourseId) -> RuntimeCall {
	RuntimeCall::Courses(pallet_courses::Call::accept_invitation { course })
}

fn help_transfer(to: &AccountId, amount: u128) -> RuntimeCall {
	RuntimeCall::Assets(pallet_assets::Call::transfer_keep_alive {
		id: HELP_ASSET_ID.into(),
		target: sp_runtime::MultiAddress::Id(to.clone()),
		amount,
	})
}

/// What the transaction pool answers for `call` signed by `pair` with `nonce`.
fn pool_validity(
	call: RuntimeCall,
	pair: &sr25519::Pair,
	nonce: u32,
) -> Result<(), TransactionValidityError> {
	Executive::validate_transaction(
		TransactionSource::External,
		signed_tx(call, pair, nonce),
		System::parent_hash(),
	)
	.map(|_| ())
}

fn fees_paid() -> usize {
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
fn an_invited_learner_with_a_fresh_empty_account_accepts_for_free() {
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block(1_000);
		let (institute, _) = accredited_institute();
		let course = worked_example_course(&institute);
		let (pair, account) = learner("FreshLearner");
		assert!(!System::account_exists(&account));

		// Before the invitation the account does not exist: it has no nonce to sign with.
		assert_eq!(
			pool_validity(accept(course), &pair, 0),
			Err(InvalidTransaction::Payment.into())
		);

		assert_ok!(Courses::invite(signed(Sr25519Keyring::Ferdie), course, vec![account.clone()]));
		assert_eq!(pool_validity(accept(course), &pair, 0), Ok(()));
		assert_eq!(apply_as_author(signed_tx(accept(course), &pair, 0)), Ok(Ok(())));

		assert!(<Courses as CourseInspect<AccountId>>::is_enrolled(course, &account));
		assert_eq!(Balances::free_balance(&account), 0);
		assert_eq!(System::account_nonce(&account), 1);
		assert_eq!(fees_paid(), 0);
		assert_eq!(Feeless::calls_used(&account), 1);
	});
}

#[test]
fn a_learner_call_that_would_fail_is_refused_by_the_pool_and_by_the_block() {
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block(1_000);
		let (institute, _) = accredited_institute();
		let course = worked_example_course(&institute);
		let (pair, account) = learner("FreshLearner");
		assert_ok!(Courses::invite(signed(Sr25519Keyring::Ferdie), course, vec![account.clone()]));
		assert_eq!(apply_as_author(signed_tx(accept(course), &pair, 0)), Ok(Ok(())));

		// Accepting twice fails (AlreadyEnrolled): refused, not included, nonce unchanged.
		let would_fail = TransactionValidityError::from(InvalidTransaction::Custom(WOULD_FAIL));
		assert_eq!(pool_validity(accept(course), &pair, 1), Err(would_fail));
		assert_eq!(apply_as_author(signed_tx(accept(course), &pair, 1)), Err(would_fail));
		assert_eq!(System::account_nonce(&account), 1);
		assert_eq!(Feeless::calls_used(&account), 1);

		// The wallet can ask why.
		let Err(Refusal::WouldFail { error: DispatchError::Module(error) }) =
			Feeless::check(&account, &accept(course))
		else {
			panic!("the call would fail with a module error");
		};
		assert_eq!(error.message, Some("AlreadyEnrolled"));
	});
}

#[test]
fn a_learner_step_that_passed_the_pool_but_fails_in_the_block_is_dropped() {
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block(1_000);
		let (institute, _) = accredited_institute();
		let course = worked_example_course(&institute);
		let (pair, account) = learner("DoubleSubmitter");
		assert_ok!(Courses::invite(signed(Sr25519Keyring::Ferdie), course, vec![account.clone()]));
		learner_applies(&pair, accept(course));
		assert_ok!(Lifecycle::convey(
			signed(Sr25519Keyring::Ferdie),
			course,
			0,
			0,
			vec![(account.clone(), 4)]
		));
		let acquire = lifecycle(pallet_lifecycle::Call::acquire { course, assessment: 0, unit: 0 });

		// The wallet sends the step twice (nonces 1 and 2): the pool accepts both, as neither
		// has run yet ...
		assert_eq!(pool_validity(acquire.clone(), &pair, 1), Ok(()));
		assert_eq!(pool_validity(acquire.clone(), &pair, 2), Ok(()));
		// ... the block applies the first, and the second fails (StepAlreadyDone): it is not
		// applicable, so the author drops it. One token, one nonce, one free call, no fee.
		assert_eq!(apply_as_author(signed_tx(acquire.clone(), &pair, 1)), Ok(Ok(())));
		assert_eq!(
			apply_as_author(signed_tx(acquire, &pair, 2)),
			Err(InvalidTransaction::Custom(WOULD_FAIL).into())
		);
		assert_eq!(System::account_nonce(&account), 2);
		assert_eq!(Feeless::calls_used(&account), 2);
		assert_eq!(points_of(&account, TokenKind::Attendance), vec![4]);
		assert_eq!(fees_paid(), 0);
	});
}

#[test]
fn learners_without_balance_transfer_help_for_free_but_not_more_than_they_hold() {
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block(1_000);
		let (pair, giver) = learner("Giver");
		let (_, taker) = learner("Taker");
		// Help is a sufficient asset: holding it makes the account exist.
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(HELP_ASSET_ID, &giver, 10));

		assert_eq!(apply_as_author(signed_tx(help_transfer(&taker, 3), &pair, 0)), Ok(Ok(())));
		assert_eq!(Assets::balance(HELP_ASSET_ID, &giver), 7);
		assert_eq!(Assets::balance(HELP_ASSET_ID, &taker), 3);
		assert_eq!(Balances::free_balance(&giver), 0);
		assert_eq!(fees_paid(), 0);

		assert_eq!(
			pool_validity(help_transfer(&taker, 8), &pair, 1),
			Err(InvalidTransaction::Custom(WOULD_FAIL).into())
		);
		assert_eq!(Assets::balance(HELP_ASSET_ID, &giver), 7);
	});
}

#[test]
fn a_paid_call_of_a_learner_without_balance_cannot_pay() {
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block(1_000);
		let (pair, giver) = learner("Giver");
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(HELP_ASSET_ID, &giver, 10));
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: sp_runtime::MultiAddress::Id(Sr25519Keyring::Bob.to_account_id()),
			value: 0,
		});
		assert_eq!(pool_validity(transfer, &pair, 0), Err(InvalidTransaction::Payment.into()));
	});
}

#[test]
fn free_calls_are_rate_limited_per_learner() {
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block(1_000);
		let (pair, giver) = learner("Giver");
		let (_, taker) = learner("Taker");
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(HELP_ASSET_ID, &giver, 1_000));
		for nonce in 0..MAX_FREE_CALLS {
			assert_eq!(
				apply_as_author(signed_tx(help_transfer(&taker, 1), &pair, nonce)),
				Ok(Ok(()))
			);
		}
		assert_eq!(
			pool_validity(help_transfer(&taker, 1), &pair, MAX_FREE_CALLS),
			Err(InvalidTransaction::Custom(RATE_LIMITED).into())
		);
		assert!(matches!(
			Feeless::check(&giver, &help_transfer(&taker, 1)),
			Err(Refusal::RateLimited { .. })
		));
		assert_eq!(Assets::balance(HELP_ASSET_ID, &taker), u128::from(MAX_FREE_CALLS));
	});
}

/// A learner's signed transaction applied as in a block: free, from an empty account.
fn learner_applies(pair: &sr25519::Pair, call: RuntimeCall) {
	let account = MultiSigner::from(pair.public()).into_account();
	let nonce = System::account_nonce(&account);
	assert_eq!(apply_as_author(signed_tx(call, pair, nonce)), Ok(Ok(())));
}

fn lifecycle(call: pallet_lifecycle::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Lifecycle(call)
}

/// The five steps of assessment `assessment` (unit 0) for one learner, and the rating:
/// `earned` = (attendance, score, help, rating).
fn run_assessment(
	course: CourseId,
	assessment: u32,
	pair: &sr25519::Pair,
	earned: (u32, u32, u32, u32),
) {
	let learner = MultiSigner::from(pair.public()).into_account();
	let (attendance, score, help, rating) = earned;
	let ferdie = || signed(Sr25519Keyring::Ferdie);
	run_steps_to_award(course, assessment, pair, attendance);
	assert_ok!(Lifecycle::award(ferdie(), course, assessment, 0, vec![(learner, score, help)]));
	learner_applies(
		pair,
		lifecycle(pallet_lifecycle::Call::rate { course, assessment, unit: 0, points: rating }),
	);
}

fn points_of(holder: &AccountId, kind: TokenKind) -> Vec<u32> {
	Tokens::tokens_of(holder)
		.into_iter()
		.filter(|token| token.kind == kind && token.revocation.is_none())
		.map(|token| token.points)
		.collect()
}

#[test]
fn the_worked_example_of_domain_md() {
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block(1_000);
		let (institute, ferdie) = accredited_institute();
		let course = worked_example_course(&institute);
		let (pair, ana) = learner("Ana");
		assert_ok!(Courses::invite(signed(Sr25519Keyring::Ferdie), course, vec![ana.clone()]));
		learner_applies(&pair, accept(course));

		// Lesson 1: 4/5 attendance, 20/25 score, 5/10 help; Ana rates Ferdie 5/5.
		run_assessment(course, 0, &pair, (4, 20, 5, 5));
		assert_eq!(points_of(&ana, TokenKind::Attendance), vec![4]);
		assert_eq!(points_of(&ana, TokenKind::Score), vec![20]);
		assert_eq!(Assets::balance(HELP_ASSET_ID, &ana), 5);
		assert_eq!(points_of(&ferdie, TokenKind::InstructorScore), vec![5]);

		// The guide is the oracle: 6 attendance points where lesson 2 allows 5, 26 score
		// points where it allows 25, and 11 help points where it allows 10 are all rejected.
		let ferdie_origin = || signed(Sr25519Keyring::Ferdie);
		assert_noop!(
			Lifecycle::convey(ferdie_origin(), course, 1, 0, vec![(ana.clone(), 6)])
				.map_err(|e| e.error),
			pallet_lifecycle::Error::<Runtime>::AttendanceAboveMaximum { index: 0 }
		);
		run_steps_to_award(course, 1, &pair, 5);
		assert_noop!(
			Lifecycle::award(ferdie_origin(), course, 1, 0, vec![(ana.clone(), 26, 0)])
				.map_err(|e| e.error),
			pallet_lifecycle::Error::<Runtime>::ScoreAboveMaximum { index: 0 }
		);
		assert_noop!(
			Lifecycle::award(ferdie_origin(), course, 1, 0, vec![(ana.clone(), 25, 11)])
				.map_err(|e| e.error),
			pallet_lifecycle::Error::<Runtime>::HelpAboveMaximum { index: 0 }
		);
		// Lesson 2 at full marks, then the final evaluation (no instructor feedback: 0).
		assert_ok!(Lifecycle::award(ferdie_origin(), course, 1, 0, vec![(ana.clone(), 25, 10)]));
		learner_applies(
			&pair,
			lifecycle(pallet_lifecycle::Call::rate { course, assessment: 1, unit: 0, points: 4 }),
		);
		run_assessment(course, 2, &pair, (5, 9, 3, 0));

		// Totals: attendance 4+5+5, score 20+25+9, help 5+10+3; Ferdie was rated 5, 4 and 0.
		assert_eq!(points_of(&ana, TokenKind::Attendance), vec![4, 5, 5]);
		assert_eq!(points_of(&ana, TokenKind::Score), vec![20, 25, 9]);
		assert_eq!(Assets::balance(HELP_ASSET_ID, &ana), 18);
		assert_eq!(points_of(&ferdie, TokenKind::InstructorScore), vec![5, 4, 0]);
		let totals = Totals { attendance: 14, score: 54, help: 18, instructor_score: 0, tokens: 6 };
		let profile = Tokens::skill_profile(&ana);
		assert_eq!(profile.by_cip, vec![(b"11.0701".to_vec(), totals)]);
		assert_eq!(
			profile.by_skill,
			vec![(b"http://data.europa.eu/esco/skill/algorithms".to_vec(), totals)]
		);
		let ferdie_profile = Tokens::skill_profile(&ferdie);
		assert_eq!(ferdie_profile.by_cip[0].1.instructor_score, 9);

		// Ana never held any balance and paid nothing.
		assert_eq!(Balances::free_balance(&ana), 0);
		assert_eq!(fees_paid(), 0);
	});
}

/// Convey (with `attendance`), acquire, assess and respond for assessment `assessment`.
fn run_steps_to_award(course: CourseId, assessment: u32, pair: &sr25519::Pair, attendance: u32) {
	let learner = MultiSigner::from(pair.public()).into_account();
	let ferdie = || signed(Sr25519Keyring::Ferdie);
	assert_ok!(Lifecycle::convey(
		ferdie(),
		course,
		assessment,
		0,
		vec![(learner.clone(), attendance)]
	));
	learner_applies(
		pair,
		lifecycle(pallet_lifecycle::Call::acquire { course, assessment, unit: 0 }),
	);
	assert_ok!(Lifecycle::assess(ferdie(), course, assessment, 0, vec![learner]));
	let commitment = sp_core::H256::repeat_byte(0xaa);
	learner_applies(
		pair,
		lifecycle(pallet_lifecycle::Call::respond { course, assessment, unit: 0, commitment }),
	);
}

#[test]
fn a_full_batch_of_every_instructor_call_fits_in_one_block() {
	use frame_support::{dispatch::DispatchClass, traits::Get};
	use pallet_courses::WeightInfo as _;
	use pallet_lifecycle::WeightInfo as _;
	let max = <Runtime as frame_system::Config>::BlockWeights::get()
		.get(DispatchClass::Normal)
		.max_extrinsic
		.expect("normal transactions have a limit");
	let batch = <crate::configs::learning::MaxBatch as Get<u32>>::get();
	assert!(batch >= 500, "a class of 500 fits in one call");
	type Courses = pallet_courses::weights::SubstrateWeight<Runtime>;
	type Steps = pallet_lifecycle::weights::SubstrateWeight<Runtime>;
	for (call, weight) in [
		("invite", Courses::invite(batch)),
		("convey", Steps::convey(batch)),
		("assess", Steps::assess(batch)),
		("award", Steps::award(batch)),
	] {
		assert!(weight.all_lte(max), "{call} of {batch} learners weighs {weight:?}, over {max:?}");
	}
}

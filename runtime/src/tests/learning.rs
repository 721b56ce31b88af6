//! The learning record in the runtime: learners with fresh, empty accounts act through signed
//! transactions that pay nothing, and a learner's call that would fail never enters a block.

use super::{apply_as_author, open_block, preset_storage, signed as signed_tx};
use crate::{
	configs::learning::FAILURE_PENALTY,
	configs::learning::{HELP_ASSET_ID, MAX_FREE_CALLS},
	AccountId, Assets, Balances, Courses, Executive, Feeless, Lifecycle, Registry, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeOrigin, System,
};
use frame_support::dispatch::GetDispatchInfo;
use frame_support::{assert_noop, assert_ok, traits::fungibles::Mutate, BoundedVec};
use pallet_courses::{
	Assessment, AssessmentKind, AssessmentOf, CourseId, CourseInspect, GuideOf, LearnerPoints,
	UnitOfCompetency, UnitShare,
};
use pallet_feeless::{Refusal, RATE_LIMITED, WOULD_FAIL};
use pallet_lifecycle::{AwardTo, ConveyTo, UnitAward};
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
		BoundedVec::truncate_from(b"Open Learning Institute".to_vec()),
		BoundedVec::truncate_from(b"https://open-learning.example".to_vec()),
		None,
	));
	assert_ok!(Registry::accredit(council(), eve.clone()));
	assert_ok!(Registry::add_instructor(signed(Sr25519Keyring::Eve), ferdie.clone()));
	(eve, ferdie)
}

/// Sorting and searching (lesson 1), graphs and trees (lesson 2), with ESCO-like identifiers.
const UNITS: [(&[u8], &[u8]); 4] = [
	(b"http://data.europa.eu/esco/skill/sorting", b"Sorting"),
	(b"http://data.europa.eu/esco/skill/searching", b"Searching"),
	(b"http://data.europa.eu/esco/skill/graphs", b"Graphs"),
	(b"http://data.europa.eu/esco/skill/trees", b"Trees"),
];

/// The scoring guide of docs/DOMAIN.md's worked example with two units per lesson: lesson 1 covers
/// sorting (3/15/5) and searching (2/10/5), lesson 2 graphs and trees likewise (each lesson
/// 5/25/10 with 5 feedback points), the final evaluation the four units (5/10/5 in all, no
/// feedback): 100 learner points.
pub(crate) fn worked_example_guide() -> GuideOf<Runtime> {
	let share = |unit, attendance, score, help| UnitShare {
		unit,
		max: LearnerPoints { attendance, score, help },
	};
	let assessment = |kind, units: Vec<UnitShare>, feedback| -> AssessmentOf<Runtime> {
		Assessment {
			kind,
			units: BoundedVec::truncate_from(units),
			max_instructor_feedback: feedback,
		}
	};
	BoundedVec::truncate_from(vec![
		assessment(AssessmentKind::Lesson, vec![share(0, 3, 15, 5), share(1, 2, 10, 5)], 5),
		assessment(AssessmentKind::Lesson, vec![share(2, 3, 15, 5), share(3, 2, 10, 5)], 5),
		assessment(
			AssessmentKind::FinalEvaluation,
			vec![share(0, 2, 3, 2), share(1, 1, 3, 1), share(2, 1, 2, 1), share(3, 1, 2, 1)],
			0,
		),
	])
}

/// Ferdie creates the worked example's course for Eve's institute (CIP 11.0701, four units).
pub(crate) fn worked_example_course(institution: &AccountId) -> CourseId {
	let course = pallet_courses::NextCourseId::<Runtime>::get();
	let units = UNITS
		.iter()
		.map(|(skill, title)| UnitOfCompetency {
			skill: BoundedVec::truncate_from(skill.to_vec()),
			title: BoundedVec::truncate_from(title.to_vec()),
		})
		.collect();
	assert_ok!(Courses::create_course(
		signed(Sr25519Keyring::Ferdie),
		institution.clone(),
		BoundedVec::truncate_from(b"Algorithms".to_vec()),
		BoundedVec::truncate_from(b"11.0701".to_vec()),
		BoundedVec::truncate_from(units),
		worked_example_guide(),
		false,
	));
	course
}

/// `learners` as an `invite` batch.
fn batch(learners: Vec<AccountId>) -> BoundedVec<AccountId, crate::configs::learning::MaxBatch> {
	BoundedVec::truncate_from(learners)
}

/// A call's units.
fn units(list: &[u16]) -> BoundedVec<u16, crate::configs::learning::MaxUnitsPerAssessment> {
	BoundedVec::truncate_from(list.to_vec())
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

		// The instructor pays for the account the invitation creates: the existential deposit.
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		let before = Balances::free_balance(&ferdie);
		assert_ok!(Courses::invite(
			signed(Sr25519Keyring::Ferdie),
			course,
			batch(vec![account.clone()])
		));
		assert_eq!(Balances::free_balance(&ferdie), before - crate::EXISTENTIAL_DEPOSIT);
		System::assert_last_event(
			pallet_courses::Event::LearnersInvited {
				course,
				instructor: ferdie,
				learners: batch(vec![account.clone()]),
				new_accounts: 1,
				fee: crate::EXISTENTIAL_DEPOSIT,
			}
			.into(),
		);
		assert_eq!(pool_validity(accept(course), &pair, 0), Ok(()));
		assert_eq!(apply_as_author(signed_tx(accept(course), &pair, 0)), Ok(Ok(())));

		assert!(<Courses as CourseInspect<AccountId>>::is_enrolled(course, &account));
		assert_eq!(Balances::free_balance(&account), 0);
		assert_eq!(System::account_nonce(&account), 1);
		assert_eq!(fees_paid(), 0);
		assert_eq!(Feeless::calls_used(&account), 1);
	});
}

/// The attack: one account queues a thousand free calls of consecutive nonces, each passing
/// the dry run against the same state. The pool takes four, and refuses the fifth.
#[test]
fn the_pool_takes_at_most_four_free_calls_of_one_learner() {
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block(1_000);
		let (institute, _) = accredited_institute();
		let course = worked_example_course(&institute);
		let (pair, account) = learner("Queuer");
		assert_ok!(Courses::invite(
			signed(Sr25519Keyring::Ferdie),
			course,
			batch(vec![account.clone()])
		));
		for nonce in 0..4 {
			assert_eq!(pool_validity(accept(course), &pair, nonce), Ok(()));
		}
		let queue_full =
			TransactionValidityError::from(InvalidTransaction::Custom(pallet_feeless::QUEUE_FULL));
		assert_eq!(pool_validity(accept(course), &pair, 4), Err(queue_full));
		assert_eq!(pool_validity(accept(course), &pair, 1_000), Err(queue_full));
		// A paid transaction of the same account far ahead is a plain future transaction.
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		assert_ne!(pool_validity(remark, &pair, 1_000), Err(queue_full));
		// Once the first is in a block, the next nonce is in reach.
		assert_eq!(apply_as_author(signed_tx(accept(course), &pair, 0)), Ok(Ok(())));
		let would_fail = TransactionValidityError::from(InvalidTransaction::Custom(WOULD_FAIL));
		assert_eq!(pool_validity(accept(course), &pair, 4), Err(would_fail));
	});
}

#[test]
fn a_learner_call_that_would_fail_is_refused_by_the_pool_and_the_wallet_can_ask_why() {
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block(1_000);
		let (institute, _) = accredited_institute();
		let course = worked_example_course(&institute);
		let (pair, account) = learner("FreshLearner");
		assert_ok!(Courses::invite(
			signed(Sr25519Keyring::Ferdie),
			course,
			batch(vec![account.clone()])
		));
		assert_eq!(apply_as_author(signed_tx(accept(course), &pair, 0)), Ok(Ok(())));

		// Accepting twice fails (AlreadyEnrolled): the pool refuses it, nothing changes. (Had it
		// reached a block, it would fail there and cost its signer: the next test.)
		let would_fail = TransactionValidityError::from(InvalidTransaction::Custom(WOULD_FAIL));
		assert_eq!(pool_validity(accept(course), &pair, 1), Err(would_fail));
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
fn a_learner_step_that_passed_the_pool_but_fails_in_the_block_costs_the_learner_its_quota() {
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block(1_000);
		let (institute, _) = accredited_institute();
		let course = worked_example_course(&institute);
		let (pair, account) = learner("DoubleSubmitter");
		assert_ok!(Courses::invite(
			signed(Sr25519Keyring::Ferdie),
			course,
			batch(vec![account.clone()])
		));
		learner_applies(&pair, accept(course));
		assert_ok!(Lifecycle::convey(
			signed(Sr25519Keyring::Ferdie),
			course,
			0,
			units(&[0, 1]),
			conveyed(&account, &[3, 1])
		));
		let acquire = lifecycle(pallet_lifecycle::Call::acquire {
			course,
			assessment: 0,
			units: units(&[0, 1]),
		});

		// The wallet sends the step twice (nonces 1 and 2): the pool accepts both, as neither
		// has run yet ...
		assert_eq!(pool_validity(acquire.clone(), &pair, 1), Ok(()));
		assert_eq!(pool_validity(acquire.clone(), &pair, 2), Ok(()));
		// ... the block applies the first, and the second fails (UnitAlreadyAcquired): it is
		// included as a failed transaction, its full weight counted in the block, no fee, and
		// it counts as FailurePenalty free calls. Two tokens (one per unit), no more.
		assert_eq!(apply_as_author(signed_tx(acquire.clone(), &pair, 1)), Ok(Ok(())));
		let weight_before = System::block_weight().total();
		let Ok(Err(DispatchError::Module(error))) =
			apply_as_author(signed_tx(acquire.clone(), &pair, 2))
		else {
			panic!("included as a failed call");
		};
		assert_eq!(error.message, Some("UnitAlreadyAcquired"));
		let failed_weight = System::block_weight().total() - weight_before;
		assert!(failed_weight.all_gte(acquire.get_dispatch_info().call_weight));
		assert!(matches!(
			System::events().last().map(|record| &record.event),
			Some(RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
				dispatch_error: DispatchError::Module(failed),
				..
			})) if *failed == error
		));
		assert_eq!(System::account_nonce(&account), 3);
		assert_eq!(Feeless::calls_used(&account), 2 + FAILURE_PENALTY);
		assert_eq!(points_of(&account, TokenKind::Attendance), vec![3, 1]);
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
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(HELP_ASSET_ID, &taker, 1));

		assert_eq!(apply_as_author(signed_tx(help_transfer(&taker, 3), &pair, 0)), Ok(Ok(())));
		assert_eq!(Assets::balance(HELP_ASSET_ID, &giver), 7);
		assert_eq!(Assets::balance(HELP_ASSET_ID, &taker), 4);
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
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(HELP_ASSET_ID, &taker, 1));
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
		assert_eq!(Assets::balance(HELP_ASSET_ID, &taker), 1 + u128::from(MAX_FREE_CALLS));
	});
}

#[test]
fn a_help_transfer_that_does_nothing_or_makes_an_account_is_not_free() {
	use pallet_transaction_payment_rpc_runtime_api::runtime_decl_for_transaction_payment_api::TransactionPaymentApiV4;
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block(1_000);
		let (pair, spammer) = learner("Spammer");
		let (_, classmate) = learner("Classmate");
		let (_, nobody) = learner("Nobody");
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(HELP_ASSET_ID, &spammer, 10));
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(HELP_ASSET_ID, &classmate, 1));
		// A transfer of nothing (pallet-assets returns Ok at once), to oneself, or to an
		// account that does not exist yet (which it would create, for good) is not a free
		// call: it pays the fee, and a learner without balance cannot.
		for call in
			[help_transfer(&classmate, 0), help_transfer(&spammer, 1), help_transfer(&nobody, 1)]
		{
			assert!(!Feeless::is_free(&spammer, &call), "{call:?}");
			assert_eq!(Feeless::check(&spammer, &call), Err(Refusal::NotFree));
			assert_eq!(
				pool_validity(call.clone(), &pair, 0),
				Err(InvalidTransaction::Payment.into())
			);
			// Wallets are told it has a fee.
			let info =
				<Runtime as TransactionPaymentApiV4<crate::Block, crate::Balance>>::query_info(
					signed_tx(call, &pair, 0),
					200,
				);
			assert!(info.partial_fee > 0);
		}
		assert!(!System::account_exists(&nobody));
		assert_eq!(Feeless::calls_used(&spammer), 0);
		// A transfer that moves Help to a classmate is free, and wallets see no fee.
		let useful = help_transfer(&classmate, 1);
		let info = <Runtime as TransactionPaymentApiV4<crate::Block, crate::Balance>>::query_info(
			signed_tx(useful.clone(), &pair, 0),
			200,
		);
		assert_eq!(info.partial_fee, 0);
		assert_eq!(apply_as_author(signed_tx(useful, &pair, 0)), Ok(Ok(())));
		assert_eq!(Assets::balance(HELP_ASSET_ID, &classmate), 2);
	});
}

#[test]
fn paid_transactions_outrank_learner_steps_which_outrank_help_transfers_in_the_pool() {
	use crate::configs::learning::{HELP_TRANSFER_PRIORITY, LEARNER_STEP_PRIORITY};
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block(1_000);
		let (institute, _) = accredited_institute();
		let course = worked_example_course(&institute);
		let (pair, account) = learner("Ranked");
		let (_, classmate) = learner("RankedClassmate");
		assert_ok!(Courses::invite(
			signed(Sr25519Keyring::Ferdie),
			course,
			batch(vec![account.clone()])
		));
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(HELP_ASSET_ID, &account, 10));
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(HELP_ASSET_ID, &classmate, 1));
		let validity = |call: RuntimeCall, pair: &sr25519::Pair| {
			Executive::validate_transaction(
				TransactionSource::External,
				signed_tx(call, pair, 0),
				System::parent_hash(),
			)
			.expect("valid")
		};
		let step = validity(accept(course), &pair);
		let help = validity(help_transfer(&classmate, 1), &pair);
		// The heaviest paid call there is: a full batch of the Council's kind of weight is not
		// needed, a plain transfer from Bob already shows the floor.
		let bob = sr25519::Pair::from_string("//Bob", None).expect("Bob");
		let paid = validity(
			RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: sp_runtime::MultiAddress::Id(classmate.clone()),
				value: crate::UNIT,
			}),
			&bob,
		);
		assert_eq!(step.priority, LEARNER_STEP_PRIORITY);
		assert_eq!(help.priority, HELP_TRANSFER_PRIORITY);
		assert!(paid.priority >= crate::configs::learning::PaidPriority::get());
		assert!(step.longevity <= crate::configs::learning::FreeLongevity::get());
		assert!(paid.priority > step.priority && step.priority > help.priority);
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

/// One learner's attendance per unit, as a `convey` batch.
fn conveyed(
	learner: &AccountId,
	attendance: &[u32],
) -> BoundedVec<pallet_lifecycle::ConveyToOf<Runtime>, crate::configs::learning::MaxBatch> {
	BoundedVec::truncate_from(vec![ConveyTo {
		learner: learner.clone(),
		attendance: BoundedVec::truncate_from(attendance.to_vec()),
	}])
}

/// One learner's (score, help) per unit, as an `award` batch.
fn awarded(
	learner: &AccountId,
	points: &[(u32, u32)],
) -> BoundedVec<pallet_lifecycle::AwardToOf<Runtime>, crate::configs::learning::MaxBatch> {
	BoundedVec::truncate_from(vec![AwardTo {
		learner: learner.clone(),
		points: BoundedVec::truncate_from(
			points
				.iter()
				.map(|(score, help)| UnitAward { score: *score, help: *help })
				.collect(),
		),
	}])
}

/// What a learner earns in an assessment, per unit of it, and the rating they give.
struct Earned<'a> {
	units: &'a [u16],
	attendance: &'a [u32],
	points: &'a [(u32, u32)],
	/// `None` for an assessment with no feedback points: there is nothing to rate.
	rating: Option<u32>,
}

/// The five steps of `assessment` for one learner, the learner signing one transaction per
/// step for all of its units, and the rating.
fn run_assessment(course: CourseId, assessment: u8, pair: &sr25519::Pair, earned: Earned) {
	let learner = MultiSigner::from(pair.public()).into_account();
	run_steps_to_award(course, assessment, pair, earned.units, earned.attendance);
	assert_ok!(Lifecycle::award(
		signed(Sr25519Keyring::Ferdie),
		course,
		assessment,
		units(earned.units),
		awarded(&learner, earned.points)
	));
	if let Some(points) = earned.rating {
		learner_applies(
			pair,
			lifecycle(pallet_lifecycle::Call::rate {
				course,
				assessment,
				instructor: Sr25519Keyring::Ferdie.to_account_id(),
				points,
			}),
		);
	}
}

/// The live tokens of `holder` of `kind`, their points in the order of their ids.
fn points_of(holder: &AccountId, kind: TokenKind) -> Vec<u32> {
	let mut tokens = Lifecycle::tokens_of(holder, None, 100).items;
	tokens.sort_by_key(|token| token.id);
	tokens
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
		assert_ok!(Courses::invite(
			signed(Sr25519Keyring::Ferdie),
			course,
			batch(vec![ana.clone()])
		));
		learner_applies(&pair, accept(course));

		// Lesson 1 covers sorting and searching: 4/5 attendance (3 + 1), 20/25 score (12 + 8),
		// 5/10 help (3 + 2); Ana rates Ferdie 5/5, once for the lesson.
		run_assessment(
			course,
			0,
			&pair,
			Earned {
				units: &[0, 1],
				attendance: &[3, 1],
				points: &[(12, 3), (8, 2)],
				rating: Some(5),
			},
		);
		let lesson_1 = Lifecycle::skill_profile(&ana, None, 100).profile.by_cip[0].1;
		assert_eq!((lesson_1.attendance, lesson_1.score, lesson_1.help), (4, 20, 5));
		assert_eq!(Assets::balance(HELP_ASSET_ID, &ana), 5);
		assert_eq!(points_of(&ferdie, TokenKind::InstructorScore), vec![5]);

		// The guide is the oracle, per unit and so per lesson: 6 attendance points where lesson
		// 2 allows 5 (3 + 3 where graphs allows 3 and trees 2), 20 + 20 score where it allows
		// 15 + 10, and 6 help where graphs allows 5 are all rejected.
		let ferdie_origin = || signed(Sr25519Keyring::Ferdie);
		assert_noop!(
			Lifecycle::convey(ferdie_origin(), course, 1, units(&[2, 3]), conveyed(&ana, &[3, 3]))
				.map_err(|e| e.error),
			pallet_lifecycle::Error::<Runtime>::AttendanceAboveMaximum { index: 0, unit: 3 }
		);
		run_steps_to_award(course, 1, &pair, &[2, 3], &[3, 2]);
		assert_noop!(
			Lifecycle::award(
				ferdie_origin(),
				course,
				1,
				units(&[2, 3]),
				awarded(&ana, &[(20, 0), (20, 0)])
			)
			.map_err(|e| e.error),
			pallet_lifecycle::Error::<Runtime>::ScoreAboveMaximum { index: 0, unit: 2 }
		);
		assert_noop!(
			Lifecycle::award(
				ferdie_origin(),
				course,
				1,
				units(&[2, 3]),
				awarded(&ana, &[(15, 6), (10, 5)])
			)
			.map_err(|e| e.error),
			pallet_lifecycle::Error::<Runtime>::HelpAboveMaximum { index: 0, unit: 2 }
		);
		// Lesson 2 at full marks, then the final evaluation over all four units (no feedback).
		assert_ok!(Lifecycle::award(
			ferdie_origin(),
			course,
			1,
			units(&[2, 3]),
			awarded(&ana, &[(15, 5), (10, 5)])
		));
		learner_applies(
			&pair,
			lifecycle(pallet_lifecycle::Call::rate {
				course,
				assessment: 1,
				instructor: ferdie.clone(),
				points: 4,
			}),
		);
		run_assessment(
			course,
			2,
			&pair,
			Earned {
				units: &[0, 1, 2, 3],
				attendance: &[2, 1, 1, 1],
				points: &[(3, 1), (2, 1), (2, 1), (2, 0)],
				rating: None,
			},
		);

		// Totals: attendance 4+5+5, score 20+25+9, help 5+10+3; Ferdie was rated 5 and 4 (the
		// final evaluation gives no feedback).
		assert_eq!(points_of(&ana, TokenKind::Attendance), vec![3, 1, 3, 2, 2, 1, 1, 1]);
		assert_eq!(points_of(&ana, TokenKind::Score), vec![12, 8, 15, 10, 3, 2, 2, 2]);
		assert_eq!(Assets::balance(HELP_ASSET_ID, &ana), 18);
		assert_eq!(points_of(&ferdie, TokenKind::InstructorScore), vec![5, 4]);
		let totals =
			Totals { attendance: 14, score: 54, help: 18, instructor_score: 0, tokens: 16 };
		let profile = Lifecycle::skill_profile(&ana, None, 100).profile;
		assert_eq!(profile.by_cip, vec![(b"11.0701".to_vec(), totals)]);
		let sorting = profile
			.by_skill
			.iter()
			.find(|(skill, _)| skill == b"http://data.europa.eu/esco/skill/sorting")
			.map(|(_, totals)| *totals);
		assert_eq!(
			sorting,
			Some(Totals { attendance: 5, score: 15, help: 4, instructor_score: 0, tokens: 4 })
		);
		let ferdie_profile = Lifecycle::skill_profile(&ferdie, None, 100).profile;
		assert_eq!(ferdie_profile.by_cip[0].1.instructor_score, 9);

		// Ana signed three transactions per lesson (acknowledge, respond, rate) and two for the
		// final, never one per unit; she never held any balance and paid nothing.
		assert_eq!(System::account_nonce(&ana), 1 + 3 + 3 + 2);
		assert_eq!(Balances::free_balance(&ana), 0);
		assert_eq!(fees_paid(), 0);
	});
}

/// Convey (with `attendance` per unit), acquire, assess and respond for `assessment`'s
/// `list` units, the learner signing one acknowledgement and one response.
fn run_steps_to_award(
	course: CourseId,
	assessment: u8,
	pair: &sr25519::Pair,
	list: &[u16],
	attendance: &[u32],
) {
	let learner = MultiSigner::from(pair.public()).into_account();
	let ferdie = || signed(Sr25519Keyring::Ferdie);
	assert_ok!(Lifecycle::convey(
		ferdie(),
		course,
		assessment,
		units(list),
		conveyed(&learner, attendance)
	));
	learner_applies(
		pair,
		lifecycle(pallet_lifecycle::Call::acquire { course, assessment, units: units(list) }),
	);
	assert_ok!(Lifecycle::assess(ferdie(), course, assessment, units(list), batch(vec![learner])));
	let commitment = sp_core::H256::repeat_byte(0xaa);
	learner_applies(
		pair,
		lifecycle(pallet_lifecycle::Call::respond {
			course,
			assessment,
			units: units(list),
			commitment,
		}),
	);
}

#[test]
fn a_full_batch_of_every_instructor_call_fits_in_one_block() {
	use frame_support::{dispatch::DispatchClass, traits::Get};
	use pallet_courses::WeightInfo as _;
	let max = <Runtime as frame_system::Config>::BlockWeights::get()
		.get(DispatchClass::Normal)
		.max_extrinsic
		.expect("normal transactions have a limit");
	let batch = <crate::configs::learning::MaxBatch as Get<u32>>::get();
	let units = <crate::configs::learning::MaxUnitsPerAssessment as Get<u32>>::get() as usize;
	assert!(batch >= 500, "a class of 500 fits in one call");
	type Courses = pallet_courses::weights::SubstrateWeight<Runtime>;
	let learners = batch as usize;
	for (call, weight) in [
		("invite", Courses::invite(batch)),
		("convey", pallet_lifecycle::convey_weight::<Runtime>(learners, units)),
		("assess", pallet_lifecycle::assess_weight::<Runtime>(learners, units)),
		("award", pallet_lifecycle::award_weight::<Runtime>(learners, units)),
	] {
		assert!(
			weight.all_lte(max),
			"{call} of {batch} learners × {units} units weighs {weight:?}, over {max:?}"
		);
	}
}

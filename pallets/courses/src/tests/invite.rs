//! `invite`: batches of learners, all or nothing, weighed per learner.

use super::*;
use frame_support::traits::fungible::Inspect;

#[test]
fn invite_records_invitations_names_the_learners_and_reports_the_actual_weight() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		let result = Courses::invite(signed(LEAD), 0, learners(&[ALICE, BOB]));

		assert_eq!(
			result,
			Ok(PostDispatchInfo {
				actual_weight: Some(<() as WeightInfo>::invite(2)),
				pays_fee: frame_support::dispatch::Pays::Yes,
			})
		);
		System::assert_last_event(
			Event::LearnersInvited {
				course: 0,
				instructor: LEAD,
				learners: learners(&[ALICE, BOB]),
				new_accounts: 2,
				fee: 2 * NEW_ACCOUNT_FEE,
			}
			.into(),
		);
		assert_eq!(status(0, ALICE), Some(EnrollmentStatus::Invited));
		assert_eq!(status(0, BOB), Some(EnrollmentStatus::Invited));
		assert_eq!(status(0, CHARLIE), None);
	});
}

#[test]
fn an_invitation_makes_a_fresh_account_exist_so_that_it_can_sign() {
	ExtBuilder::default()
		.with_course(0, false)
		.with_course(1, false)
		.build_and_execute(|| {
			assert!(!System::account_exists(&ALICE));
			assert_ok!(Courses::invite(signed(LEAD), 0, learners(&[ALICE])));
			assert!(System::account_exists(&ALICE));
			assert_eq!(System::sufficients(&ALICE), 1);
			// Accepting keeps the one reference; a second course's invitation adds one.
			assert_ok!(Courses::accept_invitation(signed(ALICE), 0));
			assert_eq!(System::sufficients(&ALICE), 1);
			assert_ok!(Courses::invite(signed(LEAD), 1, learners(&[ALICE])));
			assert_eq!(System::sufficients(&ALICE), 2);
		});
}

/// The attack: an instructor made up to `MaxBatch` accounts exist per call for the call's fee
/// alone, each able to sign free calls. Now each new account costs the instructor
/// `NewAccountFee`, burned.
#[test]
fn the_instructor_pays_for_each_account_the_invitation_creates_and_the_fee_is_burned() {
	ExtBuilder::default()
		.with_course(0, false)
		.with_course(1, false)
		.build_and_execute(|| {
			let issuance = Balances::total_issuance();
			let batch: Vec<u64> = (1_000..1_000 + MAX_BATCH as u64).collect();
			assert_ok!(Courses::invite(signed(LEAD), 0, learners(&batch)));
			let fee = NEW_ACCOUNT_FEE * MAX_BATCH as u64;
			assert_eq!(Balances::free_balance(LEAD), INSTRUCTOR_BALANCE - fee);
			assert_eq!(Balances::total_issuance(), issuance - fee);
			let new_accounts = MAX_BATCH;
			System::assert_last_event(
				Event::LearnersInvited {
					course: 0,
					instructor: LEAD,
					learners: learners(&batch),
					new_accounts,
					fee,
				}
				.into(),
			);
		});
}

#[test]
fn inviting_accounts_that_exist_costs_nothing_beyond_the_call() {
	ExtBuilder::default()
		.with_course(0, false)
		.with_course(1, false)
		.build_and_execute(|| {
			// ALICE exists through course 0's invitation; CO through its balance; BOB is new.
			assert_ok!(Courses::invite(signed(LEAD), 0, learners(&[ALICE])));
			let before = Balances::free_balance(LEAD);
			assert_ok!(Courses::invite(signed(LEAD), 1, learners(&[ALICE, CO, BOB])));
			assert_eq!(Balances::free_balance(LEAD), before - NEW_ACCOUNT_FEE);
			System::assert_last_event(
				Event::LearnersInvited {
					course: 1,
					instructor: LEAD,
					learners: learners(&[ALICE, CO, BOB]),
					new_accounts: 1,
					fee: NEW_ACCOUNT_FEE,
				}
				.into(),
			);
		});
}

#[test]
fn an_instructor_who_cannot_pay_for_the_new_accounts_invites_nobody() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		// Keep just under what 3 new accounts cost, plus the existential deposit.
		let keep = 3 * NEW_ACCOUNT_FEE - 1 + <Balances as Inspect<u64>>::minimum_balance();
		let burn = Balances::free_balance(LEAD) - keep;
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::burn_from(
			&LEAD,
			burn,
			frame_support::traits::tokens::Preservation::Expendable,
			frame_support::traits::tokens::Precision::Exact,
			frame_support::traits::tokens::Fortitude::Polite,
		));
		let failed = Courses::invite(signed(LEAD), 0, learners(&[ALICE, BOB, CHARLIE]))
			.expect_err("3 new accounts cost more than LEAD can spend");
		assert_eq!(failed.error, Error::<Test>::CannotPayNewAccounts.into());
		assert_eq!(failed.post_info.actual_weight, Some(<() as WeightInfo>::invite(3)));
		assert_eq!(status(0, ALICE), None);
		assert!(!System::account_exists(&ALICE));
		assert_eq!(Balances::free_balance(LEAD), keep);
		// Two are affordable, keeping LEAD's own account alive.
		assert_ok!(Courses::invite(signed(LEAD), 0, learners(&[ALICE, BOB])));
	});
}

#[test]
fn invite_is_weighed_per_learner() {
	let call =
		crate::Call::<Test>::invite { course: 0, learners: learners(&[ALICE, BOB, CHARLIE]) };
	let info = frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call);
	assert_eq!(info.call_weight, <() as WeightInfo>::invite(3));
	assert!(<() as WeightInfo>::invite(3).ref_time() > <() as WeightInfo>::invite(2).ref_time());
}

#[test]
fn invited_but_not_accepted_is_not_enrolled() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_ok!(Courses::invite(signed(LEAD), 0, learners(&[ALICE])));
		assert!(!<Courses as CourseInspect<u64>>::is_enrolled(0, &ALICE));
	});
}

#[test]
fn invite_of_a_full_batch_in_one_call_is_accepted() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		let batch: Vec<u64> = (1_000..1_000 + MAX_BATCH as u64).collect();
		assert_ok!(Courses::invite(signed(LEAD), 0, learners(&batch)));
		assert!(batch
			.iter()
			.all(|learner| status(0, *learner) == Some(EnrollmentStatus::Invited)));
	});
}

#[test]
fn invite_of_nobody_is_rejected() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_noop!(invite(signed(LEAD), 0, learners(&[])), Error::<Test>::NoLearners);
	});
}

#[test]
fn invite_names_the_index_of_an_already_invited_or_enrolled_learner_and_invites_nobody() {
	ExtBuilder::default()
		.with_course(0, false)
		.with_enrollment(0, BOB, EnrollmentStatus::Invited)
		.with_enrollment(0, CHARLIE, EnrollmentStatus::Enrolled)
		.build_and_execute(|| {
			assert_noop!(
				invite(signed(LEAD), 0, learners(&[ALICE, BOB])),
				Error::<Test>::AlreadyInvited { index: 1 }
			);
			assert_noop!(
				invite(signed(LEAD), 0, learners(&[CHARLIE, ALICE])),
				Error::<Test>::AlreadyInvited { index: 0 }
			);
			assert_eq!(status(0, ALICE), None);
		});
}

#[test]
fn invite_names_the_index_of_a_learner_listed_twice() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		assert_noop!(
			invite(signed(LEAD), 0, learners(&[ALICE, BOB, ALICE])),
			Error::<Test>::DuplicateLearner { index: 2 }
		);
	});
}

#[test]
fn an_instructor_of_the_course_cannot_be_invited_as_a_learner() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		edit(0, |record| record.co_instructors = BoundedVec::truncate_from(vec![CO]));
		assert_noop!(
			invite(signed(LEAD), 0, learners(&[ALICE, CO])),
			Error::<Test>::InstructorCannotEnroll { index: 1 }
		);
		assert_noop!(
			invite(signed(CO), 0, learners(&[LEAD])),
			Error::<Test>::InstructorCannotEnroll { index: 0 }
		);
	});
}

#[test]
fn a_failed_batch_pays_for_the_learners_up_to_the_offender() {
	ExtBuilder::default()
		.with_course(0, false)
		.with_enrollment(0, CHARLIE, EnrollmentStatus::Invited)
		.build_and_execute(|| {
			let failed = Courses::invite(signed(LEAD), 0, learners(&[ALICE, BOB, CHARLIE, 7, 8]))
				.expect_err("CHARLIE is invited already");
			assert_eq!(failed.error, Error::<Test>::AlreadyInvited { index: 2 }.into());
			assert_eq!(failed.post_info.actual_weight, Some(<() as WeightInfo>::invite(3)));
		});
}

#[test]
fn the_resubmitted_batch_without_the_offender_is_accepted() {
	ExtBuilder::default()
		.with_course(0, false)
		.with_enrollment(0, BOB, EnrollmentStatus::Invited)
		.build_and_execute(|| {
			assert!(Courses::invite(signed(LEAD), 0, learners(&[ALICE, BOB, CHARLIE])).is_err());
			assert_ok!(Courses::invite(signed(LEAD), 0, learners(&[ALICE, CHARLIE])));
		});
}

#[test]
fn invite_by_a_co_instructor_is_accepted() {
	ExtBuilder::default().with_course(0, false).build_and_execute(|| {
		edit(0, |record| record.co_instructors = BoundedVec::truncate_from(vec![CO]));
		assert_ok!(Courses::invite(signed(CO), 0, learners(&[ALICE])));
	});
}

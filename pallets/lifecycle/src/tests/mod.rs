//! Tests of the lifecycle pallet, one file per step (and for what the steps share, corrections,
//! queries, the worked example and a randomized model). Each test runs in
//! `ExtBuilder::build_and_execute`, which checks every invariant afterwards; `ExtBuilder` seeds
//! courses, enrollments and records straight into storage, so that a test of a step does not
//! depend on the steps before it.

use crate::{
	award_weight, convey_weight,
	functions::short,
	mock::*,
	pallet::{Corrections, Error, Event, Records},
	types::*,
	weights::WeightInfo,
};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchResult, DispatchResultWithPostInfo},
	traits::fungible::Inspect,
	BoundedVec,
};
use pallet_tokens::{TokenId, TokenKind};
use sp_core::H256;
use sp_runtime::DispatchError;

mod acquire;
mod assess;
mod award;
mod closing;
mod convey;
mod corrections;
mod invariants;
mod model;
mod queries;
mod rate;
mod respond;
mod shared_checks;
mod worked_example;

/// The Help asset, as the tokens pallet mints it.
pub(crate) type Help = <Test as pallet_tokens::Config>::Help;

pub(crate) fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// A call's units.
pub(crate) fn units(list: &[UnitIndex]) -> UnitsOf<Test> {
	BoundedVec::truncate_from(list.to_vec())
}

/// `convey` by `who` of `list` units of assessment `assessment` of course 0, each learner with
/// its attendance per unit.
pub(crate) fn convey(
	who: u64,
	assessment: AssessmentIndex,
	list: &[UnitIndex],
	entries: &[(u64, &[u32])],
) -> DispatchResultWithPostInfo {
	let entries = entries
		.iter()
		.map(|(learner, attendance)| ConveyTo {
			learner: *learner,
			attendance: BoundedVec::truncate_from(attendance.to_vec()),
		})
		.collect();
	Lifecycle::convey(signed(who), 0, assessment, units(list), BoundedVec::truncate_from(entries))
}

pub(crate) fn acquire(who: u64, assessment: AssessmentIndex, list: &[UnitIndex]) -> DispatchResult {
	Lifecycle::acquire(signed(who), 0, assessment, units(list))
}

pub(crate) fn assess(
	who: u64,
	assessment: AssessmentIndex,
	list: &[UnitIndex],
	learners: &[u64],
) -> DispatchResultWithPostInfo {
	Lifecycle::assess(
		signed(who),
		0,
		assessment,
		units(list),
		BoundedVec::truncate_from(learners.to_vec()),
	)
}

/// The commitment `learner` gives for `assessment` in these tests.
pub(crate) fn commitment(learner: u64, assessment: AssessmentIndex) -> H256 {
	H256::from_low_u64_be(learner * 100 + u64::from(assessment))
}

pub(crate) fn respond(who: u64, assessment: AssessmentIndex, list: &[UnitIndex]) -> DispatchResult {
	Lifecycle::respond(signed(who), 0, assessment, units(list), commitment(who, assessment))
}

/// `award` by `who`, each learner with its (score, help) per unit.
pub(crate) fn award(
	who: u64,
	assessment: AssessmentIndex,
	list: &[UnitIndex],
	entries: &[(u64, &[(u32, u32)])],
) -> DispatchResultWithPostInfo {
	let entries = entries
		.iter()
		.map(|(learner, points)| AwardTo {
			learner: *learner,
			points: BoundedVec::truncate_from(
				points
					.iter()
					.map(|(score, help)| UnitAward { score: *score, help: *help })
					.collect(),
			),
		})
		.collect();
	Lifecycle::award(signed(who), 0, assessment, units(list), BoundedVec::truncate_from(entries))
}

pub(crate) fn rate(
	who: u64,
	assessment: AssessmentIndex,
	instructor: u64,
	points: u32,
) -> DispatchResult {
	Lifecycle::rate(signed(who), 0, assessment, instructor, points)
}

/// A batch call's result without its weight.
pub(crate) fn error_of(result: DispatchResultWithPostInfo) -> DispatchResult {
	result.map(|_| ()).map_err(|failed| failed.error)
}

/// The record of `learner` in `assessment` of course 0.
pub(crate) fn record(learner: u64, assessment: AssessmentIndex) -> Option<RecordOf<Test>> {
	Records::<Test>::get((0, learner, assessment))
}

/// The stage of `unit` of `learner` in `assessment` of course 0.
pub(crate) fn stage(learner: u64, assessment: AssessmentIndex, unit: UnitIndex) -> Option<Stage> {
	record(learner, assessment).and_then(|record| record.unit(unit).map(|step| step.stage()))
}

pub(crate) fn help_of(who: u64) -> u64 {
	Help::balance(&who)
}

/// The token `id`, as the queries show it.
pub(crate) fn token(id: TokenId) -> pallet_tokens::TokenView<u64, u64> {
	pallet_tokens::Pallet::<Test>::token(id).expect("the token exists")
}

pub(crate) fn run_to(block: u64) {
	System::set_block_number(block);
}

/// Every learner of course 0 enrolled, none with a record: the state of most tests.
pub(crate) fn class() -> ExtBuilder {
	ExtBuilder::default().with_course(0).with_learners(0, &[ALICE, BOB, CHARLIE])
}

/// Takes `learners` through `assessment`'s `list` units up to `until`, through the calls, with
/// each unit's full share of points.
pub(crate) fn advance(
	learners: &[u64],
	assessment: AssessmentIndex,
	list: &[UnitIndex],
	until: Stage,
) {
	let guide = worked_example_guide();
	let shares: Vec<_> = list
		.iter()
		.map(|unit| *guide[assessment as usize].share(*unit).expect("covered"))
		.collect();
	let attendance: Vec<u32> = shares.iter().map(|share| share.attendance).collect();
	let entries: Vec<(u64, &[u32])> =
		learners.iter().map(|learner| (*learner, &attendance[..])).collect();
	assert_ok!(convey(LEAD, assessment, list, &entries));
	if until >= Stage::Acquired {
		for learner in learners {
			assert_ok!(acquire(*learner, assessment, list));
		}
	}
	if until >= Stage::Assessed {
		assert_ok!(assess(LEAD, assessment, list, learners));
	}
	if until >= Stage::Responded {
		for learner in learners {
			assert_ok!(respond(*learner, assessment, list));
		}
	}
	if until >= Stage::Awarded {
		let points: Vec<(u32, u32)> =
			shares.iter().map(|share| (share.score, share.help)).collect();
		let entries: Vec<(u64, &[(u32, u32)])> =
			learners.iter().map(|learner| (*learner, &points[..])).collect();
		assert_ok!(award(LEAD, assessment, list, &entries));
	}
}

#[test]
fn integrity_test_accepts_the_mock_bounds() {
	ExtBuilder::default().build().execute_with(|| {
		<Lifecycle as frame_support::traits::Hooks<u64>>::integrity_test();
	});
}

#[test]
#[should_panic(expected = "MaxBatch must be at most 65 536")]
fn integrity_test_refuses_a_batch_bound_beyond_the_error_index() {
	LifecycleMaxBatch::set(65_537);
	ExtBuilder::default().build().execute_with(|| {
		<Lifecycle as frame_support::traits::Hooks<u64>>::integrity_test();
	});
}

#[test]
fn a_batch_is_weighed_per_learner_and_per_unit() {
	type W = <Test as crate::Config>::WeightInfo;
	// One learner with one unit is what the per-learner benchmark measured.
	assert_eq!(convey_weight::<Test>(1, 1), <W as WeightInfo>::convey_learners(1));
	// Each unit beyond the first adds what the per-unit benchmark says it adds, per learner.
	let extra =
		<W as WeightInfo>::convey_units(4).saturating_sub(<W as WeightInfo>::convey_units(1));
	assert_eq!(
		convey_weight::<Test>(500, 4),
		<W as WeightInfo>::convey_learners(500).saturating_add(extra.saturating_mul(500))
	);
	assert!(award_weight::<Test>(500, 4).ref_time() > award_weight::<Test>(500, 2).ref_time());
	assert!(award_weight::<Test>(500, 2).ref_time() > award_weight::<Test>(250, 2).ref_time());
	// The call's declared weight is the formula's.
	let call = crate::Call::<Test>::award {
		course: 0,
		assessment: 0,
		units: units(&[0, 1]),
		awards: BoundedVec::truncate_from(vec![
			AwardTo {
				learner: ALICE,
				points: BoundedVec::truncate_from(vec![UnitAward { score: 1, help: 1 }; 2])
			};
			3
		]),
	};
	let info = frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call);
	assert_eq!(info.call_weight, award_weight::<Test>(3, 2));
}

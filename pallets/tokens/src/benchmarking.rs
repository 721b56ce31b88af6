//! Benchmarks of the tokens pallet, each call in its worst case.
//!
//! `revoke`'s worst case: a Score token, revoked by its institution (which reads the course
//! and the registry), whose Help the holder still has, all of it, and nothing else, so that
//! burning it also ends the holder's Help account (and its sufficient reference in
//! `System::Account`); the longest reason. What the lifecycle pallet does when told
//! (`Config::OnRevoke`) is weighed by its own benchmark and added to the call's weight. The
//! runtime must have the Help asset (`Config::Help`) in its genesis, as it does.

// Benchmark set-up may panic: a failed set-up is a failed benchmark, not a runtime fault.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

use super::*;
use crate::pallet::Tokens;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Inspect, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use pallet_courses::CourseBenchmarking;
use sp_runtime::traits::Zero;

const SEED: u32 = 0;

/// The Help minted with the benchmarks' Score token.
const HELP: u32 = 10;

/// A Score token of a course of an accredited institution, and `HELP` Help minted to a holder
/// who had none: (its id, the institution, the holder).
fn score_token<T: Config>() -> Result<(TokenId, T::AccountId, T::AccountId), BenchmarkError> {
	let institution: T::AccountId = account("institution", 0, SEED);
	let instructor: T::AccountId = account("instructor", 0, SEED);
	let holder: T::AccountId = account("learner", 0, SEED);
	let course = T::BenchmarkHelper::create_course(&institution, &instructor, 1, 1, 1)?;
	let token = <Pallet<T> as TokenLedger<_, _>>::issue(vec![TokenData {
		kind: TokenKind::Score,
		learner: holder.clone(),
		instructor,
		points: 25,
		help: HELP,
		course,
		assessment: 0,
		unit: Some(0),
		guide_version: 1,
	}])?;
	<Pallet<T> as TokenLedger<_, _>>::mint_help(&holder, HELP)?;
	Ok((token, institution, holder))
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(<T as Config>::RuntimeEvent::from(event).into());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Revoked by its institution with a reason of `r` bytes; all of its Help is burned.
	#[benchmark]
	fn revoke(r: Linear<1, { T::MaxReasonLen::get() }>) -> Result<(), BenchmarkError> {
		let (token, institution, holder) = score_token::<T>()?;
		let reason = BoundedVec::truncate_from(vec![b'x'; r as usize]);

		#[extrinsic_call]
		_(RawOrigin::Signed(institution), token, reason);

		assert!(Tokens::<T>::get(token).is_some_and(|record| record.is_revoked()));
		assert!(T::Help::balance(&holder).is_zero());
		let reopened = Tokens::<T>::get(token)
			.and_then(|record| record.revocation)
			.is_some_and(|revocation| revocation.reopened);
		assert_last_event::<T>(Event::TokenRevoked {
			token,
			holder,
			by: Revoker::Institution,
			burned_help: HELP,
			unburned_help: 0,
			reopened,
		});
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

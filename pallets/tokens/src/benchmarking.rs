//! Benchmarks of the tokens pallet, each call in its worst case.
//!
//! `revoke`'s worst case: a Score token with the longest skill identifier whose Help the holder
//! still has, all of it, and nothing else, so that burning it also ends the holder's Help
//! account (and its sufficient reference in `System::Account`); the longest reason. The runtime
//! must have the Help asset (`Config::Help`) in its genesis, as it does.

use super::*;
use crate::pallet::Tokens;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Inspect, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use pallet_registry::TrustRegistry;
use sp_runtime::traits::Zero;

const SEED: u32 = 0;

/// The Help minted with the benchmarks' Score token.
const HELP: u32 = 10;

/// A Score token of an accredited institution, with the longest skill identifier, and `HELP`
/// Help minted to a holder who had none: (its id, the institution, the holder).
fn score_token<T: Config>() -> Result<(TokenId, T::AccountId, T::AccountId), BenchmarkError> {
	let institution: T::AccountId = account("institution", 0, SEED);
	let instructor: T::AccountId = account("instructor", 0, SEED);
	let holder: T::AccountId = account("learner", 0, SEED);
	T::Registry::register_for_benchmarks(&institution, &instructor)?;
	let cip_code =
		CipCode::parse(b"11.0701").ok_or(BenchmarkError::Stop("the CIP code is well formed"))?;
	let skill = BoundedVec::try_from(vec![b'x'; T::MaxSkillIdLen::get() as usize])
		.map_err(|_| BenchmarkError::Stop("the skill identifier fits MaxSkillIdLen"))?;
	let token = <Pallet<T> as TokenIssuer<T::AccountId>>::issue(NewToken {
		holder: holder.clone(),
		kind: TokenKind::Score,
		points: 25,
		help: HELP,
		course: 0,
		assessment: 0,
		unit: 0,
		cip_code,
		skill,
		institution: institution.clone(),
		instructor,
		guide_version: 1,
	})?;
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
		let reason = vec![b'x'; r as usize];

		#[extrinsic_call]
		_(RawOrigin::Signed(institution), token, reason);

		assert!(Tokens::<T>::get(token).is_some_and(|record| record.is_revoked()));
		assert!(T::Help::balance(&holder).is_zero());
		assert_last_event::<T>(Event::TokenRevoked {
			token,
			by: Revoker::Institution,
			burned_help: HELP,
		});
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

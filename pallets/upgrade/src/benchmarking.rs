//! Benchmarks of the upgrade calls through this pallet, to compare with `frame_system`'s own
//! (whose weights `weights.rs` uses). `set_code` re-installs the runtime being benchmarked: the
//! benchmark state holds it under `:code`, and `frame_system` built with `runtime-benchmarks`
//! skips the version comparison (it still reads the version from the code).

// Benchmark set-up may panic: a failed set-up is a failed benchmark, not a runtime fault.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{storage::unhashed, traits::EnsureOrigin};
use sp_core::storage::well_known_keys;
use sp_runtime::traits::Hash;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_code() -> Result<(), BenchmarkError> {
		let code = unhashed::get_raw(well_known_keys::CODE)
			.ok_or(BenchmarkError::Stop("no runtime code in the benchmark state"))?;
		let hash = T::Hashing::hash(&code);
		let origin =
			T::UpgradeOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, code);

		frame_system::Pallet::<T>::assert_last_event(
			frame_system::Event::<T>::CodeUpdated { hash }.into(),
		);
		Ok(())
	}

	#[benchmark]
	fn authorize_upgrade() -> Result<(), BenchmarkError> {
		let code_hash = T::Hashing::hash(b"the next runtime");
		let origin =
			T::UpgradeOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, code_hash);

		let authorized = frame_system::Pallet::<T>::authorized_upgrade()
			.ok_or(BenchmarkError::Stop("nothing authorized"))?;
		assert_eq!(authorized.code_hash(), &code_hash);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

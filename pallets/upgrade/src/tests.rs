//! Tests of the upgrade pallet: who may call, what `frame_system` records, and that a rejected
//! upgrade changes nothing.

use crate::{mock::*, Call, WeightInfo};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchClass, GetDispatchInfo},
	traits::Get,
};
use frame_system::{limits::BlockWeights, RawOrigin};
use sp_core::{storage::well_known_keys, H256};
use sp_runtime::{
	generic::DigestItem,
	traits::{BlakeTwo256, Hash},
	DispatchError,
};

type SystemError = frame_system::Error<Test>;

fn council() -> RuntimeOrigin {
	RuntimeOrigin::signed(COUNCIL)
}

/// Every origin but the Council's.
fn other_origins() -> [RuntimeOrigin; 3] {
	[RuntimeOrigin::signed(ALICE), RawOrigin::Root.into(), RawOrigin::None.into()]
}

/// The runtime under `:code`.
fn current_code() -> Option<Vec<u8>> {
	sp_io::storage::get(well_known_keys::CODE).map(|code| code.to_vec())
}

/// The hash of the authorized upgrade, if any (`frame_system::AuthorizedUpgrade`, private to
/// `frame_system`, read through its getter).
fn authorized_hash() -> Option<H256> {
	System::authorized_upgrade().map(|authorization| *authorization.code_hash())
}

/// How many `RuntimeEnvironmentUpdated` digest items this block has.
fn runtime_updates() -> usize {
	System::digest()
		.logs
		.iter()
		.filter(|item| **item == DigestItem::RuntimeEnvironmentUpdated)
		.count()
}

mod set_code {
	use super::*;

	#[test]
	fn set_code_replaces_the_runtime_and_frame_system_reports_it() {
		new_test_ext().execute_with(|| {
			let code = runtime(SPEC_NAME, 2);
			let post_info = Upgrade::set_code(council(), code.clone()).expect("upgrade applies");

			assert_eq!(current_code(), Some(code.clone()));
			System::assert_last_event(
				frame_system::Event::CodeUpdated { hash: BlakeTwo256::hash(&code) }.into(),
			);
			assert_eq!(runtime_updates(), 1);
			// frame_system's post-info: the rest of the block is consumed.
			let max_block =
				<<Test as frame_system::Config>::BlockWeights as Get<BlockWeights>>::get()
					.max_block;
			assert_eq!(post_info.actual_weight, Some(max_block));
		});
	}

	#[test]
	fn set_code_from_another_origin_is_rejected() {
		new_test_ext().execute_with(|| {
			for origin in other_origins() {
				assert_noop!(
					Upgrade::set_code(origin, runtime(SPEC_NAME, 2)),
					DispatchError::BadOrigin
				);
			}
			assert_eq!(current_code(), Some(runtime(SPEC_NAME, 1)));
		});
	}

	#[test]
	fn set_code_with_garbage_is_rejected_by_frame_system() {
		new_test_ext().execute_with(|| {
			assert_noop!(
				Upgrade::set_code(council(), b"definitely not wasm".to_vec()),
				SystemError::FailedToExtractRuntimeVersion
			);
			assert_noop!(
				Upgrade::set_code(council(), Vec::new()),
				SystemError::FailedToExtractRuntimeVersion
			);
			assert_eq!(runtime_updates(), 0);
		});
	}

	// With `runtime-benchmarks`, frame_system skips the version comparison (it still reads the
	// version), so these two hold only without it.
	#[cfg(not(feature = "runtime-benchmarks"))]
	#[test]
	fn set_code_without_a_higher_spec_version_is_rejected_by_frame_system() {
		new_test_ext().execute_with(|| {
			assert_noop!(
				Upgrade::set_code(council(), runtime(SPEC_NAME, 1)),
				SystemError::SpecVersionNeedsToIncrease
			);
			assert_noop!(
				Upgrade::set_code(council(), runtime(SPEC_NAME, 0)),
				SystemError::SpecVersionNeedsToIncrease
			);
		});
	}

	#[cfg(not(feature = "runtime-benchmarks"))]
	#[test]
	fn set_code_of_another_chain_is_rejected_by_frame_system() {
		new_test_ext().execute_with(|| {
			assert_noop!(
				Upgrade::set_code(council(), runtime("another-chain", 2)),
				SystemError::InvalidSpecName
			);
		});
	}
}

mod authorize_upgrade {
	use super::*;

	#[test]
	fn authorize_upgrade_records_the_hash_and_frame_system_reports_it() {
		new_test_ext().execute_with(|| {
			let code_hash = BlakeTwo256::hash(&runtime(SPEC_NAME, 2));
			assert_ok!(Upgrade::authorize_upgrade(council(), code_hash));

			assert_eq!(authorized_hash(), Some(code_hash));
			System::assert_last_event(
				frame_system::Event::UpgradeAuthorized { code_hash, check_version: true }.into(),
			);
			// Nothing is applied yet.
			assert_eq!(current_code(), Some(runtime(SPEC_NAME, 1)));
		});
	}

	#[test]
	fn authorize_upgrade_from_another_origin_is_rejected() {
		new_test_ext().execute_with(|| {
			let code_hash = BlakeTwo256::hash(&runtime(SPEC_NAME, 2));
			for origin in other_origins() {
				assert_noop!(
					Upgrade::authorize_upgrade(origin, code_hash),
					DispatchError::BadOrigin
				);
			}
			assert_eq!(authorized_hash(), None);
		});
	}

	#[test]
	fn a_new_authorization_replaces_the_previous_one() {
		new_test_ext().execute_with(|| {
			let first = BlakeTwo256::hash(&runtime(SPEC_NAME, 2));
			let second = BlakeTwo256::hash(&runtime(SPEC_NAME, 3));
			assert_ok!(Upgrade::authorize_upgrade(council(), first));
			assert_ok!(Upgrade::authorize_upgrade(council(), second));
			assert_eq!(authorized_hash(), Some(second));
		});
	}

	#[test]
	fn anyone_can_then_apply_the_authorized_code() {
		new_test_ext().execute_with(|| {
			let code = runtime(SPEC_NAME, 2);
			let code_hash = BlakeTwo256::hash(&code);
			assert_ok!(Upgrade::authorize_upgrade(council(), code_hash));

			assert_ok!(System::apply_authorized_upgrade(
				RuntimeOrigin::signed(ALICE),
				code.clone()
			));
			assert_eq!(current_code(), Some(code));
			assert_eq!(authorized_hash(), None);
			System::assert_last_event(frame_system::Event::CodeUpdated { hash: code_hash }.into());
		});
	}

	#[test]
	fn code_other_than_the_authorized_one_is_rejected_by_frame_system() {
		new_test_ext().execute_with(|| {
			let authorized = runtime(SPEC_NAME, 2);
			assert_ok!(Upgrade::authorize_upgrade(council(), BlakeTwo256::hash(&authorized)));
			assert_noop!(
				System::apply_authorized_upgrade(
					RuntimeOrigin::signed(ALICE),
					runtime(SPEC_NAME, 3)
				),
				SystemError::Unauthorized
			);
		});
	}
}

#[test]
fn calls_are_operational_and_weighed_by_frame_systems_weights() {
	let set_code = Call::<Test>::set_code { code: vec![0; 16] }.get_dispatch_info();
	assert_eq!(set_code.call_weight, <() as WeightInfo>::set_code());
	assert_eq!(set_code.call_weight, <() as frame_system::WeightInfo>::set_code());
	assert_eq!(set_code.class, DispatchClass::Operational);

	let authorize =
		Call::<Test>::authorize_upgrade { code_hash: H256::repeat_byte(1) }.get_dispatch_info();
	assert_eq!(authorize.call_weight, <() as WeightInfo>::authorize_upgrade());
	assert_eq!(authorize.call_weight, <() as frame_system::WeightInfo>::authorize_upgrade());
	assert_eq!(authorize.class, DispatchClass::Operational);
}

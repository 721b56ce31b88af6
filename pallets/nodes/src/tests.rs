//! Tests of the nodes pallet: genesis, each call and each of its errors, the peer id check.

use crate::{is_peer_id, mock::*, Error, Event, PeerId, WeightInfo};
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use frame_system::RawOrigin;
use sp_runtime::DispatchError;

fn peer(text: &[u8]) -> PeerId {
	text.to_vec().try_into().expect("short enough")
}

fn nodes() -> Vec<Vec<u8>> {
	crate::Pallet::<Test>::authorized_nodes()
}

fn authorize(text: &[u8]) -> Result<(), DispatchError> {
	Nodes::authorize_node(RuntimeOrigin::signed(AUTHORIZER), peer(text))
}

fn remove(text: &[u8]) -> Result<(), DispatchError> {
	Nodes::remove_node(RuntimeOrigin::signed(REMOVER), peer(text))
}

#[test]
fn real_peer_ids_are_accepted_and_anything_else_refused() {
	for good in [ALICE_NODE, BOB_NODE, CHARLIE_NODE, RSA_NODE] {
		assert!(is_peer_id(good), "{}", String::from_utf8_lossy(good));
	}
	let mut typo = ALICE_NODE.to_vec();
	typo.pop();
	let mut longer = ALICE_NODE.to_vec();
	longer.push(b'z');
	for bad in [
		&b""[..],
		&typo,
		&longer,
		b"12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDE0", // 0 is not base58
		b"/ip4/127.0.0.1/tcp/30333",
		b"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", // an account, not a peer id
		&[b'z'; 65],
	] {
		assert!(!is_peer_id(bad), "{}", String::from_utf8_lossy(bad));
	}
}

#[test]
fn genesis_stores_the_nodes_sorted() {
	build_and_execute(|| {
		let mut expected = vec![ALICE_NODE.to_vec(), BOB_NODE.to_vec()];
		expected.sort();
		assert_eq!(nodes(), expected);
	});
}

#[test]
fn an_empty_genesis_is_an_open_network() {
	new_test_ext_with(&[]).execute_with(|| assert!(nodes().is_empty()));
}

#[test]
#[should_panic(expected = "nodes holds an invalid peer id")]
fn genesis_with_an_invalid_peer_id_is_refused() {
	new_test_ext_with(&[ALICE_NODE, b"not a peer id"]);
}

#[test]
#[should_panic(expected = "nodes has duplicates")]
fn genesis_with_a_duplicate_is_refused() {
	new_test_ext_with(&[ALICE_NODE, ALICE_NODE]);
}

#[test]
#[should_panic(expected = "nodes has more than MaxNodes peer ids")]
fn genesis_above_the_maximum_is_refused() {
	new_test_ext_with(&[ALICE_NODE, BOB_NODE, CHARLIE_NODE, RSA_NODE]);
}

#[test]
fn authorize_node_adds_it_sorted_and_emits_an_event() {
	build_and_execute(|| {
		assert_ok!(authorize(CHARLIE_NODE));
		assert!(nodes().contains(&CHARLIE_NODE.to_vec()));
		let list = nodes();
		assert_eq!(list.len(), 3);
		assert!(list.windows(2).all(|pair| pair[0] < pair[1]));
		System::assert_last_event(Event::NodeAuthorized { peer_id: peer(CHARLIE_NODE) }.into());
	});
}

#[test]
fn authorize_node_errors_change_nothing() {
	build_and_execute(|| {
		let before = nodes();
		assert_noop!(
			Nodes::authorize_node(RuntimeOrigin::signed(REMOVER), peer(CHARLIE_NODE)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Nodes::authorize_node(RawOrigin::Root.into(), peer(CHARLIE_NODE)),
			DispatchError::BadOrigin
		);
		assert_noop!(authorize(b"12D3KooWtypo"), Error::<Test>::InvalidPeerId);
		assert_noop!(authorize(ALICE_NODE), Error::<Test>::AlreadyAuthorized);
		assert_ok!(authorize(CHARLIE_NODE));
		assert_noop!(authorize(RSA_NODE), Error::<Test>::TooManyNodes);
		assert_eq!(nodes().len(), before.len() + 1);
	});
}

#[test]
fn remove_node_removes_it_and_emits_an_event() {
	build_and_execute(|| {
		assert_ok!(remove(BOB_NODE));
		assert_eq!(nodes(), vec![ALICE_NODE.to_vec()]);
		System::assert_last_event(Event::NodeRemoved { peer_id: peer(BOB_NODE) }.into());
	});
}

#[test]
fn remove_node_errors_change_nothing() {
	build_and_execute(|| {
		assert_noop!(
			Nodes::remove_node(RuntimeOrigin::signed(AUTHORIZER), peer(BOB_NODE)),
			DispatchError::BadOrigin
		);
		assert_noop!(remove(CHARLIE_NODE), Error::<Test>::UnknownNode);
		assert_ok!(remove(BOB_NODE));
		// The last node stays: an empty list would open the network.
		assert_noop!(remove(ALICE_NODE), Error::<Test>::LastNode);
		assert_eq!(nodes(), vec![ALICE_NODE.to_vec()]);
	});
}

#[test]
fn calls_are_weighed_by_their_weight_functions() {
	let info =
		crate::Call::<Test>::authorize_node { peer_id: peer(ALICE_NODE) }.get_dispatch_info();
	assert_eq!(info.call_weight, <() as WeightInfo>::authorize_node());
	let info = crate::Call::<Test>::remove_node { peer_id: peer(ALICE_NODE) }.get_dispatch_info();
	assert_eq!(info.call_weight, <() as WeightInfo>::remove_node());
}

/// The migration to storage version 1 (the `next-release` build): run it with
/// `cargo test -p pallet-nodes --features next-release,try-runtime`.
#[cfg(feature = "next-release")]
mod migration_to_v1 {
	use super::*;
	use crate::{
		migrations::v1::{AuthorizedNodes, MigrateToV1},
		Nodes as Entries, Pallet,
	};
	use frame_support::{
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
		weights::RuntimeDbWeight,
		BoundedVec,
	};

	/// A chain as version 0 left it: the sorted list in one value, storage version 0.
	fn version_0_with(list: &[&[u8]]) -> sp_io::TestExternalities {
		let mut ext = new_test_ext_with(&[]);
		ext.execute_with(|| {
			let mut sorted: Vec<PeerId> = list.iter().map(|text| peer(text)).collect();
			sorted.sort();
			AuthorizedNodes::<Test>::put(BoundedVec::try_from(sorted).expect("few nodes"));
			StorageVersion::new(0).put::<Pallet<Test>>();
		});
		ext
	}

	#[test]
	fn moves_every_node_to_its_entry_and_keeps_the_sorted_list() {
		version_0_with(&[CHARLIE_NODE, ALICE_NODE, BOB_NODE]).execute_with(|| {
			let mut expected = vec![ALICE_NODE.to_vec(), BOB_NODE.to_vec(), CHARLIE_NODE.to_vec()];
			expected.sort();
			#[cfg(feature = "try-runtime")]
			let state = <MigrateToV1<Test> as OnRuntimeUpgrade>::pre_upgrade().expect("pre");
			let weight = MigrateToV1::<Test>::on_runtime_upgrade();
			#[cfg(feature = "try-runtime")]
			<MigrateToV1<Test> as OnRuntimeUpgrade>::post_upgrade(state).expect("post");

			assert_eq!(nodes(), expected);
			assert_eq!(Entries::<Test>::count(), 3);
			assert!(!AuthorizedNodes::<Test>::exists(), "the old value is removed");
			assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
			// Reads: the version, the list, and per node its entry and the counter; writes: the
			// version, the list's removal, and per node its entry and the counter.
			let db: RuntimeDbWeight = <Test as frame_system::Config>::DbWeight::get();
			assert_eq!(weight, db.reads_writes(1 + 1 + 2 * 3, 1 + 1 + 2 * 3));
			Nodes::do_try_state().expect("the invariants of version 1 hold");
			// The calls work on the new layout.
			assert_noop!(authorize(ALICE_NODE), Error::<Test>::AlreadyAuthorized);
			assert_noop!(authorize(RSA_NODE), Error::<Test>::TooManyNodes);
			assert_ok!(remove(BOB_NODE));
			assert_noop!(remove(BOB_NODE), Error::<Test>::UnknownNode);
			assert_ok!(authorize(RSA_NODE));
			assert_eq!(Entries::<Test>::count(), 3);
		});
	}

	#[test]
	fn runs_only_once() {
		version_0_with(&[ALICE_NODE]).execute_with(|| {
			MigrateToV1::<Test>::on_runtime_upgrade();
			// A list written again under the old key is not migrated a second time.
			AuthorizedNodes::<Test>::put(BoundedVec::try_from(vec![peer(BOB_NODE)]).expect("one"));
			let weight = MigrateToV1::<Test>::on_runtime_upgrade();
			assert_eq!(nodes(), vec![ALICE_NODE.to_vec()]);
			assert_eq!(weight, <Test as frame_system::Config>::DbWeight::get().reads(1));
			AuthorizedNodes::<Test>::kill();
			Nodes::do_try_state().expect("the invariants of version 1 hold");
		});
	}

	#[test]
	fn an_open_network_stays_open() {
		version_0_with(&[]).execute_with(|| {
			MigrateToV1::<Test>::on_runtime_upgrade();
			assert!(nodes().is_empty());
			assert_eq!(Entries::<Test>::count(), 0);
			assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
			Nodes::do_try_state().expect("the invariants of version 1 hold");
		});
	}

	#[test]
	fn a_list_that_does_not_decode_is_kept_and_refused_by_pre_upgrade() {
		version_0_with(&[]).execute_with(|| {
			// Three peer ids announced, one byte given.
			let key = AuthorizedNodes::<Test>::hashed_key();
			frame_support::storage::unhashed::put_raw(&key, &[0x0c, 0x01]);
			#[cfg(feature = "try-runtime")]
			assert_eq!(
				<MigrateToV1<Test> as OnRuntimeUpgrade>::pre_upgrade(),
				Err("the list of version 0 does not decode".into())
			);
			MigrateToV1::<Test>::on_runtime_upgrade();
			assert_eq!(frame_support::storage::unhashed::get_raw(&key), Some(vec![0x0c, 0x01]));
			// Nothing to move: no entries, so an open network (see the migration's docs).
			assert_eq!(Entries::<Test>::count(), 0);
			assert!(nodes().is_empty());
			assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
		});
	}

	#[test]
	fn the_calls_keep_their_order_of_errors_on_the_new_layout() {
		version_0_with(&[ALICE_NODE]).execute_with(|| {
			MigrateToV1::<Test>::on_runtime_upgrade();
			// An unknown node is unknown even when one node is left.
			assert_noop!(remove(BOB_NODE), Error::<Test>::UnknownNode);
			assert_noop!(remove(ALICE_NODE), Error::<Test>::LastNode);
			assert_noop!(authorize(b"12D3KooWtypo"), Error::<Test>::InvalidPeerId);
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn post_upgrade_refuses_an_old_list_left_behind() {
		version_0_with(&[ALICE_NODE]).execute_with(|| {
			let state = <MigrateToV1<Test> as OnRuntimeUpgrade>::pre_upgrade().expect("pre");
			MigrateToV1::<Test>::on_runtime_upgrade();
			AuthorizedNodes::<Test>::put(
				BoundedVec::try_from(vec![peer(ALICE_NODE)]).expect("one"),
			);
			assert_eq!(
				<MigrateToV1<Test> as OnRuntimeUpgrade>::post_upgrade(state),
				Err("the list of version 0 is still stored".into())
			);
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn post_upgrade_refuses_other_nodes_of_the_same_number() {
		version_0_with(&[ALICE_NODE, BOB_NODE]).execute_with(|| {
			let state = <MigrateToV1<Test> as OnRuntimeUpgrade>::pre_upgrade().expect("pre");
			MigrateToV1::<Test>::on_runtime_upgrade();
			Entries::<Test>::remove(peer(BOB_NODE));
			Entries::<Test>::insert(peer(CHARLIE_NODE), ());
			assert_eq!(
				<MigrateToV1<Test> as OnRuntimeUpgrade>::post_upgrade(state),
				Err("the authorized nodes differ after the migration".into())
			);
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn pre_upgrade_refuses_entries_even_uncounted() {
		version_0_with(&[ALICE_NODE]).execute_with(|| {
			// An entry written without its counter.
			let key = Entries::<Test>::hashed_key_for(peer(BOB_NODE));
			frame_support::storage::unhashed::put_raw(&key, &[]);
			assert_eq!(Entries::<Test>::count(), 0);
			assert_eq!(
				<MigrateToV1<Test> as OnRuntimeUpgrade>::pre_upgrade(),
				Err("entries of version 1 before the migration that creates them".into())
			);
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn pre_upgrade_refuses_a_chain_that_has_entries_already() {
		version_0_with(&[ALICE_NODE]).execute_with(|| {
			Entries::<Test>::insert(peer(BOB_NODE), ());
			assert_eq!(
				<MigrateToV1<Test> as OnRuntimeUpgrade>::pre_upgrade(),
				Err("entries of version 1 before the migration that creates them".into())
			);
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn post_upgrade_refuses_a_lost_node() {
		version_0_with(&[ALICE_NODE, BOB_NODE]).execute_with(|| {
			let state = <MigrateToV1<Test> as OnRuntimeUpgrade>::pre_upgrade().expect("pre");
			MigrateToV1::<Test>::on_runtime_upgrade();
			Entries::<Test>::remove(peer(BOB_NODE));
			assert_eq!(
				<MigrateToV1<Test> as OnRuntimeUpgrade>::post_upgrade(state),
				Err("not every node of the list got an entry".into())
			);
		});
	}
}

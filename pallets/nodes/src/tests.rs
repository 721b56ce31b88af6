//! Tests of the nodes pallet: genesis, each call and each of its errors, the peer id check.

use crate::{is_peer_id, mock::*, AuthorizedNodes, Error, Event, PeerId, WeightInfo};
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
		let list = AuthorizedNodes::<Test>::get();
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

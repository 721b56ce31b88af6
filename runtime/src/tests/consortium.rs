//! A consortium's own genesis (`genesis_config_presets::consortium`, which the node's
//! `new-network` writes into a chain spec): what it holds, and every choice it refuses.

use super::patch_storage;
use crate::{
	genesis_config_presets::{consortium, Founding, Validator, MIN_COUNCIL_ENDOWMENT},
	opaque::SessionKeys,
	AccountId, Balances, Runtime, UNIT,
};
use sp_core::{ed25519, sr25519, Pair};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// The peer ids of the founders' nodes.
const ADA_NODE: &[u8] = b"12D3KooWKKkbDE3mhKGt6uHiRhigHzxXqeUghx2evrTyMGMrM3Xx";
const BERN_NODE: &[u8] = b"12D3KooWPYHzs3jCw58dn3vpWWRNdDiw2VYjXzDuCMeftydWDGGv";

/// A founder made from `seed`: its account, and a validator with its own Aura and GRANDPA keys.
fn founder(seed: &str) -> (AccountId, Validator) {
	let account: AccountId = sr25519::Pair::from_string(&format!("//{seed}"), None)
		.expect("seed")
		.public()
		.into();
	let aura = sr25519::Pair::from_string(&format!("//{seed}//aura"), None)
		.expect("seed")
		.public();
	let grandpa = ed25519::Pair::from_string(&format!("//{seed}//grandpa"), None)
		.expect("seed")
		.public();
	let keys = SessionKeys { aura: aura.into(), grandpa: grandpa.into() };
	(account.clone(), Validator { account, keys })
}

/// Two founders, each a validator and a Council member with 1,000 LT.
fn founding() -> Founding {
	let (ada, ada_validator) = founder("Ada University");
	let (bern, bern_validator) = founder("Bern Institute");
	Founding {
		validators: vec![ada_validator, bern_validator],
		council: vec![ada.clone(), bern.clone()],
		endowed: vec![(ada, 1_000 * UNIT), (bern, 1_000 * UNIT)],
		session_length: 600,
		nodes: vec![ADA_NODE.to_vec(), BERN_NODE.to_vec()],
	}
}

fn refused(founding: Founding) -> String {
	consortium(founding).expect_err("refused")
}

#[test]
fn the_genesis_holds_the_founders_and_nothing_else() {
	let founding = founding();
	let mut council = founding.council.clone();
	council.sort();
	let patch = serde_json::to_vec(&consortium(founding).expect("valid")).expect("serializes");
	patch_storage(&patch).execute_with(|| {
		let members =
			pallet_membership::Members::<Runtime, pallet_membership::Instance1>::get().into_inner();
		assert_eq!(members, council);
		let validators = pallet_validator_set::Validators::<Runtime>::get().into_inner();
		assert_eq!(validators, council);
		assert_eq!(pallet_session::Validators::<Runtime>::get().len(), 2);
		assert_eq!(pallet_validator_set::SessionLength::<Runtime>::get(), 600);
		assert_eq!(pallet_balances::TotalIssuance::<Runtime>::get(), 2_000 * UNIT);
		let mut nodes = vec![ADA_NODE.to_vec(), BERN_NODE.to_vec()];
		nodes.sort();
		assert_eq!(pallet_nodes::Pallet::<Runtime>::authorized_nodes(), nodes);
		for dev in Sr25519Keyring::iter() {
			assert_eq!(Balances::free_balance(dev.to_account_id()), 0);
		}
	});
}

#[test]
fn a_development_account_or_key_is_refused_wherever_it_is() {
	let alice = Sr25519Keyring::Alice.to_account_id();
	let mut f = founding();
	f.council.push(alice.clone());
	f.endowed.push((alice.clone(), 1_000 * UNIT));
	assert!(refused(f).contains("is a public development account"));

	let mut f = founding();
	f.endowed.push((Sr25519Keyring::Bob.to_account_id(), UNIT));
	assert!(refused(f).starts_with("endowed account"));

	let mut f = founding();
	f.endowed.push((Ed25519Keyring::Charlie.to_account_id(), UNIT));
	assert!(refused(f).contains("is a public development account"));

	let mut f = founding();
	f.validators[0].account = Sr25519Keyring::Dave.to_account_id();
	assert!(refused(f).starts_with("validator"));

	let mut f = founding();
	f.validators[0].keys.aura = Sr25519Keyring::Alice.public().into();
	assert!(refused(f).contains("Aura key is a public development key"));

	let mut f = founding();
	f.validators[1].keys.grandpa = Ed25519Keyring::Alice.public().into();
	assert!(refused(f).contains("GRANDPA key is a public development key"));
}

#[test]
fn duplicates_are_refused() {
	let mut f = founding();
	let first = f.council[0].clone();
	f.council.push(first);
	assert!(refused(f).contains("is given twice"));

	let mut f = founding();
	// Ada's account again, with other keys.
	let (_, mut again) = founder("Ada University");
	again.keys = founder("Someone Else").1.keys;
	f.validators.push(again);
	assert!(refused(f).contains("is given twice"));

	let mut f = founding();
	f.validators[1].keys.grandpa = f.validators[0].keys.grandpa.clone();
	assert!(refused(f).contains("shares a session key"));

	let mut f = founding();
	let twice = f.endowed[0].clone();
	f.endowed.push(twice);
	assert!(refused(f).contains("is endowed twice"));
}

#[test]
fn a_council_member_without_enough_funds_is_refused() {
	let mut f = founding();
	f.endowed[1].1 = MIN_COUNCIL_ENDOWMENT - 1;
	assert!(refused(f).contains("is endowed with 29 LT: at least 30 LT"));

	let mut f = founding();
	f.endowed.remove(0);
	assert!(refused(f).contains("is endowed with 0 LT"));

	let mut f = founding();
	f.endowed[1].1 = MIN_COUNCIL_ENDOWMENT;
	assert!(consortium(f).is_ok());
}

#[test]
fn empty_and_oversized_choices_are_refused() {
	let mut f = founding();
	f.validators.clear();
	assert!(refused(f).starts_with("no validator"));

	let mut f = founding();
	f.council.clear();
	assert!(refused(f).starts_with("no Council member"));

	let mut f = founding();
	f.validators = (0..33).map(|i| founder(&format!("validator {i}")).1).collect();
	assert!(refused(f).starts_with("33 validators: at most 32"));

	let mut f = founding();
	f.session_length = 0;
	assert!(refused(f).contains("a session of 0 blocks"));

	let mut f = founding();
	f.session_length = crate::DAYS + 1;
	assert!(refused(f).contains("between 1 and"));

	let mut f = founding();
	let (extra, _) = founder("Small Endowment");
	f.endowed.push((extra, 1));
	assert!(refused(f).contains("below the existential deposit"));
}

#[test]
fn the_founders_nodes_are_required_and_checked() {
	let mut f = founding();
	f.nodes.clear();
	assert!(refused(f).starts_with("no node"));

	let mut f = founding();
	f.nodes.push(b"/ip4/10.0.0.1/tcp/30333".to_vec());
	assert!(refused(f).contains("is not a peer id"));

	let mut f = founding();
	f.nodes.push(ADA_NODE.to_vec());
	assert!(refused(f).contains("is given twice"));
}

#[test]
fn the_development_phrase_and_public_node_keys_are_refused_too() {
	// The development phrase's own sr25519 key (5DfhGyQd…), as an account and as an Aura key.
	let root = sp_core::sr25519::Pair::from_string(sp_core::crypto::DEV_PHRASE, None)
		.expect("phrase")
		.public();
	let mut f = founding();
	f.council.push(root.into());
	f.endowed.push((root.into(), 1_000 * UNIT));
	assert!(refused(f).contains("is a public development account"));

	let mut f = founding();
	f.validators[0].keys.aura = root.into();
	assert!(refused(f).contains("Aura key is a public development key"));

	let root_ed = sp_core::ed25519::Pair::from_string(sp_core::crypto::DEV_PHRASE, None)
		.expect("phrase")
		.public();
	let mut f = founding();
	f.validators[0].keys.grandpa = root_ed.into();
	assert!(refused(f).contains("GRANDPA key is a public development key"));

	// The node key 0x00…01 of every example.
	let mut f = founding();
	f.nodes.push(b"12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp".to_vec());
	assert!(refused(f).contains("is a public development node key's"));
}

#[test]
fn endowments_that_overflow_a_balance_are_refused() {
	let mut f = founding();
	let (big, _) = founder("Big Endowment");
	f.endowed.push((big, u128::MAX));
	assert!(refused(f).contains("add up to more than a balance can hold"));
}

//! Runtime-level tests: the genesis presets build, and a signed transaction goes through the
//! whole `Executive` path (signature, nonce, fee, dispatch) as it does in a block.

use crate::{
	genesis_config_presets::{self, ENDOWMENT},
	Address, Balance, Balances, Executive, Header, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeGenesisConfig, SignedPayload, System, TxExtension, UncheckedExtrinsic, SLOT_DURATION,
	UNIT,
};
use codec::{Decode, Encode};
use frame_support::genesis_builder_helper::build_state;
use serde_json::Value;
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::{sr25519, Pair};
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{Digest, DigestItem, Era},
	traits::{Header as _, IdentifyAccount, Verify},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	BuildStorage, MultiSignature, MultiSigner,
};

/// Applies a JSON patch the way the node's chain-spec builder does: objects merge key by key,
/// anything else replaces.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// Genesis storage of the named preset, built through the same runtime API the node calls.
pub(crate) fn preset_storage(name: &str) -> sp_io::TestExternalities {
	let patch =
		genesis_config_presets::get_preset(&PresetId::from(name)).expect("the preset exists");
	patch_storage(&patch)
}

/// Genesis storage of the default config with a JSON patch applied, as the node builds it.
pub(crate) fn patch_storage(patch: &[u8]) -> sp_io::TestExternalities {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serializes");
	merge(&mut config, serde_json::from_slice(patch).expect("the preset is JSON"));
	let json = serde_json::to_vec(&config).expect("serializes");

	let mut ext = sp_io::TestExternalities::new(Default::default());
	ext.execute_with(|| build_state::<RuntimeGenesisConfig>(json).expect("the preset builds"));
	ext
}

#[test]
fn runtime_lists_exactly_the_two_presets() {
	let names = genesis_config_presets::preset_names();
	assert_eq!(
		names,
		vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
	);
	assert!(genesis_config_presets::get_preset(&PresetId::from("staging")).is_none());
}

#[test]
fn development_preset_has_alice_as_the_only_validator() {
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let authorities = pallet_aura::Authorities::<Runtime>::get();
		assert_eq!(authorities.into_inner(), vec![Sr25519Keyring::Alice.public().into()]);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 1);
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_eq!(Balances::free_balance(&alice), ENDOWMENT);
	});
}

#[test]
fn local_testnet_preset_has_three_validators() {
	preset_storage(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let mut aura: Vec<_> = pallet_aura::Authorities::<Runtime>::get().into_inner();
		let mut expected: Vec<sp_consensus_aura::sr25519::AuthorityId> =
			[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
				.into_iter()
				.map(|k| k.public().into())
				.collect();
		aura.sort();
		expected.sort();
		assert_eq!(aura, expected);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 3);
	});
}

mod consortium;

#[test]
fn default_genesis_config_builds_empty_state() {
	// The default config (no preset) is what `build-spec` without a preset starts from.
	let storage = RuntimeGenesisConfig::default().build_storage().expect("builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		assert!(pallet_aura::Authorities::<Runtime>::get().is_empty());
		assert_eq!(pallet_balances::TotalIssuance::<Runtime>::get(), 0);
	});
}

fn tx_extension(nonce: u32) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::<Runtime>::new().into(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		pallet_feeless::FreeQueueLimit::from(frame_system::CheckNonce::<Runtime>::from(nonce)),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0).into(),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
	)
}

/// A transaction signed by `signer` as a wallet signs it.
pub(crate) fn signed(call: RuntimeCall, signer: &sr25519::Pair, nonce: u32) -> UncheckedExtrinsic {
	let extension = tx_extension(nonce);
	let payload = SignedPayload::new(call.clone(), extension.clone()).expect("valid payload");
	let signature = MultiSignature::from(payload.using_encoded(|bytes| signer.sign(bytes)));
	let account = MultiSigner::from(signer.public()).into_account();
	UncheckedExtrinsic::new_signed(call, Address::Id(account), signature, extension)
}

/// Applies `xt` as the node's block builder does: inside a storage transaction that is rolled
/// back if applying it returns an error, in which case the transaction is dropped rather than
/// included. (Block import never sees such a transaction: a block with one does not import.)
pub(crate) fn apply_as_author(xt: UncheckedExtrinsic) -> sp_runtime::ApplyExtrinsicResult {
	use frame_support::storage::{with_transaction, TransactionOutcome};
	with_transaction(|| {
		let applied = Executive::apply_extrinsic(xt);
		if applied.is_err() {
			TransactionOutcome::Rollback(Ok::<_, sp_runtime::DispatchError>(applied))
		} else {
			TransactionOutcome::Commit(Ok(applied))
		}
	})
	.expect("no error of the storage transaction itself")
}

/// Opens block 1 in Aura slot `slot`, with its timestamp inherent, as the node's author does.
pub(crate) fn open_block(slot: u64) {
	let digest =
		Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(slot).encode())] };
	let header =
		Header::new(1, Default::default(), Default::default(), System::parent_hash(), digest);
	Executive::initialize_block(&header);
	let now = slot * SLOT_DURATION;
	let inherent =
		UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set { now }));
	Executive::apply_extrinsic(inherent)
		.expect("valid inherent")
		.expect("dispatched");
	assert_eq!(pallet_aura::CurrentSlot::<Runtime>::get(), Slot::from(slot));
}

#[test]
fn signed_transfer_to_a_fresh_account_goes_through_executive() {
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block(1_000);
		let alice = Sr25519Keyring::Alice.to_account_id();
		let learner = sr25519::Pair::from_string("//FreshLearner", None).expect("valid seed");
		let learner_id = MultiSigner::from(learner.public()).into_account();
		let amount: Balance = 10 * UNIT;

		let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Address::Id(learner_id.clone()),
			value: amount,
		});
		let outcome = Executive::apply_extrinsic(signed(call, &Sr25519Keyring::Alice.pair(), 0));
		assert_eq!(outcome, Ok(Ok(())));

		let fee = System::events()
			.into_iter()
			.find_map(|record| match record.event {
				RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid {
						who, actual_fee, ..
					},
				) if who == alice => Some(actual_fee),
				_ => None,
			})
			.expect("the fee was charged");
		assert!(fee > 0);
		assert_eq!(Balances::free_balance(&learner_id), amount);
		assert_eq!(Balances::free_balance(&alice), ENDOWMENT - amount - fee);
		assert_eq!(System::account_nonce(&alice), 1);

		// The block closes: the header carries the state after the transfer.
		let header = Executive::finalize_block();
		assert_eq!(header.number, 1);
	});
}

#[test]
fn transaction_with_a_bad_signature_or_replayed_nonce_is_rejected_and_changes_nothing() {
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block(1_000);
		let alice = Sr25519Keyring::Alice.to_account_id();
		let bob = Sr25519Keyring::Bob.to_account_id();
		let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Address::Id(bob.clone()),
			value: UNIT,
		});

		// Signed by Bob's key but claiming to come from Alice.
		let extension = tx_extension(0);
		let payload = SignedPayload::new(call.clone(), extension.clone()).expect("valid payload");
		let forged = MultiSignature::from(
			payload.using_encoded(|bytes| Sr25519Keyring::Bob.pair().sign(bytes)),
		);
		assert!(!forged.verify(&payload.encode()[..], &alice));
		let xt = UncheckedExtrinsic::new_signed(
			call.clone(),
			Address::Id(alice.clone()),
			forged,
			extension,
		);
		assert_eq!(
			Executive::apply_extrinsic(xt),
			Err(TransactionValidityError::Invalid(InvalidTransaction::BadProof))
		);

		// A nonce from the future is not yet valid; one from the past is stale.
		assert_eq!(
			Executive::apply_extrinsic(signed(call.clone(), &Sr25519Keyring::Alice.pair(), 5)),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Future))
		);
		assert_eq!(Balances::free_balance(&alice), ENDOWMENT);
		assert_eq!(Balances::free_balance(&bob), ENDOWMENT);
		assert_eq!(System::account_nonce(&alice), 0);

		assert_eq!(
			Executive::apply_extrinsic(signed(call.clone(), &Sr25519Keyring::Alice.pair(), 0)),
			Ok(Ok(()))
		);
		assert_eq!(
			Executive::apply_extrinsic(signed(call, &Sr25519Keyring::Alice.pair(), 0)),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Stale))
		);
		assert_eq!(Balances::free_balance(&bob), ENDOWMENT + UNIT);
	});
}

#[test]
fn a_transaction_pays_for_the_share_of_a_block_its_length_takes() {
	use frame_support::dispatch::DispatchClass;
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let normal_weight = crate::configs::RuntimeBlockWeights::get()
			.get(DispatchClass::Normal)
			.max_total
			.expect("a normal limit");
		let normal_length =
			*crate::configs::RuntimeBlockLength::get().max.get(DispatchClass::Normal);
		// Filling a block's length costs what filling its weight costs (within a byte's fee).
		let by_length = crate::TransactionPayment::length_to_fee(normal_length);
		let by_weight = crate::TransactionPayment::weight_to_fee(normal_weight);
		assert!(by_length <= by_weight && by_weight - by_length < Balance::from(normal_length));

		// A call that carries 3.7 MB (a remark: `registry.apply` with a name that long, the
		// review's attack, no longer decodes, see the next test) pays for the block's length it
		// takes: more than 90 % of a full block's fee, where it used to pay about 0.0002 LT.
		let giant =
			RuntimeCall::System(frame_system::Call::remark { remark: vec![b'x'; 3_700_000] });
		let xt = signed(giant, &Sr25519Keyring::Eve.pair(), 0);
		let len = xt.encoded_size() as u32;
		let fee = crate::TransactionPayment::compute_fee(
			len,
			&frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&xt.function),
			0,
		);
		assert!(fee >= by_weight / 10 * 9, "fee {fee} against a full block's {by_weight}");
		assert!(fee > UNIT);
	});
}

#[test]
fn an_over_long_registry_input_does_not_decode_and_the_pool_refuses_it() {
	preset_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block(1_000);
		// `registry.apply` as a client would encode it with a name of 3.7 MB: the call's
		// arguments are bounded, so the transaction does not decode, and the pool refuses its
		// bytes before any signature check or dispatch.
		let registry = <crate::Registry as frame_support::traits::PalletInfoAccess>::index() as u8;
		let name = vec![b'x'; 3_700_000];
		let call = (registry, 0u8, name, Vec::<u8>::new(), None::<[u8; 32]>).encode();
		assert!(RuntimeCall::decode(&mut &call[..]).is_err());
		// Within the bounds the same encoding decodes.
		let max_name =
			<<Runtime as pallet_registry::Config>::MaxNameLen as frame_support::traits::Get<u32>>::get()
				as usize;
		let fits =
			(registry, 0u8, vec![b'x'; max_name], Vec::<u8>::new(), None::<[u8; 32]>).encode();
		assert!(matches!(
			RuntimeCall::decode(&mut &fits[..]),
			Ok(RuntimeCall::Registry(pallet_registry::Call::apply { .. }))
		));
	});
}

mod governance;
mod learning;

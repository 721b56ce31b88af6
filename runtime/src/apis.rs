//! The runtime APIs: what the node, wallets and verifiers may ask the runtime through
//! `state_call`. Every function here is part of the chain's public interface.

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode,
};
use sp_session::OpaqueGeneratedSessionKeys;
use sp_version::RuntimeVersion;

use super::{
	opaque::SessionKeys, AccountId, Aura, Balance, Block, BlockNumber, Courses, Executive, Feeless,
	Grandpa, InherentDataExt, Lifecycle, Nonce, Registry, Runtime, RuntimeCall,
	RuntimeGenesisConfig, System, Tokens, TransactionPayment, VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(owner: Vec<u8>, seed: Option<Vec<u8>>) -> OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			// Equivocation reports need key-ownership proofs from a historical session pallet,
			// which this chain does not keep: validators are known institutions, and the Council
			// removes one that misbehaves.
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			// A learner's free call costs nothing: say so, so wallets show no fee.
			let free = free_for_signer(&uxt);
			let mut info = TransactionPayment::query_info(uxt, len);
			if free {
				info.partial_fee = 0;
			}
			info
		}

		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			if free_for_signer(&uxt) {
				return pallet_transaction_payment::FeeDetails { inclusion_fee: None, tip: 0 };
			}
			TransactionPayment::query_fee_details(uxt, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			// No signer here: free if the call can be free for some signer.
			let free = Feeless::may_be_free(&call);
			let mut info = TransactionPayment::query_call_info(call, len);
			if free {
				info.partial_fee = 0;
			}
			info
		}

		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			if Feeless::may_be_free(&call) {
				return pallet_transaction_payment::FeeDetails { inclusion_fee: None, tip: 0 };
			}
			TransactionPayment::query_call_fee_details(call, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_nodes::runtime_api::NodesApi<Block> for Runtime {
		fn authorized_nodes() -> Vec<Vec<u8>> {
			pallet_nodes::Pallet::<Runtime>::authorized_nodes()
		}
	}

	impl pallet_feeless::runtime_api::FeelessApi<Block, AccountId, RuntimeCall, BlockNumber> for Runtime {
		fn check(who: AccountId, call: RuntimeCall) -> Result<(), pallet_feeless::Refusal<BlockNumber>> {
			Feeless::check(&who, &call)
		}

		fn remaining(who: AccountId) -> u32 {
			Feeless::remaining(&who)
		}
	}

	impl pallet_tokens_runtime_api::TokensApi<Block, AccountId, BlockNumber> for Runtime {
		fn tokens_of(
			holder: AccountId,
			cursor: Option<pallet_tokens_runtime_api::TokenCursor>,
			limit: u32,
		) -> pallet_tokens_runtime_api::Page<
			pallet_tokens_runtime_api::TokenView<AccountId, BlockNumber>,
			pallet_tokens_runtime_api::TokenCursor,
		> {
			Lifecycle::tokens_of(&holder, cursor, limit)
		}

		fn skill_profile(
			holder: AccountId,
			cursor: Option<pallet_tokens_runtime_api::TokenCursor>,
			limit: u32,
		) -> pallet_tokens_runtime_api::ProfilePage<pallet_tokens_runtime_api::TokenCursor> {
			Lifecycle::skill_profile(&holder, cursor, limit)
		}

		fn tokens_of_course(
			course: pallet_tokens_runtime_api::CourseId,
			cursor: Option<pallet_tokens_runtime_api::CourseCursor<AccountId>>,
			limit: u32,
		) -> pallet_tokens_runtime_api::Page<
			pallet_tokens_runtime_api::TokenView<AccountId, BlockNumber>,
			pallet_tokens_runtime_api::CourseCursor<AccountId>,
		> {
			Lifecycle::tokens_of_course(course, cursor, limit)
		}

		fn verify(
			token: pallet_tokens_runtime_api::TokenId,
		) -> Option<pallet_tokens_runtime_api::Verification<AccountId, BlockNumber>> {
			Tokens::verify(token)
		}
	}

	impl pallet_lifecycle_runtime_api::LearnerApi<Block, AccountId, BlockNumber> for Runtime {
		fn enrollments(
			learner: AccountId,
			cursor: Option<pallet_lifecycle_runtime_api::CourseId>,
			limit: u32,
		) -> pallet_lifecycle_runtime_api::Page<
			pallet_lifecycle_runtime_api::EnrollmentView<AccountId>,
			pallet_lifecycle_runtime_api::CourseId,
		> {
			Courses::enrollments_of(&learner, cursor, limit)
		}

		fn pending(
			learner: AccountId,
			cursor: Option<pallet_lifecycle_runtime_api::RecordCursor>,
			limit: u32,
		) -> pallet_lifecycle_runtime_api::Page<
			pallet_lifecycle_runtime_api::Pending<AccountId>,
			pallet_lifecycle_runtime_api::RecordCursor,
		> {
			Lifecycle::pending(&learner, cursor, limit)
		}

		fn lifecycles(
			learner: AccountId,
			cursor: Option<pallet_lifecycle_runtime_api::RecordCursor>,
			limit: u32,
		) -> pallet_lifecycle_runtime_api::Page<
			pallet_lifecycle_runtime_api::RecordView<AccountId, BlockNumber>,
			pallet_lifecycle_runtime_api::RecordCursor,
		> {
			Lifecycle::lifecycles(&learner, cursor, limit)
		}

		fn lifecycle(
			course: pallet_lifecycle_runtime_api::CourseId,
			learner: AccountId,
			assessment: pallet_lifecycle_runtime_api::AssessmentIndex,
		) -> Option<pallet_lifecycle_runtime_api::RecordView<AccountId, BlockNumber>> {
			Lifecycle::lifecycle(course, &learner, assessment)
		}
	}

	impl pallet_registry_runtime_api::RegistryApi<Block, AccountId, BlockNumber> for Runtime {
		fn institution(
			institution: AccountId,
		) -> Option<pallet_registry_runtime_api::InstitutionView<BlockNumber>> {
			Registry::institution(&institution)
		}

		fn is_accredited(institution: AccountId) -> bool {
			Registry::is_accredited(&institution)
		}

		fn was_accredited_at(institution: AccountId, at: BlockNumber) -> bool {
			Registry::was_accredited_at(&institution, at)
		}

		fn instructors_of(institution: AccountId) -> Vec<AccountId> {
			Registry::instructors_of(&institution)
		}

		fn institutions_of(instructor: AccountId) -> Vec<AccountId> {
			Registry::institutions_of(&instructor)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use crate::{
				Balances, Council, CouncilMembership, Registry, Timestamp,
				Nodes, Tokens, Upgrade, ValidatorSet,
			};
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::{
				extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
			};

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			let storage_info = crate::AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use crate::{
				Balances, Council, CouncilMembership, Registry, Timestamp,
				Nodes, Tokens, Upgrade, ValidatorSet,
			};
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::WhitelistedStorageKeys;
			use frame_system_benchmarking::{
				extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
			};

			impl frame_system_benchmarking::Config for Runtime {}
			impl pallet_transaction_payment::BenchmarkConfig for Runtime {}

			let whitelist = crate::AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			let weight = Executive::try_runtime_upgrade(checks)
				.unwrap_or_else(|error| panic!("try_runtime_upgrade failed: {error:?}"));
			(weight, super::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.unwrap_or_else(|error| panic!("try_execute_block failed: {error:?}"))
		}
	}
}

/// Whether `uxt` is signed and a free call for its signer (what `FreeOrPaid` will decide).
fn free_for_signer(uxt: &<Block as BlockT>::Extrinsic) -> bool {
	use sp_runtime::traits::StaticLookup;
	match &uxt.preamble {
		sp_runtime::generic::Preamble::Signed(address, ..) => {
			<Runtime as frame_system::Config>::Lookup::lookup(address.clone())
				.is_ok_and(|who| Feeless::is_free(&who, &uxt.function))
		},
		_ => false,
	}
}

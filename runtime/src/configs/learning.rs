//! The learning record: courses, the five-step lifecycle, the four Learning Tokens (Help being
//! a `pallet-assets` asset), and free learner calls.

use super::governance::CouncilMajority;
use crate::{
	AccountId, Assets, Balance, Balances, BlockNumber, Courses, Lifecycle, Registry, Runtime,
	RuntimeCall, RuntimeEvent, Tokens, EXISTENTIAL_DEPOSIT, UNIT,
};
use frame_support::{
	parameter_types,
	traits::{fungible::ItemOf, AsEnsureOriginWithArg, ConstU128, ConstU32},
	PalletId,
};
use frame_system::EnsureNever;
use sp_runtime::{
	traits::{AccountIdConversion, StaticLookup},
	transaction_validity::{TransactionLongevity, TransactionPriority},
};

/// The id of Help, the fungible Learning Token, in `pallet-assets`.
pub const HELP_ASSET_ID: u32 = 1;

/// The longest skill identifier of a unit of competency (an ESCO URI fits), in bytes.
pub type MaxSkillIdLen = ConstU32<128>;

/// The most learners one instructor call (invite, convey, assess, award) may name: a class of
/// 500 fits twice.
pub type MaxBatch = ConstU32<1000>;

/// The most units of competency one assessment covers (a lesson conveys several).
pub type MaxUnitsPerAssessment = ConstU32<16>;

parameter_types! {
	/// Owns the Help asset: an account without a key, so nobody can mint Help through
	/// `assets.mint`; only the tokens pallet mints it, at the award step.
	pub const HelpOwnerId: PalletId = PalletId(*b"lt/help!");
}

/// The owner, issuer, admin and freezer of the Help asset.
pub fn help_owner() -> AccountId {
	HelpOwnerId::get().into_account_truncating()
}

impl pallet_courses::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Registry = Registry;
	type MaxTitleLen = ConstU32<128>;
	type MaxUnits = ConstU32<64>;
	type MaxSkillIdLen = MaxSkillIdLen;
	type MaxUnitTitleLen = ConstU32<128>;
	type MaxAssessments = ConstU32<32>;
	type MaxUnitsPerAssessment = MaxUnitsPerAssessment;
	/// Of each kind, per assessment: with 32 assessments at most 32,000 Help per learner and
	/// course (a guide recommended by DOMAIN gives 100 learner points in all).
	type MaxAssessmentPoints = ConstU32<1000>;
	type MaxGuideVersions = ConstU32<16>;
	type MaxCoInstructors = ConstU32<16>;
	type MaxBatch = MaxBatch;
	type Currency = Balances;
	/// An invited account costs the instructor what a transfer making an account exist costs
	/// anyone: the existential deposit (burned; see the courses crate docs).
	type NewAccountFee = ConstU128<EXISTENTIAL_DEPOSIT>;
	type WeightInfo = pallet_courses::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = RegisterInRegistry;
}

/// The benchmarks' institutions and instructors, registered in the real registry.
#[cfg(feature = "runtime-benchmarks")]
pub struct RegisterInRegistry;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_courses::BenchmarkHelper<AccountId> for RegisterInRegistry {
	fn register(institution: &AccountId, instructors: &[AccountId]) {
		for instructor in instructors {
			// Only a full instructor list fails; the benchmarks register a few.
			let _ = Registry::register_for_benchmarks(institution, instructor);
		}
	}
}

impl pallet_lifecycle::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Registry = Registry;
	type Courses = Courses;
	type Tokens = Tokens;
	type MaxUnitsPerAssessment = MaxUnitsPerAssessment;
	type MaxBatch = MaxBatch;
	/// A unit's steps may be reopened by four revocations; after that only new courses help.
	type MaxCorrections = ConstU32<4>;
	type WeightInfo = pallet_lifecycle::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Courses;
}

parameter_types! {
	/// Help's id, for the `fungible` view of it that the tokens pallet mints and burns.
	pub const HelpAssetId: u32 = HELP_ASSET_ID;
}

/// Help as one fungible token: the Help asset of `pallet-assets`.
pub type Help = ItemOf<Assets, HelpAssetId, AccountId>;

impl pallet_tokens::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Registry = Registry;
	type Courses = Courses;
	type Help = Help;
	/// The Council, by simple majority, as for the registry's own decisions.
	type RevokeOrigin = CouncilMajority;
	/// A revocation reopens the step that minted the token, so that it can be corrected.
	type OnRevoke = Lifecycle;
	type MaxReasonLen = ConstU32<256>;
	type WeightInfo = pallet_tokens::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Courses;
}

parameter_types! {
	pub const AssetDeposit: Balance = 100 * UNIT;
	pub const AssetAccountDeposit: Balance = UNIT / 100;
	pub const MetadataDepositBase: Balance = UNIT;
	pub const MetadataDepositPerByte: Balance = UNIT / 100;
	pub const ApprovalDeposit: Balance = UNIT / 100;
}

/// `pallet-assets` holds one asset, Help, created at genesis as a *sufficient* asset (an
/// account holding Help exists without any native balance). Its owner, issuer, admin and
/// freezer is [`help_owner`], an account without a key, so that only the tokens pallet mints
/// and burns Help (at an award and a revocation). Nobody may create assets, and no origin may
/// force anything (`ForceOrigin` is `EnsureNever`): a Council that could would be able to make
/// any account Help's issuer, move or burn anyone's Help, or destroy it. Changing Help's rules
/// takes a runtime upgrade, which needs two thirds of the Council.
impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = u32;
	type AssetIdParameter = codec::Compact<u32>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureNever<AccountId>>;
	type ForceOrigin = EnsureNever<AccountId>;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// The calls a learner makes, free when valid (see `pallet-feeless`): accepting an invitation,
/// joining an open course, the learner's lifecycle steps, and transfers of Help that do
/// something: more than nothing, to another account that exists already. (A Help transfer of
/// nothing, to oneself, or that would create an account pays the normal fee, so free calls
/// cannot make accounts.) The steps of a lifecycle check themselves that the signer is the
/// course's learner, and a Help transfer that the signer holds Help.
pub struct LearnerCalls;

/// The pool priority of a learner's free step (accept, join, acquire, respond, rate): above
/// a Help transfer, below every paid transaction (`PaidPriority`).
pub const LEARNER_STEP_PRIORITY: TransactionPriority = 2;
/// The pool priority of a free Help transfer: the lowest, so that a pool full of them drops
/// them first.
pub const HELP_TRANSFER_PRIORITY: TransactionPriority = 1;

impl pallet_feeless::FreeCalls<AccountId, RuntimeCall> for LearnerCalls {
	fn may_be_free(call: &RuntimeCall) -> bool {
		match call {
			RuntimeCall::Courses(
				pallet_courses::Call::accept_invitation { .. } | pallet_courses::Call::join { .. },
			) => true,
			RuntimeCall::Lifecycle(
				pallet_lifecycle::Call::acquire { .. }
				| pallet_lifecycle::Call::respond { .. }
				| pallet_lifecycle::Call::rate { .. },
			) => true,
			RuntimeCall::Assets(
				pallet_assets::Call::transfer { id, .. }
				| pallet_assets::Call::transfer_keep_alive { id, .. },
			) => id.0 == HELP_ASSET_ID,
			_ => false,
		}
	}

	fn free_priority(who: &AccountId, call: &RuntimeCall) -> Option<TransactionPriority> {
		match call {
			RuntimeCall::Assets(
				pallet_assets::Call::transfer { id, target, amount }
				| pallet_assets::Call::transfer_keep_alive { id, target, amount },
			) => {
				let target =
					<Runtime as frame_system::Config>::Lookup::lookup(target.clone()).ok()?;
				let useful = id.0 == HELP_ASSET_ID
					&& *amount > 0 && target != *who
					&& frame_system::Pallet::<Runtime>::account_exists(&target);
				useful.then_some(HELP_TRANSFER_PRIORITY)
			},
			_ => Self::may_be_free(call).then_some(LEARNER_STEP_PRIORITY),
		}
	}
}

/// The rate limit of free calls: this many per period of `FreePeriod` blocks, per account.
pub const MAX_FREE_CALLS: u32 = 100;

/// What a free call that fails in a block counts as against its signer's limit.
pub const FAILURE_PENALTY: u32 = 10;

parameter_types! {
	/// Ten minutes of 6-second blocks.
	pub const FreePeriod: BlockNumber = 100;
	/// A free call waits at most this long in the pool (two minutes), so that a flood of them
	/// drains soon.
	pub const FreeLongevity: TransactionLongevity = 20;
	/// Above every free call: a paid transaction is never crowded out by free ones.
	pub const PaidPriority: TransactionPriority = 1_000;
}

impl pallet_feeless::Config for Runtime {
	type FreeCalls = LearnerCalls;
	type Period = FreePeriod;
	type MaxFreeCalls = ConstU32<MAX_FREE_CALLS>;
	/// A free call that fails in a block (it passed the pool, and an earlier transaction made
	/// it fail) counts as ten: a learner who double-submits by mistake loses a tenth of the
	/// period's calls, one who fails on purpose is stopped after ten.
	type FailurePenalty = ConstU32<FAILURE_PENALTY>;
	type FreeLongevity = FreeLongevity;
	/// A learner signs one step at a time (an acknowledgement, a response, a rating, a Help
	/// transfer): four in the pool at once leave room for a burst, and a spammer's thousand
	/// queued nonces are refused.
	type MaxQueuedFree = ConstU32<4>;
	type PaidPriority = PaidPriority;
}

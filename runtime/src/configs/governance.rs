//! Governance: the Council of governance institutions, the validator set it controls, sessions,
//! runtime upgrades, and the registry of trust.
//!
//! Who decides what (a motion of the Council, with the share of its members that must vote aye):
//!
//! | action | origin |
//! |---|---|
//! | accredit, reject, suspend, reinstate, revoke an institution | more than half |
//! | add or remove a validator | at least two thirds |
//! | add, remove, swap, reset Council members, set the prime | at least two thirds |
//! | runtime upgrade (`upgrade.set_code`, `upgrade.authorize_upgrade`) | at least two thirds |
//!
//! There is no sudo and no Root-origin key: Root is reachable from nowhere.

use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32},
	weights::Weight,
};
use frame_system::EnsureNever;
use pallet_collective::{EnsureProportionAtLeast, EnsureProportionMoreThan};
use sp_runtime::{
	traits::{ConvertInto, OpaqueKeys},
	Perbill,
};

use super::RuntimeBlockWeights;
use crate::{
	opaque::SessionKeys, AccountId, Balance, Balances, BlockNumber, Council, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, Session, ValidatorSet, DAYS, UNIT,
};

/// The Council, as an instance of pallet-collective (and of pallet-membership, which manages its
/// members), so that polkadot.js Apps' Governance → Council page works unchanged.
pub type CouncilCollective = pallet_collective::Instance1;

/// More than half of the Council.
pub type CouncilMajority = EnsureProportionMoreThan<AccountId, CouncilCollective, 1, 2>;
/// At least two thirds of the Council.
pub type CouncilTwoThirds = EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>;

parameter_types! {
	/// A motion open longer than this may be closed by anyone; it then passes only if the ayes
	/// (with the prime's default vote for the silent) reach its threshold.
	pub const CouncilMotionDuration: BlockNumber = DAYS;
	pub const CouncilMaxProposals: u32 = 100;
	pub const CouncilMaxMembers: u32 = 100;
	/// A motion may execute a call of at most half a block.
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = CouncilMaxMembers;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// Members change only through `councilMembership`, which tells the collective.
	type SetMembersOrigin = EnsureNever<()>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = CouncilTwoThirds;
	type KillOrigin = CouncilTwoThirds;
	type Consideration = ();
}

impl pallet_membership::Config<pallet_membership::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = CouncilTwoThirds;
	type RemoveOrigin = CouncilTwoThirds;
	type SwapOrigin = CouncilTwoThirds;
	type ResetOrigin = CouncilTwoThirds;
	type PrimeOrigin = CouncilTwoThirds;
	type MembershipInitialized = Council;
	type MembershipChanged = Council;
	type MaxMembers = CouncilMaxMembers;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

/// Sessions are ended by the validator set pallet, every `SessionLength` blocks as the chain's
/// genesis sets it (`genesis_config_presets.rs`: a minute on the local network, ten on the
/// development chain), and weighed by its benchmark of a rotation: `pallet-session` ending them
/// itself would weigh every rotating block as a full one, refusing all normal transactions in
/// it. A validator set change is queued at the end of the session in which the Council
/// decided it and active one session later.
impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_validator_set::NoAutomaticRotation;
	type NextSessionRotation = ValidatorSet;
	type SessionManager = ValidatorSet;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	/// Held while an account has session keys registered.
	type KeyDeposit = ConstU128<UNIT>;
}

impl pallet_validator_set::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = CouncilTwoThirds;
	type RemoveOrigin = CouncilTwoThirds;
	/// Only an account with session keys registered can be voted in.
	type ValidatorRegistration = Session;
	type MinValidators = ConstU32<1>;
	type MaxValidators = ConstU32<32>;
	type Rotation = pallet_validator_set::RotateSession<Runtime>;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_validator_set::RegisterSessionKeys<Runtime>;
}

impl pallet_upgrade::Config for Runtime {
	type UpgradeOrigin = CouncilTwoThirds;
	type WeightInfo = pallet_upgrade::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Held from an applicant until the Council decides: makes spam applications cost.
	pub const ApplicationDeposit: Balance = 100 * UNIT;
}

impl pallet_registry::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type AccreditOrigin = CouncilMajority;
	type RejectOrigin = CouncilMajority;
	type SuspendOrigin = CouncilMajority;
	type ReinstateOrigin = CouncilMajority;
	type RevokeOrigin = CouncilMajority;
	type ApplicationDeposit = ApplicationDeposit;
	type MaxNameLen = ConstU32<128>;
	type MaxUriLen = ConstU32<256>;
	type MaxReasonLen = ConstU32<256>;
	type MaxHistoryLen = ConstU32<32>;
	type MaxInstructorsPerInstitution = ConstU32<1024>;
	type MaxInstitutionsPerInstructor = ConstU32<16>;
	type WeightInfo = pallet_registry::weights::SubstrateWeight<Runtime>;
}

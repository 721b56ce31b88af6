//! Governance: the Council of governance institutions, the validator set it controls, sessions,
//! runtime upgrades, and the registry of trust.
//!
//! Who decides what (a motion of the Council, with the share of its members that must vote aye):
//!
//! | action | origin |
//! |---|---|
//! | accredit, reject, suspend, reinstate, revoke an institution | more than half |
//! | add or remove a validator | at least two thirds |
//! | restart a stalled finality (`validatorSet.recoverFinality`) | at least two thirds |
//! | add, remove, swap, reset Council members, set the prime (never below one member) | at least two thirds |
//! | kill a motion (its deposit burned) | at least two thirds |
//! | runtime upgrade (`upgrade.set_code`, `upgrade.authorize_upgrade`) | at least two thirds |
//! | authorize or remove a network node (`nodes.authorizeNode`, `nodes.removeNode`) | more than half |
//! | force anything on the Help asset | nobody (`configs/learning.rs`) |
//!
//! A motion counts the ayes cast: the silent vote nay ([`SilentIsNay`]). Proposing one holds
//! [`MotionDeposit`]. There is no sudo and no Root-origin key: Root is reachable from nowhere.

use frame_support::{
	parameter_types,
	traits::{fungible::HoldConsideration, ConstU128, ConstU32, Contains},
	weights::Weight,
};
use frame_system::EnsureNever;
use pallet_collective::{EnsureProportionAtLeast, EnsureProportionMoreThan};
use sp_runtime::traits::{ConvertInto, OpaqueKeys};

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
	/// reach its threshold: the silent count as nays ([`SilentIsNay`]).
	pub const CouncilMotionDuration: BlockNumber = DAYS;
	pub const CouncilMaxProposals: u32 = 100;
	pub const CouncilMaxMembers: u32 = 100;
	/// A motion may execute a call of at most half a block.
	pub MaxProposalWeight: Weight = RuntimeBlockWeights::get().max_block.saturating_div(2);
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = CouncilMaxMembers;
	type DefaultVote = SilentIsNay;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// Members change only through `councilMembership`, which tells the collective.
	type SetMembersOrigin = EnsureNever<()>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = CouncilTwoThirds;
	type KillOrigin = CouncilTwoThirds;
	/// Proposing a motion holds [`MotionDeposit`] of the proposer's balance until the motion
	/// ends and anyone calls `council.releaseProposalCost`; a motion the Council kills
	/// (`council.kill`, two thirds) forfeits it.
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		MotionHoldReason,
		pallet_collective::deposit::Constant<MotionDeposit>,
		u32,
	>;
}

parameter_types! {
	/// What a member's open motion holds of its balance: enough that a member cannot fill the
	/// Council's 100 motion slots for nothing, little for a governance institution.
	pub const MotionDeposit: Balance = 10 * UNIT;
	pub const MotionHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Council(pallet_collective::HoldReason::ProposalSubmission);
}

/// The vote of a member who did not vote when a motion is closed after its duration: nay. With
/// pallet-collective's `PrimeDefaultVote`, the silent would vote as the prime did, so a prime
/// who proposed a two-thirds motion (a runtime upgrade) would pass it alone unless a third
/// voted against; here a threshold counts the ayes actually cast, as GOVERNANCE.md says.
pub struct SilentIsNay;

impl pallet_collective::DefaultVote for SilentIsNay {
	fn default_vote(_prime_vote: Option<bool>, _yes_votes: u32, _no_votes: u32, _len: u32) -> bool {
		false
	}
}

/// The fewest members the Council keeps: a motion that would remove the last one
/// (`councilMembership.removeMember`, or `resetMembers` to an empty list) is refused by the
/// runtime's call filter ([`CouncilNeverEmpty`]), because an empty Council could never reach
/// any governance origin again.
pub const MIN_COUNCIL_MEMBERS: usize = 1;

/// The runtime's `BaseCallFilter`: every call, except the Council membership changes that would
/// leave fewer than [`MIN_COUNCIL_MEMBERS`] members. A motion's call goes through this filter
/// when the motion executes, so such a motion executes with `CallFiltered` and changes nothing.
pub struct CouncilNeverEmpty;

impl Contains<RuntimeCall> for CouncilNeverEmpty {
	fn contains(call: &RuntimeCall) -> bool {
		match call {
			RuntimeCall::CouncilMembership(pallet_membership::Call::remove_member { .. }) => {
				pallet_membership::Members::<Runtime, pallet_membership::Instance1>::decode_len()
					.unwrap_or(0) > MIN_COUNCIL_MEMBERS
			},
			RuntimeCall::CouncilMembership(pallet_membership::Call::reset_members { members }) => {
				members.len() >= MIN_COUNCIL_MEMBERS
			},
			_ => true,
		}
	}
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
/// genesis sets it (`genesis_config_presets.rs`: a minute on the local network, ten minutes on
/// the development chain), and weighed by its benchmark of a rotation: `pallet-session` ending them
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
	type RecoveryOrigin = CouncilTwoThirds;
	type Finality = GrandpaNoteStalled;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_validator_set::RegisterSessionKeys<Runtime>;
}

/// GRANDPA, told by the validator set (at the rotation after the Council's
/// `validatorSet.recoverFinality`) to signal a forced change: `grandpa.note_stalled`, which only
/// Root may call, called with Root. The change goes to the set that becomes active at that
/// rotation, `delay` blocks after the signal, with `finalized` as the block the new voters build
/// on.
pub struct GrandpaNoteStalled;

impl pallet_validator_set::Finality<BlockNumber> for GrandpaNoteStalled {
	fn note_stalled(finalized: BlockNumber, delay: BlockNumber) {
		// `note_stalled` with Root cannot fail: it only records the request.
		let _ = crate::Grandpa::note_stalled(RuntimeOrigin::root(), delay, finalized);
	}

	/// GRANDPA clears `Stalled` when it schedules the forced change at the rotation, and keeps
	/// it when `schedule_change` refused (`ChangePending`, `TooSoon`).
	fn still_stalled() -> bool {
		pallet_grandpa::Stalled::<Runtime>::exists()
	}

	fn withdraw() {
		pallet_grandpa::Stalled::<Runtime>::kill();
	}
}

/// The nodes that may peer: the Council authorizes and removes them, the node reads the list
/// (`NodesApi`) at every finalized block. At most 128 nodes (a list of 8 KB at most).
impl pallet_nodes::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AuthorizeOrigin = CouncilMajority;
	type RemoveOrigin = CouncilMajority;
	type MaxNodes = ConstU32<128>;
	type WeightInfo = pallet_nodes::weights::SubstrateWeight<Runtime>;
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
	/// A key a year for decades; rotating more often than that is an incident to report.
	type MaxSigningKeys = ConstU32<32>;
	type WeightInfo = pallet_registry::weights::SubstrateWeight<Runtime>;
}

//! # Tokens
//!
//! Learning Tokens themselves: the soulbound Attendance, Score and Instructor-score records, the
//! fungible Help token minted with Score, their revocation, and what verifiers read of them.
//!
//! ## Overview
//!
//! The lifecycle pallet [`issue`](TokenLedger::issue)s tokens through the [`TokenLedger`]
//! trait, many at once: Attendance tokens at the acquire step, Score tokens at the award step,
//! an Instructor-score token when a learner rates an instructor. Each is a record in [`Tokens`]
//! under a sequential [`TokenId`]; the ids of a batch are consecutive, so the lifecycle's event
//! names them by the first. With the Score tokens of a learner, their Help is minted to the
//! learner once ([`mint_help`](TokenLedger::mint_help), through [`Config::Help`]).
//!
//! A token stores only what it alone knows ([`TokenData`]: kind, learner, instructor, points,
//! Help, course, assessment, unit, guide version) with its block and revocation; what the course
//! knows (its institution, CIP code, the unit's skill) is read from the course
//! ([`Config::Courses`]) when a query answers. A learner's tokens are found through the
//! learner's lifecycle records (the lifecycle pallet keeps their ids), so issuing one writes
//! one storage item; Instructor-score tokens, which instructors hold, are indexed under their
//! holder in [`InstructorTokens`].
//!
//! Records cannot be transferred: no call moves them. A token may be
//! [`revoke`](Pallet::revoke)d with a reason.
//!
//! Verifiers read without an account through the `TokensApi` runtime API (crate
//! `pallet-tokens-runtime-api`): [`Pallet::verify`] answers, for one token, whether its
//! institution was accredited when it was issued and is now, whether its instructor still
//! serves the institution, and whether it was revoked; a holder's tokens and skill profile are
//! listed page by page (the runtime answers them from the lifecycle records and this pallet).
//!
//! ## Help is a `pallet-assets` asset
//!
//! Help is fungible and transferable (learners trade and exchange help), so it is not a record
//! here but an asset of `pallet-assets`, which the runtime passes as [`Config::Help`] (through
//! `ItemOf<Assets, HelpAssetId, AccountId>`); this pallet only mints it with Score tokens and
//! burns it on revocation. That way polkadot.js Apps' Assets page shows every learner's Help
//! with no custom UI, learners transfer it with the standard `assets.transfer_keep_alive`, and
//! wallets and indexers that know `pallet-assets` understand it. The runtime creates it at
//! genesis as a *sufficient* asset (min balance 1, 0 decimals): holding a sufficient asset
//! keeps an account alive by itself, so a learner with zero native balance can receive and
//! hold Help.
//!
//! ## Terms
//!
//! - **Token**: a record in [`Tokens`] ([`Token`]).
//! - **Holder**: the learner, or for an Instructor-score token the instructor rated.
//! - **Issuer**: the institution of the token's course.
//! - **Live**: not revoked.
//!
//! ## Revocation
//!
//! [`revoke`](Pallet::revoke) needs a reason of 1 to [`MaxReasonLen`](Config::MaxReasonLen)
//! bytes. [`RevokeOrigin`](Config::RevokeOrigin) (the Council) may revoke any token. The
//! issuing institution, signing for itself, may revoke the Attendance and Score tokens of its
//! courses while it is accredited: an institution that was suspended or revoked revokes
//! nothing, and the Instructor-score tokens that learners gave its instructors are the
//! learners' judgement, which only the Council may revoke.
//!
//! The record stays, with its [`Revocation`] (by whom, why, when, what became of its Help), so
//! a verifier sees a revoked token as revoked rather than not at all; its points no longer
//! count in the holder's skill profile. For a Score token, its `help` Help is burned from the
//! holder as far as the holder still has it: Help is transferable, so the holder may have
//! passed some or all of it on; what could not be burned is recorded next to what was, and
//! both are in the `TokenRevoked` event. A revoked token cannot be revoked again or restored.
//!
//! The lifecycle pallet is told of every revocation ([`Config::OnRevoke`]) and may reopen the
//! step that minted the token, so that a wrong Score or Attendance token can be replaced: the
//! record's `reopened` says whether it did.
//!
//! A token issued while its institution was accredited stays valid when the institution is
//! later suspended or revoked: only an explicit revocation changes it.
//!
//! ## Invariants
//!
//! Checked by `do_try_state` (the `try_state` hook) and after every unit test:
//!
//! - Every token id is below [`NextTokenId`], and every token's course exists.
//! - [`InstructorTokens`] holds exactly one entry `(holder, id)` for each Instructor-score
//!   token, and no other.
//! - Only Score tokens carry Help; a revocation's burned and unburned Help add up to the
//!   token's `help`; an Instructor-score token has no unit, the others have one.

#![cfg_attr(not(feature = "std"), no_std)]
// Runtime code never panics on what a caller sent: no unwrap, expect, unchecked indexing or
// unchecked arithmetic outside tests (benchmark set-up allows them: benchmarking.rs).
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects
	)
)]

extern crate alloc;

pub use pallet::*;
pub use traits::{OnRevoke, TokenLedger};
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod traits;
mod types;
pub mod weights;

// FRAME's macros expand into code these lints would flag; the module's own code checks
// origins and hands over to the linted helpers outside it.
#[allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::fungible};
	use frame_system::pallet_prelude::*;
	use pallet_courses::CourseInspect;
	use sp_runtime::SaturatedConversion;

	/// The in-code storage version: 1 since tokens store only what they alone know and
	/// learners' tokens are no longer indexed here (learning record v2).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	/// A token, as stored.
	pub type TokenOf<T> = Token<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::MaxReasonLen,
	>;

	/// What a token knows, in this runtime.
	pub type TokenDataOf<T> = TokenData<<T as frame_system::Config>::AccountId>;

	/// A token with its id, in plain types.
	pub type TokenViewOf<T> = TokenView<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	/// What [`Pallet::verify`] answers.
	pub type VerificationOf<T> =
		Verification<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	/// A revocation's reason, as the call takes it and as stored.
	pub type ReasonOf<T> = BoundedVec<u8, <T as Config>::MaxReasonLen>;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The registry of trust: which institutions are (and were) accredited, and their
		/// instructors.
		type Registry: pallet_registry::TrustRegistry<Self::AccountId, BlockNumberFor<Self>>;

		/// The courses: each token's institution, CIP code and skill.
		type Courses: CourseInspect<Self::AccountId>;

		/// The fungible Help token: minted with Score tokens, burned on their revocation. The
		/// runtime passes the Help asset of `pallet-assets` (see the crate docs).
		type Help: fungible::Mutate<Self::AccountId>;

		/// Who may revoke any token (the Council); the issuing institution may revoke some of
		/// its own (see the crate docs).
		type RevokeOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Told of each revocation: the lifecycle pallet, which reopens the step.
		type OnRevoke: OnRevoke<Self::AccountId>;

		/// The longest reason of a revocation, in bytes.
		#[pallet::constant]
		type MaxReasonLen: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Creates the courses that the benchmarks' tokens belong to.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: pallet_courses::CourseBenchmarking<Self::AccountId>;
	}

	/// Every token, revoked ones included.
	#[pallet::storage]
	pub type Tokens<T: Config> = StorageMap<_, Twox64Concat, TokenId, TokenOf<T>, OptionQuery>;

	/// The id the next token will get.
	#[pallet::storage]
	pub type NextTokenId<T: Config> = StorageValue<_, TokenId, ValueQuery>;

	/// The Instructor-score tokens of each instructor, revoked ones included. (A learner's
	/// tokens are listed by the learner's lifecycle records.)
	#[pallet::storage]
	pub type InstructorTokens<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, TokenId, (), OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Token `token` of `holder` was revoked by `by`: `burned_help` Help was burned from the
		/// holder and `unburned_help` could not be (the holder no longer had it); `reopened`
		/// says whether the step that minted it can be done again.
		TokenRevoked {
			token: TokenId,
			holder: T::AccountId,
			by: Revoker,
			burned_help: u32,
			unburned_help: u32,
			reopened: bool,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No token has this id.
		UnknownToken,
		/// The caller is neither `RevokeOrigin` nor the institution of the token's course.
		NotIssuer,
		/// The institution is not accredited now, so it may not revoke.
		NotAccredited,
		/// Instructor-score tokens are the learners' ratings: only the Council may revoke them.
		NotRevocableByInstitution,
		/// The token was revoked already.
		AlreadyRevoked,
		/// A revocation needs a reason.
		EmptyReason,
		/// Every token id has been used.
		NoTokenIdLeft,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxReasonLen::get() > 0, "MaxReasonLen must be at least 1");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Revoke a token, with a reason. The record stays, marked revoked; its points no longer
		/// count in the holder's skill profile; for a Score token, its Help is burned from the
		/// holder as far as the holder still has it; the lifecycle pallet may reopen the step
		/// that minted it (see the crate docs).
		///
		/// - Origin: `RevokeOrigin` (the Council), or signed by the institution of the token's
		///   course, accredited now, for an Attendance or Score token.
		/// - `reason`: 1 to `MaxReasonLen` bytes (a longer one does not decode).
		/// - Emits `TokenRevoked` (and the Help asset's `Burned` if Help was burned).
		/// - Cost: O(R), R the reason's length; `WeightInfo::revoke(R)` plus the lifecycle's
		///   reopening.
		#[pallet::call_index(0)]
		#[pallet::weight(
			T::WeightInfo::revoke(reason.len().saturated_into())
				.saturating_add(T::OnRevoke::weight())
		)]
		pub fn revoke(origin: OriginFor<T>, token: TokenId, reason: ReasonOf<T>) -> DispatchResult {
			let signer = match T::RevokeOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			Self::do_revoke(signer, token, reason)
		}
	}
}

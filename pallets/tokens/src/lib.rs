//! # Tokens
//!
//! Learning Tokens themselves: the soulbound Attendance, Score and Instructor-score records, the
//! fungible Help token minted with Score, their revocation, and each holder's skill profile.
//!
//! ## Overview
//!
//! The lifecycle pallet [`issue`](TokenIssuer::issue)s tokens through the [`TokenIssuer`]
//! trait: an Attendance token at the acquire step, a Score token at the award step, an
//! Instructor-score token when the learner rates the instructor. Each is a record in
//! [`Tokens`] under a sequential [`TokenId`], indexed under its holder in [`TokensOf`]. With a
//! Score token, its `help` points of the fungible Help token are minted to the holder
//! ([`Config::Help`]). Issuing is all or nothing: if Help cannot be minted, or the token ids
//! are exhausted, nothing is stored.
//!
//! Records cannot be transferred: no call moves them. The issuing institution or the Council
//! may [`revoke`](Pallet::revoke) one, with a reason.
//!
//! Verifiers read without an account through the `TokensApi` runtime API (crate
//! `pallet-tokens-runtime-api`), whose answers [`Pallet::tokens_of`],
//! [`Pallet::skill_profile`] and [`Pallet::verify`] compute: a holder's tokens, their skill
//! profile, and for one token whether its institution was accredited when it was issued and is
//! now, whether its instructor still serves the institution, and whether it was revoked.
//!
//! ## Help is a `pallet-assets` asset
//!
//! Help is fungible and transferable (learners trade and exchange help), so it is not a record
//! here but an asset of `pallet-assets`, which the runtime passes as [`Config::Help`] (through
//! `ItemOf<Assets, HelpAssetId, AccountId>`); this pallet only mints it with a Score token and
//! burns it on revocation. That way polkadot.js Apps' Assets page shows every learner's Help
//! with no custom UI, learners transfer it with the standard `assets.transfer_keep_alive`, and
//! wallets and indexers that know `pallet-assets` understand it. The runtime creates it at
//! genesis as a *sufficient* asset (min balance 1, 0 decimals): holding a sufficient asset
//! keeps an account alive by itself, so a learner with zero native balance can receive and
//! hold Help.
//!
//! ## Terms
//!
//! - **Token**: a record in [`Tokens`] ([`Token`]): holder, kind, points, the course,
//!   assessment, unit of competency, CIP code, skill, institution, instructor and scoring-guide
//!   version it was earned with, the block it was issued at, and its revocation if any.
//! - **Holder**: the learner, or for an Instructor-score token the instructor rated.
//! - **Issuer**: the token's `institution`.
//! - **Live**: not revoked.
//! - **Skill profile**: per holder, the [`Totals`] of their live tokens per CIP code and per
//!   skill identifier: attendance, score and instructor-score points, the Help minted with
//!   Score tokens, and the number of tokens. [`Pallet::skill_profile`] sums them from the
//!   holder's tokens when asked; no running totals are stored, so issuing or revoking a token
//!   writes no profile (an award is the hottest path of the chain: see the README's
//!   "Performance").
//!
//! ## Revocation
//!
//! [`revoke`](Pallet::revoke) needs a reason of 1 to [`MaxReasonLen`](Config::MaxReasonLen)
//! bytes and is allowed to [`RevokeOrigin`](Config::RevokeOrigin) (the Council) and to the
//! issuing institution, signing for itself. The record stays, with its [`Revocation`] (by
//! whom, why, when, how much Help was burned), so a verifier sees a revoked token as revoked
//! rather than not at all; its points no longer count in the holder's skill profile. For a
//! Score token, up to its `help` Help is burned from the holder, best effort: Help is
//! transferable, so the holder may have passed some or all of it on, and only what the holder
//! still has is burned (Help already passed on is not chased). Burning never blocks a revocation: should it fail,
//! nothing is burned and 0 is recorded. A revoked token cannot be revoked again or restored.
//!
//! A token issued while its institution was accredited stays valid when the institution is
//! later suspended or revoked: only an explicit revocation changes it.
//!
//! ## Invariants
//!
//! Checked by `do_try_state` (the `try_state` hook) and after every unit test:
//!
//! - Every token id is below [`NextTokenId`].
//! - [`TokensOf`] holds exactly one entry `(holder, id)` for each token, with its holder.
//! - Only Score tokens carry Help, and a revocation never burned more than the token's `help`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use traits::TokenIssuer;
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

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::fungible};
	use frame_system::pallet_prelude::*;
	use pallet_registry::TrustRegistry;
	use sp_runtime::SaturatedConversion;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	/// A skill identifier, as stored.
	pub type SkillIdOf<T> = BoundedVec<u8, <T as Config>::MaxSkillIdLen>;

	/// A token as the lifecycle pallet asks for it.
	pub type NewTokenOf<T> =
		NewToken<<T as frame_system::Config>::AccountId, <T as Config>::MaxSkillIdLen>;

	/// A token, as stored.
	pub type TokenOf<T> = Token<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::MaxSkillIdLen,
		<T as Config>::MaxReasonLen,
	>;

	/// A token with its id, in plain types.
	pub type TokenViewOf<T> = TokenView<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	/// What [`Pallet::verify`] answers.
	pub type VerificationOf<T> =
		Verification<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The registry of trust: which institutions are (and were) accredited, and their
		/// instructors. Read by [`Pallet::verify`] only.
		type Registry: TrustRegistry<Self::AccountId, BlockNumberFor<Self>>;

		/// The fungible Help token: minted with Score tokens, burned on their revocation. The
		/// runtime passes the Help asset of `pallet-assets` (see the crate docs).
		type Help: fungible::Mutate<Self::AccountId>;

		/// Who may revoke any token (the Council); the issuing institution may revoke its own.
		type RevokeOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The longest skill identifier, in bytes: the courses pallet's `MaxSkillIdLen`.
		#[pallet::constant]
		type MaxSkillIdLen: Get<u32>;

		/// The longest reason of a revocation, in bytes.
		#[pallet::constant]
		type MaxReasonLen: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Every token, revoked ones included.
	#[pallet::storage]
	pub type Tokens<T: Config> = StorageMap<_, Twox64Concat, TokenId, TokenOf<T>, OptionQuery>;

	/// The id the next token will get.
	#[pallet::storage]
	pub type NextTokenId<T: Config> = StorageValue<_, TokenId, ValueQuery>;

	/// The tokens of each holder, revoked ones included. The second key is hashed, so
	/// `iter_prefix` yields a holder's tokens in no particular order: [`Pallet::tokens_of`]
	/// sorts them by id.
	#[pallet::storage]
	pub type TokensOf<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, TokenId, (), OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A token was issued to `holder`; for a Score token, `help` Help was minted to them.
		TokenIssued {
			token: TokenId,
			holder: T::AccountId,
			kind: TokenKind,
			points: u32,
			help: u32,
		},
		/// A token was revoked; `burned_help` Help was burned from its holder.
		TokenRevoked { token: TokenId, by: Revoker, burned_help: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No token has this id.
		UnknownToken,
		/// The caller is neither `RevokeOrigin` nor the token's institution.
		NotIssuer,
		/// The token was revoked already.
		AlreadyRevoked,
		/// A revocation needs a reason.
		EmptyReason,
		/// The reason is longer than `MaxReasonLen`.
		ReasonTooLong,
		/// Every token id has been used.
		NoTokenIdLeft,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxSkillIdLen::get() > 0, "MaxSkillIdLen must be at least 1");
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
		/// count in the holder's skill profile; for a Score token, up to its `help` Help is
		/// burned from the holder, as much as the holder still has (see the crate docs).
		///
		/// - Origin: `RevokeOrigin` (the Council), or signed by the token's institution.
		/// - `reason`: 1 to `MaxReasonLen` bytes.
		/// - Emits `TokenRevoked` (and the Help asset's `Burned` if Help was burned).
		/// - Cost: O(R), R the reason's length; `WeightInfo::revoke(R)`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::revoke(reason.len().saturated_into()))]
		pub fn revoke(origin: OriginFor<T>, token: TokenId, reason: Vec<u8>) -> DispatchResult {
			let signer = match T::RevokeOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			Self::do_revoke(signer, token, reason)
		}
	}
}

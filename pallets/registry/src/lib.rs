//! # Registry of trust
//!
//! The registry of trust records which institutions the Council trusts to issue Learning
//! Tokens, since when and until when, and which instructors act for each of them.
//!
//! ## Overview
//!
//! Any account may [`apply`](Pallet::apply) to become an institution: it gives a name, a URI
//! and optionally the ed25519 key it will sign exported credentials with, and an
//! [`ApplicationDeposit`](Config::ApplicationDeposit) is held from it until the application is
//! decided, so that applications cannot be spammed. The Council then
//! [`accredit`](Pallet::accredit)s it (the deposit is returned) or
//! [`reject`](Pallet::reject)s it (the deposit is returned or burned, as the Council decides);
//! the applicant may [`withdraw_application`](Pallet::withdraw_application) before that.
//!
//! An accredited institution may be [`suspend`](Pallet::suspend)ed and
//! [`reinstate`](Pallet::reinstate)d, or [`revoke`](Pallet::revoke)d for good. Each privileged
//! action has its own origin in [`Config`], so the runtime decides who that is (for example two
//! thirds of the Council).
//!
//! An accredited institution registers the instructors who act for it with
//! [`add_instructor`](Pallet::add_instructor) and
//! [`remove_instructor`](Pallet::remove_instructor). A suspended or revoked institution can do
//! neither.
//!
//! An institution gives the ed25519 key it signs credentials with when it applies, and may
//! [`set_signing_key`](Pallet::set_signing_key) a new one later (unless revoked): every key
//! stays in [`SigningKeys`] with the block it took effect in, so a verifier checks a
//! credential against the key the institution had registered when the token was issued
//! ([`Pallet::signing_key_at`]).
//!
//! Other pallets (courses, lifecycle) ask the registry through the [`TrustRegistry`] trait;
//! verifiers ask it through the `RegistryApi` runtime API (crate
//! `pallet-registry-runtime-api`), whose answers the `pub fn`s of [`Pallet`] compute.
//!
//! ## Terms
//!
//! - **Institution**: an account with a record in [`Institutions`]; its
//!   [`InstitutionStatus`] is `Applied`, `Accredited`, `Suspended` or `Revoked`.
//! - **Accreditation period**: blocks `from..to` during which an institution was accredited;
//!   `to` is `None` while the period is open. An institution *was accredited at block N* when a
//!   period of its [`AccreditationHistory`] has `from <= N < to` (or `from <= N` and no `to`). A
//!   period opens at the block of `accredit` or `reinstate` and closes at the block of `suspend`
//!   or `revoke`, so a token issued in the block that suspends an institution is not covered.
//! - **Instructor**: an account that acts for one or more accredited institutions
//!   ([`InstructorsOf`], [`InstitutionsOf`]).
//!
//! ## Invariants
//!
//! Checked by `do_try_state` (the `try_state` hook) and after every unit test:
//!
//! - An `Accredited` institution has exactly one open period, the last of its history; any
//!   other institution has none. An `Applied` institution has no history at all.
//! - Periods are ordered and do not overlap: `from <= to` and each `from` is at or after the
//!   previous `to`. History is never dropped: when it is full, `accredit` and `reinstate` fail.
//! - [`InstructorsOf`] and [`InstitutionsOf`] mirror each other, hold no duplicates and no empty
//!   lists, and only `Accredited` or `Suspended` institutions have instructors (revocation
//!   removes them).
//! - The balance held from an institution for [`HoldReason::ApplicationDeposit`] equals the
//!   `deposit` of its record: the application deposit while `Applied`, zero afterwards.
//! - An institution's current signing key is the last of its [`SigningKeys`] (none if it has
//!   none); keys are in the order of their blocks, no key follows itself, and only institutions
//!   in the registry have keys.
//!
//! A revoked institution keeps its record (status, reason, history) for good, so the same
//! account cannot apply again.

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
pub use traits::TrustRegistry;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(any(test, feature = "mock"))]
pub mod mock_registry;
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

	/// The in-code storage version: 1 since signing keys have a history ([`SigningKeys`];
	/// [`crate::migrations::v1`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The currency the application deposit is held in (and burned from, when the Council
		/// rejects an application and forfeits its deposit).
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// Who may accredit an applicant.
		type AccreditOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Who may reject an application.
		type RejectOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Who may suspend an accredited institution.
		type SuspendOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Who may reinstate a suspended institution.
		type ReinstateOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Who may revoke an accredited or suspended institution.
		type RevokeOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The deposit held from an applicant until its application is decided or withdrawn.
		#[pallet::constant]
		type ApplicationDeposit: Get<BalanceOf<Self>>;

		/// The longest institution name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// The longest institution URI, in bytes.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;

		/// The longest reason of a suspension or revocation, in bytes.
		#[pallet::constant]
		type MaxReasonLen: Get<u32>;

		/// The most accreditation periods kept per institution. Must be at least one.
		#[pallet::constant]
		type MaxHistoryLen: Get<u32>;

		/// The most instructors one institution may have.
		#[pallet::constant]
		type MaxInstructorsPerInstitution: Get<u32>;

		/// The most institutions one instructor may serve.
		#[pallet::constant]
		type MaxInstitutionsPerInstructor: Get<u32>;

		/// The most signing keys kept per institution (the first included). Must be at least
		/// one.
		#[pallet::constant]
		type MaxSigningKeys: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of an application that is not decided yet.
		#[codec(index = 0)]
		ApplicationDeposit,
	}

	/// Every institution that has applied and was not rejected, including revoked ones.
	#[pallet::storage]
	pub type Institutions<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Institution<T>, OptionQuery>;

	/// The accreditation periods of each institution, oldest first. Absent for an institution
	/// that was never accredited.
	#[pallet::storage]
	pub type AccreditationHistory<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, HistoryOf<T>, ValueQuery>;

	/// The signing keys each institution registered, oldest first, each with the block it took
	/// effect in. Never shortened while the institution is in the registry: a credential is
	/// checked against the key of the block its token was issued in.
	#[pallet::storage]
	pub type SigningKeys<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, KeyHistoryOf<T>, ValueQuery>;

	/// The instructors of each institution, in the order they were added.
	#[pallet::storage]
	pub type InstructorsOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, InstructorList<T>, ValueQuery>;

	/// The institutions each instructor serves, in the order they added it.
	#[pallet::storage]
	pub type InstitutionsOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, InstitutionList<T>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An account applied to become an institution; `deposit` is held from it.
		InstitutionApplied { institution: T::AccountId, deposit: BalanceOf<T> },
		/// An applicant withdrew its application; its deposit was released.
		ApplicationWithdrawn { institution: T::AccountId },
		/// An applicant was accredited; its deposit was released and a period opened.
		InstitutionAccredited { institution: T::AccountId },
		/// An application was rejected; its deposit was burned if `forfeited`, else released.
		ApplicationRejected { institution: T::AccountId, forfeited: bool },
		/// An accredited institution was suspended; its open period closed.
		InstitutionSuspended { institution: T::AccountId, reason: ReasonOf<T> },
		/// A suspended institution was reinstated; a new period opened.
		InstitutionReinstated { institution: T::AccountId },
		/// An institution was revoked for good; its open period (if any) closed and its
		/// instructors were removed.
		InstitutionRevoked { institution: T::AccountId, reason: ReasonOf<T> },
		/// An institution registered an instructor.
		InstructorAdded { institution: T::AccountId, instructor: T::AccountId },
		/// An institution removed an instructor, or its revocation did.
		InstructorRemoved { institution: T::AccountId, instructor: T::AccountId },
		/// An institution registered a new signing key, in effect from the next block.
		SigningKeyChanged { institution: T::AccountId, key: SigningKey },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No institution (nor application) of this account is in the registry.
		UnknownInstitution,
		/// The account is not an instructor of this institution.
		UnknownInstructor,
		/// The account has already applied (or was accredited, or revoked).
		AlreadyRegistered,
		/// The instructor is already registered with this institution.
		InstructorAlreadyAdded,
		/// The name is empty.
		EmptyName,
		/// The reason is empty: a suspension or revocation always says why.
		EmptyReason,
		/// The applicant cannot pay the application deposit (and keep its account alive).
		InsufficientBalance,
		/// The institution is not `Applied`.
		NotApplied,
		/// The institution is not `Accredited`.
		NotAccredited,
		/// The institution is not `Suspended`.
		NotSuspended,
		/// The institution was revoked: nothing can change it any more.
		AlreadyRevoked,
		/// The institution has `MaxInstructorsPerInstitution` instructors already.
		TooManyInstructors,
		/// The instructor serves `MaxInstitutionsPerInstructor` institutions already.
		TooManyInstitutions,
		/// The institution's history has `MaxHistoryLen` periods already; history is never
		/// dropped, so it cannot be accredited or reinstated again.
		TooManyPeriods,
		/// The key is the institution's signing key already.
		SameSigningKey,
		/// The institution registered `MaxSigningKeys` keys already; the history is never
		/// dropped.
		TooManySigningKeys,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxHistoryLen::get() > 0, "MaxHistoryLen must be at least 1");
			assert!(T::MaxNameLen::get() > 0, "MaxNameLen must be at least 1");
			assert!(T::MaxReasonLen::get() > 0, "MaxReasonLen must be at least 1");
			assert!(T::MaxSigningKeys::get() > 0, "MaxSigningKeys must be at least 1");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Apply to become an institution.
		///
		/// - Origin: any signed account that is not in the registry yet.
		/// - `name`: non-empty, at most `MaxNameLen` bytes; `uri`: at most `MaxUriLen` bytes (a
		///   longer one does not decode: the pool refuses the transaction before anything runs);
		///   `signing_key`: the ed25519 public key the institution will sign exported credentials
		///   with.
		/// - Holds `ApplicationDeposit` from the caller until the application is decided or
		///   withdrawn; the caller must keep the existential deposit besides.
		/// - Emits `InstitutionApplied`.
		/// - Cost: O(1); `WeightInfo::apply`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::apply())]
		pub fn apply(
			origin: OriginFor<T>,
			name: NameOf<T>,
			uri: UriOf<T>,
			signing_key: Option<SigningKey>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_apply(who, name, uri, signing_key)
		}

		/// Withdraw one's own application before the Council decides it.
		///
		/// - Origin: signed by the applicant; its record must be `Applied`.
		/// - Releases the deposit and removes the record.
		/// - Emits `ApplicationWithdrawn`.
		/// - Cost: O(1); `WeightInfo::withdraw_application`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::withdraw_application())]
		pub fn withdraw_application(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_application(who)
		}

		/// Accredit an applicant.
		///
		/// - Origin: `AccreditOrigin`; the institution must be `Applied`.
		/// - Releases the deposit and opens an accreditation period at the current block.
		/// - Emits `InstitutionAccredited`.
		/// - Cost: O(1); `WeightInfo::accredit`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::accredit())]
		pub fn accredit(origin: OriginFor<T>, institution: T::AccountId) -> DispatchResult {
			T::AccreditOrigin::ensure_origin(origin)?;
			Self::do_accredit(institution)
		}

		/// Reject an application.
		///
		/// - Origin: `RejectOrigin`; the institution must be `Applied`.
		/// - Removes the record; burns the deposit if `forfeit_deposit`, else releases it.
		/// - Emits `ApplicationRejected`.
		/// - Cost: O(1); `WeightInfo::reject`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reject())]
		pub fn reject(
			origin: OriginFor<T>,
			institution: T::AccountId,
			forfeit_deposit: bool,
		) -> DispatchResult {
			T::RejectOrigin::ensure_origin(origin)?;
			Self::do_reject(institution, forfeit_deposit)
		}

		/// Suspend an accredited institution.
		///
		/// - Origin: `SuspendOrigin`; the institution must be `Accredited`.
		/// - `reason`: non-empty, at most `MaxReasonLen` bytes (a longer one does not decode).
		/// - Closes the open period at the current block. Instructors stay registered, but the
		///   institution cannot add or remove any until it is reinstated.
		/// - Emits `InstitutionSuspended`.
		/// - Cost: O(1); `WeightInfo::suspend`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::suspend())]
		pub fn suspend(
			origin: OriginFor<T>,
			institution: T::AccountId,
			reason: ReasonOf<T>,
		) -> DispatchResult {
			T::SuspendOrigin::ensure_origin(origin)?;
			Self::do_suspend(institution, reason)
		}

		/// Reinstate a suspended institution.
		///
		/// - Origin: `ReinstateOrigin`; the institution must be `Suspended`, and its history must
		///   have room for one more period.
		/// - Opens a new accreditation period at the current block and clears the reason.
		/// - Emits `InstitutionReinstated`.
		/// - Cost: O(1); `WeightInfo::reinstate`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::reinstate())]
		pub fn reinstate(origin: OriginFor<T>, institution: T::AccountId) -> DispatchResult {
			T::ReinstateOrigin::ensure_origin(origin)?;
			Self::do_reinstate(institution)
		}

		/// Revoke an accredited or suspended institution for good.
		///
		/// - Origin: `RevokeOrigin`; the institution must be `Accredited` or `Suspended`.
		/// - `reason`: non-empty, at most `MaxReasonLen` bytes (a longer one does not decode).
		/// - Closes the open period (if any) at the current block and removes every instructor
		///   of the institution. The record stays, as `Revoked`, with its reason and history.
		/// - Emits `InstructorRemoved` for each instructor, then `InstitutionRevoked`.
		/// - Cost: O(I), I the number of its instructors; charged for
		///   `MaxInstructorsPerInstitution` and refunded to the actual number.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::revoke(T::MaxInstructorsPerInstitution::get()))]
		pub fn revoke(
			origin: OriginFor<T>,
			institution: T::AccountId,
			reason: ReasonOf<T>,
		) -> DispatchResultWithPostInfo {
			T::RevokeOrigin::ensure_origin(origin)?;
			let removed = Self::do_revoke(institution, reason)?;
			Ok(Some(T::WeightInfo::revoke(removed)).into())
		}

		/// Register an instructor who acts for the calling institution.
		///
		/// - Origin: signed by an `Accredited` institution.
		/// - The instructor may already serve other institutions, up to
		///   `MaxInstitutionsPerInstructor`; the institution may have up to
		///   `MaxInstructorsPerInstitution` instructors.
		/// - Emits `InstructorAdded`.
		/// - Cost: O(1) (bounded lists); `WeightInfo::add_instructor`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::add_instructor())]
		pub fn add_instructor(origin: OriginFor<T>, instructor: T::AccountId) -> DispatchResult {
			let institution = ensure_signed(origin)?;
			Self::do_add_instructor(institution, instructor)
		}

		/// Remove an instructor of the calling institution.
		///
		/// - Origin: signed by an `Accredited` institution; the instructor must be one of its
		///   instructors.
		/// - Emits `InstructorRemoved`.
		/// - Cost: O(1) (bounded lists); `WeightInfo::remove_instructor`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::remove_instructor())]
		pub fn remove_instructor(origin: OriginFor<T>, instructor: T::AccountId) -> DispatchResult {
			let institution = ensure_signed(origin)?;
			Self::do_remove_instructor(institution, instructor)
		}

		/// Register a new ed25519 signing key of the calling institution, in effect from the next
		/// block (to rotate a key, or replace one that leaked; a token minted earlier in this
		/// block keeps the old key). Earlier keys stay in
		/// [`SigningKeys`], so credentials signed with them for tokens of their time still
		/// verify as signed by the key registered then.
		///
		/// - Origin: signed by an institution in the registry that is not revoked (an applicant,
		///   accredited or suspended: a suspended institution may still replace a leaked key).
		/// - `key`: not the current signing key; the institution may have registered at most
		///   `MaxSigningKeys` keys in all.
		/// - Emits `SigningKeyChanged`.
		/// - Cost: O(1) (bounded history); `WeightInfo::set_signing_key`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::set_signing_key())]
		pub fn set_signing_key(origin: OriginFor<T>, key: SigningKey) -> DispatchResult {
			let institution = ensure_signed(origin)?;
			Self::do_set_signing_key(institution, key)
		}
	}
}

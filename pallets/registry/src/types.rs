//! Plain types of the registry of trust: what is stored, and what the runtime API returns.

use crate::Config;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::BoundedVec, traits::fungible, CloneNoBound, DebugNoBound, EqNoBound,
	PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// The account type of a runtime.
pub type AccountIdOf<T> = <T as frame_system::Config>::AccountId;

/// The balance type of the currency that holds application deposits.
pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<AccountIdOf<T>>>::Balance;

/// The ed25519 public key an institution signs its exported credentials with.
pub type SigningKey = [u8; 32];

/// A name, as stored.
pub type NameOf<T> = BoundedVec<u8, <T as Config>::MaxNameLen>;

/// A URI, as stored.
pub type UriOf<T> = BoundedVec<u8, <T as Config>::MaxUriLen>;

/// The reason of a suspension or a revocation, as stored.
pub type ReasonOf<T> = BoundedVec<u8, <T as Config>::MaxReasonLen>;

/// One accreditation period of an institution, as stored.
pub type PeriodOf<T> = AccreditationPeriod<BlockNumberFor<T>>;

/// The accreditation history of an institution, as stored: oldest period first.
pub type HistoryOf<T> = BoundedVec<PeriodOf<T>, <T as Config>::MaxHistoryLen>;

/// When an institution's signing key took effect: `key` signs from block `from` until the next
/// key's `from` (or for good, if it is the last).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct KeyPeriod<BlockNumber> {
	/// The ed25519 public key.
	pub key: SigningKey,
	/// The block in which it was registered.
	pub from: BlockNumber,
}

/// The signing keys an institution registered, oldest first, as stored.
pub type KeyHistoryOf<T> = BoundedVec<KeyPeriod<BlockNumberFor<T>>, <T as Config>::MaxSigningKeys>;

/// The instructors of one institution, as stored.
pub type InstructorList<T> =
	BoundedVec<AccountIdOf<T>, <T as Config>::MaxInstructorsPerInstitution>;

/// The institutions one instructor serves, as stored.
pub type InstitutionList<T> =
	BoundedVec<AccountIdOf<T>, <T as Config>::MaxInstitutionsPerInstructor>;

/// Where an institution stands in the registry.
///
/// ```text
///            accredit               suspend
///  Applied ───────────► Accredited ─────────► Suspended
///     │                    ▲  │                 │  │
///     │ reject/withdraw    │  └── reinstate ◄───┘  │
///     ▼                    │                       │
///  (removed)               └────── revoke ─────────┴──► Revoked (kept, final)
/// ```
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum InstitutionStatus {
	/// It has applied and its deposit is held; the Council has not decided yet.
	Applied,
	/// The Council accredited it: it is trusted and may register instructors.
	Accredited,
	/// The Council suspended it: not trusted for now, but it may be reinstated.
	Suspended,
	/// The Council revoked it: never trusted again. The record stays, for verifiers.
	Revoked,
}

/// An institution in the registry.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Institution<T: Config> {
	/// Where it stands.
	pub status: InstitutionStatus,
	/// Its display name (never empty).
	pub name: NameOf<T>,
	/// Where more about it is published (may be empty).
	pub uri: UriOf<T>,
	/// The ed25519 public key it signs exported credentials with, if it gave one.
	pub signing_key: Option<SigningKey>,
	/// The deposit held from it. Non-zero only while `Applied`: it is released (or burned) when
	/// the application is decided or withdrawn.
	pub deposit: BalanceOf<T>,
	/// Why it was suspended or revoked; `None` otherwise.
	pub reason: Option<ReasonOf<T>>,
}

/// A period during which an institution was accredited: blocks `from` (included) to `to`
/// (excluded), or from `from` on while `to` is `None` (the period is still open).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct AccreditationPeriod<BlockNumber> {
	/// The block in which it was accredited or reinstated.
	pub from: BlockNumber,
	/// The block in which it was suspended or revoked, if it was.
	pub to: Option<BlockNumber>,
}

impl<BlockNumber: PartialOrd> AccreditationPeriod<BlockNumber> {
	/// Whether block `at` falls in this period: `from <= at < to`.
	pub fn covers(&self, at: &BlockNumber) -> bool {
		&self.from <= at && self.to.as_ref().is_none_or(|to| at < to)
	}

	/// Whether the period is still open.
	pub fn is_open(&self) -> bool {
		self.to.is_none()
	}
}

/// Everything the chain knows about an institution, in plain types: what the runtime API
/// `RegistryApi::institution` returns.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo)]
pub struct InstitutionView<BlockNumber> {
	/// Where it stands.
	pub status: InstitutionStatus,
	/// Its display name.
	pub name: Vec<u8>,
	/// Where more about it is published.
	pub uri: Vec<u8>,
	/// The ed25519 public key it signs exported credentials with now.
	pub signing_key: Option<SigningKey>,
	/// Why it was suspended or revoked.
	pub reason: Option<Vec<u8>>,
	/// Its accreditation periods, oldest first.
	pub history: Vec<AccreditationPeriod<BlockNumber>>,
	/// Every signing key it registered and from which block, oldest first: a credential
	/// signed for a token issued at block N is valid with the key whose period covers N.
	pub signing_keys: Vec<KeyPeriod<BlockNumber>>,
}

impl<T: Config> Institution<T> {
	/// The record of a new application.
	pub(crate) fn applied(
		name: NameOf<T>,
		uri: UriOf<T>,
		signing_key: Option<SigningKey>,
		deposit: BalanceOf<T>,
	) -> Self {
		Self { status: InstitutionStatus::Applied, name, uri, signing_key, deposit, reason: None }
	}

	/// The view of this record with its accreditation and key histories.
	pub(crate) fn view(
		self,
		history: HistoryOf<T>,
		signing_keys: KeyHistoryOf<T>,
	) -> InstitutionView<BlockNumberFor<T>> {
		InstitutionView {
			status: self.status,
			name: self.name.into_inner(),
			uri: self.uri.into_inner(),
			signing_key: self.signing_key,
			reason: self.reason.map(BoundedVec::into_inner),
			history: history.into_inner(),
			signing_keys: signing_keys.into_inner(),
		}
	}
}

//! [`KeepKeys`]: the transaction extension that keeps a listed validator from purging its
//! session keys; see the crate docs, "Session keys".

use crate::{Config, Validators, VALIDATOR_KEEPS_KEYS};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::{fmt, marker::PhantomData};
use frame_support::traits::{Get, IsSubType};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Implication, PostDispatchInfoOf,
		TransactionExtension, ValidateResult,
	},
	transaction_validity::{InvalidTransaction, TransactionValidity, TransactionValidityError},
	DispatchResult, Weight,
};

/// Wraps the extension `S` (in the runtime, `CheckNonZeroSender`): refuses
/// `session.purge_keys` signed by an account in [`Validators`] with
/// `Invalid Transaction: Custom error:` [`VALIDATOR_KEEPS_KEYS`], in the transaction pool and in
/// a block; every other transaction goes to `S` alone.
///
/// A signed account reaches `purge_keys` only as a transaction's own call in this runtime (it
/// has no pallet that dispatches a signed account's nested calls, such as utility or proxy), so
/// this check is the whole rule. A runtime that adds such a pallet must filter the nested call
/// too.
///
/// It encodes as `S` and reports `S`'s identifier and metadata: clients see `S`.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct KeepKeys<T, S>(pub S, PhantomData<T>);

impl<T, S> From<S> for KeepKeys<T, S> {
	fn from(inner: S) -> Self {
		Self(inner, PhantomData)
	}
}

impl<T, S: fmt::Debug> fmt::Debug for KeepKeys<T, S> {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		write!(f, "KeepKeys({:?})", self.0)
	}
}

impl<T, S> KeepKeys<T, S>
where
	T: Config + pallet_session::Config,
	<T as frame_system::Config>::RuntimeCall: IsSubType<pallet_session::Call<T>>,
{
	/// Whether `call` is `session.purge_keys`.
	fn is_purge(call: &<T as frame_system::Config>::RuntimeCall) -> bool {
		matches!(call.is_sub_type(), Some(pallet_session::Call::purge_keys {}))
	}
}

impl<T, S> TransactionExtension<<T as frame_system::Config>::RuntimeCall> for KeepKeys<T, S>
where
	T: Config + pallet_session::Config + Send + Sync,
	S: TransactionExtension<<T as frame_system::Config>::RuntimeCall>,
	<T as frame_system::Config>::RuntimeCall: IsSubType<pallet_session::Call<T>>,
	<T as frame_system::Config>::RuntimeOrigin: AsSystemOriginSigner<T::AccountId> + Clone,
{
	const IDENTIFIER: &'static str = S::IDENTIFIER;
	type Implicit = S::Implicit;
	type Val = S::Val;
	type Pre = S::Pre;

	fn implicit(&self) -> Result<Self::Implicit, TransactionValidityError> {
		self.0.implicit()
	}

	fn metadata() -> alloc::vec::Vec<sp_runtime::traits::TransactionExtensionMetadata> {
		S::metadata()
	}

	fn weight(&self, call: &<T as frame_system::Config>::RuntimeCall) -> Weight {
		let inner = self.0.weight(call);
		if Self::is_purge(call) {
			// One read of the validator list.
			inner.saturating_add(T::DbWeight::get().reads(1))
		} else {
			inner
		}
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>,
		call: &<T as frame_system::Config>::RuntimeCall,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		len: usize,
		self_implicit: Self::Implicit,
		inherited_implication: &impl Implication,
		source: sp_runtime::transaction_validity::TransactionSource,
	) -> ValidateResult<Self::Val, <T as frame_system::Config>::RuntimeCall> {
		if Self::is_purge(call) {
			if let Some(who) = origin.as_system_origin_signer() {
				if Validators::<T>::get().binary_search(who).is_ok() {
					return Err(InvalidTransaction::Custom(VALIDATOR_KEEPS_KEYS).into());
				}
			}
		}
		self.0
			.validate(origin, call, info, len, self_implicit, inherited_implication, source)
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>,
		call: &<T as frame_system::Config>::RuntimeCall,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		self.0.prepare(val, origin, call, info, len)
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		post_info: &PostDispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		S::post_dispatch_details(pre, info, post_info, len, result)
	}

	fn bare_validate(
		call: &<T as frame_system::Config>::RuntimeCall,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		len: usize,
	) -> TransactionValidity {
		S::bare_validate(call, info, len)
	}

	fn bare_validate_and_prepare(
		call: &<T as frame_system::Config>::RuntimeCall,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		len: usize,
	) -> Result<(), TransactionValidityError> {
		S::bare_validate_and_prepare(call, info, len)
	}

	fn bare_post_dispatch(
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		post_info: &mut PostDispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<(), TransactionValidityError> {
		S::bare_post_dispatch(info, post_info, len, result)
	}
}

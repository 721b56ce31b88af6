//! [`FreeQueueLimit`]: the nonce check, with a cap on how many free calls of one account the
//! transaction pool holds at once; see the crate docs, "One account's calls in the pool".

use crate::{Config, Pallet, QUEUE_FULL};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::fmt;
use frame_support::{dispatch::DispatchInfo, traits::Get};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, Dispatchable, Implication, PostDispatchInfoOf,
		Saturating, TransactionExtension, ValidateResult,
	},
	transaction_validity::{
		InvalidTransaction, TransactionSource, TransactionValidity, TransactionValidityError,
	},
	DispatchResult, Weight,
};

/// Wraps `frame_system::CheckNonce`: in the transaction pool, a call that is free for its
/// signer is refused ([`QUEUE_FULL`]) if its nonce is [`Config::MaxQueuedFree`] or more ahead of
/// the signer's account nonce, so that the pool never holds more than that many free calls of
/// one account. Every other transaction, and every transaction in a block (where the nonce is
/// the account's), is checked by `CheckNonce` alone.
///
/// It encodes as `CheckNonce` and reports its identifier and metadata: clients see `CheckNonce`.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct FreeQueueLimit<T: Config>(pub frame_system::CheckNonce<T>);

impl<T: Config> From<frame_system::CheckNonce<T>> for FreeQueueLimit<T> {
	fn from(inner: frame_system::CheckNonce<T>) -> Self {
		Self(inner)
	}
}

impl<T: Config> fmt::Debug for FreeQueueLimit<T> {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		write!(f, "FreeQueueLimit({:?})", self.0)
	}
}

impl<T: Config> FreeQueueLimit<T> {
	/// Whether the pool must refuse this transaction of `who` with `call`: a free call too far
	/// ahead of the account's nonce.
	fn too_far_ahead(&self, who: &T::AccountId, call: &T::RuntimeCall) -> bool {
		let current = frame_system::Account::<T>::get(who).nonce;
		let ahead = self.0 .0.saturating_sub(current);
		ahead >= T::MaxQueuedFree::get().into() && Pallet::<T>::is_free(who, call)
	}
}

impl<T> TransactionExtension<T::RuntimeCall> for FreeQueueLimit<T>
where
	T: Config + Send + Sync,
	T::RuntimeCall: Dispatchable<Info = DispatchInfo>,
	T::RuntimeOrigin: AsSystemOriginSigner<T::AccountId> + Clone,
{
	const IDENTIFIER: &'static str =
		<frame_system::CheckNonce<T> as TransactionExtension<T::RuntimeCall>>::IDENTIFIER;
	type Implicit = ();
	type Val = <frame_system::CheckNonce<T> as TransactionExtension<T::RuntimeCall>>::Val;
	type Pre = <frame_system::CheckNonce<T> as TransactionExtension<T::RuntimeCall>>::Pre;

	fn metadata() -> alloc::vec::Vec<sp_runtime::traits::TransactionExtensionMetadata> {
		<frame_system::CheckNonce<T> as TransactionExtension<T::RuntimeCall>>::metadata()
	}

	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		// The extra check runs in the pool only: no block weight of its own.
		self.0.weight(call)
	}

	fn validate(
		&self,
		origin: T::RuntimeOrigin,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
		self_implicit: Self::Implicit,
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		if source != TransactionSource::InBlock {
			if let Some(who) = origin.as_system_origin_signer() {
				if self.too_far_ahead(who, call) {
					return Err(InvalidTransaction::Custom(QUEUE_FULL).into());
				}
			}
		}
		self.0
			.validate(origin, call, info, len, self_implicit, inherited_implication, source)
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &T::RuntimeOrigin,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		self.0.prepare(val, origin, call, info, len)
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<T::RuntimeCall>,
		post_info: &PostDispatchInfoOf<T::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		<frame_system::CheckNonce<T> as TransactionExtension<T::RuntimeCall>>::post_dispatch_details(
			pre, info, post_info, len, result,
		)
	}

	fn bare_validate(
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> TransactionValidity {
		<frame_system::CheckNonce<T> as TransactionExtension<T::RuntimeCall>>::bare_validate(
			call, info, len,
		)
	}

	fn bare_validate_and_prepare(
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> Result<(), TransactionValidityError> {
		<frame_system::CheckNonce<T> as TransactionExtension<T::RuntimeCall>>::bare_validate_and_prepare(
			call, info, len,
		)
	}

	fn bare_post_dispatch(
		info: &DispatchInfoOf<T::RuntimeCall>,
		post_info: &mut PostDispatchInfoOf<T::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<(), TransactionValidityError> {
		<frame_system::CheckNonce<T> as TransactionExtension<T::RuntimeCall>>::bare_post_dispatch(
			info, post_info, len, result,
		)
	}
}

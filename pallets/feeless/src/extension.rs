//! [`FreeOrPaid`]: the transaction extension that makes valid free calls free, keeps invalid
//! ones out of the pool (a dry run), charges the ones that fail in a block against their
//! signer's limit, and ranks paid transactions above free ones; see the crate docs.

use crate::{Config, Pallet, Refusal, RATE_LIMITED, WOULD_FAIL};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::{fmt, marker::PhantomData};
use frame_support::traits::Get;
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Implication, PostDispatchInfoOf,
		TransactionExtension, ValidateResult,
	},
	transaction_validity::{
		InvalidTransaction, TransactionPriority, TransactionSource, TransactionValidity,
		TransactionValidityError, ValidTransaction,
	},
	DispatchResult, Weight,
};

/// Wraps the fee extension `S` (`ChargeTransactionPayment`): a signed call that
/// [`Config::FreeCalls`] makes free for its signer pays nothing if it is within the signer's
/// rate limit and would succeed, and is invalid otherwise; every other transaction goes to `S`,
/// its pool priority raised by [`Config::PaidPriority`].
///
/// It encodes as `S`, and reports `S`'s identifier and metadata: clients see `S`.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct FreeOrPaid<T, S>(pub S, PhantomData<T>);

impl<T, S> From<S> for FreeOrPaid<T, S> {
	fn from(inner: S) -> Self {
		Self(inner, PhantomData)
	}
}

impl<T, S: fmt::Debug> fmt::Debug for FreeOrPaid<T, S> {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		write!(f, "FreeOrPaid({:?})", self.0)
	}
}

/// What [`FreeOrPaid::validate`] hands to `prepare`.
pub enum Val<AccountId, V> {
	/// A free call of this signer.
	Free(AccountId),
	/// A paid transaction, with what `S` validated.
	Paid(V),
}

/// What [`FreeOrPaid::prepare`] hands to `post_dispatch`.
pub enum Pre<AccountId, P> {
	/// A free call of this signer: nothing to pay; `unused` is what this extension's weight
	/// (the heavier of the free and the paid path) holds beyond the free path's.
	Free { who: AccountId, unused: Weight },
	/// A paid transaction, with what `S` prepared.
	Paid(P),
}

impl<T: Config, S> FreeOrPaid<T, S>
where
	T::RuntimeOrigin: AsSystemOriginSigner<T::AccountId>,
{
	/// The signer of `origin` and the call's pool priority if `origin` is signed and `call` is
	/// free for its signer.
	fn free_signer(
		origin: &T::RuntimeOrigin,
		call: &T::RuntimeCall,
	) -> Option<(T::AccountId, TransactionPriority)> {
		let who = origin.as_system_origin_signer()?;
		let priority = Pallet::<T>::free_priority(who, call)?;
		Some((who.clone(), priority))
	}
}

/// The validity error of a refused free call.
fn invalid<B>(refusal: Refusal<B>) -> TransactionValidityError {
	match refusal {
		Refusal::RateLimited { .. } => InvalidTransaction::Custom(RATE_LIMITED).into(),
		// `NotFree` cannot happen here: only free calls are checked.
		Refusal::WouldFail { .. } | Refusal::NotFree => {
			InvalidTransaction::Custom(WOULD_FAIL).into()
		},
	}
}

impl<T, S> TransactionExtension<T::RuntimeCall> for FreeOrPaid<T, S>
where
	T: Config + Send + Sync,
	S: TransactionExtension<T::RuntimeCall>,
	T::RuntimeOrigin: AsSystemOriginSigner<T::AccountId> + Clone,
{
	const IDENTIFIER: &'static str = S::IDENTIFIER;
	type Implicit = S::Implicit;
	type Val = Val<T::AccountId, S::Val>;
	type Pre = Pre<T::AccountId, S::Pre>;

	fn implicit(&self) -> Result<Self::Implicit, TransactionValidityError> {
		self.0.implicit()
	}

	fn metadata() -> alloc::vec::Vec<sp_runtime::traits::TransactionExtensionMetadata> {
		S::metadata()
	}

	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		if Pallet::<T>::may_be_free(call) {
			// The signer, who decides whether it is free, is not known here: the heavier of the
			// two, and a free call is refunded the rest in `post_dispatch_details`.
			Pallet::<T>::free_call_weight().max(self.0.weight(call))
		} else {
			self.0.weight(call)
		}
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
		self_implicit: Self::Implicit,
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		if let Some((who, priority)) = Self::free_signer(&origin, call) {
			match source {
				// Applied in a block: dispatched once, and charged against the rate limit in
				// `post_dispatch_details` if it fails.
				TransactionSource::InBlock => Pallet::<T>::check_rate(&who),
				// The pool: a dry run.
				TransactionSource::External | TransactionSource::Local => {
					Pallet::<T>::check(&who, call)
				},
			}
			.map_err(invalid)?;
			let valid = ValidTransaction {
				priority,
				longevity: T::FreeLongevity::get(),
				..ValidTransaction::default()
			};
			return Ok((valid, Val::Free(who), origin));
		}
		let (mut valid, val, origin) = self.0.validate(
			origin,
			call,
			info,
			len,
			self_implicit,
			inherited_implication,
			source,
		)?;
		valid.priority = valid.priority.saturating_add(T::PaidPriority::get());
		Ok((valid, Val::Paid(val), origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		match val {
			Val::Free(who) => {
				Pallet::<T>::note_free_call(&who);
				// This extension's own weight only: `info.extension_weight` is the whole
				// pipeline's.
				let unused = self.weight(call).saturating_sub(Pallet::<T>::free_call_weight());
				Ok(Pre::Free { who, unused })
			},
			Val::Paid(val) => self.0.prepare(val, origin, call, info, len).map(Pre::Paid),
		}
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<T::RuntimeCall>,
		post_info: &PostDispatchInfoOf<T::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		match pre {
			Pre::Free { who, unused } => {
				// A failed free call is included as failed, its weight counted, and charged
				// against its signer's limit (see the crate docs).
				if result.is_err() {
					Pallet::<T>::note_failed_call(&who);
				}
				// Weighed as the heavier of free and paid: refund what the free path did not
				// use.
				Ok(unused)
			},
			Pre::Paid(pre) => S::post_dispatch_details(pre, info, post_info, len, result),
		}
	}

	fn bare_validate(
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> TransactionValidity {
		S::bare_validate(call, info, len)
	}

	fn bare_validate_and_prepare(
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> Result<(), TransactionValidityError> {
		S::bare_validate_and_prepare(call, info, len)
	}

	fn bare_post_dispatch(
		info: &DispatchInfoOf<T::RuntimeCall>,
		post_info: &mut PostDispatchInfoOf<T::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<(), TransactionValidityError> {
		S::bare_post_dispatch(info, post_info, len, result)
	}
}

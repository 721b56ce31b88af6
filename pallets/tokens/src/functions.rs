//! The logic of the tokens pallet: issuing ([`TokenIssuer`]), the `do_*` helpers the calls
//! delegate to, the queries of the runtime API, and the invariant check.

use crate::{
	pallet::{
		Config, Error, Event, NewTokenOf, NextTokenId, Pallet, TokenOf, TokenViewOf, Tokens,
		TokensOf, VerificationOf,
	},
	types::*,
	TokenIssuer,
};
use alloc::{collections::BTreeMap, vec::Vec};
use frame_support::{
	ensure,
	pallet_prelude::{DispatchError, DispatchResult},
	storage::with_storage_layer,
	traits::{
		fungible::Mutate,
		tokens::{Fortitude, Precision, Preservation},
	},
	BoundedVec,
};
use pallet_registry::TrustRegistry;
use sp_runtime::SaturatedConversion;

impl<T: Config> Pallet<T> {
	/// See [`TokenIssuer::issue`]. Every check and every fallible step (the Help mint) comes
	/// before the first write of this pallet; the caller wraps it in a storage layer as well.
	pub(crate) fn do_issue(token: NewTokenOf<T>) -> Result<TokenId, DispatchError> {
		let id = NextTokenId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::NoTokenIdLeft)?;
		let record = TokenOf::<T>::issued(token, frame_system::Pallet::<T>::block_number());

		if record.help > 0 {
			T::Help::mint_into(&record.holder, record.help.into())?;
		}

		TokensOf::<T>::insert(&record.holder, id, ());
		NextTokenId::<T>::put(next);
		let event = Event::TokenIssued {
			token: id,
			holder: record.holder.clone(),
			kind: record.kind,
			points: record.points,
			help: record.help,
		};
		Tokens::<T>::insert(id, record);

		Self::deposit_event(event);
		Ok(id)
	}

	/// See [`Pallet::revoke`]. `signer` is `None` for `RevokeOrigin` (the Council), else the
	/// signed caller, who must be the token's institution.
	pub(crate) fn do_revoke(
		signer: Option<T::AccountId>,
		token: TokenId,
		reason: Vec<u8>,
	) -> DispatchResult {
		let by = if signer.is_some() { Revoker::Institution } else { Revoker::Council };
		let burned_help = Tokens::<T>::try_mutate(token, |maybe_token| {
			let record = maybe_token.as_mut().ok_or(Error::<T>::UnknownToken)?;
			if let Some(signer) = &signer {
				ensure!(&record.institution == signer, Error::<T>::NotIssuer);
			}
			ensure!(!record.is_revoked(), Error::<T>::AlreadyRevoked);
			ensure!(!reason.is_empty(), Error::<T>::EmptyReason);
			let reason: BoundedVec<u8, T::MaxReasonLen> =
				reason.try_into().map_err(|_| Error::<T>::ReasonTooLong)?;

			let burned_help = burn_help::<T>(&record.holder, record.help);
			record.revocation = Some(Revocation {
				by,
				reason,
				at: frame_system::Pallet::<T>::block_number(),
				burned_help,
			});
			Ok::<u32, DispatchError>(burned_help)
		})?;

		Self::deposit_event(Event::TokenRevoked { token, by, burned_help });
		Ok(())
	}
}

impl<T: Config> TokenIssuer<T::AccountId> for Pallet<T> {
	type MaxSkillIdLen = T::MaxSkillIdLen;

	fn issue(token: NewTokenOf<T>) -> Result<TokenId, DispatchError> {
		with_storage_layer(|| Self::do_issue(token))
	}
}

/// Queries: what the runtime API `TokensApi` answers.
impl<T: Config> Pallet<T> {
	/// The token `token`, revoked or not.
	pub fn token(token: TokenId) -> Option<TokenViewOf<T>> {
		Tokens::<T>::get(token).map(|record| record.view(token))
	}

	/// The tokens of `holder`, revoked ones included, by id.
	pub fn tokens_of(holder: &T::AccountId) -> Vec<TokenViewOf<T>> {
		let mut ids: Vec<TokenId> = TokensOf::<T>::iter_key_prefix(holder).collect();
		ids.sort_unstable();
		ids.into_iter().filter_map(Self::token).collect()
	}

	/// The skill profile of `holder`: the totals of their live tokens per CIP code and per
	/// skill, each list ordered by its key's bytes. Computed from the holder's tokens on every
	/// call (the chain keeps no running totals, so issuing a token writes no profile): the cost
	/// of a query, O(tokens of the holder), falls on the verifier's node, not on the block.
	pub fn skill_profile(holder: &T::AccountId) -> SkillProfile {
		let mut by_cip: BTreeMap<Vec<u8>, Totals> = BTreeMap::new();
		let mut by_skill: BTreeMap<Vec<u8>, Totals> = BTreeMap::new();
		for id in TokensOf::<T>::iter_key_prefix(holder) {
			let Some(record) = Tokens::<T>::get(id) else { continue };
			if record.is_revoked() {
				continue;
			}
			let delta = record.totals();
			let cip = by_cip.entry(record.cip_code.as_bytes().to_vec()).or_default();
			*cip = cip.saturating_add(&delta);
			let skill = by_skill.entry(record.skill.into_inner()).or_default();
			*skill = skill.saturating_add(&delta);
		}
		SkillProfile {
			by_cip: by_cip.into_iter().collect(),
			by_skill: by_skill.into_iter().collect(),
		}
	}

	/// What a verifier needs to judge `token`, or `None` if no token has this id: the token,
	/// whether its institution was accredited when it was issued and is now, whether its
	/// instructor still serves the institution, and whether it was revoked.
	pub fn verify(token: TokenId) -> Option<VerificationOf<T>> {
		let record = Tokens::<T>::get(token)?;
		let accredited_when_issued =
			T::Registry::was_accredited_at(&record.institution, record.issued_at);
		let accredited_now = T::Registry::is_accredited(&record.institution);
		let instructor_still_serves =
			T::Registry::is_instructor_of(&record.instructor, &record.institution);
		let revoked = record.is_revoked();
		let instructor = record.instructor.clone();
		Some(Verification {
			token: record.view(token),
			accredited_when_issued,
			accredited_now,
			instructor,
			instructor_still_serves,
			revoked,
		})
	}
}

/// Burns up to `help` Help from `holder`, as much as the holder has; returns how much was
/// burned. Best effort: a failure burns nothing (its writes are rolled back) and returns 0, so
/// that the state of the Help asset never blocks a revocation.
fn burn_help<T: Config>(holder: &T::AccountId, help: u32) -> u32 {
	if help == 0 {
		return 0;
	}
	with_storage_layer(|| {
		T::Help::burn_from(
			holder,
			help.into(),
			Preservation::Expendable,
			Precision::BestEffort,
			Fortitude::Force,
		)
	})
	.map(|burned| burned.saturated_into::<u32>().min(help))
	.unwrap_or(0)
}

/// The invariants listed in the crate docs.
#[cfg(any(feature = "try-runtime", test))]
impl<T: Config> Pallet<T> {
	/// Checks every invariant of the pallet; `Err` names the first one that does not hold.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextTokenId::<T>::get();
		for (id, record) in Tokens::<T>::iter() {
			ensure!(id < next, "a token id is not below NextTokenId");
			ensure!(
				TokensOf::<T>::contains_key(&record.holder, id),
				"a token is not indexed under its holder"
			);
			ensure!(
				record.kind == TokenKind::Score || record.help == 0,
				"a token other than Score carries Help"
			);
			if let Some(revocation) = &record.revocation {
				ensure!(!revocation.reason.is_empty(), "a revocation has no reason");
				ensure!(
					revocation.burned_help <= record.help,
					"a revocation burned more Help than the token minted"
				);
			}
		}

		for (holder, id) in TokensOf::<T>::iter_keys() {
			ensure!(
				Tokens::<T>::get(id).is_some_and(|record| record.holder == holder),
				"a TokensOf entry has no token with that holder"
			);
		}

		Ok(())
	}
}

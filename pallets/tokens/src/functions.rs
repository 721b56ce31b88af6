//! The logic of the tokens pallet: issuing ([`TokenLedger`]), the `do_*` helpers the calls
//! delegate to, the queries of the runtime API, and the invariant check.

use crate::{
	pallet::{
		Config, Error, Event, InstructorTokens, NextTokenId, Pallet, ReasonOf, TokenDataOf,
		TokenOf, TokenViewOf, Tokens, VerificationOf,
	},
	types::*,
	OnRevoke, TokenLedger,
};
use alloc::{collections::BTreeMap, vec::Vec};
use frame_support::{
	ensure,
	pallet_prelude::{DispatchError, DispatchResult},
	storage::with_storage_layer,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{Fortitude, Precision, Preservation},
	},
};
use pallet_courses::CourseInspect;
use pallet_registry::TrustRegistry;
use sp_runtime::{traits::Zero, SaturatedConversion};

impl<T: Config> Pallet<T> {
	/// See [`TokenLedger::issue`]: one write per token (two for an Instructor-score token, its
	/// holder index), one read and one write of the id counter for the whole batch.
	pub(crate) fn do_issue(tokens: Vec<TokenDataOf<T>>) -> Result<TokenId, DispatchError> {
		let first = NextTokenId::<T>::get();
		let count: TokenId = tokens.len().saturated_into();
		let next = first.checked_add(count).ok_or(Error::<T>::NoTokenIdLeft)?;
		let issued_at = frame_system::Pallet::<T>::block_number();
		for (id, data) in (first..next).zip(tokens) {
			if data.kind == TokenKind::InstructorScore {
				InstructorTokens::<T>::insert(&data.instructor, id, ());
			}
			Tokens::<T>::insert(id, Token { data, issued_at, revocation: None });
		}
		NextTokenId::<T>::put(next);
		Ok(first)
	}

	/// See [`Pallet::revoke`]. `signer` is `None` for `RevokeOrigin` (the Council), else the
	/// signed caller, who must be the institution of the token's course, accredited now, and
	/// the token an Attendance or Score token.
	pub(crate) fn do_revoke(
		signer: Option<T::AccountId>,
		token: TokenId,
		reason: ReasonOf<T>,
	) -> DispatchResult {
		let by = if signer.is_some() { Revoker::Institution } else { Revoker::Council };
		let mut record = Tokens::<T>::get(token).ok_or(Error::<T>::UnknownToken)?;
		if let Some(signer) = &signer {
			let (_, institution) = T::Courses::cip_code_and_institution(record.data.course)
				.ok_or(Error::<T>::UnknownToken)?;
			ensure!(&institution == signer, Error::<T>::NotIssuer);
			ensure!(T::Registry::is_accredited(signer), Error::<T>::NotAccredited);
			ensure!(
				record.data.kind != TokenKind::InstructorScore,
				Error::<T>::NotRevocableByInstitution
			);
		}
		ensure!(!record.is_revoked(), Error::<T>::AlreadyRevoked);
		ensure!(!reason.is_empty(), Error::<T>::EmptyReason);

		let holder = record.data.holder().clone();
		let burned_help = burn_help::<T>(&holder, record.data.help);
		let unburned_help = record.data.help.saturating_sub(burned_help);
		let reopened = T::OnRevoke::on_revoke(token, &record.data, unburned_help);
		record.revocation = Some(Revocation {
			by,
			reason,
			at: frame_system::Pallet::<T>::block_number(),
			burned_help,
			unburned_help,
			reopened,
		});
		Tokens::<T>::insert(token, record);

		Self::deposit_event(Event::TokenRevoked {
			token,
			holder,
			by,
			burned_help,
			unburned_help,
			reopened,
		});
		Ok(())
	}
}

impl<T: Config> TokenLedger<T::AccountId, frame_system::pallet_prelude::BlockNumberFor<T>>
	for Pallet<T>
{
	fn issue(tokens: Vec<TokenDataOf<T>>) -> Result<TokenId, DispatchError> {
		Self::do_issue(tokens)
	}

	fn mint_help(to: &T::AccountId, amount: u32) -> DispatchResult {
		if amount > 0 {
			T::Help::mint_into(to, amount.into())?;
		}
		Ok(())
	}

	fn views(ids: Vec<TokenId>) -> Vec<TokenViewOf<T>> {
		Self::views(ids)
	}

	fn is_revoked(id: TokenId) -> bool {
		Tokens::<T>::get(id).is_some_and(|record| record.is_revoked())
	}

	fn instructor_tokens(
		instructor: &T::AccountId,
		cursor: Option<TokenId>,
		limit: u32,
	) -> Page<TokenId, TokenId> {
		let ids = match cursor {
			Some(after) => InstructorTokens::<T>::iter_key_prefix_from(
				instructor,
				InstructorTokens::<T>::hashed_key_for(instructor, after),
			),
			None => InstructorTokens::<T>::iter_key_prefix(instructor),
		};
		let size = pallet_courses::page_size(limit);
		let mut items: Vec<TokenId> = ids.take(size.saturating_add(1)).collect();
		let next = if items.len() > size {
			items.truncate(size);
			items.last().copied()
		} else {
			None
		};
		Page { items, next }
	}
}

/// What each course says about its tokens, read once per course (and unit) for a list.
struct CourseFacts<AccountId> {
	institution: AccountId,
	cip_code: Vec<u8>,
	skills: BTreeMap<UnitIndex, Vec<u8>>,
}

/// Queries: what the runtime API `TokensApi` answers.
impl<T: Config> Pallet<T> {
	/// The token `token`, revoked or not, as the runtime APIs show it.
	pub fn token(token: TokenId) -> Option<TokenViewOf<T>> {
		Self::views(alloc::vec![token]).pop()
	}

	/// The tokens `ids`, in order, each with its course's institution, CIP code and skill
	/// (each course and unit read once); unknown ids are left out.
	pub fn views(ids: Vec<TokenId>) -> Vec<TokenViewOf<T>> {
		let mut courses: BTreeMap<CourseId, Option<CourseFacts<T::AccountId>>> = BTreeMap::new();
		ids.into_iter()
			.filter_map(|id| {
				let record = Tokens::<T>::get(id)?;
				let data = &record.data;
				let facts = courses
					.entry(data.course)
					.or_insert_with(|| {
						T::Courses::cip_code_and_institution(data.course).map(
							|(cip_code, institution)| CourseFacts {
								institution,
								cip_code: cip_code.as_bytes().to_vec(),
								skills: BTreeMap::new(),
							},
						)
					})
					.as_mut()?;
				let skill = match data.unit {
					Some(unit) => facts
						.skills
						.entry(unit)
						.or_insert_with(|| {
							T::Courses::unit(data.course, unit)
								.map(|unit| unit.skill.into_inner())
								.unwrap_or_default()
						})
						.clone(),
					None => Vec::new(),
				};
				Some(view::<T>(
					id,
					record,
					facts.institution.clone(),
					facts.cip_code.clone(),
					skill,
				))
			})
			.collect()
	}

	/// What a verifier needs to judge `token`, or `None` if no token has this id: the token,
	/// whether its institution was accredited when it was issued and is now, whether its
	/// instructor still serves the institution, and whether it was revoked.
	pub fn verify(token: TokenId) -> Option<VerificationOf<T>> {
		let view = Self::token(token)?;
		let accredited_when_issued =
			T::Registry::was_accredited_at(&view.institution, view.issued_at);
		let accredited_now = T::Registry::is_accredited(&view.institution);
		let instructor_still_serves =
			T::Registry::is_instructor_of(&view.instructor, &view.institution);
		let revoked = view.revocation.is_some();
		Some(Verification {
			token: view,
			accredited_when_issued,
			accredited_now,
			instructor_still_serves,
			revoked,
		})
	}
}

/// `record` with id `id`, in plain types, with what its course says.
fn view<T: Config>(
	id: TokenId,
	record: TokenOf<T>,
	institution: T::AccountId,
	cip_code: Vec<u8>,
	skill: Vec<u8>,
) -> TokenViewOf<T> {
	let Token { data, issued_at, revocation } = record;
	TokenView {
		id,
		kind: data.kind,
		holder: data.holder().clone(),
		learner: data.learner,
		instructor: data.instructor,
		points: data.points,
		help: data.help,
		course: data.course,
		assessment: data.assessment,
		unit: data.unit,
		guide_version: data.guide_version,
		institution,
		cip_code,
		skill,
		issued_at,
		revocation: revocation.map(|revocation| RevocationView {
			by: revocation.by,
			reason: revocation.reason.into_inner(),
			at: revocation.at,
			burned_help: revocation.burned_help,
			unburned_help: revocation.unburned_help,
			reopened: revocation.reopened,
		}),
	}
}

/// Burns up to `help` Help from `holder`, as much as the holder has; returns how much was
/// burned. A failure burns nothing (its writes are rolled back) and returns 0, so that the state
/// of the Help asset never blocks a revocation; the caller records the rest as unburned.
fn burn_help<T: Config>(holder: &T::AccountId, help: u32) -> u32 {
	if help == 0 {
		return 0;
	}
	if T::Help::balance(holder).is_zero() {
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
			let data = &record.data;
			ensure!(id < next, "a token id is not below NextTokenId");
			ensure!(T::Courses::exists(data.course), "a token of no course");
			ensure!(
				data.kind == TokenKind::Score || data.help == 0,
				"a token other than Score carries Help"
			);
			ensure!(
				data.unit.is_none() == (data.kind == TokenKind::InstructorScore),
				"an Instructor-score token has a unit, or another token has none"
			);
			ensure!(
				(data.kind == TokenKind::InstructorScore)
					== InstructorTokens::<T>::contains_key(&data.instructor, id),
				"an Instructor-score token is not indexed under its holder, or another token is"
			);
			if let Some(revocation) = &record.revocation {
				ensure!(!revocation.reason.is_empty(), "a revocation has no reason");
				ensure!(
					revocation.burned_help.checked_add(revocation.unburned_help) == Some(data.help),
					"a revocation's burned and unburned Help do not add up to the token's"
				);
			}
		}

		for (holder, id) in InstructorTokens::<T>::iter_keys() {
			ensure!(
				Tokens::<T>::get(id)
					.is_some_and(|record| record.data.kind == TokenKind::InstructorScore
						&& record.data.instructor == holder),
				"an InstructorTokens entry has no Instructor-score token of that holder"
			);
		}

		Ok(())
	}
}

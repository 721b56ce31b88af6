//! What other pallets may ask the registry of trust.

/// The registry of trust, as the courses and lifecycle pallets see it.
///
/// Implemented by [`Pallet`](crate::Pallet). A pallet that needs it declares
/// `type Registry: TrustRegistry<Self::AccountId, BlockNumberFor<Self>>` in its `Config`.
pub trait TrustRegistry<AccountId, BlockNumber> {
	/// Whether `institution` is accredited now.
	fn is_accredited(institution: &AccountId) -> bool;

	/// Whether `institution` was accredited at block `at`: whether one of its accreditation
	/// periods has `from <= at < to` (or `from <= at` while the period is open).
	fn was_accredited_at(institution: &AccountId, at: BlockNumber) -> bool;

	/// Whether `instructor` is registered as an instructor of `institution`. This says nothing
	/// about the institution's standing: ask [`Self::is_accredited`] too.
	fn is_instructor_of(instructor: &AccountId, institution: &AccountId) -> bool;
}

//! Runtime API of the lifecycle pallet: what a learner's wallet asks, with no custom types
//! (`api.call.learnerApi.*` in @polkadot/api): the learner's invitations and enrollments, every
//! step that awaits the learner's signature with the call to make, and the learner's records.
//!
//! Every list is one page: at most `limit` entries (at most 100) after `cursor` (`None` for the
//! first page), with the cursor of the next page (`None` on the last). A page may be empty with
//! a cursor: go on until the cursor is `None`.
//!
//! The runtime implements each function by calling the `pub fn` of the same name of
//! `pallet_lifecycle::Pallet` (`enrollments` calls `pallet_courses::Pallet::enrollments_of`).

#![cfg_attr(not(feature = "std"), no_std)]

use codec::Codec;

pub use pallet_courses::{
	AssessmentIndex, CourseId, EnrollmentStatus, EnrollmentView, Page, UnitIndex,
};
pub use pallet_lifecycle::{
	Pending, PendingStep, Rating, RecordCursor, RecordView, Stage, UnitRecord, UnitView,
};

sp_api::decl_runtime_apis! {
	/// What a learner's wallet needs to know.
	pub trait LearnerApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// The courses `learner` is invited to or enrolled in, with each course's institution
		/// and title, from after course `cursor`.
		fn enrollments(
			learner: AccountId,
			cursor: Option<CourseId>,
			limit: u32,
		) -> Page<EnrollmentView<AccountId>, CourseId>;

		/// Every step awaiting `learner`'s signature (accept an invitation, acknowledge units,
		/// respond for units, rate an instructor), by course and assessment, with the call to
		/// make.
		fn pending(
			learner: AccountId,
			cursor: Option<RecordCursor>,
			limit: u32,
		) -> Page<Pending<AccountId>, RecordCursor>;

		/// `learner`'s records: per course and assessment, each unit's stage and every step
		/// with its block, party, points and tokens, and the ratings given.
		fn lifecycles(
			learner: AccountId,
			cursor: Option<RecordCursor>,
			limit: u32,
		) -> Page<RecordView<AccountId, BlockNumber>, RecordCursor>;

		/// The record of `learner` in `assessment` of `course`, if any.
		fn lifecycle(
			course: CourseId,
			learner: AccountId,
			assessment: AssessmentIndex,
		) -> Option<RecordView<AccountId, BlockNumber>>;
	}
}

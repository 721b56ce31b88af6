//! # Courses
//!
//! Courses, their units of competency, their versioned scoring guides, their instructors and
//! the consented enrollment of their learners: the part of the registry of trust that
//! instructors write, and that the lifecycle pallet reads through [`CourseInspect`].
//!
//! ## Overview
//!
//! An instructor of an accredited institution (as the registry of trust, [`Config::Registry`],
//! says) [`create_course`](Pallet::create_course)s a course for it and becomes its lead
//! instructor. The course has a title, a field of knowledge as a CIP 2020 code, its units of
//! competency and a scoring guide, published with it as version 1. The lead or a co-instructor
//! may [`publish_guide`](Pallet::publish_guide) a new version for future awards; published
//! versions are never edited or removed, so awards that recorded an older version stay
//! verifiable.
//!
//! The lead [`add_co_instructor`](Pallet::add_co_instructor)s and
//! [`remove_co_instructor`](Pallet::remove_co_instructor)s other instructors of the same
//! institution, and may [`close_course`](Pallet::close_course) it for good.
//!
//! Enrollment needs the learner's consent: the lead or a co-instructor
//! [`invite`](Pallet::invite)s learners (many in one call) and each learner
//! [`accept_invitation`](Pallet::accept_invitation)s; or, if the course is open, any account
//! may [`join`](Pallet::join) it. Each enrollment entry (invited or enrolled) adds a
//! *sufficient* reference to the learner's account (`frame_system::inc_sufficients`), kept as
//! long as the entry (entries are never removed): an invited fresh account with no balance then
//! exists, has a nonce and can sign its acceptance. The fee of a learner's call is the runtime's
//! business; the Learning Tokens runtime makes these calls free (`pallet-feeless`).
//!
//! ## Terms
//!
//! - **Course**: a record in [`Courses`], keyed by a sequential [`CourseId`] from
//!   [`NextCourseId`]. It belongs to one institution and has one **lead instructor** (its
//!   creator) and up to [`MaxCoInstructors`](Config::MaxCoInstructors) **co-instructors**.
//!   Its **instructors** are the lead and the co-instructors.
//! - **CIP code**: a field of knowledge in the Classification of Instructional Programs 2020:
//!   `NN`, `NN.NN` or `NN.NNNN`, ASCII digits ([`CipCode`]), e.g. `11.0701` Computer Science.
//! - **Unit of competency**: a skill identifier (an ESCO or WEF URI or code) and a short title
//!   ([`UnitOfCompetency`]).
//! - **Scoring guide**: a list of [`Assessment`]s (lessons, tasks, final evaluation), each
//!   with the most attendance, score and help points a learner may earn and the most
//!   instructor-feedback points the learner may give. Each version is in [`ScoringGuides`];
//!   the course's `guide_version` is the one new awards use. DOMAIN.md recommends that learner
//!   points sum to 100; the chain only requires that no sum overflows a `u32`.
//! - **Enrollment**: [`Enrollments`] holds `Invited` (an instructor invited, the learner has
//!   not accepted: not enrolled) or `Enrolled` (the learner accepted or joined).
//! - **Closed**: a closed course is final: every call on it fails with `CourseClosed`.
//!
//! ## Batches and the offending index
//!
//! [`invite`](Pallet::invite) takes up to [`MaxBatch`](Config::MaxBatch) learners and is all or
//! nothing: if one learner is already invited or enrolled, or appears twice in the batch, the
//! whole call fails with `AlreadyInvited { index }`, `index` being that learner's position (from
//! 0) in the batch, and nothing is stored. FRAME errors may carry data as long as the error
//! encodes in `MAX_MODULE_ERROR_ENCODED_SIZE` (4) bytes, so the index is a `u16` (the variant
//! takes one byte, the index two), and [`MaxBatch`](Config::MaxBatch) is at most 65 536
//! (checked by `integrity_test`). The instructor drops that learner and resubmits. This is
//! cleaner than skipping bad learners (a partial success the caller must reconcile from events)
//! or a plain error (the caller must search for the culprit among hundreds).
//!
//! ## Invariants
//!
//! Checked by `do_try_state` (the `try_state` hook) and after every unit test:
//!
//! - Every course id is below [`NextCourseId`].
//! - A course's `guide_version` is between 1 and [`MaxGuideVersions`](Config::MaxGuideVersions),
//!   and versions `1..=guide_version` of its guide all exist; no other version exists, and no
//!   guide or enrollment belongs to a course that does not exist.
//! - Every guide is non-empty and none of its sums of points overflows.
//! - A course has at least one unit, a well-formed CIP code and a non-empty title; its
//!   co-instructors hold no duplicates and never the lead.
//! - A learner's account has at least as many sufficient references as enrollment entries.
//!
//! A suspended or revoked institution keeps its courses; only the creation of new ones needs
//! the institution to be accredited now. The lifecycle pallet asks the registry whether the
//! institution is trusted when it awards.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use traits::{CourseFacts, CourseInspect};
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
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use pallet_registry::TrustRegistry;
	use sp_runtime::SaturatedConversion;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The registry of trust: which institutions are accredited, and their instructors.
		type Registry: TrustRegistry<Self::AccountId, BlockNumberFor<Self>>;

		/// The longest course title, in bytes.
		#[pallet::constant]
		type MaxTitleLen: Get<u32>;

		/// The most units of competency of one course.
		#[pallet::constant]
		type MaxUnits: Get<u32>;

		/// The longest skill identifier of a unit of competency, in bytes.
		#[pallet::constant]
		type MaxSkillIdLen: Get<u32>;

		/// The longest title of a unit of competency, in bytes.
		#[pallet::constant]
		type MaxUnitTitleLen: Get<u32>;

		/// The most assessments of one version of a scoring guide.
		#[pallet::constant]
		type MaxAssessments: Get<u32>;

		/// The most versions of one course's scoring guide (the first included).
		#[pallet::constant]
		type MaxGuideVersions: Get<u32>;

		/// The most co-instructors of one course.
		#[pallet::constant]
		type MaxCoInstructors: Get<u32>;

		/// The most learners one `invite` call may invite; at most 65 536.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Every course, closed ones included.
	#[pallet::storage]
	pub type Courses<T: Config> = StorageMap<_, Twox64Concat, CourseId, Course<T>, OptionQuery>;

	/// The id the next course will get.
	#[pallet::storage]
	pub type NextCourseId<T: Config> = StorageValue<_, CourseId, ValueQuery>;

	/// Every published version of every course's scoring guide; never changed once written.
	#[pallet::storage]
	pub type ScoringGuides<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		CourseId,
		Twox64Concat,
		GuideVersion,
		GuideOf<T>,
		OptionQuery,
	>;

	/// Where each invited or enrolled learner stands in each course.
	#[pallet::storage]
	pub type Enrollments<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		CourseId,
		Blake2_128Concat,
		T::AccountId,
		EnrollmentStatus,
		OptionQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An instructor created a course of `institution` and leads it.
		CourseCreated { course: CourseId, institution: T::AccountId, lead: T::AccountId },
		/// A version of a course's scoring guide was published (version 1 with the course); new
		/// awards use it.
		GuideVersionPublished { course: CourseId, version: GuideVersion },
		/// The lead added a co-instructor.
		CoInstructorAdded { course: CourseId, instructor: T::AccountId },
		/// The lead removed a co-instructor.
		CoInstructorRemoved { course: CourseId, instructor: T::AccountId },
		/// An instructor invited `count` learners.
		LearnersInvited { course: CourseId, count: u32 },
		/// A learner accepted an invitation and is enrolled.
		InvitationAccepted { course: CourseId, learner: T::AccountId },
		/// A learner joined an open course and is enrolled.
		LearnerJoined { course: CourseId, learner: T::AccountId },
		/// The lead closed a course.
		CourseClosed { course: CourseId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such course, or no such co-instructor of this course.
		NotFound,
		/// The caller may not do this in this course (not its lead, or not one of its
		/// instructors), or the account is not an instructor of the institution.
		NotAuthorized,
		/// The institution is not accredited now.
		NotAccredited,
		/// The instructor is already the lead or a co-instructor of this course.
		AlreadyExists,
		/// The course was closed: nothing can happen in it any more.
		CourseClosed,
		/// The title is empty.
		EmptyTitle,
		/// The title is longer than `MaxTitleLen`.
		TitleTooLong,
		/// The CIP code is not `NN`, `NN.NN` or `NN.NNNN` in ASCII digits.
		InvalidCipCode,
		/// A course needs at least one unit of competency.
		NoUnits,
		/// More than `MaxUnits` units of competency.
		TooManyUnits,
		/// A unit of competency has an empty skill identifier.
		EmptySkillId,
		/// A skill identifier is longer than `MaxSkillIdLen`.
		SkillIdTooLong,
		/// A unit title is longer than `MaxUnitTitleLen`.
		UnitTitleTooLong,
		/// A scoring guide needs at least one assessment.
		EmptyGuide,
		/// More than `MaxAssessments` assessments.
		TooManyAssessments,
		/// The points of an assessment, or of the whole guide, overflow a `u32`.
		GuideOverflow,
		/// The course has `MaxGuideVersions` versions of its guide already.
		TooManyVersions,
		/// The course has `MaxCoInstructors` co-instructors already.
		TooManyCoInstructors,
		/// No learners to invite.
		NoLearners,
		/// More than `MaxBatch` learners in one call.
		TooManyLearners,
		/// The learner at `index` (from 0) of the batch is already invited or enrolled, or is
		/// listed twice: nothing was invited; resubmit without it.
		AlreadyInvited { index: u16 },
		/// The caller has no invitation to this course.
		NotInvited,
		/// The caller is already enrolled in this course.
		AlreadyEnrolled,
		/// The course is not open: learners need an invitation.
		NotOpen,
		/// Every course id has been used.
		NoCourseIdLeft,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxTitleLen::get() > 0, "MaxTitleLen must be at least 1");
			assert!(T::MaxUnits::get() > 0, "MaxUnits must be at least 1");
			assert!(T::MaxSkillIdLen::get() > 0, "MaxSkillIdLen must be at least 1");
			assert!(T::MaxAssessments::get() > 0, "MaxAssessments must be at least 1");
			assert!(T::MaxGuideVersions::get() > 0, "MaxGuideVersions must be at least 1");
			assert!(T::MaxBatch::get() > 0, "MaxBatch must be at least 1");
			assert!(
				T::MaxBatch::get() <= u32::from(u16::MAX).saturating_add(1),
				"MaxBatch must be at most 65 536: AlreadyInvited names the index as a u16"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create a course of `institution`, led by the caller, with version 1 of its scoring
		/// guide.
		///
		/// - Origin: signed by an instructor of `institution`, which must be accredited now.
		/// - `title`: non-empty, at most `MaxTitleLen` bytes; `cip_code`: `NN`, `NN.NN` or
		///   `NN.NNNN`; `units`: 1 to `MaxUnits` pairs (skill identifier: non-empty, at most
		///   `MaxSkillIdLen` bytes; title: at most `MaxUnitTitleLen` bytes); `assessments`: 1
		///   to `MaxAssessments`, no sum of points overflowing a `u32`; `open`: whether learners
		///   may join without an invitation.
		/// - Emits `CourseCreated`, then `GuideVersionPublished` for version 1.
		/// - Cost: O(1) (bounded inputs); `WeightInfo::create_course`, measured with the
		///   longest inputs.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_course())]
		pub fn create_course(
			origin: OriginFor<T>,
			institution: T::AccountId,
			title: Vec<u8>,
			cip_code: Vec<u8>,
			units: Vec<UnitInput>,
			assessments: Vec<Assessment>,
			open: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_course(who, institution, title, cip_code, units, assessments, open)?;
			Ok(())
		}

		/// Publish a new version of a course's scoring guide; new awards use it.
		///
		/// - Origin: signed by the lead or a co-instructor of an open (not closed) course.
		/// - `assessments`: as for `create_course`. The course may have at most
		///   `MaxGuideVersions` versions; earlier versions stay as they were.
		/// - Emits `GuideVersionPublished`.
		/// - Cost: O(1) (bounded inputs); `WeightInfo::publish_guide`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::publish_guide())]
		pub fn publish_guide(
			origin: OriginFor<T>,
			course: CourseId,
			assessments: Vec<Assessment>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_publish_guide(who, course, assessments)
		}

		/// Add a co-instructor to a course.
		///
		/// - Origin: signed by the lead of a course that is not closed.
		/// - `instructor`: an instructor of the course's institution, neither the lead nor a
		///   co-instructor already; the course may have up to `MaxCoInstructors`.
		/// - Emits `CoInstructorAdded`.
		/// - Cost: O(1) (bounded list); `WeightInfo::add_co_instructor`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::add_co_instructor())]
		pub fn add_co_instructor(
			origin: OriginFor<T>,
			course: CourseId,
			instructor: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_add_co_instructor(who, course, instructor)
		}

		/// Remove a co-instructor from a course.
		///
		/// - Origin: signed by the lead of a course that is not closed.
		/// - Emits `CoInstructorRemoved`.
		/// - Cost: O(1) (bounded list); `WeightInfo::remove_co_instructor`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::remove_co_instructor())]
		pub fn remove_co_instructor(
			origin: OriginFor<T>,
			course: CourseId,
			instructor: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_co_instructor(who, course, instructor)
		}

		/// Invite learners to a course. They are enrolled once each accepts.
		///
		/// - Origin: signed by the lead or a co-instructor of a course that is not closed.
		/// - `learners`: 1 to `MaxBatch` accounts, none already invited or enrolled, none twice.
		///   All or nothing: the first offending learner fails the call with
		///   `AlreadyInvited { index }` (see the crate docs).
		/// - Emits `LearnersInvited`.
		/// - Cost: O(L), L the number of learners; `WeightInfo::invite(L)`. A failed call pays
		///   that weight in full.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::invite(learners.len().saturated_into()))]
		pub fn invite(
			origin: OriginFor<T>,
			course: CourseId,
			learners: Vec<T::AccountId>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let invited = Self::do_invite(who, course, learners)?;
			Ok(Some(T::WeightInfo::invite(invited)).into())
		}

		/// Accept an invitation: the caller is enrolled.
		///
		/// - Origin: signed by an invited learner of a course that is not closed.
		/// - Emits `InvitationAccepted`.
		/// - Cost: O(1); `WeightInfo::accept_invitation`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::accept_invitation())]
		pub fn accept_invitation(origin: OriginFor<T>, course: CourseId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_invitation(who, course)
		}

		/// Join an open course: the caller is enrolled. An invitation the caller had is
		/// consumed.
		///
		/// - Origin: any signed account not enrolled yet; the course must be open and not
		///   closed.
		/// - Emits `LearnerJoined`.
		/// - Cost: O(1); `WeightInfo::join`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::join())]
		pub fn join(origin: OriginFor<T>, course: CourseId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_join(who, course)
		}

		/// Close a course for good: every later call on it fails with `CourseClosed`. Its
		/// guides and enrollments stay readable.
		///
		/// - Origin: signed by the lead of a course that is not closed.
		/// - Emits `CourseClosed`.
		/// - Cost: O(1); `WeightInfo::close_course`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::close_course())]
		pub fn close_course(origin: OriginFor<T>, course: CourseId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close_course(who, course)
		}
	}
}

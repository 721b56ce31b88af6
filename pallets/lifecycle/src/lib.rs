//! # Lifecycle
//!
//! The five-step lifecycle of each unit of competency: an instructor conveys it, the learner
//! acquires it, the instructor assesses it, the learner responds, the instructor awards points;
//! then the learner may rate the instructor. Each step is signed by its party and recorded with
//! its block; the steps that earn something mint a Learning Token through
//! [`Config::Tokens`].
//!
//! ## Overview
//!
//! For each (course, assessment, unit of competency, learner) the pallet keeps one
//! [`Lifecycle`] in [`Lifecycles`]. The courses pallet ([`Config::Courses`]) says what exists
//! (courses, their units, the versions of their scoring guides, who teaches and who is
//! enrolled); the registry of trust ([`Config::Registry`]) says whether the course's
//! institution is accredited now and whether the instructor still acts for it; the tokens
//! pallet ([`Config::Tokens`]) mints.
//!
//! The five steps, each allowed only right after the previous one, and each only once:
//!
//! 1. [`convey`](Pallet::convey) — an instructor of the course declares the unit conveyed to
//!    enrolled learners (many in one call), with each learner's attendance points, at most the
//!    guide's `max_attendance`. The lifecycle records the guide version in force now.
//! 2. [`acquire`](Pallet::acquire) — the learner acknowledges it: the **Attendance** token is
//!    minted to the learner with the attendance points recorded at convey.
//! 3. [`assess`](Pallet::assess) — an instructor opens the assessment of the unit for learners
//!    (many in one call).
//! 4. [`respond`](Pallet::respond) — the learner commits to a response: only its hash goes on
//!    chain.
//! 5. [`award`](Pallet::award) — an instructor awards each learner score and help points (many
//!    in one call), at most the guide's `max_score` and `max_help`: a **Score** token is minted
//!    to the learner, and with it the fungible **Help** (the tokens pallet mints it).
//!
//! After the award the learner may [`rate`](Pallet::rate) the instructor who awarded, once, with
//! at most the guide's `max_instructor_feedback` points: an **Instructor-score** token is minted
//! to that instructor.
//!
//! Every step, the learner's too, needs the course to exist and not to be closed, and its
//! institution to be accredited **now**: no token comes from an institution that is not
//! trusted when it is minted. The instructor of a step must be the lead or a co-instructor of
//! the course and still an instructor of its institution; any of them may perform any
//! instructor step (a co-instructor may assess what the lead conveyed).
//!
//! ## Terms
//!
//! - **Lifecycle**: a record in [`Lifecycles`], keyed by ([`CourseId`](pallet_courses::CourseId), assessment, unit) and
//!   the learner. **Assessment** is an index (from 0) into the course's scoring guide, **unit**
//!   an index (from 0) into its units of competency.
//! - **Stage**: the last step done ([`Stage`]); the rating is not a stage but a field of an
//!   awarded lifecycle.
//! - **Guide version**: the version of the course's scoring guide that was current at convey.
//!   The lifecycle keeps it for good: its maxima bound every later step, and every token of the
//!   lifecycle records it, even after the instructor publishes a new version. A step on an
//!   assessment is checked against the lifecycle's version, so an assessment that a later version
//!   dropped can still be completed; an assessment index that is not in the current version
//!   cannot be conveyed (`UnknownAssessment`), and a later step on a lifecycle that was never
//!   conveyed is out of order.
//! - **Commitment**: a 32-byte hash ([`H256`](sp_core::H256)) of the learner's response, which stays off chain.
//! - **Tokens**: every token records the course, the assessment, the unit, the course's CIP
//!   code, the unit's skill, the institution, the instructor of the step that minted it (for
//!   Attendance, who conveyed; for Score, who awarded; for Instructor score, who awarded and is
//!   rated) and the lifecycle's guide version.
//!
//! ## Batches and the offending index
//!
//! [`convey`](Pallet::convey), [`assess`](Pallet::assess) and [`award`](Pallet::award) take 1 to
//! [`MaxBatch`](Config::MaxBatch) learners and are all or nothing: if one learner is not
//! enrolled, not at the previous step, already past this step (or listed twice), or given more
//! points than the guide allows, the whole call fails with an error naming that learner's
//! position (from 0) in the batch, e.g. `AttendanceAboveMaximum { index: 41 }`, and nothing is
//! stored or minted. FRAME errors may carry data as long as the error encodes in 4 bytes, so the
//! index is a `u16` and [`MaxBatch`](Config::MaxBatch) is at most 65 536 (checked by
//! `integrity_test`). The instructor fixes or drops that learner and resubmits.
//!
//! A batch is weighed per learner (`WeightInfo::convey(n)` and so on, `n` the batch's length)
//! and returns the weight it used, on success and on failure: a call that fails at `index`
//! pays for the learners up to and including it, one that fails before looking at any learner
//! pays the fixed part only.
//!
//! ## Invariants
//!
//! Checked by `do_try_state` (the `try_state` hook) and after every unit test, for every
//! lifecycle:
//!
//! - Its course exists, the unit is one of the course's, its guide version exists and holds the
//!   assessment, and the learner is enrolled in the course.
//! - It records the block (and for instructor steps the instructor) of exactly the steps up to
//!   its stage, and those blocks never decrease from one step to the next.
//! - A commitment exists exactly from the respond step on; score and help are 0 before the
//!   award.
//! - Its attendance, score, help and rating points are within that guide version's maxima.
//! - It holds the Attendance token id exactly from the acquire step on, the Score token id
//!   exactly from the award on, and the Instructor-score token id exactly when it holds a
//!   rating, which only an awarded lifecycle may.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use pallet_courses::{CourseId, CourseInspect};
	use pallet_registry::TrustRegistry;
	use pallet_tokens::{TokenId, TokenIssuer};
	use sp_core::H256;
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

		/// The courses: their units, scoring guides, instructors and enrolled learners.
		type Courses: CourseInspect<Self::AccountId>;

		/// Mints the Learning Tokens; its skill identifiers are the courses'.
		type Tokens: TokenIssuer<
			Self::AccountId,
			MaxSkillIdLen = <Self::Courses as CourseInspect<Self::AccountId>>::MaxSkillIdLen,
		>;

		/// The most learners of one `convey`, `assess` or `award` call; 1 to 65 536.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Every lifecycle: per (course, assessment, unit), per learner.
	#[pallet::storage]
	pub type Lifecycles<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		LifecycleKey,
		Blake2_128Concat,
		T::AccountId,
		LifecycleOf<T>,
		OptionQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An instructor conveyed a unit to `count` learners.
		Conveyed {
			course: CourseId,
			assessment: u32,
			unit: u32,
			instructor: T::AccountId,
			count: u32,
		},
		/// A learner acquired a unit; the Attendance token `token` was minted to them.
		Acquired {
			course: CourseId,
			assessment: u32,
			unit: u32,
			learner: T::AccountId,
			token: TokenId,
		},
		/// An instructor opened the assessment of a unit for `count` learners.
		Assessed {
			course: CourseId,
			assessment: u32,
			unit: u32,
			instructor: T::AccountId,
			count: u32,
		},
		/// A learner committed to a response.
		Responded {
			course: CourseId,
			assessment: u32,
			unit: u32,
			learner: T::AccountId,
			commitment: H256,
		},
		/// An instructor awarded `count` learners; a Score token (and its Help) was minted to
		/// each.
		Awarded {
			course: CourseId,
			assessment: u32,
			unit: u32,
			instructor: T::AccountId,
			count: u32,
		},
		/// A learner rated the instructor who awarded with `points`; the Instructor-score token
		/// `token` was minted to that instructor.
		Rated {
			course: CourseId,
			assessment: u32,
			unit: u32,
			learner: T::AccountId,
			instructor: T::AccountId,
			points: u32,
			token: TokenId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such course.
		UnknownCourse,
		/// The course was closed: nothing can happen in it any more.
		CourseClosed,
		/// The caller is not the lead or a co-instructor of the course, or no longer an
		/// instructor of its institution.
		NotCourseInstructor,
		/// The course's institution is not accredited now.
		NotAccredited,
		/// The assessment index is not in the scoring guide's version.
		UnknownAssessment,
		/// The unit index is not one of the course's units of competency.
		UnknownUnit,
		/// No learners in the batch.
		NoLearners,
		/// More than `MaxBatch` learners in one call.
		TooManyLearners,
		/// The learner at `index` (from 0) of the batch is not enrolled in the course: nothing
		/// was done.
		NotEnrolled { index: u16 },
		/// The learner at `index` (from 0) of the batch has not done the previous step: nothing
		/// was done.
		OutOfOrderAt { index: u16 },
		/// The learner at `index` (from 0) of the batch is already past this step, or is listed
		/// twice: nothing was done.
		AlreadyDoneAt { index: u16 },
		/// The attendance points of the learner at `index` (from 0) of the batch exceed the
		/// guide's `max_attendance`: nothing was done.
		AttendanceAboveMaximum { index: u16 },
		/// The score points of the learner at `index` (from 0) of the batch exceed the guide's
		/// `max_score`: nothing was done.
		ScoreAboveMaximum { index: u16 },
		/// The help points of the learner at `index` (from 0) of the batch exceed the guide's
		/// `max_help`: nothing was done.
		HelpAboveMaximum { index: u16 },
		/// The caller has no lifecycle here, or has not reached the step before this one.
		StepOutOfOrder,
		/// The caller already did this step.
		StepAlreadyDone,
		/// The rating exceeds the guide's `max_instructor_feedback`.
		RatingAboveMaximum,
		/// The caller already rated the instructor for this lifecycle.
		AlreadyRated,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxBatch::get() > 0, "MaxBatch must be at least 1");
			assert!(
				T::MaxBatch::get() <= u32::from(u16::MAX).saturating_add(1),
				"MaxBatch must be at most 65 536: batch errors name the index as a u16"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Step 1: convey unit `unit` of assessment `assessment` of `course` to learners, with
		/// each learner's attendance points.
		///
		/// - Origin: signed by the lead or a co-instructor of the course who is still an
		///   instructor of its institution; the course open (not closed), its institution
		///   accredited now, the assessment in the current guide version, the unit in the
		///   course.
		/// - `learners`: 1 to `MaxBatch` (learner, attendance points), each learner enrolled,
		///   with no lifecycle here yet, listed once, with at most the guide's
		///   `max_attendance`. All or nothing: the first offending learner fails the call with
		///   its index (see the crate docs).
		/// - Records the current guide version in each new lifecycle.
		/// - Emits `Conveyed`.
		/// - Cost: O(L), L the number of learners; `WeightInfo::convey(L)`, and the weight used
		///   up to the failing learner on failure.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::convey(learners.len().saturated_into()))]
		pub fn convey(
			origin: OriginFor<T>,
			course: CourseId,
			assessment: u32,
			unit: u32,
			learners: Vec<(T::AccountId, u32)>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_convey(who, (course, assessment, unit), learners)
				.map(|count| Some(T::WeightInfo::convey(count)).into())
				.map_err(|failed| failed.with_weight(T::WeightInfo::convey))
		}

		/// Step 2: acquire a unit conveyed to the caller; mints the Attendance token with the
		/// attendance points recorded at convey.
		///
		/// - Origin: signed by the learner, whose lifecycle here is at `Conveyed`; the course
		///   open, its institution accredited now, the unit in the course.
		/// - Emits `Acquired`.
		/// - Cost: O(1); `WeightInfo::acquire`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::acquire())]
		pub fn acquire(
			origin: OriginFor<T>,
			course: CourseId,
			assessment: u32,
			unit: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_acquire(who, (course, assessment, unit))
		}

		/// Step 3: open the assessment of a unit for learners who acquired it.
		///
		/// - Origin: as for `convey` (any instructor of the course, not necessarily the one who
		///   conveyed).
		/// - `learners`: 1 to `MaxBatch`, each enrolled, with its lifecycle here at `Acquired`,
		///   listed once. All or nothing, as for `convey`.
		/// - Emits `Assessed`.
		/// - Cost: O(L); `WeightInfo::assess(L)`, and the weight used up to the failing learner
		///   on failure.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::assess(learners.len().saturated_into()))]
		pub fn assess(
			origin: OriginFor<T>,
			course: CourseId,
			assessment: u32,
			unit: u32,
			learners: Vec<T::AccountId>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_assess(who, (course, assessment, unit), learners)
				.map(|count| Some(T::WeightInfo::assess(count)).into())
				.map_err(|failed| failed.with_weight(T::WeightInfo::assess))
		}

		/// Step 4: respond to an assessment with a commitment (a hash) to the response.
		///
		/// - Origin: signed by the learner, whose lifecycle here is at `Assessed`; the course
		///   open, its institution accredited now, the unit in the course.
		/// - Emits `Responded`.
		/// - Cost: O(1); `WeightInfo::respond`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::respond())]
		pub fn respond(
			origin: OriginFor<T>,
			course: CourseId,
			assessment: u32,
			unit: u32,
			commitment: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_respond(who, (course, assessment, unit), commitment)
		}

		/// Step 5: award score and help points to learners who responded; mints a Score token
		/// (with its Help) to each.
		///
		/// - Origin: as for `convey`.
		/// - `awards`: 1 to `MaxBatch` (learner, score, help), each learner enrolled, with its
		///   lifecycle here at `Responded`, listed once, the points at most the `max_score` and
		///   `max_help` of the lifecycle's guide version. All or nothing, as for `convey`.
		/// - Emits `Awarded`.
		/// - Cost: O(L); `WeightInfo::award(L)`, and the weight used up to the failing learner
		///   on failure.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::award(awards.len().saturated_into()))]
		pub fn award(
			origin: OriginFor<T>,
			course: CourseId,
			assessment: u32,
			unit: u32,
			awards: Vec<(T::AccountId, u32, u32)>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_award(who, (course, assessment, unit), awards)
				.map(|count| Some(T::WeightInfo::award(count)).into())
				.map_err(|failed| failed.with_weight(T::WeightInfo::award))
		}

		/// Rate the instructor who awarded; mints the Instructor-score token to that
		/// instructor.
		///
		/// - Origin: signed by the learner, whose lifecycle here is at `Awarded` and not rated
		///   yet; the course open, its institution accredited now, the unit in the course.
		/// - `points`: at most the `max_instructor_feedback` of the lifecycle's guide version.
		/// - Emits `Rated`.
		/// - Cost: O(1); `WeightInfo::rate`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::rate())]
		pub fn rate(
			origin: OriginFor<T>,
			course: CourseId,
			assessment: u32,
			unit: u32,
			points: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_rate(who, (course, assessment, unit), points)
		}
	}
}

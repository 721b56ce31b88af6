//! # Lifecycle
//!
//! The five-step lifecycle of each unit of competency: an instructor conveys it, the learner
//! acquires it, the instructor assesses it, the learner responds, the instructor awards points;
//! then the learner may rate the instructor. Each step is signed by its party and recorded with
//! its block; the steps that earn something mint Learning Tokens through [`Config::Tokens`].
//!
//! ## Overview
//!
//! For each (course, learner, assessment) the pallet keeps one [`AssessmentRecord`] in
//! [`Records`]: the scoring-guide version the learner follows in that assessment, one
//! [`UnitRecord`] per unit of competency conveyed to the learner in it, and the learner's
//! ratings. The courses pallet ([`Config::Courses`]) says what exists (courses, the versions
//! of their scoring guides and the units each assessment covers, who teaches and who is
//! enrolled); the registry of trust ([`Config::Registry`]) says whether the course's institution
//! is accredited now and whether an instructor still acts for it; the tokens pallet
//! ([`Config::Tokens`]) mints.
//!
//! The five steps of a unit, each allowed only right after the previous one, and each once:
//!
//! 1. [`convey`](Pallet::convey) — an instructor declares units of an assessment conveyed to
//!    enrolled learners, with each learner's attendance points per unit, at most the unit's
//!    share in the guide. Many learners and several units in one call.
//! 2. [`acquire`](Pallet::acquire) — the learner acknowledges units conveyed to them in an
//!    assessment, all in one signed call: an **Attendance** token per unit is minted to the
//!    learner with the attendance points recorded at convey.
//! 3. [`assess`](Pallet::assess) — an instructor opens the assessment of units for learners
//!    who acquired them (many learners, several units, one call).
//! 4. [`respond`](Pallet::respond) — the learner commits to a response for units assessed, in
//!    one signed call: only the hash of the response goes on chain, one for all the units
//!    answered (a learner answers an assessment as a whole).
//! 5. [`award`](Pallet::award) — an instructor awards each learner score and help points per
//!    unit (many learners, several units, one call), at most the unit's share: a **Score**
//!    token per unit is minted to the learner, and the learner's Help for all those units at
//!    once.
//!
//! After an award the learner may [`rate`](Pallet::rate) the instructor who awarded, once per
//! assessment and instructor (never per unit), with at most the assessment's
//! `max_instructor_feedback`: an **Instructor-score** token is minted to that instructor.
//!
//! ## The guide is the oracle
//!
//! A unit can be conveyed only in an assessment of the guide that covers it, and every point
//! recorded for a unit is at most that unit's share in that assessment. The shares of an
//! assessment add up to its maxima, so what a learner earns in an assessment, summed over its
//! units, never exceeds the assessment's maxima, and over the course never exceeds the guide's
//! totals. Every unit of an assessment follows the guide version in force when the first of its
//! units was conveyed to the learner ([`AssessmentRecord::guide_version`]), so a new version
//! published meanwhile never mixes two versions' shares in one assessment.
//!
//! ## Who may act, and when
//!
//! An instructor step needs an *acting* instructor: the course's lead or a co-instructor who is
//! still, as the registry says, an instructor of the course's institution, which is accredited
//! now. Any instructor of the course may perform any instructor step (a co-instructor may
//! assess what the lead conveyed). A learner step needs the course's institution to be
//! accredited now: no token comes from an institution that is not trusted when it is minted.
//!
//! A closed course takes no new convey. Everything conveyed before the close can be finished:
//! learners acquire, respond and rate, instructors assess and award (and convey again a unit a
//! revocation reopened), so closing never strands what a learner already earned. A suspended institution's lifecycles wait: nothing is minted
//! while it is not accredited, and they go on from where they were when it is reinstated.
//!
//! ## Batches and errors
//!
//! Instructor calls take 1 to [`MaxBatch`](Config::MaxBatch) learners and 1 to
//! `MaxUnitsPerAssessment` units, every learner getting every unit of the call, and are all or
//! nothing: the first offending (learner, unit) fails the whole call with an error naming the
//! learner's position in the batch (from 0) and the unit, e.g.
//! `AttendanceAboveMaximum { index: 41, unit: 1 }`, and nothing is stored or minted. Learner
//! calls are all or nothing likewise, naming the offending unit. FRAME errors may carry data as
//! long as the error encodes in 4 bytes: the index is a `u16` ([`MaxBatch`](Config::MaxBatch)
//! is at most 65 536, checked by `integrity_test`) and the unit a `u8`.
//!
//! A batch is weighed per (learner, unit) item and per learner: the learner's record is read
//! and written once for all the units of the call, and the learner's Help minted once. It
//! returns the weight it used, on success and on failure: a call that fails at a learner pays
//! for the learners up to and including it.
//!
//! ## Corrections
//!
//! When a token is revoked, the tokens pallet tells this pallet ([`pallet_tokens::OnRevoke`]),
//! which reopens the step that minted it so that a correct token can replace it, keeping the
//! earlier run of the unit in [`Corrections`] (at most [`MaxCorrections`](Config::MaxCorrections)
//! per unit):
//!
//! - a revoked **Score** token reopens the award: the unit is back at `Responded`, and an
//!   instructor awards it again. Help the revoked token left with the learner (passed on
//!   before the revocation, so not burned) is kept in the record (`carried_help`) and counts
//!   against the unit's share: the re-award gives at most the rest;
//! - a revoked **Attendance** token of a unit not awarded reopens the whole unit: it is no
//!   longer conveyed, and an instructor conveys it again (even in a closed course) with the
//!   right attendance; the learner then acknowledges it again. Revoked while the unit's Score
//!   token is live, it reopens nothing yet: revoking that Score token then reopens the whole
//!   unit;
//! - a revoked Instructor-score token reopens nothing: the learner rated once. A learner's
//!   ratings stay when an award is redone; an instructor who awards in the new run and did not
//!   before may be rated too (one rating per assessment and awarding instructor).
//!
//! ## Queries
//!
//! Wallets and verifiers read through the `LearnerApi` runtime API (crate
//! `pallet-lifecycle-runtime-api`) and `TokensApi`: a learner's pending steps
//! ([`Pallet::pending`]) and records ([`Pallet::lifecycles`]), a holder's tokens
//! ([`Pallet::tokens_of`]) and skill profile, a course's tokens ([`Pallet::tokens_of_course`]).
//! Records are keyed by course, learner, assessment; a learner's courses come from the courses
//! pallet's learner-first enrollments. Every list is paginated: a cursor and a limit of at most
//! [`MAX_PAGE`](pallet_courses::MAX_PAGE) positions — an enrollment, a record (with all of its
//! tokens or pending steps: at most a few per unit) or an instructor's token.
//!
//! ## Invariants
//!
//! Checked by `do_try_state` (the `try_state` hook) and after every unit test, for every
//! record:
//!
//! - Its course exists, its guide version exists and holds the assessment, the learner is
//!   enrolled, and the learner is none of the course's instructors.
//! - Its units are sorted by index, each once, each covered by the assessment in that version,
//!   and it has at least one unit, one rating or one earlier run (every earlier run belongs to a
//!   record).
//! - Each unit records exactly the steps up to its stage (each step set only if the one before
//!   is), with blocks that never decrease, and points within the unit's share.
//! - Each rating is of an instructor who awarded one of its units, once per instructor, within
//!   the assessment's `max_instructor_feedback`.

#![cfg_attr(not(feature = "std"), no_std)]
// Runtime code never panics on what a caller sent: no unwrap, expect, unchecked indexing or
// unchecked arithmetic outside tests (benchmark set-up allows them: benchmarking.rs).
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects
	)
)]

extern crate alloc;

pub use pallet::*;
pub use queries::{ProfilePage, TokenViewOf};
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
#[cfg(test)]
mod mock;
mod queries;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

// FRAME's macros expand into code these lints would flag; the module's own code checks
// origins and hands over to the linted helpers outside it.
#[allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use pallet_courses::{CourseId, CourseInspect};
	use pallet_tokens::{TokenId, TokenLedger};
	use sp_core::H256;
	use sp_runtime::SaturatedConversion;

	/// The in-code storage version: 1 since the records are per (course, learner, assessment)
	/// with their units inside (learning record v2; see docs/ARCHITECTURE.md).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The registry of trust: which institutions are accredited, and their instructors.
		type Registry: pallet_registry::TrustRegistry<Self::AccountId, BlockNumberFor<Self>>;

		/// The courses: their units, scoring guides, instructors and enrolled learners.
		type Courses: CourseInspect<
			Self::AccountId,
			MaxUnitsPerAssessment = Self::MaxUnitsPerAssessment,
		>;

		/// Mints the Learning Tokens.
		type Tokens: TokenLedger<Self::AccountId, BlockNumberFor<Self>>;

		/// The most units of competency one assessment covers: the courses pallet's.
		#[pallet::constant]
		type MaxUnitsPerAssessment: Get<u32>;

		/// The most learners of one `convey`, `assess` or `award` call; 1 to 65 536.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// The most earlier runs kept for one unit, i.e. how often its steps may be reopened
		/// by revocations.
		#[pallet::constant]
		type MaxCorrections: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Creates the courses and enrollments that the benchmarks use.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: pallet_courses::CourseBenchmarking<Self::AccountId>;
	}

	/// Every record: per course, learner and assessment.
	#[pallet::storage]
	pub type Records<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, CourseId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, AssessmentIndex>,
		),
		RecordOf<T>,
		OptionQuery,
	>;

	/// The earlier runs of units whose token was revoked and whose step was reopened, oldest
	/// first: per course, learner, assessment and unit.
	#[pallet::storage]
	pub type Corrections<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, CourseId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, AssessmentIndex>,
			NMapKey<Twox64Concat, UnitIndex>,
		),
		CorrectionsOf<T>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `instructor` conveyed `units` of an assessment to `learners`.
		Conveyed {
			course: CourseId,
			assessment: AssessmentIndex,
			instructor: T::AccountId,
			units: UnitsOf<T>,
			learners: BoundedVec<T::AccountId, T::MaxBatch>,
		},
		/// A learner acknowledged `units`; their Attendance tokens are `first_token` onwards,
		/// in the order of `units`.
		Acquired {
			course: CourseId,
			assessment: AssessmentIndex,
			learner: T::AccountId,
			units: UnitsOf<T>,
			first_token: TokenId,
		},
		/// `instructor` opened the assessment of `units` for `learners`.
		Assessed {
			course: CourseId,
			assessment: AssessmentIndex,
			instructor: T::AccountId,
			units: UnitsOf<T>,
			learners: BoundedVec<T::AccountId, T::MaxBatch>,
		},
		/// A learner committed to a response for `units`.
		Responded {
			course: CourseId,
			assessment: AssessmentIndex,
			learner: T::AccountId,
			units: UnitsOf<T>,
			commitment: H256,
		},
		/// `instructor` awarded `units` to `learners`; the Score token of learner `i` (from 0)
		/// and unit `j` of `units` is `first_token + i * units.len() + j`, and each learner's
		/// Help was minted with them.
		Awarded {
			course: CourseId,
			assessment: AssessmentIndex,
			instructor: T::AccountId,
			units: UnitsOf<T>,
			learners: BoundedVec<T::AccountId, T::MaxBatch>,
			first_token: TokenId,
		},
		/// A learner rated `instructor` for an assessment with `points`; the Instructor-score
		/// token `token` was minted to the instructor.
		Rated {
			course: CourseId,
			assessment: AssessmentIndex,
			learner: T::AccountId,
			instructor: T::AccountId,
			points: u32,
			token: TokenId,
		},
		/// A revocation reopened a unit of a learner: `redo` is the step to do again
		/// (`Conveyed`: convey it again; `Awarded`: award it again).
		StepReopened {
			course: CourseId,
			assessment: AssessmentIndex,
			learner: T::AccountId,
			unit: UnitIndex,
			redo: Stage,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No course has this id.
		UnknownCourse,
		/// The course was closed: nothing new may be conveyed in it.
		CourseClosed,
		/// The caller is neither the lead nor a co-instructor of the course.
		NotCourseInstructor,
		/// The caller is not (or no longer) an instructor of the course's institution.
		NotInstitutionInstructor,
		/// The course's institution is not accredited now.
		NotAccredited,
		/// The course's current scoring guide has no assessment with this index.
		UnknownAssessment,
		/// The call names no unit.
		NoUnits,
		/// The call names `unit` twice.
		DuplicateUnit { unit: u8 },
		/// The assessment does not cover `unit` in the course's current guide version.
		UnitNotInAssessment { unit: u8 },
		/// No learners in the batch.
		NoLearners,
		/// The entry at `index` gives points for a different number of units than the call
		/// names.
		WrongPointCount { index: u16 },
		/// The learner at `index` is listed twice.
		DuplicateLearner { index: u16 },
		/// The learner at `index` is not enrolled in the course.
		NotEnrolled { index: u16 },
		/// The assessment does not cover `unit` in the guide version the learner at `index`
		/// follows in it.
		UnitNotInLearnersVersion { index: u16, unit: u8 },
		/// `unit` was already conveyed to the learner at `index`.
		AlreadyConveyed { index: u16, unit: u8 },
		/// `unit` was never conveyed to the learner at `index`.
		NotConveyed { index: u16, unit: u8 },
		/// The learner at `index` has not acknowledged `unit` yet.
		NotAcquired { index: u16, unit: u8 },
		/// `unit` was already assessed for the learner at `index`.
		AlreadyAssessed { index: u16, unit: u8 },
		/// The learner at `index` has not responded for `unit` yet.
		NotResponded { index: u16, unit: u8 },
		/// `unit` was already awarded to the learner at `index`.
		AlreadyAwarded { index: u16, unit: u8 },
		/// The attendance points for `unit` of the learner at `index` exceed the unit's share.
		AttendanceAboveMaximum { index: u16, unit: u8 },
		/// The score points for `unit` of the learner at `index` exceed the unit's share.
		ScoreAboveMaximum { index: u16, unit: u8 },
		/// The help points for `unit` of the learner at `index` exceed the unit's share.
		HelpAboveMaximum { index: u16, unit: u8 },
		/// Nothing was conveyed to the caller in this assessment.
		NothingConveyed,
		/// `unit` was not conveyed to the caller in this assessment.
		UnitNotConveyed { unit: u8 },
		/// The caller already acknowledged `unit`.
		UnitAlreadyAcquired { unit: u8 },
		/// `unit` is not assessed for the caller yet.
		UnitNotAssessed { unit: u8 },
		/// The caller already responded for `unit`.
		UnitAlreadyResponded { unit: u8 },
		/// The instructor awarded the caller no unit of this assessment.
		NotAwardedBy,
		/// The caller already rated this instructor for this assessment.
		AlreadyRated,
		/// The assessment gives no instructor-feedback points: there is nothing to rate.
		NoFeedbackInAssessment,
		/// The record has as many ratings as it may hold (`MaxUnitsPerAssessment`).
		TooManyRatings,
		/// The rating exceeds the assessment's `max_instructor_feedback`.
		RatingAboveMaximum,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxBatch::get() > 0, "MaxBatch must be at least 1");
			assert!(
				T::MaxBatch::get() <= u32::from(u16::MAX).saturating_add(1),
				"MaxBatch must be at most 65 536: batch errors name the index as a u16"
			);
			assert!(
				(1..=256).contains(&T::MaxUnitsPerAssessment::get()),
				"MaxUnitsPerAssessment must be 1 to 256: errors name the unit as a u8"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Step 1: convey `units` of assessment `assessment` of `course` to learners, with each
		/// learner's attendance points per unit.
		///
		/// - Origin: signed by an acting instructor of the course (see the crate docs); the
		///   course not closed, except to convey again a unit that a revocation reopened.
		/// - `units`: 1 to `MaxUnitsPerAssessment` units, each once, each covered by the
		///   assessment in the version each learner follows in it (the course's current version
		///   for a learner with no unit of it yet).
		/// - `learners`: 1 to `MaxBatch` entries, each learner enrolled and listed once, with
		///   as many attendance points as `units`, each at most the unit's share, and none of
		///   `units` conveyed to them yet. All or nothing (see the crate docs).
		/// - Emits `Conveyed` with the learners.
		/// - Cost: O(L·U); `convey_weight(L, U)`, and the weight used up to the failing learner
		///   on failure.
		#[pallet::call_index(0)]
		#[pallet::weight(convey_weight::<T>(learners.len(), units.len()))]
		pub fn convey(
			origin: OriginFor<T>,
			course: CourseId,
			assessment: AssessmentIndex,
			units: UnitsOf<T>,
			learners: BoundedVec<ConveyToOf<T>, T::MaxBatch>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let unit_count = units.len();
			Self::do_convey(who, course, assessment, units, learners)
				.map(|done| Some(convey_weight::<T>(done, unit_count)).into())
				.map_err(|failed| failed.with_weight(|done| convey_weight::<T>(done, unit_count)))
		}

		/// Step 2: acknowledge `units` conveyed to the caller in an assessment; mints an
		/// Attendance token per unit with the attendance points recorded at convey.
		///
		/// - Origin: signed by the learner; the course's institution accredited now.
		/// - `units`: 1 to `MaxUnitsPerAssessment`, each once, each conveyed to the caller and
		///   not acknowledged yet. All or nothing: the first offending unit is named.
		/// - Emits `Acquired` with the first token id.
		/// - Cost: O(U); `WeightInfo::acquire(U)`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::acquire(units.len().saturated_into()))]
		pub fn acquire(
			origin: OriginFor<T>,
			course: CourseId,
			assessment: AssessmentIndex,
			units: UnitsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_acquire(who, course, assessment, units)
		}

		/// Step 3: open the assessment of `units` for learners who acknowledged them.
		///
		/// - Origin: signed by an acting instructor of the course (not necessarily the one who
		///   conveyed); the course may be closed.
		/// - `learners`: 1 to `MaxBatch`, each listed once, each with every one of `units` at
		///   `Acquired`. All or nothing.
		/// - Emits `Assessed` with the learners.
		/// - Cost: O(L·U); `assess_weight(L, U)`, and the weight used up to the failing learner
		///   on failure.
		#[pallet::call_index(2)]
		#[pallet::weight(assess_weight::<T>(learners.len(), units.len()))]
		pub fn assess(
			origin: OriginFor<T>,
			course: CourseId,
			assessment: AssessmentIndex,
			units: UnitsOf<T>,
			learners: BoundedVec<T::AccountId, T::MaxBatch>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let unit_count = units.len();
			Self::do_assess(who, course, assessment, units, learners)
				.map(|done| Some(assess_weight::<T>(done, unit_count)).into())
				.map_err(|failed| failed.with_weight(|done| assess_weight::<T>(done, unit_count)))
		}

		/// Step 4: respond for `units` of an assessment with a commitment (the hash of the
		/// learner's response, which stays off chain).
		///
		/// - Origin: signed by the learner; the course's institution accredited now.
		/// - `units`: 1 to `MaxUnitsPerAssessment`, each once, each assessed for the caller and
		///   not responded yet. All or nothing: the first offending unit is named.
		/// - Emits `Responded`.
		/// - Cost: O(U); `WeightInfo::respond(U)`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::respond(units.len().saturated_into()))]
		pub fn respond(
			origin: OriginFor<T>,
			course: CourseId,
			assessment: AssessmentIndex,
			units: UnitsOf<T>,
			commitment: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_respond(who, course, assessment, units, commitment)
		}

		/// Step 5: award score and help points per unit to learners who responded; mints a
		/// Score token per (learner, unit) and each learner's Help for all of them.
		///
		/// - Origin: as for `assess`.
		/// - `awards`: 1 to `MaxBatch` entries, each learner listed once, with as many points as
		///   `units`, each at most the unit's share in the version the learner follows, each
		///   of `units` at `Responded`. All or nothing.
		/// - Emits `Awarded` with the learners and the first token id.
		/// - Cost: O(L·U); `award_weight(L, U)`, and the weight used up to the failing learner
		///   on failure.
		#[pallet::call_index(4)]
		#[pallet::weight(award_weight::<T>(awards.len(), units.len()))]
		pub fn award(
			origin: OriginFor<T>,
			course: CourseId,
			assessment: AssessmentIndex,
			units: UnitsOf<T>,
			awards: BoundedVec<AwardToOf<T>, T::MaxBatch>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let unit_count = units.len();
			Self::do_award(who, course, assessment, units, awards)
				.map(|done| Some(award_weight::<T>(done, unit_count)).into())
				.map_err(|failed| failed.with_weight(|done| award_weight::<T>(done, unit_count)))
		}

		/// Rate `instructor`, who awarded units of an assessment to the caller; mints the
		/// Instructor-score token to that instructor. Once per (assessment, instructor).
		///
		/// - Origin: signed by the learner; the course's institution accredited now.
		/// - `points`: at most the assessment's `max_instructor_feedback` in the version the
		///   learner follows; an assessment with no feedback points cannot be rated.
		/// - Emits `Rated`.
		/// - Cost: O(1); `WeightInfo::rate`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::rate())]
		pub fn rate(
			origin: OriginFor<T>,
			course: CourseId,
			assessment: AssessmentIndex,
			instructor: T::AccountId,
			points: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_rate(who, course, assessment, instructor, points)
		}
	}
}

// The weights of the batch calls, composed from their two benchmarks each.
use frame_support::{traits::Get, weights::Weight};
use pallet_courses::CourseInspect;
use sp_runtime::SaturatedConversion;

/// The weight of a batch of `learners` learners and `units` units each, from the two
/// benchmarks of the step: `per_learner(l)` (every learner with one unit) and
/// `per_unit(u)` (one learner with `u` units). A learner's record is read and written
/// once whatever its units, so a batch costs `per_learner(L)` plus, for each learner, what
/// its units beyond the first add: `L × (per_unit(U) − per_unit(1))`.
pub(crate) fn batch_weight(
	per_learner: impl Fn(u32) -> Weight,
	per_unit: impl Fn(u32) -> Weight,
	learners: usize,
	units: usize,
) -> Weight {
	let learners: u32 = learners.saturated_into();
	let units: u32 = units.saturated_into::<u32>().max(1);
	let extra_units = per_unit(units).saturating_sub(per_unit(1));
	per_learner(learners).saturating_add(extra_units.saturating_mul(learners.into()))
}

/// The reads of the guide versions a batch's learners follow beyond the first: at most one
/// per learner, and `MaxGuideVersions` in all (the benchmarks have every learner on one).
fn extra_versions<T: Config>(learners: usize) -> Weight {
	let versions = <T::Courses as CourseInspect<T::AccountId>>::MaxGuideVersions::get();
	let learners: u32 = learners.saturated_into();
	T::DbWeight::get().reads(u64::from(learners.min(versions).saturating_sub(1)))
}

/// The weight of `convey` for `learners` learners of `units` units.
pub fn convey_weight<T: Config>(learners: usize, units: usize) -> Weight {
	batch_weight(T::WeightInfo::convey_learners, T::WeightInfo::convey_units, learners, units)
		.saturating_add(extra_versions::<T>(learners))
}

/// The weight of `assess` for `learners` learners of `units` units.
pub fn assess_weight<T: Config>(learners: usize, units: usize) -> Weight {
	batch_weight(T::WeightInfo::assess_learners, T::WeightInfo::assess_units, learners, units)
}

/// The weight of `award` for `learners` learners of `units` units.
pub fn award_weight<T: Config>(learners: usize, units: usize) -> Weight {
	batch_weight(T::WeightInfo::award_learners, T::WeightInfo::award_units, learners, units)
		.saturating_add(extra_versions::<T>(learners))
}

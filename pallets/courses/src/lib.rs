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
//! competency and a scoring guide, published with it as version 1. An instructor of the course
//! may [`publish_guide`](Pallet::publish_guide) a new version for lifecycles that start later;
//! published versions are never edited or removed, so every lifecycle keeps the version it
//! started under and stays verifiable.
//!
//! The lead [`add_co_instructor`](Pallet::add_co_instructor)s and
//! [`remove_co_instructor`](Pallet::remove_co_instructor)s other instructors of the same
//! institution. The lead or the institution may [`close_course`](Pallet::close_course) it for
//! good; the institution may hand it to another of its instructors with
//! [`set_lead`](Pallet::set_lead).
//!
//! Enrollment needs the learner's consent: an instructor of the course
//! [`invite`](Pallet::invite)s learners (many in one call) and each learner
//! [`accept_invitation`](Pallet::accept_invitation)s; or, if the course has open enrollment, any
//! account may [`join`](Pallet::join) it. Each enrollment entry (invited or enrolled) adds a
//! *sufficient* reference to the learner's account (`frame_system::inc_sufficients`), kept as
//! long as the entry (entries are never removed): an invited fresh account with no balance then
//! exists, has a nonce and can sign its acceptance. The fee of a learner's call is the runtime's
//! business; the Learning Tokens runtime makes these calls free (`pallet-feeless`).
//!
//! ## Who pays for new accounts
//!
//! An account that exists costs every node its storage for good, and an account that exists
//! can sign free calls. Only an invitation brings a learner account into existence here (`join`
//! and `accept_invitation` need a signer whose account exists already), so the inviting
//! instructor pays for it: [`invite`](Pallet::invite) burns
//! [`NewAccountFee`](Config::NewAccountFee) from the caller for each learner of the batch whose
//! account did not exist before, and the call fails with nothing invited if the caller cannot
//! pay it and keep its own account. The Learning Tokens runtime sets the fee to its existential
//! deposit: what anyone pays to make an account exist by a transfer. Inviting a learner who has
//! an account already (a balance, Help, or another course's invitation) costs only the call's
//! fee.
//!
//! ## Terms
//!
//! - **Course**: a record in [`Courses`], keyed by a sequential [`CourseId`] from
//!   [`NextCourseId`]. It belongs to one institution and has one **lead instructor** and up to
//!   [`MaxCoInstructors`](Config::MaxCoInstructors) **co-instructors**. Its **instructors** are
//!   the lead and the co-instructors.
//! - **Acting instructor**: an instructor of the course who is, as the registry says now, still
//!   an instructor of the course's institution, which is accredited now. Every instructor action
//!   needs one: an instructor whom the institution removed, or an instructor of an institution
//!   that was suspended or revoked, can do nothing in its courses.
//! - **CIP code**: a field of knowledge in the Classification of Instructional Programs 2020:
//!   `NN`, `NN.NN` or `NN.NNNN`, ASCII digits ([`CipCode`]), e.g. `11.0701` Computer Science.
//! - **Unit of competency**: a skill identifier (an ESCO or WEF URI or code) and a short title
//!   ([`UnitOfCompetency`]), in [`Units`] under its [`UnitIndex`] (from 0).
//! - **Scoring guide**: a list of [`Assessment`]s (lessons, tasks, final evaluation). Each
//!   assessment names the units it covers and each unit's **share**: the most attendance, score
//!   and help points a learner may earn in that unit of that assessment. The assessment's maxima
//!   are the sums of its shares, so what a learner earns in an assessment, summed over its
//!   units, never exceeds them; the guide's totals ([`GuideSummary`]) are the sums over its
//!   assessments. An assessment also gives the most instructor-feedback points a learner may
//!   give, once per assessment and awarding instructor. Every maximum of an assessment (each
//!   kind summed over its units, and the feedback) is at most
//!   [`MaxAssessmentPoints`](Config::MaxAssessmentPoints): no guide can mint unbounded Help.
//!   docs/DOMAIN.md recommends that learner points sum to 100; the chain enforces only the bounds.
//!   Each version's summary is in [`Guides`], its assessments one by one in [`Assessments`];
//!   the course's `guide_version` is the one new lifecycles use.
//! - **Enrollment**: [`Enrollments`], keyed by learner first (a wallet lists its own courses
//!   cheaply), holds `Invited` (an instructor invited, the learner has not accepted: not
//!   enrolled) or `Enrolled` (the learner accepted or joined). An instructor of a course is
//!   never a learner in it: they cannot be invited or join, and an enrolled learner cannot be
//!   made its co-instructor or lead.
//! - **Closed**: a closed course takes no new enrollment, guide version, co-instructor or
//!   convey step. What was conveyed before the close can still be finished: the lifecycle
//!   pallet lets learners acknowledge, respond and rate, and instructors assess and award,
//!   units conveyed before the close, so closing never strands what a learner already earned.
//!
//! ## Batches and the offending index
//!
//! [`invite`](Pallet::invite) takes up to [`MaxBatch`](Config::MaxBatch) learners and is all or
//! nothing: if one learner is already invited or enrolled, or appears twice in the batch, the
//! whole call fails with `AlreadyInvited { index }` (or `DuplicateLearner`, `InstructorCannotEnroll`),
//! `index` being that learner's position (from 0) in the batch, and nothing is stored. FRAME
//! errors may carry data as long as the error encodes in `MAX_MODULE_ERROR_ENCODED_SIZE` (4)
//! bytes, so the index is a `u16` (the variant takes one byte, the index two), and
//! [`MaxBatch`](Config::MaxBatch) is at most 65 536 (checked by `integrity_test`).
//!
//! ## Invariants
//!
//! Checked by `do_try_state` (the `try_state` hook) and after every unit test:
//!
//! - Every course id is below [`NextCourseId`].
//! - A course's `guide_version` is between 1 and [`MaxGuideVersions`](Config::MaxGuideVersions),
//!   and versions `1..=guide_version` of its guide all exist, each with exactly its summary's
//!   number of assessments; no other version or assessment exists, and no guide, unit or
//!   enrollment belongs to a course that does not exist.
//! - Every assessment covers at least one unit, each unit of the course at most once, and its
//!   maxima are within `MaxAssessmentPoints`; each summary's totals are the sums of its
//!   assessments'.
//! - A course has `unit_count` (at least one) units, numbered `0..unit_count`, each with a
//!   non-empty skill identifier, a well-formed CIP code and a non-empty title; its
//!   co-instructors hold no duplicates and never the lead; none of its instructors is enrolled
//!   or invited in it.
//! - A learner's account has at least as many sufficient references as enrollment entries.

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
#[cfg(feature = "runtime-benchmarks")]
pub use traits::{BenchmarkHelper, CourseBenchmarking};
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
	use frame_support::{pallet_prelude::*, traits::fungible};
	use frame_system::pallet_prelude::*;
	use sp_runtime::SaturatedConversion;

	/// The in-code storage version: 1 since units, guides and enrollments moved to their own
	/// maps (learning record v2; see docs/ARCHITECTURE.md, "Storage versions").
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

		/// The longest course title, in bytes.
		#[pallet::constant]
		type MaxTitleLen: Get<u32>;

		/// The most units of competency of one course; at most 256 (a [`UnitIndex`] is a `u8`).
		#[pallet::constant]
		type MaxUnits: Get<u32>;

		/// The longest skill identifier of a unit of competency, in bytes.
		#[pallet::constant]
		type MaxSkillIdLen: Get<u32>;

		/// The longest title of a unit of competency, in bytes.
		#[pallet::constant]
		type MaxUnitTitleLen: Get<u32>;

		/// The most assessments of one version of a scoring guide; at most 256.
		#[pallet::constant]
		type MaxAssessments: Get<u32>;

		/// The most units of competency one assessment covers.
		#[pallet::constant]
		type MaxUnitsPerAssessment: Get<u32>;

		/// The most points of one kind (attendance, score, help, summed over the assessment's
		/// units; or instructor feedback) that one assessment may give.
		#[pallet::constant]
		type MaxAssessmentPoints: Get<u32>;

		/// The most versions of one course's scoring guide (the first included).
		#[pallet::constant]
		type MaxGuideVersions: Get<u32>;

		/// The most co-instructors of one course.
		#[pallet::constant]
		type MaxCoInstructors: Get<u32>;

		/// The most learners one `invite` call may invite; at most 65 536.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// The currency an instructor pays with for the learner accounts `invite` creates.
		type Currency: fungible::Mutate<Self::AccountId>;

		/// What `invite` burns from the inviting instructor for each learner account that did
		/// not exist before (see the crate docs, "Who pays for new accounts").
		#[pallet::constant]
		type NewAccountFee: Get<BalanceOf<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Registers the institutions and instructors that the benchmarks use.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Every course, closed ones included.
	#[pallet::storage]
	pub type Courses<T: Config> = StorageMap<_, Twox64Concat, CourseId, Course<T>, OptionQuery>;

	/// The id the next course will get.
	#[pallet::storage]
	pub type NextCourseId<T: Config> = StorageValue<_, CourseId, ValueQuery>;

	/// The units of competency of every course, by course and index.
	#[pallet::storage]
	pub type Units<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		CourseId,
		Twox64Concat,
		UnitIndex,
		UnitOf<T>,
		OptionQuery,
	>;

	/// The summary of every published version of every course's scoring guide; never changed
	/// once written.
	#[pallet::storage]
	pub type Guides<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		CourseId,
		Twox64Concat,
		GuideVersion,
		GuideSummaryOf<T>,
		OptionQuery,
	>;

	/// The assessments of every published version of every course's scoring guide, one by one
	/// (a lifecycle step reads only its own); never changed once written.
	#[pallet::storage]
	pub type Assessments<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, CourseId>,
			NMapKey<Twox64Concat, GuideVersion>,
			NMapKey<Twox64Concat, AssessmentIndex>,
		),
		AssessmentOf<T>,
		OptionQuery,
	>;

	/// Where each invited or enrolled learner stands in each course, by learner first.
	#[pallet::storage]
	pub type Enrollments<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		CourseId,
		EnrollmentStatus,
		OptionQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An instructor created a course of `institution` and leads it.
		CourseCreated { course: CourseId, institution: T::AccountId, lead: T::AccountId },
		/// A version of a course's scoring guide was published (version 1 with the course); new
		/// lifecycles use it.
		GuideVersionPublished { course: CourseId, version: GuideVersion },
		/// The lead added a co-instructor.
		CoInstructorAdded { course: CourseId, instructor: T::AccountId },
		/// The lead removed a co-instructor.
		CoInstructorRemoved { course: CourseId, instructor: T::AccountId },
		/// The institution handed its course to a new lead.
		LeadChanged { course: CourseId, previous: T::AccountId, lead: T::AccountId },
		/// An instructor invited `learners`; `new_accounts` of them did not exist before, and
		/// the instructor paid `fee` (burned) for them.
		LearnersInvited {
			course: CourseId,
			instructor: T::AccountId,
			learners: BoundedVec<T::AccountId, T::MaxBatch>,
			new_accounts: u32,
			fee: BalanceOf<T>,
		},
		/// A learner accepted an invitation and is enrolled.
		InvitationAccepted { course: CourseId, learner: T::AccountId },
		/// A learner joined a course with open enrollment and is enrolled.
		LearnerJoined { course: CourseId, learner: T::AccountId },
		/// The lead or the institution (`by`) closed a course.
		CourseClosed { course: CourseId, by: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No course has this id.
		UnknownCourse,
		/// The caller is not the lead of this course.
		NotLead,
		/// The caller is neither the lead nor a co-instructor of this course.
		NotCourseInstructor,
		/// The caller is not (or no longer) an instructor of the institution, as the registry
		/// says.
		NotInstitutionInstructor,
		/// The account to add or make lead is not an instructor of the course's institution.
		NotAnInstructorOfInstitution,
		/// The caller is neither the course's institution nor its lead.
		NotLeadOrInstitution,
		/// The caller is not the course's institution.
		NotInstitution,
		/// The institution is not accredited now.
		NotAccredited,
		/// The instructor is already the lead or a co-instructor of this course.
		AlreadyInstructor,
		/// The account is not a co-instructor of this course.
		NotCoInstructor,
		/// The account is already the course's lead.
		AlreadyLead,
		/// The account is invited or enrolled in this course as a learner, so it cannot
		/// instruct it.
		LearnerCannotInstruct,
		/// The course was closed.
		CourseClosed,
		/// The title is empty.
		EmptyTitle,
		/// The CIP code is not `NN`, `NN.NN` or `NN.NNNN` in ASCII digits.
		InvalidCipCode,
		/// A course needs at least one unit of competency.
		NoUnits,
		/// A unit of competency has an empty skill identifier.
		EmptySkillId,
		/// A scoring guide needs at least one assessment.
		EmptyGuide,
		/// The assessment at `index` covers no unit.
		AssessmentWithoutUnits { index: u8 },
		/// The assessment at `index` names a unit the course does not have.
		UnknownUnitInAssessment { index: u8 },
		/// The assessment at `index` names the same unit twice.
		DuplicateUnitInAssessment { index: u8 },
		/// A maximum of the assessment at `index` (a kind summed over its units, or the
		/// feedback) exceeds `MaxAssessmentPoints`.
		AssessmentPointsTooHigh { index: u8 },
		/// The course has `MaxGuideVersions` versions of its guide already.
		TooManyVersions,
		/// The course has `MaxCoInstructors` co-instructors already.
		TooManyCoInstructors,
		/// No learners to invite.
		NoLearners,
		/// The caller cannot pay `NewAccountFee` for each learner account the batch would create
		/// and still keep its own account: nothing was invited.
		CannotPayNewAccounts,
		/// The learner at `index` (from 0) of the batch is already invited or enrolled: nothing
		/// was invited; resubmit without it.
		AlreadyInvited { index: u16 },
		/// The learner at `index` (from 0) of the batch is listed twice: nothing was invited.
		DuplicateLearner { index: u16 },
		/// The account at `index` (from 0) of the batch instructs this course, so it cannot be a
		/// learner in it: nothing was invited.
		InstructorCannotEnroll { index: u16 },
		/// The caller has no invitation to this course.
		NotInvited,
		/// The caller is already enrolled in this course.
		AlreadyEnrolled,
		/// The course does not have open enrollment: learners need an invitation.
		NotOpenForEnrollment,
		/// Every course id has been used.
		NoCourseIdLeft,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxTitleLen::get() > 0, "MaxTitleLen must be at least 1");
			assert!(
				(1..=256).contains(&T::MaxUnits::get()),
				"MaxUnits must be 1 to 256: errors name a unit in one byte"
			);
			assert!(T::MaxSkillIdLen::get() > 0, "MaxSkillIdLen must be at least 1");
			assert!(
				(1..=256).contains(&T::MaxAssessments::get()),
				"MaxAssessments must be 1 to 256: an assessment index is a u8"
			);
			assert!(
				(1..=T::MaxUnits::get()).contains(&T::MaxUnitsPerAssessment::get()),
				"MaxUnitsPerAssessment must be 1 to MaxUnits"
			);
			assert!(T::MaxGuideVersions::get() > 0, "MaxGuideVersions must be at least 1");
			assert!(T::MaxBatch::get() > 0, "MaxBatch must be at least 1");
			assert!(
				T::MaxBatch::get() <= u32::from(u16::MAX).saturating_add(1),
				"MaxBatch must be at most 65 536: batch errors name the index as a u16"
			);
			assert!(
				T::MaxAssessmentPoints::get()
					.checked_mul(T::MaxAssessments::get())
					.and_then(|kind| kind.checked_mul(3))
					.is_some(),
				"a guide's totals must fit a u32"
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
		/// - `title`: non-empty; `cip_code`: `NN`, `NN.NN` or `NN.NNNN`; `units`: at least one,
		///   each with a non-empty skill identifier; `guide`: see `publish_guide`;
		///   `open_enrollment`: whether learners may join without an invitation. Lengths are
		///   bounded by the call's types (`MaxTitleLen`, `MaxUnits`, ...): a longer input does
		///   not decode, so the pool refuses the transaction.
		/// - Emits `CourseCreated`, then `GuideVersionPublished` for version 1.
		/// - Cost: O(U + A), U units, A assessments (each weighed as if it covered
		///   `MaxUnitsPerAssessment` units); `WeightInfo::create_course(U, A)`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_course(
			units.len().saturated_into(),
			guide.len().saturated_into(),
		))]
		pub fn create_course(
			origin: OriginFor<T>,
			institution: T::AccountId,
			title: TitleOf<T>,
			cip_code: BoundedVec<u8, ConstU32<MAX_CIP_CODE_LEN>>,
			units: UnitsOf<T>,
			guide: GuideOf<T>,
			open_enrollment: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_course(
				who,
				institution,
				title,
				cip_code,
				units,
				guide,
				open_enrollment,
			)?;
			Ok(())
		}

		/// Publish a new version of a course's scoring guide; lifecycles that start later use
		/// it, those already started keep theirs.
		///
		/// - Origin: signed by an acting instructor of the course, which is not closed.
		/// - `guide`: 1 to `MaxAssessments` assessments; each covers 1 to
		///   `MaxUnitsPerAssessment` distinct units of the course, and each of its maxima (each
		///   kind summed over its units, and the feedback) is at most `MaxAssessmentPoints`. The
		///   course may have at most `MaxGuideVersions` versions.
		/// - Emits `GuideVersionPublished`.
		/// - Cost: O(A), A assessments; `WeightInfo::publish_guide(A)`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::publish_guide(guide.len().saturated_into()))]
		pub fn publish_guide(
			origin: OriginFor<T>,
			course: CourseId,
			guide: GuideOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_publish_guide(who, course, guide)
		}

		/// Add a co-instructor to a course.
		///
		/// - Origin: signed by the lead of a course that is not closed, acting (see the crate
		///   docs).
		/// - `instructor`: an instructor of the course's institution, neither the lead nor a
		///   co-instructor already, not a learner of the course; up to `MaxCoInstructors`.
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
		/// - Origin: signed by the lead of a course that is not closed, acting.
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
		/// - Origin: signed by an acting instructor of a course that is not closed.
		/// - `learners`: 1 to `MaxBatch` accounts, none already invited or enrolled, none twice,
		///   none an instructor of the course. All or nothing: the first offending learner
		///   fails the call with its index (see the crate docs).
		/// - Burns `NewAccountFee` from the caller for each learner account that did not exist
		///   before (`CannotPayNewAccounts` if the caller cannot pay it and keep its account).
		/// - Emits `LearnersInvited` with the learners, the new accounts and the fee.
		/// - Cost: O(L), L the number of learners; `WeightInfo::invite(L)`, and the weight used
		///   up to the failing learner on failure.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::invite(learners.len().saturated_into()))]
		pub fn invite(
			origin: OriginFor<T>,
			course: CourseId,
			learners: BoundedVec<T::AccountId, T::MaxBatch>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_invite(who, course, learners)
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

		/// Join a course with open enrollment: the caller is enrolled. An invitation the caller
		/// had is consumed.
		///
		/// - Origin: any signed account not enrolled yet and not an instructor of the course;
		///   the course must have open enrollment and not be closed.
		/// - Emits `LearnerJoined`.
		/// - Cost: O(1); `WeightInfo::join`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::join())]
		pub fn join(origin: OriginFor<T>, course: CourseId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_join(who, course)
		}

		/// Close a course for good: no new enrollment, guide version, co-instructor or convey;
		/// what was conveyed before may still be finished (see the crate docs).
		///
		/// - Origin: signed by the course's institution (accredited or not: an institution may
		///   always wind its courses down), or by its lead, acting.
		/// - Emits `CourseClosed`.
		/// - Cost: O(1); `WeightInfo::close_course`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::close_course())]
		pub fn close_course(origin: OriginFor<T>, course: CourseId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close_course(who, course)
		}

		/// Hand a course to a new lead, e.g. when the institution removed its lead.
		///
		/// - Origin: signed by the course's institution, accredited now.
		/// - `lead`: an instructor of the institution, not the lead already, not a learner of
		///   the course; if a co-instructor, it is no longer listed as one. The previous lead
		///   keeps no role in the course.
		/// - Emits `LeadChanged`.
		/// - Cost: O(1); `WeightInfo::set_lead`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::set_lead())]
		pub fn set_lead(
			origin: OriginFor<T>,
			course: CourseId,
			lead: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_lead(who, course, lead)
		}
	}
}

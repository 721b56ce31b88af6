//! The logic of the courses pallet: the `do_*` helpers the calls delegate to, the queries, the
//! [`CourseInspect`] trait, and the invariant check.

use crate::{
	pallet::{
		Assessments, Config, Courses, Enrollments, Error, Event, Guides, NextCourseId, Pallet,
		Units,
	},
	types::*,
	weights::WeightInfo,
	CourseFacts, CourseInspect,
};
use alloc::{collections::BTreeSet, vec::Vec};
use frame_support::{
	dispatch::{DispatchErrorWithPostInfo, DispatchResultWithPostInfo, PostDispatchInfo},
	ensure,
	pallet_prelude::{ConstU32, DispatchError, DispatchResult},
	traits::{
		fungible::Mutate,
		tokens::{Fortitude, Precision, Preservation},
		Get,
	},
	BoundedVec,
};
use pallet_registry::TrustRegistry;
use sp_runtime::{
	traits::{Saturating, Zero},
	SaturatedConversion,
};

impl<T: Config> Pallet<T> {
	/// See [`Pallet::create_course`]. Returns the new course's id.
	pub(crate) fn do_create_course(
		who: T::AccountId,
		institution: T::AccountId,
		title: TitleOf<T>,
		cip_code: BoundedVec<u8, ConstU32<MAX_CIP_CODE_LEN>>,
		units: UnitsOf<T>,
		guide: GuideOf<T>,
		open_enrollment: bool,
	) -> Result<CourseId, DispatchError> {
		ensure!(T::Registry::is_accredited(&institution), Error::<T>::NotAccredited);
		ensure!(
			T::Registry::is_instructor_of(&who, &institution),
			Error::<T>::NotInstitutionInstructor
		);

		ensure!(!title.is_empty(), Error::<T>::EmptyTitle);
		let cip_code = CipCode::parse(&cip_code).ok_or(Error::<T>::InvalidCipCode)?;
		ensure!(!units.is_empty(), Error::<T>::NoUnits);
		ensure!(units.iter().all(|unit| !unit.skill.is_empty()), Error::<T>::EmptySkillId);
		let unit_count: u32 = units.len().saturated_into();
		let summary = validate_guide::<T>(unit_count, &guide)?;

		let course = NextCourseId::<T>::get();
		let next = course.checked_add(1).ok_or(Error::<T>::NoCourseIdLeft)?;
		let version: GuideVersion = 1;

		Courses::<T>::insert(
			course,
			Course {
				institution: institution.clone(),
				lead: who.clone(),
				co_instructors: Default::default(),
				title,
				cip_code,
				unit_count,
				open_enrollment,
				status: CourseStatus::Open,
				guide_version: version,
			},
		);
		// `units` has at most `MaxUnits` (at most 256) entries: every index fits.
		for (index, unit) in (0..=UnitIndex::MAX).zip(units) {
			Units::<T>::insert(course, index, unit);
		}
		store_guide::<T>(course, version, guide, summary);
		NextCourseId::<T>::put(next);

		Self::deposit_event(Event::CourseCreated { course, institution, lead: who });
		Self::deposit_event(Event::GuideVersionPublished { course, version });
		Ok(course)
	}

	/// See [`Pallet::publish_guide`].
	pub(crate) fn do_publish_guide(
		who: T::AccountId,
		course: CourseId,
		guide: GuideOf<T>,
	) -> DispatchResult {
		let version = Courses::<T>::try_mutate(
			course,
			|maybe_course| -> Result<GuideVersion, DispatchError> {
				let record = open_course::<T, _>(maybe_course.as_mut())?;
				ensure_acting::<T>(record, &who, Role::Instructor)?;
				let summary = validate_guide::<T>(record.unit_count, &guide)?;
				let version = record
					.guide_version
					.checked_add(1)
					.filter(|version| *version <= T::MaxGuideVersions::get())
					.ok_or(Error::<T>::TooManyVersions)?;

				store_guide::<T>(course, version, guide, summary);
				record.guide_version = version;
				Ok(version)
			},
		)?;

		Self::deposit_event(Event::GuideVersionPublished { course, version });
		Ok(())
	}

	/// See [`Pallet::add_co_instructor`].
	pub(crate) fn do_add_co_instructor(
		who: T::AccountId,
		course: CourseId,
		instructor: T::AccountId,
	) -> DispatchResult {
		Courses::<T>::try_mutate(course, |maybe_course| -> DispatchResult {
			let record = open_course::<T, _>(maybe_course.as_mut())?;
			ensure_acting::<T>(record, &who, Role::Lead)?;
			ensure!(!record.is_instructor(&instructor), Error::<T>::AlreadyInstructor);
			ensure!(
				T::Registry::is_instructor_of(&instructor, &record.institution),
				Error::<T>::NotAnInstructorOfInstitution
			);
			ensure!(
				!Enrollments::<T>::contains_key(&instructor, course),
				Error::<T>::LearnerCannotInstruct
			);
			record
				.co_instructors
				.try_push(instructor.clone())
				.map_err(|_| Error::<T>::TooManyCoInstructors)?;
			Ok(())
		})?;

		Self::deposit_event(Event::CoInstructorAdded { course, instructor });
		Ok(())
	}

	/// See [`Pallet::remove_co_instructor`].
	pub(crate) fn do_remove_co_instructor(
		who: T::AccountId,
		course: CourseId,
		instructor: T::AccountId,
	) -> DispatchResult {
		Courses::<T>::try_mutate(course, |maybe_course| -> DispatchResult {
			let record = open_course::<T, _>(maybe_course.as_mut())?;
			ensure_acting::<T>(record, &who, Role::Lead)?;
			ensure!(record.co_instructors.contains(&instructor), Error::<T>::NotCoInstructor);
			record.co_instructors.retain(|known| known != &instructor);
			Ok(())
		})?;

		Self::deposit_event(Event::CoInstructorRemoved { course, instructor });
		Ok(())
	}

	/// See [`Pallet::set_lead`].
	pub(crate) fn do_set_lead(
		who: T::AccountId,
		course: CourseId,
		lead: T::AccountId,
	) -> DispatchResult {
		let previous = Courses::<T>::try_mutate(
			course,
			|maybe_course| -> Result<T::AccountId, DispatchError> {
				let record = maybe_course.as_mut().ok_or(Error::<T>::UnknownCourse)?;
				ensure!(record.institution == who, Error::<T>::NotInstitution);
				ensure!(T::Registry::is_accredited(&who), Error::<T>::NotAccredited);
				ensure!(record.lead != lead, Error::<T>::AlreadyLead);
				ensure!(
					T::Registry::is_instructor_of(&lead, &record.institution),
					Error::<T>::NotAnInstructorOfInstitution
				);
				ensure!(
					!Enrollments::<T>::contains_key(&lead, course),
					Error::<T>::LearnerCannotInstruct
				);
				record.co_instructors.retain(|known| known != &lead);
				Ok(core::mem::replace(&mut record.lead, lead.clone()))
			},
		)?;

		Self::deposit_event(Event::LeadChanged { course, previous, lead });
		Ok(())
	}

	/// See [`Pallet::invite`]. Weighed per learner, the failing one included.
	pub(crate) fn do_invite(
		who: T::AccountId,
		course: CourseId,
		learners: BoundedVec<T::AccountId, T::MaxBatch>,
	) -> DispatchResultWithPostInfo {
		let failed_at = |index: usize, error: Error<T>| DispatchErrorWithPostInfo {
			post_info: PostDispatchInfo::from(Some(T::WeightInfo::invite(
				index.saturating_add(1).saturated_into(),
			))),
			error: error.into(),
		};
		let before_learners = |error: DispatchError| DispatchErrorWithPostInfo {
			post_info: PostDispatchInfo::from(Some(T::WeightInfo::invite(0))),
			error,
		};

		let record = Courses::<T>::get(course);
		let record = open_course::<T, _>(record.as_ref()).map_err(|e| before_learners(e.into()))?;
		ensure_acting::<T>(record, &who, Role::Instructor).map_err(before_learners)?;
		ensure!(!learners.is_empty(), before_learners(Error::<T>::NoLearners.into()));

		// Validate the whole batch before writing anything, so that the error names the first
		// offending learner and the call changes nothing.
		let mut seen = BTreeSet::new();
		let mut new_accounts: u32 = 0;
		for (index, learner) in learners.iter().enumerate() {
			let at = position(index);
			if !seen.insert(learner) {
				return Err(failed_at(index, Error::<T>::DuplicateLearner { index: at }));
			}
			if record.is_instructor(learner) {
				return Err(failed_at(index, Error::<T>::InstructorCannotEnroll { index: at }));
			}
			if Enrollments::<T>::contains_key(learner, course) {
				return Err(failed_at(index, Error::<T>::AlreadyInvited { index: at }));
			}
			if !frame_system::Pallet::<T>::account_exists(learner) {
				new_accounts = new_accounts.saturating_add(1);
			}
		}
		// The instructor pays for the accounts the batch creates (see the crate docs). A
		// saturated fee is more than any account holds, so it fails like any unaffordable one.
		let fee = T::NewAccountFee::get().saturating_mul(new_accounts.into());
		if !fee.is_zero() {
			T::Currency::burn_from(
				&who,
				fee,
				Preservation::Preserve,
				Precision::Exact,
				Fortitude::Polite,
			)
			.map_err(|_| {
				// Every learner was checked: the whole batch's weight.
				failed_at(learners.len().saturating_sub(1), Error::<T>::CannotPayNewAccounts)
			})?;
		}
		for learner in &learners {
			Enrollments::<T>::insert(learner, course, EnrollmentStatus::Invited);
			// The entry references the learner's account, so that a fresh account with no
			// balance exists and can sign its acceptance (see the crate docs).
			frame_system::Pallet::<T>::inc_sufficients(learner);
		}

		let count: u32 = learners.len().saturated_into();
		Self::deposit_event(Event::LearnersInvited {
			course,
			instructor: who,
			learners,
			new_accounts,
			fee,
		});
		Ok(Some(T::WeightInfo::invite(count)).into())
	}

	/// See [`Pallet::accept_invitation`].
	pub(crate) fn do_accept_invitation(who: T::AccountId, course: CourseId) -> DispatchResult {
		open_course::<T, _>(Courses::<T>::get(course).as_ref())?;
		Enrollments::<T>::try_mutate(&who, course, |status| match *status {
			Some(EnrollmentStatus::Invited) => {
				*status = Some(EnrollmentStatus::Enrolled);
				Ok(())
			},
			Some(EnrollmentStatus::Enrolled) => Err(Error::<T>::AlreadyEnrolled),
			None => Err(Error::<T>::NotInvited),
		})?;

		Self::deposit_event(Event::InvitationAccepted { course, learner: who });
		Ok(())
	}

	/// See [`Pallet::join`].
	pub(crate) fn do_join(who: T::AccountId, course: CourseId) -> DispatchResult {
		let record = Courses::<T>::get(course);
		let record = open_course::<T, _>(record.as_ref())?;
		ensure!(record.open_enrollment, Error::<T>::NotOpenForEnrollment);
		ensure!(!record.is_instructor(&who), Error::<T>::InstructorCannotEnroll { index: 0 });
		let new_entry =
			Enrollments::<T>::try_mutate(&who, course, |status| -> Result<bool, Error<T>> {
				ensure!(*status != Some(EnrollmentStatus::Enrolled), Error::<T>::AlreadyEnrolled);
				let new_entry = status.is_none();
				*status = Some(EnrollmentStatus::Enrolled);
				Ok(new_entry)
			})?;
		if new_entry {
			frame_system::Pallet::<T>::inc_sufficients(&who);
		}

		Self::deposit_event(Event::LearnerJoined { course, learner: who });
		Ok(())
	}

	/// See [`Pallet::close_course`].
	pub(crate) fn do_close_course(who: T::AccountId, course: CourseId) -> DispatchResult {
		Courses::<T>::try_mutate(course, |maybe_course| -> DispatchResult {
			let record = open_course::<T, _>(maybe_course.as_mut())?;
			if record.institution != who {
				ensure!(record.lead == who, Error::<T>::NotLeadOrInstitution);
				ensure_acting::<T>(record, &who, Role::Lead)?;
			}
			record.status = CourseStatus::Closed;
			Ok(())
		})?;

		Self::deposit_event(Event::CourseClosed { course, by: who });
		Ok(())
	}
}

/// Queries: what the [`CourseInspect`] trait and the runtime APIs answer.
impl<T: Config> Pallet<T> {
	/// Version `version` of the scoring guide of `course`, its assessments in order; every
	/// published version stays readable.
	pub fn guide(course: CourseId, version: GuideVersion) -> Option<Vec<AssessmentOf<T>>> {
		let summary = Guides::<T>::get(course, version)?;
		(0..summary.assessments)
			.map(|index| {
				let index = AssessmentIndex::try_from(index).ok()?;
				Assessments::<T>::get((course, version, index))
			})
			.collect()
	}

	/// The courses `learner` is invited to or enrolled in, with each course's institution and
	/// title, from after `cursor`, at most `limit` (see [`Page`]).
	pub fn enrollments_of(
		learner: &T::AccountId,
		cursor: Option<CourseId>,
		limit: u32,
	) -> Page<EnrollmentView<T::AccountId>, CourseId> {
		let page = Self::courses_of(learner, cursor, limit);
		let items = page
			.items
			.into_iter()
			.filter_map(|(course, status)| {
				let record = Courses::<T>::get(course)?;
				let closed = record.is_closed();
				Some(EnrollmentView {
					course,
					status,
					institution: record.institution,
					title: record.title.into_inner(),
					closed,
				})
			})
			.collect();
		Page { items, next: page.next }
	}
}

impl<T: Config> CourseInspect<T::AccountId> for Pallet<T> {
	type MaxUnitsPerAssessment = T::MaxUnitsPerAssessment;
	type MaxSkillIdLen = T::MaxSkillIdLen;
	type MaxUnitTitleLen = T::MaxUnitTitleLen;
	type MaxGuideVersions = T::MaxGuideVersions;

	fn exists(course: CourseId) -> bool {
		Courses::<T>::contains_key(course)
	}

	fn facts(course: CourseId, who: &T::AccountId) -> Option<CourseFacts<T::AccountId>> {
		let record = Courses::<T>::get(course)?;
		let is_instructor = record.is_instructor(who);
		Some(CourseFacts {
			closed: record.is_closed(),
			institution: record.institution,
			is_instructor,
			guide_version: record.guide_version,
		})
	}

	fn is_enrolled(course: CourseId, learner: &T::AccountId) -> bool {
		Enrollments::<T>::get(learner, course) == Some(EnrollmentStatus::Enrolled)
	}

	fn assessment(
		course: CourseId,
		version: GuideVersion,
		index: AssessmentIndex,
	) -> Option<AssessmentOf<T>> {
		Assessments::<T>::get((course, version, index))
	}

	fn unit(course: CourseId, unit: UnitIndex) -> Option<UnitOf<T>> {
		Units::<T>::get(course, unit)
	}

	fn cip_code_and_institution(course: CourseId) -> Option<(CipCode, T::AccountId)> {
		Courses::<T>::get(course).map(|record| (record.cip_code, record.institution))
	}

	fn courses_of(
		learner: &T::AccountId,
		cursor: Option<CourseId>,
		limit: u32,
	) -> Page<(CourseId, EnrollmentStatus), CourseId> {
		let entries = match cursor {
			Some(after) => Enrollments::<T>::iter_prefix_from(
				learner,
				Enrollments::<T>::hashed_key_for(learner, after),
			),
			None => Enrollments::<T>::iter_prefix(learner),
		};
		let size = page_size(limit);
		let mut items: Vec<_> = entries.take(size.saturating_add(1)).collect();
		let next = if items.len() > size {
			items.truncate(size);
			items.last().map(|(course, _)| *course)
		} else {
			None
		};
		Page { items, next }
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> crate::CourseBenchmarking<T::AccountId> for Pallet<T> {
	fn create_course(
		institution: &T::AccountId,
		lead: &T::AccountId,
		units: u32,
		assessments: u32,
		units_per_assessment: u32,
	) -> Result<CourseId, DispatchError> {
		use crate::BenchmarkHelper;
		T::BenchmarkHelper::register(institution, core::slice::from_ref(lead));
		let (title, cip_code, units, guide) =
			crate::benchmarking::inputs::<T>(units, assessments, units_per_assessment);
		Pallet::<T>::do_create_course(
			lead.clone(),
			institution.clone(),
			title,
			cip_code,
			units,
			guide,
			true,
		)
	}

	fn enroll(course: CourseId, learners: &[T::AccountId]) {
		for learner in learners {
			if Enrollments::<T>::get(learner, course).is_none() {
				frame_system::Pallet::<T>::inc_sufficients(learner);
			}
			Enrollments::<T>::insert(learner, course, EnrollmentStatus::Enrolled);
		}
	}
}

/// The invariants listed in the crate docs.
#[cfg(any(feature = "try-runtime", test))]
impl<T: Config> Pallet<T> {
	/// Checks every invariant of the pallet; `Err` names the first one that does not hold.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextCourseId::<T>::get();
		for (course, record) in Courses::<T>::iter() {
			ensure!(course < next, "a course id is not below NextCourseId");
			ensure!(!record.title.is_empty(), "a course has an empty title");
			ensure!(record.unit_count >= 1, "a course has no units of competency");
			for index in 0..record.unit_count {
				let unit = UnitIndex::try_from(index)
					.ok()
					.and_then(|index| Units::<T>::get(course, index))
					.ok_or("a unit of competency of a course is missing")?;
				ensure!(!unit.skill.is_empty(), "a unit of competency has an empty skill id");
			}
			ensure!(
				CipCode::parse(record.cip_code.as_bytes()).is_some(),
				"a course has a malformed CIP code"
			);
			ensure!(
				(1..=T::MaxGuideVersions::get()).contains(&record.guide_version),
				"a course's guide version is out of range"
			);
			for version in 1..=record.guide_version {
				ensure!(
					Guides::<T>::contains_key(course, version),
					"a published version of a scoring guide is missing"
				);
			}
			ensure!(
				!record.co_instructors.contains(&record.lead),
				"the lead is also a co-instructor"
			);
			let distinct: BTreeSet<_> = record.co_instructors.iter().collect();
			ensure!(
				distinct.len() == record.co_instructors.len(),
				"a co-instructor is listed twice"
			);
			for instructor in core::iter::once(&record.lead).chain(record.co_instructors.iter()) {
				ensure!(
					!Enrollments::<T>::contains_key(instructor, course),
					"an instructor of a course is also one of its learners"
				);
			}
		}

		for (course, index, _) in Units::<T>::iter() {
			let count = Courses::<T>::get(course).map(|record| record.unit_count);
			ensure!(
				count.is_some_and(|count| u32::from(index) < count),
				"a unit of no course, or beyond its course's unit count"
			);
		}

		for (course, version, summary) in Guides::<T>::iter() {
			let record = Courses::<T>::get(course).ok_or("a scoring guide of no course")?;
			ensure!(
				(1..=record.guide_version).contains(&version),
				"a scoring guide of a version not published"
			);
			ensure!(summary.assessments >= 1, "a scoring guide is empty");
			let guide =
				Self::guide(course, version).ok_or("an assessment of a guide is missing")?;
			let recomputed = guide_summary::<T>(record.unit_count, &guide, summary.published_at)
				.map_err(|_| "a stored scoring guide breaks the guide rules")?;
			ensure!(recomputed == summary, "a guide's summary is not the sum of its assessments");
		}

		for ((course, version, index), _) in Assessments::<T>::iter() {
			let summary =
				Guides::<T>::get(course, version).ok_or("an assessment of no published guide")?;
			ensure!(u32::from(index) < summary.assessments, "an assessment beyond its guide");
		}

		let mut entries = alloc::collections::BTreeMap::<T::AccountId, u32>::new();
		for (learner, course) in Enrollments::<T>::iter_keys() {
			ensure!(Courses::<T>::contains_key(course), "an enrollment in no course");
			let count = entries.entry(learner).or_default();
			*count = count.saturating_add(1);
		}
		for (learner, count) in entries {
			ensure!(
				frame_system::Pallet::<T>::sufficients(&learner) >= count,
				"a learner's account is referenced less often than it has enrollment entries"
			);
		}

		Ok(())
	}
}

/// Who may take an instructor action.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
	/// The lead only.
	Lead,
	/// The lead or a co-instructor.
	Instructor,
}

/// Checks that `who` acts for the course in `role`: holds that role in it, is still an
/// instructor of its institution, and the institution is accredited now.
fn ensure_acting<T: Config>(
	record: &Course<T>,
	who: &T::AccountId,
	role: Role,
) -> Result<(), DispatchError> {
	match role {
		Role::Lead => ensure!(&record.lead == who, Error::<T>::NotLead),
		Role::Instructor => ensure!(record.is_instructor(who), Error::<T>::NotCourseInstructor),
	}
	ensure!(
		T::Registry::is_instructor_of(who, &record.institution),
		Error::<T>::NotInstitutionInstructor
	);
	ensure!(T::Registry::is_accredited(&record.institution), Error::<T>::NotAccredited);
	Ok(())
}

/// The course, unless it does not exist (`UnknownCourse`) or was closed (`CourseClosed`).
fn open_course<T: Config, C: core::ops::Deref<Target = Course<T>>>(
	maybe_course: Option<C>,
) -> Result<C, Error<T>> {
	let record = maybe_course.ok_or(Error::<T>::UnknownCourse)?;
	ensure!(!record.is_closed(), Error::<T>::CourseClosed);
	Ok(record)
}

/// The position of an entry in a batch, as its errors name it. `MaxBatch` is at most 65 536,
/// so every index fits.
fn position(index: usize) -> u16 {
	u16::try_from(index).unwrap_or(u16::MAX)
}

/// Checks `guide` against the rules of the crate docs for a course of `unit_count` units, and
/// returns its summary (published now).
fn validate_guide<T: Config>(
	unit_count: u32,
	guide: &[AssessmentOf<T>],
) -> Result<GuideSummaryOf<T>, Error<T>> {
	guide_summary::<T>(unit_count, guide, frame_system::Pallet::<T>::block_number())
}

/// The summary of `guide`, published at `published_at`, or the first rule it breaks.
fn guide_summary<T: Config>(
	unit_count: u32,
	guide: &[AssessmentOf<T>],
	published_at: frame_system::pallet_prelude::BlockNumberFor<T>,
) -> Result<GuideSummaryOf<T>, Error<T>> {
	ensure!(!guide.is_empty(), Error::<T>::EmptyGuide);
	let bound = T::MaxAssessmentPoints::get();
	let mut learner_totals = LearnerPoints::default();
	let mut feedback_total: u32 = 0;
	// A guide has at most `MaxAssessments` (at most 256) assessments: every index fits a `u8`.
	for (index, assessment) in (0..=u8::MAX).zip(guide) {
		ensure!(!assessment.units.is_empty(), Error::<T>::AssessmentWithoutUnits { index });
		let mut seen = BTreeSet::new();
		for share in &assessment.units {
			ensure!(
				u32::from(share.unit) < unit_count,
				Error::<T>::UnknownUnitInAssessment { index }
			);
			ensure!(seen.insert(share.unit), Error::<T>::DuplicateUnitInAssessment { index });
		}
		let too_high = || Error::<T>::AssessmentPointsTooHigh { index };
		let totals = assessment.totals().ok_or_else(too_high)?;
		ensure!(
			totals.each_at_most(bound) && assessment.max_instructor_feedback <= bound,
			too_high()
		);
		// Bounded per assessment, so the sums over at most 256 assessments fit (integrity test).
		learner_totals = learner_totals.checked_add(&totals).ok_or_else(too_high)?;
		feedback_total = feedback_total
			.checked_add(assessment.max_instructor_feedback)
			.ok_or_else(too_high)?;
	}
	Ok(GuideSummary {
		assessments: guide.len().saturated_into(),
		learner_totals,
		feedback_total,
		published_at,
	})
}

/// Stores version `version` of the guide of `course`: its summary and each assessment.
fn store_guide<T: Config>(
	course: CourseId,
	version: GuideVersion,
	guide: GuideOf<T>,
	summary: GuideSummaryOf<T>,
) {
	// At most `MaxAssessments` (at most 256) assessments: every index fits a `u8`.
	for (index, assessment) in (0..=AssessmentIndex::MAX).zip(guide) {
		Assessments::<T>::insert((course, version, index), assessment);
	}
	Guides::<T>::insert(course, version, summary);
}

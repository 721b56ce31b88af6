//! The logic of the courses pallet: the `do_*` helpers the calls delegate to, the
//! [`CourseInspect`] trait, and the invariant check.

use crate::{
	pallet::{Config, Courses, Enrollments, Error, Event, NextCourseId, Pallet, ScoringGuides},
	types::*,
	CourseFacts, CourseInspect,
};
use alloc::{collections::BTreeSet, vec::Vec};
use frame_support::{
	ensure,
	pallet_prelude::{DispatchError, DispatchResult},
	traits::Get,
};
use pallet_registry::TrustRegistry;
use sp_runtime::SaturatedConversion;

impl<T: Config> Pallet<T> {
	/// See [`Pallet::create_course`]. Returns the new course's id.
	pub(crate) fn do_create_course(
		who: T::AccountId,
		institution: T::AccountId,
		title: Vec<u8>,
		cip_code: Vec<u8>,
		units: Vec<UnitInput>,
		assessments: Vec<Assessment>,
		open: bool,
	) -> Result<CourseId, DispatchError> {
		ensure!(T::Registry::is_accredited(&institution), Error::<T>::NotAccredited);
		ensure!(T::Registry::is_instructor_of(&who, &institution), Error::<T>::NotAuthorized);

		ensure!(!title.is_empty(), Error::<T>::EmptyTitle);
		let title = bounded(title, Error::<T>::TitleTooLong)?;
		let cip_code = CipCode::parse(&cip_code).ok_or(Error::<T>::InvalidCipCode)?;
		let units = bounded_units::<T>(units)?;
		let guide = bounded_guide::<T>(assessments)?;

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
				units,
				open,
				closed: false,
				guide_version: version,
			},
		);
		ScoringGuides::<T>::insert(course, version, guide);
		NextCourseId::<T>::put(next);

		Self::deposit_event(Event::CourseCreated { course, institution, lead: who });
		Self::deposit_event(Event::GuideVersionPublished { course, version });
		Ok(course)
	}

	/// See [`Pallet::publish_guide`].
	pub(crate) fn do_publish_guide(
		who: T::AccountId,
		course: CourseId,
		assessments: Vec<Assessment>,
	) -> DispatchResult {
		let version = Courses::<T>::try_mutate(
			course,
			|maybe_course| -> Result<GuideVersion, DispatchError> {
				let record = open_course::<T, _>(maybe_course.as_mut())?;
				ensure!(record.is_instructor(&who), Error::<T>::NotAuthorized);
				let guide = bounded_guide::<T>(assessments)?;
				let version = record
					.guide_version
					.checked_add(1)
					.filter(|version| *version <= T::MaxGuideVersions::get())
					.ok_or(Error::<T>::TooManyVersions)?;

				ScoringGuides::<T>::insert(course, version, guide);
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
			ensure!(record.lead == who, Error::<T>::NotAuthorized);
			ensure!(!record.is_instructor(&instructor), Error::<T>::AlreadyExists);
			ensure!(
				T::Registry::is_instructor_of(&instructor, &record.institution),
				Error::<T>::NotAuthorized
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
			ensure!(record.lead == who, Error::<T>::NotAuthorized);
			ensure!(record.co_instructors.contains(&instructor), Error::<T>::NotFound);
			record.co_instructors.retain(|known| known != &instructor);
			Ok(())
		})?;

		Self::deposit_event(Event::CoInstructorRemoved { course, instructor });
		Ok(())
	}

	/// See [`Pallet::invite`]. Returns how many learners were invited.
	pub(crate) fn do_invite(
		who: T::AccountId,
		course: CourseId,
		learners: Vec<T::AccountId>,
	) -> Result<u32, DispatchError> {
		let record = Courses::<T>::get(course);
		let record = open_course::<T, _>(record.as_ref())?;
		ensure!(record.is_instructor(&who), Error::<T>::NotAuthorized);
		ensure!(!learners.is_empty(), Error::<T>::NoLearners);
		ensure!(
			learners.len() <= T::MaxBatch::get().saturated_into::<usize>(),
			Error::<T>::TooManyLearners
		);

		// Validate the whole batch before writing anything, so that the error names the first
		// offending learner and the call changes nothing.
		let mut seen = BTreeSet::new();
		for (index, learner) in learners.iter().enumerate() {
			if Enrollments::<T>::contains_key(course, learner) || !seen.insert(learner) {
				let index = u16::try_from(index).unwrap_or(u16::MAX);
				return Err(Error::<T>::AlreadyInvited { index }.into());
			}
		}
		for learner in &learners {
			Enrollments::<T>::insert(course, learner, EnrollmentStatus::Invited);
			// The entry references the learner's account, so that a fresh account with no
			// balance exists and can sign its acceptance (see the crate docs).
			frame_system::Pallet::<T>::inc_sufficients(learner);
		}

		let count: u32 = learners.len().saturated_into();
		Self::deposit_event(Event::LearnersInvited { course, count });
		Ok(count)
	}

	/// See [`Pallet::accept_invitation`].
	pub(crate) fn do_accept_invitation(who: T::AccountId, course: CourseId) -> DispatchResult {
		open_course::<T, _>(Courses::<T>::get(course).as_ref())?;
		Enrollments::<T>::try_mutate(course, &who, |status| match *status {
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
		ensure!(record.open, Error::<T>::NotOpen);
		let new_entry =
			Enrollments::<T>::try_mutate(course, &who, |status| -> Result<bool, Error<T>> {
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
			ensure!(record.lead == who, Error::<T>::NotAuthorized);
			record.closed = true;
			Ok(())
		})?;

		Self::deposit_event(Event::CourseClosed { course });
		Ok(())
	}
}

/// Queries: what the [`CourseInspect`] trait answers.
impl<T: Config> Pallet<T> {
	/// The scoring guide of `course` at `version`; every published version stays readable.
	pub fn guide(course: CourseId, version: GuideVersion) -> Option<Vec<Assessment>> {
		ScoringGuides::<T>::get(course, version).map(|guide| guide.into_inner())
	}

	/// Where `learner` stands in `course`, if invited or enrolled.
	pub fn enrollment(course: CourseId, learner: &T::AccountId) -> Option<EnrollmentStatus> {
		Enrollments::<T>::get(course, learner)
	}
}

impl<T: Config> CourseInspect<T::AccountId> for Pallet<T> {
	type MaxSkillIdLen = T::MaxSkillIdLen;
	type MaxUnitTitleLen = T::MaxUnitTitleLen;

	fn exists(course: CourseId) -> bool {
		Courses::<T>::contains_key(course)
	}

	fn is_enrolled(course: CourseId, learner: &T::AccountId) -> bool {
		Enrollments::<T>::get(course, learner) == Some(EnrollmentStatus::Enrolled)
	}

	fn current_guide_version(course: CourseId) -> Option<GuideVersion> {
		Courses::<T>::get(course).map(|record| record.guide_version)
	}

	fn assessment(course: CourseId, version: GuideVersion, index: u32) -> Option<Assessment> {
		let index = usize::try_from(index).ok()?;
		ScoringGuides::<T>::get(course, version)?.get(index).copied()
	}

	fn unit(course: CourseId, index: u32) -> Option<UnitOf<T>> {
		let index = usize::try_from(index).ok()?;
		Courses::<T>::get(course)?.units.get(index).cloned()
	}

	fn facts(
		course: CourseId,
		who: &T::AccountId,
		unit: u32,
	) -> Option<CourseFacts<T::AccountId, T::MaxSkillIdLen>> {
		let record = Courses::<T>::get(course)?;
		let is_instructor = record.is_instructor(who);
		let unit_skill = usize::try_from(unit)
			.ok()
			.and_then(|index| record.units.get(index))
			.map(|unit| unit.skill.clone());
		Some(CourseFacts {
			institution: record.institution,
			closed: record.closed,
			is_instructor,
			cip_code: record.cip_code,
			guide_version: record.guide_version,
			unit_skill,
		})
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn create_for_benchmarks(
		institution: &T::AccountId,
		lead: &T::AccountId,
	) -> Result<CourseId, DispatchError> {
		T::Registry::register_for_benchmarks(institution, lead)?;
		let (title, cip_code, units, assessments) = crate::benchmarking::longest_inputs::<T>();
		Pallet::<T>::do_create_course(
			lead.clone(),
			institution.clone(),
			title,
			cip_code,
			units,
			assessments,
			true,
		)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn enroll_for_benchmarks(course: CourseId, learner: &T::AccountId) -> DispatchResult {
		ensure!(Courses::<T>::contains_key(course), Error::<T>::NotFound);
		if Enrollments::<T>::get(course, learner).is_none() {
			frame_system::Pallet::<T>::inc_sufficients(learner);
		}
		Enrollments::<T>::insert(course, learner, EnrollmentStatus::Enrolled);
		Ok(())
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
			ensure!(!record.units.is_empty(), "a course has no units of competency");
			ensure!(
				record.units.iter().all(|unit| !unit.skill.is_empty()),
				"a unit of competency has an empty skill identifier"
			);
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
					ScoringGuides::<T>::contains_key(course, version),
					"a published version of a scoring guide is missing"
				);
			}
			ensure!(
				!record.co_instructors.contains(&record.lead),
				"the lead is also a co-instructor"
			);
			for (position, instructor) in record.co_instructors.iter().enumerate() {
				ensure!(
					!record
						.co_instructors
						.iter()
						.skip(position.saturating_add(1))
						.any(|other| other == instructor),
					"a co-instructor is listed twice"
				);
			}
		}

		for (course, version, guide) in ScoringGuides::<T>::iter() {
			let current = Courses::<T>::get(course).map(|record| record.guide_version);
			ensure!(
				current.is_some_and(|current| (1..=current).contains(&version)),
				"a scoring guide of no course, or of a version not published"
			);
			ensure!(!guide.is_empty(), "a scoring guide is empty");
			ensure!(guide_points(&guide).is_some(), "the points of a scoring guide overflow");
		}

		let mut entries = alloc::collections::BTreeMap::<T::AccountId, u32>::new();
		for (course, learner) in Enrollments::<T>::iter_keys() {
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

/// The course, unless it does not exist (`NotFound`) or was closed (`CourseClosed`).
fn open_course<T: Config, C: core::ops::Deref<Target = Course<T>>>(
	maybe_course: Option<C>,
) -> Result<C, Error<T>> {
	let record = maybe_course.ok_or(Error::<T>::NotFound)?;
	ensure!(!record.closed, Error::<T>::CourseClosed);
	Ok(record)
}

/// Converts the caller's units of competency: 1 to `MaxUnits`, each with a non-empty skill
/// identifier of at most `MaxSkillIdLen` bytes and a title of at most `MaxUnitTitleLen` bytes.
fn bounded_units<T: Config>(units: Vec<UnitInput>) -> Result<UnitsOf<T>, DispatchError> {
	ensure!(!units.is_empty(), Error::<T>::NoUnits);
	ensure!(units.len() <= T::MaxUnits::get().saturated_into::<usize>(), Error::<T>::TooManyUnits);
	let units = units
		.into_iter()
		.map(|(skill, title)| -> Result<UnitOf<T>, Error<T>> {
			ensure!(!skill.is_empty(), Error::<T>::EmptySkillId);
			Ok(UnitOfCompetency {
				skill: bounded(skill, Error::<T>::SkillIdTooLong)?,
				title: bounded(title, Error::<T>::UnitTitleTooLong)?,
			})
		})
		.collect::<Result<Vec<_>, Error<T>>>()?;
	Ok(UnitsOf::<T>::try_from(units).map_err(|_| Error::<T>::TooManyUnits)?)
}

/// Converts the caller's scoring guide: 1 to `MaxAssessments` assessments, no sum of points
/// overflowing.
fn bounded_guide<T: Config>(assessments: Vec<Assessment>) -> Result<GuideOf<T>, DispatchError> {
	ensure!(!assessments.is_empty(), Error::<T>::EmptyGuide);
	let guide = GuideOf::<T>::try_from(assessments).map_err(|_| Error::<T>::TooManyAssessments)?;
	ensure!(guide_points(&guide).is_some(), Error::<T>::GuideOverflow);
	Ok(guide)
}

//! The logic of the lifecycle pallet: the `do_*` helpers the calls delegate to, the checks they
//! share, and the invariant check.

use crate::{
	pallet::{Config, Error, Event, Lifecycles, Pallet},
	types::*,
};
use alloc::{
	collections::{BTreeMap, BTreeSet},
	vec::Vec,
};
use core::cmp::Ordering;
use frame_support::{
	dispatch::{DispatchErrorWithPostInfo, PostDispatchInfo},
	ensure,
	pallet_prelude::{DispatchError, DispatchResult, Weight},
	traits::Get,
	BoundedVec,
};
use pallet_courses::{Assessment, CipCode, CourseFacts, CourseId, CourseInspect, GuideVersion};
use pallet_registry::TrustRegistry;
use pallet_tokens::{NewToken, TokenId, TokenIssuer, TokenKind};
use sp_core::H256;
use sp_runtime::SaturatedConversion;

/// What a step reads of its course: [`CourseFacts`].
type FactsOf<T> = CourseFacts<
	<T as frame_system::Config>::AccountId,
	<<T as Config>::Courses as CourseInspect<<T as frame_system::Config>::AccountId>>::MaxSkillIdLen,
>;

/// A skill identifier, as the courses pallet stores it and the tokens record it.
type SkillOf<T> = BoundedVec<
	u8,
	<<T as Config>::Courses as CourseInspect<<T as frame_system::Config>::AccountId>>::MaxSkillIdLen,
>;

/// Why a batch failed, and how many of its learners were looked at: the call pays for those.
pub(crate) struct BatchFailure {
	/// The error.
	pub error: DispatchError,
	/// The number of learners looked at, the failing one included (0 if the call failed before
	/// looking at any).
	pub weighed: u32,
}

impl BatchFailure {
	/// A failure before the first learner.
	fn before_learners(error: impl Into<DispatchError>) -> Self {
		Self { error: error.into(), weighed: 0 }
	}

	/// A failure at the learner at `index` (from 0).
	fn at(index: usize, error: impl Into<DispatchError>) -> Self {
		Self { error: error.into(), weighed: index.saturating_add(1).saturated_into() }
	}

	/// The error with the weight of the learners looked at, as a call returns it.
	pub(crate) fn with_weight(
		self,
		weight: impl FnOnce(u32) -> Weight,
	) -> DispatchErrorWithPostInfo {
		DispatchErrorWithPostInfo {
			post_info: PostDispatchInfo::from(Some(weight(self.weighed))),
			error: self.error,
		}
	}
}

/// The position of a learner in a batch, as its errors name it. `MaxBatch` is at most 65 536,
/// so every index fits.
fn position(index: usize) -> u16 {
	u16::try_from(index).unwrap_or(u16::MAX)
}

/// What every token of a lifecycle records about where it comes from.
struct Provenance<T: Config> {
	key: LifecycleKey,
	institution: T::AccountId,
	cip_code: CipCode,
	skill: SkillOf<T>,
}

impl<T: Config> Provenance<T> {
	/// The course's institution, CIP code and the unit's skill, or `UnknownUnit`.
	fn of(key: LifecycleKey, facts: FactsOf<T>) -> Result<Self, Error<T>> {
		let skill = facts.unit_skill.ok_or(Error::<T>::UnknownUnit)?;
		Ok(Self { key, institution: facts.institution, cip_code: facts.cip_code, skill })
	}

	/// Mints a token of this lifecycle.
	fn issue(
		&self,
		kind: TokenKind,
		holder: T::AccountId,
		instructor: T::AccountId,
		points: u32,
		help: u32,
		guide_version: GuideVersion,
	) -> Result<TokenId, DispatchError> {
		let (course, assessment, unit) = self.key;
		T::Tokens::issue(NewToken {
			holder,
			kind,
			points,
			help,
			course,
			assessment,
			unit,
			cip_code: self.cip_code.clone(),
			skill: self.skill.clone(),
			institution: self.institution.clone(),
			instructor,
			guide_version,
		})
	}
}

impl<T: Config> Pallet<T> {
	/// See [`Pallet::convey`]. Returns how many learners it conveyed to.
	pub(crate) fn do_convey(
		who: T::AccountId,
		key: LifecycleKey,
		learners: Vec<(T::AccountId, u32)>,
	) -> Result<u32, BatchFailure> {
		let (course, assessment, unit) = key;
		let (version, maxima) = Self::instructor_checks(&who, course, unit)
			.and_then(|facts| {
				let version = facts.guide_version;
				let maxima = T::Courses::assessment(course, version, assessment)
					.ok_or(Error::<T>::UnknownAssessment)?;
				Self::ensure_unit(&facts)?;
				Self::ensure_batch_len(learners.len())?;
				Ok((version, maxima))
			})
			.map_err(BatchFailure::before_learners)?;

		// Validate the whole batch before writing anything, so that the error names the first
		// offending learner and the call changes nothing.
		let mut seen = BTreeSet::new();
		for (index, (learner, attendance)) in learners.iter().enumerate() {
			let at = position(index);
			let checked = if !T::Courses::is_enrolled(course, learner) {
				Err(Error::<T>::NotEnrolled { index: at })
			} else if !seen.insert(learner) || Lifecycles::<T>::contains_key(key, learner) {
				Err(Error::<T>::AlreadyDoneAt { index: at })
			} else if *attendance > maxima.max_attendance {
				Err(Error::<T>::AttendanceAboveMaximum { index: at })
			} else {
				Ok(())
			};
			checked.map_err(|error| BatchFailure::at(index, error))?;
		}

		let now = frame_system::Pallet::<T>::block_number();
		for (learner, attendance) in &learners {
			Lifecycles::<T>::insert(
				key,
				learner,
				Lifecycle::conveyed(who.clone(), now, version, *attendance),
			);
		}

		let count: u32 = learners.len().saturated_into();
		Self::deposit_event(Event::Conveyed { course, assessment, unit, instructor: who, count });
		Ok(count)
	}

	/// See [`Pallet::acquire`].
	pub(crate) fn do_acquire(who: T::AccountId, key: LifecycleKey) -> DispatchResult {
		let (course, assessment, unit) = key;
		let facts = Self::learner_checks(course, &who, unit)?;
		let provenance = Provenance::<T>::of(key, facts)?;

		let token = Lifecycles::<T>::try_mutate(key, &who, |record| {
			let record = Self::learner_step(record.as_mut(), Stage::Conveyed)?;
			let token = provenance.issue(
				TokenKind::Attendance,
				who.clone(),
				record.conveyed.instructor.clone(),
				record.attendance,
				0,
				record.guide_version,
			)?;
			record.stage = Stage::Acquired;
			record.acquired = Some(frame_system::Pallet::<T>::block_number());
			record.attendance_token = Some(token);
			Ok::<_, DispatchError>(token)
		})?;

		Self::deposit_event(Event::Acquired { course, assessment, unit, learner: who, token });
		Ok(())
	}

	/// See [`Pallet::assess`]. Returns how many learners it opened the assessment for.
	pub(crate) fn do_assess(
		who: T::AccountId,
		key: LifecycleKey,
		learners: Vec<T::AccountId>,
	) -> Result<u32, BatchFailure> {
		let (course, assessment, unit) = key;
		Self::instructor_checks(&who, course, unit)
			.and_then(|facts| {
				Self::ensure_unit(&facts)?;
				Self::ensure_batch_len(learners.len())
			})
			.map_err(BatchFailure::before_learners)?;

		let mut seen = BTreeSet::new();
		let mut records = Vec::with_capacity(learners.len());
		for (index, learner) in learners.iter().enumerate() {
			let record = Self::batch_step(key, learner, index, Stage::Acquired, &mut seen)
				.map_err(|error| BatchFailure::at(index, error))?;
			records.push(record);
		}

		let now = frame_system::Pallet::<T>::block_number();
		for (learner, mut record) in learners.iter().zip(records) {
			record.stage = Stage::Assessed;
			record.assessed = Some(InstructorStep { instructor: who.clone(), block: now });
			Lifecycles::<T>::insert(key, learner, record);
		}

		let count: u32 = learners.len().saturated_into();
		Self::deposit_event(Event::Assessed { course, assessment, unit, instructor: who, count });
		Ok(count)
	}

	/// See [`Pallet::respond`].
	pub(crate) fn do_respond(
		who: T::AccountId,
		key: LifecycleKey,
		commitment: H256,
	) -> DispatchResult {
		let (course, assessment, unit) = key;
		let facts = Self::learner_checks(course, &who, unit)?;
		Self::ensure_unit(&facts)?;

		Lifecycles::<T>::try_mutate(key, &who, |record| {
			let record = Self::learner_step(record.as_mut(), Stage::Assessed)?;
			record.stage = Stage::Responded;
			record.responded = Some(frame_system::Pallet::<T>::block_number());
			record.commitment = Some(commitment);
			Ok::<_, DispatchError>(())
		})?;

		Self::deposit_event(Event::Responded {
			course,
			assessment,
			unit,
			learner: who,
			commitment,
		});
		Ok(())
	}

	/// See [`Pallet::award`]. Returns how many learners it awarded.
	pub(crate) fn do_award(
		who: T::AccountId,
		key: LifecycleKey,
		awards: Vec<(T::AccountId, u32, u32)>,
	) -> Result<u32, BatchFailure> {
		let (course, assessment, unit) = key;
		let provenance = Self::instructor_checks(&who, course, unit)
			.and_then(|facts| {
				let provenance = Provenance::<T>::of(key, facts)?;
				Self::ensure_batch_len(awards.len())?;
				Ok(provenance)
			})
			.map_err(BatchFailure::before_learners)?;

		// Each lifecycle is bound by the maxima of its own guide version; a batch usually has
		// one version, so each version is read once.
		let mut maxima: BTreeMap<GuideVersion, Assessment> = BTreeMap::new();
		let mut seen = BTreeSet::new();
		let mut records = Vec::with_capacity(awards.len());
		for (index, (learner, score, help)) in awards.iter().enumerate() {
			let record = Self::batch_step(key, learner, index, Stage::Responded, &mut seen)
				.and_then(|record| {
					let version = record.guide_version;
					let limits = match maxima.get(&version) {
						Some(limits) => *limits,
						None => {
							let limits = T::Courses::assessment(course, version, assessment)
								.ok_or(Error::<T>::UnknownAssessment)?;
							maxima.insert(version, limits);
							limits
						},
					};
					let at = position(index);
					ensure!(
						*score <= limits.max_score,
						Error::<T>::ScoreAboveMaximum { index: at }
					);
					ensure!(*help <= limits.max_help, Error::<T>::HelpAboveMaximum { index: at });
					Ok(record)
				})
				.map_err(|error| BatchFailure::at(index, error))?;
			records.push(record);
		}

		let count: u32 = awards.len().saturated_into();
		let now = frame_system::Pallet::<T>::block_number();
		for ((learner, score, help), mut record) in awards.into_iter().zip(records) {
			// Minting fails only on an arithmetic bound of the tokens pallet; the call's storage
			// layer then undoes the tokens minted before, so the batch stays all or nothing.
			let token = provenance
				.issue(
					TokenKind::Score,
					learner.clone(),
					who.clone(),
					score,
					help,
					record.guide_version,
				)
				.map_err(|error| BatchFailure { error, weighed: count })?;
			record.stage = Stage::Awarded;
			record.awarded = Some(InstructorStep { instructor: who.clone(), block: now });
			record.score = score;
			record.help = help;
			record.score_token = Some(token);
			Lifecycles::<T>::insert(key, &learner, record);
		}

		Self::deposit_event(Event::Awarded { course, assessment, unit, instructor: who, count });
		Ok(count)
	}

	/// See [`Pallet::rate`].
	pub(crate) fn do_rate(who: T::AccountId, key: LifecycleKey, points: u32) -> DispatchResult {
		let (course, assessment, unit) = key;
		let facts = Self::learner_checks(course, &who, unit)?;
		let provenance = Provenance::<T>::of(key, facts)?;

		let (instructor, token) = Lifecycles::<T>::try_mutate(key, &who, |record| {
			let record = Self::learner_step(record.as_mut(), Stage::Awarded)?;
			ensure!(record.rating.is_none(), Error::<T>::AlreadyRated);
			let limits = T::Courses::assessment(course, record.guide_version, assessment)
				.ok_or(Error::<T>::UnknownAssessment)?;
			ensure!(points <= limits.max_instructor_feedback, Error::<T>::RatingAboveMaximum);
			let instructor = record
				.awarded
				.as_ref()
				.map(|step| step.instructor.clone())
				.ok_or(Error::<T>::StepOutOfOrder)?;
			let token = provenance.issue(
				TokenKind::InstructorScore,
				instructor.clone(),
				instructor.clone(),
				points,
				0,
				record.guide_version,
			)?;
			let block = frame_system::Pallet::<T>::block_number();
			record.rating = Some(Rating { points, block });
			record.instructor_score_token = Some(token);
			Ok::<_, DispatchError>((instructor, token))
		})?;

		Self::deposit_event(Event::Rated {
			course,
			assessment,
			unit,
			learner: who,
			instructor,
			points,
			token,
		});
		Ok(())
	}
}

/// The checks the calls share.
impl<T: Config> Pallet<T> {
	/// What the step needs of `course` (one read of it), with `who` the caller and `unit` the
	/// step's unit, unless the course does not exist or was closed.
	fn open_course(
		course: CourseId,
		who: &T::AccountId,
		unit: u32,
	) -> Result<FactsOf<T>, Error<T>> {
		let facts = T::Courses::facts(course, who, unit).ok_or(Error::<T>::UnknownCourse)?;
		ensure!(!facts.closed, Error::<T>::CourseClosed);
		Ok(facts)
	}

	/// The checks of an instructor step before the learners: the course open, `who` one of its
	/// instructors and still an instructor of its institution, the institution accredited now.
	/// Returns what the step needs of the course.
	fn instructor_checks(
		who: &T::AccountId,
		course: CourseId,
		unit: u32,
	) -> Result<FactsOf<T>, Error<T>> {
		let facts = Self::open_course(course, who, unit)?;
		ensure!(
			facts.is_instructor && T::Registry::is_instructor_of(who, &facts.institution),
			Error::<T>::NotCourseInstructor
		);
		ensure!(T::Registry::is_accredited(&facts.institution), Error::<T>::NotAccredited);
		Ok(facts)
	}

	/// The checks of a learner step before the lifecycle: the course open, its institution
	/// accredited now. Returns what the step needs of the course.
	fn learner_checks(
		course: CourseId,
		who: &T::AccountId,
		unit: u32,
	) -> Result<FactsOf<T>, Error<T>> {
		let facts = Self::open_course(course, who, unit)?;
		ensure!(T::Registry::is_accredited(&facts.institution), Error::<T>::NotAccredited);
		Ok(facts)
	}

	/// `UnknownUnit` unless the step's unit is one of the units of its course.
	fn ensure_unit(facts: &FactsOf<T>) -> Result<(), Error<T>> {
		ensure!(facts.unit_skill.is_some(), Error::<T>::UnknownUnit);
		Ok(())
	}

	/// A batch has 1 to `MaxBatch` learners.
	fn ensure_batch_len(len: usize) -> Result<(), Error<T>> {
		ensure!(len > 0, Error::<T>::NoLearners);
		ensure!(len <= T::MaxBatch::get().saturated_into::<usize>(), Error::<T>::TooManyLearners);
		Ok(())
	}

	/// The lifecycle of `learner`, at `index` in a batch, if it may take the step after
	/// `previous`: the learner enrolled, listed once, and at `previous`.
	fn batch_step<'a>(
		key: LifecycleKey,
		learner: &'a T::AccountId,
		index: usize,
		previous: Stage,
		seen: &mut BTreeSet<&'a T::AccountId>,
	) -> Result<LifecycleOf<T>, Error<T>> {
		let (course, _, _) = key;
		let at = position(index);
		// A lifecycle exists only for a learner who was enrolled when it was conveyed, and an
		// enrollment is never withdrawn: the enrollment is read only to name the error.
		let Some(record) = Lifecycles::<T>::get(key, learner) else {
			ensure!(
				T::Courses::is_enrolled(course, learner),
				Error::<T>::NotEnrolled { index: at }
			);
			return Err(Error::<T>::OutOfOrderAt { index: at });
		};
		ensure!(seen.insert(learner), Error::<T>::AlreadyDoneAt { index: at });
		match record.stage.cmp(&previous) {
			Ordering::Less => Err(Error::<T>::OutOfOrderAt { index: at }),
			Ordering::Greater => Err(Error::<T>::AlreadyDoneAt { index: at }),
			Ordering::Equal => Ok(record),
		}
	}

	/// The caller's lifecycle, if it may take the step after `previous`.
	fn learner_step(
		record: Option<&mut LifecycleOf<T>>,
		previous: Stage,
	) -> Result<&mut LifecycleOf<T>, Error<T>> {
		let record = record.ok_or(Error::<T>::StepOutOfOrder)?;
		match record.stage.cmp(&previous) {
			Ordering::Less => Err(Error::<T>::StepOutOfOrder),
			Ordering::Greater => Err(Error::<T>::StepAlreadyDone),
			Ordering::Equal => Ok(record),
		}
	}
}

/// The invariants listed in the crate docs.
#[cfg(any(feature = "try-runtime", test))]
impl<T: Config> Pallet<T> {
	/// Checks every invariant of the pallet; `Err` names the first one that does not hold.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for ((course, assessment, unit), learner, record) in Lifecycles::<T>::iter() {
			ensure!(T::Courses::exists(course), "a lifecycle of no course");
			ensure!(T::Courses::unit(course, unit).is_some(), "a lifecycle of no unit");
			ensure!(
				T::Courses::is_enrolled(course, &learner),
				"a lifecycle of a learner not enrolled"
			);
			let limits = T::Courses::assessment(course, record.guide_version, assessment)
				.ok_or("a lifecycle of an assessment not in its guide version")?;

			let reached = |stage: Stage| record.stage >= stage;
			ensure!(
				record.acquired.is_some() == reached(Stage::Acquired)
					&& record.assessed.is_some() == reached(Stage::Assessed)
					&& record.responded.is_some() == reached(Stage::Responded)
					&& record.awarded.is_some() == reached(Stage::Awarded),
				"a lifecycle does not record the block of exactly the steps up to its stage"
			);
			ensure!(
				record.commitment.is_some() == reached(Stage::Responded),
				"a lifecycle holds a commitment exactly from the respond step on"
			);
			ensure!(
				record.attendance_token.is_some() == reached(Stage::Acquired)
					&& record.score_token.is_some() == reached(Stage::Awarded)
					&& record.instructor_score_token.is_some() == record.rating.is_some(),
				"a lifecycle does not hold the token ids of exactly the steps reached"
			);
			ensure!(
				record.rating.is_none() || reached(Stage::Awarded),
				"a lifecycle was rated before the award"
			);
			ensure!(
				reached(Stage::Awarded) || (record.score == 0 && record.help == 0),
				"a lifecycle has score or help points before the award"
			);

			let blocks = [
				Some(record.conveyed.block),
				record.acquired,
				record.assessed.as_ref().map(|step| step.block),
				record.responded,
				record.awarded.as_ref().map(|step| step.block),
				record.rating.map(|rating| rating.block),
			];
			let blocks: Vec<_> = blocks.into_iter().flatten().collect();
			ensure!(
				blocks.windows(2).all(|pair| pair.first() <= pair.get(1)),
				"the blocks of a lifecycle's steps decrease"
			);

			ensure!(
				record.attendance <= limits.max_attendance
					&& record.score <= limits.max_score
					&& record.help <= limits.max_help
					&& record
						.rating
						.is_none_or(|rating| rating.points <= limits.max_instructor_feedback),
				"a lifecycle's points exceed its guide version's maxima"
			);
		}
		Ok(())
	}
}

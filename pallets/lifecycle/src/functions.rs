//! The logic of the lifecycle pallet: the `do_*` helpers the calls delegate to, the checks they
//! share, the corrections ([`OnRevoke`]) and the invariant check.

use crate::{
	pallet::{Config, Corrections, Error, Event, Pallet, Records},
	types::*,
	weights::WeightInfo,
};
use alloc::{
	collections::{BTreeMap, BTreeSet},
	vec::Vec,
};
use frame_support::{
	dispatch::{DispatchErrorWithPostInfo, PostDispatchInfo},
	ensure,
	pallet_prelude::{DispatchError, DispatchResult, Weight},
	BoundedVec,
};
use pallet_courses::{CourseFacts, CourseId, CourseInspect, GuideVersion};
use pallet_registry::TrustRegistry;
use pallet_tokens::{OnRevoke, TokenData, TokenId, TokenKind, TokenLedger};
use sp_core::H256;

/// An assessment as the courses pallet stores it, in this runtime.
type GuideAssessment<T> = pallet_courses::Assessment<<T as Config>::MaxUnitsPerAssessment>;

/// Why a batch failed, and how many of its learners were looked at: the call pays for those.
pub(crate) struct BatchFailure {
	/// The error.
	pub error: DispatchError,
	/// The number of learners looked at, the failing one included (0 if the call failed before
	/// looking at any).
	pub weighed: usize,
}

impl BatchFailure {
	/// A failure before the first learner.
	fn before_learners(error: impl Into<DispatchError>) -> Self {
		Self { error: error.into(), weighed: 0 }
	}

	/// A failure at the learner at `index` (from 0).
	fn at(index: usize, error: impl Into<DispatchError>) -> Self {
		Self { error: error.into(), weighed: index.saturating_add(1) }
	}

	/// The error with the weight of the learners looked at, as a call returns it.
	pub(crate) fn with_weight(
		self,
		weight: impl FnOnce(usize) -> Weight,
	) -> DispatchErrorWithPostInfo {
		DispatchErrorWithPostInfo {
			post_info: PostDispatchInfo::from(Some(weight(self.weighed))),
			error: self.error,
		}
	}
}

/// A unit as errors name it, in one byte: a course has at most 256 units (`MaxUnits`).
pub(crate) fn short(unit: UnitIndex) -> u8 {
	u8::try_from(unit).unwrap_or(u8::MAX)
}

/// The position of a learner in a batch, as its errors name it. `MaxBatch` is at most 65 536,
/// so every index fits.
fn position(index: usize) -> u16 {
	u16::try_from(index).unwrap_or(u16::MAX)
}

/// The assessments of a course by guide version, each read once however many learners of a
/// batch follow it.
struct Versions<T: Config> {
	course: CourseId,
	assessment: AssessmentIndex,
	read: BTreeMap<GuideVersion, Option<GuideAssessment<T>>>,
}

impl<T: Config> Versions<T> {
	fn new(course: CourseId, assessment: AssessmentIndex) -> Self {
		Self { course, assessment, read: BTreeMap::new() }
	}

	/// The assessment in `version`, if that version has it.
	fn get(&mut self, version: GuideVersion) -> Option<&GuideAssessment<T>> {
		let (course, assessment) = (self.course, self.assessment);
		self.read
			.entry(version)
			.or_insert_with(|| T::Courses::assessment(course, version, assessment))
			.as_ref()
	}
}

/// Checks a call's units: at least one, none twice.
fn check_units<T: Config>(units: &[UnitIndex]) -> Result<(), Error<T>> {
	ensure!(!units.is_empty(), Error::<T>::NoUnits);
	let mut seen = BTreeSet::new();
	for unit in units {
		ensure!(seen.insert(*unit), Error::<T>::DuplicateUnit { unit: short(*unit) });
	}
	Ok(())
}

impl<T: Config> Pallet<T> {
	/// See [`Pallet::convey`]. Returns how many learners it conveyed to.
	pub(crate) fn do_convey(
		who: T::AccountId,
		course: CourseId,
		assessment: AssessmentIndex,
		units: UnitsOf<T>,
		learners: BoundedVec<ConveyToOf<T>, T::MaxBatch>,
	) -> Result<usize, BatchFailure> {
		let facts = Self::instructor_checks(&who, course, false)
			.and_then(|facts| {
				check_units::<T>(&units)?;
				ensure!(!learners.is_empty(), Error::<T>::NoLearners);
				Ok(facts)
			})
			.map_err(BatchFailure::before_learners)?;
		let current = facts.guide_version;

		// Validate the whole batch before writing anything, so that the error names the first
		// offending learner and the call changes nothing. Each learner is held to the version
		// they follow in the assessment: the current one for a learner with no unit of it yet.
		let mut versions = Versions::<T>::new(course, assessment);
		let now = frame_system::Pallet::<T>::block_number();
		let mut seen = BTreeSet::new();
		let mut records = Vec::with_capacity(learners.len());
		for (index, entry) in learners.iter().enumerate() {
			let at = position(index);
			let record = (|| -> Result<RecordOf<T>, Error<T>> {
				ensure!(
					entry.attendance.len() == units.len(),
					Error::<T>::WrongPointCount { index: at }
				);
				ensure!(seen.insert(&entry.learner), Error::<T>::DuplicateLearner { index: at });
				ensure!(
					T::Courses::is_enrolled(course, &entry.learner),
					Error::<T>::NotEnrolled { index: at }
				);
				let mut record = Records::<T>::get((course, &entry.learner, assessment))
					.unwrap_or_else(|| RecordOf::<T>::new(current));
				let own_version = record.guide_version != current;
				let guide =
					versions.get(record.guide_version).ok_or(Error::<T>::UnknownAssessment)?;
				for (unit, attendance) in units.iter().zip(entry.attendance.iter()) {
					let unit = *unit;
					let share = guide.share(unit).ok_or(if own_version {
						Error::<T>::UnitNotInLearnersVersion { index: at, unit: short(unit) }
					} else {
						Error::<T>::UnitNotInAssessment { unit: short(unit) }
					})?;
					ensure!(
						*attendance <= share.attendance,
						Error::<T>::AttendanceAboveMaximum { index: at, unit: short(unit) }
					);
					let slot = match record.units.binary_search_by_key(&unit, |known| known.unit) {
						Ok(_) => {
							return Err(Error::<T>::AlreadyConveyed {
								index: at,
								unit: short(unit),
							})
						},
						Err(slot) => slot,
					};
					// A closed course takes nothing new, but a unit that a revocation reopened
					// is conveyed again, so that the correction can be finished.
					ensure!(
						!facts.closed
							|| Corrections::<T>::contains_key((
								course,
								&entry.learner,
								assessment,
								unit
							)),
						Error::<T>::CourseClosed
					);
					// The assessment covers at most `MaxUnitsPerAssessment` units, each at most
					// once in the record: there is room.
					record
						.units
						.try_insert(slot, UnitRecord::conveyed(unit, who.clone(), now, *attendance))
						.map_err(|_| Error::<T>::AlreadyConveyed {
							index: at,
							unit: short(unit),
						})?;
				}
				Ok(record)
			})()
			.map_err(|error| BatchFailure::at(index, error))?;
			records.push(record);
		}

		let learner_ids: Vec<T::AccountId> =
			learners.into_iter().map(|entry| entry.learner).collect();
		for (learner, record) in learner_ids.iter().zip(records) {
			Records::<T>::insert((course, learner, assessment), record);
		}

		let count = learner_ids.len();
		Self::deposit_event(Event::Conveyed {
			course,
			assessment,
			instructor: who,
			units,
			learners: BoundedVec::truncate_from(learner_ids),
		});
		Ok(count)
	}

	/// See [`Pallet::acquire`].
	pub(crate) fn do_acquire(
		who: T::AccountId,
		course: CourseId,
		assessment: AssessmentIndex,
		units: UnitsOf<T>,
	) -> DispatchResult {
		Self::learner_checks(&who, course)?;
		check_units::<T>(&units)?;
		let mut record =
			Records::<T>::get((course, &who, assessment)).ok_or(Error::<T>::NothingConveyed)?;

		let mut tokens = Vec::with_capacity(units.len());
		for unit in &units {
			let unit = *unit;
			let step =
				record.unit(unit).ok_or(Error::<T>::UnitNotConveyed { unit: short(unit) })?;
			ensure!(
				step.stage() == Stage::Conveyed,
				Error::<T>::UnitAlreadyAcquired { unit: short(unit) }
			);
			tokens.push(TokenData {
				kind: TokenKind::Attendance,
				learner: who.clone(),
				instructor: step.conveyed.instructor.clone(),
				points: step.attendance,
				help: 0,
				course,
				assessment,
				unit: Some(unit),
				guide_version: record.guide_version,
			});
		}
		let first_token = T::Tokens::issue(tokens)?;

		let now = frame_system::Pallet::<T>::block_number();
		for (token, unit) in (first_token..).zip(units.iter()) {
			if let Some(step) = record.unit_mut(*unit) {
				step.acquired = Some(Acquisition { block: now, token });
			}
		}
		Records::<T>::insert((course, &who, assessment), record);

		Self::deposit_event(Event::Acquired {
			course,
			assessment,
			learner: who,
			units,
			first_token,
		});
		Ok(())
	}

	/// See [`Pallet::assess`]. Returns how many learners it opened the assessment for.
	pub(crate) fn do_assess(
		who: T::AccountId,
		course: CourseId,
		assessment: AssessmentIndex,
		units: UnitsOf<T>,
		learners: BoundedVec<T::AccountId, T::MaxBatch>,
	) -> Result<usize, BatchFailure> {
		Self::instructor_checks(&who, course, false)
			.and_then(|_| {
				check_units::<T>(&units)?;
				ensure!(!learners.is_empty(), Error::<T>::NoLearners);
				Ok(())
			})
			.map_err(BatchFailure::before_learners)?;

		let now = frame_system::Pallet::<T>::block_number();
		let mut seen = BTreeSet::new();
		let mut records = Vec::with_capacity(learners.len());
		for (index, learner) in learners.iter().enumerate() {
			let at = position(index);
			let record = (|| -> Result<RecordOf<T>, Error<T>> {
				ensure!(seen.insert(learner), Error::<T>::DuplicateLearner { index: at });
				let first = units.first().copied().unwrap_or_default();
				let mut record = Records::<T>::get((course, learner, assessment))
					.ok_or(Error::<T>::NotConveyed { index: at, unit: short(first) })?;
				for unit in &units {
					let unit = *unit;
					let step = record
						.unit_mut(unit)
						.ok_or(Error::<T>::NotConveyed { index: at, unit: short(unit) })?;
					match step.stage() {
						Stage::Conveyed => {
							return Err(Error::<T>::NotAcquired { index: at, unit: short(unit) })
						},
						Stage::Acquired => {},
						_ => {
							return Err(Error::<T>::AlreadyAssessed {
								index: at,
								unit: short(unit),
							})
						},
					}
					step.assessed = Some(InstructorStep { instructor: who.clone(), block: now });
				}
				Ok(record)
			})()
			.map_err(|error| BatchFailure::at(index, error))?;
			records.push(record);
		}

		for (learner, record) in learners.iter().zip(records) {
			Records::<T>::insert((course, learner, assessment), record);
		}

		let count = learners.len();
		Self::deposit_event(Event::Assessed {
			course,
			assessment,
			instructor: who,
			units,
			learners,
		});
		Ok(count)
	}

	/// See [`Pallet::respond`].
	pub(crate) fn do_respond(
		who: T::AccountId,
		course: CourseId,
		assessment: AssessmentIndex,
		units: UnitsOf<T>,
		commitment: H256,
	) -> DispatchResult {
		Self::learner_checks(&who, course)?;
		check_units::<T>(&units)?;
		let mut record =
			Records::<T>::get((course, &who, assessment)).ok_or(Error::<T>::NothingConveyed)?;

		let now = frame_system::Pallet::<T>::block_number();
		for unit in &units {
			let unit = *unit;
			let step =
				record.unit_mut(unit).ok_or(Error::<T>::UnitNotConveyed { unit: short(unit) })?;
			match step.stage() {
				Stage::Conveyed | Stage::Acquired => {
					return Err(Error::<T>::UnitNotAssessed { unit: short(unit) }.into())
				},
				Stage::Assessed => {},
				Stage::Responded | Stage::Awarded => {
					return Err(Error::<T>::UnitAlreadyResponded { unit: short(unit) }.into())
				},
			}
			step.responded = Some(Response { block: now, commitment });
		}
		Records::<T>::insert((course, &who, assessment), record);

		Self::deposit_event(Event::Responded {
			course,
			assessment,
			learner: who,
			units,
			commitment,
		});
		Ok(())
	}

	/// See [`Pallet::award`]. Returns how many learners it awarded.
	pub(crate) fn do_award(
		who: T::AccountId,
		course: CourseId,
		assessment: AssessmentIndex,
		units: UnitsOf<T>,
		awards: BoundedVec<AwardToOf<T>, T::MaxBatch>,
	) -> Result<usize, BatchFailure> {
		Self::instructor_checks(&who, course, false)
			.and_then(|_| {
				check_units::<T>(&units)?;
				ensure!(!awards.is_empty(), Error::<T>::NoLearners);
				Ok(())
			})
			.map_err(BatchFailure::before_learners)?;

		// Each learner is bound by the shares of the version they follow; a batch usually has
		// one version, so each version is read once.
		let mut versions = Versions::<T>::new(course, assessment);
		let mut seen = BTreeSet::new();
		let mut records = Vec::with_capacity(awards.len());
		for (index, entry) in awards.iter().enumerate() {
			let at = position(index);
			let record = (|| -> Result<RecordOf<T>, Error<T>> {
				ensure!(
					entry.points.len() == units.len(),
					Error::<T>::WrongPointCount { index: at }
				);
				ensure!(seen.insert(&entry.learner), Error::<T>::DuplicateLearner { index: at });
				let first = units.first().copied().unwrap_or_default();
				let record = Records::<T>::get((course, &entry.learner, assessment))
					.ok_or(Error::<T>::NotConveyed { index: at, unit: short(first) })?;
				let guide =
					versions.get(record.guide_version).ok_or(Error::<T>::UnknownAssessment)?;
				for (unit, points) in units.iter().zip(entry.points.iter()) {
					let unit = *unit;
					let step = record
						.unit(unit)
						.ok_or(Error::<T>::NotConveyed { index: at, unit: short(unit) })?;
					match step.stage() {
						Stage::Awarded => {
							return Err(Error::<T>::AlreadyAwarded { index: at, unit: short(unit) })
						},
						Stage::Responded => {},
						_ => return Err(Error::<T>::NotResponded { index: at, unit: short(unit) }),
					}
					let share = guide.share(unit).ok_or(Error::<T>::UnitNotInLearnersVersion {
						index: at,
						unit: short(unit),
					})?;
					ensure!(
						points.score <= share.score,
						Error::<T>::ScoreAboveMaximum { index: at, unit: short(unit) }
					);
					// Help that an earlier, revoked run of the unit left with the learner counts.
					ensure!(
						points.help.saturating_add(record.carried_help(unit)) <= share.help,
						Error::<T>::HelpAboveMaximum { index: at, unit: short(unit) }
					);
				}
				Ok(record)
			})()
			.map_err(|error| BatchFailure::at(index, error))?;
			records.push(record);
		}

		let count = awards.len();
		let mut tokens = Vec::with_capacity(count.saturating_mul(units.len()));
		for (entry, record) in awards.iter().zip(records.iter()) {
			for (unit, points) in units.iter().zip(entry.points.iter()) {
				tokens.push(TokenData {
					kind: TokenKind::Score,
					learner: entry.learner.clone(),
					instructor: who.clone(),
					points: points.score,
					help: points.help,
					course,
					assessment,
					unit: Some(*unit),
					guide_version: record.guide_version,
				});
			}
		}
		// Issuing fails only when the token ids are exhausted; the call's storage layer then
		// undoes everything, so the batch stays all or nothing.
		let first_token =
			T::Tokens::issue(tokens).map_err(|error| BatchFailure { error, weighed: count })?;

		let now = frame_system::Pallet::<T>::block_number();
		let mut token = first_token;
		let mut learners = Vec::with_capacity(count);
		for (entry, mut record) in awards.into_iter().zip(records) {
			let mut help: u32 = 0;
			for (unit, points) in units.iter().zip(entry.points.iter()) {
				if let Some(step) = record.unit_mut(*unit) {
					step.awarded = Some(Award {
						instructor: who.clone(),
						block: now,
						score: points.score,
						help: points.help,
						token,
					});
				}
				token = token.saturating_add(1);
				// At most `MaxUnitsPerAssessment` shares of at most `MaxAssessmentPoints` each.
				help = help.saturating_add(points.help);
			}
			// Minting fails only if the Help asset cannot take it (not live, a minimum above the
			// learner's Help, its supply at the bound); the call's storage layer then undoes the
			// whole batch.
			T::Tokens::mint_help(&entry.learner, help)
				.map_err(|error| BatchFailure { error, weighed: count })?;
			Records::<T>::insert((course, &entry.learner, assessment), record);
			learners.push(entry.learner);
		}

		Self::deposit_event(Event::Awarded {
			course,
			assessment,
			instructor: who,
			units,
			learners: BoundedVec::truncate_from(learners),
			first_token,
		});
		Ok(count)
	}

	/// See [`Pallet::rate`].
	pub(crate) fn do_rate(
		who: T::AccountId,
		course: CourseId,
		assessment: AssessmentIndex,
		instructor: T::AccountId,
		points: u32,
	) -> DispatchResult {
		Self::learner_checks(&who, course)?;
		let mut record =
			Records::<T>::get((course, &who, assessment)).ok_or(Error::<T>::NothingConveyed)?;
		ensure!(
			record.units.iter().any(|step| step
				.awarded
				.as_ref()
				.is_some_and(|award| award.instructor == instructor)),
			Error::<T>::NotAwardedBy
		);
		ensure!(
			!record.ratings.iter().any(|rating| rating.instructor == instructor),
			Error::<T>::AlreadyRated
		);
		let guide = T::Courses::assessment(course, record.guide_version, assessment)
			.ok_or(Error::<T>::UnknownAssessment)?;
		ensure!(guide.max_instructor_feedback > 0, Error::<T>::NoFeedbackInAssessment);
		ensure!(points <= guide.max_instructor_feedback, Error::<T>::RatingAboveMaximum);

		let token = T::Tokens::issue(alloc::vec![TokenData {
			kind: TokenKind::InstructorScore,
			learner: who.clone(),
			instructor: instructor.clone(),
			points,
			help: 0,
			course,
			assessment,
			unit: None,
			guide_version: record.guide_version,
		}])?;
		let block = frame_system::Pallet::<T>::block_number();
		// One rating per instructor who awarded a unit; corrections can bring more awarding
		// instructors than units.
		record
			.ratings
			.try_push(Rating { instructor: instructor.clone(), points, block, token })
			.map_err(|_| Error::<T>::TooManyRatings)?;
		Records::<T>::insert((course, &who, assessment), record);

		Self::deposit_event(Event::Rated {
			course,
			assessment,
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
	/// The checks of an instructor step before the learners: the course exists (and, if
	/// `must_be_open`, is not closed), `who` is one of its instructors and still an instructor
	/// of its institution, the institution is accredited now. Returns what the step needs of
	/// the course.
	fn instructor_checks(
		who: &T::AccountId,
		course: CourseId,
		must_be_open: bool,
	) -> Result<CourseFacts<T::AccountId>, Error<T>> {
		let facts = T::Courses::facts(course, who).ok_or(Error::<T>::UnknownCourse)?;
		ensure!(!(must_be_open && facts.closed), Error::<T>::CourseClosed);
		ensure!(facts.is_instructor, Error::<T>::NotCourseInstructor);
		ensure!(
			T::Registry::is_instructor_of(who, &facts.institution),
			Error::<T>::NotInstitutionInstructor
		);
		ensure!(T::Registry::is_accredited(&facts.institution), Error::<T>::NotAccredited);
		Ok(facts)
	}

	/// The checks of a learner step before the record: the course exists and its institution
	/// is accredited now (closed or not: what was conveyed may be finished).
	fn learner_checks(who: &T::AccountId, course: CourseId) -> Result<(), Error<T>> {
		let facts = T::Courses::facts(course, who).ok_or(Error::<T>::UnknownCourse)?;
		ensure!(T::Registry::is_accredited(&facts.institution), Error::<T>::NotAccredited);
		Ok(())
	}
}

/// Corrections: a revoked token reopens the step that minted it (see the crate docs).
impl<T: Config> OnRevoke<T::AccountId> for Pallet<T> {
	fn on_revoke(id: TokenId, token: &TokenData<T::AccountId>, unburned_help: u32) -> bool {
		let Some(unit) = token.unit else { return false };
		let key = (token.course, &token.learner, token.assessment);
		let Some(mut record) = Records::<T>::get(key) else { return false };
		let Ok(slot) = record.units.binary_search_by_key(&unit, |step| step.unit) else {
			return false;
		};
		let Some(step) = record.units.get(slot) else { return false };
		let attendance_revoked = |step: &UnitRecordOf<T>| {
			step.acquired
				.as_ref()
				.is_some_and(|acquired| T::Tokens::is_revoked(acquired.token))
		};
		let redo = match token.kind {
			// The award is redone; the whole unit if its Attendance token was revoked before.
			TokenKind::Score if step.awarded.as_ref().is_some_and(|award| award.token == id) => {
				if attendance_revoked(step) {
					Stage::Conveyed
				} else {
					Stage::Awarded
				}
			},
			// The whole unit is redone, unless its Score token is live: that one is revoked
			// first, and then reopens the whole unit (above).
			TokenKind::Attendance
				if step.acquired.as_ref().is_some_and(|acquired| acquired.token == id)
					&& step.awarded.is_none() =>
			{
				Stage::Conveyed
			},
			_ => return false,
		};

		let earlier = step.clone();
		let corrections_key = (token.course, &token.learner, token.assessment, unit);
		let mut corrections = Corrections::<T>::get(corrections_key);
		if corrections.try_push(earlier).is_err() {
			return false;
		}
		// Help the revoked Score token left with the learner still counts against the unit's
		// share: a re-award gives at most the rest.
		if token.kind == TokenKind::Score && unburned_help > 0 {
			match record.carried_help.iter_mut().find(|carried| carried.unit == unit) {
				Some(carried) => carried.help = carried.help.saturating_add(unburned_help),
				None => {
					if record
						.carried_help
						.try_push(CarriedHelp { unit, help: unburned_help })
						.is_err()
					{
						return false;
					}
				},
			}
		}
		Corrections::<T>::insert(corrections_key, corrections);

		if redo == Stage::Awarded {
			if let Some(step) = record.units.get_mut(slot) {
				step.awarded = None;
			}
		} else {
			record.units.remove(slot);
		}
		// Kept even with no unit left: its earlier runs, and their tokens, are listed through it.
		Records::<T>::insert(key, record);

		Self::deposit_event(Event::StepReopened {
			course: token.course,
			assessment: token.assessment,
			learner: token.learner.clone(),
			unit,
			redo,
		});
		true
	}

	fn weight() -> Weight {
		T::WeightInfo::reopen()
	}
}

/// The invariants listed in the crate docs.
#[cfg(any(feature = "try-runtime", test))]
impl<T: Config> Pallet<T> {
	/// Checks every invariant of the pallet; `Err` names the first one that does not hold.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for ((course, learner, assessment), record) in Records::<T>::iter() {
			ensure!(T::Courses::exists(course), "a record of no course");
			ensure!(
				T::Courses::is_enrolled(course, &learner),
				"a record of a learner not enrolled"
			);
			ensure!(
				T::Courses::facts(course, &learner).is_some_and(|facts| !facts.is_instructor),
				"a record of one of the course's instructors"
			);
			let guide = T::Courses::assessment(course, record.guide_version, assessment)
				.ok_or("a record of an assessment not in its guide version")?;
			ensure!(
				!record.units.is_empty()
					|| !record.ratings.is_empty()
					|| Corrections::<T>::iter_prefix((course, &learner, assessment))
						.next()
						.is_some(),
				"a record with no unit, no rating and no earlier run"
			);
			ensure!(
				record.units.windows(2).all(|pair| match pair {
					[a, b] => a.unit < b.unit,
					_ => true,
				}),
				"a record's units are not sorted, or one is listed twice"
			);
			for step in &record.units {
				check_unit::<T>(step, &guide)?;
			}
			let earlier: Vec<UnitRecordOf<T>> =
				Corrections::<T>::iter_prefix((course, &learner, assessment))
					.flat_map(|(_, runs)| runs.into_inner())
					.collect();
			for carried in &record.carried_help {
				let share =
					guide.share(carried.unit).ok_or("carried Help of a unit not covered")?;
				let awarded = record
					.unit(carried.unit)
					.and_then(|step| step.awarded.as_ref())
					.map(|award| award.help)
					.unwrap_or(0);
				ensure!(
					awarded.saturating_add(carried.help) <= share.help,
					"a unit's Help, with what earlier runs left, exceeds its share"
				);
			}
			let mut rated = BTreeSet::new();
			for rating in &record.ratings {
				ensure!(
					rated.insert(&rating.instructor),
					"an instructor rated twice in one record"
				);
				ensure!(
					record.units.iter().chain(earlier.iter()).any(|step| step
						.awarded
						.as_ref()
						.is_some_and(|award| award.instructor == rating.instructor)),
					"a rating of an instructor who awarded no unit of the record, now or before"
				);
				ensure!(
					rating.points <= guide.max_instructor_feedback,
					"a rating exceeds the assessment's maximum"
				);
			}
		}
		for ((course, learner, assessment, _unit), runs) in Corrections::<T>::iter() {
			ensure!(
				Records::<T>::contains_key((course, &learner, assessment)),
				"an earlier run of no record"
			);
			ensure!(!runs.is_empty(), "an empty list of earlier runs");
		}
		Ok(())
	}
}

/// Checks one unit's record: the steps up to its stage, ordered blocks, points within its share.
#[cfg(any(feature = "try-runtime", test))]
fn check_unit<T: Config>(
	step: &UnitRecordOf<T>,
	guide: &GuideAssessment<T>,
) -> Result<(), sp_runtime::TryRuntimeError> {
	let share = guide.share(step.unit).ok_or("a unit its assessment does not cover")?;
	ensure!(
		(step.assessed.is_none() || step.acquired.is_some())
			&& (step.responded.is_none() || step.assessed.is_some())
			&& (step.awarded.is_none() || step.responded.is_some()),
		"a unit records a step without the one before it"
	);
	let blocks = [
		Some(step.conveyed.block),
		step.acquired.as_ref().map(|s| s.block),
		step.assessed.as_ref().map(|s| s.block),
		step.responded.as_ref().map(|s| s.block),
		step.awarded.as_ref().map(|s| s.block),
	];
	let blocks: Vec<_> = blocks.into_iter().flatten().collect();
	ensure!(
		blocks.windows(2).all(|pair| pair.first() <= pair.get(1)),
		"the blocks of a unit's steps decrease"
	);
	ensure!(step.attendance <= share.attendance, "a unit's attendance exceeds its share");
	if let Some(award) = &step.awarded {
		ensure!(
			award.score <= share.score && award.help <= share.help,
			"a unit's award exceeds its share"
		);
	}
	Ok(())
}

//! Benchmarks of the lifecycle pallet, each call in its worst case: a course whose assessments
//! each cover the most units, every learner enrolled and at the previous step, the most points
//! the guide allows (so that every token carries points and every award mints Help to an
//! account that held none), records seeded straight into storage at their fullest.
//!
//! A batch has two benchmarks (see `batch_weight` in `lib.rs`): `*_learners(l)`, `l` learners
//! with one unit each, every learner's record already holding all the assessment's other units
//! (the largest record to read and write); and `*_units(u)`, one learner with `u` units.

// Benchmark set-up may panic: a failed set-up is a failed benchmark, not a runtime fault.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

use super::*;
use crate::pallet::{Corrections, Records};
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;
use pallet_courses::{CourseBenchmarking, CourseId, CourseInspect};
use pallet_tokens::{TokenData, TokenKind, TokenLedger};
use sp_core::H256;

const SEED: u32 = 0;

/// A course of an accredited institution, led by `lead`, whose assessment 0 covers units
/// `0..units` (the most an assessment may), with `learners` enrolled.
struct Setup<T: Config> {
	course: CourseId,
	lead: T::AccountId,
	learners: Vec<T::AccountId>,
	units: u32,
	/// Each unit's share in assessment 0 (the same for every unit).
	share: pallet_courses::LearnerPoints,
	feedback: u32,
}

impl<T: Config> Setup<T> {
	/// The course and `n` enrolled learners (the first of them the whitelisted caller).
	fn new(n: u32) -> Result<Self, BenchmarkError> {
		let units = T::MaxUnitsPerAssessment::get();
		let institution: T::AccountId = account("institution", 0, SEED);
		let lead: T::AccountId = account("lead", 0, SEED);
		let course = T::BenchmarkHelper::create_course(&institution, &lead, units, 1, units)?;
		let guide = T::Courses::assessment(course, 1, 0).ok_or("the course has no assessment")?;
		let share = *guide.share(0).ok_or("assessment 0 covers no unit 0")?;
		let learners: Vec<T::AccountId> =
			(0..n)
				.map(|index| {
					if index == 0 {
						whitelisted_caller()
					} else {
						account("learner", index, SEED)
					}
				})
				.collect();
		T::BenchmarkHelper::enroll(course, &learners);
		Ok(Self { course, lead, learners, units, share, feedback: guide.max_instructor_feedback })
	}

	/// Unit `unit`'s record at `stage`, with the most points, every step signed by the lead at
	/// the current block; tokens are real for the steps that mint.
	fn unit_at(
		&self,
		learner: &T::AccountId,
		unit: UnitIndex,
		stage: Stage,
	) -> Result<UnitRecordOf<T>, BenchmarkError> {
		let now = frame_system::Pallet::<T>::block_number();
		let mut record = UnitRecord::conveyed(unit, self.lead.clone(), now, self.share.attendance);
		let token = |kind, points, help| {
			T::Tokens::issue(vec![TokenData {
				kind,
				learner: learner.clone(),
				instructor: self.lead.clone(),
				points,
				help,
				course: self.course,
				assessment: 0,
				unit: Some(unit),
				guide_version: 1,
			}])
		};
		if stage >= Stage::Acquired {
			let token = token(TokenKind::Attendance, self.share.attendance, 0)?;
			record.acquired = Some(Acquisition { block: now, token });
		}
		if stage >= Stage::Assessed {
			record.assessed = Some(InstructorStep { instructor: self.lead.clone(), block: now });
		}
		if stage >= Stage::Responded {
			record.responded = Some(Response { block: now, commitment: H256::repeat_byte(7) });
		}
		if stage >= Stage::Awarded {
			let token = token(TokenKind::Score, self.share.score, self.share.help)?;
			record.awarded = Some(Award {
				instructor: self.lead.clone(),
				block: now,
				score: self.share.score,
				help: self.share.help,
				token,
			});
		}
		Ok(record)
	}

	/// Writes `learner`'s record of assessment 0 with units `0..units` at `stage`, and the
	/// remaining units (up to the assessment's last) at `others`, if any.
	fn seed(
		&self,
		learner: &T::AccountId,
		units: u32,
		stage: Stage,
		others: Option<Stage>,
	) -> Result<(), BenchmarkError> {
		let mut record = RecordOf::<T>::new(1);
		for unit in 0..self.units {
			let at = if unit < units { Some(stage) } else { others };
			if let Some(at) = at {
				let unit =
					UnitIndex::try_from(unit).map_err(|_| "a unit index beyond UnitIndex")?;
				record
					.units
					.try_push(self.unit_at(learner, unit, at)?)
					.map_err(|_| "record full")?;
			}
		}
		Records::<T>::insert((self.course, learner, 0u8), record);
		Ok(())
	}

	/// Units `0..u` of the call.
	fn units(u: u32) -> UnitsOf<T> {
		BoundedVec::truncate_from((0..u).map(|unit| unit as UnitIndex).collect())
	}

	/// The last unit of the assessment, as a call's only unit.
	fn last_unit(&self) -> UnitsOf<T> {
		BoundedVec::truncate_from(vec![self.units.saturating_sub(1) as UnitIndex])
	}
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(<T as Config>::RuntimeEvent::from(event).into());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `l` learners, one unit each: the last of the assessment, every other already conveyed.
	#[benchmark]
	fn convey_learners(l: Linear<1, { T::MaxBatch::get() }>) -> Result<(), BenchmarkError> {
		let setup = Setup::<T>::new(l)?;
		for learner in &setup.learners {
			setup.seed(learner, setup.units.saturating_sub(1), Stage::Conveyed, None)?;
		}
		let entries: Vec<ConveyToOf<T>> = setup
			.learners
			.iter()
			.map(|learner| ConveyTo {
				learner: learner.clone(),
				attendance: BoundedVec::truncate_from(vec![setup.share.attendance]),
			})
			.collect();
		let units = setup.last_unit();

		#[extrinsic_call]
		convey(
			RawOrigin::Signed(setup.lead.clone()),
			setup.course,
			0,
			units.clone(),
			BoundedVec::truncate_from(entries),
		);

		assert_last_event::<T>(Event::Conveyed {
			course: setup.course,
			assessment: 0,
			instructor: setup.lead.clone(),
			units,
			learners: BoundedVec::truncate_from(setup.learners.clone()),
		});
		Ok(())
	}

	/// One learner with no record yet, `u` units.
	#[benchmark]
	fn convey_units(
		u: Linear<1, { T::MaxUnitsPerAssessment::get() }>,
	) -> Result<(), BenchmarkError> {
		let setup = Setup::<T>::new(1)?;
		let entry = ConveyTo {
			learner: setup.learners[0].clone(),
			attendance: BoundedVec::truncate_from(vec![setup.share.attendance; u as usize]),
		};
		let units = Setup::<T>::units(u);

		#[extrinsic_call]
		convey(
			RawOrigin::Signed(setup.lead.clone()),
			setup.course,
			0,
			units,
			BoundedVec::truncate_from(vec![entry]),
		);

		assert!(Records::<T>::get((setup.course, &setup.learners[0], 0u8))
			.is_some_and(|r| r.units.len() == u as usize));
		Ok(())
	}

	/// The learner acknowledges `u` units of a record holding every unit of the assessment.
	#[benchmark]
	fn acquire(u: Linear<1, { T::MaxUnitsPerAssessment::get() }>) -> Result<(), BenchmarkError> {
		let setup = Setup::<T>::new(1)?;
		let learner = setup.learners[0].clone();
		setup.seed(&learner, u, Stage::Conveyed, Some(Stage::Acquired))?;
		let units = Setup::<T>::units(u);

		#[extrinsic_call]
		_(RawOrigin::Signed(learner.clone()), setup.course, 0, units);

		let record = Records::<T>::get((setup.course, &learner, 0u8)).ok_or("no record")?;
		assert!(record.units.iter().all(|unit| unit.stage() == Stage::Acquired));
		Ok(())
	}

	/// `l` learners, the last unit each, every other unit of their records already assessed.
	#[benchmark]
	fn assess_learners(l: Linear<1, { T::MaxBatch::get() }>) -> Result<(), BenchmarkError> {
		let setup = Setup::<T>::new(l)?;
		for learner in &setup.learners {
			setup.seed(learner, setup.units, Stage::Assessed, None)?;
			let mut record = Records::<T>::get((setup.course, learner, 0u8)).ok_or("no record")?;
			if let Some(last) = record.units.last_mut() {
				last.assessed = None;
			}
			Records::<T>::insert((setup.course, learner, 0u8), record);
		}
		let units = setup.last_unit();

		#[extrinsic_call]
		assess(
			RawOrigin::Signed(setup.lead.clone()),
			setup.course,
			0,
			units.clone(),
			BoundedVec::truncate_from(setup.learners.clone()),
		);

		assert_last_event::<T>(Event::Assessed {
			course: setup.course,
			assessment: 0,
			instructor: setup.lead.clone(),
			units,
			learners: BoundedVec::truncate_from(setup.learners.clone()),
		});
		Ok(())
	}

	/// One learner, `u` units acquired.
	#[benchmark]
	fn assess_units(
		u: Linear<1, { T::MaxUnitsPerAssessment::get() }>,
	) -> Result<(), BenchmarkError> {
		let setup = Setup::<T>::new(1)?;
		setup.seed(&setup.learners[0], u, Stage::Acquired, None)?;
		let units = Setup::<T>::units(u);

		#[extrinsic_call]
		assess(
			RawOrigin::Signed(setup.lead.clone()),
			setup.course,
			0,
			units,
			BoundedVec::truncate_from(setup.learners.clone()),
		);

		Ok(())
	}

	/// The learner responds for `u` units of a record holding every unit of the assessment.
	#[benchmark]
	fn respond(u: Linear<1, { T::MaxUnitsPerAssessment::get() }>) -> Result<(), BenchmarkError> {
		let setup = Setup::<T>::new(1)?;
		let learner = setup.learners[0].clone();
		setup.seed(&learner, u, Stage::Assessed, Some(Stage::Responded))?;
		let units = Setup::<T>::units(u);

		#[extrinsic_call]
		_(RawOrigin::Signed(learner.clone()), setup.course, 0, units, H256::repeat_byte(9));

		let record = Records::<T>::get((setup.course, &learner, 0u8)).ok_or("no record")?;
		assert!(record.units.iter().all(|unit| unit.stage() == Stage::Responded));
		Ok(())
	}

	/// `l` learners who hold no Help yet, the last unit each, every other unit responded.
	#[benchmark]
	fn award_learners(l: Linear<1, { T::MaxBatch::get() }>) -> Result<(), BenchmarkError> {
		let setup = Setup::<T>::new(l)?;
		for learner in &setup.learners {
			setup.seed(learner, setup.units, Stage::Responded, None)?;
		}
		let entries: Vec<AwardToOf<T>> = setup
			.learners
			.iter()
			.map(|learner| AwardTo {
				learner: learner.clone(),
				points: BoundedVec::truncate_from(vec![UnitAward {
					score: setup.share.score,
					help: setup.share.help,
				}]),
			})
			.collect();
		let units = setup.last_unit();

		#[extrinsic_call]
		award(
			RawOrigin::Signed(setup.lead.clone()),
			setup.course,
			0,
			units,
			BoundedVec::truncate_from(entries),
		);

		Ok(())
	}

	/// One learner who holds no Help yet, `u` units.
	#[benchmark]
	fn award_units(
		u: Linear<1, { T::MaxUnitsPerAssessment::get() }>,
	) -> Result<(), BenchmarkError> {
		let setup = Setup::<T>::new(1)?;
		let learner = setup.learners[0].clone();
		setup.seed(&learner, u, Stage::Responded, None)?;
		let entry = AwardTo {
			learner: learner.clone(),
			points: BoundedVec::truncate_from(vec![
				UnitAward {
					score: setup.share.score,
					help: setup.share.help
				};
				u as usize
			]),
		};
		let units = Setup::<T>::units(u);

		#[extrinsic_call]
		award(
			RawOrigin::Signed(setup.lead.clone()),
			setup.course,
			0,
			units,
			BoundedVec::truncate_from(vec![entry]),
		);

		let record = Records::<T>::get((setup.course, &learner, 0u8)).ok_or("no record")?;
		assert!(record.units.iter().all(|unit| unit.stage() == Stage::Awarded));
		Ok(())
	}

	/// A record of every unit awarded, each by another instructor, all but the last rated.
	#[benchmark]
	fn rate() -> Result<(), BenchmarkError> {
		let setup = Setup::<T>::new(1)?;
		let learner = setup.learners[0].clone();
		setup.seed(&learner, setup.units, Stage::Awarded, None)?;
		let mut record = Records::<T>::get((setup.course, &learner, 0u8)).ok_or("no record")?;
		let instructors: Vec<T::AccountId> =
			(0..setup.units).map(|index| account("awarder", index, SEED)).collect();
		for (unit, instructor) in record.units.iter_mut().zip(&instructors) {
			if let Some(award) = unit.awarded.as_mut() {
				award.instructor = instructor.clone();
			}
		}
		for instructor in instructors.iter().take(instructors.len().saturating_sub(1)) {
			let rating =
				Rating { instructor: instructor.clone(), points: 1, block: 1u32.into(), token: 0 };
			record.ratings.try_push(rating).map_err(|_| "ratings full")?;
		}
		Records::<T>::insert((setup.course, &learner, 0u8), record);
		let rated = instructors.last().cloned().ok_or("no instructor")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(learner.clone()), setup.course, 0, rated.clone(), setup.feedback);

		let record = Records::<T>::get((setup.course, &learner, 0u8)).ok_or("no record")?;
		assert!(record.ratings.iter().any(|rating| rating.instructor == rated));
		Ok(())
	}

	/// The revoked token is the Score token of a unit of a full record, whose earlier runs
	/// fill all but one place, and none of whose Help could be burned.
	#[benchmark]
	fn reopen() -> Result<(), BenchmarkError> {
		let setup = Setup::<T>::new(1)?;
		let learner = setup.learners[0].clone();
		setup.seed(&learner, setup.units, Stage::Awarded, None)?;
		let record = Records::<T>::get((setup.course, &learner, 0u8)).ok_or("no record")?;
		let unit = record.units.last().cloned().ok_or("no unit")?;
		let earlier: Vec<_> = (1..T::MaxCorrections::get()).map(|_| unit.clone()).collect();
		Corrections::<T>::insert(
			(setup.course, &learner, 0u8, unit.unit),
			BoundedVec::truncate_from(earlier),
		);
		let award = unit.awarded.clone().ok_or("not awarded")?;
		let token = TokenData {
			kind: TokenKind::Score,
			learner: learner.clone(),
			instructor: setup.lead.clone(),
			points: award.score,
			help: award.help,
			course: setup.course,
			assessment: 0,
			unit: Some(unit.unit),
			guide_version: 1,
		};
		let reopened;

		#[block]
		{
			// None of its Help could be burned: the reopening records it as carried, too.
			reopened = <Pallet<T> as pallet_tokens::OnRevoke<T::AccountId>>::on_revoke(
				award.token,
				&token,
				award.help,
			);
		}

		assert!(reopened);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

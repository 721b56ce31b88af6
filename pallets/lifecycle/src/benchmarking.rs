//! Benchmarks of the lifecycle pallet, each call in its worst case: a course with the most
//! units and assessments (the last of each used), every learner enrolled and at the previous
//! step, the most points the guide allows (so that every token carries points and every award
//! mints Help), and for the batches `n` learners, up to `MaxBatch`.

use super::*;
use crate::pallet::Lifecycles;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;
use pallet_courses::{Assessment, CourseId, CourseInspect};
use sp_core::H256;

const SEED: u32 = 0;

/// A course of an accredited institution, led by `lead`, with `learners` enrolled.
struct Setup<T: Config> {
	course: CourseId,
	assessment: u32,
	unit: u32,
	lead: T::AccountId,
	learners: Vec<T::AccountId>,
	maxima: Assessment,
}

impl<T: Config> Setup<T> {
	/// The course and `n` enrolled learners (the first of them the whitelisted caller), using its
	/// last assessment and its last unit.
	fn new(n: u32) -> Result<Self, BenchmarkError> {
		let institution: T::AccountId = account("institution", 0, SEED);
		let lead: T::AccountId = account("lead", 0, SEED);
		let course = T::Courses::create_for_benchmarks(&institution, &lead)?;
		let version = T::Courses::current_guide_version(course).ok_or("no guide version")?;
		let assessment = last_index(|index| T::Courses::assessment(course, version, index))
			.ok_or("the guide has no assessment")?;
		let maxima = T::Courses::assessment(course, version, assessment).ok_or("no assessment")?;
		let unit = last_index(|index| T::Courses::unit(course, index)).ok_or("no unit")?;

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
		for learner in &learners {
			T::Courses::enroll_for_benchmarks(course, learner)?;
		}
		Ok(Self { course, assessment, unit, lead, learners, maxima })
	}

	fn key(&self) -> LifecycleKey {
		(self.course, self.assessment, self.unit)
	}

	/// Takes every learner through the steps up to and including `stage`.
	fn advance_to(&self, stage: Stage) -> Result<(), BenchmarkError> {
		let conveyed = self.learners.iter().map(|l| (l.clone(), self.maxima.max_attendance));
		Pallet::<T>::do_convey(self.lead.clone(), self.key(), conveyed.collect())
			.map_err(|failure| failure.error)?;
		if stage >= Stage::Acquired {
			for learner in &self.learners {
				Pallet::<T>::do_acquire(learner.clone(), self.key())?;
			}
		}
		if stage >= Stage::Assessed {
			Pallet::<T>::do_assess(self.lead.clone(), self.key(), self.learners.clone())
				.map_err(|failure| failure.error)?;
		}
		if stage >= Stage::Responded {
			for learner in &self.learners {
				Pallet::<T>::do_respond(learner.clone(), self.key(), H256::repeat_byte(7))?;
			}
		}
		if stage >= Stage::Awarded {
			Pallet::<T>::do_award(self.lead.clone(), self.key(), self.awards())
				.map_err(|failure| failure.error)?;
		}
		Ok(())
	}

	/// The most score and help for every learner.
	fn awards(&self) -> Vec<(T::AccountId, u32, u32)> {
		self.learners
			.iter()
			.map(|learner| (learner.clone(), self.maxima.max_score, self.maxima.max_help))
			.collect()
	}

	/// Whether every learner's lifecycle is at `stage`.
	fn all_at(&self, stage: Stage) -> bool {
		self.learners.iter().all(|learner| {
			Lifecycles::<T>::get(self.key(), learner).is_some_and(|record| record.stage == stage)
		})
	}
}

/// The last index (from 0) for which `get` answers `Some`.
fn last_index<V>(get: impl Fn(u32) -> Option<V>) -> Option<u32> {
	(0..u32::MAX).take_while(|index| get(*index).is_some()).last()
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(<T as Config>::RuntimeEvent::from(event).into());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `n` enrolled learners, each with the most attendance points.
	#[benchmark]
	fn convey(n: Linear<1, { T::MaxBatch::get() }>) -> Result<(), BenchmarkError> {
		let setup = Setup::<T>::new(n)?;
		let learners: Vec<_> = setup
			.learners
			.iter()
			.map(|l| (l.clone(), setup.maxima.max_attendance))
			.collect();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(setup.lead.clone()),
			setup.course,
			setup.assessment,
			setup.unit,
			learners,
		);

		assert!(setup.all_at(Stage::Conveyed));
		assert_last_event::<T>(Event::Conveyed {
			course: setup.course,
			assessment: setup.assessment,
			unit: setup.unit,
			instructor: setup.lead.clone(),
			count: n,
		});
		Ok(())
	}

	/// Mints an Attendance token with the most points.
	#[benchmark]
	fn acquire() -> Result<(), BenchmarkError> {
		let setup = Setup::<T>::new(1)?;
		setup.advance_to(Stage::Conveyed)?;
		let learner = setup.learners.first().cloned().ok_or("no learner")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(learner.clone()), setup.course, setup.assessment, setup.unit);

		assert!(setup.all_at(Stage::Acquired));
		let record = Lifecycles::<T>::get(setup.key(), &learner).ok_or("no lifecycle")?;
		assert_last_event::<T>(Event::Acquired {
			course: setup.course,
			assessment: setup.assessment,
			unit: setup.unit,
			learner,
			token: record.attendance_token.ok_or("no token")?,
		});
		Ok(())
	}

	/// `n` learners who acquired.
	#[benchmark]
	fn assess(n: Linear<1, { T::MaxBatch::get() }>) -> Result<(), BenchmarkError> {
		let setup = Setup::<T>::new(n)?;
		setup.advance_to(Stage::Acquired)?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(setup.lead.clone()),
			setup.course,
			setup.assessment,
			setup.unit,
			setup.learners.clone(),
		);

		assert!(setup.all_at(Stage::Assessed));
		assert_last_event::<T>(Event::Assessed {
			course: setup.course,
			assessment: setup.assessment,
			unit: setup.unit,
			instructor: setup.lead.clone(),
			count: n,
		});
		Ok(())
	}

	#[benchmark]
	fn respond() -> Result<(), BenchmarkError> {
		let setup = Setup::<T>::new(1)?;
		setup.advance_to(Stage::Assessed)?;
		let learner = setup.learners.first().cloned().ok_or("no learner")?;
		let commitment = H256::repeat_byte(7);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(learner.clone()),
			setup.course,
			setup.assessment,
			setup.unit,
			commitment,
		);

		assert!(setup.all_at(Stage::Responded));
		assert_last_event::<T>(Event::Responded {
			course: setup.course,
			assessment: setup.assessment,
			unit: setup.unit,
			learner,
			commitment,
		});
		Ok(())
	}

	/// `n` learners who responded, each awarded the most score and help: a Score token and
	/// Help minted to each.
	#[benchmark]
	fn award(n: Linear<1, { T::MaxBatch::get() }>) -> Result<(), BenchmarkError> {
		let setup = Setup::<T>::new(n)?;
		setup.advance_to(Stage::Responded)?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(setup.lead.clone()),
			setup.course,
			setup.assessment,
			setup.unit,
			setup.awards(),
		);

		assert!(setup.all_at(Stage::Awarded));
		assert_last_event::<T>(Event::Awarded {
			course: setup.course,
			assessment: setup.assessment,
			unit: setup.unit,
			instructor: setup.lead.clone(),
			count: n,
		});
		Ok(())
	}

	/// The most feedback points: an Instructor-score token minted to the instructor.
	#[benchmark]
	fn rate() -> Result<(), BenchmarkError> {
		let setup = Setup::<T>::new(1)?;
		setup.advance_to(Stage::Awarded)?;
		let learner = setup.learners.first().cloned().ok_or("no learner")?;
		let points = setup.maxima.max_instructor_feedback;

		#[extrinsic_call]
		_(RawOrigin::Signed(learner.clone()), setup.course, setup.assessment, setup.unit, points);

		let record = Lifecycles::<T>::get(setup.key(), &learner).ok_or("no lifecycle")?;
		assert_eq!(record.rating.map(|rating| rating.points), Some(points));
		assert_last_event::<T>(Event::Rated {
			course: setup.course,
			assessment: setup.assessment,
			unit: setup.unit,
			learner,
			instructor: setup.lead.clone(),
			points,
			token: record.instructor_score_token.ok_or("no token")?,
		});
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

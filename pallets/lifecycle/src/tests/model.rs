//! A randomized test against a plain model: thousands of random calls (valid and not, by the
//! right parties and the wrong ones, with the institution suspended and reinstated, an
//! instructor removed and back, new guide versions, the course closed) and after each the
//! chain must agree with the model, a failed call must leave the state as it was, and no
//! learner may hold more than the guide's maxima summed over an assessment.

use super::*;
use pallet_courses::{Assessment, AssessmentKind, LearnerPoints, UnitShare};
use std::collections::{BTreeMap, BTreeSet};

/// xorshift64*: small, seeded, good enough to pick calls.
struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 >> 12;
		self.0 ^= self.0 << 25;
		self.0 ^= self.0 >> 27;
		self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
	}

	fn below(&mut self, bound: u64) -> u64 {
		self.next() % bound
	}

	fn pick<T: Copy>(&mut self, items: &[T]) -> T {
		items[self.below(items.len() as u64) as usize]
	}

	/// Points around `max`: mostly valid, sometimes one above.
	fn points(&mut self, max: u32) -> u32 {
		match self.below(12) {
			0 => max + 1,
			_ => self.below(u64::from(max) + 1) as u32,
		}
	}

	/// A call's units: mostly one or two of the assessment's, sometimes another, rarely none
	/// or one twice.
	fn units(&mut self, covered: &[UnitIndex]) -> Vec<UnitIndex> {
		let len = match self.below(30) {
			0 => 0,
			1..=20 => 1,
			21..=28 => 2,
			_ => 3,
		};
		(0..len)
			.map(|_| {
				if self.below(8) == 0 || covered.is_empty() {
					self.below(5) as UnitIndex
				} else {
					self.pick(covered)
				}
			})
			.collect()
	}

	/// A batch's learners: mostly one or two, rarely none, sometimes the unenrolled one.
	fn learners(&mut self) -> Vec<u64> {
		let len = match self.below(20) {
			0 => 0,
			1..=11 => 1,
			12..=17 => 2,
			_ => 3,
		};
		(0..len).map(|_| self.pick(&LEARNERS)).collect()
	}

	fn instructor(&mut self) -> u64 {
		match self.below(10) {
			0 => OTHER,
			1 => ALICE,
			2..=5 => CO,
			_ => LEAD,
		}
	}
}

/// The learners a run picks from: eight enrolled, and one (`DAVE`) who is not.
const LEARNERS: [u64; 9] = [ALICE, BOB, CHARLIE, 200, 201, 202, 203, 204, DAVE];

type Guide = Vec<Assessment<frame_support::traits::ConstU32<MAX_UNITS_PER_ASSESSMENT>>>;

fn share(unit: UnitIndex, attendance: u32, score: u32, help: u32) -> UnitShare {
	UnitShare { unit, max: LearnerPoints { attendance, score, help } }
}

fn assessment(
	units: Vec<UnitShare>,
	feedback: u32,
) -> Assessment<frame_support::traits::ConstU32<MAX_UNITS_PER_ASSESSMENT>> {
	Assessment {
		kind: AssessmentKind::Lesson,
		units: BoundedVec::truncate_from(units),
		max_instructor_feedback: feedback,
	}
}

/// The versions published during a run, after the worked example's.
fn later_guides() -> Vec<Guide> {
	vec![
		vec![
			assessment(vec![share(SEARCHING, 1, 4, 2), share(HASHING, 4, 20, 8)], 3),
			assessment(vec![share(GRAPHS, 5, 25, 10)], 5),
			assessment(vec![share(TREES, 5, 10, 5)], 1),
		],
		vec![
			assessment(vec![share(SORTING, 2, 5, 3)], 1),
			assessment(
				vec![share(GRAPHS, 1, 1, 1), share(TREES, 1, 1, 1), share(SEARCHING, 1, 1, 1)],
				2,
			),
			assessment(vec![share(HASHING, 5, 10, 5)], 0),
			assessment(vec![share(SORTING, 1, 50, 0), share(TREES, 1, 20, 9)], 4),
		],
	]
}

#[derive(Clone, Debug, PartialEq)]
struct UnitModel {
	stage: Stage,
	attendance: u32,
	score: u32,
	help: u32,
	awarder: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Default)]
struct RecordModel {
	version: u32,
	units: BTreeMap<UnitIndex, UnitModel>,
	ratings: BTreeMap<u64, u32>,
}

struct Model {
	closed: bool,
	accredited: bool,
	co_teaches: bool,
	versions: Vec<Guide>,
	records: BTreeMap<(u64, AssessmentIndex), RecordModel>,
	tokens: u64,
}

type Outcome = Result<(), Error<Test>>;

fn check_units(units: &[UnitIndex]) -> Outcome {
	if units.is_empty() {
		return Err(Error::NoUnits);
	}
	let mut seen = BTreeSet::new();
	for unit in units {
		if !seen.insert(*unit) {
			return Err(Error::DuplicateUnit { unit: short(*unit) });
		}
	}
	Ok(())
}

impl Model {
	fn guide(
		&self,
		version: u32,
		a: AssessmentIndex,
	) -> Option<&Assessment<frame_support::traits::ConstU32<MAX_UNITS_PER_ASSESSMENT>>> {
		self.versions.get(version as usize - 1)?.get(a as usize)
	}

	fn instructor_checks(&self, who: u64, must_be_open: bool) -> Outcome {
		if must_be_open && self.closed {
			return Err(Error::CourseClosed);
		}
		if who != LEAD && who != CO {
			return Err(Error::NotCourseInstructor);
		}
		if who == CO && !self.co_teaches {
			return Err(Error::NotInstitutionInstructor);
		}
		if !self.accredited {
			return Err(Error::NotAccredited);
		}
		Ok(())
	}

	fn learner_checks(&self) -> Outcome {
		if !self.accredited {
			return Err(Error::NotAccredited);
		}
		Ok(())
	}

	fn convey(
		&mut self,
		who: u64,
		a: AssessmentIndex,
		units: &[UnitIndex],
		batch: &[(u64, Vec<u32>)],
	) -> Outcome {
		self.instructor_checks(who, false)?;
		check_units(units)?;
		if batch.is_empty() {
			return Err(Error::NoLearners);
		}
		let current = self.versions.len() as u32;
		let mut seen = BTreeSet::new();
		let mut updated = Vec::new();
		for (index, (learner, attendance)) in batch.iter().enumerate() {
			let index = index as u16;
			if attendance.len() != units.len() {
				return Err(Error::WrongPointCount { index });
			}
			if !seen.insert(*learner) {
				return Err(Error::DuplicateLearner { index });
			}
			if *learner == DAVE {
				return Err(Error::NotEnrolled { index });
			}
			let mut record = self
				.records
				.get(&(*learner, a))
				.cloned()
				.unwrap_or(RecordModel { version: current, ..Default::default() });
			let own_version = record.version != current;
			let guide = self.guide(record.version, a).ok_or(Error::UnknownAssessment)?;
			for (unit, points) in units.iter().zip(attendance) {
				let share = guide.share(*unit).ok_or(if own_version {
					Error::UnitNotInLearnersVersion { index, unit: short(*unit) }
				} else {
					Error::UnitNotInAssessment { unit: short(*unit) }
				})?;
				if *points > share.attendance {
					return Err(Error::AttendanceAboveMaximum { index, unit: short(*unit) });
				}
				if record.units.contains_key(unit) {
					return Err(Error::AlreadyConveyed { index, unit: short(*unit) });
				}
				// No unit is ever reopened in this model: a closed course takes none.
				if self.closed {
					return Err(Error::CourseClosed);
				}
				record.units.insert(
					*unit,
					UnitModel {
						stage: Stage::Conveyed,
						attendance: *points,
						score: 0,
						help: 0,
						awarder: None,
					},
				);
			}
			updated.push(((*learner, a), record));
		}
		self.records.extend(updated);
		Ok(())
	}

	fn acquire(&mut self, who: u64, a: AssessmentIndex, units: &[UnitIndex]) -> Outcome {
		self.learner_checks()?;
		check_units(units)?;
		let mut record = self.records.get(&(who, a)).cloned().ok_or(Error::NothingConveyed)?;
		for unit in units {
			let step = record
				.units
				.get_mut(unit)
				.ok_or(Error::UnitNotConveyed { unit: short(*unit) })?;
			if step.stage != Stage::Conveyed {
				return Err(Error::UnitAlreadyAcquired { unit: short(*unit) });
			}
			step.stage = Stage::Acquired;
		}
		self.records.insert((who, a), record);
		self.tokens += units.len() as u64;
		Ok(())
	}

	fn respond(&mut self, who: u64, a: AssessmentIndex, units: &[UnitIndex]) -> Outcome {
		self.learner_checks()?;
		check_units(units)?;
		let mut record = self.records.get(&(who, a)).cloned().ok_or(Error::NothingConveyed)?;
		for unit in units {
			let step = record
				.units
				.get_mut(unit)
				.ok_or(Error::UnitNotConveyed { unit: short(*unit) })?;
			match step.stage {
				Stage::Conveyed | Stage::Acquired => {
					return Err(Error::UnitNotAssessed { unit: short(*unit) })
				},
				Stage::Assessed => step.stage = Stage::Responded,
				_ => return Err(Error::UnitAlreadyResponded { unit: short(*unit) }),
			}
		}
		self.records.insert((who, a), record);
		Ok(())
	}

	fn assess(
		&mut self,
		who: u64,
		a: AssessmentIndex,
		units: &[UnitIndex],
		learners: &[u64],
	) -> Outcome {
		self.instructor_checks(who, false)?;
		check_units(units)?;
		if learners.is_empty() {
			return Err(Error::NoLearners);
		}
		let mut seen = BTreeSet::new();
		let mut updated = Vec::new();
		for (index, learner) in learners.iter().enumerate() {
			let index = index as u16;
			if !seen.insert(*learner) {
				return Err(Error::DuplicateLearner { index });
			}
			let mut record = self
				.records
				.get(&(*learner, a))
				.cloned()
				.ok_or(Error::NotConveyed { index, unit: short(units[0]) })?;
			for unit in units {
				let step = record
					.units
					.get_mut(unit)
					.ok_or(Error::NotConveyed { index, unit: short(*unit) })?;
				match step.stage {
					Stage::Conveyed => {
						return Err(Error::NotAcquired { index, unit: short(*unit) })
					},
					Stage::Acquired => step.stage = Stage::Assessed,
					_ => return Err(Error::AlreadyAssessed { index, unit: short(*unit) }),
				}
			}
			updated.push(((*learner, a), record));
		}
		self.records.extend(updated);
		Ok(())
	}

	fn award(
		&mut self,
		who: u64,
		a: AssessmentIndex,
		units: &[UnitIndex],
		batch: &[(u64, Vec<(u32, u32)>)],
	) -> Outcome {
		self.instructor_checks(who, false)?;
		check_units(units)?;
		if batch.is_empty() {
			return Err(Error::NoLearners);
		}
		let mut seen = BTreeSet::new();
		let mut updated = Vec::new();
		for (index, (learner, points)) in batch.iter().enumerate() {
			let index = index as u16;
			if points.len() != units.len() {
				return Err(Error::WrongPointCount { index });
			}
			if !seen.insert(*learner) {
				return Err(Error::DuplicateLearner { index });
			}
			let mut record = self
				.records
				.get(&(*learner, a))
				.cloned()
				.ok_or(Error::NotConveyed { index, unit: short(units[0]) })?;
			let guide = self
				.guide(record.version, a)
				.expect("a record's version has its assessment")
				.clone();
			for (unit, (score, help)) in units.iter().zip(points) {
				let step = record
					.units
					.get_mut(unit)
					.ok_or(Error::NotConveyed { index, unit: short(*unit) })?;
				match step.stage {
					Stage::Awarded => {
						return Err(Error::AlreadyAwarded { index, unit: short(*unit) })
					},
					Stage::Responded => {},
					_ => return Err(Error::NotResponded { index, unit: short(*unit) }),
				}
				let share = guide.share(*unit).expect("conveyed under this version");
				if *score > share.score {
					return Err(Error::ScoreAboveMaximum { index, unit: short(*unit) });
				}
				if *help > share.help {
					return Err(Error::HelpAboveMaximum { index, unit: short(*unit) });
				}
				*step = UnitModel {
					stage: Stage::Awarded,
					score: *score,
					help: *help,
					awarder: Some(who),
					..step.clone()
				};
			}
			updated.push(((*learner, a), record));
		}
		self.tokens += (batch.len() * units.len()) as u64;
		self.records.extend(updated);
		Ok(())
	}

	fn rate(&mut self, who: u64, a: AssessmentIndex, instructor: u64, points: u32) -> Outcome {
		self.learner_checks()?;
		let record = self.records.get(&(who, a)).cloned().ok_or(Error::NothingConveyed)?;
		if !record.units.values().any(|unit| unit.awarder == Some(instructor)) {
			return Err(Error::NotAwardedBy);
		}
		if record.ratings.contains_key(&instructor) {
			return Err(Error::AlreadyRated);
		}
		let feedback = self.guide(record.version, a).expect("its version").max_instructor_feedback;
		if feedback == 0 {
			return Err(Error::NoFeedbackInAssessment);
		}
		if points > feedback {
			return Err(Error::RatingAboveMaximum);
		}
		self.records
			.get_mut(&(who, a))
			.expect("read above")
			.ratings
			.insert(instructor, points);
		self.tokens += 1;
		Ok(())
	}

	/// A step most likely to succeed: a record with units at `stage`, its learner (and other
	/// learners with the same units at that stage) and those units; to reach the later steps,
	/// which random picks rarely do.
	fn ready(
		&self,
		stage: Stage,
		rng: &mut Rng,
	) -> Option<(Vec<u64>, AssessmentIndex, Vec<UnitIndex>)> {
		let candidates: Vec<_> = self
			.records
			.iter()
			.filter(|(_, record)| record.units.values().any(|unit| unit.stage == stage))
			.collect();
		if candidates.is_empty() {
			return None;
		}
		let ((learner, a), record) = candidates[rng.below(candidates.len() as u64) as usize];
		let units: Vec<UnitIndex> = record
			.units
			.iter()
			.filter(|(_, unit)| unit.stage == stage)
			.map(|(index, _)| *index)
			.collect();
		let others = self
			.records
			.iter()
			.filter(|((other, b), record)| {
				b == a
					&& other != learner
					&& units
						.iter()
						.all(|u| record.units.get(u).is_some_and(|unit| unit.stage == stage))
			})
			.map(|((other, _), _)| *other);
		Some((core::iter::once(*learner).chain(others).collect(), *a, units))
	}

	fn assert_matches_the_chain(&self, seed: u64) {
		let chain: BTreeMap<(u64, AssessmentIndex), RecordModel> = Records::<Test>::iter()
			.map(|((course, learner, a), record)| {
				assert_eq!(course, 0);
				let units = record
					.units
					.iter()
					.map(|step| {
						let award = step.awarded.as_ref();
						(
							step.unit,
							UnitModel {
								stage: step.stage(),
								attendance: step.attendance,
								score: award.map(|award| award.score).unwrap_or_default(),
								help: award.map(|award| award.help).unwrap_or_default(),
								awarder: award.map(|award| award.instructor),
							},
						)
					})
					.collect();
				let ratings = record
					.ratings
					.iter()
					.map(|rating| (rating.instructor, rating.points))
					.collect();
				((learner, a), RecordModel { version: record.guide_version, units, ratings })
			})
			.collect();
		assert_eq!(chain, self.records, "seed {seed}: the records differ from the model");
		assert_eq!(
			pallet_tokens::NextTokenId::<Test>::get(),
			self.tokens,
			"seed {seed}: token count"
		);
		for learner in LEARNERS {
			let minted: u32 = self
				.records
				.iter()
				.filter(|((who, _), _)| *who == learner)
				.flat_map(|(_, record)| record.units.values().map(|unit| unit.help))
				.sum();
			assert_eq!(help_of(learner), u64::from(minted), "seed {seed}: Help of {learner}");
		}
		// The guide is the oracle: per learner and assessment, the points summed over the units
		// never exceed the assessment's maxima in the version the learner follows.
		for ((learner, a), record) in &self.records {
			let totals = self
				.guide(record.version, *a)
				.and_then(|guide| guide.totals())
				.expect("a guide");
			let sum = |f: fn(&UnitModel) -> u32| record.units.values().map(f).sum::<u32>();
			assert!(
				sum(|u| u.attendance) <= totals.attendance,
				"seed {seed}: {learner} {a} attendance"
			);
			assert!(sum(|u| u.score) <= totals.score, "seed {seed}: {learner} {a} score");
			assert!(sum(|u| u.help) <= totals.help, "seed {seed}: {learner} {a} help");
		}
	}
}

fn state_root() -> Vec<u8> {
	sp_io::storage::root(sp_runtime::StateVersion::V1)
}

fn run(seed: u64, calls: u32) {
	class().with_learners(0, &LEARNERS[3..8]).build_and_execute(|| {
		let mut rng = Rng(seed);
		let mut model = Model {
			closed: false,
			accredited: true,
			co_teaches: true,
			versions: vec![worked_example_guide()],
			records: BTreeMap::new(),
			tokens: 0,
		};
		let mut later = later_guides().into_iter();
		let mut outcomes = BTreeMap::<&str, (u32, u32)>::new();

		for call in 0..calls {
			// Mostly the two lessons; now and then the final, or an assessment a version lacks.
			let a = match rng.below(10) {
				0 => 3,
				1..=2 => 2,
				3..=6 => 0,
				_ => 1,
			};
			let covered: Vec<UnitIndex> = model
				.guide(model.versions.len() as u32, a)
				.map(|guide| guide.units.iter().map(|share| share.unit).collect())
				.unwrap_or_default();
			let list = rng.units(&covered);
			System::reset_events();
			// The state root before a call the model expects to fail, to check it changes
			// nothing (computed only then: it is the slowest part of a run).
			let root_if = |expected: &Outcome| expected.is_err().then(state_root);
			let kind = rng.below(100);
			// Half of the steps are picked among the units ready for them.
			let wanted = match kind {
				16..=31 => Some(Stage::Conveyed),
				32..=45 => Some(Stage::Acquired),
				46..=59 => Some(Stage::Assessed),
				60..=75 => Some(Stage::Responded),
				76..=86 => Some(Stage::Awarded),
				_ => None,
			};
			let guided = wanted
				.filter(|_| rng.below(2) == 0)
				.and_then(|stage| model.ready(stage, &mut rng));
			let (a, list, ready_learners) = match guided {
				Some((learners, a, units)) => (a, units, Some(learners)),
				None => (a, list, None),
			};
			let pick_learner = |rng: &mut Rng| match &ready_learners {
				Some(learners) => learners[0],
				None => rng.pick(&LEARNERS),
			};
			let pick_batch = |rng: &mut Rng| match &ready_learners {
				Some(learners) => {
					learners.iter().take(1 + rng.below(3) as usize).copied().collect()
				},
				None => rng.learners(),
			};
			let (name, expected, root, actual): (&str, Outcome, Option<Vec<u8>>, DispatchResult) =
				match kind {
					0..=15 => {
						let who = rng.instructor();
						let batch: Vec<(u64, Vec<u32>)> = rng
							.learners()
							.into_iter()
							.map(|learner| {
								let mut points: Vec<u32> =
									list.iter().map(|_| rng.points(3)).collect();
								if rng.below(30) == 0 {
									points.push(0);
								}
								(learner, points)
							})
							.collect();
						let entries: Vec<(u64, &[u32])> =
							batch.iter().map(|(l, p)| (*l, &p[..])).collect();
						let expected = model.convey(who, a, &list, &batch);
						let root = root_if(&expected);
						("convey", expected, root, error_of(convey(who, a, &list, &entries)))
					},
					16..=31 => {
						let who = if rng.below(8) == 0 { LEAD } else { pick_learner(&mut rng) };
						let expected = model.acquire(who, a, &list);
						let root = root_if(&expected);
						("acquire", expected, root, acquire(who, a, &list))
					},
					32..=45 => {
						let who = rng.instructor();
						let learners = pick_batch(&mut rng);
						let expected = model.assess(who, a, &list, &learners);
						let root = root_if(&expected);
						("assess", expected, root, error_of(assess(who, a, &list, &learners)))
					},
					46..=59 => {
						let who = if rng.below(8) == 0 { CO } else { pick_learner(&mut rng) };
						let expected = model.respond(who, a, &list);
						let root = root_if(&expected);
						("respond", expected, root, respond(who, a, &list))
					},
					60..=75 => {
						let who = rng.instructor();
						let batch: Vec<(u64, Vec<(u32, u32)>)> = pick_batch(&mut rng)
							.into_iter()
							.map(|learner| {
								let points = list
									.iter()
									.map(|unit| {
										let max = model
											.guide(model.versions.len() as u32, a)
											.and_then(|guide| guide.share(*unit).copied())
											.unwrap_or_default();
										(rng.points(max.score), rng.points(max.help))
									})
									.collect();
								(learner, points)
							})
							.collect();
						let entries: Vec<(u64, &[(u32, u32)])> =
							batch.iter().map(|(l, p)| (*l, &p[..])).collect();
						let expected = model.award(who, a, &list, &batch);
						let root = root_if(&expected);
						("award", expected, root, error_of(award(who, a, &list, &entries)))
					},
					76..=86 => {
						let who = pick_learner(&mut rng);
						let instructor = rng.pick(&[LEAD, LEAD, CO, OTHER]);
						let points = rng.points(5);
						let expected = model.rate(who, a, instructor, points);
						let root = root_if(&expected);
						("rate", expected, root, rate(who, a, instructor, points))
					},
					87 => {
						model.accredited = false;
						MockRegistry::suspend(UNIVERSITY);
						continue;
					},
					88..=90 => {
						model.accredited = true;
						MockRegistry::accredit(UNIVERSITY);
						continue;
					},
					91 => {
						model.co_teaches = false;
						MockRegistry::remove_instructor(UNIVERSITY, CO);
						continue;
					},
					92..=93 => {
						model.co_teaches = true;
						MockRegistry::add_instructor(UNIVERSITY, CO);
						continue;
					},
					94 => {
						if !model.closed && model.accredited {
							if let Some(guide) = later.next() {
								assert_ok!(Courses::publish_guide(
									signed(LEAD),
									0,
									BoundedVec::truncate_from(guide.clone())
								));
								model.versions.push(guide);
							}
						}
						continue;
					},
					95 => {
						// Rarely, in the last tenth of the run, the course closes.
						if call >= calls / 10 * 9 && rng.below(5) == 0 && !model.closed {
							assert_ok!(Courses::close_course(signed(UNIVERSITY), 0));
							model.closed = true;
						}
						continue;
					},
					_ => {
						run_to(System::block_number() + 1 + rng.below(3));
						continue;
					},
				};

			assert_eq!(
				actual,
				expected.map_err(DispatchError::from),
				"seed {seed}, call {call}: {name} by the model and the chain differ"
			);
			if let Some(root) = root {
				assert_eq!(root, state_root(), "seed {seed}: a failed {name} changed the state");
			}
			model.assert_matches_the_chain(seed);
			Lifecycle::do_try_state().expect("the invariants hold after every call");
			let counts = outcomes.entry(name).or_default();
			if actual.is_ok() {
				counts.0 += 1;
			} else {
				counts.1 += 1;
			}
		}

		for name in ["convey", "acquire", "assess", "respond", "award", "rate"] {
			let (ok, err) = outcomes.get(name).copied().unwrap_or_default();
			assert!(ok > 0 && err > 0, "seed {seed}: {name} succeeded {ok}, failed {err} times");
		}
	});
}

/// Each seed is a test of its own, so that they run in parallel.
macro_rules! seeds {
	($($name:ident: $seed:expr,)*) => {$(
		#[test]
		fn $name() {
			run($seed, 1500);
		}
	)*};
}

seeds! {
	random_calls_agree_with_the_model_seed_1: 1,
	random_calls_agree_with_the_model_seed_2: 2,
	random_calls_agree_with_the_model_seed_3: 3,
	random_calls_agree_with_the_model_seed_c0ffee: 0xC0FFEE,
	random_calls_agree_with_the_model_seed_5eed: 0x5EED_1234_ABCD,
}

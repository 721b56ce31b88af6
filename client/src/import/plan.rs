//! The plan: from the mapping, the evidence of the inputs and what the chain holds, what each
//! learner's every (assessment, unit) needs next, and the instructor's calls that do it.
//!
//! Pure: it reads a [`ChainView`] and writes nothing, so a dry run, a real run and `status`
//! make the same plan, and a run that was killed makes, from the chain, the plan of what is
//! left.

use super::{
	mapping::{AttendanceRule, HelpRule, ItemsRule, Mapping},
	sources::{Evidence, GradeEntry, LearnerRef, Origin, Presence, Problem},
	text::Decimal,
};
use std::collections::{BTreeMap, BTreeSet};
use subxt::utils::AccountId32;

/// The stages of a unit, as the chain names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
	/// 1. Conveyed.
	Conveyed,
	/// 2. Acknowledged by the learner.
	Acquired,
	/// 3. Assessment opened.
	Assessed,
	/// 4. The learner responded.
	Responded,
	/// 5. Awarded.
	Awarded,
}

/// The most points of each kind a unit earns in an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Share {
	/// Attendance points.
	pub attendance: u32,
	/// Score points.
	pub score: u32,
	/// Help points.
	pub help: u32,
}

/// One assessment of one guide version: its units with their shares, in the guide's order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GuideAssessment {
	/// The units and their shares.
	pub units: Vec<(u16, Share)>,
	/// The most instructor-feedback points.
	pub max_feedback: u32,
}

/// A unit of a learner's record on chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitState {
	/// Its stage.
	pub stage: Stage,
	/// The attendance points recorded at convey.
	pub attendance: u32,
	/// The score and help points awarded, if awarded.
	pub awarded: Option<(u32, u32)>,
	/// Who awarded.
	pub awarded_by: Option<AccountId32>,
}

/// A learner's record of one assessment on chain.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecordState {
	/// The guide version it follows.
	pub guide_version: u32,
	/// Its units.
	pub units: BTreeMap<u16, UnitState>,
	/// The instructors the learner rated.
	pub rated: Vec<AccountId32>,
	/// Help an earlier, revoked run of a unit left with the learner, by unit: an award's help
	/// plus this is at most the unit's share.
	pub carried_help: BTreeMap<u16, u32>,
}

/// Where a learner stands in the course.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enrollment {
	/// Invited, not accepted.
	Invited,
	/// Enrolled.
	Enrolled,
}

/// What the chain holds of the course and of the mapping's learners, at one block.
#[derive(Debug, Clone, Default)]
pub struct ChainView {
	/// The block it was read at.
	pub block: u64,
	/// The course's title.
	pub title: String,
	/// Whether the course is closed.
	pub closed: bool,
	/// Its current guide version.
	pub guide_version: u32,
	/// Whether the signer is an instructor of the course.
	pub signer_is_instructor: bool,
	/// The course's lead and co-instructors (none of them can be its learner).
	pub instructors: Vec<AccountId32>,
	/// The assessments of each guide version a learner follows, by (version, index).
	pub guide: BTreeMap<(u32, u8), GuideAssessment>,
	/// Each mapped learner's enrollment (absent: neither invited nor enrolled) and whether the
	/// account exists (an invitation of a new account costs the fee).
	pub learners: BTreeMap<AccountId32, (Option<Enrollment>, bool)>,
	/// Each mapped learner's records, by (learner, assessment).
	pub records: BTreeMap<(AccountId32, u8), RecordState>,
}

/// What a (learner, assessment, unit), or a learner, needs next, and from whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
	/// The instructor invites the learner (this run does).
	Invite,
	/// The learner accepts the invitation.
	LearnerAccepts,
	/// The instructor conveys the unit (this run does).
	Convey,
	/// The learner acknowledges the unit.
	LearnerAcknowledges,
	/// The instructor opens the assessment (this run does).
	Assess,
	/// The learner responds.
	LearnerResponds,
	/// The instructor awards (this run does).
	Award,
	/// A grade is missing in the inputs: the instructor awards once it is there.
	AwaitsGrade,
	/// Not present enough at the session to be conveyed the unit.
	Absent,
	/// The learner rates the instructor who awarded (optional).
	LearnerRates,
	/// Every step done.
	Done,
	/// The course is closed: nothing new is conveyed.
	CourseClosed,
	/// The unit is not in the assessment of the guide version the learner follows.
	NotInGuide,
}

impl Next {
	/// Whose move it is.
	pub fn whose(&self) -> &'static str {
		match self {
			Self::Invite | Self::Convey | Self::Assess | Self::Award => "instructor (this import)",
			Self::AwaitsGrade => "instructor (a grade in the LMS)",
			Self::LearnerAccepts
			| Self::LearnerAcknowledges
			| Self::LearnerResponds
			| Self::LearnerRates => "learner",
			Self::Absent | Self::Done | Self::CourseClosed | Self::NotInGuide => "nobody",
		}
	}

	/// In words.
	pub fn words(&self) -> &'static str {
		match self {
			Self::Invite => "invite",
			Self::LearnerAccepts => "accept the invitation",
			Self::Convey => "convey",
			Self::LearnerAcknowledges => "acknowledge",
			Self::Assess => "assess",
			Self::LearnerResponds => "respond",
			Self::Award => "award",
			Self::AwaitsGrade => "await a grade",
			Self::Absent => "absent from the session",
			Self::LearnerRates => "rate the instructor (optional)",
			Self::Done => "done",
			Self::CourseClosed => "course closed",
			Self::NotInGuide => "not in the learner's guide",
		}
	}
}

/// The points the inputs give a (learner, unit) of an assessment, where known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UnitPoints {
	/// Attendance points (`None`: not present enough, or no session).
	pub attendance: Option<u32>,
	/// Score points (`None`: a grade is missing).
	pub score: Option<u32>,
	/// Help points (`None`: a grade is missing).
	pub help: Option<u32>,
	/// The unit's share in the learner's guide version.
	pub max: Share,
}

/// One (assessment, unit) of a learner in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitPlan {
	/// The assessment.
	pub assessment: u8,
	/// The unit.
	pub unit: u16,
	/// Its stage on chain.
	pub stage: Option<Stage>,
	/// What it needs next.
	pub next: Next,
	/// The points the inputs give.
	pub points: UnitPoints,
	/// Points on chain that differ from the inputs' (awarded, then regraded in the LMS).
	pub differs: Option<String>,
}

/// A learner in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnerPlan {
	/// The mapping's key (stays on this machine).
	pub key: String,
	/// The wallet.
	pub address: AccountId32,
	/// The learner's own next step in the course (an invitation), if that is what waits.
	pub enrollment: Next,
	/// Each mapped (assessment, unit).
	pub units: Vec<UnitPlan>,
}

/// One instructor call of the plan, before it is cut to fit blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
	/// `courses.invite(course, learners)`.
	Invite {
		/// The learners.
		learners: Vec<AccountId32>,
		/// How many of them have no account yet (each costs the new-account fee).
		new_accounts: usize,
	},
	/// `lifecycle.convey(course, assessment, units, [(learner, attendance per unit)])`.
	Convey {
		/// The assessment.
		assessment: u8,
		/// The units.
		units: Vec<u16>,
		/// Each learner with the attendance points of each unit.
		learners: Vec<(AccountId32, Vec<u32>)>,
	},
	/// `lifecycle.assess(course, assessment, units, learners)`.
	Assess {
		/// The assessment.
		assessment: u8,
		/// The units.
		units: Vec<u16>,
		/// The learners.
		learners: Vec<AccountId32>,
	},
	/// `lifecycle.award(course, assessment, units, [(learner, (score, help) per unit)])`.
	Award {
		/// The assessment.
		assessment: u8,
		/// The units.
		units: Vec<u16>,
		/// Each learner with the score and help points of each unit.
		learners: Vec<(AccountId32, Vec<(u32, u32)>)>,
	},
}

impl Call {
	/// How many learners it carries.
	pub fn len(&self) -> usize {
		match self {
			Self::Invite { learners, .. } | Self::Assess { learners, .. } => learners.len(),
			Self::Convey { learners, .. } => learners.len(),
			Self::Award { learners, .. } => learners.len(),
		}
	}

	/// Whether it carries no learner.
	pub fn is_empty(&self) -> bool {
		self.len() == 0
	}

	/// How many (learner, unit) steps it records (an invitation is one per learner).
	pub fn steps(&self) -> usize {
		match self {
			Self::Invite { learners, .. } => learners.len(),
			Self::Convey { units, learners, .. } => units.len() * learners.len(),
			Self::Assess { units, learners, .. } => units.len() * learners.len(),
			Self::Award { units, learners, .. } => units.len() * learners.len(),
		}
	}

	/// The call's name.
	pub fn name(&self) -> &'static str {
		match self {
			Self::Invite { .. } => "invite",
			Self::Convey { .. } => "convey",
			Self::Assess { .. } => "assess",
			Self::Award { .. } => "award",
		}
	}

	/// The first `n` learners as a call of their own, and the rest (of the same assessment and
	/// units). The new accounts of an invitation are all counted in the first part.
	pub fn split(mut self, n: usize) -> (Self, Option<Self>) {
		fn cut<T>(list: &mut Vec<T>, n: usize) -> Option<Vec<T>> {
			(list.len() > n).then(|| list.split_off(n))
		}
		let rest = match &mut self {
			Self::Invite { learners, .. } => {
				cut(learners, n).map(|learners| Self::Invite { learners, new_accounts: 0 })
			},
			Self::Convey { assessment, units, learners } => cut(learners, n).map(|learners| {
				Self::Convey { assessment: *assessment, units: units.clone(), learners }
			}),
			Self::Assess { assessment, units, learners } => cut(learners, n).map(|learners| {
				Self::Assess { assessment: *assessment, units: units.clone(), learners }
			}),
			Self::Award { assessment, units, learners } => cut(learners, n).map(|learners| {
				Self::Award { assessment: *assessment, units: units.clone(), learners }
			}),
		};
		(self, rest)
	}
}

/// The plan.
#[derive(Debug, Clone, Default)]
pub struct Plan {
	/// Every mapped learner with an address.
	pub learners: Vec<LearnerPlan>,
	/// The instructor's calls, invitations first, then per assessment convey, assess, award.
	pub calls: Vec<Call>,
	/// Every row or learner the plan cannot use, and why.
	pub problems: Vec<Problem>,
}

/// The evidence of every input, read.
#[derive(Debug, Default)]
pub struct Inputs {
	/// Grades, from the LMS export and the gradebook.
	pub grades: Vec<Evidence<GradeEntry>>,
	/// Attendance lists, by session name.
	pub sessions: BTreeMap<String, Evidence<Presence>>,
	/// Id and e-mail pairs the LMS export lists, so that a source naming a learner by one
	/// finds a mapping keyed by the other.
	pub aliases: Vec<LearnerRef>,
}

/// The mapped learners by every name they go by: mapping key, LMS id, e-mail.
struct Roster {
	by_name: BTreeMap<String, usize>,
}

impl Roster {
	fn new(mapping: &Mapping, aliases: &[LearnerRef]) -> Self {
		let mut by_name = BTreeMap::new();
		for (index, learner) in mapping.learners.iter().enumerate() {
			by_name.insert(learner.key.trim().to_lowercase(), index);
		}
		for alias in aliases {
			let names = alias.id.iter().map(|id| id.to_lowercase()).chain(alias.email.clone());
			let names: Vec<String> = names.collect();
			if let Some(index) = names.iter().find_map(|name| by_name.get(name).copied()) {
				for name in names {
					by_name.entry(name).or_insert(index);
				}
			}
		}
		Self { by_name }
	}

	fn find(&self, learner: &LearnerRef) -> Option<usize> {
		learner
			.id
			.iter()
			.map(|id| id.to_lowercase())
			.chain(learner.email.clone())
			.find_map(|name| self.by_name.get(&name).copied())
	}
}

/// Grades by (learner index, item).
type Grades = BTreeMap<(usize, String), Option<super::sources::Grade>>;

fn share_from_items(grades: &Grades, learner: usize, items: &[String], max: u32) -> Option<u32> {
	let mut score = Decimal::default();
	let mut of = Decimal::default();
	for item in items {
		let grade = grades.get(&(learner, item.clone())).copied().flatten()?;
		score = score.checked_add(grade.score)?;
		of = of.checked_add(grade.max)?;
	}
	Some(score.share_of(of, max))
}

/// Entries of calls by (assessment, units).
type Groups<T> = BTreeMap<(u8, Vec<u16>), Vec<T>>;

/// Makes the plan.
pub fn make(mapping: &Mapping, inputs: &Inputs, chain: &ChainView) -> Plan {
	let mut plan = Plan::default();
	let roster = Roster::new(mapping, &inputs.aliases);
	let problem = |origin: &Origin, why: String| Problem { origin: origin.clone(), why };

	// Every row that names a learner the mapping does not have, or has without an address.
	let mut grades: Grades = BTreeMap::new();
	let mut reported: BTreeSet<(String, usize)> = BTreeSet::new();
	let mut check_learner = |plan: &mut Plan, learner: &LearnerRef, origin: &Origin| {
		let found = roster.find(learner);
		let key = (origin.file.clone(), origin.row);
		match found {
			None => {
				if reported.insert(key) {
					plan.problems.push(problem(
						origin,
						format!(
							"unknown learner {}: not in the mapping's learners",
							learner.describe()
						),
					));
				}
				None
			},
			Some(index) => match mapping.learners.get(index).and_then(|l| l.address.as_ref()) {
				Some(_) => Some(index),
				None => {
					if reported.insert(key) {
						plan.problems.push(problem(
							origin,
							format!("{} has no wallet address in the mapping", learner.describe()),
						));
					}
					None
				},
			},
		}
	};
	for evidence in &inputs.grades {
		plan.problems.extend(evidence.problems.iter().cloned());
		for (learner, origin) in &evidence.learners {
			check_learner(&mut plan, learner, origin);
		}
		for entry in &evidence.entries {
			if let Some(index) = roster.find(&entry.learner) {
				grades.insert((index, entry.item.clone()), entry.grade);
			}
		}
	}
	let mut minutes: BTreeMap<(String, usize), Decimal> = BTreeMap::new();
	for (session, evidence) in &inputs.sessions {
		plan.problems.extend(evidence.problems.iter().cloned());
		for entry in &evidence.entries {
			if let Some(index) = check_learner(&mut plan, &entry.learner, &entry.origin) {
				minutes.insert((session.clone(), index), entry.minutes);
			}
		}
	}
	for learner in mapping.learners.iter().filter(|l| l.address.is_none()) {
		plan.problems.push(Problem {
			origin: Origin { file: mapping.path.clone(), row: 0, column: Some("learners".into()) },
			why: format!("{} has no wallet address yet: left out", learner.key),
		});
	}

	// The plan of each learner, and the calls.
	let mut invites = Vec::new();
	let mut new_accounts = 0;
	// The learners of each step, grouped by (assessment, units): one call per group.
	let mut convey: Groups<(AccountId32, Vec<u32>)> = BTreeMap::new();
	let mut assess: Groups<AccountId32> = BTreeMap::new();
	let mut award: Groups<(AccountId32, Vec<(u32, u32)>)> = BTreeMap::new();
	// Fixed points above a unit's share: the mapping's error, once per (assessment, unit).
	let mut over_share = BTreeSet::new();
	for (index, learner) in mapping.learners.iter().enumerate() {
		let Some(address) = learner.address else { continue };
		if chain.instructors.contains(&address) {
			// The chain refuses an instructor of the course as its learner, and an invitation
			// is all or nothing: left out, so that the others are invited.
			plan.problems.push(Problem {
				origin: Origin {
					file: mapping.path.clone(),
					row: 0,
					column: Some("learners".into()),
				},
				why: format!(
					"{} ({address}) is an instructor of the course, who cannot be its learner: left out",
					learner.key
				),
			});
			continue;
		}
		let (enrollment, exists) = chain.learners.get(&address).copied().unwrap_or((None, false));
		let enrollment_next = match enrollment {
			None if chain.closed => Next::CourseClosed,
			None => {
				invites.push(address);
				if !exists {
					new_accounts += 1;
				}
				Next::Invite
			},
			Some(Enrollment::Invited) => Next::LearnerAccepts,
			Some(Enrollment::Enrolled) => Next::Done,
		};
		let mut units_plan = Vec::new();
		for rule in &mapping.file.assessments {
			let a = rule.assessment;
			let record = chain.records.get(&(address, a));
			let version = record.map_or(chain.guide_version, |r| r.guide_version);
			let guide = chain.guide.get(&(version, a));
			let units: Vec<u16> = match &rule.units {
				Some(units) => units.clone(),
				None => chain
					.guide
					.get(&(chain.guide_version, a))
					.map(|g| g.units.iter().map(|(unit, _)| *unit).collect())
					.unwrap_or_default(),
			};
			let mut to_convey = Vec::new();
			let mut to_assess = Vec::new();
			let mut to_award = Vec::new();
			for unit in units {
				let share =
					guide.and_then(|g| g.units.iter().find(|(u, _)| *u == unit).map(|(_, s)| *s));
				let state = record.and_then(|r| r.units.get(&unit));
				let Some(max) = share else {
					units_plan.push(UnitPlan {
						assessment: a,
						unit,
						stage: state.map(|s| s.stage),
						next: Next::NotInGuide,
						points: UnitPoints::default(),
						differs: None,
					});
					continue;
				};
				let attendance = match &rule.attendance {
					AttendanceRule::Fixed { points } => points.of(max.attendance),
					AttendanceRule::Session { session, full_minutes, min_minutes } => {
						minutes.get(&(session.clone(), index)).and_then(|present| {
							(*present >= Decimal::whole((*min_minutes).into())).then(|| {
								let capped = (*present).min(Decimal::whole((*full_minutes).into()));
								capped.share_of(
									Decimal::whole((*full_minutes).into()),
									max.attendance,
								)
							})
						})
					},
				};
				let score = share_from_items(&grades, index, rule.score.items_of(unit), max.score);
				let help = match &rule.help {
					None => Some(0),
					Some(HelpRule::Fixed { points }) => points.of(max.help),
					Some(HelpRule::Items(items)) => {
						share_from_items(&grades, index, ItemsRule::items_of(items, unit), max.help)
					},
				};
				for (kind, rule, share) in [
					(
						"attendance",
						match &rule.attendance {
							AttendanceRule::Fixed { points } => Some(*points),
							_ => None,
						},
						max.attendance,
					),
					(
						"help",
						match &rule.help {
							Some(HelpRule::Fixed { points }) => Some(*points),
							_ => None,
						},
						max.help,
					),
				] {
					if rule.is_some_and(|points| points.of(share).is_none())
						&& over_share.insert((a, unit, kind))
					{
						plan.problems.push(Problem {
							origin: Origin {
								file: mapping.path.clone(),
								row: 0,
								column: Some(format!("assessments[{a}].{kind}.points")),
							},
							why: format!(
								"more {kind} points than unit {unit}'s share of {share} in \
								 assessment {a}: no learner gets the unit until it is fixed"
							),
						});
					}
				}
				let points = UnitPoints { attendance, score, help, max };
				let mut differs = None;
				let next = match (enrollment, state) {
					(_, Some(state)) => match state.stage {
						Stage::Conveyed => Next::LearnerAcknowledges,
						Stage::Acquired => {
							to_assess.push(unit);
							Next::Assess
						},
						Stage::Assessed => Next::LearnerResponds,
						Stage::Responded => match (score, help) {
							(Some(score), Some(help)) => {
								// Help carried from a revoked run counts against the share.
								let carried = record
									.and_then(|r| r.carried_help.get(&unit).copied())
									.unwrap_or(0);
								let help = help.min(max.help.saturating_sub(carried));
								to_award.push((unit, (score, help)));
								Next::Award
							},
							_ => Next::AwaitsGrade,
						},
						Stage::Awarded => {
							if let (Some((s, h)), Some(score), Some(help)) =
								(state.awarded, score, help)
							{
								if (s, h) != (score, help) {
									differs = Some(format!(
										"awarded score {s} and help {h}; the inputs now give {score} and {help} (a correction is a revocation by the institution, then an award)"
									));
								}
							}
							let rated = state
								.awarded_by
								.as_ref()
								.is_none_or(|by| record.is_some_and(|r| r.rated.contains(by)));
							if !rated && guide.is_some_and(|g| g.max_feedback > 0) {
								Next::LearnerRates
							} else {
								Next::Done
							}
						},
					},
					(Some(Enrollment::Enrolled), None) if chain.closed => Next::CourseClosed,
					(Some(Enrollment::Enrolled), None) => match attendance {
						Some(points) => {
							to_convey.push((unit, points));
							Next::Convey
						},
						None => Next::Absent,
					},
					(_, None) => enrollment_next.clone(),
				};
				units_plan.push(UnitPlan {
					assessment: a,
					unit,
					stage: state.map(|s| s.stage),
					next,
					points,
					differs,
				});
			}
			if !to_convey.is_empty() {
				let (units, points): (Vec<u16>, Vec<u32>) = to_convey.into_iter().unzip();
				convey.entry((a, units)).or_default().push((address, points));
			}
			if !to_assess.is_empty() {
				assess.entry((a, to_assess)).or_default().push(address);
			}
			if !to_award.is_empty() {
				let (units, points): (Vec<u16>, Vec<(u32, u32)>) = to_award.into_iter().unzip();
				award.entry((a, units)).or_default().push((address, points));
			}
		}
		plan.learners.push(LearnerPlan {
			key: learner.key.clone(),
			address,
			enrollment: enrollment_next,
			units: units_plan,
		});
	}
	if !invites.is_empty() {
		plan.calls.push(Call::Invite { learners: invites, new_accounts });
	}
	let assessments: BTreeSet<u8> = mapping.file.assessments.iter().map(|a| a.assessment).collect();
	for a in assessments {
		for ((_, units), learners) in convey.iter().filter(|((x, _), _)| *x == a) {
			plan.calls.push(Call::Convey {
				assessment: a,
				units: units.clone(),
				learners: learners.clone(),
			});
		}
		for ((_, units), learners) in assess.iter().filter(|((x, _), _)| *x == a) {
			plan.calls.push(Call::Assess {
				assessment: a,
				units: units.clone(),
				learners: learners.clone(),
			});
		}
		for ((_, units), learners) in award.iter().filter(|((x, _), _)| *x == a) {
			plan.calls.push(Call::Award {
				assessment: a,
				units: units.clone(),
				learners: learners.clone(),
			});
		}
	}
	plan
}

/// Every graded item and session the mapping names that no input has: a typo in the mapping,
/// or a missing file.
pub fn missing_items(mapping: &Mapping, inputs: &Inputs) -> Vec<String> {
	let known: BTreeSet<&String> =
		inputs.grades.iter().flat_map(|e| e.entries.iter().map(|g| &g.item)).collect();
	mapping
		.file
		.items()
		.into_iter()
		.filter(|item| !known.contains(item))
		.cloned()
		.collect()
}

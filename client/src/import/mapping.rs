//! The mapping file an institution keeps next to its LMS exports: which course on chain, which
//! LMS items and sessions make which assessment's points, and each learner's wallet address.
//!
//! It is JSON (`docs/import/mapping.json` is the worked example); every field is listed in
//! [`Mapping`], and a field this command does not know is refused, so a typo never goes
//! unnoticed. Nothing of a learner but the wallet address reaches the chain: the calls carry a
//! course id, assessment and unit indexes, points and addresses, and an address that is not an
//! SS58 account (an e-mail or a name pasted where an address belongs) is refused.

use super::text::{Decimal, InputError};
use serde::Deserialize;
use std::{
	collections::BTreeMap,
	path::{Path, PathBuf},
	str::FromStr,
};
use subxt::utils::AccountId32;

/// The mapping file, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MappingFile {
	/// The course on chain.
	pub course: u32,
	/// The input files, relative to the mapping file.
	#[serde(default)]
	pub sources: Sources,
	/// What each assessment of the course's scoring guide takes from the inputs.
	pub assessments: Vec<AssessmentMapping>,
	/// Each learner's wallet address (SS58), by the learner's LMS id or e-mail. An empty
	/// address is a learner who has no wallet yet: reported, and left out.
	pub learners: BTreeMap<String, String>,
}

/// The input files.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Sources {
	/// An `ltsdk` normalized course export (JSON).
	pub lms: Option<PathBuf>,
	/// A gradebook CSV.
	pub gradebook: Option<GradebookSource>,
	/// Attendance lists of live sessions (CSV or JSON), by a session name of the mapping's
	/// choosing.
	#[serde(default)]
	pub attendance: BTreeMap<String, PathBuf>,
}

/// A gradebook CSV and how to read it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct GradebookSource {
	/// The file.
	pub file: PathBuf,
	/// The column that names the learner (found by its header if absent).
	pub learner_column: Option<String>,
	/// The maximum of each column whose file gives none (Moodle's export has no maxima row).
	#[serde(default)]
	pub maxima: BTreeMap<String, f64>,
}

/// What one assessment of the scoring guide takes from the inputs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AssessmentMapping {
	/// The assessment's index in the course's scoring guide.
	pub assessment: u8,
	/// The units of the assessment to record (all of them in the course's current guide if
	/// absent).
	pub units: Option<Vec<u16>>,
	/// How a learner comes to be conveyed the units, and with how many attendance points.
	pub attendance: AttendanceRule,
	/// Which graded items make the score points.
	pub score: ItemsRule,
	/// What earns help points (none if absent).
	pub help: Option<HelpRule>,
}

/// Attendance: from a session's attendance list, or the same points for every learner.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase", untagged)]
pub enum AttendanceRule {
	/// From a session's attendance list: `fullMinutes` present earn the unit's whole
	/// attendance share, fewer a proportional share rounded down; learners present fewer than
	/// `minMinutes` (default 1), or absent, are not conveyed the units.
	Session {
		/// The session's name in `sources.attendance`.
		session: String,
		/// Minutes present that earn the whole share.
		#[serde(rename = "fullMinutes")]
		full_minutes: u32,
		/// The fewest minutes that count as present.
		#[serde(rename = "minMinutes", default = "one")]
		min_minutes: u32,
	},
	/// Every learner of the mapping is conveyed the units with these points per unit (`"max"`:
	/// the unit's whole share).
	Fixed {
		/// The points.
		points: Points,
	},
}

fn one() -> u32 {
	1
}

/// Points per unit: a number, or `"max"` for the unit's whole share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Points {
	/// This many.
	Exactly(u32),
	/// `"max"`.
	Named(PointsName),
}

/// The one named amount of points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PointsName {
	/// The unit's whole share.
	Max,
}

impl Points {
	/// The points for a unit whose share is `max`, or `None` if more than the share.
	pub fn of(self, max: u32) -> Option<u32> {
		match self {
			Self::Exactly(points) => (points <= max).then_some(points),
			Self::Named(PointsName::Max) => Some(max),
		}
	}
}

/// Graded items whose grades make points: their scores summed over their maxima summed, as a
/// share of the unit's points, rounded down. `units` gives some units their own items.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ItemsRule {
	/// LMS assignment ids or gradebook columns.
	pub items: Vec<String>,
	/// Items of particular units, by unit index (as a string: JSON keys are strings).
	#[serde(default)]
	pub units: BTreeMap<String, Vec<String>>,
}

/// Help points: from graded items (a forum, peer reviews), or the same for everyone graded.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase", untagged)]
pub enum HelpRule {
	/// A share of the unit's help points, as for scores.
	Items(ItemsRule),
	/// These points per unit to every learner awarded.
	Fixed {
		/// The points.
		points: Points,
	},
}

/// A learner of the mapping: the key the institution knows them by, and the wallet address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedLearner {
	/// The LMS id or e-mail (stays on this machine).
	pub key: String,
	/// The wallet address, if the learner has one.
	pub address: Option<AccountId32>,
}

/// A checked mapping: the file's content with paths resolved and addresses parsed.
#[derive(Debug, Clone)]
pub struct Mapping {
	/// The file's content.
	pub file: MappingFile,
	/// The mapping file's path, for errors.
	pub path: String,
	/// The folder the sources are relative to.
	pub folder: PathBuf,
	/// The learners, in the file's order of keys.
	pub learners: Vec<MappedLearner>,
}

impl Mapping {
	/// Reads and checks the mapping at `path`.
	pub fn read(path: &Path) -> Result<Self, InputError> {
		let text = super::text::read_text(path)?;
		let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
		Self::parse(&path.display().to_string(), &text, folder)
	}

	/// Checks the mapping text `text` of the file `name`.
	pub fn parse(name: &str, text: &str, folder: PathBuf) -> Result<Self, InputError> {
		let file: MappingFile = serde_json::from_str(text).map_err(|e| {
			let message = e.to_string();
			let hint = if message.contains("unknown field") {
				" (the mapping holds only the course, sources, assessments and learners' \
				 addresses: nothing else can reach the chain)"
			} else {
				""
			};
			InputError::at(name, e.line(), None, format!("{message}{hint}"))
		})?;
		let error = |column: &str, message: String| InputError {
			file: name.into(),
			row: None,
			column: Some(column.into()),
			message,
		};
		if file.assessments.is_empty() {
			return Err(error("assessments", "maps no assessment".into()));
		}
		let mut seen = BTreeMap::new();
		for mapping in &file.assessments {
			if seen.insert(mapping.assessment, ()).is_some() {
				return Err(error(
					"assessments",
					format!("maps assessment {} twice", mapping.assessment),
				));
			}
			if let Some(units) = &mapping.units {
				let mut seen_units = std::collections::BTreeSet::new();
				if units.is_empty() || !units.iter().all(|unit| seen_units.insert(*unit)) {
					return Err(error(
						"assessments[].units",
						format!(
							"assessment {}: give each unit once, at least one (a call with a unit \
							 twice is refused for everyone)",
							mapping.assessment
						),
					));
				}
			}
			if mapping.score.items.is_empty() {
				return Err(error(
					"assessments[].score.items",
					format!("assessment {} has no graded item", mapping.assessment),
				));
			}
			if let AttendanceRule::Session { session, full_minutes, .. } = &mapping.attendance {
				if !file.sources.attendance.contains_key(session) {
					return Err(error(
						"assessments[].attendance.session",
						format!("session {session:?} is not in sources.attendance"),
					));
				}
				if *full_minutes == 0 {
					return Err(error(
						"assessments[].attendance.fullMinutes",
						"must be at least 1".into(),
					));
				}
			}
			for rule in [
				Some(&mapping.score),
				match &mapping.help {
					Some(HelpRule::Items(items)) => Some(items),
					_ => None,
				},
			]
			.into_iter()
			.flatten()
			{
				for unit in rule.units.keys() {
					// Canonical indexes only: "01" would never match unit 1.
					if u16::from_str(unit).map_or(true, |index| index.to_string() != *unit) {
						return Err(error(
							"assessments[].score.units",
							format!("{unit:?} is not a unit index"),
						));
					}
				}
			}
		}
		if let Some(gradebook) = &file.sources.gradebook {
			for (column, max) in &gradebook.maxima {
				if !max.is_finite() || *max <= 0.0 {
					return Err(error(
						"sources.gradebook.maxima",
						format!("the maximum of {column:?} must be above 0"),
					));
				}
			}
		}
		let mut learners = Vec::new();
		let mut owners: BTreeMap<AccountId32, String> = BTreeMap::new();
		for (key, address) in &file.learners {
			let column = format!("learners[{key:?}]");
			let address = address.trim();
			if address.is_empty() {
				learners.push(MappedLearner { key: key.clone(), address: None });
				continue;
			}
			let account = AccountId32::from_str(address).map_err(|_| {
				let looks_like = if address.contains('@') {
					"an e-mail"
				} else if address.contains(' ') {
					"a name"
				} else {
					"not an SS58 address"
				};
				error(
					&column,
					format!(
						"{address:?} is {looks_like}, not a wallet address: the chain is given \
						 addresses only, never e-mails or names"
					),
				)
			})?;
			if let Some(other) = owners.insert(account, key.clone()) {
				return Err(error(
					&column,
					format!("has the same address as {other:?}: one wallet per learner"),
				));
			}
			learners.push(MappedLearner { key: key.clone(), address: Some(account) });
		}
		Ok(Self { file, path: name.into(), folder, learners })
	}

	/// A source's path, relative to the mapping's folder.
	pub fn source(&self, path: &Path) -> PathBuf {
		if path.is_absolute() {
			path.to_path_buf()
		} else {
			self.folder.join(path)
		}
	}

	/// The gradebook's maxima as decimals.
	pub fn gradebook_maxima(&self) -> BTreeMap<String, Decimal> {
		let Some(gradebook) = &self.file.sources.gradebook else { return BTreeMap::new() };
		gradebook
			.maxima
			.iter()
			.filter_map(|(column, max)| {
				Decimal::parse(&format!("{max}"), false).ok().map(|max| (column.clone(), max))
			})
			.collect()
	}
}

impl MappingFile {
	/// Every graded item the mapping names, score and help, each once.
	pub fn items(&self) -> std::collections::BTreeSet<&String> {
		self.assessments
			.iter()
			.flat_map(|rule| {
				let help = match &rule.help {
					Some(HelpRule::Items(items)) => Some(items),
					_ => None,
				};
				rule.score.all_items().chain(help.into_iter().flat_map(ItemsRule::all_items))
			})
			.collect()
	}
}

impl ItemsRule {
	/// The items of `unit`: its own, or the rule's.
	pub fn items_of(&self, unit: u16) -> &[String] {
		self.units.get(&unit.to_string()).unwrap_or(&self.items)
	}

	/// Every item the rule names.
	pub fn all_items(&self) -> impl Iterator<Item = &String> {
		self.items.iter().chain(self.units.values().flatten())
	}
}

//! The three kinds of input the import reads, each turned into the same two kinds of evidence:
//! a learner's grade for an item, and a learner's minutes present at a session.
//!
//! - the normalized course export of the Learning Tokens SDK (`ltsdk`), which normalizes
//!   Canvas, Moodle, Open edX and Google Classroom ([`read_lms_export`]);
//! - a gradebook CSV as Moodle and Canvas export it: one row per learner, one column per graded
//!   item ([`read_gradebook`]);
//! - a live session's attendance list, as video-meeting reports give it (CSV or JSON:
//!   attendees with join and leave times and total minutes, [`read_attendance`]).
//!
//! Learners are matched to the mapping by their LMS id or e-mail; neither leaves this machine.
//! A row that cannot be used (a grade that is not a number or above the maximum, a learner
//! listed twice) is kept as a [`Problem`] with its file, row and column, and the learner gets
//! nothing from it; a file that cannot be read at all (an encoding, a malformed row) is an
//! [`InputError`].

use super::text::{self, Decimal, InputError, Table};
use serde_json::Value;
use std::collections::BTreeMap;

/// How a row names its learner: the LMS id, the e-mail (lower case), or both.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LearnerRef {
	/// The learner's id in the LMS.
	pub id: Option<String>,
	/// The learner's e-mail, in lower case.
	pub email: Option<String>,
}

impl LearnerRef {
	/// How the learner is named in messages (on this machine only).
	pub fn describe(&self) -> String {
		match (&self.id, &self.email) {
			(_, Some(email)) => email.clone(),
			(Some(id), None) => format!("id {id}"),
			(None, None) => "a learner with neither id nor e-mail".into(),
		}
	}
}

/// A grade: `score` out of `max` (a percentage is a score out of 100).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grade {
	/// The score.
	pub score: Decimal,
	/// The maximum (never zero).
	pub max: Decimal,
}

/// Where a piece of evidence comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
	/// The file.
	pub file: String,
	/// The row (a CSV row counting the header as 1, or the position from 1 in a JSON list; 0
	/// for an entry of the mapping).
	pub row: usize,
	/// The column or field.
	pub column: Option<String>,
}

impl std::fmt::Display for Origin {
	fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
		write!(f, "{}", self.file)?;
		// Row 0: the file as a whole (the mapping's own entries).
		if self.row > 0 {
			write!(f, ", row {}", self.row)?;
		}
		if let Some(column) = &self.column {
			write!(f, ", column {column:?}")?;
		}
		Ok(())
	}
}

/// A row, or a cell of one, that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
	/// Where.
	pub origin: Origin,
	/// Why.
	pub why: String,
}

impl std::fmt::Display for Problem {
	fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
		write!(f, "{}: {}", self.origin, self.why)
	}
}

/// A learner's grade for one graded item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeEntry {
	/// The learner.
	pub learner: LearnerRef,
	/// The item: an assignment id of the LMS export, or a gradebook column.
	pub item: String,
	/// The grade (`None`: no grade yet).
	pub grade: Option<Grade>,
	/// Where it was read.
	pub origin: Origin,
}

/// A learner's minutes at a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presence {
	/// The learner.
	pub learner: LearnerRef,
	/// Minutes present, summed over every time they joined.
	pub minutes: Decimal,
	/// The first row read for the learner.
	pub origin: Origin,
}

/// What a file gave: its evidence, the learners it lists, and the rows it could not use.
#[derive(Debug)]
pub struct Evidence<T> {
	/// The usable evidence.
	pub entries: Vec<T>,
	/// Every learner the file lists (whether or not a row of theirs was usable).
	pub learners: Vec<(LearnerRef, Origin)>,
	/// The rows or cells it could not use.
	pub problems: Vec<Problem>,
}

impl<T> Default for Evidence<T> {
	fn default() -> Self {
		Self { entries: Vec::new(), learners: Vec::new(), problems: Vec::new() }
	}
}

fn email(text: &str) -> Option<String> {
	let text = text.trim();
	(!text.is_empty()).then(|| text.to_lowercase())
}

fn id_of(value: &Value) -> Option<String> {
	match value {
		Value::String(text) if !text.trim().is_empty() => Some(text.trim().to_string()),
		Value::Number(number) => Some(number.to_string()),
		_ => None,
	}
}

/// A JSON number or numeric string as a decimal.
fn decimal_of(value: &Value) -> Result<Option<Decimal>, String> {
	match value {
		Value::Null => Ok(None),
		Value::Number(number) => {
			let text = number.to_string();
			if text.contains(['e', 'E']) {
				return Err(format!("{text} is not a plain decimal number"));
			}
			Decimal::parse(&text, false).map(Some)
		},
		Value::String(text) if text.trim().is_empty() => Ok(None),
		Value::String(text) => Decimal::parse(text, false).map(Some),
		other => Err(format!("{other} is not a number")),
	}
}

/// Marks every learner listed more than once: each of their rows becomes a problem and their
/// entries are dropped (which of two rows is right is the institution's to say, not ours).
fn drop_duplicates<T>(evidence: &mut Evidence<T>, learner_of: impl Fn(&T) -> &LearnerRef) {
	let mut seen: BTreeMap<String, Vec<Origin>> = BTreeMap::new();
	for (learner, origin) in &evidence.learners {
		for key in learner
			.id
			.iter()
			.map(|id| format!("id:{id}"))
			.chain(learner.email.iter().map(|email| format!("email:{email}")))
		{
			seen.entry(key).or_default().push(origin.clone());
		}
	}
	let duplicated: BTreeMap<&String, &Vec<Origin>> =
		seen.iter().filter(|(_, rows)| rows.len() > 1).collect();
	if duplicated.is_empty() {
		return;
	}
	let is_duplicated = |learner: &LearnerRef| {
		learner.id.iter().any(|id| duplicated.contains_key(&format!("id:{id}")))
			|| learner.email.iter().any(|e| duplicated.contains_key(&format!("email:{e}")))
	};
	for (learner, origin) in &evidence.learners {
		if is_duplicated(learner) {
			let others = duplicated
				.iter()
				.filter(|(key, _)| {
					learner.id.iter().any(|id| **key == &format!("id:{id}"))
						|| learner.email.iter().any(|e| **key == &format!("email:{e}"))
				})
				.flat_map(|(_, rows)| rows.iter().filter(|o| *o != origin).map(|o| o.row))
				.collect::<std::collections::BTreeSet<_>>()
				.into_iter()
				.map(|row| row.to_string())
				.collect::<Vec<_>>();
			evidence.problems.push(Problem {
				origin: origin.clone(),
				why: format!(
					"{} is listed more than once (also row {}): none of their rows is used",
					learner.describe(),
					others.join(", ")
				),
			});
		}
	}
	evidence.entries.retain(|entry| !is_duplicated(learner_of(entry)));
}

/// Reads an `ltsdk` normalized course export: `{source, institution, course, instructors,
/// learners: [{id, email, name, assignments: [{id, type, title, maxScore, submissions:
/// [{submitted_at, grades: [{score, totalscore, percentage}]}]}]}]}`. A learner's grade for an
/// assignment is the last grade of their latest submission: `score` out of `totalscore` (or
/// the assignment's `maxScore`), else `percentage` out of 100. The row of an error is the
/// learner's position in `learners`, from 1.
pub fn read_lms_export(
	file: &str,
	text: &str,
) -> Result<(LmsCourse, Evidence<GradeEntry>), InputError> {
	let document: Value = serde_json::from_str(text)
		.map_err(|e| InputError::at(file, e.line(), None, format!("is not JSON: {e}")))?;
	let field = |name: &str| {
		document.get(name).ok_or_else(|| {
			InputError::file(
				file,
				format!("has no {name:?}: not an ltsdk normalized course export"),
			)
		})
	};
	let source = field("source")?;
	let course = field("course")?;
	let lms = source.get("lms").and_then(Value::as_str).unwrap_or_default().to_string();
	let course_id = course
		.get("id")
		.and_then(id_of)
		.ok_or_else(|| InputError::at(file, 1, Some("course.id"), "the course has no id"))?;
	let learners = field("learners")?
		.as_array()
		.ok_or_else(|| InputError::at(file, 1, Some("learners"), "is not a list"))?;
	let mut evidence = Evidence::default();
	for (index, learner) in learners.iter().enumerate() {
		let row = index + 1;
		let origin = |column: &str| Origin { file: file.into(), row, column: Some(column.into()) };
		let who = LearnerRef {
			id: learner.get("id").and_then(id_of),
			email: learner.get("email").and_then(Value::as_str).and_then(email),
		};
		if who.id.is_none() && who.email.is_none() {
			evidence.problems.push(Problem {
				origin: origin("learners[].id"),
				why: "a learner with neither id nor e-mail".into(),
			});
			continue;
		}
		evidence.learners.push((who.clone(), origin("learners[].id")));
		let assignments = match learner.get("assignments") {
			None | Some(Value::Null) => continue,
			Some(Value::Array(list)) => list,
			Some(_) => {
				evidence
					.problems
					.push(Problem { origin: origin("assignments"), why: "is not a list".into() });
				continue;
			},
		};
		for assignment in assignments {
			let Some(item) = assignment.get("id").and_then(id_of) else {
				evidence.problems.push(Problem {
					origin: origin("assignments[].id"),
					why: format!("an assignment of {} has no id", who.describe()),
				});
				continue;
			};
			let column = format!("assignments[{item}]");
			match lms_grade(assignment) {
				Ok(grade) => evidence.entries.push(GradeEntry {
					learner: who.clone(),
					item,
					grade,
					origin: origin(&column),
				}),
				Err(why) => evidence.problems.push(Problem {
					origin: origin(&column),
					why: format!("{}: {why}", who.describe()),
				}),
			}
		}
	}
	drop_duplicates(&mut evidence, |entry: &GradeEntry| &entry.learner);
	Ok((LmsCourse { lms, course_id }, evidence))
}

/// What an LMS export says of its course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LmsCourse {
	/// The LMS (`canvas`, `moodle`, ...).
	pub lms: String,
	/// The course's id in the LMS.
	pub course_id: String,
}

fn lms_grade(assignment: &Value) -> Result<Option<Grade>, String> {
	let max_score = decimal_of(assignment.get("maxScore").unwrap_or(&Value::Null))
		.map_err(|e| format!("maxScore: {e}"))?;
	let submissions = match assignment.get("submissions") {
		None | Some(Value::Null) => return Ok(None),
		Some(Value::Array(list)) => list,
		Some(_) => return Err("submissions is not a list".into()),
	};
	// The latest submission: the greatest `submitted_at`, the last one listed on a tie or when
	// a time is missing.
	let mut latest: Option<(i64, &Value)> = None;
	for submission in submissions {
		let at = match submission.get("submitted_at").and_then(Value::as_str) {
			Some(time) => text::parse_time(time).map_err(|e| format!("submitted_at: {e}"))?,
			None => i64::MIN,
		};
		if latest.is_none_or(|(best, _)| at >= best) {
			latest = Some((at, submission));
		}
	}
	let Some((_, submission)) = latest else { return Ok(None) };
	let Some(grade) = submission.get("grades").and_then(Value::as_array).and_then(|g| g.last())
	else {
		return Ok(None);
	};
	let score = decimal_of(grade.get("score").unwrap_or(&Value::Null))
		.map_err(|e| format!("score: {e}"))?;
	let total = decimal_of(grade.get("totalscore").unwrap_or(&Value::Null))
		.map_err(|e| format!("totalscore: {e}"))?
		.or(max_score);
	let percentage = decimal_of(grade.get("percentage").unwrap_or(&Value::Null))
		.map_err(|e| format!("percentage: {e}"))?;
	let grade = match (score, total, percentage) {
		(Some(score), Some(max), _) if !max.is_zero() => Grade { score, max },
		(_, _, Some(percentage)) => Grade { score: percentage, max: Decimal::whole(100) },
		(None, _, None) => return Ok(None),
		(Some(_), _, None) => return Err("a score with no totalscore or maxScore".into()),
	};
	check_range(grade)?;
	Ok(Some(grade))
}

fn check_range(grade: Grade) -> Result<(), String> {
	if grade.score > grade.max {
		Err(format!("the grade {} is above the maximum {}", grade.score, grade.max))
	} else {
		Ok(())
	}
}

/// Which gradebook columns are read and how: the learner's column, and the maxima of columns
/// whose file gives none.
#[derive(Debug, Clone, Default)]
pub struct GradebookLayout {
	/// The column naming the learner; found by its header if `None` (an e-mail column first:
	/// Moodle's "Email address", Canvas's "SIS Login ID"; else "ID number", "SIS User ID" or
	/// "ID").
	pub learner_column: Option<String>,
	/// The items (columns) to read.
	pub items: Vec<String>,
	/// Maxima for columns the file gives none for (Moodle's export has no maxima row).
	pub maxima: BTreeMap<String, Decimal>,
}

/// Reads a gradebook CSV as Moodle ("Export grades to plain text") and Canvas ("Export entire
/// gradebook") write it: a header row, then a row per learner. Canvas's "Points Possible" row
/// gives the maxima; otherwise they come from `layout.maxima`. A cell ending in `%` is a
/// percentage; `-` or an empty cell is no grade yet. With `;` as the separator, decimals may
/// use a comma.
pub fn read_gradebook(
	file: &str,
	text: &str,
	layout: &GradebookLayout,
) -> Result<Evidence<GradeEntry>, InputError> {
	let table = text::parse_csv(file, text)?;
	let learner_column = match &layout.learner_column {
		Some(name) => table.column_named(name).ok_or_else(|| {
			InputError::file(file, format!("has no column {name:?} (the mapping's learnerColumn)"))
		})?,
		None => find_learner_column(&table).ok_or_else(|| {
			InputError::file(
				file,
				"has no column naming the learner (Email address, SIS Login ID, ID number, SIS \
				 User ID or ID): name it in the mapping's learnerColumn",
			)
		})?,
	};
	let learner_is_email = table.header.get(learner_column).is_some_and(|name| {
		name.to_lowercase().contains("mail") || name.to_lowercase().contains("login")
	});
	let mut columns = Vec::new();
	for item in &layout.items {
		// An item the gradebook does not have may be an assignment of the LMS export; an item
		// that no input has is the mapping's error (`plan::missing_items`).
		if let Some(index) = table.column_named(item) {
			columns.push((item.clone(), index));
		}
	}
	let points_possible = table.rows.iter().find(|row| {
		row.fields
			.iter()
			.take(2)
			.any(|field| field.trim().eq_ignore_ascii_case("points possible"))
	});
	let mut maxima = BTreeMap::new();
	for (item, index) in &columns {
		let from_file =
			points_possible.and_then(|row| row.fields.get(*index)).filter(|f| !f.is_empty());
		let max = match (from_file, layout.maxima.get(item)) {
			(Some(cell), _) => Decimal::parse(cell, table.decimal_comma()).map_err(|e| {
				InputError::at(
					file,
					points_possible.map_or(0, |r| r.number),
					Some(item),
					format!("Points Possible: {e}"),
				)
			})?,
			(None, Some(max)) => *max,
			(None, None) => Decimal(0),
		};
		maxima.insert(item.clone(), max);
	}
	let mut evidence = Evidence::default();
	for row in &table.rows {
		if points_possible.is_some_and(|p| p.number == row.number) {
			continue;
		}
		let cell = |index: usize| row.fields.get(index).map(String::as_str).unwrap_or_default();
		let name = cell(learner_column);
		let learner_origin = Origin {
			file: file.into(),
			row: row.number,
			column: table.header.get(learner_column).cloned(),
		};
		if name.is_empty() {
			// Canvas writes a row of "(read only)" and "Muted" marks with no learner.
			if row.fields.iter().any(|f| {
				!f.is_empty() && !f.contains("read only") && !f.eq_ignore_ascii_case("muted")
			}) {
				evidence
					.problems
					.push(Problem { origin: learner_origin, why: "no learner in this row".into() });
			}
			continue;
		}
		let learner = if learner_is_email {
			LearnerRef { id: None, email: email(name) }
		} else {
			LearnerRef { id: Some(name.to_string()), email: None }
		};
		evidence.learners.push((learner.clone(), learner_origin));
		for (item, index) in &columns {
			let origin = Origin { file: file.into(), row: row.number, column: Some(item.clone()) };
			let value = cell(*index);
			let grade = if value.is_empty() || value == "-" {
				Ok(None)
			} else if let Some(percent) = value.strip_suffix('%') {
				Decimal::parse(percent, table.decimal_comma())
					.map(|score| Some(Grade { score, max: Decimal::whole(100) }))
			} else {
				let max = maxima.get(item).copied().unwrap_or_default();
				match Decimal::parse(value, table.decimal_comma()) {
					Ok(_) if max.is_zero() => Err(
						"no maximum for this column: the file has no Points Possible row; give \
						 it under the mapping's gradebook maxima"
							.to_string(),
					),
					Ok(score) => Ok(Some(Grade { score, max })),
					Err(e) => Err(e),
				}
			};
			match grade.and_then(|grade| match grade {
				Some(g) => check_range(g).map(|()| Some(g)),
				None => Ok(None),
			}) {
				Ok(grade) => evidence.entries.push(GradeEntry {
					learner: learner.clone(),
					item: item.clone(),
					grade,
					origin,
				}),
				Err(why) => evidence
					.problems
					.push(Problem { origin, why: format!("{}: {why}", learner.describe()) }),
			}
		}
	}
	drop_duplicates(&mut evidence, |entry: &GradeEntry| &entry.learner);
	Ok(evidence)
}

fn find_learner_column(table: &Table) -> Option<usize> {
	let emails = ["email address", "email", "e-mail", "sis login id", "user email"];
	let ids = ["id number", "sis user id", "id", "student id", "user id"];
	emails
		.iter()
		.chain(ids.iter())
		.find_map(|wanted| table.column(|name| name.trim() == *wanted))
}

/// Reads a live session's attendance list: a CSV with columns for the e-mail (a header with
/// "email"), the join and leave times ("join", "leave") and the minutes present ("minutes" or
/// "duration"); or JSON, a list (or `{"attendees": [...]}` / `{"participants": [...]}`) of
/// objects with `email`, `joinTime`/`join_time`, `leaveTime`/`leave_time` and
/// `totalMinutes`/`minutes` (not `duration`, which meeting APIs give in seconds). Times are ISO-8601 or epoch milliseconds. The minutes of a row
/// are its minutes field, or its leave time less its join time; a learner who joined several
/// times has the sum.
pub fn read_attendance(file: &str, text: &str) -> Result<Evidence<Presence>, InputError> {
	let rows = if text.trim_start().starts_with(['[', '{']) {
		attendance_json(file, text)?
	} else {
		attendance_csv(file, text)?
	};
	let mut evidence = Evidence::<Presence>::default();
	let mut totals: BTreeMap<String, usize> = BTreeMap::new();
	for row in rows {
		let origin = Origin { file: file.into(), row: row.row, column: None };
		let Some(address) = row.email.as_deref().and_then(email) else {
			evidence.problems.push(Problem {
				origin,
				why: "no e-mail: a guest cannot be matched to a learner".into(),
			});
			continue;
		};
		let learner = LearnerRef { id: None, email: Some(address.clone()) };
		let minutes = match attendance_minutes(&row) {
			Ok(minutes) => minutes,
			Err((column, why)) => {
				evidence.problems.push(Problem {
					origin: Origin { column: Some(column), ..origin },
					why: format!("{address}: {why}"),
				});
				continue;
			},
		};
		match totals.get(&address) {
			Some(&index) => {
				if let Some(entry) = evidence.entries.get_mut(index) {
					entry.minutes = entry.minutes.checked_add(minutes).unwrap_or(entry.minutes);
				}
			},
			None => {
				totals.insert(address, evidence.entries.len());
				evidence.learners.push((learner.clone(), origin.clone()));
				evidence.entries.push(Presence { learner, minutes, origin });
			},
		}
	}
	Ok(evidence)
}

struct AttendanceRow {
	row: usize,
	email: Option<String>,
	join: Option<(String, String)>,
	leave: Option<(String, String)>,
	minutes: Option<(String, String)>,
}

fn attendance_minutes(row: &AttendanceRow) -> Result<Decimal, (String, String)> {
	let time = |field: &Option<(String, String)>| -> Result<Option<i64>, (String, String)> {
		match field {
			Some((column, value)) if !value.trim().is_empty() => {
				text::parse_time(value).map(Some).map_err(|e| (column.clone(), e))
			},
			_ => Ok(None),
		}
	};
	let join = time(&row.join)?;
	let leave = time(&row.leave)?;
	if let (Some(join), Some(leave), Some((column, _))) = (join, leave, &row.leave) {
		if leave < join {
			return Err((column.clone(), "leaves before joining".into()));
		}
	}
	if let Some((column, value)) = &row.minutes {
		if !value.trim().is_empty() {
			return Decimal::parse(value, true).map_err(|e| (column.clone(), e));
		}
	}
	match (join, leave) {
		(Some(join), Some(leave)) => {
			let millis = u128::try_from(leave.saturating_sub(join)).unwrap_or(0);
			Ok(Decimal(millis * Decimal::SCALE / 60_000))
		},
		_ => Err(("minutes".into(), "neither the minutes nor both join and leave times".into())),
	}
}

fn attendance_csv(file: &str, text: &str) -> Result<Vec<AttendanceRow>, InputError> {
	let table = text::parse_csv(file, text)?;
	let email = table.column(|name| name.contains("email") || name.contains("e-mail"));
	let join = table.column(|name| name.contains("join"));
	let leave = table.column(|name| name.contains("leave"));
	let minutes = table.column(|name| name.contains("minute") || name.contains("duration"));
	if email.is_none() {
		return Err(InputError::file(file, "has no e-mail column (a header with \"email\")"));
	}
	if minutes.is_none() && (join.is_none() || leave.is_none()) {
		return Err(InputError::file(
			file,
			"has neither a minutes column nor join and leave columns",
		));
	}
	let field = |row: &text::Row, index: Option<usize>| {
		index.and_then(|i| Some((table.header.get(i)?.clone(), row.fields.get(i)?.clone())))
	};
	Ok(table
		.rows
		.iter()
		.map(|row| AttendanceRow {
			row: row.number,
			email: field(row, email).map(|(_, value)| value),
			join: field(row, join),
			leave: field(row, leave),
			minutes: field(row, minutes),
		})
		.collect())
}

fn attendance_json(file: &str, text: &str) -> Result<Vec<AttendanceRow>, InputError> {
	let document: Value = serde_json::from_str(text)
		.map_err(|e| InputError::at(file, e.line(), None, format!("is not JSON: {e}")))?;
	let list = match &document {
		Value::Array(list) => list,
		Value::Object(object) => object
			.get("attendees")
			.or_else(|| object.get("participants"))
			.and_then(Value::as_array)
			.ok_or_else(|| {
				InputError::file(file, "has no \"attendees\" or \"participants\" list")
			})?,
		_ => return Err(InputError::file(file, "is neither a list nor an object")),
	};
	let text_of = |entry: &Value, names: &[&str]| -> Option<(String, String)> {
		names.iter().find_map(|name| {
			let value = entry.get(*name)?;
			let text = match value {
				Value::String(text) => text.clone(),
				Value::Number(number) => number.to_string(),
				_ => return None,
			};
			Some(((*name).to_string(), text))
		})
	};
	Ok(list
		.iter()
		.enumerate()
		.map(|(index, entry)| AttendanceRow {
			row: index + 1,
			email: text_of(entry, &["email", "user_email", "userEmail"]).map(|(_, v)| v),
			join: text_of(entry, &["joinTime", "join_time", "join"]),
			leave: text_of(entry, &["leaveTime", "leave_time", "leave"]),
			minutes: text_of(entry, &["totalMinutes", "total_minutes", "minutes"]),
		})
		.collect())
}

//! The import's parsers on the sample exports of `docs/import/` and on broken ones, the
//! mapping's checks, and the plan against chain states of every stage.

use super::{
	mapping::Mapping,
	plan::{
		self, Call, ChainView, Enrollment, GuideAssessment, Next, RecordState, Share, Stage,
		UnitState,
	},
	read_inputs,
	sources::{self, GradebookLayout},
	text::Decimal,
};
use std::{collections::BTreeMap, path::PathBuf, str::FromStr};
use subxt::utils::AccountId32;

fn samples() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/import")
}

fn sample(name: &str) -> (String, String) {
	let path = samples().join(name);
	(path.display().to_string(), std::fs::read_to_string(&path).unwrap())
}

fn mapping() -> Mapping {
	Mapping::read(&samples().join("mapping.json")).unwrap()
}

fn address(name: &str) -> AccountId32 {
	let mapping = mapping();
	mapping.learners.iter().find(|l| l.key.contains(name)).unwrap().address.unwrap()
}

fn grade(entries: &[sources::GradeEntry], email: &str, item: &str) -> Option<(String, String)> {
	entries
		.iter()
		.find(|e| e.learner.email.as_deref() == Some(email) && e.item == item)
		.and_then(|e| e.grade)
		.map(|g| (g.score.to_string(), g.max.to_string()))
}

#[test]
fn the_lms_export_gives_the_last_grade_of_the_latest_submission() {
	let (file, text) = sample("course-export.json");
	let (course, evidence) = sources::read_lms_export(&file, &text).unwrap();
	assert_eq!((course.lms.as_str(), course.course_id.as_str()), ("canvas", "4521"));
	assert_eq!(evidence.learners.len(), 6);
	let g = |email, item| grade(&evidence.entries, email, item);
	// Ana submitted twice: the later one counts.
	assert_eq!(g("ana.garcia@student.example", "quiz-1"), Some(("9".into(), "10".into())));
	// A numeric id, an e-mail in capitals, a decimal score, a percentage only.
	assert_eq!(g("ben.brown@student.example", "quiz-1"), Some(("7.5".into(), "10".into())));
	assert_eq!(g("ben.brown@student.example", "project"), Some(("72".into(), "100".into())));
	assert_eq!(evidence.learners[1].0.id.as_deref(), Some("1002"));
	// No submission: no grade yet.
	assert_eq!(g("carla.lopez@student.example", "project"), None);
	// Above the maximum: a problem naming the file, the learner's row and the assignment.
	assert_eq!(g("diego.ruiz@student.example", "quiz-1"), None);
	let problem = evidence.problems.iter().find(|p| p.why.contains("above")).unwrap();
	assert_eq!(problem.origin.row, 4);
	assert_eq!(
		problem.to_string(),
		format!(
			"{file}, row 4, column \"assignments[quiz-1]\": diego.ruiz@student.example: the grade \
			 12 is above the maximum 10"
		)
	);
}

#[test]
fn broken_lms_exports_are_refused_or_reported() {
	let error = sources::read_lms_export("x.json", "{\"source\": {}, \n\"course\": ").unwrap_err();
	assert_eq!(error.row, Some(2));
	assert!(error.message.contains("is not JSON"), "{error}");
	let error = sources::read_lms_export("x.json", "{\"course\": {\"id\": 1}}").unwrap_err();
	assert!(error.message.contains("no \"source\""), "{error}");
	let twice = r#"{"source": {"lms": "moodle"}, "course": {"id": 7}, "learners": [
		{"id": "1", "email": "a@x.edu", "assignments": [{"id": "q", "maxScore": 10,
			"submissions": [{"grades": [{"score": 5}]}]}]},
		{"id": "2", "email": "b@x.edu", "assignments": [{"id": "q", "maxScore": 10,
			"submissions": [{"grades": [{"score": "seven"}]}]}]},
		{"id": "1", "email": "A@x.edu", "assignments": []}
	]}"#;
	let (_, evidence) = sources::read_lms_export("x.json", twice).unwrap();
	assert!(evidence.entries.is_empty(), "a learner listed twice gets nothing: {evidence:?}");
	let rows: Vec<(usize, &str)> =
		evidence.problems.iter().map(|p| (p.origin.row, p.why.as_str())).collect();
	assert!(rows
		.iter()
		.any(|(row, why)| *row == 2 && why.contains("\"seven\" is not a number")));
	assert!(rows
		.iter()
		.any(|(row, why)| *row == 1 && why.contains("listed more than once (also row 3)")));
	assert!(rows
		.iter()
		.any(|(row, why)| *row == 3 && why.contains("listed more than once (also row 1)")));
}

#[test]
fn a_canvas_gradebook_gives_its_maxima_in_the_points_possible_row() {
	let (file, text) = sample("gradebook.csv");
	let layout = GradebookLayout {
		items: vec!["Forum participation (2001)".into(), "quiz-1".into()],
		..Default::default()
	};
	let evidence = sources::read_gradebook(&file, &text, &layout).unwrap();
	let g = |email| grade(&evidence.entries, email, "Forum participation (2001)");
	assert_eq!(g("ana.garcia@student.example"), Some(("4".into(), "5".into())));
	// An empty cell: no grade yet.
	assert_eq!(g("eva.schmidt@student.example"), None);
	assert_eq!(evidence.learners.len(), 6);
	assert!(evidence.problems.is_empty(), "{:?}", evidence.problems);
}

#[test]
fn a_moodle_gradebook_with_semicolons_decimal_commas_and_percentages() {
	let text = "First name;Last name;ID number;Email address;Quiz 1 (Real);Quiz 1 (Percentage)\n\
		Ana;García;1001;ana@x.edu;8,5;85,00 %\n\
		Ben;Brown;1002;ben@x.edu;-;-\n\
		Carla;López;1003;carla@x.edu;11;110 %\n\
		Diego;Ruiz;1004;diego@x.edu;ocho;80 %\n";
	let mut layout = GradebookLayout {
		items: vec!["Quiz 1 (Real)".into(), "Quiz 1 (Percentage)".into()],
		..Default::default()
	};
	// Moodle's export has no maxima: without the mapping's, a grade has no scale.
	let evidence = sources::read_gradebook("moodle.csv", text, &layout).unwrap();
	assert!(evidence.problems.iter().any(|p| p.origin.row == 2
		&& p.origin.column.as_deref() == Some("Quiz 1 (Real)")
		&& p.why.contains("no maximum")));
	layout.maxima.insert("Quiz 1 (Real)".into(), Decimal::whole(10));
	let evidence = sources::read_gradebook("moodle.csv", text, &layout).unwrap();
	assert_eq!(
		grade(&evidence.entries, "ana@x.edu", "Quiz 1 (Real)"),
		Some(("8.5".into(), "10".into()))
	);
	assert_eq!(
		grade(&evidence.entries, "ana@x.edu", "Quiz 1 (Percentage)"),
		Some(("85".into(), "100".into()))
	);
	assert_eq!(grade(&evidence.entries, "ben@x.edu", "Quiz 1 (Real)"), None);
	let problems: Vec<String> = evidence.problems.iter().map(ToString::to_string).collect();
	assert!(problems.contains(&"moodle.csv, row 4, column \"Quiz 1 (Real)\": carla@x.edu: the grade 11 is above the maximum 10".to_string()), "{problems:?}");
	assert!(problems.contains(&"moodle.csv, row 4, column \"Quiz 1 (Percentage)\": carla@x.edu: the grade 110 is above the maximum 100".to_string()), "{problems:?}");
	assert!(
		problems.contains(
			&"moodle.csv, row 5, column \"Quiz 1 (Real)\": diego@x.edu: \"ocho\" is not a number"
				.to_string()
		),
		"{problems:?}"
	);
}

#[test]
fn broken_gradebooks_are_refused_with_file_row_and_column() {
	let layout = GradebookLayout { items: vec!["Quiz".into()], ..Default::default() };
	let latin1 = b"Email address,Quiz\nana@x.edu,8\njos\xe9@x.edu,7\n".to_vec();
	let error = super::text::decode_text("latin1.csv", latin1).unwrap_err();
	assert_eq!(error.row, Some(3));
	assert!(error.to_string().starts_with("latin1.csv, row 3: is not UTF-8"), "{error}");
	let error = sources::read_gradebook(
		"short.csv",
		"Email address,Quiz\nana@x.edu,8\nben@x.edu\n",
		&layout,
	)
	.unwrap_err();
	assert_eq!(
		error.to_string(),
		"short.csv, row 3: has 1 fields, the header has 2 (a separator inside an unquoted field?)"
	);
	let error = sources::read_gradebook("who.csv", "Name,Quiz\nAna,8\n", &layout).unwrap_err();
	assert!(error.message.contains("no column naming the learner"), "{error}");
	let twice = "Email address,Quiz\nana@x.edu,8\nben@x.edu,7\nANA@x.edu,9\n";
	let layout = GradebookLayout {
		items: vec!["Quiz".into()],
		maxima: BTreeMap::from([("Quiz".into(), Decimal::whole(10))]),
		..Default::default()
	};
	let evidence = sources::read_gradebook("twice.csv", twice, &layout).unwrap();
	assert_eq!(evidence.entries.len(), 1, "only Ben's grade is used");
	assert_eq!(evidence.problems.len(), 2);
	assert_eq!(
		evidence.problems[0].to_string(),
		"twice.csv, row 2, column \"Email address\": ana@x.edu is listed more than once (also row 4): none of their rows is used"
	);
}

#[test]
fn attendance_sums_rejoins_and_reads_both_kinds_of_time() {
	let (file, text) = sample("attendance-lesson-1.csv");
	let evidence = sources::read_attendance(&file, &text).unwrap();
	let minutes = |email: &str| {
		evidence
			.entries
			.iter()
			.find(|p| p.learner.email.as_deref() == Some(email))
			.map(|p| p.minutes.to_string())
	};
	assert_eq!(minutes("ana.garcia@student.example").as_deref(), Some("50"));
	assert_eq!(minutes("ben.brown@student.example").as_deref(), Some("40"));
	// No minutes column value: from the epoch-millisecond join and leave times.
	assert_eq!(minutes("carla.lopez@student.example").as_deref(), Some("40"));
	assert_eq!(minutes("diego.ruiz@student.example").as_deref(), Some("3"));
	assert_eq!(evidence.problems.len(), 1);
	assert_eq!(evidence.problems[0].origin.row, 7);
	assert!(evidence.problems[0].why.contains("guest"));

	let json = r#"{"participants": [
		{"email": "a@x.edu", "joinTime": "2026-10-01T14:00:00Z", "leaveTime": "2026-10-01T14:30:30Z"},
		{"email": "b@x.edu", "joinTime": 1790863200000, "leaveTime": 1790863100000},
		{"email": "c@x.edu", "joinTime": "yesterday", "totalMinutes": 5},
		{"email": "d@x.edu", "totalMinutes": 12}
	]}"#;
	let evidence = sources::read_attendance("zoom.json", json).unwrap();
	assert_eq!(evidence.entries.len(), 2);
	assert_eq!(evidence.entries[0].minutes.to_string(), "30.5");
	let problems: Vec<String> = evidence.problems.iter().map(ToString::to_string).collect();
	assert_eq!(
		problems[0],
		"zoom.json, row 2, column \"leaveTime\": b@x.edu: leaves before joining"
	);
	assert!(
		problems[1].starts_with(
			"zoom.json, row 3, column \"joinTime\": c@x.edu: \"yesterday\" is not a time"
		),
		"{problems:?}"
	);
	let error = sources::read_attendance("a.csv", "Name,Email\nAna,a@x.edu\n").unwrap_err();
	assert!(error.message.contains("neither a minutes column"), "{error}");
}

#[test]
fn a_mapping_that_would_put_an_email_or_a_name_on_chain_is_refused() {
	let base = |learners: &str| {
		format!(
			r#"{{"course": 0, "assessments": [{{"assessment": 0, "attendance": {{"points": 0}},
			"score": {{"items": ["q"]}}}}], "learners": {learners}}}"#
		)
	};
	let refuse =
		|text: &str| Mapping::parse("m.json", text, PathBuf::new()).unwrap_err().to_string();
	let email = refuse(&base(r#"{"1001": "ana@x.edu"}"#));
	assert!(email.contains("\"ana@x.edu\" is an e-mail, not a wallet address"), "{email}");
	let name = refuse(&base(r#"{"1001": "Ana García"}"#));
	assert!(name.contains("is a name, not a wallet address"), "{name}");
	let same = "5C4uCLkU8wPc7TJFTLgk6NkKccGgVQKvyvtQuz6fun4ZKwpq";
	let twice = refuse(&base(&format!(r#"{{"a": "{same}", "b": "{same}"}}"#)));
	assert!(twice.contains("the same address as \"a\""), "{twice}");
	let extra = refuse(&base(r#"{}, "remark": "ana@x.edu""#));
	assert!(
		extra.contains("unknown field `remark`")
			&& extra.contains("nothing else can reach the chain"),
		"{extra}"
	);
	let session = refuse(
		r#"{"course": 0, "assessments": [{"assessment": 0, "attendance": {"session": "s", "fullMinutes": 5},
		"score": {"items": ["q"]}}], "learners": {}}"#,
	);
	assert!(session.contains("session \"s\" is not in sources.attendance"), "{session}");
	let twice = refuse(
		r#"{"course": 0, "assessments": [{"assessment": 0, "attendance": {"points": 0}, "score": {"items": ["q"]}},
		{"assessment": 0, "attendance": {"points": 0}, "score": {"items": ["q"]}}], "learners": {}}"#,
	);
	assert!(twice.contains("maps assessment 0 twice"), "{twice}");
	let units = refuse(
		r#"{"course": 0, "assessments": [{"assessment": 0, "units": [0, 0], "attendance": {"points": 0},
		"score": {"items": ["q"]}}], "learners": {}}"#,
	);
	assert!(units.contains("give each unit once"), "{units}");
	let padded = refuse(
		r#"{"course": 0, "assessments": [{"assessment": 0, "attendance": {"points": 0},
		"score": {"items": ["q"], "units": {"01": ["r"]}}}], "learners": {}}"#,
	);
	assert!(padded.contains("\"01\" is not a unit index"), "{padded}");
}

#[test]
fn a_mapping_that_names_an_item_no_input_has_is_refused() {
	let mut mapping = mapping();
	mapping.file.assessments[0].score.items = vec!["quiz-2".into()];
	let error = read_inputs(&mapping).unwrap_err();
	assert!(
		error.to_string().contains("no input has") && error.to_string().contains("\"quiz-2\""),
		"{error}"
	);
}

/// The sample course's guide, as the e2e tool `scripts/e2e/lib/sample-course.js` creates it.
fn sample_chain() -> ChainView {
	let lesson = Share { attendance: 4, score: 10, help: 2 };
	let final_evaluation = Share { attendance: 0, score: 20, help: 0 };
	ChainView {
		block: 10,
		title: "Data Analysis with Python".into(),
		guide_version: 0,
		signer_is_instructor: true,
		guide: BTreeMap::from([
			((0, 0), GuideAssessment { units: vec![(0, lesson), (1, lesson)], max_feedback: 5 }),
			(
				(0, 1),
				GuideAssessment {
					units: vec![(0, final_evaluation), (1, final_evaluation)],
					max_feedback: 5,
				},
			),
		]),
		..Default::default()
	}
}

fn record(stage: Stage, units: &[u16], awarded: Option<(u32, u32)>) -> RecordState {
	RecordState {
		guide_version: 0,
		units: units
			.iter()
			.map(|unit| {
				(
					*unit,
					UnitState {
						stage,
						attendance: 0,
						awarded,
						awarded_by: awarded.map(|_| AccountId32([9; 32])),
					},
				)
			})
			.collect(),
		rated: vec![],
		carried_help: BTreeMap::new(),
	}
}

#[test]
fn the_plan_invites_everyone_with_an_address_and_reports_every_unusable_row() {
	let mapping = mapping();
	let inputs = read_inputs(&mapping).unwrap();
	let plan = plan::make(&mapping, &inputs, &sample_chain());
	assert_eq!(plan.learners.len(), 5, "Farid has no address");
	assert_eq!(
		plan.calls,
		vec![Call::Invite {
			learners: plan.learners.iter().map(|l| l.address).collect(),
			new_accounts: 5,
		}]
	);
	let problems: Vec<String> = plan.problems.iter().map(ToString::to_string).collect();
	let has =
		|text: &str| assert!(problems.iter().any(|p| p.contains(text)), "{text} in {problems:#?}");
	has("gradebook.csv, row 8, column \"SIS Login ID\": unknown learner gus.visitor@student.example");
	has("course-export.json, row 6, column \"learners[].id\": farid.haddad@student.example has no wallet address");
	has("the grade 12 is above the maximum 10");
	has("attendance-lesson-1.csv, row 7: no e-mail");
	has("mapping.json, column \"learners\": farid.haddad@student.example has no wallet address yet: left out");
	assert_eq!(problems.len(), 5, "{problems:#?}");
}

#[test]
fn the_plan_conveys_to_who_was_present_with_attendance_by_minutes() {
	let mapping = mapping();
	let inputs = read_inputs(&mapping).unwrap();
	let mut chain = sample_chain();
	for learner in mapping.learners.iter().filter_map(|l| l.address) {
		chain.learners.insert(learner, (Some(Enrollment::Enrolled), true));
	}
	let plan = plan::make(&mapping, &inputs, &chain);
	let (ana, ben, carla, diego, eva) =
		(address("ana"), address("1002"), address("carla"), address("diego"), address("eva"));
	assert_eq!(
		plan.calls,
		vec![
			// 50 of 45 minutes: all 4 points; 40 minutes: 3 (3.55 rounded down); Diego's 3 minutes
			// are under the 10 that count, Eva was not there.
			Call::Convey {
				assessment: 0,
				units: vec![0, 1],
				// In the order of the mapping's keys: "1002" (Ben) first.
				learners: vec![(ben, vec![3, 3]), (ana, vec![4, 4]), (carla, vec![3, 3])],
			},
			Call::Convey {
				assessment: 1,
				units: vec![0, 1],
				learners: vec![
					(ben, vec![0, 0]),
					(ana, vec![0, 0]),
					(carla, vec![0, 0]),
					(diego, vec![0, 0]),
					(eva, vec![0, 0]),
				],
			},
		]
	);
	let next_of = |who: &AccountId32, assessment| {
		let learner = plan.learners.iter().find(|l| &l.address == who).unwrap();
		learner.units.iter().find(|u| u.assessment == assessment).unwrap().next.clone()
	};
	assert_eq!(next_of(&diego, 0), Next::Absent);
	assert_eq!(next_of(&eva, 0), Next::Absent);
}

#[test]
fn the_plan_goes_on_from_where_each_learner_is() {
	let mapping = mapping();
	let inputs = read_inputs(&mapping).unwrap();
	let mut chain = sample_chain();
	let (ana, ben, carla, diego, eva) =
		(address("ana"), address("1002"), address("carla"), address("diego"), address("eva"));
	for learner in [&ana, &ben, &carla, &diego, &eva] {
		chain.learners.insert(*learner, (Some(Enrollment::Enrolled), true));
	}
	// Eva has not accepted yet; Ana acknowledged one unit of two; Ben responded to both; Carla
	// responded to the final but has no project grade; Diego was awarded other points than the
	// inputs now give.
	chain.learners.insert(eva, (Some(Enrollment::Invited), true));
	let mut ana_record = record(Stage::Acquired, &[0], None);
	ana_record.units.insert(
		1,
		UnitState { stage: Stage::Conveyed, attendance: 4, awarded: None, awarded_by: None },
	);
	chain.records.insert((ana, 0), ana_record);
	chain.records.insert((ben, 0), record(Stage::Responded, &[0, 1], None));
	chain.records.insert((ben, 1), record(Stage::Responded, &[0, 1], None));
	chain.records.insert((carla, 1), record(Stage::Responded, &[0, 1], None));
	chain.records.insert((diego, 1), record(Stage::Awarded, &[0, 1], Some((20, 0))));
	let plan = plan::make(&mapping, &inputs, &chain);
	assert!(plan.calls.contains(&Call::Assess {
		assessment: 0,
		units: vec![0],
		learners: vec![ana]
	}));
	// Ben: quiz 7.5 of 10 → 7 of 10 score points, forum 5 of 5 → 2 of 2 help; project 72 % of
	// 20 → 14, no help rule → 0.
	assert!(plan.calls.contains(&Call::Award {
		assessment: 0,
		units: vec![0, 1],
		learners: vec![(ben, vec![(7, 2), (7, 2)])]
	}));
	assert!(plan.calls.contains(&Call::Award {
		assessment: 1,
		units: vec![0, 1],
		learners: vec![(ben, vec![(14, 0), (14, 0)])]
	}));
	// Carla's lesson units were never conveyed: now they are.
	assert!(plan.calls.contains(&Call::Convey {
		assessment: 0,
		units: vec![0, 1],
		learners: vec![(carla, vec![3, 3])]
	}));
	let unit = |who: &AccountId32, assessment: u8, unit: u16| {
		let learner = plan.learners.iter().find(|l| &l.address == who).unwrap();
		learner
			.units
			.iter()
			.find(|u| u.assessment == assessment && u.unit == unit)
			.unwrap()
			.clone()
	};
	assert_eq!(unit(&ana, 0, 1).next, Next::LearnerAcknowledges);
	assert_eq!(unit(&carla, 1, 0).next, Next::AwaitsGrade);
	assert_eq!(unit(&eva, 0, 0).next, Next::LearnerAccepts);
	let diego_final = unit(&diego, 1, 0);
	assert_eq!(diego_final.next, Next::LearnerRates);
	assert!(diego_final
		.differs
		.unwrap()
		.contains("awarded score 20 and help 0; the inputs now give 10 and 0"));
	assert_eq!(plan.calls.len(), 5, "{:#?}", plan.calls);
}

#[test]
fn a_closed_course_takes_no_new_learner_or_unit_and_an_unknown_unit_is_reported() {
	let mut mapping = mapping();
	mapping.file.assessments[1].units = Some(vec![0, 7]);
	let inputs = read_inputs(&mapping).unwrap();
	let mut chain = sample_chain();
	chain.closed = true;
	let ana = address("ana");
	chain.learners.insert(ana, (Some(Enrollment::Enrolled), true));
	let plan = plan::make(&mapping, &inputs, &chain);
	assert!(plan.calls.is_empty(), "{:?}", plan.calls);
	let learner = plan.learners.iter().find(|l| l.address == ana).unwrap();
	assert!(learner
		.units
		.iter()
		.filter(|u| u.unit != 7)
		.all(|u| u.next == Next::CourseClosed));
	assert_eq!(learner.units.iter().find(|u| u.unit == 7).unwrap().next, Next::NotInGuide);
	let other = plan.learners.iter().find(|l| l.address != ana).unwrap();
	assert_eq!(other.enrollment, Next::CourseClosed);
}

#[test]
fn calls_split_into_batches_keep_every_learner_once() {
	let learners: Vec<(AccountId32, Vec<u32>)> =
		(0..7u8).map(|i| (AccountId32([i; 32]), vec![1, 2])).collect();
	let mut rest =
		Some(Call::Convey { assessment: 0, units: vec![0, 1], learners: learners.clone() });
	let mut seen = Vec::new();
	while let Some(call) = rest.take() {
		let (head, tail) = call.split(3);
		assert!(head.len() <= 3);
		if let Call::Convey { learners, .. } = head {
			seen.extend(learners);
		}
		rest = tail;
	}
	assert_eq!(seen, learners);
	let _ = AccountId32::from_str("5C4uCLkU8wPc7TJFTLgk6NkKccGgVQKvyvtQuz6fun4ZKwpq").unwrap();
}

#[test]
fn an_instructor_in_the_mapping_is_left_out_and_fixed_points_above_a_share_are_reported() {
	let mut mapping = mapping();
	mapping.file.assessments[1].attendance =
		super::mapping::AttendanceRule::Fixed { points: super::mapping::Points::Exactly(3) };
	let inputs = read_inputs(&mapping).unwrap();
	let mut chain = sample_chain();
	let ana = address("ana");
	chain.instructors = vec![ana];
	for learner in mapping.learners.iter().filter_map(|l| l.address) {
		chain.learners.insert(learner, (Some(Enrollment::Enrolled), true));
	}
	chain.learners.remove(&ana);
	let plan = plan::make(&mapping, &inputs, &chain);
	assert!(plan.learners.iter().all(|l| l.address != ana));
	assert!(plan
		.calls
		.iter()
		.all(|call| !matches!(call, Call::Convey { assessment: 1, .. })));
	let problems: Vec<String> = plan.problems.iter().map(ToString::to_string).collect();
	assert!(
		problems.iter().any(|p| p.contains("ana.garcia@student.example")
			&& p.contains("is an instructor of the course")),
		"{problems:#?}"
	);
	assert_eq!(
		problems
			.iter()
			.filter(|p| p.contains("more attendance points than unit"))
			.count(),
		2,
		"once per unit: {problems:#?}"
	);
}

#[test]
fn help_a_revoked_run_left_with_the_learner_leaves_less_room_in_the_award() {
	let mapping = mapping();
	let inputs = read_inputs(&mapping).unwrap();
	let mut chain = sample_chain();
	let ben = address("1002");
	chain.learners.insert(ben, (Some(Enrollment::Enrolled), true));
	let mut responded = record(Stage::Responded, &[0, 1], None);
	// Ben kept 1 of unit 0's 2 help points from a revoked run (he had passed it on).
	responded.carried_help.insert(0, 1);
	chain.records.insert((ben, 0), responded);
	let plan = plan::make(&mapping, &inputs, &chain);
	assert!(
		plan.calls.contains(&Call::Award {
			assessment: 0,
			units: vec![0, 1],
			learners: vec![(ben, vec![(7, 1), (7, 2)])]
		}),
		"{:#?}",
		plan.calls
	);
}

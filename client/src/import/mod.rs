//! From an LMS gradebook to the chain: `lt course import` for an institution's instructor.
//!
//! The instructor keeps a [mapping](mapping) next to the LMS's exports ([sources]): which
//! course on chain, which graded items and live sessions make which assessment's points, and
//! each learner's wallet address. The import reads the inputs, reads the chain, makes the
//! [plan] of every step the instructor's side can take (invite, convey, assess, award), and
//! submits it in batches that fit a block. It keeps no state of its own: every run plans from
//! what the chain holds, so a run killed at any point and started again does every step once,
//! and a run made after the learners acknowledged or responded goes on from where they are.
//!
//! E-mails and names stay on the institution's machine: the calls carry the course, indexes,
//! points and wallet addresses only.

pub mod mapping;
pub mod onchain;
pub mod plan;
pub mod sources;
pub mod text;

#[cfg(test)]
mod tests;

use crate::chain::{Chain, ChainError};
use mapping::Mapping;
use plan::{Call, ChainView, Inputs, Next, Plan};
use serde_json::{json, Value};
use sources::GradebookLayout;
use std::{collections::BTreeMap, io::Write};
use subxt::{
	ext::futures::{stream::FuturesUnordered, StreamExt},
	transactions::TransactionStatus,
	utils::AccountId32,
};
use text::InputError;

/// Why an import could not go on.
#[derive(Debug)]
pub enum ImportError {
	/// An input or the mapping cannot be read.
	Input(InputError),
	/// The chain could not answer.
	Chain(ChainError),
	/// The chain would refuse what the import is asked to do.
	Refused(String),
}

impl std::fmt::Display for ImportError {
	fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
		match self {
			Self::Input(error) => error.fmt(f),
			Self::Chain(error) => error.fmt(f),
			Self::Refused(why) => f.write_str(why),
		}
	}
}

impl std::error::Error for ImportError {}

impl From<InputError> for ImportError {
	fn from(error: InputError) -> Self {
		Self::Input(error)
	}
}

impl From<ChainError> for ImportError {
	fn from(error: ChainError) -> Self {
		Self::Chain(error)
	}
}

/// Reads every input the mapping names.
pub fn read_inputs(mapping: &Mapping) -> Result<Inputs, InputError> {
	let mut inputs = Inputs::default();
	let sources = &mapping.file.sources;
	if let Some(path) = &sources.lms {
		let path = mapping.source(path);
		let name = path.display().to_string();
		let (_, evidence) = sources::read_lms_export(&name, &text::read_text(&path)?)?;
		inputs.aliases = evidence.learners.iter().map(|(learner, _)| learner.clone()).collect();
		inputs.grades.push(evidence);
	}
	if let Some(gradebook) = &sources.gradebook {
		let path = mapping.source(&gradebook.file);
		let name = path.display().to_string();
		let items = mapping.file.items().into_iter().cloned().collect();
		let layout = GradebookLayout {
			learner_column: gradebook.learner_column.clone(),
			items,
			maxima: mapping.gradebook_maxima(),
		};
		inputs
			.grades
			.push(sources::read_gradebook(&name, &text::read_text(&path)?, &layout)?);
	}
	for (session, path) in &sources.attendance {
		let path = mapping.source(path);
		let name = path.display().to_string();
		inputs
			.sessions
			.insert(session.clone(), sources::read_attendance(&name, &text::read_text(&path)?)?);
	}
	let missing = plan::missing_items(mapping, &inputs);
	if !missing.is_empty() {
		return Err(InputError {
			file: mapping.path.clone(),
			row: None,
			column: Some("assessments[].score.items".into()),
			message: format!(
				"names graded items that no input has (an LMS assignment id or a gradebook \
				 column): {}",
				missing.iter().map(|m| format!("{m:?}")).collect::<Vec<_>>().join(", ")
			),
		});
	}
	Ok(inputs)
}

/// Reads the chain at the best block and makes the plan, for `instructor`.
pub async fn make_plan(
	chain: &Chain,
	mapping: &Mapping,
	inputs: &Inputs,
	instructor: &AccountId32,
) -> Result<(Plan, ChainView), ImportError> {
	let at = onchain::at_best(chain).await?;
	let learners: Vec<AccountId32> = mapping.learners.iter().filter_map(|l| l.address).collect();
	let assessments: Vec<u8> = mapping.file.assessments.iter().map(|a| a.assessment).collect();
	let view =
		onchain::read_view(&at, mapping.file.course, instructor, &learners, &assessments).await?;
	for assessment in &assessments {
		if !view.guide.contains_key(&(view.guide_version, *assessment)) {
			return Err(ImportError::Refused(format!(
				"course {} has no assessment {assessment} in its scoring guide (version {})",
				mapping.file.course, view.guide_version
			)));
		}
	}
	Ok((plan::make(mapping, inputs, &view), view))
}

fn short(address: &AccountId32) -> String {
	let text = address.to_string();
	format!("{}…{}", &text[..6], &text[text.len() - 4..])
}

fn units_text(units: &[u16]) -> String {
	units.iter().map(u16::to_string).collect::<Vec<_>>().join(" ")
}

fn lt(plancks: u128) -> String {
	let whole = plancks / 1_000_000_000_000;
	let fraction = plancks % 1_000_000_000_000;
	if fraction == 0 {
		format!("{whole} LT")
	} else {
		format!("{whole}.{} LT", format!("{fraction:012}").trim_end_matches('0'))
	}
}

fn call_line(call: &Call, fee: u128) -> String {
	match call {
		Call::Invite { learners, new_accounts } => format!(
			"invite {} learners ({} new accounts: {} burned)",
			learners.len(),
			new_accounts,
			lt(fee.saturating_mul(*new_accounts as u128))
		),
		Call::Convey { assessment, units, learners } => format!(
			"assessment {assessment}, units {}: convey to {} learners",
			units_text(units),
			learners.len()
		),
		Call::Assess { assessment, units, learners } => format!(
			"assessment {assessment}, units {}: assess {} learners",
			units_text(units),
			learners.len()
		),
		Call::Award { assessment, units, learners } => format!(
			"assessment {assessment}, units {}: award {} learners",
			units_text(units),
			learners.len()
		),
	}
}

fn points_text(points: &plan::UnitPoints) -> String {
	let show = |value: Option<u32>, max: u32| match value {
		Some(value) => format!("{value}/{max}"),
		None => format!("-/{max}"),
	};
	format!(
		"attendance {} score {} help {}",
		show(points.attendance, points.max.attendance),
		show(points.score, points.max.score),
		show(points.help, points.max.help)
	)
}

/// The counts of what each (assessment, unit) needs next, in the order of the lifecycle.
fn counts(plan: &Plan) -> BTreeMap<(u8, u16), BTreeMap<&'static str, usize>> {
	let mut counts: BTreeMap<(u8, u16), BTreeMap<&'static str, usize>> = BTreeMap::new();
	for learner in &plan.learners {
		for unit in &learner.units {
			*counts
				.entry((unit.assessment, unit.unit))
				.or_default()
				.entry(unit.next.words())
				.or_default() += 1;
		}
	}
	counts
}

/// The dry run's report: the plan's calls, per assessment and unit how many learners get which
/// step, each learner's points, and every row the inputs have that cannot be used.
pub fn render_plan(mapping: &Mapping, view: &ChainView, plan: &Plan, fee: u128) -> String {
	let mut out = String::new();
	let mut line = |text: String| {
		out.push_str(&text);
		out.push('\n');
	};
	line(format!(
		"Course {} {:?} (scoring guide version {}{}), at block #{}",
		mapping.file.course,
		view.title,
		view.guide_version,
		if view.closed { ", closed" } else { "" },
		view.block
	));
	if !view.signer_is_instructor {
		line("The account given is not an instructor of the course: a real run is refused.".into());
	}
	line(String::new());
	line(format!("The instructor's calls ({}):", plan.calls.len()));
	if plan.calls.is_empty() {
		line("  none: everything the instructor can do is done".into());
	}
	for call in &plan.calls {
		line(format!("  {}", call_line(call, fee)));
	}
	line(String::new());
	line("Per assessment and unit, what each learner needs next:".into());
	for ((assessment, unit), counts) in counts(plan) {
		let parts: Vec<String> = counts.iter().map(|(what, n)| format!("{what} {n}")).collect();
		line(format!("  assessment {assessment} unit {unit}: {}", parts.join(" · ")));
	}
	line(String::new());
	line(format!("Learners ({}):", plan.learners.len()));
	for learner in &plan.learners {
		line(format!(
			"  {} {} ({})",
			learner.key,
			short(&learner.address),
			learner.enrollment.words()
		));
		for unit in &learner.units {
			line(format!(
				"    assessment {} unit {}: {} → {}",
				unit.assessment,
				unit.unit,
				points_text(&unit.points),
				unit.next.words()
			));
			if let Some(differs) = &unit.differs {
				line(format!("      {differs}"));
			}
		}
	}
	line(String::new());
	line(format!("Rows it cannot use ({}):", plan.problems.len()));
	for problem in &plan.problems {
		line(format!("  {problem}"));
	}
	out
}

/// `status`: per learner, the stage of each (assessment, unit) and what awaits whom.
pub fn render_status(mapping: &Mapping, view: &ChainView, plan: &Plan) -> String {
	let mut out = format!(
		"Course {} {:?} at block #{}: {} learners\n",
		mapping.file.course,
		view.title,
		view.block,
		plan.learners.len()
	);
	for learner in &plan.learners {
		out.push_str(&format!("{} {}\n", learner.key, learner.address));
		if matches!(learner.enrollment, Next::Invite | Next::LearnerAccepts) {
			out.push_str(&format!(
				"  enrollment: {} (awaits the {})\n",
				learner.enrollment.words(),
				learner.enrollment.whose()
			));
			continue;
		}
		for unit in &learner.units {
			let stage = unit.stage.map_or("not conveyed".to_string(), |s| format!("{s:?}"));
			out.push_str(&format!(
				"  assessment {} unit {}: {stage}; next: {} ({})\n",
				unit.assessment,
				unit.unit,
				unit.next.words(),
				unit.next.whose()
			));
		}
	}
	let mut awaits: BTreeMap<&'static str, usize> = BTreeMap::new();
	for learner in &plan.learners {
		for unit in &learner.units {
			*awaits.entry(unit.next.whose()).or_default() += 1;
		}
	}
	out.push_str("Awaiting: ");
	out.push_str(
		&awaits
			.iter()
			.map(|(who, n)| format!("{who} {n}"))
			.collect::<Vec<_>>()
			.join(" · "),
	);
	out.push('\n');
	out
}

/// The plan as JSON, for scripts: the calls, every learner's units with stage, next step and
/// points, and the problems.
pub fn plan_json(mapping: &Mapping, view: &ChainView, plan: &Plan) -> Value {
	let calls: Vec<Value> = plan
		.calls
		.iter()
		.map(|call| {
			let (assessment, units) = match call {
				Call::Invite { .. } => (None, vec![]),
				Call::Convey { assessment, units, .. }
				| Call::Assess { assessment, units, .. }
				| Call::Award { assessment, units, .. } => (Some(*assessment), units.clone()),
			};
			json!({"call": call.name(), "assessment": assessment, "units": units,
				"learners": call.len(), "steps": call.steps()})
		})
		.collect();
	let learners: Vec<Value> = plan
		.learners
		.iter()
		.map(|learner| {
			let units: Vec<Value> = learner
				.units
				.iter()
				.map(|unit| {
					json!({
						"assessment": unit.assessment,
						"unit": unit.unit,
						"stage": unit.stage.map(|s| format!("{s:?}")),
						"next": unit.next.words(),
						"whose": unit.next.whose(),
						"attendance": unit.points.attendance,
						"score": unit.points.score,
						"help": unit.points.help,
						"max": {"attendance": unit.points.max.attendance,
							"score": unit.points.max.score, "help": unit.points.max.help},
						"differs": unit.differs,
					})
				})
				.collect();
			json!({"key": learner.key, "address": learner.address.to_string(),
				"enrollment": learner.enrollment.words(), "units": units})
		})
		.collect();
	json!({
		"course": mapping.file.course,
		"block": view.block,
		"guideVersion": view.guide_version,
		"calls": calls,
		"learners": learners,
		"problems": plan.problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
	})
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
	/// Calls in a block and successful, by call name: (calls, steps).
	pub done: BTreeMap<&'static str, (usize, usize)>,
	/// Calls that failed, with the chain's reason.
	pub failed: Vec<String>,
	/// The plan after the run: what remains, and whose it is.
	pub after: Plan,
	/// What the chain held when `after` was made.
	pub view: ChainView,
}

/// Options of a real run.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
	/// At most this many learners per call (the chain's `MaxBatch` and the block's weight
	/// bound it too).
	pub batch: Option<usize>,
	/// At most this many calls wait in the node's pool at once.
	pub in_flight: usize,
	/// Draw a progress bar (a terminal) rather than a line per call.
	pub bar: bool,
}

/// Cuts the plan's calls into calls that fit: at most `MaxBatch` (or `options.batch`)
/// learners, and at most half the weight a normal transaction may have, so that other
/// transactions still fit in the block.
async fn cut(
	chain: &Chain,
	at: &onchain::At,
	course: u32,
	calls: Vec<Call>,
	limits: &onchain::Limits,
	(signer, nonce): (&subxt_signer::sr25519::Keypair, u64),
	options: RunOptions,
) -> Result<Vec<Call>, ImportError> {
	let mut cut = Vec::new();
	for call in calls {
		let most = match call {
			Call::Invite { .. } => limits.invite_batch,
			_ => limits.step_batch,
		};
		let most = options.batch.map_or(most, |batch| batch.clamp(1, most));
		let (probe, _) = call.clone().split(most);
		let signed = onchain::sign(at, course, &probe, signer, nonce).await?;
		let (ref_time, proof) = onchain::weight_of(chain, at, &signed).await?;
		let per_learner = (ref_time / probe.len().max(1) as u64).max(1);
		let per_learner_proof = (proof / probe.len().max(1) as u64).max(1);
		let fits = (limits.max_extrinsic.0 / 2 / per_learner)
			.min(limits.max_extrinsic.1 / 2 / per_learner_proof);
		let size = usize::try_from(fits).unwrap_or(most).clamp(1, most);
		let mut rest = Some(call);
		while let Some(call) = rest.take() {
			let (head, tail) = call.split(size);
			cut.push(head);
			rest = tail;
		}
	}
	Ok(cut)
}

struct Progress {
	calls: usize,
	steps: usize,
	done_calls: usize,
	done_steps: usize,
	bar: bool,
}

impl Progress {
	fn show(&self, what: &str) {
		let mut err = std::io::stderr();
		if self.bar {
			let width = 30;
			let filled = (self.done_steps * width).checked_div(self.steps).unwrap_or(width);
			let _ = write!(
				err,
				"\r[{}{}] {}/{} calls · {}/{} steps  ",
				"#".repeat(filled),
				"-".repeat(width - filled),
				self.done_calls,
				self.calls,
				self.done_steps,
				self.steps
			);
			if self.done_calls == self.calls {
				let _ = writeln!(err);
			}
		} else {
			let _ = writeln!(
				err,
				"{what}: {}/{} calls, {}/{} steps",
				self.done_calls, self.calls, self.done_steps, self.steps
			);
		}
	}
}

type Watch = subxt::transactions::TransactionProgress<
	subxt::PolkadotConfig,
	subxt::client::OnlineClientAtBlockImpl<subxt::PolkadotConfig>,
>;

/// Waits until `watch`'s transaction is in a best block and tells whether it succeeded.
async fn in_block(call: Call, watch: Watch) -> (Call, Result<(), String>) {
	// A call is mortal for 256 blocks (about 26 minutes): none waits longer than that.
	match tokio::time::timeout(std::time::Duration::from_secs(30 * 60), follow(watch)).await {
		Ok(outcome) => (call, outcome),
		Err(_) => (call, Err("not in a block after 30 minutes".into())),
	}
}

async fn follow(mut watch: Watch) -> Result<(), String> {
	while let Some(status) = watch.next().await {
		match status {
			Ok(TransactionStatus::InBestBlock(in_block)) => {
				return in_block.wait_for_success().await.map(|_| ()).map_err(|e| e.to_string())
			},
			Ok(TransactionStatus::Invalid { message })
			| Ok(TransactionStatus::Dropped { message })
			| Ok(TransactionStatus::Error { message }) => return Err(message),
			Ok(_) => continue,
			Err(error) => return Err(error.to_string()),
		}
	}
	Err("the node stopped reporting on it".into())
}

fn settle(
	summary: &mut Summary,
	progress: &mut Progress,
	call: Call,
	outcome: Result<(), String>,
	fee: u128,
) {
	progress.done_calls += 1;
	match outcome {
		Ok(()) => {
			let entry = summary.done.entry(call.name()).or_default();
			entry.0 += 1;
			entry.1 += call.steps();
			progress.done_steps += call.steps();
			progress.show(&format!("{} in a block", call_line(&call, fee)));
		},
		Err(why) => {
			progress.show(&format!("{} failed", call_line(&call, 0)));
			summary.failed.push(format!("{}: {why}", call_line(&call, 0)));
		},
	}
}

/// A real run: plans, submits every call the plan has in batches that fit, waits until each
/// is in a block, and plans again (at most three rounds, should a call have failed). Learners'
/// steps are theirs: what awaits them is in the summary's `after`.
pub async fn run(
	chain: &Chain,
	mapping: &Mapping,
	inputs: &Inputs,
	signer: &subxt_signer::sr25519::Keypair,
	options: RunOptions,
) -> Result<Summary, ImportError> {
	let account = AccountId32(signer.public_key().0);
	let course = mapping.file.course;
	let mut summary = Summary::default();
	for _round in 0..3 {
		let nonce = onchain::wait_for_pool(chain, &account).await?;
		let (plan, view) = make_plan(chain, mapping, inputs, &account).await?;
		if !view.signer_is_instructor {
			return Err(ImportError::Refused(format!(
				"{account} is not an instructor of course {course}: only its lead or a \
				 co-instructor can record its steps"
			)));
		}
		if plan.calls.is_empty() {
			summary.after = plan;
			summary.view = view;
			return Ok(summary);
		}
		let at = onchain::at_best(chain).await?;
		let limits = onchain::limits(&at)?;
		let calls =
			cut(chain, &at, course, plan.calls.clone(), &limits, (signer, nonce), options).await?;
		let mut progress = Progress {
			calls: calls.len(),
			steps: calls.iter().map(Call::steps).sum(),
			done_calls: 0,
			done_steps: 0,
			bar: options.bar,
		};
		progress.show("submitting");
		// Submitted strictly in nonce order, at most `in_flight` waiting at once: a run killed
		// at any point leaves only a gapless run of nonces in the pool, which the next run
		// waits for (a gap would let an old call land after the next run's plan).
		let mut waiting = FuturesUnordered::new();
		let mut refused = false;
		for (index, call) in calls.into_iter().enumerate() {
			while waiting.len() >= options.in_flight.max(1) {
				if let Some((call, outcome)) = waiting.next().await {
					settle(&mut summary, &mut progress, call, outcome, limits.new_account_fee);
				}
			}
			let signed = onchain::sign(&at, course, &call, signer, nonce + index as u64).await?;
			match signed.submit_and_watch().await {
				Ok(watch) => waiting.push(in_block(call, watch)),
				Err(error) => {
					summary
						.failed
						.push(format!("{}: refused by the node: {error}", call_line(&call, 0)));
					refused = true;
					break;
				},
			}
		}
		while let Some((call, outcome)) = waiting.next().await {
			settle(&mut summary, &mut progress, call, outcome, limits.new_account_fee);
		}
		if refused {
			break;
		}
	}
	onchain::wait_for_pool(chain, &account).await?;
	let (plan, view) = make_plan(chain, mapping, inputs, &account).await?;
	summary.after = plan;
	summary.view = view;
	Ok(summary)
}

/// The final summary of a run, in words.
pub fn render_summary(summary: &Summary) -> String {
	let mut out = String::from("Done:\n");
	if summary.done.is_empty() {
		out.push_str("  nothing to do: everything the instructor can do is done\n");
	}
	for (name, (calls, steps)) in &summary.done {
		out.push_str(&format!("  {name}: {calls} calls, {steps} steps\n"));
	}
	if !summary.failed.is_empty() {
		out.push_str(&format!("Failed ({}):\n", summary.failed.len()));
		for failure in &summary.failed {
			out.push_str(&format!("  {failure}\n"));
		}
	}
	let mut awaits: BTreeMap<String, usize> = BTreeMap::new();
	for learner in &summary.after.learners {
		if matches!(learner.enrollment, Next::LearnerAccepts) {
			*awaits.entry("learner: accept the invitation".into()).or_default() += 1;
		}
		for unit in &learner.units {
			if !matches!(unit.next, Next::Done | Next::Invite | Next::LearnerAccepts) {
				*awaits
					.entry(format!("{}: {}", unit.next.whose(), unit.next.words()))
					.or_default() += 1;
			}
		}
	}
	out.push_str("Now awaiting (learner-units):\n");
	if awaits.is_empty() {
		out.push_str("  nothing: every step is done\n");
	}
	for (what, n) in awaits {
		out.push_str(&format!("  {what}: {n}\n"));
	}
	if !summary.after.problems.is_empty() {
		out.push_str(&format!(
			"Rows it cannot use: {} (see --dry-run)\n",
			summary.after.problems.len()
		));
	}
	out
}

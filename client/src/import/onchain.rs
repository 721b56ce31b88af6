//! The import's side of the chain: what it reads (the course, its guide, each learner's
//! enrollment and records, at the best block) and the instructor's calls it submits.

use super::plan::{
	Call, ChainView, Enrollment, GuideAssessment, RecordState, Share, Stage, UnitState,
};
use crate::chain::{Chain, ChainError};
use std::collections::BTreeMap;
use subxt::{
	config::polkadot::PolkadotExtrinsicParamsBuilder,
	dynamic,
	ext::{
		futures::{stream, StreamExt},
		scale_decode::{self, DecodeAsType},
		scale_encode::{self, EncodeAsType},
	},
	utils::AccountId32,
	PolkadotConfig,
};

/// A client at one block.
pub type At = subxt::client::ClientAtBlock<
	PolkadotConfig,
	subxt::client::OnlineClientAtBlockImpl<PolkadotConfig>,
>;

fn rpc(error: impl core::fmt::Display) -> ChainError {
	ChainError::Rpc(error.to_string())
}

fn decode(error: impl core::fmt::Display) -> ChainError {
	ChainError::Decode(error.to_string())
}

#[derive(DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
enum CourseStatus {
	Open,
	Closed,
}

#[derive(DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct CourseState {
	lead: AccountId32,
	co_instructors: Vec<AccountId32>,
	title: Vec<u8>,
	status: CourseStatus,
	guide_version: u32,
}

#[derive(DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct PointsState {
	attendance: u32,
	score: u32,
	help: u32,
}

#[derive(DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct UnitShareState {
	unit: u16,
	max: PointsState,
}

#[derive(DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct AssessmentState {
	units: Vec<UnitShareState>,
	max_instructor_feedback: u32,
}

#[derive(DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
enum EnrollmentState {
	Invited,
	Enrolled,
}

#[derive(DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct AccountState {
	providers: u32,
	sufficients: u32,
}

#[derive(DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct AwardView {
	instructor: AccountId32,
	score: u32,
	help: u32,
}

/// A unit of `Lifecycle::Records`, its steps only as far as the stage needs them.
#[derive(DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct UnitRecordView {
	unit: u16,
	attendance: u32,
	acquired: Option<subxt::dynamic::Value>,
	assessed: Option<subxt::dynamic::Value>,
	responded: Option<subxt::dynamic::Value>,
	awarded: Option<AwardView>,
}

#[derive(DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct RatingView {
	instructor: AccountId32,
}

#[derive(DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct CarriedHelpView {
	unit: u16,
	help: u32,
}

/// `Lifecycle::Records`: read from storage rather than `LearnerApi::lifecycle`, for the Help an
/// earlier, revoked run left with the learner (`carried_help`), which an award must leave room
/// for and the runtime API does not show.
#[derive(DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct RecordStored {
	guide_version: u32,
	units: Vec<UnitRecordView>,
	ratings: Vec<RatingView>,
	carried_help: Vec<CarriedHelpView>,
}

/// How many reads run at once.
const PARALLEL_READS: usize = 32;

/// The client at the node's best block: the import plans against what is in blocks, finalized
/// or not, after the signer's transactions left the pool ([`wait_for_pool`]).
pub async fn at_best(chain: &Chain) -> Result<At, ChainError> {
	let header: serde_json::Value = chain
		.rpc()
		.request("chain_getHeader", subxt::rpcs::rpc_params![])
		.await
		.map_err(rpc)?;
	let number = header
		.get("number")
		.and_then(serde_json::Value::as_str)
		.and_then(|hex| u64::from_str_radix(hex.trim_start_matches("0x"), 16).ok())
		.ok_or_else(|| ChainError::Decode("the best header has no number".into()))?;
	chain.api().at_block(number).await.map_err(rpc)
}

/// Waits until none of `signer`'s transactions is in the node's pool (its next index, counting
/// the pool, is its nonce at the best block), so that a run started after a killed one plans
/// from what the killed one's last transactions did. Returns that nonce.
pub async fn wait_for_pool(chain: &Chain, signer: &AccountId32) -> Result<u64, ChainError> {
	let started = std::time::Instant::now();
	loop {
		let pending: u64 = chain
			.rpc()
			.request("system_accountNextIndex", subxt::rpcs::rpc_params![signer.to_string()])
			.await
			.map_err(rpc)?;
		let at = at_best(chain).await?;
		let nonce = at.tx().account_nonce(signer).await.map_err(rpc)?;
		if pending <= nonce {
			return Ok(nonce);
		}
		if started.elapsed() > std::time::Duration::from_secs(180) {
			return Err(ChainError::Rpc(format!(
				"{} transactions of the signer have waited in the node's pool for 3 minutes: run \
				 again once they are in a block or dropped",
				pending - nonce
			)));
		}
		tokio::time::sleep(std::time::Duration::from_millis(500)).await;
	}
}

/// Reads what the plan needs of `course` and `learners` at `at`.
pub async fn read_view(
	at: &At,
	course: u32,
	signer: &AccountId32,
	learners: &[AccountId32],
	assessments: &[u8],
) -> Result<ChainView, ChainError> {
	let state = at
		.storage()
		.try_fetch(dynamic::storage::<(u32,), CourseState>("Courses", "Courses"), (course,))
		.await
		.map_err(rpc)?
		.ok_or_else(|| ChainError::NotFound(format!("course {course}")))?
		.decode()
		.map_err(decode)?;
	let mut view = ChainView {
		block: at.block_number(),
		title: String::from_utf8_lossy(&state.title).into_owned(),
		closed: matches!(state.status, CourseStatus::Closed),
		guide_version: state.guide_version,
		signer_is_instructor: state.lead == *signer || state.co_instructors.contains(signer),
		instructors: core::iter::once(state.lead).chain(state.co_instructors).collect(),
		..Default::default()
	};

	// Each learner's enrollment, account and records.
	let reads = stream::iter(learners.iter().cloned())
		.map(|learner| async move {
			let enrollment = at
				.storage()
				.try_fetch(
					dynamic::storage::<(AccountId32, u32), EnrollmentState>(
						"Courses",
						"Enrollments",
					),
					(learner, course),
				)
				.await
				.map_err(rpc)?
				.map(|value| value.decode().map_err(decode))
				.transpose()?
				.map(|status| match status {
					EnrollmentState::Invited => Enrollment::Invited,
					EnrollmentState::Enrolled => Enrollment::Enrolled,
				});
			let account = at
				.storage()
				.try_fetch(
					dynamic::storage::<(AccountId32,), AccountState>("System", "Account"),
					(learner,),
				)
				.await
				.map_err(rpc)?
				.map(|value| value.decode().map_err(decode))
				.transpose()?;
			let exists = account.is_some_and(|a| a.providers > 0 || a.sufficients > 0);
			let mut records = Vec::new();
			if enrollment.is_some() {
				for &assessment in assessments {
					let record = at
						.storage()
						.try_fetch(
							dynamic::storage::<(u32, AccountId32, u8), RecordStored>(
								"Lifecycle",
								"Records",
							),
							(course, learner, assessment),
						)
						.await
						.map_err(rpc)?;
					if let Some(record) = record {
						records.push((assessment, record_state(record.decode().map_err(decode)?)));
					}
				}
			}
			Ok::<_, ChainError>((learner, enrollment, exists, records))
		})
		.buffer_unordered(PARALLEL_READS)
		.collect::<Vec<_>>()
		.await;
	let mut versions = vec![view.guide_version];
	for read in reads {
		let (learner, enrollment, exists, records) = read?;
		view.learners.insert(learner, (enrollment, exists));
		for (assessment, record) in records {
			versions.push(record.guide_version);
			view.records.insert((learner, assessment), record);
		}
	}
	versions.sort_unstable();
	versions.dedup();
	for version in versions {
		for &assessment in assessments {
			let found = at
				.storage()
				.try_fetch(
					dynamic::storage::<(u32, u32, u8), AssessmentState>("Courses", "Assessments"),
					(course, version, assessment),
				)
				.await
				.map_err(rpc)?;
			let Some(found) = found else { continue };
			let found = found.decode().map_err(decode)?;
			view.guide.insert(
				(version, assessment),
				GuideAssessment {
					units: found
						.units
						.into_iter()
						.map(|share| {
							(
								share.unit,
								Share {
									attendance: share.max.attendance,
									score: share.max.score,
									help: share.max.help,
								},
							)
						})
						.collect(),
					max_feedback: found.max_instructor_feedback,
				},
			);
		}
	}
	Ok(view)
}

fn record_state(record: RecordStored) -> RecordState {
	RecordState {
		guide_version: record.guide_version,
		units: record
			.units
			.into_iter()
			.map(|unit| {
				let stage = if unit.awarded.is_some() {
					Stage::Awarded
				} else if unit.responded.is_some() {
					Stage::Responded
				} else if unit.assessed.is_some() {
					Stage::Assessed
				} else if unit.acquired.is_some() {
					Stage::Acquired
				} else {
					Stage::Conveyed
				};
				let awarded_by = unit.awarded.as_ref().map(|a| a.instructor);
				(
					unit.unit,
					UnitState {
						stage,
						attendance: unit.attendance,
						awarded: unit.awarded.map(|a| (a.score, a.help)),
						awarded_by,
					},
				)
			})
			.collect::<BTreeMap<_, _>>(),
		rated: record.ratings.into_iter().map(|r| r.instructor).collect(),
		carried_help: record.carried_help.into_iter().map(|c| (c.unit, c.help)).collect(),
	}
}

#[derive(EncodeAsType, Clone)]
#[encode_as_type(crate_path = "scale_encode")]
struct ConveyArg {
	learner: AccountId32,
	attendance: Vec<u32>,
}

#[derive(EncodeAsType, Clone)]
#[encode_as_type(crate_path = "scale_encode")]
struct UnitAwardArg {
	score: u32,
	help: u32,
}

#[derive(EncodeAsType, Clone)]
#[encode_as_type(crate_path = "scale_encode")]
struct AwardArg {
	learner: AccountId32,
	points: Vec<UnitAwardArg>,
}

type Signed = subxt::transactions::SubmittableTransaction<
	PolkadotConfig,
	subxt::client::OnlineClientAtBlockImpl<PolkadotConfig>,
>;

/// `call` signed by `signer` with `nonce`, for course `course`.
pub async fn sign(
	at: &At,
	course: u32,
	call: &Call,
	signer: &subxt_signer::sr25519::Keypair,
	nonce: u64,
) -> Result<Signed, ChainError> {
	async fn signed<P: subxt::transactions::Payload>(
		at: &At,
		payload: P,
		signer: &subxt_signer::sr25519::Keypair,
		nonce: u64,
	) -> Result<Signed, ChainError> {
		// Mortal for 256 blocks: a transaction left behind by a killed run does not wait in the
		// pool for ever.
		let params = PolkadotExtrinsicParamsBuilder::<PolkadotConfig>::new()
			.nonce(nonce)
			.mortal(256)
			.build();
		at.tx().create_signed(&payload, signer, params).await.map_err(rpc)
	}
	match call {
		Call::Invite { learners, .. } => {
			signed(at, dynamic::tx("Courses", "invite", (course, learners.clone())), signer, nonce)
				.await
		},
		Call::Convey { assessment, units, learners } => {
			let learners: Vec<ConveyArg> = learners
				.iter()
				.map(|(learner, attendance)| ConveyArg {
					learner: *learner,
					attendance: attendance.clone(),
				})
				.collect();
			let args = (course, *assessment, units.clone(), learners);
			signed(at, dynamic::tx("Lifecycle", "convey", args), signer, nonce).await
		},
		Call::Assess { assessment, units, learners } => {
			let args = (course, *assessment, units.clone(), learners.clone());
			signed(at, dynamic::tx("Lifecycle", "assess", args), signer, nonce).await
		},
		Call::Award { assessment, units, learners } => {
			let awards: Vec<AwardArg> = learners
				.iter()
				.map(|(learner, points)| AwardArg {
					learner: *learner,
					points: points
						.iter()
						.map(|(score, help)| UnitAwardArg { score: *score, help: *help })
						.collect(),
				})
				.collect();
			let args = (course, *assessment, units.clone(), awards);
			signed(at, dynamic::tx("Lifecycle", "award", args), signer, nonce).await
		},
	}
}

/// The weight (reference time, proof size) of a signed transaction, from
/// `TransactionPaymentApi::query_info`.
pub async fn weight_of(chain: &Chain, at: &At, signed: &Signed) -> Result<(u64, u64), ChainError> {
	use subxt::ext::codec::{Compact, Decode, Encode};
	let mut params = signed.encoded().to_vec();
	u32::try_from(signed.encoded().len()).unwrap_or(u32::MAX).encode_to(&mut params);
	let answer: String = chain
		.rpc()
		.request(
			"state_call",
			subxt::rpcs::rpc_params![
				"TransactionPaymentApi_query_info",
				format!("0x{}", hex::encode(&params)),
				format!("0x{}", hex::encode(at.block_hash().0))
			],
		)
		.await
		.map_err(rpc)?;
	let bytes = hex::decode(answer.trim_start_matches("0x")).map_err(decode)?;
	let (ref_time, proof_size) = <(Compact<u64>, Compact<u64>)>::decode(&mut &bytes[..])
		.map_err(|e| ChainError::Decode(format!("query_info: {e}")))?;
	Ok((ref_time.0, proof_size.0))
}

#[derive(DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct WeightState {
	ref_time: u64,
	proof_size: u64,
}

#[derive(DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct ClassState {
	max_extrinsic: Option<WeightState>,
}

#[derive(DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct PerClassState {
	normal: ClassState,
}

#[derive(DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct BlockWeightsState {
	per_class: PerClassState,
}

/// What bounds a call: the most learners a batch takes (`MaxBatch` of each pallet) and the
/// most weight one normal transaction may have.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
	/// `Courses::MaxBatch`.
	pub invite_batch: usize,
	/// `Lifecycle::MaxBatch`.
	pub step_batch: usize,
	/// The most weight of a normal transaction (reference time, proof size).
	pub max_extrinsic: (u64, u64),
	/// `Courses::NewAccountFee`, in plancks.
	pub new_account_fee: u128,
}

/// Reads the limits from the chain's constants.
pub fn limits(at: &At) -> Result<Limits, ChainError> {
	let constant = |pallet: &str, name: &str| {
		at.constants().entry(dynamic::constant::<u32>(pallet, name)).map_err(decode)
	};
	let weights = at
		.constants()
		.entry(dynamic::constant::<BlockWeightsState>("System", "BlockWeights"))
		.map_err(decode)?;
	let max =
		weights.per_class.normal.max_extrinsic.ok_or_else(|| {
			ChainError::Decode("normal transactions have no max_extrinsic".into())
		})?;
	let fee = at
		.constants()
		.entry(dynamic::constant::<u128>("Courses", "NewAccountFee"))
		.map_err(decode)?;
	Ok(Limits {
		invite_batch: usize::try_from(constant("Courses", "MaxBatch")?).unwrap_or(1).max(1),
		step_batch: usize::try_from(constant("Lifecycle", "MaxBatch")?).unwrap_or(1).max(1),
		max_extrinsic: (max.ref_time, max.proof_size),
		new_account_fee: fee,
	})
}

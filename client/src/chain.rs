//! What the chain says, read over JSON-RPC with `subxt`: runtime APIs and storage, decoded by
//! the chain's own metadata into the few fields each question needs (no generated code, no
//! runtime crate, no custom types).
//!
//! Every question is asked at the latest *finalized* block: a credential is issued for, and
//! checked against, what can no longer be reverted.

use crate::credential::{Institution, Kind, Step, TokenFacts};
use subxt::{
	dynamic::{self, Value},
	ext::scale_decode::{self, DecodeAsType},
	utils::AccountId32,
	OnlineClient, PolkadotConfig,
};

/// A connection to a node.
pub struct Chain {
	api: OnlineClient<PolkadotConfig>,
	rpc: subxt::rpcs::RpcClient,
}

/// Why the chain could not answer.
#[derive(Debug)]
pub enum ChainError {
	/// The node could not be reached, or refused the question.
	Rpc(String),
	/// The answer did not decode as expected (a runtime this client does not know).
	Decode(String),
	/// The chain has no such thing.
	NotFound(String),
}

impl core::fmt::Display for ChainError {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		match self {
			Self::Rpc(why) => write!(f, "the node: {why}"),
			Self::Decode(why) => write!(f, "the chain's answer did not decode: {why}"),
			Self::NotFound(what) => write!(f, "the chain has no {what}"),
		}
	}
}

impl std::error::Error for ChainError {}

fn rpc(error: impl core::fmt::Display) -> ChainError {
	ChainError::Rpc(error.to_string())
}

fn decode(error: impl core::fmt::Display) -> ChainError {
	ChainError::Decode(error.to_string())
}

/// `TokenKind`, as the chain's metadata names its variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
pub enum TokenKind {
	/// Attendance points of a unit.
	Attendance,
	/// Score points of a unit.
	Score,
	/// Points a learner gave an instructor.
	InstructorScore,
}

impl From<TokenKind> for Kind {
	fn from(kind: TokenKind) -> Self {
		match kind {
			TokenKind::Attendance => Kind::Attendance,
			TokenKind::Score => Kind::Score,
			TokenKind::InstructorScore => Kind::InstructorScore,
		}
	}
}

/// A revocation, as `TokensApi` shows it (the fields a verifier prints).
#[derive(Debug, Clone, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
pub struct RevocationView {
	/// The block it was revoked in.
	pub at: u32,
	/// Why.
	pub reason: Vec<u8>,
}

/// A token, as `TokensApi` shows it.
#[derive(Debug, Clone, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
pub struct TokenView {
	/// Its id.
	pub id: u64,
	/// What it is.
	pub kind: TokenKind,
	/// Who holds it.
	pub holder: AccountId32,
	/// The learner of its lifecycle.
	pub learner: AccountId32,
	/// The instructor of the step that minted it, or who was rated.
	pub instructor: AccountId32,
	/// Its points.
	pub points: u32,
	/// The course.
	pub course: u32,
	/// The assessment.
	pub assessment: u8,
	/// The unit (none for an instructor score).
	pub unit: Option<u16>,
	/// The guide version.
	pub guide_version: u32,
	/// The issuing institution.
	pub institution: AccountId32,
	/// The course's CIP 2020 code.
	pub cip_code: Vec<u8>,
	/// The unit's skill identifier.
	pub skill: Vec<u8>,
	/// The block it was issued in.
	pub issued_at: u32,
	/// Its revocation, if revoked.
	pub revocation: Option<RevocationView>,
}

/// What `TokensApi::verify` says of a token.
#[derive(Debug, Clone, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
pub struct Verification {
	/// The token.
	pub token: TokenView,
	/// Whether its institution was accredited when it was issued.
	pub accredited_when_issued: bool,
	/// Whether it is accredited now.
	pub accredited_now: bool,
	/// Whether its instructor still serves the institution.
	pub instructor_still_serves: bool,
	/// Whether it was revoked.
	pub revoked: bool,
}

/// A signing key and the block it took effect in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
pub struct KeyPeriod {
	/// The ed25519 public key.
	pub key: [u8; 32],
	/// The block it was registered in.
	pub from: u32,
}

/// An accreditation period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
pub struct AccreditationPeriod {
	/// The block it opened in.
	pub from: u32,
	/// The block it closed in, if it did.
	pub to: Option<u32>,
}

/// An institution, as `RegistryApi::institution` shows it.
#[derive(Debug, Clone, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
pub struct InstitutionView {
	/// Its name.
	pub name: Vec<u8>,
	/// Its URI.
	pub uri: Vec<u8>,
	/// Its signing key now.
	pub signing_key: Option<[u8; 32]>,
	/// Its accreditation periods.
	pub history: Vec<AccreditationPeriod>,
	/// Every signing key it registered, with its block.
	pub signing_keys: Vec<KeyPeriod>,
}

impl InstitutionView {
	/// The key it had registered at block `at`: the last one registered at or before it.
	pub fn signing_key_at(&self, at: u32) -> Option<[u8; 32]> {
		self.signing_keys
			.iter()
			.take_while(|period| period.from <= at)
			.last()
			.map(|p| p.key)
	}
}

/// The fields of a course the credentials need.
#[derive(Debug, Clone, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct CourseRecord {
	title: Vec<u8>,
}

/// A unit of competency.
#[derive(Debug, Clone, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct UnitRecord {
	skill: Vec<u8>,
	title: Vec<u8>,
}

/// The most points of each kind a unit's share of an assessment allows.
#[derive(Debug, Clone, Copy, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct LearnerPoints {
	attendance: u32,
	score: u32,
}

#[derive(Debug, Clone, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct UnitShare {
	unit: u16,
	max: LearnerPoints,
}

#[derive(Debug, Clone, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct Assessment {
	units: Vec<UnitShare>,
	max_instructor_feedback: u32,
}

#[derive(Debug, Clone, Copy, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct BlockOf {
	block: u32,
}

#[derive(Debug, Clone, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct UnitSteps {
	unit: u16,
	conveyed: BlockOf,
	acquired: Option<BlockOf>,
	assessed: Option<BlockOf>,
	responded: Option<BlockOf>,
	awarded: Option<BlockOf>,
}

#[derive(Debug, Clone, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct UnitView {
	record: UnitSteps,
}

#[derive(Debug, Clone, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct RatingBlock {
	instructor: AccountId32,
	block: u32,
}

#[derive(Debug, Clone, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct RecordView {
	units: Vec<UnitView>,
	ratings: Vec<RatingBlock>,
}

/// One page of a list answer.
#[derive(Debug, Clone, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct Page<Item, Cursor> {
	items: Vec<Item>,
	next: Option<Cursor>,
}

/// The latest block-time format a credential's dates use: `YYYY-MM-DDThh:mm:ssZ` of a Unix
/// time in milliseconds.
pub fn xsd_date_time(unix_millis: u64) -> String {
	let seconds = unix_millis / 1000;
	let (days, rest) = (seconds / 86_400, seconds % 86_400);
	// Days since 1970-01-01 to a civil date (the proleptic Gregorian calendar).
	let z = days as i64 + 719_468;
	let era = z.div_euclid(146_097);
	let doe = z.rem_euclid(146_097);
	let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
	let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	let mp = (5 * doy + 2) / 153;
	let day = doy - (153 * mp + 2) / 5 + 1;
	let month = if mp < 10 { mp + 3 } else { mp - 9 };
	let year = yoe + era * 400 + i64::from(month <= 2);
	format!(
		"{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
		rest / 3600,
		rest % 3600 / 60,
		rest % 60
	)
}

/// Every token of a `TokensApi` list function (`tokens_of`, `tokens_of_course`) of `subject`,
/// page after page of 100, at `at`.
async fn token_pages(
	at: &subxt::client::ClientAtBlock<
		PolkadotConfig,
		subxt::client::OnlineClientAtBlockImpl<PolkadotConfig>,
	>,
	function: &str,
	subject: Value,
) -> Result<Vec<TokenView>, ChainError> {
	let mut tokens = Vec::new();
	let mut cursor: Option<Value> = None;
	loop {
		let call = dynamic::runtime_api_call::<_, Page<TokenView, Value>>(
			"TokensApi",
			function,
			(subject.clone(), cursor.clone(), 100u32),
		);
		let page = at.runtime_apis().call(call).await.map_err(decode)?;
		tokens.extend(page.items);
		match page.next {
			Some(next) => cursor = Some(next),
			None => return Ok(tokens),
		}
	}
}

impl Chain {
	/// Connects to the node at `url` (`ws://` or `wss://`).
	pub async fn connect(url: &str) -> Result<Self, ChainError> {
		let client = subxt::rpcs::RpcClient::from_insecure_url(url).await.map_err(rpc)?;
		let api = OnlineClient::<PolkadotConfig>::from_rpc_client(client.clone())
			.await
			.map_err(rpc)?;
		Ok(Self { api, rpc: client })
	}

	/// The subxt client.
	pub(crate) fn api(&self) -> &OnlineClient<PolkadotConfig> {
		&self.api
	}

	/// The raw JSON-RPC client.
	pub(crate) fn rpc(&self) -> &subxt::rpcs::RpcClient {
		&self.rpc
	}

	/// The chain's genesis hash, `0x` and 64 hex digits.
	pub fn genesis_hash(&self) -> String {
		format!("0x{}", hex::encode(self.api.genesis_hash().0))
	}

	/// `TokensApi::verify(token)` at the latest finalized block.
	pub async fn verify(&self, token: u64) -> Result<Option<Verification>, ChainError> {
		let at = self.api.at_current_block().await.map_err(rpc)?;
		let call =
			dynamic::runtime_api_call::<_, Option<Verification>>("TokensApi", "verify", (token,));
		at.runtime_apis().call(call).await.map_err(decode)
	}

	/// `RegistryApi::institution(who)` at the latest finalized block.
	pub async fn institution(
		&self,
		who: &AccountId32,
	) -> Result<Option<InstitutionView>, ChainError> {
		let at = self.api.at_current_block().await.map_err(rpc)?;
		let call = dynamic::runtime_api_call::<_, Option<InstitutionView>>(
			"RegistryApi",
			"institution",
			(who.0,),
		);
		at.runtime_apis().call(call).await.map_err(decode)
	}

	/// Every token of `holder` (revoked ones included), through `TokensApi::tokens_of` pages.
	pub async fn tokens_of(&self, holder: &AccountId32) -> Result<Vec<TokenView>, ChainError> {
		let at = self.api.at_current_block().await.map_err(rpc)?;
		token_pages(&at, "tokens_of", Value::from_bytes(holder.0)).await
	}

	/// Every token of the courses of `institution`, revoked ones included: what its status
	/// list mirrors.
	pub async fn tokens_of_institution(
		&self,
		institution: &AccountId32,
	) -> Result<Vec<TokenView>, ChainError> {
		#[derive(DecodeAsType)]
		#[decode_as_type(crate_path = "scale_decode")]
		struct CourseOwner {
			institution: AccountId32,
		}
		let at = self.api.at_current_block().await.map_err(rpc)?;
		let next = at
			.storage()
			.fetch(dynamic::storage::<(), u32>("Courses", "NextCourseId"), ())
			.await
			.map_err(rpc)?
			.decode()
			.map_err(decode)?;
		let mut tokens = Vec::new();
		for course in 0..next {
			let owner = at
				.storage()
				.try_fetch(dynamic::storage::<(u32,), CourseOwner>("Courses", "Courses"), (course,))
				.await
				.map_err(rpc)?;
			let Some(owner) = owner else { continue };
			if owner.decode().map_err(decode)?.institution != *institution {
				continue;
			}
			tokens.extend(token_pages(&at, "tokens_of_course", Value::u128(course.into())).await?);
		}
		Ok(tokens)
	}

	/// The time of block `number`, as an XML Schema `dateTime`: the `timestamp.set` inherent in
	/// its body. Blocks are kept for good by every node (the default `--blocks-pruning
	/// archive-canonical`), their state only for the last 256 blocks, so the time is read from the
	/// body, not from `Timestamp::Now` at that block.
	pub async fn block_time(&self, number: u32) -> Result<String, ChainError> {
		use subxt::ext::codec::{Compact, Decode};
		let hash: Option<String> = self
			.rpc
			.request("chain_getBlockHash", subxt::rpcs::rpc_params![number])
			.await
			.map_err(rpc)?;
		let hash = hash.ok_or_else(|| ChainError::NotFound(format!("block #{number}")))?;
		let block: serde_json::Value = self
			.rpc
			.request("chain_getBlock", subxt::rpcs::rpc_params![hash])
			.await
			.map_err(rpc)?;
		let at = self.api.at_current_block().await.map_err(rpc)?;
		let timestamp = at
			.metadata()
			.pallet_by_name("Timestamp")
			.map(|pallet| pallet.call_index())
			.ok_or_else(|| ChainError::Decode("the metadata has no Timestamp pallet".into()))?;
		let extrinsics =
			block
				.pointer("/block/extrinsics")
				.and_then(serde_json::Value::as_array)
				.ok_or_else(|| ChainError::Decode(format!("block #{number} has no body")))?;
		for extrinsic in extrinsics {
			let Some(bytes) = extrinsic
				.as_str()
				.and_then(|text| hex::decode(text.trim_start_matches("0x")).ok())
			else {
				continue;
			};
			let input = &mut &bytes[..];
			// The length prefix, then the version byte of a bare (unsigned) extrinsic, v4 or v5.
			if <Compact<u32>>::decode(input).is_err() {
				continue;
			}
			let Some((&version, rest)) = input.split_first() else { continue };
			if version != 0x04 && version != 0x05 {
				continue;
			}
			// `Timestamp::set { now: Compact<u64> }`: pallet index, call index 0.
			if let [pallet, 0, call @ ..] = rest {
				if *pallet == timestamp {
					let now = <Compact<u64>>::decode(&mut &call[..]).map_err(decode)?;
					return Ok(xsd_date_time(now.0));
				}
			}
		}
		Err(ChainError::NotFound(format!("the timestamp of block #{number}")))
	}

	/// Registers `key` as the signing key of the institution that `signer` is
	/// (`registry.set_signing_key`), and waits until that is finalized; returns the block
	/// number the key takes effect from.
	pub async fn set_signing_key(
		&self,
		signer: &subxt_signer::sr25519::Keypair,
		key: [u8; 32],
	) -> Result<u32, ChainError> {
		let call = dynamic::tx("Registry", "set_signing_key", (key,));
		let at = self.api.at_current_block().await.map_err(rpc)?;
		let in_block = at
			.tx()
			.sign_and_submit_then_watch_default(&call, signer)
			.await
			.map_err(rpc)?
			.wait_for_finalized()
			.await
			.map_err(rpc)?;
		in_block.wait_for_success().await.map_err(rpc)?;
		let at = self.api.at_block(in_block.block_hash()).await.map_err(rpc)?;
		Ok(at.block_number().try_into().unwrap_or(u32::MAX))
	}

	/// The time of the latest finalized block, as an XML Schema `dateTime`.
	pub async fn now(&self) -> Result<String, ChainError> {
		let at = self.api.at_current_block().await.map_err(rpc)?;
		let now = at
			.storage()
			.fetch(dynamic::storage::<(), u64>("Timestamp", "Now"), ())
			.await
			.map_err(rpc)?
			.decode()
			.map_err(decode)?;
		Ok(xsd_date_time(now))
	}

	/// Everything a credential of `token` needs, from the latest finalized block.
	pub async fn token_facts(&self, view: &TokenView) -> Result<TokenFacts, ChainError> {
		let at = self.api.at_current_block().await.map_err(rpc)?;
		let course = at
			.storage()
			.try_fetch(
				dynamic::storage::<(u32,), CourseRecord>("Courses", "Courses"),
				(view.course,),
			)
			.await
			.map_err(rpc)?
			.ok_or_else(|| ChainError::NotFound(format!("course {}", view.course)))?
			.decode()
			.map_err(decode)?;
		let assessment = at
			.storage()
			.try_fetch(
				dynamic::storage::<(u32, u32, u8), Assessment>("Courses", "Assessments"),
				(view.course, view.guide_version, view.assessment),
			)
			.await
			.map_err(rpc)?
			.ok_or_else(|| ChainError::NotFound(format!("assessment {}", view.assessment)))?
			.decode()
			.map_err(decode)?;
		let institution = self
			.institution(&view.institution)
			.await?
			.ok_or_else(|| ChainError::NotFound("institution of the token".into()))?;
		// A token issued before the institution registered any key is signed by its first key.
		let signing_key = institution
			.signing_key_at(view.issued_at)
			.or_else(|| institution.signing_keys.first().map(|period| period.key))
			.ok_or_else(|| ChainError::NotFound("a signing key of the institution".into()))?;

		let (unit, max_points) = match view.unit {
			Some(index) => {
				let unit = at
					.storage()
					.try_fetch(
						dynamic::storage::<(u32, u16), UnitRecord>("Courses", "Units"),
						(view.course, index),
					)
					.await
					.map_err(rpc)?
					.ok_or_else(|| ChainError::NotFound(format!("unit {index}")))?
					.decode()
					.map_err(decode)?;
				let share =
					assessment.units.iter().find(|share| share.unit == index).ok_or_else(|| {
						ChainError::NotFound(format!("unit {index} in the assessment"))
					})?;
				let max = match view.kind {
					TokenKind::Attendance => share.max.attendance,
					_ => share.max.score,
				};
				let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
				(Some((index, text(&unit.skill), text(&unit.title))), max)
			},
			None => (None, assessment.max_instructor_feedback),
		};

		let record = {
			let call = dynamic::runtime_api_call::<_, Option<RecordView>>(
				"LearnerApi",
				"lifecycle",
				(view.course, view.learner.0, view.assessment),
			);
			at.runtime_apis().call(call).await.map_err(decode)?
		};
		let mut steps = Vec::new();
		if let Some(record) = record {
			match view.unit {
				Some(index) => {
					if let Some(unit) = record.units.iter().find(|u| u.record.unit == index) {
						let unit = &unit.record;
						let mut push = |name: &str, block: Option<BlockOf>| {
							if let Some(block) = block {
								steps.push(Step { name: name.into(), block: block.block.into() });
							}
						};
						push("conveyed", Some(unit.conveyed));
						push("acquired", unit.acquired);
						push("assessed", unit.assessed);
						push("responded", unit.responded);
						push("awarded", unit.awarded);
					}
				},
				None => {
					for rating in record.ratings.iter().filter(|r| r.instructor == view.holder) {
						steps.push(Step { name: "rated".into(), block: rating.block.into() });
					}
				},
			}
		}

		Ok(TokenFacts {
			genesis_hash: self.genesis_hash(),
			token: view.id,
			kind: view.kind.into(),
			holder: view.holder.to_string(),
			points: view.points,
			max_points,
			course: view.course,
			course_title: String::from_utf8_lossy(&course.title).into_owned(),
			cip_code: String::from_utf8_lossy(&view.cip_code).into_owned(),
			assessment: view.assessment,
			unit,
			guide_version: view.guide_version,
			issued_at_block: view.issued_at.into(),
			issued_at: self.block_time(view.issued_at).await?,
			steps,
			institution: Institution {
				signing_key,
				name: String::from_utf8_lossy(&institution.name).into_owned(),
				url: String::from_utf8_lossy(&institution.uri).into_owned(),
			},
		})
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn block_times_are_xsd_date_times() {
		assert_eq!(xsd_date_time(0), "1970-01-01T00:00:00Z");
		assert_eq!(xsd_date_time(951_782_400_000), "2000-02-29T00:00:00Z");
		assert_eq!(xsd_date_time(1_796_212_800_123), "2026-12-02T12:00:00Z");
	}
}

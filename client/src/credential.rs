//! A Learning Token as an Open Badges 3.0 `OpenBadgeCredential` (a W3C Verifiable Credential
//! 2.0), from what the chain says of it ([`TokenFacts`]).
//!
//! - `issuer`: the institution as the `did:key` of the ed25519 key it registered on chain, a
//!   `Profile` with the name and URL from the registry.
//! - `credentialSubject`: an `AchievementSubject` whose `id` is the learner's account as a
//!   `did:pkh` (CAIP-10, the `polkadot` namespace: the first 16 bytes of the chain's genesis
//!   hash, then the SS58 address): the wallet that holds the account's key can prove it is the
//!   subject by signing a challenge with that key, and the chain, named by its genesis hash,
//!   holds the token under that account.
//! - `achievement`: the unit of competency of the course (`Competency`), with the course and the
//!   unit in its name and description, the guide's rule as its criteria, and `alignment`s to
//!   the CIP 2020 code and to the skill identifier; its `resultDescription` gives the guide's
//!   maximum for the token's kind.
//! - `result`: the points earned (a `RawScore` against that maximum).
//! - `evidence`: where the chain holds it: genesis hash, token id, the blocks of its steps.
//! - `credentialStatus`: a `BitstringStatusListEntry` at the token's id in the institution's
//!   status list credential ([`crate::status`]).
//!
//! Help is a balance, not a badge: there is no credential of a Help account.

use crate::{did, status};
use serde_json::{json, Value};

/// What a token records, by the kind of its points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
	/// Attendance points of a unit, minted at the convey step.
	Attendance,
	/// Score points of a unit, minted at the award step.
	Score,
	/// Points a learner gave an instructor (the holder) for an assessment.
	InstructorScore,
}

impl Kind {
	/// The kind's name, as the chain's `TokenKind` spells it.
	pub fn name(self) -> &'static str {
		match self {
			Self::Attendance => "Attendance",
			Self::Score => "Score",
			Self::InstructorScore => "InstructorScore",
		}
	}

	/// The kind in words, for names and descriptions.
	fn words(self) -> &'static str {
		match self {
			Self::Attendance => "attendance",
			Self::Score => "score",
			Self::InstructorScore => "instructor feedback",
		}
	}
}

/// The institution, as the registry has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Institution {
	/// The ed25519 key it signs credentials with (registered on chain).
	pub signing_key: [u8; 32],
	/// Its name.
	pub name: String,
	/// Where it publishes more about itself (empty if nothing).
	pub url: String,
}

/// One step of the token's lifecycle and the block it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
	/// `conveyed`, `acquired`, `assessed`, `responded`, `awarded`, `rated`.
	pub name: String,
	/// The block number.
	pub block: u64,
}

/// Everything the chain says that goes into a token's credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenFacts {
	/// The chain's genesis hash, `0x` and 64 hex digits.
	pub genesis_hash: String,
	/// The token's id.
	pub token: u64,
	/// Its kind.
	pub kind: Kind,
	/// The holder's SS58 address.
	pub holder: String,
	/// The points it records.
	pub points: u32,
	/// The most points of this kind the guide allows for it.
	pub max_points: u32,
	/// The course's id, title and CIP 2020 code.
	pub course: u32,
	/// The course's title.
	pub course_title: String,
	/// The course's CIP 2020 code, e.g. `11.0701`.
	pub cip_code: String,
	/// The assessment's index in the guide.
	pub assessment: u8,
	/// The unit's index, skill identifier and title (`None` for an instructor score).
	pub unit: Option<(u16, String, String)>,
	/// The guide version it was earned under.
	pub guide_version: u32,
	/// The block it was issued in and that block's time (an XML Schema `dateTime`).
	pub issued_at_block: u64,
	/// When the block was made.
	pub issued_at: String,
	/// The steps of its lifecycle, in order.
	pub steps: Vec<Step>,
	/// The institution that issued it.
	pub institution: Institution,
}

/// The `did:pkh` of an account on the chain of `genesis_hash` (CAIP-10, `polkadot`
/// namespace: the genesis hash's first 32 hex digits).
pub fn account_did(genesis_hash: &str, address: &str) -> String {
	let hex = genesis_hash.trim_start_matches("0x");
	let reference = hex.get(..32).unwrap_or(hex);
	format!("did:pkh:polkadot:{reference}:{address}")
}

/// The `urn:` that names a thing of the chain of `genesis_hash`, e.g. `token:42`.
fn chain_urn(genesis_hash: &str, what: &str) -> String {
	format!("urn:learning-tokens:{}:{what}", genesis_hash.trim_start_matches("0x"))
}

/// The CIP 2020 page of `code` at the National Center for Education Statistics.
fn cip_url(code: &str) -> String {
	format!("https://nces.ed.gov/ipeds/cipcode/cipdetail.aspx?y=56&cip={code}")
}

/// The unsigned `OpenBadgeCredential` of `facts`, with its status at the token's id in the
/// status list credential at `status_list_url`. Sign it with [`crate::proof::sign`].
pub fn open_badge(facts: &TokenFacts, status_list_url: &str) -> Value {
	let genesis = &facts.genesis_hash;
	let issuer = did::did_key(&facts.institution.signing_key);
	let kind = facts.kind.words();
	let (achievement_id, name, description, mut alignment) = match &facts.unit {
		Some((index, skill, title)) => {
			let skill_alignment = {
				let mut alignment = json!({
					"type": ["Alignment"],
					"targetName": title,
					"targetCode": skill,
					"targetType": "ceasn:Competency",
				});
				// `targetUrl` is required; a skill identifier that is not a URL is named by
				// the course's unit on this chain instead.
				alignment["targetUrl"] =
					if skill.starts_with("http://") || skill.starts_with("https://") {
						json!(skill)
					} else {
						json!(chain_urn(genesis, &format!("course:{}:unit:{index}", facts.course)))
					};
				alignment
			};
			(
				chain_urn(genesis, &format!("course:{}:unit:{index}:{}", facts.course, facts.kind.name())),
				format!("{title}: {kind}"),
				format!(
					"The {kind} points of the unit of competency \"{title}\" ({skill}) in the course \"{}\", assessment {} of its scoring guide (version {}).",
					facts.course_title, facts.assessment, facts.guide_version
				),
				vec![skill_alignment],
			)
		},
		None => (
			chain_urn(
				genesis,
				&format!("course:{}:assessment:{}:InstructorScore", facts.course, facts.assessment),
			),
			format!("{}: instructor feedback", facts.course_title),
			format!(
				"The points learners gave the instructor for assessment {} of the course \"{}\".",
				facts.assessment, facts.course_title
			),
			Vec::new(),
		),
	};
	alignment.push(json!({
		"type": ["Alignment"],
		"targetName": format!("CIP 2020 {}", facts.cip_code),
		"targetCode": facts.cip_code,
		"targetFramework": "Classification of Instructional Programs 2020",
		"targetType": "ext:CIP2020",
		"targetUrl": cip_url(&facts.cip_code),
	}));
	let result_description = format!("{achievement_id}:result");
	let steps: Vec<String> = facts
		.steps
		.iter()
		.map(|step| format!("{} in block #{}", step.name, step.block))
		.collect();

	let mut issuer_profile = json!({
		"id": issuer,
		"type": ["Profile"],
		"name": facts.institution.name,
	});
	if !facts.institution.url.is_empty() {
		issuer_profile["url"] = json!(facts.institution.url);
	}

	json!({
		"@context": [crate::jsonld::CREDENTIALS_V2, crate::jsonld::OPEN_BADGES_V3],
		"id": chain_urn(genesis, &format!("token:{}", facts.token)),
		"type": ["VerifiableCredential", "OpenBadgeCredential"],
		"name": name,
		"description": description,
		"issuer": issuer_profile,
		"validFrom": facts.issued_at,
		"credentialSubject": {
			"id": account_did(genesis, &facts.holder),
			"type": ["AchievementSubject"],
			"achievement": {
				"id": achievement_id,
				"type": ["Achievement"],
				"achievementType": "Competency",
				"name": name,
				"description": description,
				"criteria": {
					"narrative": format!(
						"Earned through the Learning Tokens lifecycle of the course's scoring guide (version {}): at most {} {kind} points.",
						facts.guide_version, facts.max_points
					),
				},
				"alignment": alignment,
				"resultDescription": [{
					"id": result_description,
					"type": ["ResultDescription"],
					"name": format!("{} points", facts.kind.name()),
					"resultType": "RawScore",
					"valueMin": "0",
					"valueMax": facts.max_points.to_string(),
				}],
			},
			"result": [{
				"type": ["Result"],
				"resultDescription": result_description,
				"value": facts.points.to_string(),
			}],
		},
		"evidence": [{
			"id": chain_urn(genesis, &format!("token:{}:record", facts.token)),
			"type": ["Evidence"],
			"name": format!("Learning Token {} on chain {genesis}", facts.token),
			"description": format!(
				"Token {} ({}), issued in block #{} of the chain whose genesis hash is {genesis}.",
				facts.token, facts.kind.name(), facts.issued_at_block
			),
			"narrative": format!("Lifecycle steps: {}.", steps.join("; ")),
			"genre": "Blockchain record",
		}],
		"credentialStatus": status::entry(status_list_url, facts.token),
	})
}

#[cfg(test)]
pub(crate) mod tests {
	use super::*;
	use crate::{jsonld::Contexts, proof};

	/// A Score token of the worked example.
	pub(crate) fn facts(signing_key: [u8; 32]) -> TokenFacts {
		TokenFacts {
			genesis_hash: format!("0x{}", "ab".repeat(32)),
			token: 42,
			kind: Kind::Score,
			holder: "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY".into(),
			points: 12,
			max_points: 15,
			course: 0,
			course_title: "Algorithms".into(),
			cip_code: "11.0701".into(),
			assessment: 0,
			unit: Some((0, "http://data.europa.eu/esco/skill/sorting".into(), "Sorting".into())),
			guide_version: 1,
			issued_at_block: 120,
			issued_at: "2026-12-02T10:00:00Z".into(),
			steps: vec![
				Step { name: "conveyed".into(), block: 100 },
				Step { name: "awarded".into(), block: 120 },
			],
			institution: Institution {
				signing_key,
				name: "Open Learning Institute".into(),
				url: "https://open-learning.example".into(),
			},
		}
	}

	#[test]
	fn a_badge_of_a_token_names_the_chain_learner_unit_and_points() {
		let badge = open_badge(&facts([3; 32]), "http://127.0.0.1:8080/status");
		let genesis = "ab".repeat(32);
		assert_eq!(badge["id"], format!("urn:learning-tokens:{genesis}:token:42"));
		assert_eq!(badge["issuer"]["id"], did::did_key(&[3; 32]));
		assert_eq!(
			badge["credentialSubject"]["id"],
			format!(
				"did:pkh:polkadot:{}:5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
				&genesis[..32]
			)
		);
		let achievement = &badge["credentialSubject"]["achievement"];
		assert_eq!(
			achievement["alignment"][0]["targetUrl"],
			"http://data.europa.eu/esco/skill/sorting"
		);
		assert_eq!(achievement["alignment"][1]["targetCode"], "11.0701");
		assert_eq!(achievement["resultDescription"][0]["valueMax"], "15");
		assert_eq!(badge["credentialSubject"]["result"][0]["value"], "12");
		assert_eq!(badge["credentialStatus"]["statusListIndex"], "42");
		assert!(badge["evidence"][0]["narrative"]
			.as_str()
			.unwrap()
			.contains("awarded in block #120"));
	}

	#[test]
	fn a_badge_uses_only_defined_terms_and_signs_and_verifies() {
		let key = ed25519_dalek::SigningKey::from_bytes(&[5; 32]);
		let badge =
			open_badge(&facts(key.verifying_key().to_bytes()), "http://127.0.0.1:8080/status");
		let contexts = Contexts::bundled();
		let options = proof::ProofOptions::assertion(&key.verifying_key(), "2026-12-02T10:00:01Z");
		let signed = proof::sign(&contexts, &badge, &key, &options).unwrap();
		let verified = proof::verify(&contexts, &signed).unwrap();
		assert_eq!(verified.public_key, key.verifying_key().to_bytes());
		// Every value made it into the signed data: changing the points breaks the proof.
		let mut changed = signed.clone();
		changed["credentialSubject"]["result"][0]["value"] = "15".into();
		assert_eq!(proof::verify(&contexts, &changed), Err(proof::ProofError::InvalidSignature));
	}

	#[test]
	fn an_instructor_score_badge_has_no_unit_but_the_course_alignment() {
		let mut facts = facts([3; 32]);
		facts.kind = Kind::InstructorScore;
		facts.unit = None;
		let badge = open_badge(&facts, "http://127.0.0.1:8080/status");
		let alignment = badge["credentialSubject"]["achievement"]["alignment"].as_array().unwrap();
		assert_eq!(alignment.len(), 1);
		assert_eq!(badge["name"], "Algorithms: instructor feedback");
		assert!(Contexts::bundled().canonical_nquads(&badge).is_ok());
	}
}

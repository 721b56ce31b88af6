//! Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C *Data Integrity EdDSA
//! Cryptosuites v1.0*): what both the Digital Credentials Consortium's verifier and 1EdTech's
//! Open Badges 3.0 conformance accept.
//!
//! To sign a document (a credential without `proof`):
//!
//! 1. the proof configuration is the proof's options (`type` `DataIntegrityProof`,
//!    `cryptosuite`, `created`, `verificationMethod`, `proofPurpose`) with the document's
//!    `@context`;
//! 2. both are canonicalized (RDFC-1.0, [`crate::jsonld`]) and hashed with SHA-256;
//! 3. the signature is Ed25519 over the proof configuration's hash followed by the document's
//!    (64 bytes), and `proofValue` is `z` + base58btc(signature).
//!
//! Verifying repeats the steps with the proof's own options and checks the signature with the
//! key of its `verificationMethod` (a `did:key`).

use crate::{
	did::{self, DidError},
	jsonld::{CanonError, Contexts},
};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::fmt;

/// The proof type.
pub const PROOF_TYPE: &str = "DataIntegrityProof";
/// The cryptosuite.
pub const CRYPTOSUITE: &str = "eddsa-rdfc-2022";
/// The proof purpose of a credential's proof.
pub const ASSERTION_METHOD: &str = "assertionMethod";

/// The options of a proof.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofOptions {
	/// When the proof was made: an XML Schema `dateTime`, e.g. `2026-12-02T10:00:00Z`.
	pub created: String,
	/// The key that signs: `did:key:X#X`.
	pub verification_method: String,
	/// Why it signs: [`ASSERTION_METHOD`] for credentials.
	pub proof_purpose: String,
}

impl ProofOptions {
	/// An assertion by `key`, made at `created`.
	pub fn assertion(key: &VerifyingKey, created: impl Into<String>) -> Self {
		Self {
			created: created.into(),
			verification_method: did::verification_method(key.as_bytes()),
			proof_purpose: ASSERTION_METHOD.into(),
		}
	}

	/// The proof object without its value, in the order the specification lists the fields.
	fn to_object(&self) -> Map<String, Value> {
		let mut proof = Map::new();
		proof.insert("type".into(), PROOF_TYPE.into());
		proof.insert("cryptosuite".into(), CRYPTOSUITE.into());
		proof.insert("created".into(), self.created.clone().into());
		proof.insert("verificationMethod".into(), self.verification_method.clone().into());
		proof.insert("proofPurpose".into(), self.proof_purpose.clone().into());
		proof
	}
}

/// Why a proof was not made or does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProofError {
	/// The document is not a JSON object, or has no `@context`.
	NotADocument(String),
	/// The document has no `proof`, or it is not one object.
	NoProof,
	/// The proof is not `DataIntegrityProof` with `eddsa-rdfc-2022`, or lacks a field.
	UnsupportedProof(String),
	/// The verification method is not a `did:key` of an Ed25519 key.
	VerificationMethod(DidError),
	/// `proofValue` is not `z` + base58btc of 64 bytes.
	BadProofValue(String),
	/// The document or the proof configuration could not be canonicalized.
	Canonicalization(CanonError),
	/// The signature does not match the document: it was changed, or signed by another key.
	InvalidSignature,
}

impl fmt::Display for ProofError {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		match self {
			Self::NotADocument(why) => write!(f, "not a credential document: {why}"),
			Self::NoProof => write!(f, "the document has no proof"),
			Self::UnsupportedProof(why) => write!(f, "unsupported proof: {why}"),
			Self::VerificationMethod(error) => write!(f, "verification method: {error}"),
			Self::BadProofValue(why) => write!(f, "proofValue: {why}"),
			Self::Canonicalization(error) => write!(f, "canonicalization: {error}"),
			Self::InvalidSignature => {
				write!(f, "the signature does not match the document and its key")
			},
		}
	}
}

impl std::error::Error for ProofError {}

impl From<CanonError> for ProofError {
	fn from(error: CanonError) -> Self {
		Self::Canonicalization(error)
	}
}

/// What a valid proof says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedProof {
	/// The verification method that signed.
	pub verification_method: String,
	/// Its Ed25519 public key.
	pub public_key: [u8; 32],
	/// When the proof says it was made.
	pub created: Option<String>,
	/// The proof's purpose.
	pub proof_purpose: String,
}

/// The 64 bytes that are signed: SHA-256 of the canonical proof configuration, then SHA-256 of
/// the canonical document. `document` has no `proof`; `proof_config` has no `proofValue` and
/// already carries the document's `@context`.
pub fn hash_data(
	contexts: &Contexts,
	document: &Value,
	proof_config: &Value,
) -> Result<[u8; 64], ProofError> {
	let config_hash = Sha256::digest(contexts.canonical_nquads(proof_config)?.as_bytes());
	let document_hash = Sha256::digest(contexts.canonical_nquads(document)?.as_bytes());
	let mut data = [0u8; 64];
	let (first, second) = data.split_at_mut(32);
	first.copy_from_slice(&config_hash);
	second.copy_from_slice(&document_hash);
	Ok(data)
}

/// The document's `@context`, which the proof configuration takes.
fn context_of(document: &Value) -> Result<Value, ProofError> {
	let object = document
		.as_object()
		.ok_or_else(|| ProofError::NotADocument("not an object".into()))?;
	object
		.get("@context")
		.cloned()
		.ok_or_else(|| ProofError::NotADocument("no @context".into()))
}

/// Whether `text` is an XML Schema `dateTime` of the form `YYYY-MM-DDThh:mm:ssZ`.
fn is_utc_date_time(text: &str) -> bool {
	let bytes = text.as_bytes();
	bytes.len() == 20
		&& bytes.iter().enumerate().all(|(index, byte)| match index {
			4 | 7 => *byte == b'-',
			10 => *byte == b'T',
			13 | 16 => *byte == b':',
			19 => *byte == b'Z',
			_ => byte.is_ascii_digit(),
		})
}

/// `document` (which must not have a proof yet) signed by `key` with `options`: the document
/// with its `proof`.
pub fn sign(
	contexts: &Contexts,
	document: &Value,
	key: &SigningKey,
	options: &ProofOptions,
) -> Result<Value, ProofError> {
	let context = context_of(document)?;
	if document.get("proof").is_some() {
		return Err(ProofError::NotADocument("it has a proof already".into()));
	}
	let mut config = options.to_object();
	config.insert("@context".into(), context);
	let data = hash_data(contexts, document, &Value::Object(config))?;
	let signature = key.sign(&data);

	let mut proof = options.to_object();
	proof.insert(
		"proofValue".into(),
		format!("z{}", bs58::encode(signature.to_bytes()).into_string()).into(),
	);
	let mut secured = document.clone();
	if let Value::Object(map) = &mut secured {
		map.insert("proof".into(), Value::Object(proof));
	}
	Ok(secured)
}

/// Checks the `eddsa-rdfc-2022` proof of `secured` against the key of its verification
/// method; returns what the proof says.
pub fn verify(contexts: &Contexts, secured: &Value) -> Result<VerifiedProof, ProofError> {
	let context = context_of(secured)?;
	let mut document = secured.clone();
	let proof = match document.as_object_mut().and_then(|map| map.remove("proof")) {
		Some(Value::Object(proof)) => proof,
		Some(Value::Array(_)) => {
			return Err(ProofError::UnsupportedProof(
				"a list of proofs: one proof object is expected".into(),
			))
		},
		_ => return Err(ProofError::NoProof),
	};
	// A proof may carry a `@context`; it must then be where the document's starts.
	if let Some(own) = proof.get("@context") {
		let listed = |value: &Value| match value {
			Value::Array(items) => items.clone(),
			other => vec![other.clone()],
		};
		let (own, document_context) = (listed(own), listed(&context));
		if !document_context.starts_with(&own) {
			return Err(ProofError::UnsupportedProof(
				"the proof's @context does not begin the document's".into(),
			));
		}
	}
	let field = |name: &str| -> Result<&str, ProofError> {
		proof
			.get(name)
			.and_then(Value::as_str)
			.ok_or_else(|| ProofError::UnsupportedProof(format!("no {name}")))
	};
	if field("type")? != PROOF_TYPE {
		return Err(ProofError::UnsupportedProof(format!("type {}", field("type")?)));
	}
	if field("cryptosuite")? != CRYPTOSUITE {
		return Err(ProofError::UnsupportedProof(format!("cryptosuite {}", field("cryptosuite")?)));
	}
	let verification_method = field("verificationMethod")?.to_owned();
	let proof_purpose = field("proofPurpose")?.to_owned();
	if proof_purpose != ASSERTION_METHOD {
		return Err(ProofError::UnsupportedProof(format!(
			"proof purpose {proof_purpose}: a credential's proof is an {ASSERTION_METHOD}"
		)));
	}
	if let Some(expires) = proof.get("expires") {
		let expires = expires.as_str().unwrap_or_default();
		if !is_utc_date_time(expires) {
			return Err(ProofError::UnsupportedProof(format!(
				"expires {expires:?}: expected YYYY-MM-DDThh:mm:ssZ"
			)));
		}
		let now = std::time::SystemTime::now()
			.duration_since(std::time::UNIX_EPOCH)
			.map(|elapsed| elapsed.as_millis() as u64)
			.unwrap_or_default();
		// Same format, so the text order is the time order.
		if expires <= crate::chain::xsd_date_time(now).as_str() {
			return Err(ProofError::UnsupportedProof(format!("the proof expired at {expires}")));
		}
	}
	let value = field("proofValue")?;
	let public_key =
		did::public_key_of_did(&verification_method).map_err(ProofError::VerificationMethod)?;
	let signature = value
		.strip_prefix('z')
		.and_then(|body| bs58::decode(body).into_vec().ok())
		.and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
		.map(|bytes| Signature::from_bytes(&bytes))
		.ok_or_else(|| ProofError::BadProofValue("not z + base58btc of 64 bytes".into()))?;

	let mut config = proof.clone();
	config.remove("proofValue");
	config.insert("@context".into(), context);
	let data = hash_data(contexts, &document, &Value::Object(config))?;
	let key = VerifyingKey::from_bytes(&public_key).map_err(|_| {
		ProofError::VerificationMethod(DidError::NotEd25519(verification_method.clone()))
	})?;
	key.verify_strict(&data, &signature).map_err(|_| ProofError::InvalidSignature)?;

	Ok(VerifiedProof {
		verification_method,
		public_key,
		created: proof.get("created").and_then(Value::as_str).map(str::to_owned),
		proof_purpose,
	})
}

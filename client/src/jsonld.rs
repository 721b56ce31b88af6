//! JSON-LD documents to canonical N-Quads (RDF Dataset Canonicalization, RDFC-1.0, SHA-256),
//! with bundled contexts only: nothing is ever fetched.
//!
//! The route is `oxjsonld` (JSON-LD 1.1 to RDF) and `oxrdf`'s RDFC-1.0 (feature `rdfc-10`): no
//! network code, a few dozen small crates, and the W3C JSON-LD toRdf and RDFC-1.0 test suites
//! run upstream. Three things it does differently from the JavaScript stack that verifiers
//! (jsonld.js in safe mode, rdf-canonize) use are checked here before a document is
//! canonicalized, so that we never sign or accept a document that those verifiers would read
//! differently:
//!
//! - **Undefined terms**: JSON-LD drops a key that no context defines, so it would be neither
//!   signed nor checked; jsonld.js's safe mode refuses such a document, and so do we
//!   ([`CanonError::UndefinedTerm`]).
//! - **Two type-scoped contexts on one node**: `oxjsonld` 0.2.7 applies only the last of a
//!   node's types' scoped contexts (its `map_types` starts each from the same context), so a
//!   node typed, say, `["Person", "EmployablePerson"]`, both with scoped contexts, loses terms.
//!   We refuse such a node ([`CanonError::SeveralScopedTypes`]); Open Badges credentials never
//!   have one (`["VerifiableCredential", "OpenBadgeCredential"]`: only the first is scoped).
//! - **Dataset poisoning**: RDFC-1.0 is exponential in the worst case of many
//!   indistinguishable blank nodes; documents are bounded in size, quads and blank nodes.

use oxjsonld::{JsonLdParser, JsonLdRemoteDocument};
use oxrdf::{
	dataset::{CanonicalizationAlgorithm, CanonicalizationHashAlgorithm},
	Dataset, NamedOrBlankNode, Term,
};
use serde_json::Value;
use std::{
	collections::{BTreeMap, BTreeSet},
	fmt,
	sync::Arc,
};

/// The VC 2.0 base context.
pub const CREDENTIALS_V2: &str = "https://www.w3.org/ns/credentials/v2";
/// The Open Badges 3.0 context (3.0.3, the version the specification requires).
pub const OPEN_BADGES_V3: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

/// The contexts every [`Contexts::bundled`] set has.
const BUNDLED: [(&str, &[u8]); 2] = [
	(CREDENTIALS_V2, include_bytes!("../contexts/credentials-v2.jsonld")),
	(OPEN_BADGES_V3, include_bytes!("../contexts/ob-v3p0-context-3.0.3.json")),
];

/// The largest document canonicalized, in bytes of its JSON.
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024;
/// The most quads a document may have.
pub const MAX_QUADS: usize = 4_096;
/// The most blank nodes a document may have.
pub const MAX_BLANK_NODES: usize = 64;
/// The longest a document's canonicalization may take.
pub const CANONICALIZATION_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Why a document was not canonicalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CanonError {
	/// The document (or a context) is not what JSON-LD expects.
	JsonLd(String),
	/// The document names a context that is not bundled.
	UnknownContext(String),
	/// A key (or a type) that no context of the document defines: it would not be signed.
	UndefinedTerm(String),
	/// One node has several types whose contexts are type-scoped (not supported, see the
	/// module docs).
	SeveralScopedTypes(Vec<String>),
	/// Bigger than [`MAX_DOCUMENT_BYTES`], [`MAX_QUADS`] or [`MAX_BLANK_NODES`].
	TooLarge(String),
}

impl fmt::Display for CanonError {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		match self {
			Self::JsonLd(why) => write!(f, "not valid JSON-LD: {why}"),
			Self::UnknownContext(url) => write!(f, "the context {url} is not bundled"),
			Self::UndefinedTerm(term) => {
				write!(
					f,
					"{term:?} is defined by no context of the document, so it would not be signed"
				)
			},
			Self::SeveralScopedTypes(types) => write!(
				f,
				"one node has the types {types:?}, each with a type-scoped context: not supported"
			),
			Self::TooLarge(what) => write!(f, "the document is too large: {what}"),
		}
	}
}

impl std::error::Error for CanonError {}

/// What one context document defines, as far as the checks need.
#[derive(Debug, Clone, Default)]
struct Defines {
	/// Every term defined, at any depth (scoped contexts included).
	terms: BTreeSet<String>,
	/// Terms whose definition carries its own context (type- or property-scoped).
	scoped: BTreeSet<String>,
	/// Whether it sets `@vocab`: every term is then defined.
	vocab: bool,
}

impl Defines {
	/// Adds what the context value `context` (an object, a URL or a list of them) defines;
	/// URLs are looked up in `known`.
	fn add(
		&mut self,
		context: &Value,
		known: &BTreeMap<String, Defines>,
	) -> Result<(), CanonError> {
		match context {
			Value::Array(items) => items.iter().try_for_each(|item| self.add(item, known)),
			Value::String(url) => {
				let found =
					known.get(url).ok_or_else(|| CanonError::UnknownContext(url.clone()))?;
				self.terms.extend(found.terms.iter().cloned());
				self.scoped.extend(found.scoped.iter().cloned());
				self.vocab |= found.vocab;
				Ok(())
			},
			Value::Object(definitions) => {
				for (term, definition) in definitions {
					if term == "@vocab" {
						self.vocab = true;
					}
					if term.starts_with('@') {
						continue;
					}
					self.terms.insert(term.clone());
					if let Some(scoped) = definition.get("@context") {
						self.scoped.insert(term.clone());
						self.add(scoped, known)?;
					}
				}
				Ok(())
			},
			Value::Null => Ok(()),
			other => Err(CanonError::JsonLd(format!("a context cannot be {other}"))),
		}
	}
}

/// A set of JSON-LD contexts, by URL: the only ones a document may use.
#[derive(Clone)]
pub struct Contexts {
	documents: Arc<BTreeMap<String, Vec<u8>>>,
	defines: BTreeMap<String, Defines>,
}

impl fmt::Debug for Contexts {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		f.debug_list().entries(self.documents.keys()).finish()
	}
}

impl Contexts {
	/// The VC 2.0 and Open Badges 3.0.3 contexts.
	pub fn bundled() -> Self {
		let mut contexts = Self { documents: Arc::default(), defines: BTreeMap::new() };
		for (url, bytes) in BUNDLED {
			// The bundled files are checked by this crate's tests.
			if let Err(error) = contexts.add(url, bytes) {
				unreachable!("the bundled context {url} is valid: {error}");
			}
		}
		contexts
	}

	/// Adds the context document `bytes` (a JSON object with `@context`) under `url`.
	pub fn add(&mut self, url: &str, bytes: &[u8]) -> Result<(), CanonError> {
		let document: Value = serde_json::from_slice(bytes)
			.map_err(|e| CanonError::JsonLd(format!("the context {url}: {e}")))?;
		let context = document
			.get("@context")
			.ok_or_else(|| CanonError::JsonLd(format!("the context {url} has no @context")))?;
		let mut defines = Defines::default();
		defines.add(context, &self.defines)?;
		self.defines.insert(url.to_owned(), defines);
		Arc::make_mut(&mut self.documents).insert(url.to_owned(), bytes.to_vec());
		Ok(())
	}

	/// `self` with one more context, for a builder-style set-up.
	pub fn with(mut self, url: &str, bytes: &[u8]) -> Result<Self, CanonError> {
		self.add(url, bytes)?;
		Ok(self)
	}

	/// The canonical N-Quads of `document` (RDFC-1.0 with SHA-256), one quad a line, sorted.
	pub fn canonical_nquads(&self, document: &Value) -> Result<String, CanonError> {
		let bytes = serde_json::to_vec(document).map_err(|e| CanonError::JsonLd(e.to_string()))?;
		if bytes.len() > MAX_DOCUMENT_BYTES {
			return Err(CanonError::TooLarge(format!(
				"{} bytes, at most {MAX_DOCUMENT_BYTES}",
				bytes.len()
			)));
		}
		self.check_terms(document)?;

		let documents = Arc::clone(&self.documents);
		let mut dataset = Dataset::new();
		let mut blank_nodes = BTreeSet::new();
		let quads = JsonLdParser::new().for_slice(&bytes).with_load_document_callback(
			move |url, _options| match documents.get(url) {
				Some(document) => Ok(JsonLdRemoteDocument {
					document: document.clone(),
					document_url: url.to_owned(),
				}),
				None => Err(format!("the context {url} is not bundled").into()),
			},
		);
		for quad in quads {
			let quad = quad.map_err(|e| CanonError::JsonLd(e.to_string()))?;
			if let NamedOrBlankNode::BlankNode(node) = &quad.subject {
				blank_nodes.insert(node.as_str().to_owned());
			}
			if let Term::BlankNode(node) = &quad.object {
				blank_nodes.insert(node.as_str().to_owned());
			}
			if let oxrdf::GraphName::BlankNode(node) = &quad.graph_name {
				blank_nodes.insert(node.as_str().to_owned());
			}
			if blank_nodes.len() > MAX_BLANK_NODES {
				return Err(CanonError::TooLarge(format!(
					"more than {MAX_BLANK_NODES} blank nodes"
				)));
			}
			dataset.insert(&quad);
			if dataset.len() > MAX_QUADS {
				return Err(CanonError::TooLarge(format!("more than {MAX_QUADS} quads")));
			}
		}

		// RDFC-1.0 is exponential on crafted blank-node structures: canonicalize in a thread and
		// give up after CANONICALIZATION_TIMEOUT (the thread is left to finish on its own).
		let (done, result) = std::sync::mpsc::channel();
		std::thread::spawn(move || {
			dataset.canonicalize(CanonicalizationAlgorithm::Rdfc10 {
				hash_algorithm: CanonicalizationHashAlgorithm::Sha256,
			});
			let mut lines: Vec<String> = dataset.iter().map(|quad| format!("{quad} .\n")).collect();
			// Code point order is UTF-8 byte order: the canonical order of N-Quads lines.
			lines.sort();
			let _ = done.send(lines.concat());
		});
		result.recv_timeout(CANONICALIZATION_TIMEOUT).map_err(|_| {
			CanonError::TooLarge(format!(
				"its blank nodes take more than {} s to canonicalize",
				CANONICALIZATION_TIMEOUT.as_secs()
			))
		})
	}

	/// The checks of the module docs: every key and type is defined, and no node has two
	/// type-scoped types.
	fn check_terms(&self, document: &Value) -> Result<(), CanonError> {
		let mut defines = Defines::default();
		// Every context the document uses, wherever it sits: a superset of each node's
		// active context, enough to find terms that nothing defines.
		collect_contexts(document, &mut |context| defines.add(context, &self.defines))?;
		check_node(document, &defines)
	}
}

/// Calls `found` with every `@context` value in `value`.
fn collect_contexts(
	value: &Value,
	found: &mut impl FnMut(&Value) -> Result<(), CanonError>,
) -> Result<(), CanonError> {
	match value {
		Value::Object(map) => {
			for (key, inner) in map {
				if key == "@context" {
					found(inner)?;
				} else {
					collect_contexts(inner, found)?;
				}
			}
			Ok(())
		},
		Value::Array(items) => items.iter().try_for_each(|item| collect_contexts(item, found)),
		_ => Ok(()),
	}
}

/// The JSON-LD 1.1 keywords.
const KEYWORDS: [&str; 23] = [
	"@base",
	"@container",
	"@context",
	"@direction",
	"@graph",
	"@id",
	"@import",
	"@included",
	"@index",
	"@json",
	"@language",
	"@list",
	"@nest",
	"@none",
	"@prefix",
	"@propagate",
	"@protected",
	"@reverse",
	"@set",
	"@type",
	"@value",
	"@version",
	"@vocab",
];

/// Whether `term` needs no definition: a keyword, or an IRI or compact IRI (not a blank node
/// identifier: a key `_:x` is dropped by JSON-LD).
fn is_self_defined(term: &str) -> bool {
	KEYWORDS.contains(&term) || (term.contains(':') && !term.starts_with("_:"))
}

/// Checks the keys and types of `value` and everything in it.
fn check_node(value: &Value, defines: &Defines) -> Result<(), CanonError> {
	match value {
		Value::Object(map) => {
			let mut scoped_types = Vec::new();
			for (key, inner) in map {
				if key == "@context" {
					continue;
				}
				let unknown_keyword = key.starts_with('@') && !KEYWORDS.contains(&key.as_str());
				let blank_key = key.starts_with("_:");
				if unknown_keyword
					|| blank_key || (!defines.vocab
					&& !is_self_defined(key)
					&& !defines.terms.contains(key))
				{
					return Err(CanonError::UndefinedTerm(key.clone()));
				}
				// A literal value object's `@value` is data, not terms.
				if key == "@value" || key == "@json" {
					continue;
				}
				if key == "type" || key == "@type" {
					let types: Vec<&str> = match inner {
						Value::String(one) => vec![one.as_str()],
						Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
						_ => Vec::new(),
					};
					for ty in types {
						if !defines.vocab && !is_self_defined(ty) && !defines.terms.contains(ty) {
							return Err(CanonError::UndefinedTerm(ty.to_owned()));
						}
						if defines.scoped.contains(ty) {
							scoped_types.push(ty.to_owned());
						}
					}
					continue;
				}
				check_node(inner, defines)?;
			}
			if scoped_types.len() > 1 {
				return Err(CanonError::SeveralScopedTypes(scoped_types));
			}
			Ok(())
		},
		Value::Array(items) => items.iter().try_for_each(|item| check_node(item, defines)),
		_ => Ok(()),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::json;
	use sha2::{Digest, Sha256};

	#[test]
	fn the_bundled_vc_context_is_the_one_the_specification_publishes() {
		let digest = Sha256::digest(BUNDLED[0].1);
		assert_eq!(
			hex::encode(digest),
			"59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"
		);
	}

	fn badge(extra: Value) -> Value {
		let mut document = json!({
			"@context": [CREDENTIALS_V2, OPEN_BADGES_V3],
			"id": "urn:uuid:1",
			"type": ["VerifiableCredential", "OpenBadgeCredential"],
			"issuer": { "id": "did:example:issuer", "type": ["Profile"], "name": "Issuer" },
			"validFrom": "2026-01-01T00:00:00Z",
			"credentialSubject": {
				"type": ["AchievementSubject"],
				"achievement": {
					"id": "urn:example:a", "type": ["Achievement"], "name": "A",
					"description": "d", "criteria": { "narrative": "n" }
				}
			}
		});
		if let (Value::Object(base), Value::Object(extra)) = (&mut document, extra) {
			base.extend(extra);
		}
		document
	}

	#[test]
	fn a_badge_canonicalizes_to_sorted_n_quads() {
		let contexts = Contexts::bundled();
		let nquads = contexts.canonical_nquads(&badge(json!({}))).unwrap();
		assert!(nquads
			.contains("<https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential>"));
		let lines: Vec<&str> = nquads.lines().collect();
		assert!(lines.iter().all(|line| line.ends_with(" .")));
		assert!(lines.windows(2).all(|pair| pair[0] <= pair[1]));
		// Blank nodes get their canonical labels.
		assert!(nquads.contains("_:c14n0"));
	}

	#[test]
	fn a_term_no_context_defines_is_refused_not_dropped() {
		let contexts = Contexts::bundled();
		assert_eq!(
			contexts.canonical_nquads(&badge(json!({ "grade": "A+" }))),
			Err(CanonError::UndefinedTerm("grade".into()))
		);
		let mut typed = badge(json!({}));
		typed["credentialSubject"]["type"] = json!(["AchievementSubject", "Alumnus"]);
		assert_eq!(
			contexts.canonical_nquads(&typed),
			Err(CanonError::UndefinedTerm("Alumnus".into()))
		);
		// An IRI needs no definition.
		assert!(contexts
			.canonical_nquads(&badge(json!({ "https://example.org/grade": "A+" })))
			.is_ok());
	}

	#[test]
	fn keys_json_ld_drops_are_refused() {
		let contexts = Contexts::bundled();
		for key in ["_:hidden", "@grade"] {
			let mut document = badge(json!({}));
			document["credentialSubject"][key] = json!("x");
			assert_eq!(
				contexts.canonical_nquads(&document),
				Err(CanonError::UndefinedTerm(key.into())),
				"{key}"
			);
		}
	}

	#[test]
	fn two_type_scoped_types_on_one_node_are_refused() {
		let contexts = Contexts::bundled();
		let mut document = badge(json!({}));
		document["issuer"]["type"] = json!(["Profile", "Achievement"]);
		assert_eq!(
			contexts.canonical_nquads(&document),
			Err(CanonError::SeveralScopedTypes(vec!["Profile".into(), "Achievement".into()]))
		);
	}

	#[test]
	fn a_context_that_is_not_bundled_is_never_fetched() {
		let contexts = Contexts::bundled();
		let mut document = badge(json!({}));
		document["@context"] = json!([CREDENTIALS_V2, "https://example.org/context.jsonld"]);
		assert_eq!(
			contexts.canonical_nquads(&document),
			Err(CanonError::UnknownContext("https://example.org/context.jsonld".into()))
		);
	}

	#[test]
	fn oversized_documents_are_refused() {
		let contexts = Contexts::bundled();
		let long = "x".repeat(MAX_DOCUMENT_BYTES);
		assert!(matches!(
			contexts.canonical_nquads(&badge(json!({ "name": long }))),
			Err(CanonError::TooLarge(_))
		));
		let many: Vec<Value> =
			(0..=MAX_BLANK_NODES).map(|i| json!({ "narrative": format!("{i}") })).collect();
		let mut document = badge(json!({}));
		document["credentialSubject"]["achievement"]["criteria"] = json!(many);
		assert!(matches!(contexts.canonical_nquads(&document), Err(CanonError::TooLarge(_))));
	}
}

//! `did:key` identifiers of Ed25519 keys, and the multibase forms of Ed25519 keys (Multikey).
//!
//! An Ed25519 public key is written `z` + base58btc(`0xed 0x01` + the 32 key bytes), so it
//! starts with `z6Mk`; its DID is `did:key:` + that string, and the key's verification method
//! in the DID document is the DID, `#`, and the same string again. A secret key (its 32-byte
//! seed) is written `z` + base58btc(`0x80 0x26` + the seed).

use core::fmt;

/// The multicodec prefix of an Ed25519 public key (`ed25519-pub`, 0xed, as a varint).
const ED25519_PUB: [u8; 2] = [0xed, 0x01];
/// The multicodec prefix of an Ed25519 secret key (`ed25519-priv`, 0x1300, as a varint).
const ED25519_PRIV: [u8; 2] = [0x80, 0x26];
/// The DID method prefix.
const DID_KEY: &str = "did:key:";

/// Why a DID or a multibase key was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DidError {
	/// Not `did:key:z...`.
	NotDidKey(String),
	/// The multibase string does not start with `z` (base58btc).
	NotBase58Btc(String),
	/// The base58btc text does not decode.
	BadBase58(String),
	/// The decoded bytes are not the expected multicodec prefix and 32 key bytes.
	NotEd25519(String),
	/// The verification method does not belong to the DID: `did:key:X#X` is expected.
	FragmentMismatch(String),
}

impl fmt::Display for DidError {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		match self {
			Self::NotDidKey(s) => write!(f, "{s:?} is not a did:key identifier"),
			Self::NotBase58Btc(s) => write!(f, "{s:?} is not base58btc multibase (no leading 'z')"),
			Self::BadBase58(s) => write!(f, "{s:?} is not valid base58btc"),
			Self::NotEd25519(s) => write!(f, "{s:?} is not a 32-byte Ed25519 key"),
			Self::FragmentMismatch(s) => {
				write!(f, "{s:?} is not the did:key verification method did:key:X#X")
			},
		}
	}
}

impl std::error::Error for DidError {}

/// `z` + base58btc(`prefix` + `key`).
fn multibase(prefix: [u8; 2], key: &[u8; 32]) -> String {
	let mut bytes = Vec::with_capacity(34);
	bytes.extend_from_slice(&prefix);
	bytes.extend_from_slice(key);
	format!("z{}", bs58::encode(bytes).into_string())
}

/// The 32 key bytes of a `z`-multibase string with `prefix`.
fn from_multibase(prefix: [u8; 2], text: &str) -> Result<[u8; 32], DidError> {
	let body = text.strip_prefix('z').ok_or_else(|| DidError::NotBase58Btc(text.into()))?;
	let bytes = bs58::decode(body).into_vec().map_err(|_| DidError::BadBase58(text.into()))?;
	match bytes.split_first_chunk::<2>() {
		Some((found, key)) if *found == prefix => {
			key.try_into().map_err(|_| DidError::NotEd25519(text.into()))
		},
		_ => Err(DidError::NotEd25519(text.into())),
	}
}

/// The Multikey `publicKeyMultibase` of an Ed25519 public key: `z6Mk...`.
pub fn public_key_multibase(public: &[u8; 32]) -> String {
	multibase(ED25519_PUB, public)
}

/// The Ed25519 public key of a `publicKeyMultibase`.
pub fn public_key_from_multibase(text: &str) -> Result<[u8; 32], DidError> {
	from_multibase(ED25519_PUB, text)
}

/// The `secretKeyMultibase` of an Ed25519 secret key (its seed).
pub fn secret_key_multibase(seed: &[u8; 32]) -> String {
	multibase(ED25519_PRIV, seed)
}

/// The Ed25519 seed of a `secretKeyMultibase`.
pub fn secret_key_from_multibase(text: &str) -> Result<[u8; 32], DidError> {
	from_multibase(ED25519_PRIV, text)
}

/// The `did:key` of an Ed25519 public key.
pub fn did_key(public: &[u8; 32]) -> String {
	format!("{DID_KEY}{}", public_key_multibase(public))
}

/// The verification method of a `did:key`'s key: `did:key:X#X`.
pub fn verification_method(public: &[u8; 32]) -> String {
	let key = public_key_multibase(public);
	format!("{DID_KEY}{key}#{key}")
}

/// The Ed25519 public key of a `did:key` (with or without its `#fragment`, which must then be
/// the key again).
pub fn public_key_of_did(did: &str) -> Result<[u8; 32], DidError> {
	let rest = did.strip_prefix(DID_KEY).ok_or_else(|| DidError::NotDidKey(did.into()))?;
	let (key, fragment) = match rest.split_once('#') {
		Some((key, fragment)) => (key, Some(fragment)),
		None => (rest, None),
	};
	if fragment.is_some_and(|fragment| fragment != key) {
		return Err(DidError::FragmentMismatch(did.into()));
	}
	public_key_from_multibase(key)
}

#[cfg(test)]
mod tests {
	use super::*;

	/// The key pair of the W3C vc-di-eddsa test vectors (`TestVectors/keyPair.json`).
	const PUBLIC: &str = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
	const SECRET: &str = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";

	#[test]
	fn the_vector_keys_round_trip() {
		let public = public_key_from_multibase(PUBLIC).unwrap();
		assert_eq!(public_key_multibase(&public), PUBLIC);
		let seed = secret_key_from_multibase(SECRET).unwrap();
		assert_eq!(secret_key_multibase(&seed), SECRET);
		// The seed's public key is the vector's public key.
		let derived = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key().to_bytes();
		assert_eq!(derived, public);
	}

	#[test]
	fn a_did_key_and_its_verification_method() {
		let public = public_key_from_multibase(PUBLIC).unwrap();
		assert_eq!(did_key(&public), format!("did:key:{PUBLIC}"));
		assert_eq!(verification_method(&public), format!("did:key:{PUBLIC}#{PUBLIC}"));
		assert_eq!(public_key_of_did(&did_key(&public)), Ok(public));
		assert_eq!(public_key_of_did(&verification_method(&public)), Ok(public));
	}

	#[test]
	fn what_is_not_an_ed25519_did_key_is_refused_by_name() {
		let public = public_key_from_multibase(PUBLIC).unwrap();
		let other = public_key_multibase(&[1; 32]);
		let mixed = format!("did:key:{PUBLIC}#{other}");
		assert_eq!(public_key_of_did(&mixed), Err(DidError::FragmentMismatch(mixed.clone())));
		assert!(matches!(public_key_of_did("did:web:example.org"), Err(DidError::NotDidKey(_))));
		assert!(matches!(public_key_from_multibase("u6Mk"), Err(DidError::NotBase58Btc(_))));
		assert!(matches!(public_key_from_multibase("z0OIl"), Err(DidError::BadBase58(_))));
		// A secret key is not a public key, and a short key is not a key.
		assert!(matches!(public_key_from_multibase(SECRET), Err(DidError::NotEd25519(_))));
		let short = format!("z{}", bs58::encode([0xed, 0x01, 1, 2, 3]).into_string());
		assert!(matches!(public_key_from_multibase(&short), Err(DidError::NotEd25519(_))));
		assert_eq!(public_key_of_did(&did_key(&public)), Ok(public));
	}
}

//! The institution's ed25519 signing key, from a file: 32 bytes as 64 hex digits (with or
//! without `0x`), a `secretKeyMultibase` (`z3u2...`), or a BIP-39 mnemonic, derived as
//! Substrate derives an ed25519 key from a phrase (`subkey inspect --scheme ed25519`, the
//! node's `key inspect --scheme ed25519`, polkadot.js `ed25519`): the first 32 bytes of
//! `substrate-bip39`'s seed of the phrase's entropy, no password.

use crate::did;
use ed25519_dalek::SigningKey;
use std::{fmt, path::Path};

/// Why a key could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
	/// The file could not be read.
	Io(String),
	/// The text is none of the accepted forms.
	Format(String),
}

impl fmt::Display for KeyError {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		match self {
			Self::Io(why) => write!(f, "the key file: {why}"),
			Self::Format(why) => write!(f, "the key: {why}"),
		}
	}
}

impl std::error::Error for KeyError {}

/// The key of `text` (see the module docs).
pub fn parse(text: &str) -> Result<SigningKey, KeyError> {
	let text = text.trim();
	if text.starts_with('z') && !text.contains(' ') {
		let seed =
			did::secret_key_from_multibase(text).map_err(|e| KeyError::Format(e.to_string()))?;
		return Ok(SigningKey::from_bytes(&seed));
	}
	let hex_text = text.strip_prefix("0x").unwrap_or(text);
	if hex_text.len() == 64 && hex_text.chars().all(|c| c.is_ascii_hexdigit()) {
		let mut seed = [0u8; 32];
		hex::decode_to_slice(hex_text, &mut seed).map_err(|e| KeyError::Format(e.to_string()))?;
		return Ok(SigningKey::from_bytes(&seed));
	}
	let words = text.split_whitespace().count();
	if words >= 12 {
		let mnemonic = bip39::Mnemonic::parse_normalized(text)
			.map_err(|e| KeyError::Format(format!("not a BIP-39 mnemonic: {e}")))?;
		let seed = substrate_bip39::seed_from_entropy(&mnemonic.to_entropy(), "")
			.map_err(|e| KeyError::Format(format!("{e:?}")))?;
		let mut first = [0u8; 32];
		first.copy_from_slice(seed.get(..32).unwrap_or(&[0u8; 32]));
		return Ok(SigningKey::from_bytes(&first));
	}
	Err(KeyError::Format(
		"expected 64 hex digits, a secretKeyMultibase (z...) or a BIP-39 mnemonic".into(),
	))
}

/// The key in the file at `path`.
pub fn read(path: &Path) -> Result<SigningKey, KeyError> {
	let text = std::fs::read_to_string(path)
		.map_err(|e| KeyError::Io(format!("{}: {e}", path.display())))?;
	parse(&text)
}

#[cfg(test)]
mod tests {
	use super::*;

	/// The development mnemonic of Substrate (`//Alice`'s phrase, without the path), whose
	/// ed25519 key `subkey inspect --scheme ed25519` prints.
	const DEV_PHRASE: &str =
		"bottom drive obey lake curtain smoke basket hold race lonely fit walk";

	#[test]
	fn the_three_forms_give_the_same_key() {
		let seed = [7u8; 32];
		let from_hex = parse(&format!("0x{}\n", hex::encode(seed))).unwrap();
		let from_bare_hex = parse(&hex::encode(seed)).unwrap();
		let from_multibase = parse(&did::secret_key_multibase(&seed)).unwrap();
		assert_eq!(from_hex.to_bytes(), seed);
		assert_eq!(from_bare_hex.to_bytes(), seed);
		assert_eq!(from_multibase.to_bytes(), seed);
	}

	#[test]
	fn a_mnemonic_gives_the_key_substrate_derives_from_it() {
		let key = parse(DEV_PHRASE).unwrap();
		// `learning-tokens-node key inspect --scheme ed25519 "<phrase>"`: the public key.
		assert_eq!(
			hex::encode(key.verifying_key().to_bytes()),
			"345071da55e5dccefaaa440339415ef9f2663338a38f7da0df21be5ab4e055ef"
		);
	}

	#[test]
	fn anything_else_is_refused() {
		assert!(matches!(parse("not a key"), Err(KeyError::Format(_))));
		assert!(matches!(parse(&"ab".repeat(31)), Err(KeyError::Format(_))));
		let twelve = "notaword ".repeat(12);
		assert!(matches!(parse(&twelve), Err(KeyError::Format(_))));
	}
}

//! Peer ids as text: what the Council submits and the node parses (`12D3KooW…`).

use alloc::vec::Vec;

/// The longest peer id text accepted: ed25519 ids are 52 characters, secp256k1 ones 53, RSA
/// (SHA-256) ones 46.
pub const MAX_PEER_ID_LEN: u32 = 64;

/// The base58 alphabet of peer ids (bitcoin's).
const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// The value of one base58 character.
fn digit(character: u8) -> Option<u32> {
	ALPHABET
		.iter()
		.position(|a| *a == character)
		.and_then(|p| u32::try_from(p).ok())
}

/// Decodes base58 `text` (leading `1`s are zero bytes); `None` if a character is not base58.
fn decode(text: &[u8]) -> Option<Vec<u8>> {
	// Little-endian while accumulating.
	let mut bytes: Vec<u8> = Vec::with_capacity(text.len());
	for character in text {
		let mut carry = digit(*character)?;
		for byte in bytes.iter_mut() {
			let value = u32::from(*byte).checked_mul(58)?.checked_add(carry)?;
			*byte = (value & 0xff) as u8;
			carry = value.checked_shr(8)?;
		}
		while carry > 0 {
			bytes.push((carry & 0xff) as u8);
			carry = carry.checked_shr(8)?;
		}
	}
	let zeros = text.iter().take_while(|c| **c == b'1').count();
	bytes.extend(core::iter::repeat_n(0, zeros));
	bytes.reverse();
	Some(bytes)
}

/// Whether `text` is a libp2p peer id: base58 of an identity multihash (code 0, its length)
/// of a protobuf public key of at most 42 bytes (field 1: the key type, 0 to 3; field 2: the
/// key's bytes: ed25519, secp256k1, ECDSA), or of a SHA-256 multihash (code 0x12, 32 bytes: an
/// RSA key's), at most [`MAX_PEER_ID_LEN`] characters.
pub fn is_peer_id(text: &[u8]) -> bool {
	if text.is_empty() || text.len() > MAX_PEER_ID_LEN as usize {
		return false;
	}
	let Some(bytes) = decode(text) else { return false };
	match bytes.as_slice() {
		[0x00, length, key @ ..] if usize::from(*length) == key.len() && key.len() <= 42 => {
			matches!(key, [0x08, 0..=3, 0x12, size, public @ ..] if usize::from(*size) == public.len())
		},
		[0x12, 0x20, digest @ ..] => digest.len() == 32,
		_ => false,
	}
}

//! A learner asks the institution's service for their credentials by signing a challenge with
//! their wallet: the message names the holder, the service and the time, and the wallet signs
//! it as polkadot.js extensions sign raw data (`signRaw`: the bytes wrapped in `<Bytes>` and
//! `</Bytes>`, sr25519). The service checks the signature, that the message is for it, and that
//! it is recent, then issues the holder's credentials (`lt credential serve`, `POST
//! /credentials`). Nothing is stored: a request is good for [`WINDOW_SECS`] around its time.

use serde_json::Value;
use std::str::FromStr;
use subxt::utils::AccountId32;

/// How old (seconds) a request may be by the service's clock.
pub const WINDOW_SECS: u64 = 300;

/// How far ahead of the service's clock a request's time may be (the learner's clock runs a
/// little fast).
pub const CLOCK_SKEW_SECS: u64 = 30;

/// The requests a service took in the last [`WINDOW_SECS`], by signature: each is taken once,
/// so a request seen on its way (a proxy's log) cannot fetch the credentials again.
#[derive(Debug, Default)]
pub struct Seen(std::collections::HashMap<String, u64>);

impl Seen {
	/// Whether the request with `signature`, signed at `time`, is new at `now` (and remembers
	/// it); forgets requests older than the window.
	pub fn first_time(&mut self, signature: &str, time: u64, now: u64) -> bool {
		self.0.retain(|_, at| now.saturating_sub(*at) <= WINDOW_SECS + CLOCK_SKEW_SECS);
		self.0.insert(signature.to_lowercase(), time).is_none()
	}
}

/// The message a learner's wallet signs to ask `service` for `holder`'s credentials at
/// `time` (Unix seconds).
pub fn challenge(holder: &str, service: &str, time: u64) -> String {
	format!("Learning Tokens credentials\nholder: {holder}\nservice: {service}\ntime: {time}")
}

/// Checks a request `{ "holder", "message", "signature" }` to the service at `service`, at
/// Unix time `now`: the message is [`challenge`] for the holder and this service, its time is
/// within [`WINDOW_SECS`] of `now`, and the signature is the holder's (sr25519, over the
/// message wrapped as `signRaw` wraps it, or over the message itself). Returns the holder and
/// the request's time. (Whether it was seen before is [`Seen`]'s to say.)
pub fn check_request(body: &Value, service: &str, now: u64) -> Result<(AccountId32, u64), String> {
	let field = |name: &str| {
		body.get(name)
			.and_then(Value::as_str)
			.ok_or_else(|| format!("the request has no {name:?}"))
	};
	let holder_text = field("holder")?;
	let holder = AccountId32::from_str(holder_text)
		.map_err(|_| format!("{holder_text:?} is not an SS58 account"))?;
	let message = field("message")?;
	let time = message
		.rsplit_once("\ntime: ")
		.and_then(|(_, time)| time.parse::<u64>().ok())
		.ok_or("the message has no time")?;
	if message != challenge(holder_text, service, time) {
		return Err(format!(
			"the message is not a request of {holder_text}'s credentials from {service}"
		));
	}
	if time > now.saturating_add(CLOCK_SKEW_SECS) || now.saturating_sub(time) > WINDOW_SECS {
		return Err(format!(
			"the request was signed at {time}, not within the {WINDOW_SECS} s before the service's time {now}: sign a new one"
		));
	}
	let signature = hex::decode(field("signature")?.trim_start_matches("0x"))
		.ok()
		.and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
		.ok_or("the signature is not 64 bytes of hex")?;
	let signature = subxt_signer::sr25519::Signature(signature);
	let public = subxt_signer::sr25519::PublicKey(holder.0);
	let wrapped = format!("<Bytes>{message}</Bytes>");
	if subxt_signer::sr25519::verify(&signature, wrapped.as_bytes(), &public)
		|| subxt_signer::sr25519::verify(&signature, message.as_bytes(), &public)
	{
		Ok((holder, time))
	} else {
		Err(format!("the signature is not {holder_text}'s"))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::json;
	use subxt_signer::{sr25519::Keypair, SecretUri};

	const SERVICE: &str = "https://open-learning.example/credentials";

	fn learner() -> Keypair {
		Keypair::from_uri(&SecretUri::from_str("//Ana").unwrap()).unwrap()
	}

	fn request(pair: &Keypair, holder: &str, service: &str, time: u64, wrap: bool) -> Value {
		let message = challenge(holder, service, time);
		let signed = if wrap { format!("<Bytes>{message}</Bytes>") } else { message.clone() };
		json!({
			"holder": holder,
			"message": message,
			"signature": format!("0x{}", hex::encode(pair.sign(signed.as_bytes()).0)),
		})
	}

	#[test]
	fn a_wallet_signature_of_a_recent_challenge_for_this_service_is_accepted() {
		let ana = learner();
		let holder = AccountId32(ana.public_key().0).to_string();
		for wrap in [true, false] {
			let body = request(&ana, &holder, SERVICE, 1_000_000, wrap);
			assert_eq!(
				check_request(&body, SERVICE, 1_000_100),
				Ok((AccountId32(ana.public_key().0), 1_000_000))
			);
		}
	}

	#[test]
	fn every_bad_request_is_refused_with_its_reason() {
		let ana = learner();
		let holder = AccountId32(ana.public_key().0).to_string();
		let ben = Keypair::from_uri(&SecretUri::from_str("//Ben").unwrap()).unwrap();
		let check = |body: Value| check_request(&body, SERVICE, 1_000_000).unwrap_err();
		assert!(check(request(&ana, &holder, SERVICE, 1_000_000 - 301, true))
			.contains("not within the 300 s"));
		assert!(check(request(&ana, &holder, SERVICE, 1_000_000 + 31, true))
			.contains("not within the 300 s"));
		assert!(check(request(
			&ana,
			&holder,
			"https://elsewhere.example/credentials",
			1_000_000,
			true
		))
		.contains("not a request of"));
		// Ben signs a request for Ana's credentials.
		assert!(check(request(&ben, &holder, SERVICE, 1_000_000, true)).contains("is not"));
		let mut tampered = request(&ana, &holder, SERVICE, 1_000_000, true);
		tampered["signature"] = json!("0x1234");
		assert!(check(tampered).contains("not 64 bytes"));
		assert!(check(json!({"holder": "ana@x.edu"})).contains("not an SS58 account"));
		assert!(check(json!({"message": "hi"})).contains("no \"holder\""));
	}

	#[test]
	fn a_request_is_taken_once_within_its_window() {
		let mut seen = Seen::default();
		assert!(seen.first_time("0xAB", 100, 100));
		assert!(!seen.first_time("0xab", 100, 150), "the same signature again");
		assert!(seen.first_time("0xcd", 150, 150));
		// Long after, the old entries are forgotten (and their requests too old to pass).
		assert!(seen.first_time("0xef", 1_000, 1_000));
		assert_eq!(seen.0.len(), 1);
	}
}

//! `lt`: Learning Tokens off the chain, for institutions and verifiers.
//!
//! ```text
//! lt key inspect --key FILE
//! lt key register --node URL --key FILE --account FILE
//! lt credential issue --node URL --key FILE --status-list URL (--token ID | --holder ADDRESS) [--out PATH]
//! lt credential status-list --node URL --key FILE --institution ADDRESS --url URL [--out PATH]
//! lt credential serve --node URL --key FILE --institution ADDRESS --url URL --listen HOST:PORT
//! lt credential verify FILE --node URL
//! lt course import MAPPING --node URL (--account FILE | --instructor ADDRESS --dry-run) [--dry-run] [--json] [--batch N] [--in-flight N]
//! lt course status MAPPING --node URL [--json]
//! ```
//!
//! The credential commands read the latest finalized block; `course import` and `course status`
//! the best block (what the instructor's last transactions did, finalized or not). `verify` prints each check with its
//! verdict and exits with 1 if any fails (2 if it could not run).

use clap::{Parser, Subcommand};
use learning_tokens_client::{
	chain::{Chain, TokenView},
	credential, did, import,
	jsonld::Contexts,
	keys, proof, status,
	verify::{self, Verdict},
};
use serde_json::Value;
use std::{path::PathBuf, process::ExitCode, str::FromStr};
use subxt::utils::AccountId32;

#[derive(Parser)]
#[command(
	name = "lt",
	version,
	about = "Learning Tokens off the chain: credentials, their checks, and course imports from an LMS"
)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// The institution's signing key.
	#[command(subcommand)]
	Key(KeyCommand),
	/// Open Badges 3.0 credentials of Learning Tokens.
	#[command(subcommand)]
	Credential(CredentialCommand),
	/// A course's grades and attendance from the LMS to the chain.
	#[command(subcommand)]
	Course(CourseCommand),
}

#[derive(Subcommand)]
enum CourseCommand {
	/// Records what the mapping's inputs say (invite, convey, assess, award), in batches that
	/// fit a block, from wherever the chain is; the learners' own steps are theirs. Rerun it
	/// after they acted, or after a crash: it reads the chain to see what is done.
	Import {
		/// The mapping file (JSON; see docs/import/).
		mapping: PathBuf,
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		node: String,
		/// A file holding the instructor account's secret (a mnemonic or a secret URI), sr25519.
		#[arg(long)]
		account: Option<PathBuf>,
		/// The instructor's address (SS58), for a dry run without the secret.
		#[arg(long, conflicts_with = "account")]
		instructor: Option<String>,
		/// Prints the plan and submits nothing.
		#[arg(long)]
		dry_run: bool,
		/// Prints the plan (or the summary's plan after the run) as JSON.
		#[arg(long)]
		json: bool,
		/// At most this many learners per call (also bounded by the chain's MaxBatch and a
		/// block's weight).
		#[arg(long)]
		batch: Option<usize>,
		/// At most this many calls wait in the node's pool at once.
		#[arg(long, default_value_t = 8)]
		in_flight: usize,
	},
	/// Per learner of the mapping, the stage of each (assessment, unit) and what awaits whom.
	Status {
		/// The mapping file.
		mapping: PathBuf,
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		node: String,
		#[arg(long)]
		json: bool,
	},
}

#[derive(Subcommand)]
enum KeyCommand {
	/// Prints the public key (hex, for `registry.apply` and `registry.setSigningKey`), its
	/// multibase form and its did:key.
	Inspect {
		/// The key file: 64 hex digits, a secretKeyMultibase, or a BIP-39 mnemonic.
		#[arg(long)]
		key: PathBuf,
	},
	/// Registers the key on chain as the institution's signing key from the block after the one
	/// it is registered in
	/// (`registry.setSigningKey`, signed by the institution's account); earlier keys stay valid
	/// for the tokens of their time.
	Register {
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		node: String,
		/// The new signing key's file.
		#[arg(long)]
		key: PathBuf,
		/// A file holding the institution account's secret (a mnemonic or a secret URI such as
		/// `//Eve`), sr25519.
		#[arg(long)]
		account: PathBuf,
	},
}

#[derive(Subcommand)]
enum CredentialCommand {
	/// Writes the signed credential of a token, or of every live token of a holder.
	Issue {
		/// The node's WebSocket RPC URL.
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		node: String,
		/// The institution's signing key file (the key it registered on chain).
		#[arg(long)]
		key: PathBuf,
		/// Where the institution publishes its status list credential.
		#[arg(long)]
		status_list: String,
		/// The token.
		#[arg(long, conflicts_with = "holder")]
		token: Option<u64>,
		/// Every live token of this holder (SS58) that the institution issued.
		#[arg(long)]
		holder: Option<String>,
		/// The file of the token's credential (standard output if absent); with `--holder`, the
		/// folder to write `token-ID.json` in (required).
		#[arg(long)]
		out: Option<PathBuf>,
	},
	/// Writes the institution's signed status list credential: every revoked token's bit set.
	StatusList {
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		node: String,
		#[arg(long)]
		key: PathBuf,
		/// The institution's account (SS58).
		#[arg(long)]
		institution: String,
		/// The URL the list is published at (the credentials' `statusListCredential`).
		#[arg(long)]
		url: String,
		#[arg(long)]
		out: Option<PathBuf>,
	},
	/// Serves the status list credential over HTTP, rebuilt from the chain at each request,
	/// and learners' credentials: `POST /credentials` (on the status list's origin) with a
	/// request their wallet signed (see the `service` module) answers with every live token
	/// of theirs this key signs for.
	Serve {
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		node: String,
		#[arg(long)]
		key: PathBuf,
		#[arg(long)]
		institution: String,
		/// The URL the list is published at; its path is the one served.
		#[arg(long)]
		url: String,
		/// The address to listen on.
		#[arg(long, default_value = "127.0.0.1:8080")]
		listen: String,
	},
	/// Checks a credential: its proof, and everything it says against the chain.
	Verify {
		/// The credential file.
		file: PathBuf,
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		node: String,
	},
}

/// A failure that stops a command, with the words to print.
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
	fn from(error: E) -> Self {
		Self(error.to_string())
	}
}

fn signer_of(file: &PathBuf) -> Result<subxt_signer::sr25519::Keypair, Failure> {
	let secret =
		std::fs::read_to_string(file).map_err(|e| Failure(format!("{}: {e}", file.display())))?;
	let uri = subxt_signer::SecretUri::from_str(secret.trim())
		.map_err(|e| Failure(format!("the account secret: {e}")))?;
	subxt_signer::sr25519::Keypair::from_uri(&uri)
		.map_err(|e| Failure(format!("the account secret: {e}")))
}

fn account(text: &str) -> Result<AccountId32, Failure> {
	AccountId32::from_str(text).map_err(|_| Failure(format!("{text:?} is not an SS58 account")))
}

fn write(out: Option<&PathBuf>, document: &Value) -> Result<(), Failure> {
	let text = serde_json::to_string_pretty(document)?;
	match out {
		Some(path) => std::fs::write(path, format!("{text}\n"))
			.map_err(|e| Failure(format!("{}: {e}", path.display()))),
		None => {
			println!("{text}");
			Ok(())
		},
	}
}

/// The signed credential of `view`, refusing a key that is not the institution's of the time.
async fn issue_one(
	chain: &Chain,
	key: &ed25519_dalek::SigningKey,
	status_list: &str,
	view: &TokenView,
	facts: &credential::TokenFacts,
) -> Result<Value, Failure> {
	if facts.institution.signing_key != key.verifying_key().to_bytes() {
		return Err(Failure(format!(
			"token {}: this key is not the one its institution had registered at block {} ({})",
			view.id,
			view.issued_at,
			did::did_key(&facts.institution.signing_key)
		)));
	}
	let unsigned = credential::open_badge(facts, status_list);
	let options = proof::ProofOptions::assertion(&key.verifying_key(), chain.now().await?);
	Ok(proof::sign(&Contexts::bundled(), &unsigned, key, &options)?)
}

/// The signed credentials of every live token of `holder` whose institution's key (at the
/// token's block) is `key`, by token id, and how many tokens the chain could not describe.
async fn holder_credentials(
	chain: &Chain,
	key: &ed25519_dalek::SigningKey,
	status_list: &str,
	holder: &AccountId32,
) -> Result<(Vec<(u64, Value)>, usize), Failure> {
	let mine = key.verifying_key().to_bytes();
	let (mut issued, mut skipped) = (Vec::new(), 0);
	for view in chain.tokens_of(holder).await? {
		if view.revocation.is_some() {
			continue;
		}
		// A token the chain cannot tell everything of is skipped, not the batch.
		let facts = match chain.token_facts(&view).await {
			Ok(facts) => facts,
			Err(error) => {
				eprintln!("token {}: skipped: {error}", view.id);
				skipped += 1;
				continue;
			},
		};
		if facts.institution.signing_key != mine {
			continue;
		}
		issued.push((view.id, issue_one(chain, key, status_list, &view, &facts).await?));
	}
	Ok((issued, skipped))
}

/// The signed status list credential of `institution`.
async fn status_list(
	chain: &Chain,
	key: &ed25519_dalek::SigningKey,
	institution: &AccountId32,
	url: &str,
) -> Result<Value, Failure> {
	let record = chain
		.institution(institution)
		.await?
		.ok_or_else(|| Failure(format!("{institution} is not in the registry")))?;
	if record.signing_key != Some(key.verifying_key().to_bytes()) {
		return Err(Failure("this key is not the institution's signing key now".into()));
	}
	let mut list = status::StatusList::new();
	for token in chain.tokens_of_institution(institution).await? {
		if token.revocation.is_some() {
			list.set(token.id)?;
		}
	}
	let now = chain.now().await?;
	let issuer = did::did_key(&key.verifying_key().to_bytes());
	let unsigned = status::list_credential(url, &issuer, &now, &list);
	let options = proof::ProofOptions::assertion(&key.verifying_key(), now);
	Ok(proof::sign(&Contexts::bundled(), &unsigned, key, &options)?)
}

async fn serve(
	node: String,
	key: ed25519_dalek::SigningKey,
	institution: AccountId32,
	url: String,
	listen: String,
) -> Result<(), Failure> {
	use tokio::io::AsyncWriteExt;
	let path = url
		.split_once("://")
		.and_then(|(_, rest)| rest.find('/').map(|at| rest[at..].to_owned()))
		.unwrap_or_else(|| "/".into());
	let listener = tokio::net::TcpListener::bind(&listen).await?;
	eprintln!("serving the status list of {institution} at http://{listen}{path}");
	let chain = std::sync::Arc::new(Chain::connect(&node).await?);
	let seen = std::sync::Arc::new(std::sync::Mutex::new(
		learning_tokens_client::service::Seen::default(),
	));
	let (key, institution, url, path) = (
		std::sync::Arc::new(key),
		std::sync::Arc::new(institution),
		std::sync::Arc::new(url),
		std::sync::Arc::new(path),
	);
	loop {
		let mut socket = match listener.accept().await {
			Ok((socket, _)) => socket,
			// Out of file descriptors, say: the server goes on.
			Err(error) => {
				eprintln!("accept: {error}");
				tokio::time::sleep(std::time::Duration::from_millis(100)).await;
				continue;
			},
		};
		let (chain, key, institution, url, path, seen) = (
			chain.clone(),
			key.clone(),
			institution.clone(),
			url.clone(),
			path.clone(),
			seen.clone(),
		);
		// One task per connection, each given 10 s to send its request.
		tokio::spawn(async move {
			let Ok(Some((head, body))) =
				tokio::time::timeout(std::time::Duration::from_secs(10), read_request(&mut socket))
					.await
					.unwrap_or(Ok(None))
			else {
				return;
			};
			let method = head.split_whitespace().next().unwrap_or("");
			let target = head.split_whitespace().nth(1).unwrap_or("");
			let (status_line, body) = match (method, target) {
				("OPTIONS", _) => ("204 No Content", String::new()),
				("GET", target) if target == path.as_str() => {
					match status_list(&chain, &key, &institution, &url).await {
						Ok(list) => ("200 OK", serde_json::to_string(&list).unwrap_or_default()),
						Err(Failure(why)) => {
							eprintln!("status list: {why}");
							(
								"503 Service Unavailable",
								serde_json::json!({ "error": why }).to_string(),
							)
						},
					}
				},
				("POST", "/credentials") => {
					credentials_response(&chain, &key, &url, &body, &seen).await
				},
				("GET" | "POST", _) => {
					("404 Not Found", "{\"error\":\"no such list or service\"}".to_owned())
				},
				_ => ("405 Method Not Allowed", "{\"error\":\"GET, POST or OPTIONS\"}".to_owned()),
			};
			let response = format!(
				"HTTP/1.1 {status_line}\r\nContent-Type: application/json\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Allow-Methods: GET, POST, OPTIONS\r\nAccess-Control-Allow-Headers: content-type\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
				body.len()
			);
			let _ = socket.write_all(response.as_bytes()).await;
			let _ = socket.shutdown().await;
		});
	}
}

/// Reads one HTTP request: its head (up to 16 KiB) and its body (up to 16 KiB, by
/// Content-Length). `None` if the client sent no whole head.
async fn read_request(
	socket: &mut tokio::net::TcpStream,
) -> std::io::Result<Option<(String, Vec<u8>)>> {
	use tokio::io::AsyncReadExt;
	const MOST: usize = 16 * 1024;
	let mut buffer = Vec::new();
	let mut chunk = [0u8; 4096];
	let end = loop {
		if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
			break at + 4;
		}
		if buffer.len() > MOST {
			return Ok(None);
		}
		let read = socket.read(&mut chunk).await?;
		if read == 0 {
			return Ok(None);
		}
		buffer.extend_from_slice(chunk.get(..read).unwrap_or_default());
	};
	let head = String::from_utf8_lossy(buffer.get(..end).unwrap_or_default()).into_owned();
	let length = head
		.lines()
		.find_map(|line| {
			let (name, value) = line.split_once(':')?;
			name.trim()
				.eq_ignore_ascii_case("content-length")
				.then(|| value.trim().parse().ok())?
		})
		.unwrap_or(0usize)
		.min(MOST);
	let mut body = buffer.get(end..).unwrap_or_default().to_vec();
	while body.len() < length {
		let read = socket.read(&mut chunk).await?;
		if read == 0 {
			break;
		}
		body.extend_from_slice(chunk.get(..read).unwrap_or_default());
	}
	body.truncate(length);
	Ok(Some((head, body)))
}

/// `POST /credentials`: a learner's request signed by their wallet
/// (`learning_tokens_client::service`), answered with their credentials.
async fn credentials_response(
	chain: &Chain,
	key: &ed25519_dalek::SigningKey,
	status_list_url: &str,
	body: &[u8],
	seen: &std::sync::Mutex<learning_tokens_client::service::Seen>,
) -> (&'static str, String) {
	let origin = status_list_url
		.split_once("://")
		.map(|(scheme, rest)| format!("{scheme}://{}", rest.split('/').next().unwrap_or(rest)))
		.unwrap_or_default();
	let service = format!("{origin}/credentials");
	let now = std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map(|d| d.as_secs())
		.unwrap_or_default();
	let request: Value = match serde_json::from_slice(body) {
		Ok(request) => request,
		Err(error) => {
			return (
				"400 Bad Request",
				serde_json::json!({ "error": format!("not JSON: {error}") }).to_string(),
			)
		},
	};
	let holder = match learning_tokens_client::service::check_request(&request, &service, now) {
		Ok((holder, time)) => {
			let signature = request.get("signature").and_then(Value::as_str).unwrap_or_default();
			let fresh = seen.lock().map(|mut seen| seen.first_time(signature, time, now));
			if !matches!(fresh, Ok(true)) {
				let why = "this request was already answered: sign a new one";
				return ("403 Forbidden", serde_json::json!({ "error": why }).to_string());
			}
			holder
		},
		Err(why) => return ("403 Forbidden", serde_json::json!({ "error": why }).to_string()),
	};
	match holder_credentials(chain, key, status_list_url, &holder).await {
		Ok((issued, skipped)) => {
			eprintln!("{} credentials sent to {holder}", issued.len());
			let credentials: Vec<Value> = issued.into_iter().map(|(_, signed)| signed).collect();
			(
				"200 OK",
				serde_json::json!({ "credentials": credentials, "skipped": skipped }).to_string(),
			)
		},
		Err(Failure(why)) => {
			("503 Service Unavailable", serde_json::json!({ "error": why }).to_string())
		},
	}
}

async fn run(command: Command) -> Result<ExitCode, Failure> {
	match command {
		Command::Key(KeyCommand::Inspect { key }) => {
			let key = keys::read(&key)?;
			let public = key.verifying_key().to_bytes();
			println!("public key (hex):     0x{}", hex::encode(public));
			println!("publicKeyMultibase:   {}", did::public_key_multibase(&public));
			println!("did:key:              {}", did::did_key(&public));
			Ok(ExitCode::SUCCESS)
		},
		Command::Key(KeyCommand::Register { node, key, account }) => {
			let key = keys::read(&key)?;
			let signer = signer_of(&account)?;
			let chain = Chain::connect(&node).await?;
			let public = key.verifying_key().to_bytes();
			let block = chain.set_signing_key(&signer, public).await?;
			println!("registered {} from block #{block}", did::did_key(&public));
			Ok(ExitCode::SUCCESS)
		},
		Command::Credential(CredentialCommand::Issue {
			node,
			key,
			status_list,
			token,
			holder,
			out,
		}) => {
			let key = keys::read(&key)?;
			let chain = Chain::connect(&node).await?;
			match (token, holder) {
				(Some(token), _) => {
					let verification = chain
						.verify(token)
						.await?
						.ok_or_else(|| Failure(format!("no token {token} on chain")))?;
					if verification.revoked {
						return Err(Failure(format!("token {token} was revoked")));
					}
					let facts = chain.token_facts(&verification.token).await?;
					let signed =
						issue_one(&chain, &key, &status_list, &verification.token, &facts).await?;
					write(out.as_ref(), &signed)?;
				},
				(None, Some(holder)) => {
					let holder = account(&holder)?;
					let folder = out.ok_or_else(|| {
						Failure("--holder writes one file per token: give --out FOLDER".into())
					})?;
					std::fs::create_dir_all(&folder)?;
					let (issued, skipped) =
						holder_credentials(&chain, &key, &status_list, &holder).await?;
					for (id, signed) in &issued {
						write(Some(&folder.join(format!("token-{id}.json"))), signed)?;
					}
					eprintln!(
						"{} credentials issued in {}, {skipped} skipped",
						issued.len(),
						folder.display()
					);
				},
				(None, None) => return Err(Failure("give --token or --holder".into())),
			}
			Ok(ExitCode::SUCCESS)
		},
		Command::Credential(CredentialCommand::StatusList { node, key, institution, url, out }) => {
			let key = keys::read(&key)?;
			let chain = Chain::connect(&node).await?;
			let list = status_list(&chain, &key, &account(&institution)?, &url).await?;
			write(out.as_ref(), &list)?;
			Ok(ExitCode::SUCCESS)
		},
		Command::Credential(CredentialCommand::Serve { node, key, institution, url, listen }) => {
			serve(node, keys::read(&key)?, account(&institution)?, url, listen).await?;
			Ok(ExitCode::SUCCESS)
		},
		Command::Credential(CredentialCommand::Verify { file, node }) => {
			let text = std::fs::read_to_string(&file)
				.map_err(|e| Failure(format!("{}: {e}", file.display())))?;
			let credential: Value = serde_json::from_str(&text)
				.map_err(|e| Failure(format!("{}: not JSON: {e}", file.display())))?;
			let chain = Chain::connect(&node).await?;
			let report = verify::verify(&chain, &credential).await;
			for check in &report {
				println!("{:<7} {:<28} {}", check.verdict.word(), check.name, check.detail);
			}
			let failed = report.iter().any(|check| check.verdict == Verdict::Fail);
			println!("{}", if failed { "INVALID" } else { "VALID" });
			Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
		},
		Command::Course(CourseCommand::Import {
			mapping,
			node,
			account: secret,
			instructor,
			dry_run,
			json,
			batch,
			in_flight,
		}) => {
			let mapping = import::mapping::Mapping::read(&mapping)?;
			let inputs = import::read_inputs(&mapping)?;
			let chain = Chain::connect(&node).await?;
			let signer = secret.as_ref().map(signer_of).transpose()?;
			let instructor = match (&signer, instructor) {
				(Some(signer), _) => AccountId32(signer.public_key().0),
				(None, Some(address)) => account(&address)?,
				(None, None) => {
					return Err(Failure("give --account (or --instructor with --dry-run)".into()))
				},
			};
			if dry_run {
				let (plan, view) =
					import::make_plan(&chain, &mapping, &inputs, &instructor).await?;
				if json {
					println!(
						"{}",
						serde_json::to_string_pretty(&import::plan_json(&mapping, &view, &plan))?
					);
				} else {
					let at = import::onchain::at_best(&chain).await?;
					let fee = import::onchain::limits(&at)?.new_account_fee;
					print!("{}", import::render_plan(&mapping, &view, &plan, fee));
				}
				return Ok(ExitCode::SUCCESS);
			}
			let signer = signer.ok_or_else(|| Failure("a real run needs --account".into()))?;
			use std::io::IsTerminal;
			let options =
				import::RunOptions { batch, in_flight, bar: std::io::stderr().is_terminal() };
			let summary = import::run(&chain, &mapping, &inputs, &signer, options).await?;
			if json {
				let mut document = import::plan_json(&mapping, &summary.view, &summary.after);
				document["failed"] = serde_json::json!(summary.failed);
				println!("{}", serde_json::to_string_pretty(&document)?);
			} else {
				print!("{}", import::render_summary(&summary));
			}
			Ok(if summary.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
		},
		Command::Course(CourseCommand::Status { mapping, node, json }) => {
			let mapping = import::mapping::Mapping::read(&mapping)?;
			let inputs = import::read_inputs(&mapping)?;
			let chain = Chain::connect(&node).await?;
			// Whose signature does not matter to what the chain holds.
			let nobody = AccountId32([0; 32]);
			let (plan, view) = import::make_plan(&chain, &mapping, &inputs, &nobody).await?;
			if json {
				println!(
					"{}",
					serde_json::to_string_pretty(&import::plan_json(&mapping, &view, &plan))?
				);
			} else {
				print!("{}", import::render_status(&mapping, &view, &plan));
			}
			Ok(ExitCode::SUCCESS)
		},
	}
}

#[tokio::main]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	match run(cli.command).await {
		Ok(code) => code,
		Err(Failure(why)) => {
			eprintln!("error: {why}");
			ExitCode::from(2)
		},
	}
}

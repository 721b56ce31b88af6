//! # Learning Tokens client
//!
//! What institutions, learners' wallets and verifiers do off the chain, talking to a node over
//! JSON-RPC only: Learning Tokens as W3C Verifiable Credentials 2.0 / 1EdTech Open Badges 3.0
//! credentials, signed by the institution with the ed25519 key it registered on chain, and
//! checked against the chain.
//!
//! - [`chain`]: what the chain says, over JSON-RPC (`subxt`, decoded by the chain's metadata).
//! - [`credential`]: a token as an Open Badges 3.0 `OpenBadgeCredential`.
//! - [`did`]: `did:key` identifiers and multibase Ed25519 keys.
//! - [`jsonld`]: JSON-LD to canonical N-Quads (RDFC-1.0) with bundled contexts only.
//! - [`proof`]: `DataIntegrityProof` with the `eddsa-rdfc-2022` cryptosuite.
//! - [`status`]: Bitstring Status Lists of revoked tokens.
//! - [`keys`]: the institution's signing key from a file.
//! - [`verify`]: every check of a credential against the chain.
//! - [`import`]: an LMS's grades and attendance to the chain's lifecycle steps.
//! - [`service`]: a learner's signed request for their credentials.
//!
//! The crate depends on neither the runtime nor the node: it builds in its own small tree.

pub mod chain;
pub mod credential;
pub mod did;
pub mod import;
pub mod jsonld;
pub mod keys;
pub mod proof;
pub mod service;
pub mod status;
pub mod verify;

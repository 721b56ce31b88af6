//! The Learning Tokens node.

// The node returns sc-cli's and sc-service's error types, which are large; boxing them at every
// call would only obscure the code.
#![allow(clippy::result_large_err)]

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod new_network;
mod peering;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}

//! `learning-tokens-node benchmark ...`, built only with `--features runtime-benchmarks`.

use crate::{cli::Cli, service};
use frame_benchmarking_cli::BenchmarkCmd;
use learning_tokens_runtime::opaque::Block;
use sc_cli::SubstrateCli;
use sp_runtime::traits::HashingFor;

pub fn run(cli: &Cli, cmd: &BenchmarkCmd) -> sc_cli::Result<()> {
	let runner = cli.create_runner(cmd)?;
	runner.sync_run(|config| match cmd {
		BenchmarkCmd::Pallet(cmd) => {
			cmd.run_with_spec::<HashingFor<Block>, ()>(Some(config.chain_spec))
		},
		BenchmarkCmd::Storage(cmd) => {
			let service::Service { client, backend, .. } = service::new_partial(&config)?;
			let db = backend.expose_db();
			let storage = backend.expose_storage();
			let shared_trie_cache = backend.expose_shared_trie_cache();
			cmd.run(config, client, db, storage, shared_trie_cache)
		},
		// The weight of an empty block and of one extrinsic's fixed cost (a `System::remark`),
		// on this runtime's `development` genesis.
		BenchmarkCmd::Overhead(cmd) => {
			cmd.run_with_default_builder_and_spec::<Block, ()>(Some(config.chain_spec))
		},
		BenchmarkCmd::Machine(cmd) => {
			cmd.run(&config, frame_benchmarking_cli::SUBSTRATE_REFERENCE_HARDWARE.clone())
		},
		_ => Err("this benchmark is not wired into the node; use `pallet`, `storage`, `overhead` \
		          or `machine`"
			.into()),
	})
}

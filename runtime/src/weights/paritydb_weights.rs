// This file is part of Learning Tokens. It is generated: do not edit it by hand.
// Regenerate it with `scripts/benchmark-weights.sh` (call and extension weights) or
// `scripts/benchmark-storage.sh` (storage weights); its numbers come from that run, not from
// estimates.

//! ParityDB's read and write weights for this runtime, measured by the benchmark CLI
//! (64.0.0) on 2026-11-28 (Y/M/D) with `scripts/benchmark-storage.sh`.
//!
//! HOSTNAME: `vm`, CPU: `AMD EPYC`, DATABASE: `ParityDb`, RUNTIME: `Learning Tokens Development`
//! STATE AT BLOCK: `Number(28)`, STATE VERSION: `V1`, WARMUPS: `1`
//! METRIC: `P99Percentile`, MULTIPLIER: `1.0`, ADDED: `0`

// Executed Command:
//   /root/.cache/learning-tokens/target/release/learning-tokens-node
//   benchmark
//   storage
//   --dev
//   --base-path
//   /tmp/lt-storage-vFI6yu
//   --database
//   paritydb
//   --state-version
//   1
//   --warmups
//   1
//   --batch-size
//   1000
//   --metric
//   p99
//   --template-path
//   scripts/weights/storage-template.hbs
//   --header
//   scripts/weights/header.txt
//   --weight-path
//   runtime/src/weights/

/// The runtime's `DbWeight` (`frame_system::Config::DbWeight`).
pub mod constants {
	use frame_support::{
		parameter_types,
		weights::{constants, RuntimeDbWeight},
	};

	parameter_types! {
		/// One storage read and one storage write in ParityDB, each the
		/// *P99Percentile* of every key of the measured state.
		pub const ParityDbWeight: RuntimeDbWeight = RuntimeDbWeight {
			// One read. Nanoseconds over all keys:
			//   min 741, max 5_810_575, average 4_324, median 3_996,
			//   p75 4_436, p95 5_238, p99 8_372.
			read: 8_372 * constants::WEIGHT_REF_TIME_PER_NANOS,

			// One write, with its share of computing the storage root and committing the batch.
			// Nanoseconds over all keys:
			//   min 7_719, max 18_694, average 9_758, median 9_699,
			//   p75 9_858, p95 10_506, p99 18_694.
			write: 18_694 * constants::WEIGHT_REF_TIME_PER_NANOS,
		};
	}
}

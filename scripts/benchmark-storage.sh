#!/usr/bin/env bash
# Measures ParityDB's storage read and write weights on this machine and writes them to
# runtime/src/weights/paritydb_weights.rs, the runtime's `DbWeight`.
#
#   scripts/benchmark-storage.sh [BASE_PATH]
#
# BASE_PATH: a dev node's base path whose state to measure. Without it, the script first runs
# `scripts/bench-throughput.sh` and keeps that node's database (2,000 learners through every
# step: tens of thousands of keys of every kind the chain writes), then measures that.
#
# `benchmark storage` reads every key of the state and writes every key again in batches of
# 1,000 (about the writes of a full block; each write carries its share of the storage root and
# the commit), on a copy of the database. The weights are the 99th percentile: a read or write
# of the measured state is at most that in 99 cases of 100. Why the measured weights and not
# polkadot-sdk's constants: docs/ARCHITECTURE.md ("Weights"). Re-measure on a long-running
# network's state when one exists: a larger state reads and writes slower.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/env.sh"
source "$repo/scripts/setup.sh"
cd "$repo"

base="${1:-}"
if [ -z "$base" ]; then
	echo "== filling a state: scripts/bench-throughput.sh with its database kept"
	before="$(date +%s)"
	LT_KEEP_BASE_PATHS=1 BENCH_NODE_FEATURES=runtime-benchmarks scripts/bench-throughput.sh
	base="$(find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'lt-bench-*' -newermt "@$before" | sort | tail -1)"
	[ -n "$base" ] || { echo "the throughput run left no base path" >&2; exit 1; }
fi
[ -d "$base/chains" ] || { echo "$base is not a node's base path" >&2; exit 2; }

echo "== building the release node with runtime-benchmarks"
cargo build --locked --release -p learning-tokens-node --features runtime-benchmarks
bin="$CARGO_TARGET_DIR/release/learning-tokens-node"

copy="$(mktemp -d /tmp/lt-storage-XXXXXX)"
trap 'rm -rf "$copy"' EXIT
cp -r "$base/." "$copy/"
echo "== benchmark storage on a copy of $base"
"$bin" benchmark storage \
	--dev \
	--base-path "$copy" \
	--database paritydb \
	--state-version 1 \
	--warmups 1 \
	--batch-size 1000 \
	--metric p99 \
	--template-path scripts/weights/storage-template.hbs \
	--header scripts/weights/header.txt \
	--weight-path runtime/src/weights/
echo "== done: review and commit runtime/src/weights/paritydb_weights.rs"

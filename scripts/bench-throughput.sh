#!/usr/bin/env bash
# Measures how many transfers, complete lifecycles and token awards per second a release dev
# node finalizes on this machine (scripts/e2e/bench/): it starts the node on a temporary base
# path, enrolls LEARNERS learners (default 2000) in a course of UNITS units (default 4), runs
# TRANSFERS balance transfers (default 8000) as the baseline, then every lifecycle, and prints
# the rates, block fullness, and the benchmarked weight of one award against one transfer.
# Under 10 minutes here. Not part of scripts/test.sh (its smoke version is: tests/throughput-smoke).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/env.sh"
source "$repo/scripts/setup.sh"
cd "$repo"

features=()
# The weights' benchmark build (scripts/benchmark-weights.sh) can serve: BENCH_NODE_FEATURES=runtime-benchmarks.
if [ -n "${BENCH_NODE_FEATURES:-}" ]; then features=(--features "$BENCH_NODE_FEATURES"); fi
cargo build --locked --release -p learning-tokens-node "${features[@]}"
export LT_NODE_BIN="$CARGO_TARGET_DIR/release/learning-tokens-node"
cd scripts/e2e
exec node bench/run.js

#!/usr/bin/env bash
# Measures how many transfers, complete unit lifecycles and unit awards per second a release dev
# node finalizes on this machine (scripts/e2e/bench/): it starts the node on a temporary base
# path, enrolls LEARNERS learners (default 16000) in a course whose first lesson covers UNITS
# units (default 4), runs TRANSFERS balance transfers (default 16000) as the baseline, then the
# five steps of that lesson for every learner (instructors in batches, learners signing once a
# step), and prints each phase's rate, block fullness, full-block capacity and stalled blocks
# (blocks that carried no normal transaction while some waited), each block's build time
# against its weight, and the benchmarked weight of one award against one transfer. Not part
# of scripts/test.sh (its smoke version is: tests/throughput-smoke).
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

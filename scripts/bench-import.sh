#!/usr/bin/env bash
# Measures how long `lt course import` takes to record a class of LEARNERS learners (default
# 2000) × UNITS units (default 4) on a release dev node: four runs (invite, convey, assess,
# award) with the learners' own steps between them (scripts/e2e/bench/import.js). Not part of
# scripts/test.sh (the e2e suite's tests/import.test.js runs the same commands on a debug node).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/env.sh"
source "$repo/scripts/setup.sh"
cd "$repo"

# Two cargo runs: built together, the client's features would unify into the node's tree.
cargo build --locked --release -p learning-tokens-node
cargo build --locked --release -p learning-tokens-client
export LT_NODE_BIN="$CARGO_TARGET_DIR/release/learning-tokens-node"
export LT_CLIENT_BIN="$CARGO_TARGET_DIR/release/lt"
cd scripts/e2e
exec node bench/import.js

#!/usr/bin/env bash
# Runs every test: formatting, clippy, the Rust tests, and the end-to-end suite against the real
# node.
# Exits non-zero on the first failure. This is what CI runs (.ci/run).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/env.sh"
source "$repo/scripts/setup.sh"
cd "$repo"

step() { printf '\n== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "build the node (debug, with the wasm runtime)"
cargo build --locked -p learning-tokens-node

step "cargo clippy (warnings are errors)"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "Rust tests"
cargo test --locked --workspace

step "end-to-end tests (@polkadot/api against the node)"
export LT_NODE_BIN="$CARGO_TARGET_DIR/debug/learning-tokens-node"
(cd scripts/e2e && node --test --test-concurrency=2 --test-reporter=spec tests/)

step "done"

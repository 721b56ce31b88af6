#!/usr/bin/env bash
# Runs every test: formatting, clippy, the Rust tests (also with the runtime-benchmarks and
# try-runtime features, and for the next release), and the end-to-end suite against the real
# node.
# Exits non-zero on the first failure. This is what CI runs (.ci/run).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/env.sh"
LT_SETUP_BROWSER=1 source "$repo/scripts/setup.sh"
cd "$repo"

step() { printf '\n== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

step "cargo fmt --check"
cargo fmt --all -- --check

# The client crate (client/) is built, linted and tested on its own: built together with the
# node, its dependencies (subxt) would unify features of shared crates (scale codec, sp-core's
# tree) and rebuild the node's whole tree a second time.
step "build the node (debug, with the wasm runtime)"
cargo build --locked -p learning-tokens-node

step "build the client (lt)"
cargo build --locked -p learning-tokens-client

step "cargo clippy (warnings are errors)"
cargo clippy --locked --workspace --exclude learning-tokens-client --all-targets -- -D warnings
cargo clippy --locked -p learning-tokens-client --all-targets -- -D warnings

step "Rust tests"
cargo test --locked --workspace --exclude learning-tokens-client
cargo test --locked -p learning-tokens-client

# Every benchmark once, as a test (each pallet's impl_benchmark_test_suite!), and the try_state
# hooks compiled in, in one native build of the pallets and the runtime (no wasm: the wasm
# runtime with these features is only for the benchmark CLI and try-runtime tools).
feature_crates=(-p pallet-registry -p pallet-courses -p pallet-lifecycle -p pallet-tokens
	-p pallet-feeless -p pallet-upgrade -p pallet-nodes -p pallet-validator-set -p learning-tokens-runtime)
step "cargo clippy with runtime-benchmarks and try-runtime (the benchmarks' code)"
SKIP_WASM_BUILD=1 cargo clippy --locked --features runtime-benchmarks,try-runtime --all-targets \
	"${feature_crates[@]}" -- -D warnings

step "Rust tests with runtime-benchmarks and try-runtime"
SKIP_WASM_BUILD=1 cargo test --locked --features runtime-benchmarks,try-runtime "${feature_crates[@]}"

# The next release (the runtime's `next-release` feature: spec version + 1 and the nodes
# pallet's migration to storage version 1): its lints, the migration's tests with try-runtime's
# checks, and `try-upgrade` (runtime/examples/), which the e2e upgrade test runs on a live
# chain's state before it upgrades the chain to the next release's wasm (built by
# runtime/build.rs with the node).
next_release=(--features runtime-benchmarks,try-runtime,next-release)
step "the next release: clippy, the migration's tests, try-upgrade"
SKIP_WASM_BUILD=1 cargo clippy --locked "${next_release[@]}" --all-targets \
	-p pallet-nodes -p learning-tokens-runtime -- -D warnings
SKIP_WASM_BUILD=1 cargo test --locked "${next_release[@]}" -p pallet-nodes
SKIP_WASM_BUILD=1 cargo build --locked "${next_release[@]}" -p learning-tokens-runtime --example try-upgrade

step "build the web pages (web/dist, esbuild)"
(cd web && node build.mjs)

step "end-to-end tests (@polkadot/api against the node; the web pages in headless Chromium)"
export LT_NODE_BIN="$CARGO_TARGET_DIR/debug/learning-tokens-node"
export LT_CLIENT_BIN="$CARGO_TARGET_DIR/debug/lt"
export LT_TRY_UPGRADE_BIN="$CARGO_TARGET_DIR/debug/examples/try-upgrade"
export LT_NEXT_RUNTIME="$CARGO_TARGET_DIR/debug/wbuild/learning-tokens-runtime/next_release.wasm"
(cd scripts/e2e && node --test --test-concurrency=2 --test-reporter=spec tests/)

step "done"

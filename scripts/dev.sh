#!/usr/bin/env bash
# Builds the release node and runs a one-validator development chain (Alice), with its state in
# a temporary directory. RPC on ws://127.0.0.1:9944 for polkadot.js Apps.
#
#   scripts/dev.sh                 # build and run
#   scripts/dev.sh --rpc-port 9955 # extra arguments go to the node
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/env.sh"
source "$repo/scripts/setup.sh"

cd "$repo"
cargo build --locked --release -p learning-tokens-node
exec "$CARGO_TARGET_DIR/release/learning-tokens-node" --dev --tmp "$@"

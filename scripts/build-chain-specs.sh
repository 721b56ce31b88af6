#!/usr/bin/env bash
# Regenerates chain-specs/local.json (the three-validator local network) from the runtime's
# `local_testnet` preset, with the built node. Run it after every runtime change that should
# reach the local network, and commit the result.
#
#   scripts/build-chain-specs.sh            # uses the debug node, building it if needed
#   LT_NODE_BIN=path/to/node scripts/build-chain-specs.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/env.sh"
cd "$repo"

bin="${LT_NODE_BIN:-}"
if [ -z "$bin" ]; then
	source "$repo/scripts/setup.sh"
	cargo build --locked -p learning-tokens-node
	bin="$CARGO_TARGET_DIR/debug/learning-tokens-node"
fi

mkdir -p chain-specs
"$bin" build-spec --chain local --raw --disable-default-bootnode 2>/dev/null > chain-specs/local.json.new
mv chain-specs/local.json.new chain-specs/local.json
echo "wrote chain-specs/local.json ($(wc -c < chain-specs/local.json) bytes)"

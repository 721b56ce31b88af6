#!/usr/bin/env bash
# Starts the three-validator local network (Alice, Bob, Charlie) on this machine from
# chain-specs/local.json, each node with its own ports, base path and keys, and stops all three
# on Ctrl-C.
#
#   scripts/local-network.sh                  # release node, state in a new temp dir
#   BASE=/var/tmp/lt scripts/local-network.sh # keep the state between runs
#   LT_NODE_BIN=path/to/node scripts/local-network.sh
#
# RPC: Alice ws://127.0.0.1:9944, Bob :9945, Charlie :9946. P2P: 30333-30335. Prometheus:
# 9615-9617. Each node runs through scripts/validator.sh, as a real validator does.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/env.sh"

bin="${LT_NODE_BIN:-}"
if [ -z "$bin" ]; then
	source "$repo/scripts/setup.sh"
	(cd "$repo" && cargo build --locked --release -p learning-tokens-node)
	bin="$CARGO_TARGET_DIR/release/learning-tokens-node"
fi
spec="${CHAIN_SPEC:-$repo/chain-specs/local.json}"
base="${BASE:-$(mktemp -d -t lt-local-XXXXXX)}"
names=(alice bob charlie)

pids=()
stop() {
	trap - INT TERM EXIT
	[ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
	wait 2>/dev/null || true
}
trap stop INT TERM EXIT

bootnode=""
for i in 0 1 2; do
	name="${names[$i]}"
	dir="$base/$name"
	mkdir -p "$dir"
	# A stable network key per node, so that its peer id (and Alice's bootnode address) survive
	# restarts on the same base path.
	[ -f "$dir/node-key" ] || "$bin" key generate-node-key --file "$dir/node-key" 2>/dev/null
	p2p=$((30333 + i))
	rpc=$((9944 + i))
	# The operators' validator script (docs/OPERATORS.md), with the development keys of --alice,
	# --bob or --charlie: the same flags a real validator runs with.
	args=(--"$name")
	[ -n "$bootnode" ] && args+=(--bootnodes "$bootnode")
	LT_NODE_BIN="$bin" CHAIN="$spec" BASE="$dir" NAME="$name" P2P="/ip4/127.0.0.1/tcp/$p2p" \
		RPC_PORT="$rpc" PROMETHEUS_PORT=$((9615 + i)) \
		"$repo/scripts/validator.sh" "${args[@]}" >"$dir/node.log" 2>&1 &
	pids+=($!)
	if [ "$i" = 0 ]; then
		peer_id="$("$bin" key inspect-node-key --file "$dir/node-key")"
		bootnode="/ip4/127.0.0.1/tcp/$p2p/p2p/$peer_id"
	fi
	echo "$name: rpc ws://127.0.0.1:$rpc, p2p $p2p, log $dir/node.log"
done
echo "state in $base; Ctrl-C stops the network"
wait -n "${pids[@]}"
echo "a node exited; stopping the network" >&2
exit 1

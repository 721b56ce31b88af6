#!/usr/bin/env bash
# Runs a validator of a Learning Tokens network, as docs/OPERATORS.md says ("Start the
# validators"). The e2e suite starts its validators with this script.
#
#   CHAIN=spec.json BASE=/var/lib/learning-tokens NAME="Open University" \
#     scripts/validator.sh --bootnodes /dns/validator.example.org/tcp/30333/p2p/12D3KooW...
#
# Environment: CHAIN (the raw chain spec), BASE (database, keystore and node key; the network
# key is read from $BASE/node-key, made with `key generate-node-key --file $BASE/node-key`),
# NAME (shown to peers), P2P (listen address, default /ip4/0.0.0.0/tcp/30333), RPC_PORT
# (default 9944), PROMETHEUS_PORT (default 9615), LT_NODE_BIN (default: learning-tokens-node on
# the PATH). Further arguments go to the node.
#
# The RPC server listens on 127.0.0.1 only, for the operator (`author_rotateKeys`,
# `author_hasKey`): a validator serves no public RPC; wallets use an RPC node
# (scripts/rpc-node.sh). Prometheus metrics are on 127.0.0.1 only as well.
set -euo pipefail
: "${CHAIN:?CHAIN: the raw chain spec}" "${BASE:?BASE: the node's base path}" "${NAME:?NAME: the node's name}"
exec "${LT_NODE_BIN:-learning-tokens-node}" \
	--chain "$CHAIN" --base-path "$BASE" --name "$NAME" \
	--validator \
	--node-key-file "$BASE/node-key" \
	--listen-addr "${P2P:-/ip4/0.0.0.0/tcp/30333}" \
	--rpc-port "${RPC_PORT:-9944}" --rpc-methods unsafe --rpc-max-connections 16 \
	--prometheus-port "${PROMETHEUS_PORT:-9615}" \
	--no-telemetry --no-mdns \
	"$@"

#!/usr/bin/env bash
# Runs a public RPC node of a Learning Tokens network: the node learners' wallets, the web
# pages and `lt` talk to, as docs/OPERATORS.md says ("A public RPC node"). The e2e suite starts
# its RPC node with this script.
#
#   CHAIN=spec.json BASE=/var/lib/learning-tokens-rpc NAME="Open University RPC" \
#     scripts/rpc-node.sh --bootnodes /dns/validator.example.org/tcp/30333/p2p/12D3KooW...
#
# Environment: as scripts/validator.sh (CHAIN, BASE, NAME, P2P, RPC_PORT, PROMETHEUS_PORT,
# LT_NODE_BIN), and RPC_CORS (the origins of the web pages that may call it, default all).
#
# It does not validate and keeps every block's state (the verifier reads an institution's key
# at the block of a token). RPC listens on 127.0.0.1 only, with the safe methods alone (no
# `author_rotateKeys`, `author_insertKey`, `system_addReservedPeer`...), at most 500
# connections, 64 subscriptions and 1,200 calls a minute each, requests of 4 MB and responses of
# 16 MB at most; a TLS reverse proxy on the same machine serves it to the world as wss://.
set -euo pipefail
: "${CHAIN:?CHAIN: the raw chain spec}" "${BASE:?BASE: the node's base path}" "${NAME:?NAME: the node's name}"
exec "${LT_NODE_BIN:-learning-tokens-node}" \
	--chain "$CHAIN" --base-path "$BASE" --name "$NAME" \
	--node-key-file "$BASE/node-key" \
	--listen-addr "${P2P:-/ip4/0.0.0.0/tcp/30333}" \
	--state-pruning archive --blocks-pruning archive \
	--rpc-port "${RPC_PORT:-9944}" --rpc-methods safe --rpc-cors "${RPC_CORS:-all}" \
	--rpc-max-connections 500 --rpc-max-subscriptions-per-connection 64 \
	--rpc-rate-limit 1200 \
	--rpc-max-request-size 4 --rpc-max-response-size 16 \
	--prometheus-port "${PROMETHEUS_PORT:-9615}" \
	--no-telemetry --no-mdns \
	"$@"

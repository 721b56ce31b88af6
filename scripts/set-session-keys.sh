#!/usr/bin/env bash
# Registers a validator's Aura and GRANDPA session keys on chain, for an operator:
#
#   SURI='<operator account secret>' scripts/set-session-keys.sh ws://127.0.0.1:9944
#
# The operator's node generates the keys (they stay in its keystore) with a proof of ownership
# for the operator's account; the operator's account then submits session.setKeys. After that,
# the Council can vote the account in as a validator (docs/GOVERNANCE.md).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -d "$repo/scripts/e2e/node_modules" ]; then
	(cd "$repo/scripts/e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec node "$repo/scripts/e2e/tools/set-session-keys.js" "$@"

#!/usr/bin/env bash
# Builds the web pages (web/: the learner's skills wallet, the verifier's page) and serves them
# on http://127.0.0.1:${PORT:-8000}/. Open learner.html or verifier.html; `?node=ws://host:port`
# picks the node (default ws://127.0.0.1:9944, the node of scripts/dev.sh), `?lang=es` the
# language. The pages need no server of their own: web/dist can be put on any static host.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/setup.sh"
cd "$repo/web"
node build.mjs
exec node serve.mjs "${PORT:-8000}"

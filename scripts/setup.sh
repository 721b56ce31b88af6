#!/usr/bin/env bash
# Installs what building and testing Learning Tokens needs and this machine lacks. Idempotent:
# each step checks first, so a prepared machine pays a few seconds. Sourced by dev.sh and test.sh.
#
# Needs: a Rust toolchain by rustup, a C compiler, Node.js >= 20 with npm (what a fresh machine
# of this project has). Installs: protoc (Debian's protobuf-compiler, for litep2p's build), the
# toolchain pinned by rust-toolchain.toml with the wasm32v1-none target, the e2e suite's and the
# web pages' npm packages, and (when LT_SETUP_BROWSER=1, as scripts/test.sh sets it) Debian's
# Chromium for the browser tests.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v protoc >/dev/null 2>&1; then
	echo "setup: installing protobuf-compiler (protoc)"
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq protobuf-compiler >/dev/null
fi

# rust-toolchain.toml pins the compiler; make sure it and its wasm target are present.
(
	cd "$repo"
	toolchain="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
	if ! rustup target list --installed --toolchain "$toolchain" 2>/dev/null | grep -qx wasm32v1-none; then
		echo "setup: adding the wasm32v1-none target to Rust $toolchain"
		rustup toolchain install "$toolchain" --profile minimal --component rustfmt,clippy >/dev/null
		rustup target add --toolchain "$toolchain" wasm32v1-none
	fi
)

# The end-to-end suite's packages, exactly as package-lock.json pins them.
e2e="$repo/scripts/e2e"
if [ ! -d "$e2e/node_modules" ] || [ "$e2e/package-lock.json" -nt "$e2e/node_modules/.package-lock.json" ]; then
	echo "setup: installing the e2e suite's npm packages"
	(cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The web pages' packages (web/: @polkadot/api, the extension bridge, esbuild).
web="$repo/web"
if [ ! -d "$web/node_modules" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
	echo "setup: installing the web pages' npm packages"
	(cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Headless Chromium for the browser tests (scripts/e2e/tests/web.test.js).
if [ "${LT_SETUP_BROWSER:-0}" = 1 ] && ! command -v chromium >/dev/null 2>&1; then
	echo "setup: installing chromium (Debian's) for the browser tests"
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

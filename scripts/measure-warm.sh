#!/usr/bin/env bash
# Measures the edit-test loop: a one-line runtime change (impl_version + 1), then the whole
# scripts/test.sh, timed with /usr/bin/time -v. The change is undone afterwards.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
file=runtime/src/lib.rs
git diff --quiet -- "$file" || { echo "$file has uncommitted changes; commit or stash them first" >&2; exit 1; }
trap 'git checkout -- "$file"' EXIT
perl -pi -e 's/(impl_version: )(\d+)/$1.($2+1)/e' "$file"
git diff --stat -- "$file"
/usr/bin/time -v scripts/test.sh

# Shared environment of the scripts: one target directory for every build (yours, the scripts',
# CI's), so that compiled dependencies are reused. Sourced, not run.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/learning-tokens/target}"
mkdir -p "$CARGO_TARGET_DIR"

#!/usr/bin/env bash
# Regenerates the weights of every pallet of ours (pallets/*/src/weights.rs) from their
# frame-benchmarking v2 benchmarks, run by the node's own `benchmark pallet` on this machine.
#
#   scripts/benchmark-weights.sh                 # every pallet, 50 steps x 20 repeats
#   scripts/benchmark-weights.sh lifecycle       # one pallet (its folder name)
#   STEPS=10 REPEAT=5 scripts/benchmark-weights.sh   # a quick, rougher run
#
# Builds the release node with the `runtime-benchmarks` feature (the benchmarks are compiled
# into that runtime only), then runs each pallet's benchmarks on the `development` genesis
# (built by the runtime), in compiled wasm, and writes the file through
# scripts/weights/template.hbs with scripts/weights/header.txt, so the generated file keeps
# our header and shape: the `WeightInfo` trait, `SubstrateWeight<T>` with the runtime's storage
# weights (ParityDB's), and `()` with ParityDB's storage weights for mocks. Commit the result.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/env.sh"
source "$repo/scripts/setup.sh"
cd "$repo"

steps="${STEPS:-50}"
repeat="${REPEAT:-20}"
# folder under pallets/ -> pallet name in the runtime's define_benchmarks!
declare -A pallet_of=(
	[registry]=pallet_registry
	[validator-set]=pallet_validator_set
	[courses]=pallet_courses
	[lifecycle]=pallet_lifecycle
	[tokens]=pallet_tokens
)
folders=("$@")
if [ ${#folders[@]} -eq 0 ]; then
	# Not `upgrade`: its calls are frame_system's behind a Council origin, and its weights.rs
	# takes frame_system's benchmarked weights on purpose (see that file); its benchmarks run as
	# tests and can be run by hand to compare.
	folders=(registry validator-set courses lifecycle tokens)
fi

echo "== building the release node with runtime-benchmarks"
cargo build --locked --release -p learning-tokens-node --features runtime-benchmarks
bin="$CARGO_TARGET_DIR/release/learning-tokens-node"
wasm="$CARGO_TARGET_DIR/release/wbuild/learning-tokens-runtime/learning_tokens_runtime.compact.compressed.wasm"

for folder in "${folders[@]}"; do
	pallet="${pallet_of[$folder]:-}"
	if [ -z "$pallet" ]; then
		echo "unknown pallet folder: $folder (one of: ${!pallet_of[*]})" >&2
		exit 2
	fi
	echo "== $pallet ($steps steps, $repeat repeats) $(date -u +%H:%M:%S)"
	"$bin" benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder=runtime \
		--genesis-builder-preset=development \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "$steps" \
		--repeat "$repeat" \
		--wasm-execution=compiled \
		--heap-pages=4096 \
		--template scripts/weights/template.hbs \
		--header scripts/weights/header.txt \
		--output "pallets/$folder/src/weights.rs"
done
echo "== done $(date -u +%H:%M:%S): review and commit pallets/*/src/weights.rs"

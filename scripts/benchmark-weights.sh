#!/usr/bin/env bash
# Regenerates the weights of every pallet of ours (pallets/*/src/weights.rs) from their
# frame-benchmarking v2 benchmarks, and the runtime's weights of the polkadot-sdk pallets on a
# transaction's path (runtime/src/weights/: the transaction extensions of frame_system, the fee
# extension, balances), run by the node's own `benchmark pallet` on this machine.
#
#   scripts/benchmark-weights.sh                 # everything, 50 steps x 20 repeats
#   scripts/benchmark-weights.sh lifecycle       # one pallet (its folder name, or a runtime
#                                                # one: system-extensions, transaction-payment,
#                                                # balances), or `overhead`: the fixed weight of
#                                                # a block and of an extrinsic
#   STEPS=10 REPEAT=5 scripts/benchmark-weights.sh   # a quick, rougher run
#
# Builds the release node with the `runtime-benchmarks` feature (the benchmarks are compiled
# into that runtime only), then runs each pallet's benchmarks on the `development` genesis
# (built by the runtime), in compiled wasm, and writes the file through
# scripts/weights/template.hbs with scripts/weights/header.txt, so the generated file keeps
# our header and shape: the `WeightInfo` trait, `SubstrateWeight<T>` with the runtime's storage
# weights, and `()` with ParityDB's stable2609 storage weights for mocks. The runtime's files
# go through scripts/weights/runtime-template.hbs: `WeightInfo<T>` implementing the pallet's
# trait, storage at the runtime's `DbWeight`. Commit the result. (ParityDB's storage weights
# themselves: scripts/benchmark-storage.sh.)
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
	[nodes]=pallet_nodes
	[courses]=pallet_courses
	[lifecycle]=pallet_lifecycle
	[tokens]=pallet_tokens
)
# name -> pallet name in define_benchmarks!, for the runtime's weights of polkadot-sdk pallets
declare -A runtime_pallet_of=(
	[system-extensions]=frame_system_extensions
	[transaction-payment]=pallet_transaction_payment
	[balances]=pallet_balances
)
folders=("$@")
if [ ${#folders[@]} -eq 0 ]; then
	# Not `upgrade`: its calls are frame_system's behind a Council origin, and its weights.rs
	# takes frame_system's benchmarked weights on purpose (see that file); its benchmarks run as
	# tests and can be run by hand to compare.
	folders=(registry validator-set nodes courses lifecycle tokens system-extensions transaction-payment balances overhead)
fi

echo "== building the release node with runtime-benchmarks"
cargo build --locked --release -p learning-tokens-node --features runtime-benchmarks
bin="$CARGO_TARGET_DIR/release/learning-tokens-node"
wasm="$CARGO_TARGET_DIR/release/wbuild/learning-tokens-runtime/learning_tokens_runtime.compact.compressed.wasm"

for folder in "${folders[@]}"; do
	if [ "$folder" = overhead ]; then
		# `benchmark overhead`: an empty block, and blocks full of `System::remark`s, executed
		# 100 times each; writes runtime/src/weights/{block,extrinsic}_weights.rs (the average).
		echo "== overhead $(date -u +%H:%M:%S)"
		"$bin" benchmark overhead \
			--runtime "$wasm" \
			--genesis-builder=runtime \
			--genesis-builder-preset=development \
			--header scripts/weights/header.txt \
			--weight-path runtime/src/weights/
		continue
	fi
	pallet="${pallet_of[$folder]:-}"
	template=scripts/weights/template.hbs
	output="pallets/$folder/src/weights.rs"
	if [ -z "$pallet" ]; then
		pallet="${runtime_pallet_of[$folder]:-}"
		template=scripts/weights/runtime-template.hbs
		output="runtime/src/weights/$pallet.rs"
	fi
	if [ -z "$pallet" ]; then
		echo "unknown pallet: $folder (one of: ${!pallet_of[*]} ${!runtime_pallet_of[*]})" >&2
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
		--template "$template" \
		--header scripts/weights/header.txt \
		--output "$output"
	if [ "$pallet" = frame_system_extensions ]; then
		# The trait is frame_system's `ExtensionsWeightInfo`, not a crate of that name's.
		sed -i 's/frame_system_extensions::WeightInfo for/frame_system::ExtensionsWeightInfo for/' "$output"
	fi
done
echo "== done $(date -u +%H:%M:%S): review and commit the weights files"

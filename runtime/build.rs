#[cfg(feature = "std")]
include!("src/token.rs");

fn main() {
	// The wasm runtime, built twice: once to read its metadata, then with the metadata's
	// digest (RFC 78) compiled in for `CheckMetadataHash`.
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash(TOKEN_SYMBOL, TOKEN_DECIMALS)
		.build();

	// The next release (the `next-release` feature: spec version + 1 and its migrations),
	// which the e2e suite upgrades a live network to: `next_release.compact.compressed.wasm`,
	// beside the first in the same wasm project, so that only the crates whose features differ
	// (this one and pallet-nodes) are compiled again.
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_feature("next-release")
		.set_file_name("next_release")
		.enable_metadata_hash(TOKEN_SYMBOL, TOKEN_DECIMALS)
		.build();
}

#[cfg(feature = "std")]
include!("src/token.rs");

fn main() {
	// The wasm runtime, built twice: once to read its metadata, then with the metadata's
	// digest (RFC 78) compiled in for `CheckMetadataHash`.
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash(TOKEN_SYMBOL, TOKEN_DECIMALS)
		.build();
}

// The native token's symbol and decimals. Included by `lib.rs` and by `build.rs`, which puts
// them into the metadata digest that `CheckMetadataHash` checks (hardware wallets show amounts
// with them): one definition for both.

/// The native token: `LT`, 12 decimals. It pays fees and deposits; learners never need it.
pub const TOKEN_SYMBOL: &str = "LT";
/// Decimals of [`TOKEN_SYMBOL`].
pub const TOKEN_DECIMALS: u8 = 12;

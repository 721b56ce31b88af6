//! Weights measured on this project's machine for the runtime's own use: ParityDB's storage
//! prices (`scripts/benchmark-storage.sh`), the fixed weight of a block and of an extrinsic, and
//! the polkadot-sdk pallets on a transaction's path (`scripts/benchmark-weights.sh`). Our pallets' weights live in their crates
//! (`pallets/*/src/weights.rs`). Every file here is generated; see docs/ARCHITECTURE.md
//! ("Weights").

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system_extensions;
pub mod pallet_balances;
pub mod pallet_transaction_payment;
pub mod paritydb_weights;

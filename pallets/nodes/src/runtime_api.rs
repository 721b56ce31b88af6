//! The runtime API the node reads its allowed peers from.

use alloc::vec::Vec;

sp_api::decl_runtime_apis! {
	/// The nodes the Council authorized.
	pub trait NodesApi {
		/// The authorized peer ids, as text (`12D3KooW…`), sorted; empty if the network is open
		/// to any node.
		fn authorized_nodes() -> Vec<Vec<u8>>;
	}
}

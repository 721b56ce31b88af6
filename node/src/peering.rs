//! Permissioned peering: the node's network accepts as peers only the nodes the Council
//! authorized on chain (`pallet-nodes`), as the finalized state says.
//!
//! At start and at every finalized block whose list differs from the last one applied, the
//! node reads `NodesApi::authorized_nodes` and hands the peer ids to its network service as its
//! authorized peers, in "authorized only" mode: on the block-announce protocol, through which a
//! node syncs, it opens substreams to those peers only and refuses every other. An empty list
//! (the development and local chains) leaves the network open. Only finalized state counts, so
//! a fork cannot let a node in or cut one off.

use std::{collections::HashSet, sync::Arc};

use futures::StreamExt;
use learning_tokens_runtime::opaque::Block;
use pallet_nodes::runtime_api::NodesApi;
use sc_client_api::{BlockchainEvents, HeaderBackend};
use sc_network::{service::traits::NetworkService, PeerId};
use sp_api::ProvideRuntimeApi;

use crate::service::FullClient;

/// The log target of this module.
const TARGET: &str = "peering";

/// Applies the authorized nodes of block `hash` if they differ from `applied`.
fn apply(
	client: &FullClient,
	network: &dyn NetworkService,
	hash: <Block as sp_runtime::traits::Block>::Hash,
	applied: &mut Option<Vec<Vec<u8>>>,
) {
	let nodes = match client.runtime_api().authorized_nodes(hash) {
		Ok(nodes) => nodes,
		Err(error) => {
			log::warn!(target: TARGET, "cannot read the authorized nodes at {hash}: {error}");
			return;
		},
	};
	if applied.as_ref() == Some(&nodes) {
		return;
	}
	if nodes.is_empty() {
		network.set_authorized_only(false);
		log::info!(target: TARGET, "🌐 open network: no node list on chain, any node may peer");
	} else {
		let local = network.local_peer_id();
		let mut peers: HashSet<PeerId> = nodes
			.iter()
			.filter_map(|text| {
				let parsed = std::str::from_utf8(text).ok().and_then(|t| t.parse::<PeerId>().ok());
				if parsed.is_none() {
					log::warn!(
						target: TARGET,
						"an authorized node is not a peer id: {}",
						String::from_utf8_lossy(text)
					);
				}
				parsed
			})
			.collect();
		let listed = peers.remove(&local);
		network.set_authorized_peers(peers);
		network.set_authorized_only(true);
		log::info!(
			target: TARGET,
			"🔒 {} authorized nodes at #{}; this node {} one of them",
			nodes.len(),
			client.number(hash).ok().flatten().unwrap_or_default(),
			if listed { "is" } else { "is not" },
		);
	}
	*applied = Some(nodes);
}

/// Follows finality and keeps the network's authorized peers equal to the chain's list.
pub async fn follow(client: Arc<FullClient>, network: Arc<dyn NetworkService>) {
	let mut applied = None;
	apply(&client, &*network, client.info().finalized_hash, &mut applied);
	let mut finality = client.finality_notification_stream();
	while let Some(notification) = finality.next().await {
		apply(&client, &*network, notification.hash, &mut applied);
	}
}

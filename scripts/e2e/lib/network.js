// A local network of learning-tokens nodes on loopback: the `local` chain spec exported from
// the node under test (so it always matches the runtime being tested), Alice as the bootnode.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { nodeBinary, startNode, stopNode } from './node.js';

/** Writes the raw `local` chain spec to a temporary file; returns its path and a cleanup. */
export function localChainSpec() {
  const dir = mkdtempSync(join(tmpdir(), 'lt-spec-'));
  const path = join(dir, 'local.json');
  const spec = execFileSync(
    nodeBinary(),
    ['build-spec', '--chain', 'local', '--raw', '--disable-default-bootnode'],
    { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 },
  );
  writeFileSync(path, spec);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The p2p address other nodes reach `node` at, from its own RPC. */
export async function multiaddr(api, node) {
  const peerId = (await api.rpc.system.localPeerId()).toString();
  return `/ip4/127.0.0.1/tcp/${node.p2pPort}/p2p/${peerId}`;
}

/** Starts a node of the network: `role` is e.g. ['--alice'] or ['--validator', '--name', 'Dave']. */
export function startPeer({ spec, name, role, bootnodes = [], basePath, p2pPort, rpcPort }) {
  // A validator on a live chain needs a network key; let the node make one in its base path
  // (kept across a restart on the same base path).
  const args = ['--chain', spec, '--unsafe-force-node-key-generation', ...role];
  for (const address of bootnodes) args.push('--bootnodes', address);
  return startNode({ name, args, basePath, p2pPort, rpcPort });
}

export { stopNode };

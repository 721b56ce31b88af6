// Writes a block's whole state to a file, for `try-upgrade` (runtime/examples/try-upgrade.rs):
// the finalized block's unless a block hash is given. Run it against your own node's RPC.
//
//   node scripts/e2e/tools/state-snapshot.js ws://127.0.0.1:9944 state.json [0x<block hash>]

import { writeFileSync } from 'node:fs';

import { stateSnapshot } from '../lib/state.js';

const [url, path, at] = process.argv.slice(2);
if (!url || !path) {
  console.error('usage: node scripts/e2e/tools/state-snapshot.js <ws-url> <out.json> [block hash]');
  process.exit(2);
}
const state = await stateSnapshot(url, at);
writeFileSync(path, JSON.stringify(state));
console.log(`${path}: ${state.pairs.length} keys of block ${state.block}`);

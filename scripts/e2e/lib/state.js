// A block's whole state over plain JSON-RPC, as runtime/examples/try-upgrade.rs reads it.

import { WsProvider } from '@polkadot/api';

/**
 * Every key and value of the state at block `at` (a hash; the finalized head if omitted) of the
 * node at `url`, with the block's state root, which they must make:
 * `{ block, stateRoot, pairs: [[key, value], ...] }`, hex. Child tries are not included (this
 * chain has none).
 */
export async function stateSnapshot(url, at) {
  const provider = new WsProvider(url, false);
  await provider.connect();
  await provider.isReady;
  try {
    const block = at ?? await provider.send('chain_getFinalizedHead', []);
    const { stateRoot } = await provider.send('chain_getHeader', [block]);
    const pairs = [];
    let start = null;
    for (;;) {
      const keys = await provider.send('state_getKeysPaged', ['0x', 500, start, block]);
      if (keys.length === 0) break;
      const [{ changes }] = await provider.send('state_queryStorageAt', [keys, block]);
      for (const [key, value] of changes) if (value !== null) pairs.push([key, value]);
      start = keys[keys.length - 1];
    }
    return { block, stateRoot, pairs };
  } finally {
    await provider.disconnect();
  }
}

// Registers a validator's session keys: asks the operator's own node to generate new Aura and
// GRANDPA keys (they never leave that node's keystore) with a proof that they belong to the
// operator's account, then submits `session.setKeys(keys, proof)` signed by that account and
// waits until it is finalized.
//
//   SURI='<secret seed or mnemonic>' node set-session-keys.js ws://127.0.0.1:9944 [ws://chain-rpc]
//
// The first URL is the validator's node (its RPC must allow unsafe methods: it listens on
// localhost); the second, if given, is where to submit the transaction (default: the same).
// Prints the account, the public session keys and the block that finalized them, as JSON.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { submitFinalized } from '../lib/chain.js';

async function main() {
  const [nodeUrl, chainUrl = nodeUrl] = process.argv.slice(2);
  const suri = process.env.SURI;
  if (!nodeUrl || !suri) {
    console.error('usage: SURI=<operator secret> node set-session-keys.js <validator node ws url> [chain ws url]');
    process.exit(2);
  }
  await cryptoWaitReady();
  const operator = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(suri);

  const node = await ApiPromise.create({ provider: new WsProvider(nodeUrl), throwOnConnect: true, noInitWarn: true });
  const chain = chainUrl === nodeUrl
    ? node
    : await ApiPromise.create({ provider: new WsProvider(chainUrl), throwOnConnect: true, noInitWarn: true });
  try {
    const { keys, proof } = await node._rpcCore.provider.send(
      'author_rotateKeysWithOwner', [u8aToHex(operator.publicKey)],
    );
    const { blockHash } = await submitFinalized(chain, chain.tx.session.setKeys(keys, proof), operator);
    console.log(JSON.stringify({ account: operator.address, keys, finalizedIn: blockHash.toHex() }));
  } finally {
    await node.disconnect();
    if (chain !== node) await chain.disconnect();
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});

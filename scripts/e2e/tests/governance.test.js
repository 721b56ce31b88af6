// Governance on the three-validator local network: the Council votes a fourth validator (Dave)
// in and out, and the network survives a validator killed with SIGKILL in the block that changes
// the GRANDPA set, and restarted.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import {
  bestAtLeast, connect, councilMotion, finalizedAtLeast, findEvent, waitForHeader,
} from '../lib/chain.js';
import { localChainSpec, multiaddr, startPeer, stopNode } from '../lib/network.js';
import { nodeBinary, startScript, stopAll } from '../lib/node.js';

const scripts = fileURLToPath(new URL('../../', import.meta.url));

const run = promisify(execFile);

/** Resolves when `predicate(authorities)` holds for Aura's authorities at the best block. */
async function waitForAuthorities(api, predicate, timeoutMs, what) {
  await waitForHeader(
    (cb) => api.rpc.chain.subscribeNewHeads(cb),
    () => true,
    10_000,
    'a new block',
  );
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const authorities = (await api.query.aura.authorities()).map((a) => a.toHex());
    if (predicate(authorities)) return authorities;
    await new Promise((ok) => setTimeout(ok, 2_000));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

describe('governance on the local network', { timeout: 12 * 60_000 }, () => {
  let spec;
  const nodes = {};
  let api;
  let keyring;
  let alice;
  let bob;
  let charlie;
  let dave;

  before(async () => {
    await cryptoWaitReady();
    keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    [alice, bob, charlie, dave] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((s) => keyring.addFromUri(s));
    spec = localChainSpec();
    nodes.alice = await startPeer({ spec: spec.path, name: 'alice', role: ['--alice'] });
    api = await connect(nodes.alice.url);
    const bootnodes = [await multiaddr(api, nodes.alice)];
    nodes.bob = await startPeer({ spec: spec.path, name: 'bob', role: ['--bob'], bootnodes });
    nodes.charlie = await startPeer({ spec: spec.path, name: 'charlie', role: ['--charlie'], bootnodes });
    // Dave joins as docs/OPERATORS.md says: a network key, then scripts/validator.sh.
    const daveBase = mkdtempSync(join(tmpdir(), 'lt-dave-'));
    await run(nodeBinary(), ['key', 'generate-node-key', '--file', join(daveBase, 'node-key')]);
    nodes.dave = await startScript({
      script: join(scripts, 'validator.sh'), chain: spec.path, name: 'Dave', basePath: daveBase,
      args: bootnodes.flatMap((address) => ['--bootnodes', address]),
    });
    await finalizedAtLeast(api, 1, 120_000);
  });

  after(async () => {
    await api?.disconnect();
    try {
      await stopAll(nodes);
    } finally {
      spec?.remove();
    }
  });

  test('the Council and the validators are those of the local_testnet preset, and no sudo', async () => {
    const members = (await api.query.council.members()).map(String);
    assert.deepEqual(members.sort(), [alice.address, bob.address, charlie.address].sort());
    const validators = (await api.query.validatorSet.validators()).map(String);
    assert.deepEqual(validators.sort(), [alice.address, bob.address, charlie.address].sort());
    assert.equal((await api.query.aura.authorities()).length, 3);
    assert.equal(api.tx.sudo, undefined, 'the runtime has no sudo pallet');
  });

  let daveAura;

  test('the Council votes Dave in after he sets his keys, and Dave authors blocks', async () => {
    // The operator's script: Dave's node makes his session keys with a proof that they are his,
    // and Dave registers them with session.setKeys.
    const { stdout } = await run(join(scripts, 'set-session-keys.sh'), [
      nodes.dave.url,
      nodes.alice.url,
    ], { env: { ...process.env, SURI: '//Dave' }, timeout: 120_000 });
    const registered = JSON.parse(stdout);
    assert.equal(registered.account, dave.address);
    const keys = hexToU8a(registered.keys);
    assert.equal(keys.length, 64, 'SessionKeys: aura (32 bytes) then grandpa (32 bytes)');
    daveAura = u8aToHex(keys.subarray(0, 32));
    const nextKeys = await api.query.session.nextKeys(dave.address);
    assert.equal(nextKeys.unwrap().aura.toHex(), daveAura);

    // Two thirds of the Council: Alice proposes, Bob agrees, Charlie closes.
    const events = await councilMotion(api, api.tx.validatorSet.addValidator(dave.address), {
      proposer: alice, voters: [alice, bob], closer: charlie, threshold: 2,
    });
    const executed = findEvent(events, api.events.council.Executed);
    assert.ok(executed, 'the motion executed');
    assert.ok(executed.data.result.isOk, `motion result: ${executed.data.result.toString()}`);
    assert.ok(findEvent(events, api.events.validatorSet.ValidatorAdded));

    // The change is queued at the next session boundary and active one session later.
    await waitForAuthorities(api, (a) => a.includes(daveAura), 4 * 60_000, 'Dave in the Aura set');
    const authored = await waitForHeader(
      (cb) => api.derive.chain.subscribeNewHeads(cb),
      (header) => header.author?.toString() === dave.address,
      90_000,
      'a block authored by Dave',
    );
    assert.equal(authored.author.toString(), dave.address);
    // And the chain keeps finalizing with four GRANDPA voters.
    await finalizedAtLeast(api, authored.number.toNumber(), 90_000);
  });

  test('the Council votes Dave out again', async () => {
    const events = await councilMotion(api, api.tx.validatorSet.removeValidator(dave.address), {
      proposer: alice, voters: [alice, bob], closer: charlie, threshold: 2,
    });
    assert.ok(findEvent(events, api.events.validatorSet.ValidatorRemoved));
    await waitForAuthorities(api, (a) => a.length === 3 && !a.includes(daveAura), 4 * 60_000, 'Dave out of the Aura set');
    const validators = (await api.query.validatorSet.validators()).map(String);
    assert.ok(!validators.includes(dave.address));
    // GRANDPA's set changes when the session's first block is finalized; the three remaining
    // voters then finalize on their own.
    const now = (await api.rpc.chain.getHeader()).number.toNumber();
    await finalizedAtLeast(api, now + 2, 120_000);
    const grandpaSet = await api.call.grandpaApi.grandpaAuthorities();
    assert.equal(grandpaSet.length, 3);
  });

  test('a validator killed in the block that changes the GRANDPA set, and restarted: finality resumes, nothing final is lost', async () => {
    // With three voters every one is needed (more than two thirds of 3 is 3): from the kill
    // until Charlie votes again nothing is finalized. The kill lands in the worst block, the
    // one that signals a new GRANDPA set (Charlie's new keys, as an operator rotates them): the
    // set changes when that block is finalized, which needs Charlie.
    await run(join(scripts, 'set-session-keys.sh'), [nodes.charlie.url], {
      env: { ...process.env, SURI: '//Charlie' }, timeout: 120_000,
    });
    const setIdBefore = (await api.call.grandpaApi.currentSetId()).toNumber();
    const signalsChange = (header) => header.digest.logs.some(
      (log) => log.isConsensus && log.asConsensus[0].toString() === 'FRNK',
    );
    const watcher = await connect(nodes.charlie.url);
    const charlieNode = nodes.charlie;
    let change;
    try {
      // Keys set in one session are used from the one after the next: up to two sessions.
      change = await waitForHeader(
        (cb) => watcher.rpc.chain.subscribeNewHeads(cb), signalsChange, 4 * 60_000,
        'a block that signals a GRANDPA set change, imported by Charlie',
      );
      await stopNode(charlieNode, { signal: 'SIGKILL', keepBasePath: true });
    } finally {
      await watcher.disconnect().catch(() => {});
    }
    assert.equal(charlieNode.child.signalCode, 'SIGKILL');
    const finalizedHash = (await api.rpc.chain.getFinalizedHead()).toHex();
    const finalizedNumber = (await api.rpc.chain.getHeader(finalizedHash)).number.toNumber();

    // Alice and Bob still author their slots.
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    await bestAtLeast(api, best + 3, 60_000);

    // Charlie comes back on the same base path (same keys, same database, same address).
    nodes.charlie = await startPeer({
      spec: spec.path,
      name: 'charlie',
      role: ['--charlie'],
      bootnodes: [await multiaddr(api, nodes.alice)],
      basePath: charlieNode.basePath,
      p2pPort: charlieNode.p2pPort,
      rpcPort: charlieNode.rpcPort,
    });
    // Finality resumes once Charlie votes again (9 to 14 s after his restart in six runs on
    // this machine, the same as after a kill in the middle of a session), and the set
    // signalled in the block he died in is the set now.
    const target = (await api.rpc.chain.getHeader()).number.toNumber();
    assert.ok(target > change.number.toNumber());
    await finalizedAtLeast(api, target, 60_000);
    const atFinalized = await api.at(await api.rpc.chain.getFinalizedHead());
    assert.equal((await atFinalized.call.grandpaApi.currentSetId()).toNumber(), setIdBefore + 1,
      'the set signalled in the block Charlie died in is final');

    // The block finalized before the kill is still the chain's block at that height.
    assert.equal((await api.rpc.chain.getBlockHash(finalizedNumber)).toHex(), finalizedHash);
    const charlieApi = await connect(nodes.charlie.url);
    try {
      assert.equal((await charlieApi.rpc.chain.getBlockHash(finalizedNumber)).toHex(), finalizedHash);
    } finally {
      await charlieApi.disconnect();
    }
  });
});

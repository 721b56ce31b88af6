// A consortium's own network, as docs/OPERATORS.md builds it: three founders generate their
// keys with the node's `key` subcommand, write the chain spec with `new-network`, and start
// their validators and a public RPC node with scripts/validator.sh and scripts/rpc-node.sh, on
// loopback. Then: no development account can do anything, only the nodes the Council
// authorized peer, the RPC node serves wallets and nothing unsafe, a validator cannot drop its
// keys, when a validator is lost for good the Council restarts finality without reverting
// anything, and a validator restored from an export of its chain finalizes again.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import {
  bestAtLeast, connect, councilMotion, finalizedAtLeast, findEvent,
} from '../lib/chain.js';
import { freePort, nodeBinary, startScript, stopAll, stopNode } from '../lib/node.js';

const run = promisify(execFile);
const scripts = fileURLToPath(new URL('../../', import.meta.url));
const UNIT = 10n ** 12n;

/** `learning-tokens-node key ...`, as OPERATORS.md runs it; its standard output. */
async function key(...args) {
  const { stdout } = await run(nodeBinary(), ['key', ...args], { timeout: 60_000 });
  return stdout.trim();
}

/** IPv4 127.0.0.1 and IPv6 ::1 as /proc/net/tcp{,6} write them. */
const LOOPBACK = new Set(['0100007F', '00000000000000000000000001000000']);

/** Whether something listens on `port` on loopback (127.0.0.1, ::1) and nowhere else. */
function listensOnLoopbackOnly(port) {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const listening = ['/proc/net/tcp', '/proc/net/tcp6']
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').slice(1))
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === '0A' && fields[1]?.endsWith(`:${hexPort}`))
    .map((fields) => fields[1].split(':')[0]);
  return listening.length > 0 && listening.every((address) => LOOPBACK.has(address));
}

describe('a network of its founders\' own', { timeout: 20 * 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-founders-'));
  const specPath = join(dir, 'spec.json');
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const founders = [];
  const nodes = {};
  let api;

  before(async () => {
    await cryptoWaitReady();
    // Each founder: an account (its governance institution's), and its validator's session
    // keys, Aura (sr25519) and GRANDPA (ed25519).
    for (const name of ['Ada University', 'Bern Institute', 'Coimbra College']) {
      const account = JSON.parse(await key('generate', '--scheme', 'sr25519', '--output-type', 'json'));
      const aura = JSON.parse(await key('generate', '--scheme', 'sr25519', '--output-type', 'json'));
      const grandpa = JSON.parse(await key('generate', '--scheme', 'ed25519', '--output-type', 'json'));
      const basePath = mkdtempSync(join(tmpdir(), 'lt-validator-'));
      await key('generate-node-key', '--file', join(basePath, 'node-key'));
      const peerId = await key('inspect-node-key', '--file', join(basePath, 'node-key'));
      founders.push({
        name, account, aura, grandpa, basePath, peerId,
        p2pPort: await freePort(),
        pair: keyring.addFromUri(account.secretPhrase),
      });
    }
    const bootnode = `/ip4/127.0.0.1/tcp/${founders[0].p2pPort}/p2p/${founders[0].peerId}`;

    await run(nodeBinary(), [
      'new-network', '--name', 'Founders Test Network', '--id', 'founders_test',
      ...founders.flatMap((f) => ['--council', f.account.ss58Address]),
      ...founders.flatMap((f) => [
        '--validator', `${f.account.ss58Address},${f.aura.ss58Address},${f.grandpa.publicKey}`,
      ]),
      ...founders.flatMap((f) => ['--endow', `${f.account.ss58Address}=1000`]),
      ...founders.flatMap((f) => ['--node', f.peerId]),
      '--session-minutes', '1',
      '--bootnode', bootnode,
      '--output', specPath,
    ], { timeout: 120_000 });

    for (const f of founders) {
      await key('insert', '--base-path', f.basePath, '--chain', specPath,
        '--scheme', 'sr25519', '--key-type', 'aura', '--suri', f.aura.secretPhrase);
      await key('insert', '--base-path', f.basePath, '--chain', specPath,
        '--scheme', 'ed25519', '--key-type', 'gran', '--suri', f.grandpa.secretPhrase);
    }
    for (const [index, f] of founders.entries()) {
      nodes[index] = await startScript({
        script: join(scripts, 'validator.sh'),
        chain: specPath,
        name: f.name,
        basePath: f.basePath,
        p2pPort: f.p2pPort,
        // The first validator's metrics are asserted below; the others run without.
        prometheusPort: index === 0 ? await freePort() : undefined,
      });
    }
    api = await connect(nodes[0].url);
  });

  after(async () => {
    await api?.disconnect();
    try {
      await stopAll(nodes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the spec names the founders and holds no development account or key', async () => {
    const spec = JSON.parse(readFileSync(specPath, 'utf8'));
    assert.equal(spec.id, 'founders_test');
    assert.equal(spec.chainType, 'Live');
    assert.ok(spec.genesis.raw, 'a raw spec');
    // Every storage entry but the runtime's code (`:code`, whose wasm holds the development
    // presets and thus their public keys, as constants).
    const { top } = spec.genesis.raw;
    assert.ok(top['0x3a636f6465'], 'the runtime is in the genesis');
    const text = Object.entries(top)
      .filter(([storageKey]) => storageKey !== '0x3a636f6465')
      .flat()
      .join(' ')
      .toLowerCase();
    const devKeyring = new Keyring({ type: 'sr25519' });
    const devEd = new Keyring({ type: 'ed25519' });
    for (const name of ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']) {
      for (const uri of [`//${name}`, `//${name}//stash`]) {
        for (const pair of [devKeyring.addFromUri(uri), devEd.addFromUri(uri)]) {
          assert.ok(!text.includes(u8aToHex(pair.publicKey).slice(2)), `${uri} is not in the genesis`);
        }
      }
    }
    const members = (await api.query.council.members()).map(String).sort();
    assert.deepEqual(members, founders.map((f) => f.account.ss58Address).sort());
    const validators = (await api.query.validatorSet.validators()).map(String).sort();
    assert.deepEqual(validators, founders.map((f) => f.account.ss58Address).sort());
    assert.equal((await api.query.balances.totalIssuance()).toBigInt(), 3000n * UNIT);
    assert.equal((await api.rpc.system.chain()).toString(), 'Founders Test Network');
  });

  test('new-network refuses a development account and a Council member without funds', async () => {
    const f = founders[0];
    const alice = keyring.addFromUri('//Alice').address;
    const base = ['new-network', '--name', 'X', '--id', 'x', '--node', f.peerId, '--output', join(dir, 'refused.json')];
    const validator = ['--validator', `${f.account.ss58Address},${f.aura.ss58Address},${f.grandpa.publicKey}`];
    await assert.rejects(
      run(nodeBinary(), [...base, '--council', alice, '--endow', `${alice}=1000`, ...validator]),
      (error) => error.code === 1 && error.stderr.includes(`Council member ${alice} is a public development account`),
    );
    await assert.rejects(
      run(nodeBinary(), [...base, '--council', f.account.ss58Address, ...validator]),
      (error) => error.code === 1 && /Council member .* is endowed with 0 LT: at least 30 LT/.test(error.stderr),
    );
    const other = await key('inspect-node-key', '--file', join(founders[1].basePath, 'node-key'));
    await assert.rejects(
      run(nodeBinary(), [...base, '--council', f.account.ss58Address, '--endow', `${f.account.ss58Address}=100`,
        ...validator, '--bootnode', `/ip4/127.0.0.1/tcp/1/p2p/${other}`]),
      (error) => error.code === 1 && /its peer id is not among the --node peer ids/.test(error.stderr),
    );
  });

  test('three validators from the spec author and finalize blocks', async () => {
    const finalized = await finalizedAtLeast(api, 3, 120_000);
    assert.ok(finalized.number.toNumber() >= 3);
    assert.equal((await api.query.aura.authorities()).length, 3);
    assert.equal((await api.call.grandpaApi.grandpaAuthorities()).length, 3);
  });

  test('//Alice holds nothing and can do nothing', async () => {
    const alice = keyring.addFromUri('//Alice');
    assert.equal((await api.query.system.account(alice.address)).data.free.toBigInt(), 0n);
    const refusal = (error) => /1010/.test(error.message) && /Inability to pay some fees/.test(error.message);
    await assert.rejects(
      api.tx.balances.transferKeepAlive(founders[0].account.ss58Address, UNIT).signAndSend(alice),
      refusal,
    );
    const call = api.tx.validatorSet.removeValidator(founders[0].account.ss58Address);
    await assert.rejects(
      api.tx.council.propose(1, call, call.encodedLength).signAndSend(alice),
      refusal,
    );
    assert.equal((await api.rpc.system.accountNextIndex(alice.address)).toNumber(), 0);
  });

  test('a validator serves RPC on loopback only, with metrics for its operator', async () => {
    assert.ok(listensOnLoopbackOnly(nodes[0].rpcPort), 'RPC on 127.0.0.1 only');
    assert.ok(listensOnLoopbackOnly(nodes[0].prometheusPort), 'Prometheus on 127.0.0.1 only');
    const metrics = await (await fetch(`http://127.0.0.1:${nodes[0].prometheusPort}/metrics`)).text();
    assert.match(metrics, /substrate_block_height\{status="finalized"/);
    // The operator's own RPC has the unsafe methods it needs.
    const aura = founders[0].aura.publicKey;
    assert.ok((await api.rpc.author.hasKey(aura, 'aura')).isTrue, 'the Aura key is in the keystore');
  });

  /** A new node's base path with its network key, and its peer id. */
  async function newNode(prefix) {
    const basePath = mkdtempSync(join(tmpdir(), prefix));
    await key('generate-node-key', '--file', join(basePath, 'node-key'));
    return { basePath, peerId: await key('inspect-node-key', '--file', join(basePath, 'node-key')) };
  }

  /** Whether `node`'s best block stays where it is while the validators author `blocks`. */
  async function staysBehind(node, blocks) {
    const other = await connect(node.url);
    try {
      const before = (await other.rpc.chain.getHeader()).number.toNumber();
      await bestAtLeast(api, (await api.rpc.chain.getHeader()).number.toNumber() + blocks, 90_000);
      const after = (await other.rpc.chain.getHeader()).number.toNumber();
      const peers = (await other.rpc.system.health()).peers.toNumber();
      return { before, after, peers };
    } finally {
      await other.disconnect();
    }
  }

  test('an unknown node started with the spec and its bootnode gets no blocks', async () => {
    const stranger = await newNode('lt-stranger-');
    nodes.stranger = await startScript({
      script: join(scripts, 'rpc-node.sh'), chain: specPath, name: 'Stranger', basePath: stranger.basePath,
    });
    const { before, after, peers } = await staysBehind(nodes.stranger, 4);
    assert.equal(before, 0);
    assert.equal(after, 0, 'still at genesis');
    assert.equal(peers, 0);
    await stopNode(nodes.stranger);
    delete nodes.stranger;
  });

  test('the Council authorizes a public RPC node, which syncs, keeps old state, and refuses unsafe methods', async () => {
    const rpc = await newNode('lt-rpc-');
    const [ada, bern] = [founders[0].pair, founders[1].pair];
    // A typo is refused by the chain, in words.
    const typoEvents = await councilMotion(api, api.tx.nodes.authorizeNode(rpc.peerId.slice(0, -1)), {
      proposer: ada, voters: [ada, bern], closer: bern, threshold: 2,
    });
    const typoResult = findEvent(typoEvents, api.events.council.Executed).data.result;
    assert.ok(typoResult.isErr);
    assert.equal(api.registry.findMetaError(typoResult.asErr.asModule).name, 'InvalidPeerId');
    // More than half of the Council authorizes it.
    const events = await councilMotion(api, api.tx.nodes.authorizeNode(rpc.peerId), {
      proposer: ada, voters: [ada, bern], closer: bern, threshold: 2,
    });
    assert.ok(findEvent(events, api.events.nodes.NodeAuthorized));
    const listed = (await api.query.nodes.authorizedNodes()).map((p) => p.toUtf8());
    assert.ok(listed.includes(rpc.peerId));
    assert.equal(listed.length, 4);
    // Once that block is final, the validators let it in.
    await finalizedAtLeast(api, (await api.rpc.chain.getHeader()).number.toNumber());
    nodes.rpc = await startScript({
      script: join(scripts, 'rpc-node.sh'), chain: specPath, name: 'Public RPC', basePath: rpc.basePath,
    });
    nodes.rpc.peerId = rpc.peerId;
    assert.ok(listensOnLoopbackOnly(nodes.rpc.rpcPort));
    const wallet = await connect(nodes.rpc.url);
    try {
      const target = (await api.rpc.chain.getFinalizedHead()).toHex();
      const number = (await api.rpc.chain.getHeader(target)).number.toNumber();
      await finalizedAtLeast(wallet, number, 120_000);
      assert.equal((await wallet.rpc.chain.getBlockHash(number)).toHex(), target);
      // It started from genesis, whose list does not name it but names the validators, which
      // authorized it and answered; synced, its own list names it.
      assert.match(nodes.rpc.log(), /🔒 3 authorized nodes at #0; this node is not one of them/);
      const deadline = Date.now() + 60_000;
      while (!/🔒 4 authorized nodes at #\d+; this node is one of them/.test(nodes.rpc.log())) {
        assert.ok(Date.now() < deadline, 'the synced RPC node applies the list that names it');
        await new Promise((ok) => setTimeout(ok, 1_000));
      }
      // Archive: the state of block 1 is still there.
      const first = await wallet.rpc.chain.getBlockHash(1);
      const at = await wallet.at(first);
      assert.equal((await at.query.council.members()).length, 3);
      for (const [method, params] of [
        ['author_rotateKeys', []],
        ['author_insertKey', ['aura', 'bottom drive obey lake curtain smoke basket hold race lonely fit walk', '0x00']],
        ['system_addReservedPeer', ['/ip4/127.0.0.1/tcp/1/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp']],
      ]) {
        await assert.rejects(
          wallet._rpcCore.provider.send(method, params),
          (error) => /unsafe/i.test(error.message),
          `${method} is refused`,
        );
      }
    } finally {
      await wallet.disconnect();
    }
  });

  test('the Council removes the RPC node, and every validator cuts it off', async () => {
    const [ada, bern] = [founders[0].pair, founders[1].pair];
    const events = await councilMotion(api, api.tx.nodes.removeNode(nodes.rpc.peerId), {
      proposer: ada, voters: [ada, bern], closer: bern, threshold: 2,
    });
    assert.ok(findEvent(events, api.events.nodes.NodeRemoved));
    await finalizedAtLeast(api, (await api.rpc.chain.getHeader()).number.toNumber());
    // Every validator drops it once the removal is final on it: wait until it has no peer,
    // then it gets nothing more.
    const rpcApi = await connect(nodes.rpc.url);
    try {
      const deadline = Date.now() + 60_000;
      while ((await rpcApi.rpc.system.health()).peers.toNumber() > 0) {
        assert.ok(Date.now() < deadline, 'the RPC node still has peers a minute after its removal');
        await new Promise((ok) => setTimeout(ok, 1_000));
      }
    } finally {
      await rpcApi.disconnect();
    }
    const { before, after, peers } = await staysBehind(nodes.rpc, 4);
    assert.equal(peers, 0);
    assert.equal(after, before, 'its best block no longer grows');
    await stopNode(nodes.rpc);
    delete nodes.rpc;
  });

  test('a validator cannot purge its session keys', async () => {
    const founder = founders[0].pair;
    await assert.rejects(
      api.tx.session.purgeKeys().signAndSend(founder),
      (error) => /1010/.test(error.message) && /Custom error: 10/.test(error.message),
    );
    assert.ok((await api.query.session.nextKeys(founder.address)).isSome);
  });

  test('a validator lost for good: finality stops, the Council restarts it, nothing is reverted', async () => {
    const lost = founders[2];
    await stopNode(nodes[2], { signal: 'SIGKILL' });
    delete nodes[2];

    // Finality stops: two of three GRANDPA voters are not enough.
    await bestAtLeast(api, (await api.rpc.chain.getHeader()).number.toNumber() + 2, 60_000);
    const stalledHash = (await api.rpc.chain.getFinalizedHead()).toHex();
    const stalled = (await api.rpc.chain.getHeader(stalledHash)).number.toNumber();
    await bestAtLeast(api, (await api.rpc.chain.getHeader()).number.toNumber() + 3, 60_000);
    assert.equal((await api.rpc.chain.getFinalizedHead()).toHex(), stalledHash, 'finality stopped');

    // Two thirds of the Council (the two founders left) remove the lost validator and ask
    // GRANDPA to restart from the block finalized last.
    const [ada, bern] = [founders[0].pair, founders[1].pair];
    const removed = await councilMotion(api, api.tx.validatorSet.removeValidator(lost.account.ss58Address), {
      proposer: ada, voters: [ada, bern], closer: bern, threshold: 2,
    });
    assert.ok(findEvent(removed, api.events.validatorSet.ValidatorRemoved));
    const requested = await councilMotion(api, api.tx.validatorSet.recoverFinality(stalled, 2), {
      proposer: ada, voters: [ada, bern], closer: bern, threshold: 2,
    });
    const request = findEvent(requested, api.events.validatorSet.FinalityRecoveryRequested);
    assert.ok(request, 'FinalityRecoveryRequested');
    assert.equal(request.data.finalized.toNumber(), stalled);

    // Within two sessions the lost validator is out, GRANDPA signals a forced change to the two
    // others, and they finalize again.
    const now = (await api.rpc.chain.getHeader()).number.toNumber();
    await finalizedAtLeast(api, now, 5 * 60_000);
    assert.equal((await api.call.grandpaApi.grandpaAuthorities()).length, 2);
    // Nothing finalized before is reverted, on either node.
    assert.equal((await api.rpc.chain.getBlockHash(stalled)).toHex(), stalledHash);
    const other = await connect(nodes[1].url);
    try {
      assert.equal((await other.rpc.chain.getBlockHash(stalled)).toHex(), stalledHash);
    } finally {
      await other.disconnect();
    }
    // And it goes on.
    await finalizedAtLeast(api, now + 3, 90_000);
  });

  test('two thirds of the Council vote a new member in', async () => {
    const joiner = JSON.parse(await key('generate', '--scheme', 'sr25519', '--output-type', 'json'));
    const [ada, bern] = [founders[0].pair, founders[1].pair];
    const events = await councilMotion(api, api.tx.councilMembership.addMember(joiner.ss58Address), {
      proposer: ada, voters: [ada, bern], closer: bern, threshold: 2,
    });
    assert.ok(findEvent(events, api.events.councilMembership.MemberAdded));
    const members = (await api.query.council.members()).map(String);
    assert.ok(members.includes(joiner.ss58Address));
    assert.equal(members.length, 4);
  });

  test('a validator restored from an export of its chain joins and finalizes again', async () => {
    const bern = founders[1];
    const finalizedHash = (await api.rpc.chain.getFinalizedHead()).toHex();
    const finalized = (await api.rpc.chain.getHeader(finalizedHash)).number.toNumber();
    await stopNode(nodes[1], { keepBasePath: true });
    const backup = join(dir, 'bern-chain.bin');
    await run(nodeBinary(), ['export-blocks', '--chain', specPath, '--base-path', bern.basePath,
      '--binary', '--from', '1', backup], { timeout: 120_000 });

    // The machine is lost: a new base path, with the network key and the session keys the
    // operator kept offline.
    const restored = mkdtempSync(join(tmpdir(), 'lt-restored-'));
    copyFileSync(join(bern.basePath, 'node-key'), join(restored, 'node-key'));
    rmSync(bern.basePath, { recursive: true, force: true });
    await key('insert', '--base-path', restored, '--chain', specPath,
      '--scheme', 'sr25519', '--key-type', 'aura', '--suri', bern.aura.secretPhrase);
    await key('insert', '--base-path', restored, '--chain', specPath,
      '--scheme', 'ed25519', '--key-type', 'gran', '--suri', bern.grandpa.secretPhrase);
    const imported = await run(nodeBinary(), ['import-blocks', '--chain', specPath, '--base-path', restored,
      '--binary', backup], { timeout: 300_000 });
    const [, count] = /Imported (\d+) blocks/.exec(imported.stderr + imported.stdout) ?? [];
    assert.ok(Number(count) >= finalized, `imported ${count} blocks, finalized ${finalized}`);

    nodes[1] = await startScript({
      script: join(scripts, 'validator.sh'), chain: specPath, name: bern.name,
      basePath: restored, p2pPort: bern.p2pPort,
    });
    const restoredApi = await connect(nodes[1].url);
    try {
      assert.equal((await restoredApi.rpc.chain.getBlockHash(finalized)).toHex(), finalizedHash);
      // Ada alone cannot finalize (two voters): with Bern back, finality goes on.
      const now = (await api.rpc.chain.getHeader()).number.toNumber();
      await finalizedAtLeast(api, now + 1, 120_000);
      await finalizedAtLeast(restoredApi, now + 1, 60_000);
    } finally {
      await restoredApi.disconnect();
    }
  });
});

// A runtime upgrade of a live three-validator network, as its Council would run one: the next
// release (spec version + 1, built by runtime/build.rs with the `next-release` feature) migrates
// the nodes pallet's storage from version 0 (one sorted list) to version 1 (one entry per node).
// Before the upgrade, `try-upgrade` runs the next release's migrations and every pallet's checks
// against the live chain's state; then the Council authorizes the code's hash by a two-thirds
// motion, anyone submits the code, and every institution, course, lifecycle and token reads the
// same afterwards, through the runtime APIs, while blocks keep being finalized and the nodes
// keep peering (the list they peer by is the migrated storage).

import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';

import {
  connect, councilMotion, dispatchErrorText, finalizedAtLeast, findEvent, submitInBlock, waitForHeader,
} from '../lib/chain.js';
import { multiaddr, startPeer } from '../lib/network.js';
import { builtOutput, nodeBinary, stopAll } from '../lib/node.js';
import { SAMPLE_GUIDE, SAMPLE_UNITS } from '../lib/sample-course.js';

const run = promisify(execFile);
const snapshotTool = fileURLToPath(new URL('../tools/state-snapshot.js', import.meta.url));
const UNIT = 10n ** 12n;

/** The next release's runtime, built beside this release's by runtime/build.rs. */
const nextRuntime = () => builtOutput('LT_NEXT_RUNTIME',
  ['wbuild', 'learning-tokens-runtime', 'next_release.wasm'], 'next-release runtime');
/** runtime/examples/try-upgrade.rs, built with the next release's features. */
const tryUpgrade = () => builtOutput('LT_TRY_UPGRADE_BIN', ['examples', 'try-upgrade'], 'try-upgrade binary');

/** Runs try-upgrade on the snapshot at `path`; its exit code and output. */
async function runTryUpgrade(path) {
  try {
    const { stdout, stderr } = await run(tryUpgrade(), [path], { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

/** Submits the unsigned `tx`; resolves with its block's hash once it is in one. */
function unsigned(tx, timeoutMs = 120_000) {
  return new Promise((ok, fail) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => done(fail, new Error(`not included in ${timeoutMs} ms`)), timeoutMs);
    function done(settle, value) { clearTimeout(timer); unsubscribe(); settle(value); }
    tx.send(({ status, dispatchError }) => {
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        done(fail, new Error(`transaction ${status.type}`));
      } else if (status.isInBlock) {
        if (dispatchError) done(fail, new Error(`dispatch failed: ${dispatchError}`));
        else done(ok, { hash: status.asInBlock });
      }
    }).then((unsub) => { unsubscribe = unsub; }, (error) => done(fail, error));
  });
}

describe('a runtime upgrade of a live network', { timeout: 20 * 60_000 }, () => {
  let dir;
  const nodes = {};
  const peerIds = {};
  let api;
  let alice;
  let bob;
  let charlie;
  let institution;
  let instructor;
  const learners = {};
  let course;
  let readBefore;
  let listKey;
  let upgradeBlock;

  /** Every page of a paged runtime API, as a wallet reads it. */
  async function allPages(call, ...args) {
    const items = [];
    let cursor = null;
    do {
      const page = await call(...args, cursor, 2);
      items.push(...page.items.map((item) => item.toJSON()));
      cursor = page.next.isSome ? page.next.unwrap() : null;
    } while (cursor);
    return items;
  }

  /** What the chain says of every item this test made, through the runtime APIs of `api`. */
  async function readEverything(api) {
    const items = {};
    const accounts = { institution, instructor, ana: learners.ana, ben: learners.ben };
    items['registry: institution'] = (await api.call.registryApi.institution(institution.address)).toJSON();
    items['registry: is accredited'] = (await api.call.registryApi.isAccredited(institution.address)).toJSON();
    items['registry: instructors'] = (await api.call.registryApi.instructorsOf(institution.address)).toJSON();
    items['registry: institutions of the instructor'] = (await api.call.registryApi.institutionsOf(instructor.address)).toJSON();
    items['courses: the course'] = (await api.query.courses.courses(course)).toJSON();
    for (const [name, who] of Object.entries(accounts)) {
      items[`${name}: enrollments`] = await allPages(api.call.learnerApi.enrollments, who.address);
      items[`${name}: lifecycles`] = await allPages(api.call.learnerApi.lifecycles, who.address);
      items[`${name}: pending`] = await allPages(api.call.learnerApi.pending, who.address);
      items[`${name}: tokens`] = await allPages(api.call.tokensApi.tokensOf, who.address);
      items[`${name}: skill profile`] = (await api.call.tokensApi.skillProfile(who.address, null, 100)).toJSON();
      items[`${name}: balance`] = (await api.query.system.account(who.address)).data.toJSON();
    }
    items['tokens of the course'] = await allPages(api.call.tokensApi.tokensOfCourse, course);
    for (const token of items['tokens of the course']) {
      items[`token ${token.id}: verification`] = (await api.call.tokensApi.verify(token.id)).toJSON();
    }
    items['nodes: authorized'] = (await api.call.nodesApi.authorizedNodes()).toJSON();
    return items;
  }

  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    [alice, bob, charlie] = ['//Alice', '//Bob', '//Charlie'].map((s) => keyring.addFromUri(s));
    institution = keyring.addFromMnemonic(mnemonicGenerate());
    instructor = keyring.addFromMnemonic(mnemonicGenerate());
    learners.ana = keyring.addFromMnemonic(mnemonicGenerate());
    learners.ben = keyring.addFromMnemonic(mnemonicGenerate());

    // The local chain spec with the three validators' nodes authorized at genesis, so that the
    // list the migration moves is the one the nodes peer by.
    dir = mkdtempSync(join(tmpdir(), 'lt-upgrade-'));
    for (const name of ['alice', 'bob', 'charlie']) {
      const file = join(dir, `${name}.node-key`);
      execFileSync(nodeBinary(), ['key', 'generate-node-key', '--file', file], { stdio: 'ignore' });
      peerIds[name] = execFileSync(nodeBinary(), ['key', 'inspect-node-key', '--file', file], { encoding: 'utf8' }).trim();
    }
    const plain = JSON.parse(execFileSync(nodeBinary(),
      ['build-spec', '--chain', 'local', '--disable-default-bootnode'],
      { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 }));
    const genesis = plain.genesis.runtimeGenesis;
    const config = genesis.patch ?? genesis.config;
    // Peer ids as text; the genesis config takes the bytes.
    config.nodes = { nodes: Object.values(peerIds).map((text) => [...Buffer.from(text)]) };
    writeFileSync(join(dir, 'plain.json'), JSON.stringify(plain));
    const raw = execFileSync(nodeBinary(),
      ['build-spec', '--chain', join(dir, 'plain.json'), '--raw', '--disable-default-bootnode'],
      { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
    const spec = join(dir, 'local.json');
    writeFileSync(spec, raw);

    const start = (name, bootnodes = []) => startPeer({
      spec, name: `upgrade-${name}`, role: [`--${name}`, '--node-key-file', join(dir, `${name}.node-key`)],
      bootnodes,
    });
    nodes.alice = await start('alice');
    api = await connect(nodes.alice.url);
    const bootnodes = [await multiaddr(api, nodes.alice)];
    nodes.bob = await start('bob', bootnodes);
    nodes.charlie = await start('charlie', bootnodes);
    await finalizedAtLeast(api, 1, 120_000);
  });

  after(async () => {
    await api?.disconnect();
    try {
      await stopAll(nodes);
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an institution, a course, lifecycles and tokens on the running release', async () => {
    assert.deepEqual((await api.call.nodesApi.authorizedNodes()).toJSON().map((hex) => Buffer.from(hex.slice(2), 'hex').toString()),
      Object.values(peerIds).sort());
    assert.equal((await api.query.nodes.palletVersion()).toNumber(), 0);

    await submitInBlock(api, api.tx.balances.transferKeepAlive(institution.address, 1_000n * UNIT), alice);
    await submitInBlock(api, api.tx.balances.transferKeepAlive(instructor.address, 100n * UNIT), bob);
    await submitInBlock(api, api.tx.registry.apply('Open Learning Institute', 'https://open-learning.example', u8aToHex(new Uint8Array(32).fill(7))), institution);
    const accredited = await councilMotion(api, api.tx.registry.accredit(institution.address), {
      proposer: alice, voters: [alice, bob], closer: alice, threshold: 2,
    });
    assert.ok(findEvent(accredited, api.events.registry.InstitutionAccredited));
    await submitInBlock(api, api.tx.registry.addInstructor(instructor.address), institution);

    const created = await submitInBlock(api, api.tx.courses.createCourse(
      institution.address, 'Data Analysis with Python', '30.7001', SAMPLE_UNITS, SAMPLE_GUIDE, false,
    ), instructor);
    course = findEvent(created.events, api.events.courses.CourseCreated).data.course.toNumber();
    await submitInBlock(api, api.tx.courses.invite(course, [learners.ana.address, learners.ben.address]), instructor);
    const both = (fn) => Promise.all(['ana', 'ben'].map((name) => fn(learners[name], name)));
    await both((learner) => submitInBlock(api, api.tx.courses.acceptInvitation(course), learner));

    // The five steps of the first lesson, for both learners; then the second lesson's first step.
    const units = [0, 1];
    await submitInBlock(api, api.tx.lifecycle.convey(course, 0, units, [
      { learner: learners.ana.address, attendance: [4, 3] },
      { learner: learners.ben.address, attendance: [2, 4] },
    ]), instructor);
    await both((learner) => submitInBlock(api, api.tx.lifecycle.acquire(course, 0, units), learner));
    await submitInBlock(api, api.tx.lifecycle.assess(course, 0, units, [learners.ana.address, learners.ben.address]), instructor);
    await both((learner, name) => submitInBlock(
      api, api.tx.lifecycle.respond(course, 0, units, blake2AsHex(`${name}'s answer`)), learner,
    ));
    await submitInBlock(api, api.tx.lifecycle.award(course, 0, units, [
      { learner: learners.ana.address, points: [{ score: 9, help: 2 }, { score: 7, help: 1 }] },
      { learner: learners.ben.address, points: [{ score: 10, help: 0 }, { score: 5, help: 2 }] },
    ]), instructor);
    await both((learner, name) => submitInBlock(
      api, api.tx.lifecycle.rate(course, 0, instructor.address, name === 'ana' ? 5 : 3), learner,
    ));
    // A revoked token reads the same too.
    const anaTokens = await allPages(api.call.tokensApi.tokensOf, learners.ana.address);
    const revoked = anaTokens.find((token) => token.kind === 'Attendance');
    await submitInBlock(api, api.tx.tokens.revoke(revoked.id, 'recorded for the wrong unit'), institution);
    await submitInBlock(api, api.tx.lifecycle.convey(course, 1, units, [
      { learner: learners.ana.address, attendance: [0, 0] },
    ]), instructor);

    readBefore = await readEverything(api);
    const tokens = readBefore['tokens of the course'];
    assert.ok(tokens.length >= 10, `tokens minted: ${tokens.length}`);
    assert.equal(readBefore[`token ${revoked.id}: verification`].revoked, true, 'one token is revoked');
    assert.equal(readBefore['ana: lifecycles'].length, 2);
    assert.equal(readBefore['ana: pending'].length, 1, 'the second lesson awaits Ana');
  });

  test('try-upgrade runs the next release\'s migrations and checks on the live state', async (t) => {
    // As docs/OPERATORS.md says: the state of the finalized block from a validator's own RPC,
    // then try-upgrade on it.
    // Everything recorded above is final first, so that the snapshot holds it.
    await finalizedAtLeast(api, (await api.rpc.chain.getHeader()).number.toNumber(), 90_000);
    const path = join(dir, 'state.json');
    const { stdout: written } = await run(process.execPath, [snapshotTool, nodes.alice.url, path]);
    assert.match(written, /state\.json: \d+ keys of block 0x[0-9a-f]{64}/);
    const state = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(state.block, (await api.rpc.chain.getFinalizedHead()).toHex(), 'the finalized block');
    assert.ok(state.pairs.some(([key]) => key === u8aToHex(new TextEncoder().encode(':code'))), 'the snapshot holds the code');
    const result = await runTryUpgrade(path);
    t.diagnostic(result.stdout);
    assert.equal(result.code, 0, `try-upgrade failed:\n${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /upgrading to spec version 102/);
    assert.match(result.stdout, /^state root: the block's$/m);
    assert.match(result.stdout, /^Nodes: storage version 0 -> 1$/m);
    assert.match(result.stdout, /^Registry: storage version 1 -> 1$/m);
    assert.match(result.stdout, /^authorized nodes: 3$/m);
    assert.match(result.stdout, /a second run changes nothing: ok/);

    // The same state with the old list made undecodable: the checks refuse it, and say where.
    listKey = api.query.nodes.authorizedNodes.key();
    assert.ok(state.pairs.some(([key]) => key === listKey), 'the snapshot holds the list');
    const broken = join(dir, 'broken.json');
    // (A state no block has: given without a root, which try-upgrade then does not check.)
    writeFileSync(broken, JSON.stringify({
      block: state.block,
      pairs: state.pairs.map(([key, value]) => [key, key === listKey ? '0x0c01' : value]),
    }));
    const refused = await runTryUpgrade(broken);
    assert.notEqual(refused.code, 0, `try-upgrade accepted an undecodable list:\n${refused.stdout}`);
    assert.match(refused.stderr, /the list of version 0 does not decode/);

    // The same change with the block's root kept, or a key left out: not that block's state.
    for (const pairs of [
      state.pairs.map(([key, value]) => [key, key === listKey ? '0x0c01' : value]),
      state.pairs.filter(([key]) => key !== listKey),
    ]) {
      writeFileSync(broken, JSON.stringify({ ...state, pairs }));
      const altered = await runTryUpgrade(broken);
      assert.equal(altered.code, 1);
      assert.match(altered.stderr, /do not make block 0x[0-9a-f]{64}'s state root: it is incomplete or altered/);
      assert.doesNotMatch(altered.stdout, /migrations ran/);
    }

    // What is not a snapshot is refused with the reason, before any check runs.
    const bad = join(dir, 'bad.json');
    for (const [content, reason] of [
      ['{"block": "0x00"}', /no "pairs"/],
      ['{"pairs": [["0x00"]]}', /a pair is not \[key, value\]/],
      ['{"pairs": [["0x00", 5]]}', /a value is not text/],
      ['{"pairs": [["00", "0x00"]]}', /not 0x-prefixed hex/],
      ['{"pairs": [["0x0", "0x00"]]}', /odd number of hex digits/],
      ['{"pairs": [["0xzz", "0x00"]]}', /not hex/],
      ['{"stateRoot": 7, "pairs": []}', /stateRoot is not text/],
      ['not json', /bad\.json: expected/],
    ]) {
      writeFileSync(bad, content);
      const outcome = await runTryUpgrade(bad);
      assert.equal(outcome.code, 1, content);
      assert.match(outcome.stderr, reason, content);
      assert.doesNotMatch(outcome.stdout, /migrations ran/, content);
    }
    await assert.rejects(run(tryUpgrade(), []), (error) => error.code === 1 && /usage: try-upgrade <snapshot\.json>/.test(error.stderr));
    const missing = await runTryUpgrade(join(dir, 'none.json'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /none\.json: No such file/);
  });

  test('only two thirds of the Council authorize the upgrade; anyone then applies it', async () => {
    // As hex: @polkadot/api reads a Uint8Array given for `Bytes` as already SCALE-encoded.
    const wasm = readFileSync(nextRuntime());
    const code = u8aToHex(wasm);
    const codeHash = blake2AsHex(wasm, 256);
    // The hash as docs/OPERATORS.md has the Council's members compute it.
    const { stdout: b2sum } = await run('b2sum', ['-l', '256', nextRuntime()]);
    assert.equal(`0x${b2sum.split(' ')[0]}`, codeHash);
    const call = api.tx.upgrade.authorizeUpgrade(codeHash);

    // One member of three is not two thirds: the motion executes and fails, nothing is authorized.
    const alone = await councilMotion(api, call, { proposer: charlie, threshold: 1 });
    const executed = findEvent(alone, api.events.council.Executed);
    assert.ok(executed.data.result.isErr);
    assert.equal(dispatchErrorText(api, executed.data.result.asErr), 'BadOrigin');
    assert.ok((await api.query.system.authorizedUpgrade()).isNone);
    // Code nobody authorized is refused by the pool. (Not the real code: the pool bans the hash
    // of a transaction it found invalid, for half an hour.)
    const other = Uint8Array.from(wasm);
    other[other.length - 1] ^= 1;
    await assert.rejects(unsigned(api.tx.system.applyAuthorizedUpgrade(u8aToHex(other))), /1010: Invalid Transaction/,
      'the pool refuses code that nobody authorized');

    const events = await councilMotion(api, call, { proposer: alice, voters: [alice, bob], closer: alice, threshold: 2 });
    const authorized = findEvent(events, api.events.system.UpgradeAuthorized);
    assert.equal(authorized.data.codeHash.toHex(), codeHash);
    assert.equal(authorized.data.checkVersion.isTrue, true);

    // Other code than the authorized one fails, and uses nothing up: the same with its last byte
    // changed, from a signed account (unsigned, the pool would refuse it as above).
    await assert.rejects(
      submitInBlock(api, api.tx.system.applyAuthorizedUpgrade(u8aToHex(other)), charlie, 120_000),
      /dispatch failed: system\.Unauthorized/,
    );
    assert.equal((await api.query.system.authorizedUpgrade()).unwrap().codeHash.toHex(), codeHash);

    // Anyone submits the code: an unsigned transaction, from no account at all. frame_system
    // declares the call's weight and then reports the whole block as its actual weight ("consume
    // the rest of the block"), which frame-support logs as an ERROR on every node that executes
    // the block; expected here, and only here.
    for (const node of Object.values(nodes)) node.expect(/Post dispatch weight is greater than pre dispatch weight/);
    assert.equal(api.runtimeVersion.specVersion.toNumber(), 101);
    const included = await unsigned(api.tx.system.applyAuthorizedUpgrade(code));
    upgradeBlock = (await api.rpc.chain.getHeader(included.hash)).number.toNumber();

    // From here on, a connection opened on the new runtime (see the next test for why): the
    // upgrade block's events, decoded with the metadata of the runtime that made them.
    const fresh = await connect(nodes.alice.url);
    try {
      const atUpgrade = await fresh.at(included.hash);
      const blockEvents = await atUpgrade.query.system.events();
      assert.ok(findEvent(blockEvents, atUpgrade.events.system.CodeUpdated), 'CodeUpdated');
      assert.ok((await fresh.query.system.authorizedUpgrade()).isNone, 'the authorization is used up');
    } finally {
      await fresh.disconnect();
    }
  });

  test('the new release runs: the migration ran, every item reads the same, finality goes on', async () => {
    await finalizedAtLeast(api, upgradeBlock + 2, 120_000);
    // The connection opened before the upgrade follows the new version, but @polkadot/api 16.5
    // then loads the new runtime's metadata with state_getMetadata (V14, no runtime APIs) into
    // the registry it also keeps for the old runtime, so that through it runtime APIs are gone
    // and the old runtime's blocks no longer decode: wallets (and this test) read from a
    // connection opened on the new runtime.
    await waitForHeader((cb) => api.rpc.chain.subscribeNewHeads(cb),
      () => api.runtimeVersion.specVersion.toNumber() === 102, 60_000, 'the api on the new runtime');
    const fresh = await connect(nodes.alice.url);
    try {
      const finalized = await fresh.rpc.chain.getFinalizedHead();
      assert.equal((await fresh.rpc.state.getRuntimeVersion(finalized)).specVersion.toNumber(), 102);
      assert.equal(fresh.runtimeVersion.specVersion.toNumber(), 102);
      assert.equal((await fresh.query.nodes.palletVersion()).toNumber(), 1);
      assert.equal(fresh.query.nodes.authorizedNodes, undefined, 'the list of version 0 is gone');
      assert.equal((await fresh.query.nodes.counterForNodes()).toNumber(), 3);
      assert.equal((await fresh.rpc.state.getKeysPaged(listKey, 10)).length, 0,
        'and so is its value');

      const afterUpgrade = await readEverything(fresh);
      assert.deepEqual(Object.keys(afterUpgrade), Object.keys(readBefore));
      for (const item of Object.keys(readBefore)) {
        assert.deepEqual(afterUpgrade[item], readBefore[item], `${item} reads the same after the upgrade`);
      }

      // The chain goes on, on the new runtime: the learner acknowledges the second lesson (free),
      // all three nodes stay peered by the migrated list, and blocks keep being finalized.
      const { events } = await submitInBlock(fresh, fresh.tx.lifecycle.acquire(course, 1, [0, 1]), learners.ana);
      assert.ok(findEvent(events, fresh.events.lifecycle.Acquired));
      for (const name of ['bob', 'charlie']) {
        const other = await connect(nodes[name].url);
        try {
          const head = await other.rpc.chain.getFinalizedHead();
          assert.equal((await other.rpc.state.getRuntimeVersion(head)).specVersion.toNumber(), 102, name);
          assert.equal((await other.rpc.system.health()).peers.toNumber(), 2, `${name} peers with the other two`);
        } finally {
          await other.disconnect();
        }
      }
      const now = (await fresh.rpc.chain.getHeader()).number.toNumber();
      await finalizedAtLeast(fresh, now + 2, 90_000);
    } finally {
      await fresh.disconnect();
    }
  });
});

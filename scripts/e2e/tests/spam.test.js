// A flood of free calls cannot crowd out the chain's users (issue 11, item 8). A thousand
// learners, each holding the Help of one award, burst free Help transfers into the pool (more
// than it holds) at the start of a slot; then an instructor awards and an honest learner
// acknowledges a unit. Paid calls rank above every free call and learner steps above Help
// transfers, so both land within a few blocks, and blocks go on being produced and finalized.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { blake2AsHex } from '@polkadot/util-crypto';

import { measureThroughput } from '../bench/throughput.js';
import { bestAtLeast, connect, findEvent, submitInBlock } from '../lib/chain.js';
import { startNode, stopNode } from '../lib/node.js';

/** Accounts that flood. */
const SPAMMERS = 1000;
/** Free Help transfers each sends at once: each holds 5 Help, keep-alive transfers of 1. */
const SENDS = 4;
/** The node's pool holds this many transactions: the flood is twice that. */
const POOL_LIMIT = 2000;
/** The honest calls must land within this many blocks of their submission. */
const WITHIN_BLOCKS = 3;

describe('a flood of free calls', () => {
  let node;
  let api;

  before(async () => {
    node = await startNode({ name: 'dev-spam', args: ['--dev', '--pool-limit', String(POOL_LIMIT)] });
    api = await connect(node.url);
  });

  after(async () => {
    await api?.disconnect();
    if (node) await stopNode(node);
  });

  test(`${SPAMMERS} accounts burst ${SPAMMERS * SENDS} free Help transfers into a pool of ${POOL_LIMIT}: ` +
    `an award and a learner's step still land within ${WITHIN_BLOCKS} blocks, and finality goes on`, async (t) => {
    // Set-up: the throughput benchmark's course leaves SPAMMERS learners (//BenchLearner/i)
    // holding 5 Help each and no balance.
    await measureThroughput(api, { learners: SPAMMERS, units: 1, transfers: 0 });
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const institution = keyring.addFromUri('//BenchInstitution');
    const instructor = keyring.addFromUri('//BenchInstructor');
    const [ana, ben] = ['//HonestAna', '//HonestBen'].map((seed) => keyring.addFromUri(seed));

    // A second course for two honest learners: Ana is ready for her award, Ben has yet to
    // acknowledge what was conveyed to him.
    const guide = [{ kind: 'Lesson', units: [{ unit: 0, max: { attendance: 2, score: 20, help: 5 } }], maxInstructorFeedback: 5 }];
    const created = await submitInBlock(api, api.tx.courses.createCourse(
      institution.address, 'Honest', '11.0701', [{ skill: 'honest:0', title: 'Unit 0' }], guide, false,
    ), instructor);
    const course = findEvent(created.events, api.events.courses.CourseCreated).data.course.toNumber();
    await submitInBlock(api, api.tx.courses.invite(course, [ana.address, ben.address]), instructor);
    await Promise.all([ana, ben].map((learner) => submitInBlock(api, api.tx.courses.acceptInvitation(course), learner)));
    await submitInBlock(api, api.tx.lifecycle.convey(course, 0, [0],
      [ana, ben].map((learner) => ({ learner: learner.address, attendance: [2] }))), instructor);
    await submitInBlock(api, api.tx.lifecycle.acquire(course, 0, [0]), ana);
    await submitInBlock(api, api.tx.lifecycle.assess(course, 0, [0], [ana.address]), instructor);
    await submitInBlock(api, api.tx.lifecycle.respond(course, 0, [0], blake2AsHex("Ana's answer")), ana);

    // The flood, signed ahead: every spammer sends 1 Help to the next, SENDS times.
    const base = keyring.addFromUri('//BenchLearner');
    const spammers = Array.from({ length: SPAMMERS }, (_, i) => base.derive(`/${i}`));
    const flood = [];
    for (const [i, spammer] of spammers.entries()) {
      const nonce = (await api.rpc.system.accountNextIndex(spammer.address)).toNumber();
      const to = spammers[(i + 1) % SPAMMERS].address;
      for (let k = 0; k < SENDS; k += 1) {
        flood.push(await api.tx.assets.transferKeepAlive(1, to, 1).signAsync(spammer, { nonce: nonce + k, era: 0 }));
      }
    }
    const award = api.tx.lifecycle.award(course, 0, [0], [{ learner: ana.address, points: [{ score: 18, help: 3 }] }]);
    const acquire = api.tx.lifecycle.acquire(course, 0, [0]);

    // At the start of a slot, so that no block drains the pool before the honest calls come.
    const slotStart = (await api.rpc.chain.getHeader()).number.toNumber() + 1;
    await bestAtLeast(api, slotStart);
    const outcomes = await Promise.allSettled(flood.map((tx) => api.rpc.author.submitExtrinsic(tx)));
    const accepted = outcomes.filter((o) => o.status === 'fulfilled').length;
    const pending = (await api.rpc.author.pendingExtrinsics()).length;
    const submittedAt = (await api.rpc.chain.getHeader()).number.toNumber();
    const [awarded, acquired] = await Promise.all([
      submitInBlock(api, award, instructor, 120_000),
      submitInBlock(api, acquire, ben, 120_000),
    ]);

    t.diagnostic(`the pool took ${accepted} of ${flood.length} flood transactions; ${pending} were waiting ` +
      `when the honest calls came at #${submittedAt}`);
    // The flood filled the pool (what did not fit was refused) ...
    assert.ok(accepted >= POOL_LIMIT / 2, `the pool took ${accepted} of the flood`);
    assert.ok(pending >= POOL_LIMIT / 2, `${pending} transactions were waiting when the honest calls came`);
    // ... and both honest calls landed within WITHIN_BLOCKS blocks.
    const numberOf = async (hash) => (await api.rpc.chain.getHeader(hash)).number.toNumber();
    for (const [what, landed] of [['the award', awarded], ["Ben's acquire", acquired]]) {
      const number = await numberOf(landed.blockHash);
      assert.ok(number - submittedAt <= WITHIN_BLOCKS, `${what} landed in #${number}, submitted at #${submittedAt}`);
      t.diagnostic(`${what} landed in #${number}`);
    }
    assert.ok(findEvent(awarded.events, api.events.lifecycle.Awarded));
    assert.ok(findEvent(acquired.events, api.events.lifecycle.Acquired));
    assert.equal((await api.query.assets.account(1, ben.address)).isNone, true, 'Ben holds no Help yet');
    assert.equal((await api.query.assets.account(1, ana.address)).unwrap().balance.toNumber(), 3);

    // Blocks went on being produced and finalized through it all.
    const last = Math.max(await numberOf(awarded.blockHash), await numberOf(acquired.blockHash));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const finalized = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
      if (finalized >= last) break;
      assert.ok(Date.now() < deadline, `block #${last} not finalized within a minute (finalized #${finalized})`);
      await new Promise((ok) => setTimeout(ok, 500));
    }
  });

  test('one account\'s free calls of many future nonces: the pool takes four and refuses the rest', async () => {
    // Ana, who holds the 3 Help of her award above, signs ten free Help transfers to Ben of
    // consecutive nonces at once, each valid against the same state.
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const [spammer, peer] = ['//HonestAna', '//HonestBen'].map((seed) => keyring.addFromUri(seed));
    const nonce = (await api.rpc.system.accountNextIndex(spammer.address)).toNumber();
    const burst = [];
    for (let k = 0; k < 10; k += 1) {
      burst.push(await api.tx.assets.transferKeepAlive(1, peer.address, 1).signAsync(spammer, { nonce: nonce + k, era: 0 }));
    }
    const outcomes = await Promise.allSettled(burst.map((tx) => api.rpc.author.submitExtrinsic(tx)));
    const accepted = outcomes.filter((o) => o.status === 'fulfilled').length;
    assert.equal(accepted, 4, 'MaxQueuedFree of the runtime');
    for (const refused of outcomes.slice(4)) {
      assert.equal(refused.status, 'rejected');
      assert.match(String(refused.reason), /1010.*Custom error: 3/);
    }
  });
});

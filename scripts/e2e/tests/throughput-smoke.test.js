// The throughput benchmark's smoke version (scripts/bench-throughput.sh runs the full one on a
// release node): a few seconds of load of each kind on a dev node, asserting that nothing is
// lost — every transfer, every learner's step and every award submitted is in a finalized
// block, none rejected, none failed.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';

import { measureThroughput } from '../bench/throughput.js';
import { connect } from '../lib/chain.js';
import { startNode, stopNode } from '../lib/node.js';

describe('throughput smoke test on a dev node', () => {
  let node;
  let api;

  before(async () => {
    node = await startNode({ name: 'dev-throughput', args: ['--dev'] });
    api = await connect(node.url);
  });

  after(async () => {
    await api?.disconnect();
    if (node) await stopNode(node);
  });

  test('600 learners × 2 units and 600 transfers: every item finalized, none lost', async () => {
    const learners = 600;
    const units = 2;
    const r = await measureThroughput(api, { learners, units, transfers: 600 });
    assert.equal(r.baseline.items, 600);
    assert.equal(r.awards.items, learners * units, 'every award finalized');
    assert.equal(r.awards.transactions, 2, 'two batches of at most 500 learners');
    for (const step of r.steps) assert.equal(step.items, learners * units, `${step.name}: every (learner, unit)`);
    // Learners sign one transaction per step for both units.
    assert.equal(r.steps.find((s) => s.name === 'acquire').transactions, learners);
    assert.ok(r.awards.perSecond > 0 && r.baseline.perSecond > 0);
    assert.ok(r.awardWeight > 0n && r.transferWeight > 0n);
    assert.ok(r.awards.fullBlockItems > 0);
    // The first and the last learner each hold an Attendance and a Score token per unit, and
    // the Help of both units.
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    for (const i of [0, learners - 1]) {
      const learner = keyring.addFromUri(`//BenchLearner/${i}`).address;
      const page = await api.call.tokensApi.tokensOf(learner, null, 100);
      const kinds = page.items.map((t) => `${t.kind.type} ${t.points}`).sort();
      assert.deepEqual(kinds, ['Attendance 2', 'Attendance 2', 'Score 20', 'Score 20']);
      assert.equal((await api.query.assets.account(1, learner)).unwrap().balance.toNumber(), 10);
    }
  });
});

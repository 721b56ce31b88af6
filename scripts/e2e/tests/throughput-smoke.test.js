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

  test('600 learners × 1 unit and 600 transfers: every item finalized, none lost', async () => {
    const learners = 600;
    const r = await measureThroughput(api, { learners, units: 1, transfers: 600 });
    assert.equal(r.baseline.items, 600);
    assert.equal(r.awards.items, learners, 'every award finalized');
    assert.equal(r.awards.transactions, 2, 'two batches of at most 500');
    for (const step of r.steps) assert.equal(step.items, learners, `${step.name}: every learner`);
    assert.ok(r.awards.perSecond > 0 && r.baseline.perSecond > 0);
    assert.ok(r.awardWeight > 0n && r.transferWeight > 0n);
    // The first and the last learner each hold an Attendance and a Score token, and 5 Help.
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    for (const i of [0, learners - 1]) {
      const learner = keyring.addFromUri(`//BenchLearner/${i}`).address;
      const kinds = (await api.call.tokensApi.tokensOf(learner)).map((t) => `${t.kind.type} ${t.points}`);
      assert.deepEqual(kinds, ['Attendance 4', 'Score 20']);
      assert.equal((await api.query.assets.account(1, learner)).unwrap().balance.toNumber(), 5);
    }
  });
});

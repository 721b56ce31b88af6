// DOMAIN.md's worked example on a dev chain, as wallets drive it: an accredited institution's
// instructor runs a course of two lessons and a final evaluation for two learners whose fresh
// accounts never hold any balance. The learners accept, acknowledge, respond, rate and trade
// Help with signed transactions that cost them nothing; a verifier reads tokens, skill profiles
// and a revoked token back through the TokensApi runtime API.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { u8aToString } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';

import { connect, councilMotion, findEvent, submitInBlock } from '../lib/chain.js';
import { startNode, stopNode } from '../lib/node.js';

const UNIT = 10n ** 12n;
const HELP = 1;
const SKILL = 'http://data.europa.eu/esco/skill/algorithms';

// The worked example's scoring guide.
const GUIDE = [
  { kind: 'Lesson', maxAttendance: 5, maxScore: 25, maxHelp: 10, maxInstructorFeedback: 5 },
  { kind: 'Lesson', maxAttendance: 5, maxScore: 25, maxHelp: 10, maxInstructorFeedback: 5 },
  { kind: 'FinalEvaluation', maxAttendance: 5, maxScore: 10, maxHelp: 5, maxInstructorFeedback: 0 },
];

// What each learner earns: [attendance, score, help, rating] per assessment.
const EARNED = {
  ana: [[4, 20, 5, 5], [5, 22, 8, 4], [5, 9, 3, 0]],
  ben: [[5, 25, 10, 3], [3, 15, 2, 5], [4, 6, 1, 0]],
};

describe('the worked example with learners who hold no balance', () => {
  let node;
  let api;
  let alice;
  let institution;
  let instructor;
  const learners = {};
  let course;

  const help = async (who) => {
    const account = await api.query.assets.account(HELP, who.address);
    return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
  };
  const free = async (who) => (await api.query.system.account(who.address)).data.free.toBigInt();
  const tokensOf = async (who) => (await api.call.tokensApi.tokensOf(who.address)).toArray();
  const both = (fn) => Promise.all(['ana', 'ben'].map((name) => fn(learners[name], name)));

  before(async () => {
    await cryptoWaitReady();
    node = await startNode({ name: 'dev-learning', args: ['--dev'] });
    api = await connect(node.url);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    alice = keyring.addFromUri('//Alice');
    institution = keyring.addFromMnemonic(mnemonicGenerate());
    instructor = keyring.addFromMnemonic(mnemonicGenerate());
    learners.ana = keyring.addFromMnemonic(mnemonicGenerate());
    learners.ben = keyring.addFromMnemonic(mnemonicGenerate());

    await submitInBlock(api, api.tx.balances.transferKeepAlive(institution.address, 1_000n * UNIT), alice);
    await submitInBlock(api, api.tx.balances.transferKeepAlive(instructor.address, 100n * UNIT), alice);
    await submitInBlock(api, api.tx.registry.apply('Open Learning Institute', 'https://open-learning.example', null), institution);
    await councilMotion(api, api.tx.registry.accredit(institution.address), { proposer: alice, threshold: 1 });
    await submitInBlock(api, api.tx.registry.addInstructor(instructor.address), institution);
  });

  after(async () => {
    await api?.disconnect();
    if (node) await stopNode(node);
  });

  test('the instructor publishes the course with its scoring guide and invites both learners', async () => {
    const created = await submitInBlock(api, api.tx.courses.createCourse(
      institution.address, 'Algorithms', '11.0701', [[SKILL, 'Sorting']], GUIDE, false,
    ), instructor);
    course = findEvent(created.events, api.events.courses.CourseCreated).data.course.toNumber();

    const invited = await submitInBlock(
      api, api.tx.courses.invite(course, [learners.ana.address, learners.ben.address]), instructor,
    );
    assert.equal(findEvent(invited.events, api.events.courses.LearnersInvited).data.count.toNumber(), 2);
  });

  test('learners with empty accounts accept for free; wallets are told the fee is zero', async () => {
    const accept = api.tx.courses.acceptInvitation(course);
    const info = await accept.paymentInfo(learners.ana);
    assert.equal(info.partialFee.toBigInt(), 0n, 'the wallet shows no fee');

    await both(async (learner) => {
      assert.equal(await free(learner), 0n);
      const { events } = await submitInBlock(api, api.tx.courses.acceptInvitation(course), learner);
      assert.ok(findEvent(events, api.events.courses.InvitationAccepted));
      assert.equal(findEvent(events, api.events.transactionPayment.TransactionFeePaid), undefined);
      assert.equal(await free(learner), 0n);
    });
  });

  test('lesson 1: after the five steps and the rating, the tokens are those of DOMAIN.md', async () => {
    await runAssessment(0);
    const ana = await tokensOf(learners.ana);
    const byKind = (kind) => ana.filter((t) => t.kind.type === kind).map((t) => t.points.toNumber());
    assert.deepEqual(byKind('Attendance'), [4]);
    assert.deepEqual(byKind('Score'), [20]);
    assert.equal(await help(learners.ana), 5n);
    const rated = (await tokensOf(instructor)).filter((t) => t.kind.type === 'InstructorScore');
    assert.deepEqual(rated.map((t) => t.points.toNumber()).sort(), [3, 5]);
    assert.equal(await free(learners.ana), 0n, 'still no balance');
  });

  test('awarding 6 attendance points where the guide allows 5 is rejected', async () => {
    await assert.rejects(
      submitInBlock(api, api.tx.lifecycle.convey(course, 1, 0, [[learners.ana.address, 6]]), instructor),
      /lifecycle\.AttendanceAboveMaximum/,
    );
  });

  test('a learner call that would fail is refused by the pool, and the wallet can ask why', async () => {
    // Ana already acknowledged lesson 1.
    const again = api.tx.lifecycle.acquire(course, 0, 0);
    await assert.rejects(submitInBlock(api, again, learners.ana), /1010.*Custom error: 2/);
    const refusal = await api.call.feelessApi.check(learners.ana.address, again.method);
    assert.ok(refusal.isErr && refusal.asErr.isWouldFail, refusal.toString());
    const error = api.registry.findMetaError(refusal.asErr.asWouldFail.error.asModule);
    assert.equal(error.section, 'lifecycle');
  });

  test('lesson 2 and the final evaluation complete the course; totals and skill profile add up', async () => {
    await runAssessment(1);
    await runAssessment(2);
    for (const name of ['ana', 'ben']) {
      const sums = EARNED[name].reduce(
        (acc, [a, s, h]) => ({ attendance: acc.attendance + a, score: acc.score + s, help: acc.help + h }),
        { attendance: 0, score: 0, help: 0 },
      );
      const profile = await api.call.tokensApi.skillProfile(learners[name].address);
      const [cip, byCip] = profile.byCip[0];
      assert.equal(u8aToString(cip), '11.0701');
      assert.equal(byCip.attendance.toNumber(), sums.attendance);
      assert.equal(byCip.score.toNumber(), sums.score);
      assert.equal(byCip.help.toNumber(), sums.help);
      const [skill, bySkill] = profile.bySkill[0];
      assert.equal(u8aToString(skill), SKILL);
      assert.equal(bySkill.score.toNumber(), sums.score);
      assert.equal(await help(learners[name]), BigInt(sums.help));
      assert.equal((await tokensOf(learners[name])).length, 6, 'attendance and score per assessment');
    }
    // Ana: 4+5+5 attendance, 20+22+9 score, 5+8+3 help = 100 points at most in the guide.
  });

  test('two learners without balance trade Help for free', async () => {
    const before = [await help(learners.ana), await help(learners.ben)];
    const { events } = await submitInBlock(
      api, api.tx.assets.transferKeepAlive(HELP, learners.ben.address, 2), learners.ana,
    );
    assert.ok(findEvent(events, api.events.assets.Transferred));
    assert.equal(findEvent(events, api.events.transactionPayment.TransactionFeePaid), undefined);
    assert.equal(await help(learners.ana), before[0] - 2n);
    assert.equal(await help(learners.ben), before[1] + 2n);
    assert.equal(await free(learners.ana), 0n);
    assert.equal(await free(learners.ben), 0n);
  });

  test('the institution revokes a token with a reason; verify shows it revoked and still issued while accredited', async () => {
    const score = (await tokensOf(learners.ben)).find((t) => t.kind.type === 'Score');
    const before = (await api.call.tokensApi.skillProfile(learners.ben.address)).byCip[0][1];
    const { events } = await submitInBlock(
      api, api.tx.tokens.revoke(score.id, 'score entered for the wrong learner'), institution,
    );
    assert.ok(findEvent(events, api.events.tokens.TokenRevoked));

    const verification = (await api.call.tokensApi.verify(score.id)).unwrap();
    assert.equal(verification.revoked.isTrue, true);
    assert.equal(verification.accreditedWhenIssued.isTrue, true);
    assert.equal(verification.accreditedNow.isTrue, true);
    assert.equal(verification.instructor.toString(), instructor.address);
    const revocation = verification.token.revocation.unwrap();
    assert.equal(u8aToString(revocation.reason), 'score entered for the wrong learner');

    const after = (await api.call.tokensApi.skillProfile(learners.ben.address)).byCip[0][1];
    assert.equal(after.score.toNumber(), before.score.toNumber() - score.points.toNumber());
    assert.ok((await api.call.tokensApi.verify(999_999)).isNone, 'an unknown token does not verify');
  });

  test('a step sent twice lands once: the pool takes both, the block only the first', async () => {
    // A second course, so that the worked example's totals above stay as they are.
    const created = await submitInBlock(api, api.tx.courses.createCourse(
      institution.address, 'Graphs', '11.0701', [[SKILL, 'Graphs']], GUIDE, false,
    ), instructor);
    const graphs = findEvent(created.events, api.events.courses.CourseCreated).data.course.toNumber();
    await submitInBlock(api, api.tx.courses.invite(graphs, [learners.ana.address]), instructor);
    await submitInBlock(api, api.tx.courses.acceptInvitation(graphs), learners.ana);
    await submitInBlock(api, api.tx.lifecycle.convey(graphs, 0, 0, [[learners.ana.address, 3]]), instructor);

    // The wallet signs the same step twice, with consecutive nonces, and sends both at once:
    // each is valid against the state the pool sees, so the pool takes both.
    const nonce = (await api.rpc.system.accountNextIndex(learners.ana.address)).toNumber();
    const acquire = api.tx.lifecycle.acquire(graphs, 0, 0);
    const first = await api.tx(acquire.method).signAsync(learners.ana, { nonce });
    const second = await api.tx(acquire.method).signAsync(learners.ana, { nonce: nonce + 1 });
    const outcome = (tx) => new Promise((ok, fail) => {
      let unsubscribe = () => {};
      const timer = setTimeout(() => { unsubscribe(); fail(new Error('no outcome in 60 s')); }, 60_000);
      const settle = (what) => { clearTimeout(timer); unsubscribe(); ok(what); };
      api.rpc.author.submitAndWatchExtrinsic(tx, (status) => {
        if (status.isInBlock || status.isInvalid || status.isDropped || status.isUsurped) settle(status.type);
      }).then((unsub) => { unsubscribe = unsub; }, (error) => settle(`rejected: ${error.message}`));
    });
    const [once, twice] = await Promise.all([outcome(first), outcome(second)]);

    // The first lands; the second, which fails once the first has run, never does.
    assert.equal(once, 'InBlock');
    assert.notEqual(twice, 'InBlock', 'a failing free call was included');
    const fromGraphs = (await tokensOf(learners.ana)).filter((t) => t.course.toNumber() === graphs);
    assert.deepEqual(fromGraphs.map((t) => [t.kind.type, t.points.toNumber()]), [['Attendance', 3]]);
    assert.equal((await api.rpc.system.accountNextIndex(learners.ana.address)).toNumber(), nonce + 1);
    assert.equal(await free(learners.ana), 0n, 'and it cost nothing');
  });

  /** The five steps of one assessment for both learners, then both ratings. */
  async function runAssessment(assessment) {
    const pick = (name, i) => EARNED[name][assessment][i];
    const commitment = (name) => blake2AsHex(`${name}'s answer to assessment ${assessment}`);
    const instructorStep = (tx, event) => submitInBlock(api, tx, instructor).then(({ events }) => {
      assert.equal(findEvent(events, event).data.count.toNumber(), 2);
    });

    await instructorStep(api.tx.lifecycle.convey(course, assessment, 0, [
      [learners.ana.address, pick('ana', 0)], [learners.ben.address, pick('ben', 0)],
    ]), api.events.lifecycle.Conveyed);
    await both(async (learner) => {
      const { events } = await submitInBlock(api, api.tx.lifecycle.acquire(course, assessment, 0), learner);
      assert.ok(findEvent(events, api.events.lifecycle.Acquired));
    });
    await instructorStep(api.tx.lifecycle.assess(course, assessment, 0, [
      learners.ana.address, learners.ben.address,
    ]), api.events.lifecycle.Assessed);
    await both(async (learner, name) => {
      await submitInBlock(api, api.tx.lifecycle.respond(course, assessment, 0, commitment(name)), learner);
    });
    await instructorStep(api.tx.lifecycle.award(course, assessment, 0, [
      [learners.ana.address, pick('ana', 1), pick('ana', 2)],
      [learners.ben.address, pick('ben', 1), pick('ben', 2)],
    ]), api.events.lifecycle.Awarded);
    await both(async (learner, name) => {
      const { events } = await submitInBlock(api, api.tx.lifecycle.rate(course, assessment, 0, pick(name, 3)), learner);
      assert.ok(findEvent(events, api.events.lifecycle.Rated));
    });
  }
});

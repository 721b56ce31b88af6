// docs/DOMAIN.md's worked example on a dev chain, as wallets drive it: an accredited institution's
// instructor runs a course of two lessons of two units each and a final evaluation, for two
// learners whose fresh accounts never hold any balance. The learners find what awaits their
// signature through the LearnerApi, and accept, acknowledge, respond and rate once per
// assessment (never once per unit) with signed transactions that cost them nothing; a verifier
// reads tokens, skill profiles and a revoked token back through the TokensApi.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { u8aToString } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';

import { connect, councilMotion, dispatchErrorText, findEvent, submitInBlock } from '../lib/chain.js';
import { startNode, stopNode } from '../lib/node.js';

const UNIT = 10n ** 12n;
const HELP = 1;
const ESCO = 'http://data.europa.eu/esco/skill/';
const UNITS = ['sorting', 'searching', 'graphs', 'trees'].map((name) => ({ skill: ESCO + name, title: name }));

// The worked example's scoring guide, two units per lesson: lesson 1 splits its 5/25/10 between
// sorting (3/15/5) and searching (2/10/5), lesson 2 between graphs and trees likewise; the final
// evaluation covers the four units (5/10/5 in all, no instructor feedback). 100 learner points.
const share = (unit, attendance, score, help) => ({ unit, max: { attendance, score, help } });
const GUIDE = [
  { kind: 'Lesson', units: [share(0, 3, 15, 5), share(1, 2, 10, 5)], maxInstructorFeedback: 5 },
  { kind: 'Lesson', units: [share(2, 3, 15, 5), share(3, 2, 10, 5)], maxInstructorFeedback: 5 },
  {
    kind: 'FinalEvaluation',
    units: [share(0, 2, 3, 2), share(1, 1, 3, 1), share(2, 1, 2, 1), share(3, 1, 2, 1)],
    maxInstructorFeedback: 0,
  },
];

// What each learner earns per assessment: the units, [attendance, score, help] per unit, the
// rating. Ana's lesson 1 is DOMAIN's: 4/5 attendance, 20/25 score (12 + 8), 5/10 help, rating 5.
const EARNED = {
  ana: [
    { units: [0, 1], points: [[3, 12, 3], [1, 8, 2]], rating: 5 },
    { units: [2, 3], points: [[3, 15, 5], [2, 7, 3]], rating: 4 },
    { units: [0, 1, 2, 3], points: [[2, 3, 1], [1, 2, 1], [1, 2, 1], [1, 2, 0]], rating: 0 },
  ],
  ben: [
    { units: [0, 1], points: [[3, 15, 5], [2, 10, 5]], rating: 3 },
    { units: [2, 3], points: [[1, 9, 1], [2, 6, 1]], rating: 5 },
    { units: [0, 1, 2, 3], points: [[2, 1, 1], [0, 2, 0], [1, 1, 0], [1, 2, 0]], rating: 0 },
  ],
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
  /** Every token of `who`, every page, as a wallet lists them. */
  const tokensOf = async (who) => {
    const all = [];
    let cursor = null;
    do {
      const page = await api.call.tokensApi.tokensOf(who.address, cursor, 2);
      all.push(...page.items);
      cursor = page.next.isSome ? page.next.unwrap() : null;
    } while (cursor);
    return all.sort((a, b) => a.id.toNumber() - b.id.toNumber());
  };
  const profileOf = async (who) => (await api.call.tokensApi.skillProfile(who.address, null, 100)).profile;
  const pendingOf = async (who) => (await api.call.learnerApi.pending(who.address, null, 100)).items.toArray();
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
      institution.address, 'Algorithms', '11.0701', UNITS, GUIDE, false,
    ), instructor);
    course = findEvent(created.events, api.events.courses.CourseCreated).data.course.toNumber();

    const invited = await submitInBlock(
      api, api.tx.courses.invite(course, [learners.ana.address, learners.ben.address]), instructor,
    );
    const event = findEvent(invited.events, api.events.courses.LearnersInvited);
    assert.deepEqual(event.data.learners.map((l) => l.toString()), [learners.ana.address, learners.ben.address]);
    // Both accounts are new: the instructor paid the existential deposit for each, burned.
    const fee = api.consts.courses.newAccountFee.toBigInt();
    assert.equal(fee, api.consts.balances.existentialDeposit.toBigInt());
    assert.equal(event.data.newAccounts.toNumber(), 2);
    assert.equal(event.data.fee.toBigInt(), 2n * fee);
  });

  test('a learner\'s wallet finds the invitation; learners with empty accounts accept for free', async () => {
    const enrollments = (await api.call.learnerApi.enrollments(learners.ana.address, null, 10)).items;
    assert.equal(enrollments.length, 1);
    assert.equal(enrollments[0].status.type, 'Invited');
    assert.equal(u8aToString(enrollments[0].title), 'Algorithms');
    const pending = await pendingOf(learners.ana);
    assert.deepEqual(pending.map((p) => [p.course.toNumber(), p.step.type]), [[course, 'AcceptInvitation']]);

    const info = await api.tx.courses.acceptInvitation(course).paymentInfo(learners.ana);
    assert.equal(info.partialFee.toBigInt(), 0n, 'the wallet shows no fee');

    await both(async (learner) => {
      assert.equal(await free(learner), 0n);
      const { events } = await submitInBlock(api, api.tx.courses.acceptInvitation(course), learner);
      assert.ok(findEvent(events, api.events.courses.InvitationAccepted));
      assert.equal(findEvent(events, api.events.transactionPayment.TransactionFeePaid), undefined);
      assert.equal(await free(learner), 0n);
    });
    assert.deepEqual(await pendingOf(learners.ana), []);
  });

  test('lesson 1 of two units: one signature per step; the tokens are those of docs/DOMAIN.md', async () => {
    await runAssessment(0);
    const ana = await tokensOf(learners.ana);
    const byKind = (kind) => ana.filter((t) => t.kind.type === kind).map((t) => t.points.toNumber());
    assert.deepEqual(byKind('Attendance'), [3, 1]);
    assert.deepEqual(byKind('Score'), [12, 8]);
    const profile = await profileOf(learners.ana);
    const [, totals] = profile.byCip[0];
    assert.deepEqual([totals.attendance.toNumber(), totals.score.toNumber(), totals.help.toNumber()], [4, 20, 5]);
    assert.equal(await help(learners.ana), 5n);
    const rated = (await tokensOf(instructor)).filter((t) => t.kind.type === 'InstructorScore');
    assert.deepEqual(rated.map((t) => t.points.toNumber()).sort(), [3, 5]);
    assert.equal(await free(learners.ana), 0n, 'still no balance');
    // Accept, acknowledge, respond, rate: four signatures so far, not one per unit.
    assert.equal((await api.rpc.system.accountNextIndex(learners.ana.address)).toNumber(), 4);
  });

  test('six attendance points in lesson 2, or 20 + 20 score in a lesson, are rejected', async () => {
    await assert.rejects(
      submitInBlock(api, api.tx.lifecycle.convey(course, 1, [2, 3], [
        { learner: learners.ana.address, attendance: [3, 3] },
      ]), instructor),
      /lifecycle\.AttendanceAboveMaximum/,
    );
    await assert.rejects(
      submitInBlock(api, api.tx.lifecycle.convey(course, 1, [0], [
        { learner: learners.ana.address, attendance: [1] },
      ]), instructor),
      /lifecycle\.UnitNotInAssessment/,
    );
  });

  test('a learner call that would fail is refused by the pool, and the wallet can ask why', async () => {
    // Ana already acknowledged lesson 1.
    const again = api.tx.lifecycle.acquire(course, 0, [0, 1]);
    await assert.rejects(submitInBlock(api, again, learners.ana), /1010.*Custom error: 2/);
    const refusal = await api.call.feelessApi.check(learners.ana.address, again.method);
    assert.ok(refusal.isErr && refusal.asErr.isWouldFail, refusal.toString());
    const error = api.registry.findMetaError(refusal.asErr.asWouldFail.error.asModule);
    assert.equal(`${error.section}.${error.name}`, 'lifecycle.UnitAlreadyAcquired');
  });

  test('lesson 2 and the final evaluation complete the course; totals and skill profile add up', async () => {
    await runAssessment(1);
    await runAssessment(2);
    for (const name of ['ana', 'ben']) {
      const sums = EARNED[name].flatMap((a) => a.points).reduce(
        (acc, [a, s, h]) => ({ attendance: acc.attendance + a, score: acc.score + s, help: acc.help + h }),
        { attendance: 0, score: 0, help: 0 },
      );
      const profile = await profileOf(learners[name]);
      const [cip, byCip] = profile.byCip[0];
      assert.equal(u8aToString(cip), '11.0701');
      assert.equal(byCip.attendance.toNumber(), sums.attendance);
      assert.equal(byCip.score.toNumber(), sums.score);
      assert.equal(byCip.help.toNumber(), sums.help);
      assert.equal(profile.bySkill.length, 4, 'one entry per unit of competency');
      assert.equal(await help(learners[name]), BigInt(sums.help));
      assert.equal((await tokensOf(learners[name])).length, 16, 'attendance and score per unit');
      assert.ok(sums.attendance + sums.score + sums.help <= 100, 'never more than the guide gives');
    }
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

  test('the institution revokes a token with a reason; verify shows it revoked and the award reopened', async () => {
    const score = (await tokensOf(learners.ben)).find((t) => t.kind.type === 'Score');
    const before = (await profileOf(learners.ben)).byCip[0][1];
    const { events } = await submitInBlock(
      api, api.tx.tokens.revoke(score.id, 'score entered for the wrong learner'), institution,
    );
    const revoked = findEvent(events, api.events.tokens.TokenRevoked);
    assert.equal(revoked.data.holder.toString(), learners.ben.address);
    assert.equal(revoked.data.reopened.isTrue, true);
    assert.ok(findEvent(events, api.events.lifecycle.StepReopened));

    const verification = (await api.call.tokensApi.verify(score.id)).unwrap();
    assert.equal(verification.revoked.isTrue, true);
    assert.equal(verification.accreditedWhenIssued.isTrue, true);
    assert.equal(verification.accreditedNow.isTrue, true);
    assert.equal(verification.token.instructor.toString(), instructor.address);
    assert.equal(verification.token.institution.toString(), institution.address);
    assert.equal(u8aToString(verification.token.skill), `${ESCO}sorting`);
    const revocation = verification.token.revocation.unwrap();
    assert.equal(u8aToString(revocation.reason), 'score entered for the wrong learner');
    assert.equal(revocation.burnedHelp.toNumber() + revocation.unburnedHelp.toNumber(), score.help.toNumber());

    const after = (await profileOf(learners.ben)).byCip[0][1];
    assert.equal(after.score.toNumber(), before.score.toNumber() - score.points.toNumber());
    assert.ok((await api.call.tokensApi.verify(999_999)).isNone, 'an unknown token does not verify');
    // The course's tokens, every page: 2 learners × 16, and 4 ratings (the final has none).
    const all = [];
    let cursor = null;
    do {
      const page = await api.call.tokensApi.tokensOfCourse(course, cursor, 1);
      all.push(...page.items);
      cursor = page.next.isSome ? page.next.unwrap() : null;
    } while (cursor);
    assert.equal(all.length, 2 * 16 + 4);
  });

  test('a step sent twice lands once, and the failed second costs the learner free calls, not money', async () => {
    // A second course, so that the worked example's totals above stay as they are.
    const created = await submitInBlock(api, api.tx.courses.createCourse(
      institution.address, 'Graphs', '11.0701', UNITS, GUIDE, false,
    ), instructor);
    const graphs = findEvent(created.events, api.events.courses.CourseCreated).data.course.toNumber();
    await submitInBlock(api, api.tx.courses.invite(graphs, [learners.ana.address]), instructor);
    await submitInBlock(api, api.tx.courses.acceptInvitation(graphs), learners.ana);
    await submitInBlock(api, api.tx.lifecycle.convey(graphs, 0, [0, 1], [
      { learner: learners.ana.address, attendance: [3, 2] },
    ]), instructor);

    // The wallet signs the same step twice, with consecutive nonces, and sends both at once:
    // each is valid against the state the pool sees, so the pool takes both.
    const remaining = async () => (await api.call.feelessApi.remaining(learners.ana.address)).toNumber();
    const freeBefore = await remaining();
    const nonce = (await api.rpc.system.accountNextIndex(learners.ana.address)).toNumber();
    const acquire = api.tx.lifecycle.acquire(graphs, 0, [0, 1]);
    const first = await api.tx(acquire.method).signAsync(learners.ana, { nonce });
    const second = await api.tx(acquire.method).signAsync(learners.ana, { nonce: nonce + 1 });
    const outcome = (tx) => new Promise((ok, fail) => {
      let unsubscribe = () => {};
      const timer = setTimeout(() => { unsubscribe(); fail(new Error('no outcome in 60 s')); }, 60_000);
      const settle = (what) => { clearTimeout(timer); unsubscribe(); ok(what); };
      tx.send(({ status, dispatchError }) => {
        if (status.isInBlock) {
          settle({ status: 'InBlock', error: dispatchError ? dispatchErrorText(api, dispatchError) : null });
        } else if (status.isInvalid || status.isDropped || status.isUsurped) {
          settle({ status: status.type });
        }
      }).then((unsub) => { unsubscribe = unsub; }, (error) => settle({ status: `rejected: ${error.message}` }));
    });
    const [once, twice] = await Promise.all([outcome(first), outcome(second)]);

    // The first lands. The second fails once the first has run: if the pool saw that in time
    // it refused it; if both went into one block, the second is included as a failed call that
    // minted nothing, paid nothing, and cost the learner FailurePenalty (10) free calls.
    assert.deepEqual(once, { status: 'InBlock', error: null });
    const fromGraphs = (await tokensOf(learners.ana)).filter((t) => t.course.toNumber() === graphs);
    assert.deepEqual(fromGraphs.map((t) => [t.kind.type, t.points.toNumber()]), [['Attendance', 3], ['Attendance', 2]]);
    assert.equal(await free(learners.ana), 0n, 'and it cost nothing');
    const next = (await api.rpc.system.accountNextIndex(learners.ana.address)).toNumber();
    if (twice.status === 'InBlock') {
      assert.equal(twice.error, 'lifecycle.UnitAlreadyAcquired');
      assert.equal(next, nonce + 2);
      assert.equal(await remaining(), freeBefore - 1 - 10);
    } else {
      assert.notEqual(twice.status, 'InBlock');
      assert.equal(next, nonce + 1);
      assert.equal(await remaining(), freeBefore - 1);
    }
  });

  /** The five steps of one assessment for both learners, driven by what the wallets see. */
  async function runAssessment(assessment) {
    const plan = (name) => EARNED[name][assessment];
    const { units } = plan('ana');
    const pick = (name, i) => plan(name).points.map((p) => p[i]);
    const commitment = (name) => blake2AsHex(`${name}'s answer to assessment ${assessment}`);
    const instructorStep = (tx, event) => submitInBlock(api, tx, instructor).then(({ events }) => {
      assert.equal(findEvent(events, event).data.learners.length, 2);
    });
    /** The learner's wallet: what awaits in this assessment, as the LearnerApi says. */
    const awaiting = async (learner) => (await pendingOf(learner))
      .filter((p) => p.course.toNumber() === course && p.assessment.unwrapOr(null)?.toNumber() === assessment);

    await instructorStep(api.tx.lifecycle.convey(course, assessment, units, [
      { learner: learners.ana.address, attendance: pick('ana', 0) },
      { learner: learners.ben.address, attendance: pick('ben', 0) },
    ]), api.events.lifecycle.Conveyed);
    await both(async (learner) => {
      const [step] = await awaiting(learner);
      assert.equal(step.step.type, 'Acquire');
      const pendingUnits = step.step.asAcquire.units.map((u) => u.toNumber());
      assert.deepEqual(pendingUnits, units);
      const { events } = await submitInBlock(api, api.tx.lifecycle.acquire(course, assessment, pendingUnits), learner);
      assert.equal(findEvent(events, api.events.lifecycle.Acquired).data.units.length, units.length);
    });
    await instructorStep(api.tx.lifecycle.assess(course, assessment, units, [
      learners.ana.address, learners.ben.address,
    ]), api.events.lifecycle.Assessed);
    await both(async (learner, name) => {
      const [step] = await awaiting(learner);
      assert.equal(step.step.type, 'Respond');
      await submitInBlock(api, api.tx.lifecycle.respond(course, assessment, units, commitment(name)), learner);
    });
    const award = (name) => ({
      learner: learners[name].address,
      points: plan(name).points.map(([, score, help]) => ({ score, help })),
    });
    await instructorStep(
      api.tx.lifecycle.award(course, assessment, units, [award('ana'), award('ben')]),
      api.events.lifecycle.Awarded,
    );
    await both(async (learner, name) => {
      const steps = await awaiting(learner);
      if (GUIDE[assessment].maxInstructorFeedback === 0) {
        assert.deepEqual(steps, [], 'no feedback to give in the final evaluation');
        return;
      }
      assert.equal(steps.length, 1);
      assert.equal(steps[0].step.type, 'Rate');
      assert.equal(steps[0].step.asRate.instructor.toString(), instructor.address);
      const { events } = await submitInBlock(
        api, api.tx.lifecycle.rate(course, assessment, instructor.address, plan(name).rating), learner,
      );
      assert.ok(findEvent(events, api.events.lifecycle.Rated));
      assert.deepEqual(await awaiting(learner), []);
    });
  }
});

// Throughput of a Learning Tokens node, measured through @polkadot/api on one node:
//
//   - finalized balances.transferKeepAlive per second (the baseline);
//   - finalized complete unit lifecycles per second: convey, acquire, assess, respond and award
//     for every (learner, unit) of a lesson of several units, instructors batching a class a
//     call (every unit of the lesson for 500 learners), each learner signing one free
//     transaction per step for all of the lesson's units;
//   - finalized unit awards per second (the award step of the same run).
//
// For each phase: the blocks that carried it, their fullness, the capacity of a full block
// (from the weight the phase used per item), and the blocks in its span that carried none of
// its transactions while some were still waiting (a stalled block). Rates count what landed in
// finalized blocks, over the blocks that carried the phase: items / (blocks spanned x block
// time). Every submitted transaction is accounted for: the run fails if one is rejected,
// dropped or fails to dispatch.
//
// Used by scripts/bench-throughput.sh (release node, thousands of learners) and by the smoke
// test in tests/ (debug node, a few seconds of load).

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, blake2AsHex } from '@polkadot/util-crypto';

import { submitInBlock, councilMotion, findEvent } from '../lib/chain.js';

const UNIT = 10n ** 12n;
/** Learners per instructor call. */
export const BATCH = 500;
/** Learners per invitation call: the runtime's MaxBatch. */
const INVITE_BATCH = 1000;
/** Each unit's share of the lesson: attendance, score, help. */
const SHARE = { attendance: 2, score: 20, help: 5 };

/**
 * Runs the measurements against the node `api` is connected to.
 *
 * @param {ApiPromise} api
 * @param {object} o
 * @param {number} o.learners  learners enrolled in the course
 * @param {number} o.units     units of competency of the lesson: each learner completes one
 *                             lifecycle per unit
 * @param {number} o.transfers balance transfers of the baseline
 * @param {(line: string) => void} [o.log]
 */
export async function measureThroughput(api, { learners, units, transfers, log = () => {} }) {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const dev = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((n) => keyring.addFromUri(`//${n}`));
  const [alice] = dev;
  const institution = keyring.addFromUri('//BenchInstitution');
  const instructor = keyring.addFromUri('//BenchInstructor');
  const blockTime = api.consts.aura.slotDuration.toNumber();
  const maxNormal = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();

  // `//BenchLearner/i`: the seed's hard derivation once, then a soft one per learner (each
  // `addFromUri` would redo the mnemonic's key stretching), yielding now and then so that the
  // connection keeps answering the node's pings.
  log(`deriving ${learners} learner keys`);
  const base = keyring.addFromUri('//BenchLearner');
  const pupils = [];
  for (let i = 0; i < learners; i += 1) {
    pupils.push(base.derive(`/${i}`));
    if (i % 500 === 499) await new Promise((ok) => setImmediate(ok));
  }
  const nonces = new Map();
  const nextNonce = async (pair) => {
    if (!nonces.has(pair.address)) {
      nonces.set(pair.address, (await api.rpc.system.accountNextIndex(pair.address)).toNumber());
    }
    const nonce = nonces.get(pair.address);
    nonces.set(pair.address, nonce + 1);
    return nonce;
  };
  const sign = async (tx, pair) => tx.signAsync(pair, { nonce: await nextNonce(pair), era: 0 });
  // What every phase needs; measured phases also report their rate and block fullness.
  const unmeasured = { sign, log, blockTime, maxNormal };
  const measured = { ...unmeasured, measure: true };

  // --- set-up (not measured): an accredited institution, its instructor, a course whose one
  // lesson covers `units` units, the learners.
  log('set-up: institution, instructor, course');
  await submitInBlock(api, api.tx.balances.transferKeepAlive(institution.address, 1_000n * UNIT), alice);
  await submitInBlock(api, api.tx.balances.transferKeepAlive(instructor.address, 100_000n * UNIT), dev[1]);
  await submitInBlock(api, api.tx.registry.apply('Bench Institute', 'https://bench.example', null), institution);
  await councilMotion(api, api.tx.registry.accredit(institution.address), { proposer: alice, threshold: 1 });
  await submitInBlock(api, api.tx.registry.addInstructor(instructor.address), institution);
  const unitList = Array.from({ length: units }, (_, u) => ({ skill: `bench:skill:${u}`, title: `Unit ${u}` }));
  const lesson = Array.from({ length: units }, (_, u) => u);
  const guide = [{
    kind: 'Lesson',
    units: lesson.map((unit) => ({ unit, max: SHARE })),
    maxInstructorFeedback: 5,
  }];
  const created = await submitInBlock(api, api.tx.courses.createCourse(
    institution.address, 'Throughput', '11.0701', unitList, guide, false,
  ), instructor);
  const course = findEvent(created.events, api.events.courses.CourseCreated).data.course.toNumber();
  nonces.clear();

  const batches = (list, size = BATCH) =>
    Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
  const addresses = pupils.map((p) => p.address);
  const items = learners * units;
  const learnersOf = (e) => e.data.learners.length * units;

  log(`set-up: inviting ${learners} learners, who accept`);
  await phase(api, 'invite', batches(addresses, INVITE_BATCH).map((b) => [api.tx.courses.invite(course, b), instructor]),
    { event: api.events.courses.LearnersInvited, items: learners, count: (e) => e.data.learners.length, ...unmeasured });
  await phase(api, 'accept', pupils.map((p) => [api.tx.courses.acceptInvitation(course), p]),
    { event: api.events.courses.InvitationAccepted, items: learners, ...unmeasured });

  // --- the baseline: transfers from the six endowed accounts to the learners.
  const transferTxs = Array.from({ length: transfers }, (_, i) => [
    api.tx.balances.transferKeepAlive(addresses[i % learners], UNIT), dev[i % dev.length],
  ]);
  const baseline = await phase(api, 'transfers', transferTxs,
    { event: api.events.balances.Transfer, items: transfers, ...measured });

  // --- complete lifecycles: the five steps for every (learner, unit) of the lesson.
  const steps = [];
  const started = Date.now();
  const attendance = lesson.map(() => SHARE.attendance);
  steps.push(await phase(api, 'convey', batches(addresses).map((b) => [
    api.tx.lifecycle.convey(course, 0, lesson, b.map((learner) => ({ learner, attendance }))), instructor]),
  { event: api.events.lifecycle.Conveyed, items, count: learnersOf, ...measured }));
  steps.push(await phase(api, 'acquire', pupils.map((p) => [api.tx.lifecycle.acquire(course, 0, lesson), p]),
    { event: api.events.lifecycle.Acquired, items, count: () => units, ...measured }));
  steps.push(await phase(api, 'assess', batches(addresses).map((b) => [
    api.tx.lifecycle.assess(course, 0, lesson, b), instructor]),
  { event: api.events.lifecycle.Assessed, items, count: learnersOf, ...measured }));
  steps.push(await phase(api, 'respond', pupils.map((p, i) => [
    api.tx.lifecycle.respond(course, 0, lesson, blake2AsHex(`answer ${i}`)), p]),
  { event: api.events.lifecycle.Responded, items, count: () => units, ...measured }));
  const points = lesson.map(() => ({ score: SHARE.score, help: SHARE.help }));
  const awards = await phase(api, 'award', batches(addresses).map((b) => [
    api.tx.lifecycle.award(course, 0, lesson, b.map((learner) => ({ learner, points }))), instructor]),
  { event: api.events.lifecycle.Awarded, items, count: learnersOf, ...measured });
  steps.push(awards);
  const lifecycleBlocks = steps.reduce((sum, s) => sum + s.blocks, 0);
  const lifecycleWeight = steps.reduce((sum, s) => sum + s.weightUsed, 0n);
  const lifecycles = {
    items,
    blocks: lifecycleBlocks,
    perSecond: items / ((lifecycleBlocks * blockTime) / 1000),
    wallSeconds: (Date.now() - started) / 1000,
    fullness: steps.reduce((sum, s) => sum + s.fullness * s.blocks, 0) / lifecycleBlocks,
    // A block full of whole lifecycles in the proportions of this run.
    fullBlockItems: Number((maxNormal * BigInt(items)) / lifecycleWeight),
    stalled: steps.reduce((sum, s) => sum + s.stalled, 0),
  };

  // --- benchmarked weights: one (learner, unit) award inside a full batch against one transfer.
  const batch = Math.min(BATCH, learners);
  const awardCall = api.tx.lifecycle.award(course, 0, lesson,
    addresses.slice(0, batch).map((learner) => ({ learner, points })));
  const transferCall = api.tx.balances.transferKeepAlive(addresses[0], UNIT);
  const weightOf = async (call) =>
    (await api.call.transactionPaymentCallApi.queryCallInfo(call, call.encodedLength)).weight.refTime.toBigInt();
  const awardWeight = (await weightOf(awardCall)) / BigInt(batch * units);
  const transferWeight = await weightOf(transferCall);

  await confirmFinal(api, [baseline, ...steps], log);
  return { baseline, awards, lifecycles, steps, awardWeight, transferWeight, blockTime, batch };
}

/** Waits until every block that carried a measured phase is finalized, and is the same block. */
async function confirmFinal(api, phases, log) {
  const blocks = phases.flatMap((p) => p.carrying);
  const last = Math.max(...blocks.map((b) => b.number));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const finalized = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    if (finalized >= last) break;
    if (Date.now() > deadline) throw new Error(`block #${last} was not finalized in time`);
    await new Promise((ok) => setTimeout(ok, 500));
  }
  for (const block of blocks) {
    const canonical = (await api.rpc.chain.getBlockHash(block.number)).toHex();
    if (canonical !== block.hash) throw new Error(`block #${block.number} was replaced before finality`);
  }
  log(`all ${phases.reduce((s, p) => s + p.items, 0)} measured items are in finalized blocks (up to #${last})`);
}

/**
 * Signs and submits `txs` ([tx, signer] pairs), then follows the best chain until `items`
 * items of `event` (each event counting `count(e)`, 1 by default) are in blocks. Fails on any
 * rejected submission or failed extrinsic. With `measure`, returns the blocks that carried the
 * phase, their mean fullness, the weight it used, the capacity of a full block, the blocks in
 * its span that carried none of it, and its rate over those blocks.
 */
export async function phase(api, name, txs, { event, items, count = () => 1, sign, log, measure = false, blockTime, maxNormal }) {
  const signed = [];
  for (const [tx, signer] of txs) signed.push(await sign(tx, signer));
  const startHeader = await api.rpc.chain.getHeader();
  const from = startHeader.number.toNumber() + 1;
  log(`${name}: submitting ${signed.length} transactions (${items} items)`);
  const rejected = [];
  for (let i = 0; i < signed.length; i += 1000) {
    const chunk = signed.slice(i, i + 1000);
    const results = await Promise.allSettled(chunk.map((tx) => api.rpc.author.submitExtrinsic(tx)));
    results.forEach((r) => { if (r.status === 'rejected') rejected.push(r.reason.message); });
  }
  if (rejected.length) throw new Error(`${name}: ${rejected.length} submissions rejected, e.g. ${rejected[0]}`);

  // Follow the best chain from `from` on until every item is in a block; `confirmFinal` then
  // checks that those very blocks were finalized. (The next step only needs this one in the
  // best block: the pool validates against it.)
  const deadline = Date.now() + 900_000;
  let seen = 0;
  let next = from;
  const carrying = [];
  let stalled = 0;
  while (seen < items) {
    if (Date.now() > deadline) throw new Error(`${name}: only ${seen} of ${items} items included in time`);
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    if (next > best) { await new Promise((ok) => setTimeout(ok, 250)); continue; }
    const hash = await api.rpc.chain.getBlockHash(next);
    const at = await api.at(hash);
    const events = await at.query.system.events();
    let inBlock = 0;
    for (const { event: e } of events) {
      if (event.is(e)) inBlock += count(e);
      if (api.events.system.ExtrinsicFailed.is(e)) {
        const err = e.data.dispatchError;
        const text = err.isModule ? (({ section, name: n }) => `${section}.${n}`)(api.registry.findMetaError(err.asModule)) : err.toString();
        throw new Error(`${name}: an extrinsic failed in block #${next}: ${text}`);
      }
    }
    if (inBlock > 0) {
      const weight = (await at.query.system.blockWeight()).normal.refTime.toBigInt();
      carrying.push({
        number: next, hash: hash.toHex(), items: inBlock, weight,
        fullness: Number((weight * 10_000n) / maxNormal) / 10_000,
      });
    } else if (carrying.length > 0) {
      // Inside the phase's span, with its transactions still waiting: a stalled block.
      stalled += 1;
    }
    seen += inBlock;
    next += 1;
  }
  if (seen !== items) throw new Error(`${name}: ${seen} items included, ${items} expected`);
  const blocks = carrying.length ? carrying[carrying.length - 1].number - carrying[0].number + 1 : 0;
  const weightUsed = carrying.reduce((s, b) => s + b.weight, 0n);
  const result = {
    name, items, transactions: signed.length, blocks, stalled, weightUsed,
    perSecond: measure ? items / ((blocks * blockTime) / 1000) : undefined,
    fullness: measure ? carrying.reduce((s, b) => s + b.fullness, 0) / Math.max(carrying.length, 1) : undefined,
    // How many of this phase's items a full block holds, from the weight they used.
    fullBlockItems: weightUsed > 0n ? Number((maxNormal * BigInt(items)) / weightUsed) : undefined,
    perBlock: carrying.map((b) => b.items),
    carrying,
  };
  log(`${name}: ${items} items in ${blocks} block(s) [${result.perBlock.join(', ')}]` +
    (measure ? `, ${result.perSecond.toFixed(0)}/s, blocks ${(result.fullness * 100).toFixed(0)} % full, ` +
      `a full block holds ${result.fullBlockItems}, ${stalled} stalled block(s)` : ''));
  return result;
}

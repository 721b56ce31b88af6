// `lt course import`: an institution's instructor records a class from its LMS exports. First
// the README's sample (docs/import/) exactly as the README runs it: a dry run that changes
// nothing, then runs between the learners' own steps until every unit is awarded. Then a
// class of 240 learners from an ltsdk normalized export, whose import is killed with SIGKILL
// in the middle and started again: every step is on chain once, none twice, none missing,
// with the points the mapping says.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';

import { connect, submitInBlock } from '../lib/chain.js';
import { clientBinary, lt as ltWith } from '../lib/client.js';
import { startNode, stopNode } from '../lib/node.js';
import { createSampleCourse, sampleAccounts } from '../lib/sample-course.js';

const here = dirname(fileURLToPath(import.meta.url));
const SAMPLE_MAPPING = join(here, '..', '..', '..', 'docs', 'import', 'mapping.json');
const HELP_ASSET = 1;

/** An import of a few hundred learners takes longer than other commands. */
const lt = (args) => ltWith(args, 300_000);

/** Every step of `course` that awaits each learner's signature, signed by the learner. */
async function learnersAct(api, course, learners) {
  let signed = 0;
  await Promise.all(learners.map(async (learner) => {
    const pending = (await api.call.learnerApi.pending(learner.address, null, 100)).items
      .filter((p) => p.course.toNumber() === course);
    for (const item of pending) {
      const step = item.step;
      const assessment = item.assessment.unwrapOr(null)?.toNumber();
      let tx;
      if (step.isAcceptInvitation) tx = api.tx.courses.acceptInvitation(course);
      else if (step.isAcquire) tx = api.tx.lifecycle.acquire(course, assessment, step.asAcquire.units);
      else if (step.isRespond) tx = api.tx.lifecycle.respond(course, assessment, step.asRespond.units, blake2AsHex(`${learner.address} ${assessment}`));
      else continue;
      await submitInBlock(api, tx, learner, 120_000);
      signed += 1;
    }
  }));
  return signed;
}

/** The record of each (assessment, unit) of `learner` as { stage, attendance, score, help }. */
async function unitsOf(api, course, learner, assessment) {
  const record = await api.call.learnerApi.lifecycle(course, learner, assessment);
  if (record.isNone) return null;
  const units = {};
  for (const unit of record.unwrap().units) {
    const r = unit.record;
    units[r.unit.toNumber()] = {
      stage: unit.stage.type,
      attendance: r.attendance.toNumber(),
      attendanceToken: r.acquired.isSome,
      score: r.awarded.isSome ? r.awarded.unwrap().score.toNumber() : null,
      help: r.awarded.isSome ? r.awarded.unwrap().help.toNumber() : null,
    };
  }
  return units;
}

describe('lt course import: from an LMS export to the chain', () => {
  let node;
  let api;
  let dir;
  let accountFile;
  let instructor;

  before(async () => {
    await cryptoWaitReady();
    dir = mkdtempSync(join(tmpdir(), 'lt-import-'));
    node = await startNode({ name: 'dev-import', args: ['--dev'] });
    api = await connect(node.url);
    ({ instructor } = await sampleAccounts());
    accountFile = join(dir, 'instructor.secret');
    writeFileSync(accountFile, '//Dave\n');
  });

  after(async () => {
    await api?.disconnect();
    if (node) await stopNode(node);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the README sample: the dry run changes nothing, runs go on from where the learners are', async (t) => {
    const course = await createSampleCourse(api);
    assert.equal(course, 0, 'docs/import/mapping.json names course 0');
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const learners = ['ana', 'ben', 'carla', 'diego', 'eva'].map((name) => keyring.addFromUri(`//${name}`));
    const ltNode = ['--node', node.url];

    const nonce = (await api.rpc.system.accountNextIndex(instructor.address)).toNumber();
    const dry = lt(['course', 'import', SAMPLE_MAPPING, ...ltNode, '--instructor', instructor.address, '--dry-run']);
    t.diagnostic(dry.stdout);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^ {2}invite 5 learners \(5 new accounts: 0\.005 LT burned\)$/m);
    assert.match(dry.stdout, /gradebook\.csv, row 8, column "SIS Login ID": unknown learner gus\.visitor@student\.example/);
    assert.match(dry.stdout, /course-export\.json, row 4, column "assignments\[quiz-1\]": diego\.ruiz@student\.example: the grade 12 is above the maximum 10/);
    assert.match(dry.stdout, /attendance-lesson-1\.csv, row 7: no e-mail/);
    assert.match(dry.stdout, /Rows it cannot use \(5\):/);
    // Nothing was submitted, nobody invited.
    assert.equal((await api.rpc.system.accountNextIndex(instructor.address)).toNumber(), nonce);
    for (const learner of learners) {
      assert.equal((await api.call.learnerApi.enrollments(learner.address, null, 10)).items.length, 0);
    }

    // Only the course's lead or a co-instructor records its steps.
    const stranger = join(dir, 'ferdie.secret');
    writeFileSync(stranger, '//Ferdie\n');
    const refused = lt(['course', 'import', SAMPLE_MAPPING, ...ltNode, '--account', stranger]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^error: 5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL is not an instructor of course 0/m);
    assert.equal((await api.call.learnerApi.enrollments(learners[0].address, null, 10)).items.length, 0);

    const run = (expect) => {
      const done = lt(['course', 'import', SAMPLE_MAPPING, ...ltNode, '--account', accountFile]);
      t.diagnostic(done.stdout);
      assert.equal(done.code, 0, done.stdout + done.stderr);
      for (const line of expect) assert.match(done.stdout, line);
      return done.stdout;
    };
    run([/invite: 1 calls, 5 steps/, /learner: accept the invitation: 5/]);
    assert.equal(await learnersAct(api, course, learners), 5);
    // Ben, Ana and Carla were at the lesson; all five get the final evaluation's units.
    run([/convey: 2 calls, 16 steps/, /learner: acknowledge: 16/, /nobody: absent from the session: 4/]);
    assert.equal(await learnersAct(api, course, learners), 8);
    run([/assess: 2 calls, 16 steps/, /learner: respond: 16/]);
    assert.equal(await learnersAct(api, course, learners), 8);
    // Carla's project has no grade yet: her final units wait for it.
    run([/award: \d calls, 14 steps/, /instructor \(a grade in the LMS\): await a grade: 2/]);
    // Nothing left for the instructor: a rerun does nothing, also as JSON for scripts.
    run([/nothing to do/]);
    const asJson = lt(['course', 'import', SAMPLE_MAPPING, ...ltNode, '--account', accountFile, '--json']);
    assert.equal(asJson.code, 0, asJson.stderr);
    const after = JSON.parse(asJson.stdout);
    assert.deepEqual([after.course, after.calls, after.failed, after.learners.length], [0, [], [], 5]);
    assert.equal(after.learners.find((l) => l.key === 'carla.lopez@student.example').units
      .filter((u) => u.next === 'await a grade').length, 2);

    const byName = Object.fromEntries(learners.map((l, i) => [['ana', 'ben', 'carla', 'diego', 'eva'][i], l.address]));
    assert.deepEqual(await unitsOf(api, course, byName.ana, 0), {
      0: { stage: 'Awarded', attendance: 4, attendanceToken: true, score: 9, help: 1 },
      1: { stage: 'Awarded', attendance: 4, attendanceToken: true, score: 9, help: 1 },
    });
    assert.deepEqual((await unitsOf(api, course, byName.ben, 0))[1], { stage: 'Awarded', attendance: 3, attendanceToken: true, score: 7, help: 2 });
    assert.deepEqual((await unitsOf(api, course, byName.ben, 1))[0], { stage: 'Awarded', attendance: 0, attendanceToken: true, score: 14, help: 0 });
    assert.equal((await unitsOf(api, course, byName.carla, 1))[0].stage, 'Responded');
    assert.equal(await unitsOf(api, course, byName.diego, 0), null);
    assert.equal(await unitsOf(api, course, byName.eva, 0), null);
    assert.deepEqual((await unitsOf(api, course, byName.eva, 1))[1], { stage: 'Awarded', attendance: 0, attendanceToken: true, score: 18, help: 0 });

    const status = lt(['course', 'status', SAMPLE_MAPPING, ...ltNode]);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /carla\.lopez@student\.example 5F4QmMRHiH6rQgmuvuYXhLirvdNJL88PS4SvZPay17JxzDyM\n(.*\n){2} {2}assessment 1 unit 0: Responded; next: await a grade \(instructor \(a grade in the LMS\)\)/);
    assert.match(status.stdout, /diego\.ruiz@student\.example .*\n {2}assessment 0 unit 0: not conveyed; next: absent from the session \(nobody\)/);
  });

  test('240 learners from a normalized export; a run killed with SIGKILL is finished by the next', async (t) => {
    const course = await createSampleCourse(api, 'Data Analysis with Python, evening class');
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const phrase = mnemonicGenerate();
    const size = 240;
    const iso = (minutes) => new Date(Date.UTC(2026, 9, 1, 14, 0) + minutes * 60_000).toISOString();
    const people = [];
    for (let i = 0; i < size; i += 1) {
      const pair = keyring.addFromUri(`${phrase}//learner/${i}`);
      people.push({
        i,
        pair,
        id: `S${i}`,
        email: `learner${i}@class.example`,
        hasAddress: i % 60 !== 59,
        minutes: i % 7 === 0 ? null : (i % 11 === 0 ? 5 : 20 + (i % 40)),
        quiz: i % 50 === 3 ? 11 : i % 11,
        forum: i % 6,
        project: i % 13 === 0 ? null : (i * 7) % 101,
      });
    }
    const exportFile = join(dir, 'class.json');
    writeFileSync(exportFile, JSON.stringify({
      source: { lms: 'moodle', rawCourseId: '77', fetchedAt: '2026-11-30T18:00:00Z' },
      institution: { name: 'Open Learning Institute' },
      course: { id: 77, name: 'Data Analysis with Python (evening)' },
      instructors: [{ id: 'T1', email: 'teacher@open-learning.example', name: 'A Teacher' }],
      learners: people.map((p) => ({
        id: p.id,
        email: p.email,
        name: `Learner ${p.i}`,
        assignments: [
          { id: 'quiz', type: 'quiz', title: 'Quiz', maxScore: 10, submissions: [{ submitted_at: '2026-10-02T10:00:00Z', grades: [{ score: p.quiz, totalscore: 10 }] }] },
          { id: 'forum', type: 'discussion', title: 'Forum', maxScore: 5, submissions: [{ submitted_at: '2026-10-05T10:00:00Z', grades: [{ score: p.forum, totalscore: 5 }] }] },
          { id: 'project', type: 'assignment', title: 'Project', maxScore: 100, submissions: p.project === null ? [] : [{ submitted_at: '2026-11-28T10:00:00Z', grades: [{ percentage: p.project }] }] },
        ],
      })),
    }));
    // Join and leave times; every fifth learner left and came back (two rows).
    const rows = ['Name,Email,Join time,Leave time,Total minutes'];
    for (const p of people.filter((q) => q.minutes !== null)) {
      if (p.i % 5 === 0 && p.minutes > 10) {
        rows.push(`Learner ${p.i},${p.email},${iso(0)},${iso(10)},`);
        rows.push(`Learner ${p.i},${p.email},${iso(15)},${iso(5 + p.minutes)},${p.minutes - 10}`);
      } else {
        rows.push(`Learner ${p.i},${p.email},${Date.UTC(2026, 9, 1, 14, 0)},${Date.UTC(2026, 9, 1, 14, 0) + p.minutes * 60_000},`);
      }
    }
    writeFileSync(join(dir, 'class-attendance.csv'), `${rows.join('\n')}\n`);
    const mappingFile = join(dir, 'class-mapping.json');
    writeFileSync(mappingFile, JSON.stringify({
      course,
      sources: { lms: 'class.json', attendance: { evening: 'class-attendance.csv' } },
      assessments: [
        { assessment: 0, attendance: { session: 'evening', fullMinutes: 45, minMinutes: 10 }, score: { items: ['quiz'] }, help: { items: ['forum'] } },
        { assessment: 1, attendance: { points: 'max' }, score: { items: ['project'] } },
      ],
      // Keyed by e-mail or by LMS id, alternately.
      learners: Object.fromEntries(people.map((p) => [p.i % 2 ? p.id : p.email, p.hasAddress ? p.pair.address : ''])),
    }, null, 2));

    const withAddress = people.filter((p) => p.hasAddress);
    const learners = withAddress.map((p) => p.pair);
    const ltNode = ['--node', node.url];
    const runToEnd = () => {
      const done = lt(['course', 'import', mappingFile, ...ltNode, '--account', accountFile, '--batch', '25']);
      assert.equal(done.code, 0, done.stdout + done.stderr);
      return done.stdout;
    };
    const first = (await api.rpc.chain.getHeader()).number.toNumber();

    const started = Date.now();
    runToEnd();
    t.diagnostic(`invite of ${learners.length}: ${Date.now() - started} ms`);
    assert.equal(await learnersAct(api, course, learners), learners.length);

    // The convey run (18 calls of at most 25 learners, at most 2 in the pool at once) is
    // killed once its first call is in a block: one more is in the pool, the rest unsent.
    const killed = await new Promise((ok, fail) => {
      const child = spawn(clientBinary(), ['course', 'import', mappingFile, ...ltNode, '--account', accountFile,
        '--batch', '25', '--in-flight', '2'],
        { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (text) => {
        err += text;
        if (/in a block: 1\//.test(err)) child.kill('SIGKILL');
      });
      child.once('exit', (code, signal) => (signal === 'SIGKILL' ? ok(err) : fail(new Error(`not killed: exit ${code}\n${err}`))));
    });
    t.diagnostic(`killed after:\n${killed}`);
    const second = runToEnd();
    t.diagnostic(second);
    const resumed = Number(second.match(/convey: (\d+) calls/)?.[1] ?? 0);
    assert.ok(resumed >= 10 && resumed <= 16, `the rerun conveys what the killed run did not: ${resumed} calls`);
    assert.match(second, /learner: acknowledge: 840/);

    for (let round = 0; round < 2; round += 1) {
      await learnersAct(api, course, learners);
      runToEnd();
    }
    assert.match(runToEnd(), /nothing to do/);

    // No call of the instructor failed in any block: nothing was done twice.
    const last = (await api.rpc.chain.getHeader()).number.toNumber();
    for (let n = first; n <= last; n += 1) {
      const hash = await api.rpc.chain.getBlockHash(n);
      const [block, events] = await Promise.all([api.rpc.chain.getBlock(hash), api.query.system.events.at(hash)]);
      for (const { event, phase } of events) {
        if (!api.events.system.ExtrinsicFailed.is(event)) continue;
        const signer = block.block.extrinsics[phase.asApplyExtrinsic.toNumber()].signer.toString();
        assert.notEqual(signer, instructor.address, `an instructor call failed in block #${n}`);
      }
    }

    // Every learner's record, tokens and Help are what the mapping says.
    for (const p of withAddress) {
      const present = p.minutes !== null && p.minutes >= 10;
      const lesson = await unitsOf(api, course, p.pair.address, 0);
      if (!present) {
        assert.equal(lesson, null, `learner ${p.i} was not at the lesson`);
      } else {
        const attendance = Math.floor((Math.min(p.minutes, 45) * 4) / 45);
        const graded = p.quiz <= 10;
        for (const unit of [0, 1]) {
          assert.deepEqual(lesson[unit], {
            stage: graded ? 'Awarded' : 'Responded',
            attendance,
            attendanceToken: true,
            score: graded ? p.quiz : null,
            help: graded ? Math.floor((p.forum * 2) / 5) : null,
          }, `learner ${p.i}, lesson unit ${unit}`);
        }
      }
      const final = await unitsOf(api, course, p.pair.address, 1);
      for (const unit of [0, 1]) {
        assert.deepEqual(final[unit], {
          stage: p.project === null ? 'Responded' : 'Awarded',
          attendance: 0,
          attendanceToken: true,
          score: p.project === null ? null : Math.floor((p.project * 20) / 100),
          help: p.project === null ? null : 0,
        }, `learner ${p.i}, final unit ${unit}`);
      }
      const help = present && p.quiz <= 10 ? 2 * Math.floor((p.forum * 2) / 5) : 0;
      const account = await api.query.assets.account(HELP_ASSET, p.pair.address);
      assert.equal(account.isSome ? account.unwrap().balance.toNumber() : 0, help, `learner ${p.i}'s Help`);
    }
  });
});

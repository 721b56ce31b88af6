// `node bench/import.js`: how long `lt course import` takes to record a class of LEARNERS
// learners (default 2,000) × UNITS units (default 4) of one lesson on a release dev node
// (LT_NODE_BIN, LT_CLIENT_BIN: the release builds from scripts/bench-import.sh). Four runs of
// the import (invite; convey; assess; award), the learners' own steps between them signed
// here as their wallets would; each run's wall time, from reading the inputs to the last
// call in a block, is what an instructor waits.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';

import { phase } from './throughput.js';
import { connect } from '../lib/chain.js';
import { startNode, stopNode, tail } from '../lib/node.js';
import { createSampleCourse } from '../lib/sample-course.js';

const learners = Number(process.env.LEARNERS ?? 2000);
const units = Number(process.env.UNITS ?? 4);
const lesson = Array.from({ length: units }, (_, u) => u);
const started = Date.now();
const log = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);

const dir = mkdtempSync(join(tmpdir(), 'lt-bench-import-'));
const node = await startNode({ name: 'bench-import', args: ['--dev', '--pool-limit', '200000', '--pool-kbytes', '2000000'] });
let api;
try {
  await cryptoWaitReady();
  api = await connect(node.url);
  const blockTime = api.consts.aura.slotDuration.toNumber();
  const maxNormal = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
  const course = await createSampleCourse(api, 'Import benchmark', {
    units: lesson.map((u) => ({ skill: `bench:skill:${u}`, title: `Unit ${u}` })),
    guide: [{ kind: 'Lesson', units: lesson.map((unit) => ({ unit, max: { attendance: 4, score: 10, help: 2 } })), maxInstructorFeedback: 5 }],
  });
  log(`course ${course}; deriving ${learners} learner keys`);
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const base = keyring.addFromUri('//BenchImportLearner');
  const pupils = [];
  for (let i = 0; i < learners; i += 1) {
    pupils.push(base.derive(`/${i}`));
    if (i % 500 === 499) await new Promise((ok) => setImmediate(ok));
  }
  writeFileSync(join(dir, 'export.json'), JSON.stringify({
    source: { lms: 'moodle', rawCourseId: 'bench', fetchedAt: '2026-11-30T18:00:00Z' },
    institution: { name: 'Open Learning Institute' },
    course: { id: 'bench', name: 'Import benchmark' },
    instructors: [],
    learners: pupils.map((p, i) => ({
      id: `B${i}`, email: `b${i}@bench.example`, name: `Learner ${i}`,
      assignments: [
        { id: 'quiz', maxScore: 10, submissions: [{ submitted_at: '2026-10-02T10:00:00Z', grades: [{ score: i % 11, totalscore: 10 }] }] },
        { id: 'forum', maxScore: 5, submissions: [{ submitted_at: '2026-10-02T10:00:00Z', grades: [{ score: i % 6, totalscore: 5 }] }] },
      ],
    })),
  }));
  const t0 = Date.UTC(2026, 9, 1, 14, 0);
  writeFileSync(join(dir, 'attendance.csv'), ['Name,Email,Join time,Leave time,Total minutes',
    ...pupils.map((p, i) => `Learner ${i},b${i}@bench.example,${t0},${t0 + (20 + (i % 40)) * 60_000},`)].join('\n'));
  const mapping = join(dir, 'mapping.json');
  writeFileSync(mapping, JSON.stringify({
    course,
    sources: { lms: 'export.json', attendance: { lesson: 'attendance.csv' } },
    assessments: [{ assessment: 0, units: lesson, attendance: { session: 'lesson', fullMinutes: 45, minMinutes: 1 }, score: { items: ['quiz'] }, help: { items: ['forum'] } }],
    learners: Object.fromEntries(pupils.map((p, i) => [`b${i}@bench.example`, p.address])),
  }));
  const secret = join(dir, 'instructor.secret');
  writeFileSync(secret, '//Dave\n');

  const runs = [];
  const importRun = (what) => {
    const from = Date.now();
    const run = spawnSync(process.env.LT_CLIENT_BIN, ['course', 'import', mapping, '--node', node.url, '--account', secret],
      { encoding: 'utf8', timeout: 1_800_000 });
    const seconds = (Date.now() - from) / 1000;
    if (run.status !== 0) throw new Error(`lt course import (${what}) exited ${run.status}: ${run.stdout}${run.stderr}`);
    const done = run.stdout.match(/^ {2}(\w+): (\d+) calls, (\d+) steps$/m);
    if (!done || done[1] !== what) throw new Error(`lt course import did not ${what}: ${run.stdout}`);
    runs.push({ what, seconds, calls: Number(done[2]), steps: Number(done[3]) });
    log(`import (${what}): ${done[2]} calls, ${done[3]} steps in ${seconds.toFixed(1)} s`);
  };
  const nonces = new Map();
  const sign = async (tx, pair) => {
    if (!nonces.has(pair.address)) nonces.set(pair.address, (await api.rpc.system.accountNextIndex(pair.address)).toNumber());
    const nonce = nonces.get(pair.address);
    nonces.set(pair.address, nonce + 1);
    return tx.signAsync(pair, { nonce, era: 0 });
  };
  const learnerPhase = (name, txs, event, count) =>
    phase(api, name, txs, { event, items: learners * count, count: () => count, sign, log, blockTime, maxNormal });

  importRun('invite');
  await learnerPhase('accept', pupils.map((p) => [api.tx.courses.acceptInvitation(course), p]), api.events.courses.InvitationAccepted, 1);
  importRun('convey');
  await learnerPhase('acquire', pupils.map((p) => [api.tx.lifecycle.acquire(course, 0, lesson), p]), api.events.lifecycle.Acquired, units);
  importRun('assess');
  await learnerPhase('respond', pupils.map((p, i) => [api.tx.lifecycle.respond(course, 0, lesson, blake2AsHex(`answer ${i}`)), p]), api.events.lifecycle.Responded, units);
  importRun('award');

  const total = runs.reduce((s, r) => s + r.seconds, 0);
  console.log(`\nmachine: ${cpus().length} × ${cpus()[0].model}; block time ${blockTime / 1000} s; ${learners} learners × ${units} units`);
  console.log('| lt course import run | calls | steps | wall time | steps per second |');
  console.log('|---|---|---|---|---|');
  for (const r of runs) {
    console.log(`| ${r.what} | ${r.calls} | ${r.steps} | ${r.seconds.toFixed(1)} s | ${(r.steps / r.seconds).toFixed(0)}/s |`);
  }
  console.log(`| all four | ${runs.reduce((s, r) => s + r.calls, 0)} | ${runs.reduce((s, r) => s + r.steps, 0)} | ${total.toFixed(1)} s | |`);
} catch (error) {
  console.error(`benchmark failed: ${error.stack}\n--- node log ---\n${tail(node)}`);
  process.exitCode = 1;
} finally {
  await api?.disconnect();
  await stopNode(node);
  rmSync(dir, { recursive: true, force: true });
}

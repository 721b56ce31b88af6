// `node bench/run.js`: starts a dev node (LT_NODE_BIN, the release build from
// scripts/bench-throughput.sh), measures throughput (bench/throughput.js) and prints the
// figures. LEARNERS, UNITS and TRANSFERS set the load.

import { measureThroughput } from './throughput.js';
import { connect } from '../lib/chain.js';
import { startNode, stopNode, tail } from '../lib/node.js';
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';

/**
 * How long the node took to build each block it authored, by block number, from its log line
 * "Prepared block for proposing at N (T ms)". (One dev node authors every block: no forks.)
 */
function buildTimes(logPath) {
  const times = new Map();
  for (const line of readFileSync(logPath, 'utf8').split('\n')) {
    const m = line.match(/Prepared block for proposing at (\d+) \((\d+) ms\)/);
    if (m) times.set(Number(m[1]), Number(m[2]));
  }
  return times;
}

const learners = Number(process.env.LEARNERS ?? 16000);
const units = Number(process.env.UNITS ?? 4);
const transfers = Number(process.env.TRANSFERS ?? 16000);

const started = Date.now();
const log = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const node = await startNode({
  name: 'bench',
  args: ['--dev', '--pool-limit', '200000', '--pool-kbytes', '2000000'],
});
let api;
try {
  api = await connect(node.url);
  const r = await measureThroughput(api, { learners, units, transfers, log });
  const ratio = (x) => (x / r.baseline.perSecond).toFixed(2);
  const pct = (x) => `${(x * 100).toFixed(0)} %`;
  const perSecondFull = (n) => Math.floor(n / (r.blockTime / 1000));
  const rows = [
    ['balances.transferKeepAlive (baseline)', r.baseline],
    [`unit awards (award, ${r.batch} learners × ${units} units a call)`, r.awards],
    [`complete unit lifecycles (5 steps, ${units} units a lesson, learners sign once a step)`, r.lifecycles],
  ];
  console.log(`\nmachine: ${cpus().length} × ${cpus()[0].model}; block time ${r.blockTime / 1000} s; ` +
    `${learners} learners × ${units} units, ${transfers} transfers`);
  console.log('| finalized per second | rate | vs transfers | block fullness | blocks | a full block holds | stalled blocks |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [what, m] of rows) {
    console.log(`| ${what} | ${m.perSecond.toFixed(0)}/s | ${ratio(m.perSecond)}× | ${pct(m.fullness)} | ${m.blocks} | ` +
      `${m.fullBlockItems} (${perSecondFull(m.fullBlockItems)}/s) | ${m.stalled} |`);
  }
  for (const step of r.steps) {
    console.log(`  ${step.name.padEnd(8)} ${step.items} items in ${step.transactions} transactions, ` +
      `${step.blocks} block(s) [${step.perBlock.join(', ')}], ${step.perSecond.toFixed(0)}/s, ${pct(step.fullness)} full, ` +
      `a full block holds ${step.fullBlockItems}, ${step.stalled} stalled`);
  }
  console.log(`  lifecycles took ${r.lifecycles.wallSeconds.toFixed(0)} s of wall time, the waits for each step's inclusion included`);
  // Are the weights honest? Each block's build time on this machine against its weight.
  const built = buildTimes(node.logPath);
  console.log('build time of each block against its weight (1 s of weight = 1 s on the reference machine):');
  for (const step of [r.baseline, ...r.steps]) {
    const pairs = step.carrying
      .filter((b) => built.has(b.number))
      .map((b) => [built.get(b.number), Number(b.weight / 1_000_000_000n)]);
    if (!pairs.length) continue;
    const worst = Math.max(...pairs.map(([ms, w]) => ms / Math.max(w, 1)));
    console.log(`  ${step.name.padEnd(9)} ${pairs.map(([ms, w]) => `${ms} ms / ${w} ms`).join(', ')}` +
      `; at most ${worst.toFixed(2)}× its weight`);
  }
  const ratioWeight = Number(r.awardWeight) / Number(r.transferWeight);
  console.log(`benchmarked weight: one (learner, unit) award in a batch of ${r.batch} × ${units} = ${r.awardWeight} ps, ` +
    `one transfer_keep_alive = ${r.transferWeight} ps: ${ratioWeight.toFixed(2)}×`);
} catch (error) {
  console.error(`benchmark failed: ${error.stack}\n--- node log ---\n${tail(node)}`);
  process.exitCode = 1;
} finally {
  await api?.disconnect();
  await stopNode(node);
}

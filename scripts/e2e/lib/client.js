// The client binary `lt` (client/), as the e2e tests run it.

import { spawnSync } from 'node:child_process';

import { builtOutput } from './node.js';

/** The client binary: $LT_CLIENT_BIN, else the debug build next to the node's. */
export function clientBinary() {
  return builtOutput('LT_CLIENT_BIN', ['lt'], 'client binary');
}

/** Runs `lt` with `args` (at most `timeoutMs`); its exit code and output. */
export function lt(args, timeoutMs = 120_000) {
  const run = spawnSync(clientBinary(), args, { encoding: 'utf8', timeout: timeoutMs });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

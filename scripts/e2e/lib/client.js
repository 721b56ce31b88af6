// The client binary `lt` (client/), as the e2e tests run it.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The client binary: $LT_CLIENT_BIN, else the debug build next to the node's. */
export function clientBinary() {
  if (process.env.LT_CLIENT_BIN) return process.env.LT_CLIENT_BIN;
  const target = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache', 'learning-tokens', 'target');
  const bin = join(target, 'debug', 'lt');
  if (!existsSync(bin)) throw new Error(`no client binary at ${bin}: scripts/test.sh builds it`);
  return bin;
}

/** Runs `lt` with `args` (at most `timeoutMs`); its exit code and output. */
export function lt(args, timeoutMs = 120_000) {
  const run = spawnSync(clientBinary(), args, { encoding: 'utf8', timeout: timeoutMs });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

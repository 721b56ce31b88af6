// The harness itself: stopping a node fails when its log shows a panic or an ERROR line that
// the test did not declare, and only then.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { stopNode, unexpectedErrors } from '../lib/node.js';

// These tests check that base paths are removed: whatever the caller asked to keep.
delete process.env.LT_KEEP_BASE_PATHS;

/** A node that has exited, whose log is `lines`. */
function exited(lines) {
  const basePath = mkdtempSync(join(tmpdir(), 'lt-harness-'));
  const logPath = join(basePath, 'node.log');
  writeFileSync(logPath, lines.join('\n'));
  const node = {
    name: 'fake', basePath, logPath, child: { exitCode: 0, signalCode: null },
    log: () => lines.join('\n'), expected: [],
    expect(pattern) { node.expected.push(pattern); return node; },
  };
  return node;
}

// Lines as a node started with --detailed-log-output writes them.
const quiet = [
  '2026-12-02 13:42:30.117  INFO tokio-runtime-worker substrate: 🏆 Imported #32 (0x07c2…764f → 0x85b7…c715)',
  '2026-12-02 13:42:31.004  WARN tokio-runtime-worker sync: a warning is no alarm',
];
const error = '2026-12-02 13:42:32.250 ERROR tokio-runtime-worker grandpa: something broke';
const panic = [
  '2026-12-02 13:55:54.731  WARN tokio-runtime-worker runtime: panicked at /work/main/runtime/src/apis.rs:27:1:',
  'Bad input data provided to validate_transaction: Codec error.',
];
// What every node logs once it is told to stop.
const shutdown = '2026-12-02 13:56:00.010 ERROR tokio-runtime-worker sc_service::task_manager: Essential task `txpool-background` failed. Shutting down service.';

describe('the e2e harness', () => {
  test('a quiet log stops cleanly and its base path is removed', async () => {
    const node = exited(quiet);
    assert.deepEqual(unexpectedErrors(node), []);
    await stopNode(node);
    assert.ok(!existsSync(node.basePath));
  });

  test('an ERROR line or a panic fails the stop, and the base path is kept', async () => {
    const node = exited([...quiet, error, ...panic]);
    assert.deepEqual(unexpectedErrors(node), [error, panic.join('\n')]);
    await assert.rejects(stopNode(node), (e) => e.message.includes('something broke')
      && e.message.includes('Bad input data provided to validate_transaction'));
    assert.ok(existsSync(node.basePath), 'kept for a post-mortem');
  });

  test('what a node logs after it was told to stop is no alarm', async () => {
    const lines = [...quiet, shutdown];
    const node = exited(lines);
    node.stoppedAt = Buffer.byteLength(quiet.join('\n'));
    assert.deepEqual(unexpectedErrors(node), []);
    delete node.stoppedAt;
    assert.deepEqual(unexpectedErrors(node), [shutdown], 'before the stop it would be one');
  });

  test('what the test declared is expected; the rest still fails', async () => {
    const node = exited([...quiet, error, ...panic]);
    node.expect(/Bad input data provided to validate_transaction/);
    assert.deepEqual(unexpectedErrors(node), [error]);
    node.expect(/grandpa: something broke/);
    await stopNode(node);
    assert.ok(!existsSync(node.basePath));
  });
});

// Starts and stops real learning-tokens-node processes for the end-to-end tests.
//
// Every node gets free loopback ports and its own temporary base path, and is always stopped:
// by the test's `after` hook, and, should the test runner itself die, by the exit handler below.

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The node binary: $LT_NODE_BIN, else the debug build in $CARGO_TARGET_DIR, whose default is the
 * one scripts/env.sh sets.
 */
export function nodeBinary() {
  if (process.env.LT_NODE_BIN) return process.env.LT_NODE_BIN;
  const target = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache', 'learning-tokens', 'target');
  const bin = join(target, 'debug', 'learning-tokens-node');
  if (!existsSync(bin)) {
    throw new Error(`no node binary at ${bin}: build it (scripts/test.sh does) or set LT_NODE_BIN`);
  }
  return bin;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

const running = new Set();
process.on('exit', () => {
  for (const node of running) {
    try { node.child.kill('SIGKILL'); } catch { /* already gone */ }
    try { rmSync(node.basePath, { recursive: true, force: true }); } catch { /* best effort */ }
  }
});

function sleep(ms) {
  return new Promise((ok) => setTimeout(ok, ms));
}

/** Resolves once something accepts TCP connections on `port`, or rejects after `timeoutMs`. */
async function waitForPort(port, child, timeoutMs) {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the node exited with code ${child.exitCode}`);
    const open = await new Promise((ok) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); ok(true); });
      socket.once('error', () => ok(false));
    });
    if (open) return;
    await sleep(200);
  }
  throw new Error(`nothing listened on port ${port} within ${timeoutMs} ms`);
}

/**
 * Starts a node and waits until its RPC port accepts connections.
 *
 * @param {object} options
 * @param {string[]} options.args   chain and role, e.g. ['--dev'] or ['--chain', spec, '--alice']
 * @param {string}   [options.name] used in the log file's name
 * @param {string}   [options.basePath] reuse a base path (a restart); a new temp dir otherwise
 * @param {number}   [options.p2pPort] reuse a p2p port (a restart keeps its peer address)
 */
export async function startNode({ args, name = 'node', basePath, p2pPort, rpcPort }) {
  basePath = basePath ?? mkdtempSync(join(tmpdir(), `lt-${name}-`));
  rpcPort = rpcPort ?? await freePort();
  p2pPort = p2pPort ?? await freePort();
  const logPath = join(basePath, `${name}.log`);
  const log = createWriteStream(logPath, { flags: 'a' });
  const child = spawn(nodeBinary(), [
    ...args,
    '--base-path', basePath,
    '--rpc-port', String(rpcPort),
    '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
    '--no-prometheus',
    '--no-telemetry',
    '--no-mdns',
    '--rpc-max-connections', '1000',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const node = {
    name, child, basePath, rpcPort, p2pPort, logPath,
    url: `ws://127.0.0.1:${rpcPort}`,
    log: () => readFileSync(logPath, 'utf8'),
  };
  running.add(node);
  try {
    await waitForPort(rpcPort, child, 120_000);
  } catch (error) {
    await stopNode(node, { keepBasePath: true });
    throw new Error(`${name} did not start: ${error.message}\n--- log ---\n${tail(node)}`);
  }
  return node;
}

/** The last lines of a node's log, for failure messages. */
export function tail(node, lines = 40) {
  try {
    return node.log().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Stops a node: SIGTERM, then SIGKILL if it has not exited within 20 s. With `signal: 'SIGKILL'`
 * it is killed at once, as a crash would. The base path is removed unless `keepBasePath`.
 */
export async function stopNode(node, { signal = 'SIGTERM', keepBasePath = false } = {}) {
  const { child } = node;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  running.delete(node);
  // LT_KEEP_BASE_PATHS=1 keeps every node's database and log for a post-mortem.
  if (!keepBasePath && !process.env.LT_KEEP_BASE_PATHS) {
    rmSync(node.basePath, { recursive: true, force: true });
  }
}

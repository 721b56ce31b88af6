// Starts and stops real learning-tokens-node processes for the end-to-end tests.
//
// Every node gets free loopback ports and its own temporary base path, and is always stopped:
// by the test's `after` hook, and, should the test runner itself die, by the exit handler below.
// Stopping a node fails (and so fails its test) if its log shows a panic or an ERROR line that
// the test did not declare with `node.expect(pattern)`.

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A debug build's output: $`variable` if set, else `relative` (path parts) under
 * $CARGO_TARGET_DIR/debug, whose default is the one scripts/env.sh sets. Throws, naming `what`,
 * if there is nothing there.
 */
export function builtOutput(variable, relative, what) {
  if (process.env[variable]) return process.env[variable];
  const target = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache', 'learning-tokens', 'target');
  const path = join(target, 'debug', ...relative);
  if (!existsSync(path)) throw new Error(`no ${what} at ${path}: scripts/test.sh builds it (or set ${variable})`);
  return path;
}

/** The node binary: $LT_NODE_BIN, else the debug build. */
export function nodeBinary() {
  return builtOutput('LT_NODE_BIN', ['learning-tokens-node'], 'node binary');
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
  return launch({
    name, basePath, rpcPort, p2pPort,
    file: nodeBinary(),
    argv: [
      ...args,
      '--base-path', basePath,
      '--rpc-port', String(rpcPort),
      '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
      '--no-prometheus',
      '--no-telemetry',
      '--no-mdns',
      '--rpc-max-connections', '1000',
      // Each line with its level and target, so that ERROR lines can be told apart.
      '--detailed-log-output',
    ],
    env: process.env,
  });
}

/**
 * Starts a node with one of the operators' scripts (scripts/validator.sh, scripts/rpc-node.sh),
 * with the environment OPERATORS.md gives it, on loopback ports and a base path of its own.
 * The script reads the network key from `<basePath>/node-key`: `nodeKey` makes one there.
 *
 * @param {object} options
 * @param {string}   options.script  the script's path
 * @param {string}   options.chain   the chain spec
 * @param {string}   options.name    the node's name (NAME) and its log's
 * @param {string[]} [options.args]  further arguments (e.g. --bootnodes)
 * @param {number}   [options.prometheusPort] serve metrics there; none otherwise
 */
export async function startScript({
  script, chain, name, args = [], basePath, p2pPort, rpcPort, prometheusPort,
}) {
  basePath = basePath ?? mkdtempSync(join(tmpdir(), `lt-${name.replace(/\W+/g, '-')}-`));
  rpcPort = rpcPort ?? await freePort();
  p2pPort = p2pPort ?? await freePort();
  const env = {
    ...process.env,
    LT_NODE_BIN: nodeBinary(),
    CHAIN: chain,
    BASE: basePath,
    NAME: name,
    P2P: `/ip4/127.0.0.1/tcp/${p2pPort}`,
    RPC_PORT: String(rpcPort),
    PROMETHEUS_PORT: String(prometheusPort ?? 0),
  };
  const extra = [...(prometheusPort ? [] : ['--no-prometheus']), '--detailed-log-output'];
  const node = await launch({
    name, basePath, rpcPort, p2pPort, file: script, argv: [...args, ...extra], env,
  });
  node.prometheusPort = prometheusPort;
  return node;
}

/** Spawns `file argv`, logs to `<basePath>/<name>.log`, and waits for the RPC port. */
async function launch({ name, basePath, rpcPort, p2pPort, file, argv, env }) {
  const logPath = join(basePath, `${name}.log`);
  const log = createWriteStream(logPath, { flags: 'a' });
  const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], env });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const node = {
    name, child, basePath, rpcPort, p2pPort, logPath,
    url: `ws://127.0.0.1:${rpcPort}`,
    log: () => readFileSync(logPath, 'utf8'),
    expected: [],
    /** Declares log lines matching `pattern` (a RegExp) as expected: they fail nothing. */
    expect(pattern) { node.expected.push(pattern); return node; },
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

/**
 * Stops every node of `nodes` (an array or an object's values), all of them even when some
 * fail (`stopNode`'s log check); then throws one error naming every failure.
 */
export async function stopAll(nodes) {
  const list = Array.isArray(nodes) ? nodes : Object.values(nodes);
  const results = await Promise.allSettled(list.map((node) => stopNode(node)));
  const failures = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message);
  if (failures.length > 0) throw new Error(failures.join('\n\n'));
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
 * The alarming entries of a node's log up to the moment `stopNode` signalled it (what a node
 * logs while it shuts down, such as `Essential task ... failed`, is no alarm): each line with a
 * panic (with the line after it, which holds a runtime panic's message) or at ERROR level,
 * that no pattern of `node.expected` matches.
 */
export function unexpectedErrors(node) {
  let lines;
  try {
    // `stoppedAt` is a byte offset (the log file's size when the node was signalled).
    const log = Buffer.from(node.log(), 'utf8');
    lines = log.subarray(0, node.stoppedAt ?? log.length).toString('utf8').split('\n');
  } catch {
    return [];
  }
  const entries = [];
  lines.forEach((line, index) => {
    if (/panicked/.test(line)) entries.push(`${line}\n${lines[index + 1] ?? ''}`);
    else if (/\sERROR\s/.test(line)) entries.push(line);
  });
  return entries.filter((entry) => !node.expected.some((pattern) => pattern.test(entry)));
}

/**
 * Stops a node: SIGTERM, then SIGKILL if it has not exited within 20 s. With `signal: 'SIGKILL'`
 * it is killed at once, as a crash would. The base path is removed unless `keepBasePath`; it is
 * kept, and the stop fails, if the log shows a panic or an ERROR line the test did not expect
 * (`unexpectedErrors`).
 */
export async function stopNode(node, { signal = 'SIGTERM', keepBasePath = false } = {}) {
  const { child } = node;
  if (child.exitCode === null && child.signalCode === null) {
    try {
      node.stoppedAt = statSync(node.logPath).size;
    } catch { /* no log yet */ }
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  running.delete(node);
  const alarms = unexpectedErrors(node);
  // LT_KEEP_BASE_PATHS=1 keeps every node's database and log for a post-mortem.
  if (!keepBasePath && !process.env.LT_KEEP_BASE_PATHS && alarms.length === 0) {
    rmSync(node.basePath, { recursive: true, force: true });
  }
  if (alarms.length > 0) {
    throw new Error(
      `${node.name}'s log (${node.logPath}) shows what the test did not expect:\n${alarms.join('\n')}`,
    );
  }
}

// A learner's Score token as an Open Badges 3.0 credential, issued by the institution's `lt`
// (the client crate) with the ed25519 key it registered on chain, and checked both by `lt
// credential verify` and by the Digital Credentials Consortium's own verifier library, offline
// but for the status list that `lt credential serve` publishes on loopback. Then the token is
// revoked on chain, a field is tampered with, and the signing key is rotated: both verifiers
// see each.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';

import { connect, councilMotion, findEvent, finalizedAtLeast, submitFinalized, submitInBlock } from '../lib/chain.js';
import { clientBinary, lt } from '../lib/client.js';
import { dccVerify } from '../lib/dcc-verifier.js';
import { freePort, startNode, stopNode } from '../lib/node.js';

const UNIT = 10n ** 12n;
const SKILL = 'http://data.europa.eu/esco/skill/sorting';

describe('Open Badges 3.0 credentials of Learning Tokens', () => {
  let node;
  let api;
  let dir;
  let server;
  let statusUrl;
  let institution;
  let institutionSecret;
  let token;
  const keyFiles = {};
  const publicKeys = {};

  const ltNode = () => ['--node', node.url];
  const credentialFile = (name) => join(dir, `${name}.json`);
  const readJson = (name) => JSON.parse(readFileSync(credentialFile(name), 'utf8'));
  const keyOf = (file) => {
    const inspected = lt(['key', 'inspect', '--key', file]);
    assert.equal(inspected.code, 0, inspected.stderr);
    return inspected.stdout.match(/public key \(hex\):\s+(0x[0-9a-f]{64})/)[1];
  };
  let port;
  /** Starts `lt credential serve` with `keyFile` on `port`, once it listens. */
  const serve = async (keyFile) => {
    const child = spawn(clientBinary(), [
      'credential', 'serve', ...ltNode(), '--key', keyFile, '--institution', institution.address,
      '--url', statusUrl, '--listen', `127.0.0.1:${port}`,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.setEncoding('utf8');
    await new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error('lt credential serve did not start')), 30_000);
      child.stderr.on('data', (text) => { if (text.includes('serving')) { clearTimeout(timer); ok(); } });
      child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`lt credential serve exited with ${code}`)); });
    });
    return child;
  };
  const stopServer = async () => {
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((ok) => server.once('exit', ok));
    server.kill('SIGTERM');
    await exited;
  };
  /** Waits until the latest block is finalized, so that `lt` (which reads finalized state) sees it. */
  const settle = async () => {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    await finalizedAtLeast(api, best);
  };

  before(async () => {
    await cryptoWaitReady();
    dir = mkdtempSync(join(tmpdir(), 'lt-credentials-'));
    for (const name of ['first', 'second']) {
      keyFiles[name] = join(dir, `${name}.key`);
      writeFileSync(keyFiles[name], `0x${randomBytes(32).toString('hex')}\n`);
    }
    node = await startNode({ name: 'dev-credentials', args: ['--dev'] });
    api = await connect(node.url);
    for (const name of ['first', 'second']) publicKeys[name] = keyOf(keyFiles[name]);

    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const alice = keyring.addFromUri('//Alice');
    const institutionPhrase = mnemonicGenerate();
    institution = keyring.addFromMnemonic(institutionPhrase);
    institutionSecret = join(dir, 'institution.secret');
    writeFileSync(institutionSecret, `${institutionPhrase}\n`);
    const instructor = keyring.addFromMnemonic(mnemonicGenerate());
    const learner = keyring.addFromMnemonic(mnemonicGenerate());

    await submitInBlock(api, api.tx.balances.transferKeepAlive(institution.address, 1_000n * UNIT), alice);
    await submitInBlock(api, api.tx.balances.transferKeepAlive(instructor.address, 100n * UNIT), alice);
    await submitInBlock(api, api.tx.registry.apply('Open Learning Institute', 'https://open-learning.example', publicKeys.first), institution);
    await councilMotion(api, api.tx.registry.accredit(institution.address), { proposer: alice, threshold: 1 });
    await submitInBlock(api, api.tx.registry.addInstructor(instructor.address), institution);

    const guide = [{ kind: 'Lesson', units: [{ unit: 0, max: { attendance: 3, score: 15, help: 5 } }], maxInstructorFeedback: 5 }];
    const created = await submitInBlock(api, api.tx.courses.createCourse(
      institution.address, 'Algorithms', '11.0701', [{ skill: SKILL, title: 'Sorting' }], guide, false,
    ), instructor);
    const course = findEvent(created.events, api.events.courses.CourseCreated).data.course.toNumber();
    await submitInBlock(api, api.tx.courses.invite(course, [learner.address]), instructor);
    await submitInBlock(api, api.tx.courses.acceptInvitation(course), learner);
    await submitInBlock(api, api.tx.lifecycle.convey(course, 0, [0], [{ learner: learner.address, attendance: [3] }]), instructor);
    await submitInBlock(api, api.tx.lifecycle.acquire(course, 0, [0]), learner);
    await submitInBlock(api, api.tx.lifecycle.assess(course, 0, [0], [learner.address]), instructor);
    await submitInBlock(api, api.tx.lifecycle.respond(course, 0, [0], blake2AsHex('my answer')), learner);
    const awarded = await submitFinalized(api, api.tx.lifecycle.award(course, 0, [0], [
      { learner: learner.address, points: [{ score: 12, help: 3 }] },
    ]), instructor);
    assert.ok(findEvent(awarded.events, api.events.lifecycle.Awarded));
    const score = (await api.call.tokensApi.tokensOf(learner.address, null, 10)).items
      .find((t) => t.kind.type === 'Score');
    token = score.id.toNumber();

    port = await freePort();
    statusUrl = `http://127.0.0.1:${port}/status/open-learning`;
    server = await serve(keyFiles.first);
  });

  after(async () => {
    await stopServer();
    await api?.disconnect();
    if (node) await stopNode(node);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the institution issues the token\'s credential; lt and the DCC verifier accept it', async (t) => {
    const issued = lt(['credential', 'issue', ...ltNode(), '--key', keyFiles.first, '--status-list', statusUrl,
      '--token', String(token), '--out', credentialFile('badge')]);
    assert.equal(issued.code, 0, issued.stderr);
    const badge = readJson('badge');
    assert.deepEqual(badge.type, ['VerifiableCredential', 'OpenBadgeCredential']);
    assert.equal(badge.proof.cryptosuite, 'eddsa-rdfc-2022');
    assert.equal(badge.credentialSubject.result[0].value, '12');
    assert.equal(badge.credentialSubject.achievement.alignment[0].targetUrl, SKILL);

    // Every live token of the learner at once: the Attendance and the Score token.
    const all = lt(['credential', 'issue', ...ltNode(), '--key', keyFiles.first, '--status-list', statusUrl,
      '--holder', badge.credentialSubject.id.split(':').pop(), '--out', join(dir, 'all')]);
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stderr, /2 credentials issued in .*, 0 skipped/);
    const scoreAgain = JSON.parse(readFileSync(join(dir, 'all', `token-${token}.json`), 'utf8'));
    assert.deepEqual({ ...scoreAgain, proof: undefined }, { ...badge, proof: undefined });

    // docs/sample-credential.json and the README's output come from here.
    if (process.env.LT_CREDENTIAL_SAMPLE) writeFileSync(process.env.LT_CREDENTIAL_SAMPLE, `${JSON.stringify(badge, null, 2)}\n`);

    const ours = lt(['credential', 'verify', credentialFile('badge'), ...ltNode()]);
    t.diagnostic(ours.stdout);
    assert.equal(ours.code, 0, ours.stdout + ours.stderr);
    assert.match(ours.stdout, /^VALID$/m);
    assert.doesNotMatch(ours.stdout, /^FAIL/m);

    const theirs = await dccVerify(badge);
    t.diagnostic(`DCC verifier-core: ${JSON.stringify({ ...theirs, raw: undefined })}`);
    assert.equal(theirs.fatal, null, JSON.stringify(theirs.raw));
    assert.equal(theirs.signature, true);
    assert.equal(theirs.status, 'valid');
  });

  test('a tampered credential: both verifiers find the proof invalid', async () => {
    const badge = readJson('badge');
    badge.credentialSubject.result[0].value = '15';
    writeFileSync(credentialFile('tampered'), JSON.stringify(badge));
    const ours = lt(['credential', 'verify', credentialFile('tampered'), ...ltNode()]);
    assert.equal(ours.code, 1);
    assert.match(ours.stdout, /^FAIL\s+proof/m);
    assert.match(ours.stdout, /^FAIL\s+points and provenance/m);
    const theirs = await dccVerify(badge);
    assert.ok(theirs.fatal || theirs.signature === false, JSON.stringify(theirs.raw));

    // A claim added where no context defines it for that node: JSON-LD drops it before the
    // proof is checked, so the proof still holds; lt compares the whole credential with the
    // chain's and refuses it.
    const padded = readJson('badge');
    padded.result = '15 of 15';
    writeFileSync(credentialFile('padded'), JSON.stringify(padded));
    const caught = lt(['credential', 'verify', credentialFile('padded'), ...ltNode()]);
    assert.equal(caught.code, 1);
    assert.match(caught.stdout, /^PASS\s+proof/m);
    assert.match(caught.stdout, /^FAIL\s+points and provenance\s+differs from the chain in: result/m);
  });

  test('after a key rotation the old credential still verifies, and the new key cannot sign old tokens', async () => {
    // The institution registers its new key with `lt key register`, signing with its account.
    const registered = lt(['key', 'register', ...ltNode(), '--key', keyFiles.second, '--account', institutionSecret]);
    assert.equal(registered.code, 0, registered.stderr);
    assert.match(registered.stdout, /^registered did:key:z6Mk\w+ from block #\d+$/m);
    const record = (await api.call.registryApi.institution(institution.address)).unwrap();
    assert.deepEqual(record.signingKeys.map((k) => k.key.toHex()), [publicKeys.first, publicKeys.second]);
    assert.equal(record.signingKey.unwrap().toHex(), publicKeys.second);
    const ours = lt(['credential', 'verify', credentialFile('badge'), ...ltNode()]);
    assert.equal(ours.code, 0, ours.stdout);
    assert.match(ours.stdout, /^PASS\s+key registered at issue/m);
    const refused = lt(['credential', 'issue', ...ltNode(), '--key', keyFiles.second, '--status-list', statusUrl,
      '--token', String(token)]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /not the one its institution had registered/);
    // The status list is signed with the key of now: the institution restarts its server.
    await stopServer();
    server = await serve(keyFiles.second);
  });

  test('the institution revokes the token: lt and the DCC verifier see it revoked', async () => {
    await submitInBlock(api, api.tx.tokens.revoke(token, 'score entered for the wrong learner'), institution);
    await settle();
    const ours = lt(['credential', 'verify', credentialFile('badge'), ...ltNode()]);
    assert.equal(ours.code, 1);
    assert.match(ours.stdout, /^FAIL\s+not revoked\s+revoked in block #\d+: score entered for the wrong learner/m);
    // The served list is rebuilt from the chain at each request, signed with the current key.
    const list = lt(['credential', 'status-list', ...ltNode(), '--key', keyFiles.second,
      '--institution', institution.address, '--url', statusUrl]);
    assert.equal(list.code, 0, list.stderr);
    const theirs = await dccVerify(readJson('badge'));
    assert.equal(theirs.signature, true);
    assert.equal(theirs.status, 'revoked', JSON.stringify(theirs.raw));
  });
});

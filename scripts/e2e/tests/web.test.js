// The learner's skills wallet and the verifier's page (web/) in headless Chromium against a
// dev node, with a test wallet injected as a polkadot.js extension: the learner accepts an
// invitation and signs a whole assessment's acknowledgement from the page (using the keyboard
// only), the record and skill profile show what the chain holds, in English and Spanish, and
// the verifier page shows a revoked token as revoked with its reason and an unknown one as
// unknown; a credential that `lt` issued, dropped on the verifier's page, has its proof checked
// in the browser and its claims against the chain, and a tampered one is refused. Screenshots go to scripts/e2e/screenshots/ (LT_SCREENSHOTS moves them).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate, blake2AsHex } from '@polkadot/util-crypto';
import puppeteer from 'puppeteer-core';

import { connect, finalizedAtLeast, findEvent, submitInBlock } from '../lib/chain.js';
import { clientBinary, lt } from '../lib/client.js';
import { freePort, startNode, stopNode } from '../lib/node.js';
import { createSampleCourse, sampleAccounts } from '../lib/sample-course.js';

const here = dirname(fileURLToPath(import.meta.url));
const web = join(here, '..', '..', '..', 'web');
const shots = process.env.LT_SCREENSHOTS || join(here, '..', 'screenshots');
const chromium = process.env.LT_CHROMIUM || '/usr/bin/chromium';

describe('the web pages in a real browser', () => {
  let node;
  let api;
  let server;
  let browser;
  let base;
  let course;
  let learner;
  let accounts;
  let dir;
  let keyFile;
  let firstScore;
  const errors = [];

  /** A page of the app with the test wallet injected, as the polkadot.js extension injects one. */
  const open = async (path) => {
    const page = await browser.newPage();
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1 });
    page.on('pageerror', (error) => errors.push(`${path}: ${error.message}`));
    await page.exposeFunction('__ltAccounts', () => [{ address: learner.address, name: 'Test learner' }]);
    // signRaw: the bytes wrapped in <Bytes>…</Bytes>, as the polkadot.js extension signs them.
    await page.exposeFunction('__ltSignRaw', (data) => u8aToHex(learner.sign(u8aWrapBytes(hexToU8a(data)))));
    await page.exposeFunction('__ltSign', (payload) =>
      api.registry.createType('ExtrinsicPayload', payload, { version: payload.version }).sign(learner).signature);
    await page.evaluateOnNewDocument(() => {
      let id = 0;
      window.injectedWeb3 = {
        'lt-test-wallet': {
          version: '1.0.0',
          enable: async () => ({
            accounts: {
              get: async () => window.__ltAccounts(),
              subscribe: (callback) => { window.__ltAccounts().then(callback); return () => {}; },
            },
            signer: {
              signPayload: async (payload) => ({ id: (id += 1), signature: await window.__ltSign(payload) }),
              signRaw: async (raw) => ({ id: (id += 1), signature: await window.__ltSignRaw(raw.data) }),
            },
          }),
        },
      };
    });
    await page.goto(`${base}/${path}`);
    return page;
  };
  const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  const textOf = (page, selector) => page.$eval(selector, (e) => e.textContent);
  const waitText = (page, selector, pattern, timeout = 60_000) => page.waitForFunction(
    (s, p) => new RegExp(p).test(document.querySelector(s)?.textContent ?? ''), { timeout }, selector, pattern.source);

  before(async () => {
    await cryptoWaitReady();
    assert.ok(existsSync(join(web, 'dist', 'learner.js')), 'web/dist is built by scripts/test.sh (node web/build.mjs)');
    mkdirSync(shots, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'lt-web-'));
    node = await startNode({ name: 'dev-web', args: ['--dev'] });
    api = await connect(node.url);
    accounts = await sampleAccounts();
    course = await createSampleCourse(api, 'Data Analysis with Python');
    learner = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromMnemonic(mnemonicGenerate());
    await submitInBlock(api, api.tx.courses.invite(course, [learner.address]), accounts.instructor);
    const { serve } = await import(join(web, 'serve.mjs'));
    server = await serve(join(web, 'dist'), 0);
    base = `http://127.0.0.1:${server.address().port}`;
    browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  });

  after(async () => {
    await browser?.close();
    server?.close();
    await api?.disconnect();
    if (node) await stopNode(node);
    if (dir) rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(errors, [], 'no script error on any page');
  });

  test('every message is in both catalogues, and every key the pages use is in them', async () => {
    const en = (await import(join(web, 'src', 'i18n', 'en.js'))).default;
    const es = (await import(join(web, 'src', 'i18n', 'es.js'))).default;
    assert.deepEqual(Object.keys(es).sort(), Object.keys(en).sort(), 'the same keys in English and Spanish');
    for (const [key, text] of Object.entries(en)) {
      const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(names(es[key]), names(text), `the same placeholders in ${key}`);
    }
    const src = join(web, 'src');
    const files = readdirSync(src, { recursive: true }).filter((f) => /\.(js|html)$/.test(f) && !f.startsWith('i18n'));
    for (const file of files) {
      const code = readFileSync(join(src, file), 'utf8');
      for (const [, key] of code.matchAll(/(?:\bt\(|data-i18n=)['"]([\w.]+)['"]/g)) {
        assert.ok(key in en, `${file} uses ${key}, which the catalogues lack`);
      }
    }
  });

  test('the learner accepts the invitation and acknowledges a whole assessment from the page', async () => {
    const page = await open(`learner.html?node=${encodeURIComponent(node.url)}&lang=en`);
    await page.waitForSelector('#connect:not([disabled])');
    // Keyboard only: focus the button and press Enter.
    await page.focus('#connect');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-action="accept"]');
    assert.match(await textOf(page, '#pending-list'), /You are invited to this course/);
    await shot(page, 'learner-invitation');
    await page.focus('[data-action="accept"]');
    await page.keyboard.press('Enter');
    await waitText(page, '#pending-list', /Nothing waits for your signature/);
    const enrollment = (await api.call.learnerApi.enrollments(learner.address, null, 10)).items[0];
    assert.equal(enrollment.status.type, 'Enrolled');

    await submitInBlock(api, api.tx.lifecycle.convey(course, 0, [0, 1], [{ learner: learner.address, attendance: [4, 3] }]), accounts.instructor);
    await page.reload();
    await page.waitForSelector('#connect:not([disabled])');
    await page.click('#connect');
    await page.waitForSelector('[data-action="sign-assessment"]');
    assert.match(await textOf(page, '[data-assessment="0"]'), /Acknowledge units 0, 1/);
    await shot(page, 'learner-pending');
    await page.focus('[data-action="sign-assessment"]');
    await page.keyboard.press('Enter');
    await waitText(page, '#pending-list', /Nothing waits for your signature/);
    const record = (await api.call.learnerApi.lifecycle(course, learner.address, 0)).unwrap();
    assert.deepEqual(record.units.map((u) => u.stage.type), ['Acquired', 'Acquired']);
    // The Attendance tokens are in the record, against the guide's maxima.
    await waitText(page, '#record-list', /4 of 4/);
    assert.match(await textOf(page, '#record-list'), /3 of 4/);
  });

  test('the record and skill profile show what the chain holds, a revoked token marked with its reason', async () => {
    const { instructor, institution } = accounts;
    // The institution registers the ed25519 key it signs credentials with (lt key register).
    keyFile = join(dir, 'institution.key');
    writeFileSync(keyFile, `0x${randomBytes(32).toString('hex')}\n`);
    const eve = join(dir, 'eve.secret');
    writeFileSync(eve, '//Eve\n');
    const registered = lt(['key', 'register', '--node', node.url, '--key', keyFile, '--account', eve]);
    assert.equal(registered.code, 0, registered.stderr);
    await submitInBlock(api, api.tx.lifecycle.assess(course, 0, [0, 1], [learner.address]), instructor);
    await submitInBlock(api, api.tx.lifecycle.respond(course, 0, [0, 1], blake2AsHex('my answer')), learner);
    const awarded = await submitInBlock(api, api.tx.lifecycle.award(course, 0, [0, 1], [
      { learner: learner.address, points: [{ score: 9, help: 2 }, { score: 7, help: 2 }] }]), instructor);
    const first = findEvent(awarded.events, api.events.lifecycle.Awarded).data.firstToken.toNumber();
    const revoked = first + 1;
    firstScore = first;
    await submitInBlock(api, api.tx.tokens.revoke(revoked, 'Plagiarism found in the response'), institution);

    const page = await open(`learner.html?node=${encodeURIComponent(node.url)}&lang=en`);
    await page.waitForSelector('#connect:not([disabled])');
    await page.click('#connect');
    await page.waitForFunction((a) => document.body.dataset.loaded === a, { timeout: 60_000 }, learner.address);
    const recordText = await textOf(page, '#record-list');
    assert.match(recordText, /9 of 10/);
    assert.match(recordText, /Revoked: Plagiarism found in the response/);
    assert.equal(await page.$eval(`[data-token="${revoked}"]`, (e) => e.className), 'revoked');
    const help = await api.query.assets.account(1, learner.address);
    assert.equal(await textOf(page, '#help-balance'), `Help balance: ${help.unwrap().balance.toNumber()}`);
    // The profile is the chain's: the totals of the live tokens.
    const profile = (await api.call.tokensApi.skillProfile(learner.address, null, 100)).profile;
    const profileText = await textOf(page, '#profile-list');
    for (const [skill, totals] of profile.bySkill) {
      const name = new TextDecoder().decode(skill.toU8a(true));
      assert.ok(profileText.includes(`${name}${totals.attendance}${totals.score}${totals.help}${totals.tokens}`),
        `${name}: ${totals.toString()} in ${profileText}`);
    }
    await shot(page, 'learner-record');

    // A rating above the assessment's maximum: feelessApi.check's refusal, in words; then a
    // good one is signed.
    await page.waitForSelector('[data-assessment="0"] input[type="number"]');
    await page.type('[data-assessment="0"] input[type="number"]', '9');
    await page.click('[data-assessment="0"] [data-action="sign-assessment"]');
    await waitText(page, '[data-assessment="0"] .progress', /^The rating is above the most points allowed\.$/);
    assert.equal(await page.$eval('[data-assessment="0"] .progress', (e) => e.dataset.kind), 'error');
    await page.$eval('[data-assessment="0"] input[type="number"]', (e) => { e.value = ''; });
    await page.type('[data-assessment="0"] input[type="number"]', '4');
    await page.click('[data-assessment="0"] [data-action="sign-assessment"]');
    await waitText(page, '#pending-list', /Nothing waits for your signature/);
    const rated = (await api.call.learnerApi.lifecycle(course, learner.address, 0)).unwrap().ratings;
    assert.deepEqual(rated.map((r) => [r.instructor.toString(), r.points.toNumber()]), [[instructor.address, 4]]);

    // Help to another learner's (existing) account: free, and the balance goes down.
    const before = (await api.query.assets.account(1, learner.address)).unwrap().balance.toNumber();
    await page.type('#help-to', instructor.address);
    await page.type('#help-amount', '1');
    await page.click('#help-form button');
    await waitText(page, '#help-status', /^Done: 1 step\(s\) signed\.$/);
    assert.equal((await api.query.assets.account(1, learner.address)).unwrap().balance.toNumber(), before - 1);
    await waitText(page, '#help-balance', new RegExp(`^Help balance: ${before - 1}$`));

    const spanish = await open(`learner.html?node=${encodeURIComponent(node.url)}&lang=es`);
    await spanish.waitForSelector('#connect:not([disabled])');
    await spanish.click('#connect');
    await spanish.waitForFunction((a) => document.body.dataset.loaded === a, { timeout: 60_000 }, learner.address);
    assert.equal(await textOf(spanish, '#record-heading'), 'Mi historial');
    assert.match(await textOf(spanish, '#record-list'), /Revocado: Plagiarism found in the response/);
    await shot(spanish, 'learner-record-es');

    const verifier = await open(`verifier.html?node=${encodeURIComponent(node.url)}&lang=en&token=${revoked}`);
    await verifier.waitForFunction(() => document.querySelector('#verdict')?.dataset.verdict, { timeout: 60_000 });
    assert.equal(await verifier.$eval('#verdict', (e) => e.dataset.verdict), 'revoked');
    assert.match(await textOf(verifier, '#verdict'), /^Revoked on block [\d,.\s]+ by the institution: Plagiarism found in the response$/);
    assert.match(await textOf(verifier, '#details'), /Open Learning Institute/);
    await shot(verifier, 'verifier-revoked');

    // A live token, then an unknown one, typed into the form.
    await verifier.$eval('#token', (e) => { e.value = ''; });
    await verifier.type('#token', String(first));
    await verifier.keyboard.press('Enter');
    await waitText(verifier, '#verdict', /^Valid: issued by an institution accredited at the time, not revoked\.$/);
    await verifier.$eval('#token', (e) => { e.value = ''; });
    await verifier.type('#token', '987654');
    await verifier.keyboard.press('Enter');
    await waitText(verifier, '#verdict', /^No token 987654 exists on this chain\.$/);
    assert.equal(await verifier.$eval('#verdict', (e) => e.dataset.verdict), 'unknown');
    await shot(verifier, 'verifier-unknown');

    // The live Score token's credential, issued by lt (from finalized state), dropped on the page.
    await finalizedAtLeast(api, (await api.rpc.chain.getHeader()).number.toNumber());
    const credential = join(dir, 'credential.json');
    const issued = lt(['credential', 'issue', '--node', node.url, '--key', keyFile, '--status-list',
      'https://open-learning.example/status/1', '--token', String(first), '--out', credential]);
    assert.equal(issued.code, 0, issued.stderr);
    const checks = () => verifier.$$eval('#checks li', (items) => items.map((i) => [i.dataset.check, i.dataset.ok]));
    await (await verifier.$('#file')).uploadFile(credential);
    await verifier.waitForFunction(() => document.querySelector('#verdict').dataset.verdict.startsWith('credential'), { timeout: 60_000 });
    assert.deepEqual(await checks(), [
      ['verify.checkProof', 'yes'], ['verify.checkKey', 'yes'], ['verify.checkLearner', 'yes'], ['verify.checkPoints', 'yes']]);
    assert.equal(await verifier.$eval('#verdict', (e) => e.dataset.verdict), 'credential-valid');
    await shot(verifier, 'verifier-credential');

    // Tampered: more points than the chain holds. The proof fails, and so does the comparison.
    const tampered = JSON.parse(readFileSync(credential, 'utf8'));
    tampered.credentialSubject.result[0].value = '10';
    const tamperedFile = join(dir, 'tampered.json');
    writeFileSync(tamperedFile, JSON.stringify(tampered));
    await verifier.goto(`${base}/verifier.html?node=${encodeURIComponent(node.url)}&lang=en`);
    await verifier.waitForSelector('#check:not([disabled])');
    await (await verifier.$('#file')).uploadFile(tamperedFile);
    await verifier.waitForFunction(() => document.querySelector('#verdict').dataset.verdict?.startsWith('credential'), { timeout: 60_000 });
    assert.equal(await verifier.$eval('#verdict', (e) => e.dataset.verdict), 'credential-invalid');
    assert.deepEqual(await checks(), [
      ['verify.checkProof', 'no'], ['verify.checkKey', 'yes'], ['verify.checkLearner', 'yes'], ['verify.checkPoints', 'no']]);
    await shot(verifier, 'verifier-tampered');
  });

  test('the learner gets their credentials from the institution\'s service by signing a challenge', async () => {
    const port = await freePort();
    const service = spawn(clientBinary(), [
      'credential', 'serve', '--node', node.url, '--key', keyFile, '--institution', accounts.institution.address,
      '--url', `http://127.0.0.1:${port}/status/1`, '--listen', `127.0.0.1:${port}`,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      await new Promise((ok, fail) => {
        service.stderr.setEncoding('utf8');
        service.stderr.on('data', (text) => { if (text.includes('serving')) ok(); });
        service.once('exit', (code) => fail(new Error(`lt credential serve exited with ${code}`)));
      });
      const page = await open(`learner.html?node=${encodeURIComponent(node.url)}&lang=en`);
      await page.waitForSelector('#connect:not([disabled])');
      await page.click('#connect');
      await page.waitForFunction((a) => document.body.dataset.loaded === a, { timeout: 60_000 }, learner.address);

      // A request signed for another service's address is refused, in words.
      await page.type('#credentials-service', `http://localhost:${port}/credentials`);
      await page.click('#credentials-form button');
      await waitText(page, '#credentials-status', /^The service refused: the message is not a request of .* from http:\/\/127\.0\.0\.1:\d+\/credentials$/);

      await page.$eval('#credentials-service', (e) => { e.value = ''; });
      await page.type('#credentials-service', `http://127.0.0.1:${port}/credentials`);
      await page.click('#credentials-form button');
      await waitText(page, '#credentials-status', /^1 credential\(s\) ready to download\.$/);
      // The one live token signed with the key registered before it: the Score token. (The
      // Attendance tokens predate the key; the other Score token is revoked.)
      const ids = await page.$$eval('#credentials-list a', (links) => links.map((a) => a.dataset.credential));
      assert.deepEqual(ids, [String(firstScore)]);
      const json = await page.$eval('#credentials-list a', (a) => fetch(a.href).then((r) => r.text()));
      const file = join(dir, 'downloaded.json');
      writeFileSync(file, json);
      const verified = lt(['credential', 'verify', file, '--node', node.url]);
      assert.equal(verified.code, 0, verified.stdout + verified.stderr);
      assert.match(verified.stdout, /^VALID$/m);
      await shot(page, 'learner-credentials');
    } finally {
      service.kill('SIGTERM');
    }
  });
});

// The learner's skills wallet: what awaits the learner's signature (signed one assessment at
// a time, free of fees), the record of tokens against the guide's maxima, Help, and the skill
// profile. Keys stay in the wallet extension; this page only asks it to sign.

import { web3Accounts, web3Enable, web3FromAddress } from '@polkadot/extension-dapp';
import { stringToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';

import { allPages, connect, nodeUrl, refusal, signAndFollow, text } from './lib/chain.js';
import { h, say, table } from './lib/dom.js';
import { dateTime, languageSwitch, number, t, translate } from './lib/i18n.js';

const HELP_ASSET = 1;
const $ = (id) => document.getElementById(id);
const state = { api: null, accounts: [], account: null, chain: '' };

async function main() {
  translate();
  languageSwitch($('language'), () => { showConnection(); if (state.account) load(); });
  say($('connection'), t('app.connecting', { node: nodeUrl() }));
  try {
    state.api = await connect(nodeUrl());
  } catch (error) {
    say($('connection'), error.message, 'error');
    return;
  }
  state.chain = (await state.api.rpc.system.chain()).toString();
  await showConnection();
  $('connect').disabled = false;
  $('connect').addEventListener('click', connectWallet);
}

async function showConnection() {
  if (!state.api) return;
  const header = await state.api.rpc.chain.getHeader();
  const now = (await state.api.query.timestamp.now()).toNumber();
  say($('connection'), `${t('app.connected', { chain: state.chain, block: number(header.number.toNumber()) })} ${dateTime(now)}`, 'ok');
}

async function connectWallet() {
  let extensions;
  try {
    extensions = await web3Enable(t('app.title'));
  } catch {
    extensions = [];
  }
  if (!extensions.length) {
    say($('wallet-status'), t('wallet.none'), 'error');
    return;
  }
  state.accounts = await web3Accounts();
  if (!state.accounts.length) {
    say($('wallet-status'), t('wallet.noAccounts'), 'error');
    return;
  }
  const select = $('account');
  select.replaceChildren(...state.accounts.map((a) =>
    h('option', { value: a.address }, a.meta.name ? `${a.meta.name} (${a.address.slice(0, 8)}…${a.address.slice(-6)})` : a.address)));
  select.hidden = false;
  $('account-label').hidden = false;
  select.onchange = () => { state.account = select.value; load(); };
  state.account = select.value;
  say($('wallet-status'), '');
  await load();
}

/** Loads and draws everything of the selected account. */
async function load() {
  try {
    const { api, account } = state;
    const enrollments = await allPages((cursor, limit) => api.call.learnerApi.enrollments(account, cursor, limit));
    const titles = new Map(enrollments.map((e) => [e.course.toNumber(), text(e.title)]));
    await Promise.all([drawPending(titles), drawRecord(titles), drawProfile()]);
    document.body.dataset.loaded = state.account;
  } catch (error) {
    say($('activity'), t('app.readFailed', { reason: error.message }), 'error');
  }
}

// --- Pending -----------------------------------------------------------------------------

/** `titles`: each course's title, by id. */
async function drawPending(titles) {
  const { api, account } = state;
  const pending = await allPages((cursor, limit) => api.call.learnerApi.pending(account, cursor, limit));
  const byCourse = new Map();
  for (const item of pending) {
    const course = item.course.toNumber();
    const key = item.assessment.isSome ? item.assessment.unwrap().toNumber() : 'invitation';
    if (!byCourse.has(course)) byCourse.set(course, new Map());
    const groups = byCourse.get(course);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item.step);
  }
  const section = $('pending-list');
  if (!byCourse.size) {
    section.replaceChildren(h('p', {}, t('pending.empty')));
    return;
  }
  section.replaceChildren(...[...byCourse].map(([course, groups]) => h('article', { class: 'course', 'data-course': course },
    h('h3', {}, t('pending.course', { course, title: titles.get(course) ?? '' })),
    ...[...groups].map(([assessment, steps]) => (assessment === 'invitation'
      ? invitation(course)
      : assessmentSteps(course, assessment, steps))))));
}

function invitation(course) {
  const status = h('p', { role: 'status', class: 'progress' });
  const button = h('button', { type: 'button', 'data-action': 'accept' }, t('pending.accept'));
  button.addEventListener('click', () => signSteps(button, status, [() => state.api.tx.courses.acceptInvitation(course)]));
  return h('div', { class: 'assessment' }, h('p', {}, t('pending.invitation')), h('p', { class: 'hint' }, t('pending.free')), button, status);
}

function assessmentSteps(course, assessment, steps) {
  const { api } = state;
  const status = h('p', { role: 'status', class: 'progress' });
  const parts = [];
  const build = [];
  steps.forEach((step, i) => {
    if (step.isAcquire) {
      const units = step.asAcquire.units.map((u) => u.toNumber());
      parts.push(h('li', {}, t('pending.acquire', { units: units.join(', ') })));
      build.push(() => api.tx.lifecycle.acquire(course, assessment, units));
    } else if (step.isRespond) {
      const units = step.asRespond.units.map((u) => u.toNumber());
      const id = `response-${course}-${assessment}-${i}`;
      const area = h('textarea', { id, rows: 3 });
      parts.push(h('li', {}, t('pending.respond', { units: units.join(', ') }),
        h('label', { for: id }, t('pending.response')), area));
      // Only the response's hash goes on chain; the text never leaves the browser.
      build.push(() => api.tx.lifecycle.respond(course, assessment, units, blake2AsHex(area.value)));
    } else if (step.isRate) {
      const { instructor, maxPoints } = step.asRate;
      const id = `rate-${course}-${assessment}-${i}`;
      const input = h('input', { id, type: 'number', min: 0, max: maxPoints.toNumber(), step: 1 });
      parts.push(h('li', {}, t('pending.rate', { instructor: instructor.toString(), max: maxPoints.toNumber() }),
        h('label', { for: id }, t('pending.points')), input));
      // A rating is optional: signed only when the learner gave points.
      build.push(() => (input.value === '' ? null : api.tx.lifecycle.rate(course, assessment, instructor, BigInt(input.value))));
    }
  });
  const button = h('button', { type: 'button', 'data-action': 'sign-assessment' }, t('pending.signAll'));
  button.addEventListener('click', () => signSteps(button, status, build));
  return h('div', { class: 'assessment', 'data-assessment': assessment },
    h('h4', {}, t('pending.assessment', { assessment })), h('ul', {}, parts), h('p', { class: 'hint' }, t('pending.free')), button, status);
}

/**
 * Builds each call (`makers`: functions, so that a bad input is reported, not thrown), checks
 * it with `feelessApi.check`, then signs them one after the other.
 */
async function signSteps(button, status, makers) {
  const { api, account } = state;
  button.disabled = true;
  try {
    const txs = [];
    for (const make of makers) {
      let tx;
      try {
        tx = make();
      } catch {
        throw new Error(t('tx.badInput'));
      }
      if (tx) txs.push(tx);
    }
    const injected = await web3FromAddress(account);
    for (const tx of txs) {
      say(status, t('tx.checking'));
      const why = await refusal(api, account, tx);
      if (why) throw new Error(why);
      await signAndFollow(api, tx, account, injected.signer, (line) => say(status, line));
    }
    say(status, t('tx.done', { count: txs.length }), 'ok');
    // The pending list is redrawn: the confirmation stays in the page's own status line.
    say($('activity'), t('tx.done', { count: txs.length }), 'ok');
    await load();
  } catch (error) {
    say(status, error.message, 'error');
    button.disabled = false;
  }
}

// --- Record and Help ---------------------------------------------------------------------

const guideCache = new Map();
async function shareOf(course, version, assessment) {
  const key = `${course}/${version}/${assessment}`;
  if (!guideCache.has(key)) guideCache.set(key, (await state.api.query.courses.assessments(course, version, assessment)).unwrapOr(null));
  return guideCache.get(key);
}

async function maximum(token) {
  const guide = await shareOf(token.course.toNumber(), token.guideVersion.toNumber(), token.assessment.toNumber());
  if (!guide) return null;
  if (token.kind.isInstructorScore) return guide.maxInstructorFeedback.toNumber();
  const share = guide.units.find((u) => token.unit.isSome && u.unit.eq(token.unit.unwrap()));
  if (!share) return null;
  return token.kind.isAttendance ? share.max.attendance.toNumber() : share.max.score.toNumber();
}

async function drawRecord(titles) {
  const { api, account } = state;
  const tokens = await allPages((cursor, limit) => api.call.tokensApi.tokensOf(account, cursor, limit));
  const help = await api.query.assets.account(HELP_ASSET, account);
  const balance = help.isSome ? help.unwrap().balance.toBigInt() : 0n;
  $('help-balance').textContent = t('record.help', { help: number(balance) });
  // By course, then assessment (the chain lists them so): a heading and a table for each.
  const groups = new Map();
  for (const token of tokens) {
    const key = `${token.course.toNumber()}/${token.assessment.toNumber()}`;
    if (!groups.has(key)) groups.set(key, { course: token.course.toNumber(), assessment: token.assessment.toNumber(), rows: [] });
    const max = await maximum(token);
    const points = token.points.toNumber();
    const revoked = token.revocation.isSome;
    groups.get(key).rows.push([
      `#${token.id.toNumber()}`,
      t(`kind.${token.kind.type}`),
      token.unit.isSome ? `${token.unit.unwrap().toNumber()} · ${text(token.skill)}` : '—',
      max === null ? number(points) : t('record.pointsOf', { points: number(points), max: number(max) }),
      `#${number(token.issuedAt.toNumber())}`,
      h('span', { class: revoked ? 'revoked' : 'live', 'data-token': token.id.toNumber() },
        revoked ? `✗ ${t('record.revoked', { reason: text(token.revocation.unwrap().reason) })}` : `✓ ${t('record.live')}`),
    ]);
  }
  const headings = ['token', 'kind', 'unit', 'points', 'issued', 'status'].map((k) => t(`record.${k}`));
  const sections = [];
  let lastCourse = null;
  for (const { course, assessment, rows } of groups.values()) {
    if (course !== lastCourse) {
      sections.push(h('h3', {}, t('pending.course', { course, title: titles.get(course) ?? '' })));
      lastCourse = course;
    }
    sections.push(table(headings, rows, t('pending.assessment', { assessment })));
  }
  $('record-list').replaceChildren(...(sections.length ? sections : [h('p', {}, t('record.empty'))]));
}

function helpForm() {
  const form = $('help-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const make = () => state.api.tx.assets.transferKeepAlive(HELP_ASSET, $('help-to').value.trim(), BigInt($('help-amount').value));
    await signSteps(form.querySelector('button'), $('help-status'), [make]);
  });
}

// --- Skill profile -----------------------------------------------------------------------

async function drawProfile() {
  const { api, account } = state;
  const byCip = new Map();
  const bySkill = new Map();
  let cursor = null;
  for (;;) {
    const page = await api.call.tokensApi.skillProfile(account, cursor, 100);
    for (const [list, into] of [[page.profile.byCip, byCip], [page.profile.bySkill, bySkill]]) {
      for (const [key, totals] of list) {
        const name = text(key);
        const sum = into.get(name) ?? { attendance: 0, score: 0, help: 0, tokens: 0 };
        sum.attendance += totals.attendance.toNumber();
        sum.score += totals.score.toNumber();
        sum.help += totals.help.toNumber();
        sum.tokens += totals.tokens.toNumber();
        into.set(name, sum);
      }
    }
    if (page.next.isNone) break;
    cursor = page.next.unwrap();
  }
  const section = $('profile-list');
  if (!bySkill.size && !byCip.size) {
    section.replaceChildren(h('p', {}, t('profile.empty')));
    return;
  }
  const headings = ['key', 'attendance', 'score', 'help', 'tokens'].map((k) => t(`profile.${k}`));
  const rows = (map) => [...map].map(([name, s]) => [name, number(s.attendance), number(s.score), number(s.help), number(s.tokens)]);
  section.replaceChildren(
    chart(bySkill),
    table(headings, rows(byCip), t('profile.byCip')),
    table(headings, rows(bySkill), t('profile.bySkill')),
  );
}

/** Bars of each skill's score points, labelled with their numbers (readable without colour). */
function chart(bySkill) {
  const entries = [...bySkill];
  const most = Math.max(1, ...entries.map(([, s]) => s.score + s.attendance + s.help));
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const rowHeight = 28;
  svg.setAttribute('viewBox', `0 0 320 ${entries.length * rowHeight + 4}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('profile.bySkill'));
  entries.forEach(([name, s], i) => {
    const total = s.score + s.attendance + s.help;
    const bar = document.createElementNS(ns, 'rect');
    bar.setAttribute('x', '0');
    bar.setAttribute('y', String(i * rowHeight + 14));
    bar.setAttribute('height', '10');
    bar.setAttribute('width', String(Math.max(2, (total / most) * 300)));
    bar.setAttribute('class', 'bar');
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', '0');
    label.setAttribute('y', String(i * rowHeight + 11));
    label.textContent = `${name.split('/').pop()}: ${number(total)}`;
    svg.append(bar, label);
  });
  return h('figure', {}, svg);
}

// --- Credentials -------------------------------------------------------------------------

/**
 * The institution's credential service (`lt credential serve`) sends the learner's Open Badges
 * 3.0 credentials to whoever proves to hold the account: the wallet signs a message naming the
 * account, the service and the time (`learning_tokens_client::service::challenge`).
 */
function credentialsForm() {
  const form = $('credentials-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const status = $('credentials-status');
    const button = form.querySelector('button');
    const service = $('credentials-service').value.trim();
    button.disabled = true;
    try {
      const injected = await web3FromAddress(state.account);
      const message = `Learning Tokens credentials\nholder: ${state.account}\nservice: ${service}\ntime: ${Math.floor(Date.now() / 1000)}`;
      say(status, t('tx.signing'));
      const { signature } = await injected.signer.signRaw({ address: state.account, data: stringToHex(message), type: 'bytes' });
      say(status, t('credentials.asking'));
      let response;
      try {
        response = await fetch(service, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ holder: state.account, message, signature }) });
      } catch {
        throw new Error(t('credentials.unreachable', { service }));
      }
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(t('credentials.refused', { reason: answer.error ?? response.status }));
      if (!Array.isArray(answer.credentials)) throw new Error(t('credentials.refused', { reason: t('credentials.noList') }));
      const links = answer.credentials.map((credential) => {
        const id = credential.id.split(':').pop();
        const url = URL.createObjectURL(new Blob([JSON.stringify(credential, null, 2)], { type: 'application/json' }));
        return h('li', {}, h('a', { href: url, download: `learning-token-${id}.json`, 'data-credential': id }, t('credentials.download', { token: id, name: credential.name })));
      });
      $('credentials-list').replaceChildren(...links);
      say(status, t('credentials.ready', { count: links.length }), 'ok');
    } catch (error) {
      say(status, /cancel|reject/i.test(error.message) ? t('tx.cancelled') : error.message, 'error');
    } finally {
      button.disabled = false;
    }
  });
}

helpForm();
credentialsForm();
main();

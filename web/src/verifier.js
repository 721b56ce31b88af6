// The verifier's page: no account needed. A token's number gives who issued it, for which
// course, unit, skill and points, whether the institution was accredited then and is now
// (with its accreditation history), and whether it was revoked and why, each as a verdict.

import { connect, nodeUrl, text } from './lib/chain.js';
import { u8aEq } from '@polkadot/util';

import { checkProof, keyAt, tokenOf } from './lib/credential.js';
import { h, say } from './lib/dom.js';
import { languageSwitch, number, t, translate } from './lib/i18n.js';

const $ = (id) => document.getElementById(id);
let api;

async function main() {
  translate();
  languageSwitch($('language'), () => { if ($('token').value) check(); });
  say($('connection'), t('app.connecting', { node: nodeUrl() }));
  try {
    api = await connect(nodeUrl());
  } catch (error) {
    say($('connection'), error.message, 'error');
    return;
  }
  const header = await api.rpc.chain.getHeader();
  say($('connection'), t('app.connected', { chain: (await api.rpc.system.chain()).toString(), block: number(header.number.toNumber()) }), 'ok');
  $('verify-form').addEventListener('submit', (event) => {
    event.preventDefault();
    $('checks').replaceChildren();
    check().catch((error) => say($('verdict'), t('app.readFailed', { reason: error.message }), 'error'));
  });
  $('file').addEventListener('change', () => { if ($('file').files[0]) checkFile($('file').files[0]); });
  const zone = $('drop');
  zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.dataset.over = 'yes'; });
  zone.addEventListener('dragleave', () => { delete zone.dataset.over; });
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    delete zone.dataset.over;
    if (event.dataTransfer.files[0]) checkFile(event.dataTransfer.files[0]);
  });
  $('check').disabled = false;
  const asked = new URLSearchParams(location.search).get('token');
  if (asked) {
    $('token').value = asked;
    check();
  }
}

const yesNo = (b) => (b ? `✓ ${t('verify.yes')}` : `✗ ${t('verify.no')}`);

/** A dropped or chosen credential: its proof, then its token on chain and what it claims. */
async function checkFile(file) {
  const checks = $('checks');
  checks.replaceChildren();
  let credential;
  try {
    credential = JSON.parse(await file.text());
  } catch {
    say($('verdict'), t('verify.fileInvalid'), 'error');
    $('verdict').dataset.verdict = 'invalid';
    return;
  }
  const named = tokenOf(credential);
  if (!named) {
    say($('verdict'), t('verify.fileInvalid'), 'error');
    $('verdict').dataset.verdict = 'invalid';
    return;
  }
  if (named.genesis !== api.genesisHash.toHex().slice(2)) {
    say($('verdict'), t('verify.otherChain'), 'error');
    $('verdict').dataset.verdict = 'other-chain';
    return;
  }
  $('token').value = named.token;
  const found = await check();
  if (!found) return;
  const { token, institution } = found;
  const proof = await checkProof(credential);
  const registered = keyAt(institution, token.issuedAt.toNumber());
  const subject = String(credential.credentialSubject?.id ?? '').split(':').pop();
  const value = credential.credentialSubject?.result?.[0]?.value;
  const results = [
    ['verify.checkProof', proof.ok],
    ['verify.checkKey', Boolean(proof.key && registered && u8aEq(proof.key, registered))],
    // The holder: the learner, or for an Instructor-score token the instructor rated.
    ['verify.checkLearner', subject === token.holder.toString()],
    ['verify.checkPoints', value === String(token.points.toNumber())],
  ];
  checks.replaceChildren(...results.map(([key, ok]) => h('li', { 'data-check': key, 'data-ok': ok ? 'yes' : 'no' }, `${ok ? '✓' : '✗'} ${t(key)}`)));
  if (results.some(([, ok]) => !ok)) {
    say($('verdict'), t('verify.verdict.credentialInvalid'), 'error');
    $('verdict').dataset.verdict = 'credential-invalid';
  } else if ($('verdict').dataset.verdict === 'valid') {
    say($('verdict'), t('verify.verdict.credentialValid'), 'ok');
    $('verdict').dataset.verdict = 'credential-valid';
  }
}

/** A token's verdicts; resolves with the token and its institution, or null. */
async function check() {
  const verdict = $('verdict');
  const details = $('details');
  details.replaceChildren();
  const raw = $('token').value.trim();
  // A token id is a u64: a longer number cannot name one.
  if (!/^\d+$/.test(raw) || BigInt(raw) > 18446744073709551615n) {
    say(verdict, t('verify.invalidId'), 'error');
    return null;
  }
  let found;
  try {
    found = await api.call.tokensApi.verify(raw);
  } catch (error) {
    say(verdict, t('app.readFailed', { reason: error.message }), 'error');
    verdict.dataset.verdict = 'error';
    return null;
  }
  if (found.isNone) {
    say(verdict, t('verify.unknown', { token: raw }), 'unknown');
    verdict.dataset.verdict = 'unknown';
    return null;
  }
  const v = found.unwrap();
  const token = v.token;
  if (v.revoked.isTrue) {
    const r = token.revocation.unwrap();
    say(verdict, t('verify.verdict.revoked', { block: number(r.at.toNumber()), by: t(`revoker.${r.by.type}`), reason: text(r.reason) }), 'error');
    verdict.dataset.verdict = 'revoked';
  } else if (!v.accreditedWhenIssued.isTrue) {
    say(verdict, t('verify.verdict.unaccredited'), 'error');
    verdict.dataset.verdict = 'unaccredited';
  } else {
    say(verdict, t('verify.verdict.valid'), 'ok');
    verdict.dataset.verdict = 'valid';
  }
  const institution = (await api.call.registryApi.institution(token.institution)).unwrapOr(null);
  const course = (await api.query.courses.courses(token.course)).unwrapOr(null);
  const history = institution ? institution.history.map((p) => (p.to.isSome
    ? t('verify.period', { from: number(p.from.toNumber()), to: number(p.to.unwrap().toNumber()) })
    : t('verify.periodOpen', { from: number(p.from.toNumber()) }))) : [];
  const rows = [
    ['verify.issuer', institution ? `${text(institution.name)} (${token.institution})` : token.institution.toString()],
    ['verify.accreditedThen', yesNo(v.accreditedWhenIssued.isTrue)],
    ['verify.accreditedNow', yesNo(v.accreditedNow.isTrue)],
    ['verify.history', h('ul', {}, history.map((line) => h('li', {}, line)))],
    ['verify.course', `${token.course.toNumber()}: ${course ? text(course.title) : ''} (CIP ${text(token.cipCode)})`],
    ['verify.unit', token.unit.isSome ? `${token.unit.unwrap().toNumber()} · ${text(token.skill)}` : '—'],
    ['verify.points', `${t(`kind.${token.kind.type}`)}: ${number(token.points.toNumber())}`],
    ['verify.learner', token.learner.toString()],
    ['verify.instructor', token.instructor.toString()],
    ['verify.issuedAt', `#${number(token.issuedAt.toNumber())}`],
  ];
  details.replaceChildren(...rows.flatMap(([key, value]) => [h('dt', {}, t(key)), h('dd', {}, value)]));
  return { token, institution };
}

main();

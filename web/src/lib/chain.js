// The node: connected as any wallet connects, with no custom types; its answers in words.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { u8aToString } from '@polkadot/util';

import { t } from './i18n.js';

/** The node's address: `?node=`, else the development node of scripts/dev.sh. */
export const nodeUrl = () => new URLSearchParams(location.search).get('node') || 'ws://127.0.0.1:9944';

/** Connects to `url`; rejects with a sentence if the node cannot be reached in 20 s. */
export async function connect(url) {
  let provider;
  try {
    provider = new WsProvider(url, 2500);
    let timer;
    const timeout = new Promise((_, fail) => { timer = setTimeout(() => fail(new Error('timeout')), 20_000); });
    const api = await Promise.race([ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true }), timeout]);
    clearTimeout(timer);
    return api;
  } catch {
    provider?.disconnect().catch(() => {});
    throw new Error(t('app.unreachable', { node: url }));
  }
}

/** Bytes the chain stores as text. */
export const text = (bytes) => u8aToString(bytes.toU8a(true));

/** A module error as a sentence: ours from the catalogue, else the metadata's own words. */
export function errorSentence(api, dispatchError) {
  if (dispatchError.isModule) {
    const { name, docs } = api.registry.findMetaError(dispatchError.asModule);
    const key = `error.${name}`;
    const known = t(key);
    return known === key ? t('error.other', { docs: docs.join(' ') || name }) : known;
  }
  return t('error.other', { docs: dispatchError.type ?? String(dispatchError) });
}

/** Why `feelessApi.check` refuses `call` for `who`, in words; `null` if it would pass. */
export async function refusal(api, who, call) {
  const checked = await api.call.feelessApi.check(who, call.method);
  if (checked.isOk) return null;
  const why = checked.asErr;
  if (why.isNotFree) return t('refusal.notFree');
  if (why.isRateLimited) return t('refusal.rateLimited', { block: why.asRateLimited.resetsAt.toNumber() });
  return t('refusal.wouldFail', { reason: errorSentence(api, why.asWouldFail.error) });
}

/**
 * Signs `tx` with the wallet's `signer` for `address` and follows it to a block; `progress`
 * gets each status as a sentence. Resolves with the block number, rejects with a sentence.
 */
export function signAndFollow(api, tx, address, signer, progress) {
  return new Promise((ok, fail) => {
    progress(t('tx.signing'));
    let unsubscribe = () => {};
    tx.signAndSend(address, { signer, nonce: -1 }, async ({ status, dispatchError }) => {
      if (status.isReady || status.isBroadcast) progress(t('tx.pool'));
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        unsubscribe();
        fail(new Error(t('tx.failed', { reason: status.type })));
      }
      if (status.isInBlock) {
        const block = (await api.rpc.chain.getHeader(status.asInBlock)).number.toNumber();
        unsubscribe();
        if (dispatchError) fail(new Error(t('tx.failed', { reason: errorSentence(api, dispatchError) })));
        else {
          progress(t('tx.inBlock', { block }));
          ok(block);
        }
      }
    }).then((u) => { unsubscribe = u; }, (error) => {
      fail(new Error(/cancel|reject/i.test(String(error?.message)) ? t('tx.cancelled') : t('tx.failed', { reason: error.message })));
    });
  });
}

/** Every item of a paginated runtime API call `fn(cursor, 100)`. */
export async function allPages(fn) {
  const items = [];
  let cursor = null;
  for (;;) {
    const page = await fn(cursor, 100);
    items.push(...page.items);
    if (page.next.isNone) return items;
    cursor = page.next.unwrap();
  }
}

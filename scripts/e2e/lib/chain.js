// Helpers over @polkadot/api: connect with no custom types, wait for blocks, submit and wait.

import { ApiPromise, WsProvider } from '@polkadot/api';

/** Connects to a node exactly as a wallet would: no custom types, no extension definitions. */
export async function connect(url) {
  const provider = new WsProvider(url, 1000, {}, 60_000);
  return ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
}

/** Resolves with the first header for which `predicate` holds, from the given subscription. */
export function waitForHeader(subscribe, predicate, timeoutMs, what) {
  return new Promise((ok, fail) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      fail(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    subscribe((header) => {
      if (predicate(header)) {
        clearTimeout(timer);
        unsubscribe();
        ok(header);
      }
    }).then((unsub) => { unsubscribe = unsub; }, fail);
  });
}

/** The first finalized header at or above `number`. */
export function finalizedAtLeast(api, number, timeoutMs = 90_000) {
  return waitForHeader(
    (cb) => api.rpc.chain.subscribeFinalizedHeads(cb),
    (header) => header.number.toNumber() >= number,
    timeoutMs,
    `block #${number} to be finalized`,
  );
}

/** The first best (not necessarily finalized) header at or above `number`. */
export function bestAtLeast(api, number, timeoutMs = 60_000) {
  return waitForHeader(
    (cb) => api.rpc.chain.subscribeNewHeads(cb),
    (header) => header.number.toNumber() >= number,
    timeoutMs,
    `block #${number} to be authored`,
  );
}


/** A dispatch error as `section.Name` for module errors, else its string form. */
export function dispatchErrorText(api, dispatchError) {
  if (!dispatchError.isModule) return dispatchError.toString();
  const { section, name } = api.registry.findMetaError(dispatchError.asModule);
  return `${section}.${name}`;
}

/**
 * Signs and submits `tx` (with the pool-aware next nonce) and resolves once it is in a block
 * (`until: 'inBlock'`) or in a finalized block (`until: 'finalized'`), with that block's hash
 * and the transaction's events. Rejects if the pool drops, usurps or invalidates it, if it
 * fails to dispatch (message `dispatch failed: section.Error`), or after `timeoutMs`.
 */
function submit(api, tx, signer, until, timeoutMs, options = {}) {
  return new Promise((ok, fail) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      fail(new Error(`timed out after ${timeoutMs} ms waiting for ${until}`));
    }, timeoutMs);
    const done = (settle, value) => { clearTimeout(timer); unsubscribe(); settle(value); };
    tx.signAndSend(signer, { nonce: -1, ...options }, ({ status, events, dispatchError }) => {
      if (status.isDropped || status.isInvalid || status.isUsurped) {
        done(fail, new Error(`transaction ${status.type}`));
        return;
      }
      const reached = until === 'finalized' ? status.isFinalized : status.isInBlock;
      if (!reached) return;
      if (dispatchError) {
        done(fail, new Error(`dispatch failed: ${dispatchErrorText(api, dispatchError)}`));
      } else {
        const blockHash = until === 'finalized' ? status.asFinalized : status.asInBlock;
        done(ok, { blockHash, events });
      }
    }).then((unsub) => { unsubscribe = unsub; }, (error) => done(fail, error));
  });
}

/**
 * `submit` until finalized: for assertions about final state. `options` are polkadot.js
 * signer options (a `signer`, `mode` and `metadataHash`, ...).
 */
export function submitFinalized(api, tx, signer, timeoutMs = 90_000, options = {}) {
  return submit(api, tx, signer, 'finalized', timeoutMs, options);
}

/** `submit` until in a block: enough when the next step only needs the effect in the pool. */
export function submitInBlock(api, tx, signer, timeoutMs = 60_000) {
  return submit(api, tx, signer, 'inBlock', timeoutMs);
}

/** The first event of `events` that `type` (e.g. api.events.council.Executed) matches. */
export function findEvent(events, type) {
  return events.map(({ event }) => event).find((event) => type.is(event));
}

/**
 * Passes a Council motion: `proposer` proposes `call` with `threshold`, each of `voters` votes
 * aye, and `closer` closes it. Resolves with the events of the close (or of the proposal, when
 * threshold 1 executes it at once).
 */
export async function councilMotion(api, call, { proposer, voters = [], closer, threshold }) {
  const lengthBound = call.encodedLength;
  const proposed = await submitInBlock(api, api.tx.council.propose(threshold, call, lengthBound), proposer);
  if (threshold <= 1) return proposed.events;
  const event = findEvent(proposed.events, api.events.council.Proposed);
  if (!event) throw new Error('no council.Proposed event');
  const { proposalIndex, proposalHash } = event.data;
  for (const voter of voters) {
    await submitInBlock(api, api.tx.council.vote(proposalHash, proposalIndex, true), voter);
  }
  const { weight } = await api.call.transactionPaymentCallApi.queryCallInfo(call, lengthBound);
  const closed = await submitInBlock(
    api, api.tx.council.close(proposalHash, proposalIndex, weight, lengthBound), closer,
  );
  return closed.events;
}

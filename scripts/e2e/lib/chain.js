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

/**
 * Signs and submits `tx`, and resolves once its block is finalized, with the events it emitted
 * and the hash of that block. Rejects if the pool drops or invalidates it, or it fails to
 * dispatch (with the decoded module error).
 */
export function submitFinalized(api, tx, signer, timeoutMs = 90_000) {
  return new Promise((ok, fail) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      fail(new Error(`timed out after ${timeoutMs} ms waiting for finality`));
    }, timeoutMs);
    const done = (f, value) => { clearTimeout(timer); unsubscribe(); f(value); };
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (status.isDropped || status.isInvalid || status.isUsurped) {
        done(fail, new Error(`transaction ${status.type}`));
      } else if (status.isFinalized) {
        if (dispatchError) {
          const message = dispatchError.isModule
            ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(dispatchError.asModule))
            : dispatchError.toString();
          done(fail, new Error(`dispatch failed: ${message}`));
        } else {
          done(ok, { blockHash: status.asFinalized, events });
        }
      }
    }).then((unsub) => { unsubscribe = unsub; }, (error) => done(fail, error));
  });
}

/**
 * Signs and submits `tx`, and resolves once it is in a (best, not yet final) block, with its
 * events. Rejects as `submitFinalized` does. Enough when the next step only needs the effect
 * visible to the pool; final assertions should wait for finality.
 */
export function submitInBlock(api, tx, signer, timeoutMs = 60_000) {
  return new Promise((ok, fail) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      fail(new Error(`timed out after ${timeoutMs} ms waiting for inclusion`));
    }, timeoutMs);
    const done = (f, value) => { clearTimeout(timer); unsubscribe(); f(value); };
    tx.signAndSend(signer, { nonce: -1 }, ({ status, events, dispatchError }) => {
      if (status.isDropped || status.isInvalid || status.isUsurped) {
        done(fail, new Error(`transaction ${status.type}`));
      } else if (status.isInBlock) {
        if (dispatchError) {
          const message = dispatchError.isModule
            ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(dispatchError.asModule))
            : dispatchError.toString();
          done(fail, new Error(`dispatch failed: ${message}`));
        } else {
          done(ok, { blockHash: status.asInBlock, events });
        }
      }
    }).then((unsub) => { unsubscribe = unsub; }, (error) => done(fail, error));
  });
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

// Verifies a credential the way the Digital Credentials Consortium's verifier (its wallet and
// VerifierPlus) does, through @digitalcredentials/verifier-core, and boils its answer down to a
// summary that tests can assert on.
//
// What verifier-core does, read from its source (1.0.0-beta.11):
// - Contexts come from its bundled loader (@digitalcredentials/security-document-loader: VC 1.1 and
//   2.0, OB 3.0.x, Data Integrity, Bitstring Status List, ...); did:key resolves locally. An
//   unknown context, a did:web, a status list and a registry are fetched over http(s).
// - The signature is checked with Ed25519Signature2020 or DataIntegrityProof/eddsa-rdfc-2022. A bad
//   signature is fatal: the answer is `{ errors: [{ name: 'invalid_signature', ... }] }` and no log.
// - A `credentialStatus` of type BitstringStatusListEntry is checked by fetching the status list
//   credential; the answer's log then has `{ id: 'revocation_status', valid }` (valid = NOT
//   revoked), or `{ id: 'revocation_status', error: { name, message } }` when the list could not be
//   loaded or checked. Without `credentialStatus` there is no such entry.
// - The issuer is looked up in `knownDIDRegistries` (log id 'registered_issuer').
// - An OB 3.0 credential is validated against the 1EdTech JSON schema fetched from
//   purl.imsglobal.org ('schema_check' in additionalInformation); offline that fetch fails, which
//   is not fatal: the results are then the string 'INVALID_SCHEMA - possibly not a valid url'.

import { verifyCredential } from '@digitalcredentials/verifier-core';

// verifier-core keeps one registry client for the whole process and sets its registry list just
// before an `await`, so two verifications in flight with different lists could see each other's.
// Run them one at a time.
let queue = Promise.resolve();

// What verifier-core prints, on every OB 3.0 credential, when it cannot fetch the OB JSON schema
// (the summary's `schema` says so already).
const SCHEMA_NOISE = ['Error fetching schema', 'error checking schema'];

/**
 * Verifies `credential` with verifier-core.
 *
 * @param {object} credential - the signed credential (JSON object).
 * @param {object} [options]
 * @param {string} [options.registryUrl] - URL of a 'dcc-legacy' issuer registry, a JSON document
 *   `{ "registry": { "<issuer DID>": { "name", "url", "location" } } }`. Without it no registry
 *   is consulted and `registered` is null.
 * @returns {Promise<{
 *   fatal: string[] | null,
 *   signature: boolean,
 *   status: 'valid' | 'revoked' | `error:${string}` | 'absent',
 *   registered: boolean | null,
 *   expiration: boolean | null,
 *   schema: string,
 *   raw: object,
 * }>}
 */
export function dccVerify(credential, { registryUrl } = {}) {
  const run = queue.then(() => verifyQuietly(credential, registryUrl));
  queue = run.catch(() => {});
  return run;
}

async function verifyQuietly(credential, registryUrl) {
  const knownDIDRegistries = registryUrl
    ? [{ type: 'dcc-legacy', name: 'e2e issuer registry', url: registryUrl }]
    : [];
  const { log, error } = console;
  const filter = (print) => (...args) => {
    if (typeof args[0] === 'string' && SCHEMA_NOISE.some((noise) => args[0].startsWith(noise))) return;
    print.apply(console, args);
  };
  console.log = filter(log);
  console.error = filter(error);
  let raw;
  try {
    // verifier-core catches everything itself and answers `{ errors: [...] }`.
    raw = await verifyCredential({ credential, knownDIDRegistries });
  } finally {
    console.log = log;
    console.error = error;
  }
  return summarize(raw, { registryUrl });
}

/** The summary of a verifier-core answer; exported for tests of the summary itself. */
export function summarize(raw, { registryUrl } = {}) {
  const steps = raw?.log ?? [];
  const step = (id) => steps.find((entry) => entry.id === id);

  const fatal = raw?.errors?.length ? raw.errors.map((e) => e.name ?? 'unnamed_error') : null;

  const signature = !fatal && step('valid_signature')?.valid === true;

  const revocation = step('revocation_status');
  let status = 'absent';
  if (revocation?.error) status = `error:${revocation.error.name ?? 'unknown'}`;
  else if (revocation) status = revocation.valid === true ? 'valid' : 'revoked';

  // null: not asked (no registryUrl), or the registry could not be read.
  const registry = step('registered_issuer');
  let registered = null;
  if (registryUrl && registry) {
    if (registry.valid) registered = true;
    else if (!registry.uncheckedRegistries?.length) registered = false;
  }

  const expiry = step('expiration');
  const expiration = expiry ? expiry.valid === true : null;

  return { fatal, signature, status, registered, expiration, schema: schemaText(raw), raw };
}

function schemaText(raw) {
  const entry = raw?.additionalInformation?.find((info) => info.id === 'schema_check');
  if (!entry) return 'not checked';
  const { results } = entry;
  if (results === 'NO_SCHEMA') return 'no known schema';
  if (typeof results === 'string') return `unavailable (${results})`;
  return results
    .map(({ schema, result }) => {
      const name = String(schema).split('/').pop();
      if (result?.valid) return `valid (${name})`;
      return `invalid (${name}: ${result?.errors?.length ?? 0} errors)`;
    })
    .join('; ');
}

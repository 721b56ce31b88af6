// A Learning Token's Open Badges 3.0 credential (what `lt credential issue` signs), checked in
// the browser: its eddsa-rdfc-2022 proof (RDFC-1.0 canonical N-Quads by jsonld.js, with the
// VC 2.0 and Open Badges 3.0.3 contexts bundled and nothing fetched; SHA-256; Ed25519), then
// what it claims against the chain.

import jsonld from 'jsonld';
import { u8aConcat } from '@polkadot/util';
import { base58Decode, ed25519Verify } from '@polkadot/util-crypto';

import vc2 from '../../../client/contexts/credentials-v2.jsonld';
import ob303 from '../../../client/contexts/ob-v3p0-context-3.0.3.json';

const contexts = {
  'https://www.w3.org/ns/credentials/v2': vc2,
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': ob303,
};

/** Only the bundled contexts: a credential that needs another one is refused, not fetched. */
async function documentLoader(url) {
  if (!contexts[url]) throw new Error(`the context ${url} is not one this page knows`);
  return { contextUrl: null, documentUrl: url, document: contexts[url] };
}

const canonical = (document) => jsonld.canonize(document, {
  algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true,
});

const sha256 = async (text) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));

/** The Ed25519 public key of a `did:key` (multicodec 0xed01), or null. */
export function didKeyPublic(did) {
  const match = /^did:key:z([1-9A-HJ-NP-Za-km-z]+)$/.exec(did ?? '');
  if (!match) return null;
  const bytes = base58Decode(match[1]);
  return bytes.length === 34 && bytes[0] === 0xed && bytes[1] === 0x01 ? bytes.slice(2) : null;
}

/**
 * Whether the credential's DataIntegrityProof (eddsa-rdfc-2022) holds: the canonical proof
 * configuration's hash, then the canonical document's, signed by the verification method's
 * key. Resolves `{ ok, key, why }`.
 */
export async function checkProof(credential) {
  const { proof, ...document } = credential;
  if (!proof || proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-rdfc-2022' || !proof.proofValue?.startsWith('z')) {
    return { ok: false, key: null, why: 'no eddsa-rdfc-2022 proof' };
  }
  const key = didKeyPublic(String(proof.verificationMethod).split('#')[0]);
  if (!key) return { ok: false, key: null, why: 'the verification method is not an Ed25519 did:key' };
  const { proofValue, ...config } = proof;
  try {
    const [configHash, documentHash] = await Promise.all([
      canonical({ ...config, '@context': document['@context'] }).then(sha256),
      canonical(document).then(sha256),
    ]);
    const ok = ed25519Verify(u8aConcat(configHash, documentHash), base58Decode(proofValue.slice(1)), key);
    return { ok, key, why: ok ? null : 'the signature does not match' };
  } catch (error) {
    return { ok: false, key, why: error.message };
  }
}

/** The chain and token a credential names (`urn:learning-tokens:<genesis>:token:<id>`), or null. */
export function tokenOf(credential) {
  const match = /^urn:learning-tokens:([0-9a-f]{64}):token:(\d+)$/.exec(credential?.id ?? '');
  return match ? { genesis: match[1], token: match[2] } : null;
}

/** The institution's signing key for a token of block `at`: the last one registered by then. */
export function keyAt(institution, at) {
  const periods = institution?.signingKeys ?? [];
  let key = periods.length ? periods[0].key : null;
  for (const period of periods) if (period.from.toNumber() <= at) key = period.key;
  return key;
}

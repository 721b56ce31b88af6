// Verifies a credential file with the DCC's verifier-core (lib/dcc-verifier.js) and prints the
// summary as JSON (without `raw` unless --raw), plus every http(s) request the verifier made.
//
//   node tools/dcc-verify.js credential.json [--registry URL] [--tamper-name] [--raw]
//
// --tamper-name changes the credential's "name" before verifying (its signature must then fail).

import { readFileSync } from 'node:fs';

import { dccVerify } from '../lib/dcc-verifier.js';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--registry');
if (!file) {
  console.error('usage: node tools/dcc-verify.js credential.json [--registry URL] [--tamper-name] [--raw]');
  process.exit(2);
}
const registryUrl = args.includes('--registry') ? args[args.indexOf('--registry') + 1] : undefined;

const requests = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : (input?.url ?? String(input));
  try {
    const response = await realFetch(input, init);
    requests.push(`${url} -> ${response.status}`);
    return response;
  } catch (e) {
    requests.push(`${url} -> failed (${e.cause?.code ?? e.message})`);
    throw e;
  }
};

const credential = JSON.parse(readFileSync(file, 'utf8'));
if (args.includes('--tamper-name')) credential.name = `${credential.name ?? ''} (tampered)`;

const { raw, ...summary } = await dccVerify(credential, { registryUrl });
if (args.includes('--raw')) {
  delete raw.credential;
  summary.raw = raw;
}
console.log(JSON.stringify({ ...summary, requests }, null, 2));

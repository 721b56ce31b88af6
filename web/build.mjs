// Bundles the two pages into dist/ with esbuild (minified ES modules, one file per page, the
// HTML and CSS copied) and writes each file's size, raw and gzipped, to dist/sizes.json.

import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'src');
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [join(src, 'learner.js'), join(src, 'verifier.js')],
  outdir: dist,
  bundle: true,
  minify: true,
  format: 'esm',
  // The two pages share @polkadot/api: one chunk, downloaded once for both.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  target: ['es2022'],
  legalComments: 'none',
  // The JSON-LD contexts the client crate bundles (client/contexts/), bundled here too.
  loader: { '.jsonld': 'json' },
  logLevel: 'warning',
});
for (const file of readdirSync(src).filter((f) => /\.(html|css)$/.test(f))) copyFileSync(join(src, file), join(dist, file));
const files = readdirSync(dist, { recursive: true }).filter((f) => /\.(html|css|js)$/.test(f));
const sizes = Object.fromEntries(files.map((file) => {
  const bytes = readFileSync(join(dist, file));
  return [file, { bytes: bytes.length, gzip: gzipSync(bytes).length }];
}));
writeFileSync(join(dist, 'sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
for (const [file, { bytes, gzip }] of Object.entries(sizes)) {
  console.log(`${file.padEnd(14)} ${String(bytes).padStart(9)} bytes, ${String(gzip).padStart(8)} gzipped`);
}

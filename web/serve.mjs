// Serves dist/ over HTTP: any static file server does; this one needs nothing but Node.
//   node serve.mjs [port]   (default 8000, on 127.0.0.1)

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/** A server of `root` (a folder); resolves once it listens on `port` (0: any free port). */
export function serve(root, port = 8000) {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path === '/' ? 'index.html' : path);
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8000);
  await serve(join(dirname(fileURLToPath(import.meta.url)), 'dist'), port);
  console.log(`serving web/dist on http://127.0.0.1:${port}/ (learner.html, verifier.html; ?node=ws://… picks the node)`);
}

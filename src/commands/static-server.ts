/**
 * A tiny static file server, as plain static hosting serves a built site: files under a base path
 * (`/reports/q3/…`), `index.html` for a folder, a redirect from a folder without its slash, 404 (with the
 * site's 404.html when it has one) for anything else (nothing outside the folder). Used by `npm run pdf` and the tests; no dependencies.
 * `node scripts/static-server.ts DIR [BASE] [PORT]` serves a site by hand.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};

/** A running server: its root URL (with the base) and how to stop it. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` under `base` (default `/`) on 127.0.0.1 (a free port unless `port` is given). */
export async function serveStatic(options: { dir: string; base?: string; port?: number }): Promise<StaticServer> {
  const root = path.resolve(options.dir);
  const base = `/${(options.base ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const server: Server = createServer(async (request, response) => {
    const send = (status: number, text: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      response.end(text);
    };
    // As static hosting does: the site's own 404.html, when it has one, for an address under the base.
    const notFound = async () => {
      const page = path.join(root, '404.html');
      if (!(await stat(page).catch(() => null))?.isFile()) return send(404, 'not found');
      response.writeHead(404, { 'Content-Type': TYPES['.html']! });
      if (request.method === 'HEAD') return response.end();
      return createReadStream(page).pipe(response);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'method not allowed');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request');
    }
    if (`${pathname}/` === base) return send(301, 'moved', { Location: base });
    if (!pathname.startsWith(base)) return send(404, 'not found');
    const file = path.join(root, pathname.slice(base.length));
    if (file !== root && !file.startsWith(`${root}${path.sep}`)) return send(404, 'not found');
    const info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      if (!pathname.endsWith('/')) return send(301, 'moved', { Location: `${pathname}/` });
      const index = path.join(file, 'index.html');
      if (!(await stat(index).catch(() => null))?.isFile()) return notFound();
      response.writeHead(200, { 'Content-Type': TYPES['.html']! });
      if (request.method === 'HEAD') return response.end();
      return createReadStream(index).pipe(response);
    }
    if (!info?.isFile()) return notFound();
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', 'Content-Length': String(info.size) });
    if (request.method === 'HEAD') return response.end();
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

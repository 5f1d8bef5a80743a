/**
 * `node scripts/static-server.ts DIR [BASE] [PORT]`: serves a built site by hand with the static
 * server `npm run pdf` uses (src/commands/static-server.ts, re-exported for the tests).
 */
import { serveStatic } from '../src/commands/static-server.ts';

export { serveStatic, type StaticServer } from '../src/commands/static-server.ts';

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'dist', base = '/', port = '4330'] = process.argv.slice(2);
  const server = await serveStatic({ dir, base, port: Number(port) });
  process.stdout.write(`Serving ${dir} at ${server.url}\n`);
}

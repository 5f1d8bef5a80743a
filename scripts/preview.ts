/**
 * `npm run preview -- [--out DIR] [--base PATH] [--port N] [--host]`
 * Serves a built site (default `dist/`) as static hosting would. Exit code 2 on wrong usage.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeBase } from '../src/site/hosting.ts';
import { parseServerCommandLine, usageError } from './cli.ts';

const USAGE = `Usage: npm run preview -- [--out DIR] [--base PATH] [--port N] [--host]

  --out DIR    the built site to serve (default: dist, as npm run build writes it)
  --base PATH  the sub-path it was built for (npm run build --base), served there (default: /)
  --port N     port (default: 4321)
  --host       listen on every network interface, not only localhost
`;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function main(argv: string[]): Promise<number | null> {
  const parsed = parseServerCommandLine(argv, {
    out: { type: 'string', default: 'dist' },
    base: { type: 'string', default: '/' },
  }, USAGE);
  if ('exit' in parsed) return parsed.exit;
  const { values, port } = parsed;
  const out = path.resolve(values.out);
  const built = await stat(path.join(out, 'index.html')).then((s) => s.isFile(), () => false);
  if (!built) {
    process.stderr.write(`--out expects a built site but ${JSON.stringify(values.out)} has no index.html: run npm run build first\n`);
    return 2;
  }
  const base = normalizeBase(values.base);
  if (!base.ok) return usageError(base.message, USAGE);
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const { preview } = await import('astro');
  await preview({ root: ROOT, outDir: out, base: base.value, server: { port, host: values.host } });
  return null;
}

const code = await main(process.argv.slice(2));
if (code !== null) process.exitCode = code;

/**
 * `npm run dev -- [--data DIR] [--port N] [--host]`
 * Serves the site with live reload; the loader watches DIR (default `data/`) and re-reads it
 * when a file in it changes. Invalid data is reported in the terminal; the last good report stays.
 * Exit codes: 2 wrong usage; otherwise runs until interrupted.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseServerCommandLine, usageError } from './cli.ts';

const USAGE = `Usage: npm run dev -- [--data DIR] [--port N] [--host]

  --data DIR   folder of sweep results (default: data); edits to it reload the pages
  --port N     port of the dev server (default: 4321)
  --host       listen on every network interface, not only localhost
`;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function main(argv: string[]): Promise<number | null> {
  const parsed = parseServerCommandLine(argv, {
    data: { type: 'string', default: 'data' },
  }, USAGE);
  if ('exit' in parsed) return parsed.exit;
  const { values, port } = parsed;
  const data = path.resolve(values.data);
  const isDir = await stat(data).then((s) => s.isDirectory(), () => false);
  if (!isDir) return usageError(`--data expects a folder but ${JSON.stringify(values.data)} is not one`, USAGE);
  process.env.CAPACITY_DATA = data;
  process.env.CAPACITY_STRICT = '0';
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const { dev } = await import('astro');
  await dev({ root: ROOT, server: { port, host: values.host } });
  return null;
}

const code = await main(process.argv.slice(2));
if (code !== null) process.exitCode = code;

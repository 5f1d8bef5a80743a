/**
 * `npm run dev -- [--data DIR] [--port N] [--host]`
 * Serves the site with live reload; the loader watches DIR (default `data/`) and re-reads it
 * when a file in it changes. Invalid data is reported in the terminal; the last good report stays.
 * Exit codes: 2 wrong usage; otherwise runs until interrupted.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = `Usage: npm run dev -- [--data DIR] [--port N] [--host]

  --data DIR   folder of sweep results (default: data); edits to it reload the pages
  --port N     port of the dev server (default: 4321)
  --host       listen on every network interface, not only localhost
`;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function main(argv: string[]): Promise<number | null> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string', default: 'data' },
        port: { type: 'string', default: '4321' },
        host: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    process.stderr.write(`--port expects a whole number from 1 to 65535 but found ${JSON.stringify(values.port)}\n\n${USAGE}`);
    return 2;
  }
  const data = path.resolve(values.data);
  const isDir = await stat(data).then((s) => s.isDirectory(), () => false);
  if (!isDir) {
    process.stderr.write(`--data expects a folder but ${JSON.stringify(values.data)} is not one\n\n${USAGE}`);
    return 2;
  }
  process.env.CAPACITY_DATA = data;
  process.env.CAPACITY_STRICT = '0';
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const { dev } = await import('astro');
  await dev({ root: ROOT, server: { port, host: values.host } });
  return null;
}

const code = await main(process.argv.slice(2));
if (code !== null) process.exitCode = code;

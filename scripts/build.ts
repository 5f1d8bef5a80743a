/**
 * `npm run build -- [--data DIR] [--out DIR] [--strict]`
 * Builds the report site of a data folder (default `data/`) into DIR (default `dist/`).
 * The site is built into a sibling temporary folder and moved into place only when the whole
 * build succeeded: a failed build leaves the previous output (or none), never a half-written one.
 * Exit codes: 0 built; 1 invalid data, a gap under --strict, or a failed build; 2 wrong usage.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = `Usage: npm run build -- [--data DIR] [--out DIR] [--strict]

  --data DIR   folder of sweep results (default: data)
  --out DIR    where the site is written (default: dist); replaced only when the build succeeds
  --strict     fail when any figure would show as "not measured" (lists each one)
`;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Whether `inner` is `outer` or lies below it. */
function within(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function countPages(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((e) => e.endsWith('.html')).length;
}

function usageError(message: string): number {
  process.stderr.write(`${message}\n\n${USAGE}`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string', default: 'data' },
        out: { type: 'string', default: 'dist' },
        strict: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const data = path.resolve(values.data);
  const out = path.resolve(values.out);
  if (!(await isDirectory(data))) return usageError(`--data expects a folder but ${JSON.stringify(values.data)} is not one`);
  if (within(ROOT, out) || within(data, out)) {
    return usageError(`--out expects a folder of its own but ${JSON.stringify(values.out)} holds ${within(ROOT, out) ? 'the project' : 'the data folder'}; it is replaced on every build`);
  }
  if (within(out, data)) return usageError(`--out expects a folder outside the data folder (the site's CSV downloads would be read as data next time) but found ${JSON.stringify(values.out)}`);
  if (within(out, path.join(ROOT, 'src')) || within(out, path.join(ROOT, 'node_modules'))) {
    return usageError(`--out expects a folder outside src/ and node_modules/ but found ${JSON.stringify(values.out)}`);
  }

  // The loader (src/content.config.ts) reads these.
  process.env.CAPACITY_DATA = data;
  process.env.CAPACITY_STRICT = values.strict ? '1' : '0';
  process.env.ASTRO_TELEMETRY_DISABLED = '1';

  const staging = path.join(path.dirname(out), `.${path.basename(out)}.building-${process.pid}`);
  // An interrupted build removes its half-written folder too (after a rename it no longer exists).
  process.once('exit', () => rmSync(staging, { recursive: true, force: true }));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  // A cache of its own per build: builds of different folders (tests run two at once) never
  // share a content store, and nothing of a previous build leaks into this one.
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'capacity-frontier-cache-'));
  // Removed at exit, not before: after a failed sync Astro still flushes its store on a timer.
  process.once('exit', () => rmSync(cacheDir, { recursive: true, force: true }));
  const { build } = await import('astro');
  try {
    await build({ root: ROOT, outDir: staging, cacheDir, mode: 'production' });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    process.stderr.write(`\n${(error as Error).message}\nThe build failed; ${values.out} was left as it was.\n`);
    return 1;
  }

  const previous = `${staging}.previous`;
  const hadOutput = await exists(out);
  if (hadOutput) await rename(out, previous);
  await rename(staging, out);
  if (hadOutput) await rm(previous, { recursive: true, force: true });
  process.stdout.write(`Built ${await countPages(out)} pages from ${path.relative(process.cwd(), data) || '.'} into ${path.relative(process.cwd(), out) || '.'}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));

/**
 * `npm run build -- [--data DIR] [--out DIR] [--base PATH] [--site URL] [--strict]`
 * Builds the report site of a data folder (default `data/`) into DIR (default `dist/`), for hosting
 * under a sub-path (`--base`, or `base` in the folder config) at an origin (`--site`, or `site`).
 * The site is built into a sibling temporary folder and moved into place only when the whole
 * build succeeded: a failed build leaves the previous output (or none), never a half-written one.
 * Exit codes: 0 built; 1 invalid data, a gap under --strict, or a failed build; 2 wrong usage.
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError } from '../src/core/issues.ts';
import { pageGaps } from '../src/site/gap-scan.ts';
import { loadConfig } from '../src/core/load.ts';
import { resolveHosting, type Hosting } from '../src/site/hosting.ts';
import { dataErrorMessage } from '../src/site/loader.ts';
import { parseCommandLine, usageError as cliUsageError } from './cli.ts';

const USAGE = `Usage: npm run build -- [--data DIR] [--out DIR] [--base PATH] [--site URL] [--strict]

  --data DIR   folder of sweep results (default: data)
  --out DIR    where the site is written (default: dist); replaced only when the build succeeds
  --base PATH  sub-path the site is served under, e.g. /reports/q3/ (default: the folder
               config's "base", else /)
  --site URL   origin the site is published at, e.g. https://acme.github.io: gives canonical
               URLs, absolute link-preview images and sitemap.xml (default: the folder config's
               "site", else none)
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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Waits until no other build of this project runs, then holds the lock file (holding its pid) until
 * `release()` or exit. A lock left by a process that is gone is taken over.
 */
async function buildLock(file: string): Promise<() => void> {
  await mkdir(path.dirname(file), { recursive: true });
  let told = false;
  for (const started = Date.now(); ; ) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      const release = () => rmSync(file, { force: true });
      process.once('exit', release);
      return () => {
        process.off('exit', release);
        release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const [holder, age] = await Promise.all([
      readFile(file, 'utf8').then(Number, () => NaN),
      stat(file).then((s) => Date.now() - s.mtimeMs, () => 0),
    ]);
    // An empty file is a lock being taken right now; a dead pid is a build that was killed.
    if ((Number.isInteger(holder) && holder > 0 && !alive(holder)) || (!(holder > 0) && age > 10_000)) {
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() - started > 15 * 60_000) throw new Error(`another build (pid ${holder}) has held ${file} for 15 minutes: stop it, or delete the file if no build runs`);
    if (!told) {
      process.stderr.write(`Waiting for another build of this project (pid ${holder}) to finish…\n`);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\nThe build did not start; the output was left as it was.\n`);
  return 1;
}

function usageError(message: string): number {
  return cliUsageError(message, USAGE);
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv, {
    data: { type: 'string', default: 'data' },
    out: { type: 'string', default: 'dist' },
    base: { type: 'string' },
    site: { type: 'string' },
    strict: { type: 'boolean', default: false },
  }, USAGE);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
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

  // Hosting must be known before Astro starts (its `base` and `site`), so the folder config is read
  // here too; the loader reads it again with the data and reports the same problems the same way.
  let hosting: Hosting;
  try {
    const config = await loadConfig(data);
    const resolved = resolveHosting({ base: values.base, site: values.site }, config);
    if (!resolved.ok) return resolved.message.startsWith('--') ? usageError(resolved.message) : fail(resolved.message);
    hosting = resolved.value;
  } catch (error) {
    if (error instanceof DataError) return fail(dataErrorMessage(error, values.data));
    throw error;
  }

  // Vite's own `import.meta.env` names, when set in the environment (Vitest sets BASE_URL=/ for its
  // children, some CI systems set SITE), would override the base and site given above.
  for (const name of ['BASE_URL', 'SITE', 'ASSETS_PREFIX', 'MODE', 'DEV', 'PROD', 'SSR']) delete process.env[name];

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
  // Astro keeps generated files of every build in the project's `.astro/` (content modules, and the
  // page bundle of an output outside the project): two builds at once (the tests, a PDF beside a
  // build) would overwrite each other's there. Builds of this project take turns.
  let release: () => void;
  try {
    release = await buildLock(path.join(ROOT, '.astro', 'build.lock'));
  } catch (error) {
    return fail((error as Error).message);
  }
  try {
    await build({ root: ROOT, outDir: staging, cacheDir, mode: 'production', base: hosting.base, ...(hosting.site ? { site: hosting.site } : {}) });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    process.stderr.write(`\n${(error as Error).message}\nThe build failed; ${values.out} was left as it was.\n`);
    return 1;
  } finally {
    release();
  }

  // `<Num>` figures in write-ups are gaps the loader cannot see: find them in the written pages.
  const numGaps: string[] = [];
  for (const file of (await readdir(staging, { recursive: true })).filter((f) => f.endsWith('.html')).sort()) {
    if (file.startsWith(`print${path.sep}`)) continue; // the print page repeats the others
    const page = `/${path.dirname(file).split(path.sep).join('/')}/`.replace(/^\/\.\/$/, '/');
    numGaps.push(...pageGaps(page, await readFile(path.join(staging, file), 'utf8')));
  }
  if (numGaps.length && values.strict) {
    await rm(staging, { recursive: true, force: true });
    process.stderr.write(`--strict: ${numGaps.length} figure${numGaps.length === 1 ? ' is' : 's are'} not measured in the write-ups:\n${numGaps.join('\n')}\nThe build failed; ${values.out} was left as it was.\n`);
    return 1;
  }
  if (numGaps.length) process.stdout.write(`${numGaps.join('\n')}\n`);

  const previous = `${staging}.previous`;
  const hadOutput = await exists(out);
  if (hadOutput) await rename(out, previous);
  await rename(staging, out);
  if (hadOutput) await rm(previous, { recursive: true, force: true });
  const where = hosting.site ? ` for ${hosting.site}${hosting.base}` : hosting.base === '/' ? '' : ` for hosting under ${hosting.base}`;
  process.stdout.write(`Built ${await countPages(out)} pages from ${path.relative(process.cwd(), data) || '.'} into ${path.relative(process.cwd(), out) || '.'}${where}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));

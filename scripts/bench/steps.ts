/**
 * The benchmark's steps, in the order they run: each measures one thing into `ctx.results`.
 * `--steps` picks among them by name; a new measurement is a new entry of STEPS (records.ts is
 * the latest).
 */
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanBareProject, writeBareProject } from './bare-astro.ts';
import { devFirstPage, type DevRun } from './dev.ts';
import { generateSweeps, type Sweeps } from './generate.ts';
import { CommandError, comparePair, npmScript, runOnce, stats, type Command, type Sample } from './measure.ts';
import { profilesIn, shortName, summariseProfiles } from './profile.ts';
import { IMPLEMENTED as RECORDS_IMPLEMENTED, runRecords } from './records.ts';
import { formatBytes, formatCount, formatMs, type BuildResult, type DevResult, type Results } from './report.ts';
import { buildPhases, routeTimes } from './routes.ts';
import { countHtmlPages, measureSite } from './site-bytes.ts';
import { DEV_CODE, SITE_CODE, treeFingerprint } from './tree.ts';

/** The options every step reads (from the command line, see scripts/bench.ts). */
export interface Options {
  steps: string[];
  /** Sizes of the build comparison, in GPU × workload groups. */
  groups: number[];
  rowsPerGroup: number;
  runs: number;
  devRuns: number;
  /** Size of the generated folder the dev server is timed on besides the sample. */
  devGroups: number;
  profileGroups: number;
  /** Which builds the build step times (rebuilds first). */
  caches: CacheKind[];
  /** The cache of the profiled build. */
  profileCache: CacheKind;
  seed: number;
  out: string;
  keep: boolean;
  command: string;
}

/** What a step works with. */
export interface Context {
  opts: Options;
  root: string;
  /** Scratch folder outside the repository (generated data, the bare projects). */
  tmp: string;
  /** Folder below the repository for built sites (bench/tmp/sites-*; see bench/README.md for why). */
  sites: string;
  log: (line: string) => void;
  results: Results;
  /** The generated capacity CSVs of `groups` groups (written on first use, then reused). */
  sweeps(groups: number): Sweeps;
  /** Built sites by size, left by the build step for the bytes step. */
  built: Map<number, string>;
}

/** One step of the benchmark. */
export interface Step {
  name: string;
  summary: string;
  /** False for a step that is planned but not written yet: asking for it is refused. */
  available: boolean;
  run(ctx: Context): void | Promise<void>;
}

/** Same environment for every child: no telemetry, fixed zone and locale, no inherited Node flags. */
export function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', TZ: 'UTC', LC_ALL: 'C.UTF-8', NODE_OPTIONS: '' };
}

const LOCK_WAIT = /Waiting for another build of this project \(pid (\d+)\)/;
// Vite's dependency optimiser, whose cache (node_modules/.vite) a build shares with the dev server
// and with every checkout whose node_modules is the same folder: a config it did not write last
// makes it optimise again, seconds that are not this build's own.
const REOPTIMISE = /optimizing dependencies|\[optimizer\]/i;

/** What to note about one build's log: it waited for another build, or Vite re-optimised its dependencies. */
export function buildNotices(log: string): string[] {
  const out: string[] = [];
  const wait = LOCK_WAIT.exec(log);
  if (wait) out.push(`waited for another build of this project (pid ${wait[1]}): the wait is in its time`);
  const optimised = REOPTIMISE.exec(log);
  if (optimised) out.push(`Vite optimised its dependencies ("${optimised[0]}"): another configuration (a dev server, another checkout sharing node_modules) had written node_modules/.vite since`);
  return out;
}

/**
 * How a timed build finds the render cache (src/site/render-cache.ts): `rebuild`, a folder of its
 * own that the warm-up build fills, as on an engineer's machine from the second build on; `first`,
 * the same folder emptied before every run, as on a fresh clone or in CI.
 */
export type CacheKind = 'rebuild' | 'first';

/** Words for a cache kind in tables and verdicts. */
export const CACHE_WORDS: Record<CacheKind, string> = { rebuild: 'rebuild (render cache filled by an earlier build)', first: 'first build (empty render cache)' };

/** The render cache folder of the builds of one size (kept between the steps of a run). */
const cacheFolder = (ctx: Context, groups: number) => path.join(ctx.tmp, `render-cache-${groups}`);

function buildCommand(ctx: Context, data: string, out: string, cache: { dir: string; kind: CacheKind }, nodeFlags: string[] = []): Command {
  return {
    label: `site build, ${cache.kind === 'first' ? 'first build' : 'rebuild'}`,
    file: process.execPath,
    args: [...nodeFlags, ...npmScript(ctx.root, 'build'), '--data', data, '--out', out, '--verbose'],
    cwd: ctx.root,
    env: { ...childEnv(), CAPACITY_CACHE: cache.dir },
    keepOutput: true,
    // The build replaces its output; starting from none keeps the removal of the last one off the clock.
    before: () => {
      rmSync(out, { recursive: true, force: true });
      if (cache.kind === 'first') rmSync(cache.dir, { recursive: true, force: true });
    },
    // Builds of this project take turns (a lock in .astro/): a wait for someone else's is not our time.
    notice: (_stdout, stderr) => buildNotices(stderr),
  };
}

function bareCommand(ctx: Context, project: string): Command {
  return {
    label: 'bare Astro',
    file: process.execPath,
    // The repository's own Astro (the project's node_modules is a link to the repository's).
    args: [path.join(ctx.root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--root', project],
    cwd: project,
    env: childEnv(),
    keepOutput: true,
    before: () => cleanBareProject(project),
  };
}

/** Astro's log of a run: our build writes it to stderr, the astro CLI (the bare build) to stdout. */
const astroLog = (s: Sample) => `${s.stdout ?? ''}\n${s.stderr ?? ''}`;

function failure(error: unknown): string {
  return error instanceof CommandError ? error.message : (error as Error).stack ?? String(error);
}

/** Runs `fn`, noting in the results when the code it measures changed meanwhile (a shared working tree). */
async function watching<T>(ctx: Context, what: string, code: readonly string[], fn: () => T | Promise<T>): Promise<T> {
  const before = treeFingerprint(ctx.root, code);
  const value = await fn();
  if (treeFingerprint(ctx.root, code) !== before) {
    ctx.results.notes.push(`**The code under measurement changed during ${what}** (a save in the shared working tree: ${code.join(', ')}), so its runs may time different code. Rerun it for figures of one state of the code.`);
    ctx.log(`  note: the code under measurement changed during ${what}`);
  }
  return value;
}

const describe = (s: Sweeps) => `${s.spec.groups} groups, ${formatCount(s.spec.rows)} rows in ${s.files} files (${formatBytes(s.capacityBytes)}), ${formatCount(s.oomRows)} oom and ${formatCount(s.unstableRows)} unstable rows`;

/** Site build vs a bare Astro build of as many HTML pages, interleaved, at each size: rebuilds, then first builds. */
async function buildStep(ctx: Context): Promise<void> {
  for (const groups of ctx.opts.groups) {
    const sweeps = ctx.sweeps(groups);
    const out = path.join(ctx.sites, `site-${groups}`);
    const project = path.join(ctx.tmp, `bare-${groups}`);
    for (const kind of ctx.opts.caches) {
      ctx.log(`\nsite build (${CACHE_WORDS[kind]}) vs bare Astro at ${describe(sweeps)}`);
      const result: BuildResult = { groups, cache: kind, rows: sweeps.spec.rows, inputBytes: sweeps.capacityBytes, pages: 0, barePages: 0, files: null, pair: null, routes: null, phases: null, notices: [], load: [os.loadavg()[0]!, 0], errors: [] };
      ctx.results.builds.push(result);
      try {
        // The bare project gets as many pages as the site's warm-up build wrote.
        const command = buildCommand(ctx, sweeps.capacityDir, out, { dir: cacheFolder(ctx, groups), kind });
        const pair = await watching(ctx, `the build comparison at ${groups} groups`, SITE_CODE, () => comparePair(command, bareCommand(ctx, project), ctx.opts.runs, ctx.log, () => {
          result.pages = countHtmlPages(out);
          writeBareProject(project, result.pages, ctx.root);
        }));
        result.pair = pair;
        result.load[1] = os.loadavg()[0]!;
        result.notices.push(...pair.notices);
        const site = pair.aSamples[pair.aSamples.length - 1]!;
        const bare = pair.bSamples[pair.bSamples.length - 1]!;
        result.routes = routeTimes(astroLog(site));
        result.phases = { site: buildPhases(astroLog(site)), bare: buildPhases(astroLog(bare)), siteWallMs: site.ms, bareWallMs: bare.ms };
        result.pages = countHtmlPages(out);
        result.barePages = countHtmlPages(path.join(project, 'dist'));
        result.files = measureSite(out).files;
        if (result.barePages !== result.pages) result.errors.push(`page counts differ: site ${result.pages}, bare ${result.barePages}`);
        ctx.built.set(groups, out);
        ctx.log(`  median ${formatMs(pair.aTime.median)} vs ${formatMs(pair.bTime.median)}: ${pair.ratio.median.toFixed(2)}× (${result.pages} pages)`);
      } catch (error) {
        const message = failure(error);
        ctx.log(`  FAILED: ${message}`);
        result.errors.push(`the comparison did not complete: ${message.split('\n')[0]}`);
      } finally {
        rmSync(project, { recursive: true, force: true });
      }
    }
  }
}

/** Bytes per page type and client JavaScript of the site at each size (built once here when the build step did not run). */
function bytesStep(ctx: Context): void {
  for (const groups of ctx.opts.groups) {
    let dir = ctx.built.get(groups);
    if (!dir) {
      dir = path.join(ctx.sites, `site-${groups}`);
      ctx.log(`\nbuilding the site at ${groups} groups to weigh it`);
      try {
        runOnce(buildCommand(ctx, ctx.sweeps(groups).capacityDir, dir, { dir: cacheFolder(ctx, groups), kind: 'rebuild' }));
      } catch (error) {
        ctx.results.errors.push(`bytes at ${groups} groups: the build failed: ${failure(error).split('\n')[0]}`);
        continue;
      }
      ctx.built.set(groups, dir);
    }
    const bytes = measureSite(dir);
    ctx.results.sites.push({ groups, bytes });
    ctx.log(`  ${groups} groups: ${bytes.htmlPages} HTML pages, ${formatBytes(bytes.totalBytes)}, ${bytes.jsFiles} script files, ${bytes.scriptTags} <script> tags`);
  }
}

const DEV_TIMEOUT_MS = { sample: 120_000, generated: 300_000 };

/** First page of `npm run dev` on the sample data and on a generated folder. */
async function devStep(ctx: Context): Promise<void> {
  const folders = [
    { label: 'sample (`data/`)', data: path.join(ctx.root, 'data'), groups: null as number | null, timeoutMs: DEV_TIMEOUT_MS.sample },
    { label: `${ctx.opts.devGroups} groups (generated)`, data: ctx.sweeps(ctx.opts.devGroups).capacityDir, groups: ctx.opts.devGroups, timeoutMs: DEV_TIMEOUT_MS.generated },
  ];
  for (const folder of folders) {
    ctx.log(`\nnpm run dev, ${folder.label}: first start, then ${ctx.opts.devRuns} timed starts`);
    const result: DevResult = { label: folder.label, groups: folder.groups, warmup: null, runs: [], firstPage: null, groupPage: null, groupRequest: null, errors: [] };
    ctx.results.dev.push(result);
    const target = { node: process.execPath, script: npmScript(ctx.root, 'dev'), cwd: ctx.root, data: folder.data, env: childEnv(), timeoutMs: folder.timeoutMs, notice: buildNotices };
    const show = (r: DevRun) => `GET / ${formatMs(r.firstPageMs)}, ${r.groupPage ?? 'no GPU page'} ${formatMs(r.groupPageMs)} after spawn${r.notices.length ? ` (${r.notices.join('; ')})` : ''}`;
    try {
      await watching(ctx, `the dev server runs on ${folder.label}`, DEV_CODE, async () => {
        result.warmup = await devFirstPage(target);
        ctx.log(`  first start: ${show(result.warmup)}`);
        for (let i = 0; i < ctx.opts.devRuns; i++) {
          const run = await devFirstPage(target);
          result.runs.push(run);
          ctx.log(`  run ${i + 1}/${ctx.opts.devRuns}: ${show(run)}`);
        }
      });
    } catch (error) {
      const message = (error as Error).message;
      ctx.log(`  FAILED: ${message}`);
      result.errors.push(`did not complete: ${message.split('\n')[0]}`);
    }
    if (result.runs.length) {
      result.firstPage = stats(result.runs.map((r) => r.firstPageMs));
      const group = result.runs.filter((r) => r.groupPageMs !== null);
      if (group.length) {
        result.groupPage = stats(group.map((r) => r.groupPageMs!));
        result.groupRequest = stats(group.map((r) => r.groupRequestMs!));
      }
    }
  }
}

/** One build under `node --cpu-prof`, summarised by module group. */
async function profileStep(ctx: Context): Promise<void> {
  const groups = ctx.opts.profileGroups;
  const sweeps = ctx.sweeps(groups);
  const dir = path.join(ctx.tmp, `profile-${groups}`);
  const out = path.join(ctx.sites, `site-${groups}-profiled`);
  ctx.log(`\nprofiling the site build at ${describe(sweeps)}`);
  // --cpu-prof goes to the child's Node (and, through its execArgv, to the PNG worker threads).
  const cache = { dir: cacheFolder(ctx, groups), kind: ctx.opts.profileCache };
  const command = buildCommand(ctx, sweeps.capacityDir, out, cache, ['--cpu-prof', '--cpu-prof-dir', dir]);
  try {
    // A rebuild is profiled as one: after a build that filled the cache (the build step's, or one here).
    if (cache.kind === 'rebuild' && !existsSync(cache.dir)) runOnce(buildCommand(ctx, sweeps.capacityDir, out, cache));
    const sample = await watching(ctx, 'the profiled build', SITE_CODE, () => runOnce(command));
    const summary = summariseProfiles(profilesIn(dir), ctx.root);
    const unprofiled = ctx.results.builds.find((b) => b.groups === groups && b.cache === cache.kind && b.pair)?.pair?.aTime.median ?? null;
    ctx.results.profile = {
      groups,
      cache: cache.kind,
      command: `node --cpu-prof scripts/start.mjs build --data <${groups} groups> --out <site>`,
      wallMs: sample.ms,
      unprofiledMs: unprofiled,
      summary,
      phases: buildPhases(astroLog(sample)),
    };
    ctx.log(`  ${formatMs(sample.ms)} under the profiler; top groups by CPU: ${summary.cpuGroups.slice(0, 4).map((g) => `${shortName(g.where)} ${formatMs(g.ms)}`).join(', ')}`);
  } catch (error) {
    const message = failure(error);
    ctx.log(`  profile FAILED: ${message}`);
    ctx.results.errors.push(`the profiled build did not complete: ${message.split('\n')[0]}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

/** Every step, in the order they run. */
export const STEPS: readonly Step[] = [
  { name: 'build', summary: 'site build vs a bare Astro build of as many pages (interleaved), peak memory, phases and route times from Astro\'s log', available: true, run: buildStep },
  { name: 'bytes', summary: 'page weight per page type (raw, gzip) and client JavaScript of the built sites', available: true, run: bytesStep },
  { name: 'dev', summary: 'spawn of `npm run dev` to its first page (`/`) and first GPU × workload page, on the sample and a generated folder', available: true, run: devStep },
  { name: 'profile', summary: 'one build under `node --cpu-prof`, self time by module group', available: true, run: profileStep },
  { name: 'records', summary: 'per-request records: analyze of 1,000,000 records across files vs a bare JSON.parse of the same files', available: RECORDS_IMPLEMENTED, run: runRecords },
];

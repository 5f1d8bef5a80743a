/**
 * `npm run bench -- [--quick] [--rows 10000,100000,1000000] [--groups 10,100,500] [--runs N] …`
 * Measures the pipeline against its floors, side by side in one run: `npm run analyze` against a
 * bare papaparse parse and against the seed's Python script, the site build against a bare Astro
 * build of as many pages; peak memory, bytes per page type and client JavaScript. Prints the
 * tables and writes them to bench/RESULTS.md. Not part of `npm test`: speed is never asserted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cleanBareProject, writeBareProject } from './bench/bare-astro.ts';
import { generateSweeps, POINTS_PER_GROUP, type Sweeps } from './bench/generate.ts';
import { CommandError, comparePair, runOnce, type Command, type Pair } from './bench/measure.ts';
import { profileIn, summariseProfile } from './bench/profile.ts';
import {
  formatBytes, formatCount, formatMs, keptAnalysis, marginal, renderResults, renderTables,
  type AnalyzeResult, type BuildResult, type Machine, type ProfileResult, type Results, type Verdict,
} from './bench/report.ts';
import { routeTimes } from './bench/routes.ts';
import { countHtmlPages, measureSite } from './bench/site-bytes.ts';
import { ANALYZE_CODE, SITE_CODE, treeFingerprint } from './bench/tree.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ASTRO = path.join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
const SEED_SCRIPT = path.join(ROOT, '..', 'shared', 'seed', 'analyze_capacity.py');

// Targets of issue 6.
const TARGET_PARSE_RATIO = 1.5;
const TARGET_SEED_SPEEDUP = 2.5;
const TARGET_BUILD_RATIO = 2;
const TARGET_GROUP_PAGE_GZIP = 150 * 1024;
const TARGET_ANALYZE_RSS = 1024 * 1024 * 1024;
const TARGET_ROWS = 1_000_000;
const TARGET_BUILD_GROUPS = [100, 500];
// Linear growth: the last step's marginal cost may exceed the one before by this much (noise).
const LINEAR_SLACK = 1.25;

const USAGE = `Usage: npm run bench -- [options]

  --quick               smoke run: 10k rows, 10 groups, 2 runs, no profiles
  --rows LIST           analyze sizes in rows (default 10000,100000,1000000)
  --analyze-groups N    GPU × workload groups of the analyze sweeps (default 100)
  --groups LIST         site sizes in groups (default 10,100,500)
  --rows-per-group N    rows per group of the site sweeps (default ${POINTS_PER_GROUP * 3}: ${POINTS_PER_GROUP} points × 3 repeats)
  --runs N              timed runs per command, after one discarded warm-up (default 5)
  --build-runs N        timed runs of the site comparisons (default: --runs); a 500-group build takes minutes
  --steps LIST          any of parse,seed,build (default all three)
  --seed N              generator seed (default 1)
  --no-profile          skip the --cpu-prof runs of analyze and build at the largest size
  --python CMD          Python for the seed script (default python3)
  --out FILE            where the results go (default bench/RESULTS.md; with --quick bench/tmp/RESULTS-quick.md)
  --keep                keep the temporary folder (its path is printed)
`;

interface Options {
  rows: number[];
  analyzeGroups: number;
  groups: number[];
  rowsPerGroup: number;
  runs: number;
  buildRuns: number;
  steps: Set<string>;
  seed: number;
  profile: boolean;
  python: string;
  out: string;
  keep: boolean;
  command: string;
}

function list(value: string, name: string): number[] {
  const numbers = value.split(',').map((v) => Number(v.trim().replace(/_/g, '')));
  if (numbers.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${name} expects whole numbers of 1 or more, comma-separated, but found ${JSON.stringify(value)}`);
  return [...new Set(numbers)].sort((a, b) => a - b);
}

function positive(value: string, name: string): number {
  const [n] = list(value, name);
  return n!;
}

function options(argv: string[]): Options | number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean', default: false },
        rows: { type: 'string' },
        'analyze-groups': { type: 'string', default: '100' },
        groups: { type: 'string' },
        'rows-per-group': { type: 'string', default: String(POINTS_PER_GROUP * 3) },
        runs: { type: 'string' },
        'build-runs': { type: 'string' },
        steps: { type: 'string', default: 'parse,seed,build' },
        seed: { type: 'string', default: '1' },
        profile: { type: 'boolean' },
        python: { type: 'string', default: 'python3' },
        out: { type: 'string' },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowNegative: true,
      strict: true,
      allowPositionals: false,
    }));
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const quick = values.quick;
    const steps = new Set(values.steps.split(',').map((s) => s.trim()));
    for (const step of steps) if (!['parse', 'seed', 'build'].includes(step)) throw new Error(`--steps expects parse, seed or build but found ${JSON.stringify(step)}`);
    return {
      rows: list(values.rows ?? (quick ? '10000' : '10000,100000,1000000'), '--rows'),
      analyzeGroups: positive(values['analyze-groups'], '--analyze-groups'),
      groups: list(values.groups ?? (quick ? '10' : '10,100,500'), '--groups'),
      rowsPerGroup: positive(values['rows-per-group'], '--rows-per-group'),
      runs: positive(values.runs ?? (quick ? '2' : '5'), '--runs'),
      buildRuns: positive(values['build-runs'] ?? values.runs ?? (quick ? '2' : '5'), '--build-runs'),
      steps,
      seed: positive(values.seed, '--seed'),
      profile: values.profile ?? !quick,
      python: resolvePython(values.python),
      out: path.resolve(values.out ?? path.join(ROOT, 'bench', quick ? 'tmp/RESULTS-quick.md' : 'RESULTS.md')),
      keep: values.keep,
      command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
    };
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
}

const log = (line: string) => process.stdout.write(`${line}\n`);

function childEnv(): NodeJS.ProcessEnv {
  // Same environment for A and B; no telemetry request in either build; fixed zone and locale.
  return { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', TZ: 'UTC', LC_ALL: 'C.UTF-8', NODE_OPTIONS: '' };
}

function analyzeCommand(data: string, out: string, label = 'analyze'): Command {
  return { label, file: process.execPath, args: [path.join(ROOT, 'scripts', 'analyze.ts'), '--data', data, '--out', out], cwd: ROOT, env: childEnv() };
}

function parseCommand(data: string): Command {
  return { label: 'bare parse', file: process.execPath, args: [path.join(ROOT, 'scripts', 'bench', 'parse-floor.ts'), data], cwd: ROOT, env: childEnv() };
}

function seedCommand(python: string, data: string, out: string): Command {
  return { label: 'seed script', file: python, args: [SEED_SCRIPT, '--csv-dir', data, '--output', out], cwd: ROOT, env: childEnv() };
}

function buildCommand(data: string, out: string): Command {
  return {
    label: 'site build',
    file: process.execPath,
    args: [path.join(ROOT, 'scripts', 'build.ts'), '--data', data, '--out', out],
    cwd: ROOT,
    env: childEnv(),
    keepOutput: true,
    // The build replaces its output; starting from none keeps the removal of the last one off the clock.
    before: () => rmSync(out, { recursive: true, force: true }),
  };
}

function bareCommand(project: string): Command {
  return {
    label: 'bare Astro',
    file: process.execPath,
    args: [ASTRO, 'build', '--root', project],
    cwd: project,
    env: childEnv(),
    before: () => cleanBareProject(project),
  };
}

function failure(error: unknown): string {
  return error instanceof CommandError ? error.message : (error as Error).stack ?? String(error);
}

// Comparisons during which the code under measurement changed (a shared working tree).
const treeChanges: string[] = [];

function tryPair(a: Command, b: Command, runs: number, errors: string[], code: readonly string[], afterWarmup?: () => void, c?: Command): Pair | null {
  const before = treeFingerprint(ROOT, code);
  try {
    const pair = comparePair(a, b, runs, log, afterWarmup, c);
    if (treeFingerprint(ROOT, code) !== before) {
      treeChanges.push(`${a.label} vs ${b.label} (${a.args.find((x) => x.includes('capacity-frontier-bench-'))?.split(path.sep).slice(-2).join('/') ?? ''})`);
      log(`  note: the code under measurement (${code.join(', ')}) changed during these runs`);
    }
    return pair;
  } catch (error) {
    const message = failure(error);
    log(`  FAILED: ${message}`);
    errors.push(`${a.label} vs ${b.label} did not complete: ${message.split('\n')[0]}`);
    return null;
  }
}

function profileRun(title: string, command: Command, dir: string): ProfileResult | null {
  const profiles = path.join(dir, `profile-${Date.now()}`);
  mkdirSync(profiles, { recursive: true });
  const profiled: Command = { ...command, args: ['--cpu-prof', '--cpu-prof-dir', profiles, ...command.args] };
  try {
    log(`profiling ${title} …`);
    const sample = runOnce(profiled);
    const summary = summariseProfile(profileIn(profiles), ROOT);
    const shown = [path.relative(ROOT, command.args[0]!), ...command.args.slice(1).map((a) => (path.isAbsolute(a) ? `<${path.basename(a)}>` : a))];
    return { title, command: `node --cpu-prof ${shown.join(' ')}`, wallMs: sample.ms, summary };
  } catch (error) {
    log(`  profile FAILED: ${failure(error)}`);
    return null;
  } finally {
    rmSync(profiles, { recursive: true, force: true });
  }
}

/** The interpreter itself, not a version manager's shim (pyenv's adds a shell script to every start). */
function resolvePython(python: string): string {
  const found = spawnSync(python, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : python;
}

function gitHead(): string {
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  return git.status === 0 ? git.stdout.trim() : 'unknown';
}

function machine(opts: Options, loadStart: number, commitStart: string): Machine {
  const commitEnd = gitHead();
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' });
  const python = spawnSync(opts.python, ['--version'], { encoding: 'utf8' });
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    node: process.version,
    python: python.status === 0 ? `${python.stdout || python.stderr}`.trim() : null,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadStart,
    loadEnd: os.loadavg()[0]!,
    commit: `${commitStart === commitEnd ? commitStart : `${commitStart} at the start, ${commitEnd} at the end`}${dirty.stdout.trim() ? ' + uncommitted changes in the working tree' : ''}`,
    command: opts.command,
  };
}

function describeSweeps(s: Sweeps): string {
  return `${formatCount(s.spec.rows)} rows, ${s.spec.groups} groups, ${s.files} files (${formatBytes(s.capacityBytes)} capacity CSV, ${formatBytes(s.seedBytes)} seed shape), ${formatCount(s.oomRows)} oom rows, ${formatCount(s.unstableRows)} unstable in all`;
}

function runAnalyze(opts: Options, tmp: string, profiles: ProfileResult[]): AnalyzeResult[] {
  const results: AnalyzeResult[] = [];
  const largest = opts.rows[opts.rows.length - 1];
  // First one small file (one sweep, no repeats): what every run pays before its first row.
  const sizes = [{ rows: POINTS_PER_GROUP, groups: 1, startup: true }, ...opts.rows.map((rows) => ({ rows, groups: opts.analyzeGroups, startup: false }))];
  for (const { rows, groups, startup } of sizes) {
    const dir = path.join(tmp, startup ? 'startup' : `rows-${rows}`);
    const sweeps = generateSweeps({ rows, groups, seed: opts.seed }, dir);
    log(`\nanalyze at ${describeSweeps(sweeps)}${startup ? ' (start-up cost)' : ''}`);
    const result: AnalyzeResult = {
      rows, startup, groups, files: sweeps.files, capacityBytes: sweeps.capacityBytes, seedBytes: sweeps.seedBytes,
      oomRows: sweeps.oomRows, unstableRows: sweeps.unstableRows, vsParse: null, vsSeed: null, errors: [],
    };
    if (opts.steps.has('parse')) {
      result.vsParse = tryPair(analyzeCommand(sweeps.capacityDir, path.join(dir, 'report.md')), parseCommand(sweeps.capacityDir), opts.runs, result.errors, ANALYZE_CODE);
    }
    if (opts.steps.has('seed')) {
      if (!existsSync(SEED_SCRIPT)) {
        result.errors.push(`the seed script is not at ${SEED_SCRIPT}; seed comparison skipped`);
      } else {
        result.vsSeed = tryPair(
          analyzeCommand(sweeps.seedDir, path.join(dir, 'report-seed-shape.md'), 'analyze (seed shape)'),
          seedCommand(opts.python, sweeps.seedDir, path.join(dir, 'seed-report.md')),
          opts.runs, result.errors, ANALYZE_CODE, undefined,
          // The bare parse of the seed-shaped files too: how fast an analyze reading through papaparse could be.
          { ...parseCommand(sweeps.seedDir), label: 'bare parse (seed shape)' },
        );
      }
    }
    if (opts.profile && !startup && rows === largest && opts.steps.has('parse')) {
      const profile = profileRun(`analyze at ${formatCount(rows)} rows (capacity CSVs)`, analyzeCommand(sweeps.capacityDir, path.join(dir, 'report-profiled.md')), tmp);
      if (profile) profiles.push(profile);
    }
    results.push(result);
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

function runBuilds(opts: Options, tmp: string, sites: string, profiles: ProfileResult[]): BuildResult[] {
  const results: BuildResult[] = [];
  const largest = opts.groups[opts.groups.length - 1];
  for (const groups of opts.groups) {
    const dir = path.join(tmp, `groups-${groups}`);
    const sweeps = generateSweeps({ rows: groups * opts.rowsPerGroup, groups, seed: opts.seed }, dir);
    log(`\nsite build at ${describeSweeps(sweeps)}`);
    const out = path.join(sites, `site-${groups}`);
    const project = path.join(dir, 'bare');
    const result: BuildResult = { groups, rows: sweeps.spec.rows, pages: 0, barePages: 0, pair: null, site: null, routes: null, errors: [] };
    // The bare project gets as many pages as the site's warm-up build produced.
    result.pair = tryPair(buildCommand(sweeps.capacityDir, out), bareCommand(project), opts.buildRuns, result.errors, SITE_CODE, () => {
      result.pages = countHtmlPages(out);
      writeBareProject(project, result.pages, ROOT);
    });
    if (result.pair) {
      const last = result.pair.aSamples[result.pair.aSamples.length - 1]!;
      if (last.stdout) result.routes = { ...routeTimes(last.stdout), wallMs: last.ms };
      result.site = measureSite(out);
      result.pages = result.site.htmlPages;
      result.barePages = countHtmlPages(path.join(project, 'dist'));
      if (result.barePages !== result.pages) result.errors.push(`page counts differ: site ${result.pages}, bare ${result.barePages}`);
    }
    if (opts.profile && groups === largest) {
      const profile = profileRun(`site build at ${groups} groups`, buildCommand(sweeps.capacityDir, `${out}-profiled`), tmp);
      if (profile) profiles.push(profile);
    }
    results.push(result);
    rmSync(dir, { recursive: true, force: true });
    for (const site of [out, `${out}-profiled`]) rmSync(site, { recursive: true, force: true });
  }
  return results;
}

const cpu = (p: Pair) => (p.cpuRatio ? `; CPU time ${p.cpuRatio.median.toFixed(2)}×` : '');

function verdicts(analyze: AnalyzeResult[], builds: BuildResult[], profiles: ProfileResult[]): Verdict[] {
  const out: Verdict[] = [];
  const topFunctions = (title: string) => {
    const profile = profiles.find((p) => p.title.startsWith(title));
    return profile ? ` Top self time under the profiler (${profile.title}): ${profile.summary.functions.slice(0, 4).map((h) => `${h.where} ${formatMs(h.ms)}`).join('; ')}.` : '';
  };

  const parsed = analyze.filter((r) => r.vsParse && !r.startup);
  const startup = analyze.find((r) => r.startup && r.vsSeed)?.vsSeed;
  const atParse = parsed.find((r) => r.rows === TARGET_ROWS) ?? parsed[parsed.length - 1];
  if (atParse) {
    const p = atParse.vsParse!;
    const pass = p.ratio.median <= TARGET_PARSE_RATIO;
    out.push({
      target: `analyze ≤ ${TARGET_PARSE_RATIO}× a bare papaparse parse at ${formatCount(TARGET_ROWS)} rows`,
      measured: `${p.ratio.median.toFixed(2)}× at ${formatCount(atParse.rows)} rows (${formatMs(p.aTime.median)} vs ${formatMs(p.bTime.median)}${cpu(p)})`,
      pass: atParse.rows === TARGET_ROWS ? pass : null,
      why: pass ? undefined : `analyze spends ${formatMs(p.aTime.median - p.bTime.median)} more than the bare parse of the same ${formatBytes(atParse.capacityBytes)}; the floor allows ${formatMs(p.bTime.median * (TARGET_PARSE_RATIO - 1))} more.${topFunctions('analyze')}`,
    });
  } else out.push({ target: `analyze ≤ ${TARGET_PARSE_RATIO}× a bare papaparse parse at ${formatCount(TARGET_ROWS)} rows`, measured: 'not run', pass: null });

  for (const r of analyze.filter((x) => x.vsSeed && !x.startup)) {
    const p = r.vsSeed!;
    const up = 1 / p.ratio.median;
    const pass = up >= TARGET_SEED_SPEEDUP;
    out.push({
      target: `analyze ≥ ${TARGET_SEED_SPEEDUP}× faster than the seed script, ${formatCount(r.rows)} rows`,
      measured: `${up.toFixed(2)}× (${formatMs(p.bTime.median)} vs ${formatMs(p.aTime.median)}${p.cpuRatio ? `; CPU time ${(1 / p.cpuRatio.median).toFixed(2)}×` : ''})`,
      pass,
      why: pass ? undefined : `the seed script needs ${formatMs(p.bTime.median)}; ${TARGET_SEED_SPEEDUP}× faster is ${formatMs(p.bTime.median / TARGET_SEED_SPEEDUP)}, analyze takes ${formatMs(p.aTime.median)}.` +
        (p.c ? ` A bare papaparse parse of the same files alone takes ${formatMs(p.c.time.median)}: reading these rows through papaparse alone is ${(1 / p.c.overB.median).toFixed(2)}× the seed script's speed.` : '') +
        (startup ? ` On one small file (${POINTS_PER_GROUP} rows) analyze already takes ${formatMs(startup.aTime.median)} and the seed script ${formatMs(startup.bTime.median)}: that much is start-up, paid at every size.` : ''),
    });
  }
  if (!analyze.some((x) => x.vsSeed && !x.startup)) out.push({ target: `analyze ≥ ${TARGET_SEED_SPEEDUP}× faster than the seed script`, measured: 'not run', pass: null });

  const smallest = builds.find((b) => b.pair);
  for (const groups of TARGET_BUILD_GROUPS) {
    const r = builds.find((b) => b.groups === groups && b.pair);
    const target = `site build ≤ ${TARGET_BUILD_RATIO}× a bare Astro build of as many pages, ${groups} groups`;
    if (!r) {
      out.push({ target, measured: 'not run', pass: null });
      continue;
    }
    const p = r.pair!;
    const pass = p.ratio.median <= TARGET_BUILD_RATIO;
    out.push({
      target,
      measured: `${p.ratio.median.toFixed(2)}× (${formatMs(p.aTime.median)} vs ${formatMs(p.bTime.median)}, ${r.pages} pages${cpu(p)})`,
      pass,
      why: pass ? undefined : `${(p.aTime.median / r.pages).toFixed(1)} ms per page against the bare build's ${(p.bTime.median / r.barePages).toFixed(1)} ms; peak memory ${formatBytes(p.aPeakRss)} against ${formatBytes(p.bPeakRss)}.` +
        (r.routes ? ` Slowest routes in Astro's log: ${r.routes.slowest.slice(0, 3).map((x) => `${x.route} ${formatMs(x.ms)}`).join(', ')}.` : '') +
        (smallest && smallest !== r ? ` The smallest site (${smallest.groups} groups, ${smallest.pages} pages) already takes ${formatMs(smallest.pair!.aTime.median)}: fixed cost against ${formatMs(TARGET_BUILD_RATIO * p.bTime.median)} allowed here.` : '') +
        topFunctions('site build'),
    });
  }

  const sites = builds.filter((b) => b.site);
  const groupPages = sites.flatMap((b) => b.site!.pageTypes.filter((t) => t.type === 'gpu × workload').map((t) => ({ b, t })));
  if (groupPages.length) {
    const worst = groupPages.reduce((x, y) => (y.t.gzipMax > x.t.gzipMax ? y : x));
    const pass = worst.t.gzipMax <= TARGET_GROUP_PAGE_GZIP;
    out.push({
      target: `a GPU × workload page ≤ ${formatBytes(TARGET_GROUP_PAGE_GZIP)} gzip with its charts`,
      measured: `largest ${formatBytes(worst.t.gzipMax)} gzip (${formatBytes(worst.t.rawMax)} raw, ${worst.t.svgs} inline SVGs, ${worst.b.groups} groups)`,
      pass,
      why: pass ? undefined : `\`${worst.t.largest}\` is ${formatBytes(worst.t.gzipMax)} gzip.`,
    });
  } else out.push({ target: `a GPU × workload page ≤ ${formatBytes(TARGET_GROUP_PAGE_GZIP)} gzip`, measured: 'not run', pass: null });

  const atRss = parsed.find((r) => r.rows === TARGET_ROWS) ?? parsed[parsed.length - 1];
  if (atRss) {
    const rss = Math.max(atRss.vsParse!.aPeakRss ?? 0, atRss.vsSeed?.aPeakRss ?? 0);
    const pass = rss < TARGET_ANALYZE_RSS;
    out.push({
      target: `peak memory of analyze at ${formatCount(TARGET_ROWS)} rows < 1 GB`,
      measured: `${formatBytes(rss)} at ${formatCount(atRss.rows)} rows (bare parse ${formatBytes(atRss.vsParse!.bPeakRss)})`,
      pass: atRss.rows === TARGET_ROWS && atRss.vsParse!.aPeakRss !== null ? pass : null,
      why: pass ? undefined : `analyze holds every file's text and every Measurement at once; the bare parse streams at ${formatBytes(atRss.vsParse!.bPeakRss)}.`,
    });
  }

  if (sites.length) {
    const js = sites.reduce((n, b) => n + b.site!.jsBytes, 0);
    const tags = sites.reduce((n, b) => n + b.site!.scriptTags, 0);
    out.push({ target: 'client JavaScript shipped: 0', measured: `${formatBytes(js)} in script files, ${tags} <script> tags`, pass: js === 0 && tags === 0 });
  }

  const linear = (label: string, points: { n: number; ms: number }[], unit: string, scale: number) => {
    if (points.length < 3) return;
    const m = marginal(points);
    const last = m[m.length - 1]!;
    const before = m[m.length - 2]!;
    const pass = last <= before * LINEAR_SLACK;
    out.push({
      target: `${label} grows linearly (last marginal cost ≤ ${LINEAR_SLACK}× the one before)`,
      measured: m.slice(1).map((v) => `${(v! * scale).toFixed(2)} ${unit}`).join(' → '),
      pass,
      why: pass ? undefined : `the marginal cost rose from ${(before * scale).toFixed(2)} to ${(last * scale).toFixed(2)} ${unit} between the last two sizes: more than linear.`,
    });
  };
  linear('analyze time per row', parsed.map((r) => ({ n: r.rows, ms: r.vsParse!.aTime.median })), 'µs/row', 1000);
  const built = builds.filter((b) => b.pair);
  linear('site build time per page', built.map((b) => ({ n: b.pages, ms: b.pair!.aTime.median })), 'ms/page', 1);
  return out;
}

async function main(argv: string[]): Promise<number> {
  const parsed = options(argv);
  if (typeof parsed === 'number') return parsed;
  const opts = parsed;
  const loadStart = os.loadavg()[0]!;
  const commitStart = gitHead();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'capacity-frontier-bench-'));
  // Built sites go below the repository (bench/tmp/, ignored by git), not into the temporary folder:
  // with --out outside the working directory Astro puts its prerender chunks in <repo>/.astro/.prerender/,
  // one folder shared by every such build, and concurrent builds then delete each other's chunks.
  // Inside the repository each build's chunks sit in its own staging folder (see bench/README.md).
  mkdirSync(path.join(ROOT, 'bench', 'tmp'), { recursive: true });
  const sites = mkdtempSync(path.join(ROOT, 'bench', 'tmp', 'sites-'));
  const cleanup = () => {
    if (opts.keep) return;
    rmSync(tmp, { recursive: true, force: true });
    rmSync(sites, { recursive: true, force: true });
  };
  process.once('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  log(`benchmark in ${tmp} (sites in ${path.relative(ROOT, sites)})${opts.keep ? ', kept' : ''}; ${opts.runs} runs per command after a warm-up`);

  const profiles: ProfileResult[] = [];
  const analyze = opts.steps.has('parse') || opts.steps.has('seed') ? runAnalyze(opts, tmp, profiles) : [];
  const builds = opts.steps.has('build') ? runBuilds(opts, tmp, sites, profiles) : [];
  const notes: string[] = [
    `Analyze sweeps: ${opts.analyzeGroups} GPU × workload groups of ${POINTS_PER_GROUP} points (8 concurrencies × 5 output lengths), rows spread evenly, so larger sizes hold more repeats per point. Site sweeps: ${opts.rowsPerGroup} rows per group.`,
    'The seed comparison runs analyze on the seed-shaped files too (the same bytes the Python script reads); the seed shape has no status column, so runs that did not finish are written as 0 tok/s at the 120 s client timeout.',
    'The bare parse is `Papa.parse(fs.createReadStream(file), {header: true, dynamicTyping: true, step(){}})` over every file in turn, in a Node child started like analyze (scripts/bench/parse-floor.ts).',
    'The bare Astro build is a throwaway project in the temporary folder (astro.config.mjs and src/pages/[slug].astro, node_modules linked to the repository\'s), built with `node node_modules/astro/bin/astro.mjs build --root DIR`, caches cleared before every run as the site build\'s are.',
  ];
  if (treeChanges.length) {
    notes.unshift(`**The code under measurement changed while these were measured** (saves in the shared working tree), so their runs may time different code: ${treeChanges.join('; ')}. Rerun them for figures of one state of the code.`);
  }
  const results: Results = {
    machine: machine(opts, loadStart, commitStart),
    runs: opts.runs,
    buildRuns: opts.buildRuns,
    seed: opts.seed,
    analyze,
    builds,
    profiles,
    verdicts: verdicts(analyze, builds, profiles),
    notes,
  };

  log(`\n${renderTables(results)}`);
  const previous = existsSync(opts.out) ? readFileSync(opts.out, 'utf8') : null;
  mkdirSync(path.dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, renderResults(results, keptAnalysis(previous)));
  log(`written to ${path.relative(process.cwd(), opts.out) || opts.out}`);
  const failed = [...analyze.flatMap((r) => r.errors), ...builds.flatMap((r) => r.errors)];
  return failed.length ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));

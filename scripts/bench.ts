/**
 * `npm run bench -- [--quick] [--steps build,bytes,dev,profile] [--groups 10,100] [--large] [--runs N] …`
 * Measures the site against its floors, side by side in one run: the site build against a bare
 * Astro build of as many pages (10 and 100 GPU × workload groups, 500 with --large), the first
 * page of `npm run dev`, page weight and client JavaScript, peak memory, and where a build's time
 * goes (Astro's log, and one build under `node --cpu-prof`). Prints the tables and writes them to
 * bench/RESULTS.md. Not part of `npm test`: speed is never asserted. See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { killDevServers } from './bench/dev.ts';
import { generateSweeps, POINTS_PER_GROUP, type Sweeps } from './bench/generate.ts';
import { keptAnalysis, renderResults, renderTables, verdicts, type Machine, type Results } from './bench/report.ts';
import { STEPS, type CacheKind, type Context, type Options } from './bench/steps.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const DEFAULT_STEPS = ['build', 'bytes', 'dev', 'profile'];
const LARGE_GROUPS = 500;

const USAGE = `Usage: npm run bench -- [options]

  --quick               smoke run: 10 groups, 2 runs, no profile; writes bench/tmp/RESULTS-quick.md
  --steps LIST          which steps, comma-separated (default ${DEFAULT_STEPS.join(',')}):
${STEPS.map((s) => `                          ${s.name.padEnd(8)} ${s.summary}${s.available ? '' : ' [not implemented yet]'}`).join('\n')}
  --groups LIST         sizes of the build comparison in GPU × workload groups (default 10,100)
  --large               add ${LARGE_GROUPS} groups to the sizes (a build of minutes)
  --runs N              timed runs per comparison, after one discarded warm-up (default 5; --quick 2)
  --dev-runs N          timed starts of the dev server per data folder (default: --runs)
  --dev-groups N        the generated folder the dev server is timed on besides data/ (default 100; --quick 10)
  --caches LIST         which builds to time against the bare build, comma-separated: rebuild (the
                        render cache filled by an earlier build), first (an empty render cache)
                        (default rebuild,first)
  --profile-groups N    size of the profiled build (default 100)
  --profile-cache KIND  rebuild or first: the cache of the profiled build (default rebuild)
  --no-profile          leave out the profile step (--profile puts it back into --quick)
  --rows-per-group N    rows per group (default ${POINTS_PER_GROUP * 3}: ${POINTS_PER_GROUP} points × 3 repeats)
  --seed N              generator seed (default 1)
  --out FILE            where the results go (default bench/RESULTS.md; with --quick bench/tmp/RESULTS-quick.md)
  --keep                keep the temporary folders (their paths are printed)
  -h, --help            this text
`;

function list(value: string, name: string): number[] {
  const numbers = value.split(',').map((v) => Number(v.trim().replace(/_/g, '')));
  if (numbers.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${name} expects whole numbers of 1 or more, comma-separated, but found ${JSON.stringify(value)}`);
  return [...new Set(numbers)].sort((a, b) => a - b);
}

function positive(value: string, name: string): number {
  const numbers = list(value, name);
  if (numbers.length !== 1) throw new Error(`${name} expects one whole number but found ${JSON.stringify(value)}`);
  return numbers[0]!;
}

function cacheKinds(value: string, name: string, one = false): CacheKind[] {
  const kinds = [...new Set(value.split(',').map((v) => v.trim()).filter(Boolean))];
  if (!kinds.length || kinds.some((k) => k !== 'rebuild' && k !== 'first') || (one && kinds.length !== 1)) {
    throw new Error(`${name} expects ${one ? 'one of' : 'some of'} rebuild, first but found ${JSON.stringify(value)}`);
  }
  // Rebuilds first: a first build empties the cache folder the rebuilds use.
  return (['rebuild', 'first'] as const).filter((k) => kinds.includes(k));
}

function options(argv: string[]): Options | number {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean', default: false },
        steps: { type: 'string' },
        groups: { type: 'string' },
        large: { type: 'boolean', default: false },
        runs: { type: 'string' },
        'dev-runs': { type: 'string' },
        'dev-groups': { type: 'string' },
        'profile-groups': { type: 'string', default: '100' },
        caches: { type: 'string', default: 'rebuild,first' },
        'profile-cache': { type: 'string', default: 'rebuild' },
        profile: { type: 'boolean' },
        'rows-per-group': { type: 'string', default: String(POINTS_PER_GROUP * 3) },
        seed: { type: 'string', default: '1' },
        out: { type: 'string' },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowNegative: true,
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const quick = values.quick;
    const asked = new Set((values.steps ?? DEFAULT_STEPS.join(',')).split(',').map((s) => s.trim()).filter(Boolean));
    if (values.profile === false) asked.delete('profile');
    else if (values.profile === true) asked.add('profile');
    else if (quick && values.steps === undefined) asked.delete('profile');
    for (const name of asked) {
      const step = STEPS.find((s) => s.name === name);
      if (!step) throw new Error(`--steps expects some of ${STEPS.map((s) => s.name).join(', ')} but found ${JSON.stringify(name)}`);
      if (!step.available) throw new Error(`--steps ${name}: not implemented yet (${step.summary})`);
    }
    const groups = list(values.groups ?? (quick ? '10' : '10,100'), '--groups');
    if (values.large && !groups.includes(LARGE_GROUPS)) groups.push(LARGE_GROUPS);
    const runs = positive(values.runs ?? (quick ? '2' : '5'), '--runs');
    return {
      // In STEPS order, whatever the order asked.
      steps: STEPS.filter((s) => asked.has(s.name)).map((s) => s.name),
      groups: groups.sort((a, b) => a - b),
      rowsPerGroup: positive(values['rows-per-group'], '--rows-per-group'),
      runs,
      devRuns: values['dev-runs'] ? positive(values['dev-runs'], '--dev-runs') : runs,
      devGroups: positive(values['dev-groups'] ?? (quick ? '10' : '100'), '--dev-groups'),
      profileGroups: positive(values['profile-groups'], '--profile-groups'),
      caches: cacheKinds(values.caches, '--caches'),
      profileCache: cacheKinds(values['profile-cache'], '--profile-cache', true)[0]!,
      seed: positive(values.seed, '--seed'),
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

function git(args: string[]): string | null {
  const result = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function machine(opts: Options, loadStart: number, commitStart: string): Machine {
  const commitEnd = git(['rev-parse', '--short', 'HEAD']) ?? 'unknown';
  const dirty = git(['status', '--porcelain', '--untracked-files=no']);
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadStart,
    loadEnd: os.loadavg()[0]!,
    commit: `${commitStart === commitEnd ? commitStart : `${commitStart} at the start, ${commitEnd} at the end`}${dirty ? ' + uncommitted changes in the working tree' : ''}`,
    command: opts.command,
  };
}

async function main(argv: string[]): Promise<number> {
  const parsed = options(argv);
  if (typeof parsed === 'number') return parsed;
  const opts = parsed;
  const loadStart = os.loadavg()[0]!;
  const commitStart = git(['rev-parse', '--short', 'HEAD']) ?? 'unknown';
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'capacity-frontier-bench-'));
  // Built sites go below the repository (bench/tmp/, ignored by git), not into the temporary folder:
  // with --out outside the working directory Astro puts its prerender chunks in <repo>/.astro/.prerender/,
  // one folder shared by every such build. Inside the repository each build's chunks sit in its own
  // staging folder (see bench/README.md).
  mkdirSync(path.join(ROOT, 'bench', 'tmp'), { recursive: true });
  const sites = mkdtempSync(path.join(ROOT, 'bench', 'tmp', 'sites-'));
  const cleanup = () => {
    killDevServers();
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
  log(`benchmark in ${tmp} (sites in ${path.relative(ROOT, sites)})${opts.keep ? ', kept' : ''}; steps ${opts.steps.join(', ')}; ${opts.runs} timed runs per comparison after a warm-up`);

  const results: Results = {
    machine: machine(opts, loadStart, commitStart),
    steps: opts.steps,
    runs: opts.runs,
    devRuns: opts.devRuns,
    seed: opts.seed,
    rowsPerGroup: opts.rowsPerGroup,
    builds: [],
    dev: [],
    sites: [],
    profile: null,
    records: null,
    errors: [],
    notes: [],
  };
  const generated = new Map<number, Sweeps>();
  const ctx: Context = {
    opts,
    root: ROOT,
    tmp,
    sites,
    log,
    results,
    built: new Map(),
    sweeps(groups) {
      let sweeps = generated.get(groups);
      if (!sweeps) {
        sweeps = generateSweeps({ rows: groups * opts.rowsPerGroup, groups, seed: opts.seed }, path.join(tmp, `data-${groups}`));
        generated.set(groups, sweeps);
      }
      return sweeps;
    },
  };
  for (const step of STEPS.filter((s) => opts.steps.includes(s.name))) {
    try {
      await step.run(ctx);
    } catch (error) {
      log(`step ${step.name} FAILED: ${(error as Error).stack ?? String(error)}`);
      results.errors.push(`step ${step.name} failed: ${(error as Error).message.split('\n')[0]}`);
    }
  }

  results.notes.push(
    'The bare Astro build is a throwaway project in the temporary folder (scripts/bench/bare-astro.ts: astro.config.mjs and src/pages/[slug].astro with one trivial page per HTML page of the site, node_modules linked to the repository\'s), built with `node node_modules/astro/bin/astro.mjs build --root DIR`, its output and Astro cache cleared before every run as the site build starts from a fresh Astro cache (Vite\'s dependency cache is kept, as the site\'s node_modules/.vite is).',
    'The site build is `node scripts/start.mjs build --data DIR --out OUT`, started with the Node that runs the benchmark; its output is removed before each run.',
  );
  results.machine = machine(opts, loadStart, commitStart);
  const judged = verdicts(results);
  log(`\n${renderTables(results, judged)}`);
  const previous = existsSync(opts.out) ? readFileSync(opts.out, 'utf8') : null;
  mkdirSync(path.dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, renderResults(results, keptAnalysis(previous)));
  log(`written to ${path.relative(process.cwd(), opts.out) || opts.out}`);
  const failed = results.errors.length + results.builds.reduce((n, b) => n + (b.pair ? 0 : 1), 0) + results.dev.reduce((n, d) => n + d.errors.length, 0);
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));

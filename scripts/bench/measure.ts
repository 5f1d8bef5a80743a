/**
 * Runs child processes and measures them: wall time from the parent's clock (`process.hrtime`),
 * CPU time and peak resident memory from GNU time (`/usr/bin/time -f '%M %U %S'`: the child's own
 * getrusage as the kernel reports it). Pairs of commands run interleaved (A B A B …) after a
 * discarded warm-up of each, so that load from other processes on the machine falls on both alike.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** GNU time, when the machine has it; without it CPU time and peak memory are not measured. */
export const GNU_TIME = '/usr/bin/time';

/** What `npm run <command>` runs after `node`, in the repository `root`: scripts/start.mjs and the command's name. */
export const npmScript = (root: string, command: 'analyze' | 'build' | 'dev'): string[] => [path.join(root, 'scripts', 'start.mjs'), command];

/** How long one measured command may run before it is killed (a hung build must not hang the bench). */
const DEFAULT_TIMEOUT_MS = 20 * 60_000;

/** One command to run: what, where, and with which environment. */
export interface Command {
  label: string;
  file: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Runs before each timed run (outside the clock), e.g. to clear a previous output. */
  before?: () => void;
  /** Keep the output of the run (e.g. Astro's log, which the build writes to stderr); else it is dropped. */
  keepOutput?: boolean;
  /** Reads each run's output and says what about it should be noted (e.g. it waited for a lock); empty when nothing. */
  notice?: (stdout: string, stderr: string) => string[];
  timeoutMs?: number;
}

/** One timed run. */
export interface Sample {
  ms: number;
  /** Peak resident set size in bytes, or null when GNU time is missing. */
  rssBytes: number | null;
  /** CPU time (user + system) in ms, or null when GNU time is missing: less sensitive to other load than wall time. */
  cpuMs: number | null;
  /** What `command.notice` found in the output. */
  notices?: string[];
  /** Standard output and error, when the command asked to keep them. */
  stdout?: string;
  stderr?: string;
}

/** Thrown when a measured command fails: the benchmark reports it instead of timing a failure. */
export class CommandError extends Error {
  constructor(command: Command, status: number | null, signal: string | null, output: string) {
    super(`${command.label} failed (${signal ?? `exit ${status}`}): ${command.file} ${command.args.join(' ')}\n${output.slice(-4000)}`);
    this.name = 'CommandError';
  }
}

const hasGnuTime = existsSync(GNU_TIME);

/** Runs a command once and measures its wall time, CPU time and peak memory. */
export function runOnce(command: Command): Sample {
  command.before?.();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'cf-bench-time-'));
  const timeFile = path.join(scratch, 'time.txt');
  const [file, args] = hasGnuTime
    ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, command.file, ...command.args]]
    : [command.file, command.args];
  try {
    const start = process.hrtime.bigint();
    const result = spawnSync(file, args, {
      cwd: command.cwd,
      env: command.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
      timeout: command.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error) throw result.error;
    const stdout = result.stdout.toString();
    const stderr = result.stderr.toString();
    if (result.status !== 0) throw new CommandError(command, result.status, result.signal, `${stdout}\n${stderr}`);
    let rssBytes: number | null = null;
    let cpuMs: number | null = null;
    if (hasGnuTime) {
      // GNU time reports kilobytes (KiB on Linux) and seconds; the last line is ours, anything before is a note.
      const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
      const [kb, user, system] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
      if (Number.isFinite(kb)) rssBytes = kb! * 1024;
      if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = (user! + system!) * 1000;
    }
    const sample: Sample = { ms, rssBytes, cpuMs };
    const notices = command.notice?.(stdout, stderr) ?? [];
    if (notices.length) sample.notices = notices;
    if (command.keepOutput) Object.assign(sample, { stdout, stderr });
    return sample;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Summary of repeated samples. */
export interface Stats {
  min: number;
  median: number;
  max: number;
  n: number;
}

/** Median of a non-empty list (mean of the middle two for even lengths). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** min, median and max of a non-empty list. */
export function stats(values: readonly number[]): Stats {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, median: median(values), max, n: values.length };
}

/** Something a command's `notice` found in one run's output. */
export interface Notice {
  label: string;
  /** `warm-up` or `run N`. */
  run: string;
  text: string;
}

/** The result of comparing two commands side by side. */
export interface Pair {
  a: Command;
  b: Command;
  aSamples: Sample[];
  bSamples: Sample[];
  aTime: Stats;
  bTime: Stats;
  /** Per-run A/B time ratios: each A with the B that ran right after it. */
  ratio: Stats;
  /** CPU time (user + system) of A and B, and their per-run ratios; null without GNU time. */
  aCpu: Stats | null;
  bCpu: Stats | null;
  cpuRatio: Stats | null;
  /** Peak RSS of the timed runs (bytes), or null without GNU time. */
  aRss: Stats | null;
  bRss: Stats | null;
  /** What the commands' `notice` found, per run (warm-ups included). */
  notices: Notice[];
}

function cpuStats(a: Sample[], b: Sample[]): Pick<Pair, 'aCpu' | 'bCpu' | 'cpuRatio'> {
  if (a.some((s) => s.cpuMs === null) || b.some((s) => s.cpuMs === null)) return { aCpu: null, bCpu: null, cpuRatio: null };
  return {
    aCpu: stats(a.map((s) => s.cpuMs!)),
    bCpu: stats(b.map((s) => s.cpuMs!)),
    cpuRatio: stats(a.map((s, i) => s.cpuMs! / b[i]!.cpuMs!)),
  };
}

function rssStats(samples: Sample[]): Stats | null {
  const values = samples.map((s) => s.rssBytes).filter((v): v is number => v !== null);
  return values.length ? stats(values) : null;
}

/** Where the runner reports progress, so the caller decides where it goes. */
export type Progress = (line: string) => void;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Runs A and B once each as a warm-up (discarded), then `runs` times interleaved A B A B …
 * `afterWarmup` runs between A's warm-up and B's (e.g. to size B from A's output). Of the kept
 * output, only the last timed run's stays: a build log is megabytes.
 */
export function comparePair(a: Command, b: Command, runs: number, progress: Progress, afterWarmup?: () => void): Pair {
  const notices: Notice[] = [];
  const note = (label: string, run: string, s: Sample) => {
    for (const text of s.notices ?? []) notices.push({ label, run, text });
  };
  const warmA = runOnce(a);
  note(a.label, 'warm-up', warmA);
  progress(`  warm-up ${a.label}: ${seconds(warmA.ms)}`);
  afterWarmup?.();
  const warmB = runOnce(b);
  note(b.label, 'warm-up', warmB);
  progress(`  warm-up ${b.label}: ${seconds(warmB.ms)}`);
  const aSamples: Sample[] = [];
  const bSamples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const sa = runOnce(a);
    const sb = runOnce(b);
    note(a.label, `run ${i + 1}`, sa);
    note(b.label, `run ${i + 1}`, sb);
    for (const s of [...aSamples, ...bSamples]) {
      delete s.stdout;
      delete s.stderr;
    }
    aSamples.push(sa);
    bSamples.push(sb);
    progress(`  run ${i + 1}/${runs}: ${a.label} ${seconds(sa.ms)}, ${b.label} ${seconds(sb.ms)} (${(sa.ms / sb.ms).toFixed(2)}×)`);
  }
  return {
    a,
    b,
    aSamples,
    bSamples,
    aTime: stats(aSamples.map((s) => s.ms)),
    bTime: stats(bSamples.map((s) => s.ms)),
    ratio: stats(aSamples.map((s, i) => s.ms / bSamples[i]!.ms)),
    ...cpuStats(aSamples, bSamples),
    aRss: rssStats(aSamples),
    bRss: rssStats(bSamples),
    notices,
  };
}

/**
 * Runs child processes and measures them: wall time from the parent's clock, peak resident
 * memory from GNU time (`/usr/bin/time -f %M`, the child's own getrusage as the kernel reports it).
 * Pairs of commands run interleaved (A B A B …) after a discarded warm-up of each, so that load
 * from other processes on the machine falls on both sides alike.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** GNU time, when the machine has it; without it peak memory is not measured. */
export const GNU_TIME = '/usr/bin/time';

/** One command to run: what, where, and with which environment. */
export interface Command {
  label: string;
  file: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Runs before each timed run (outside the clock), e.g. to clear a previous output. */
  before?: () => void;
  /** Keep the standard output of the run (e.g. Astro's per-route log), else it is dropped. */
  keepOutput?: boolean;
}

/** One timed run. */
export interface Sample {
  ms: number;
  /** Peak resident set size in bytes, or null when GNU time is missing. */
  rssBytes: number | null;
  /** CPU time (user + system) in ms, or null when GNU time is missing: less sensitive to other load than wall time. */
  cpuMs: number | null;
  /** Standard output, when the command asked to keep it. */
  stdout?: string;
}

/** Thrown when a measured command fails: the benchmark reports it instead of timing a failure. */
export class CommandError extends Error {
  constructor(command: Command, status: number | null, signal: string | null, output: string) {
    super(`${command.label} failed (${signal ?? `exit ${status}`}): ${command.file} ${command.args.join(' ')}\n${output.slice(-4000)}`);
    this.name = 'CommandError';
  }
}

const hasGnuTime = existsSync(GNU_TIME);

/** Runs a command once and measures its wall time and peak memory. */
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
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error) throw result.error;
    if (result.status !== 0) {
      throw new CommandError(command, result.status, result.signal, `${result.stdout.toString()}\n${result.stderr.toString()}`);
    }
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
    if (command.keepOutput) sample.stdout = result.stdout.toString();
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
  /** Highest peak RSS over all runs, warm-up included (bytes), or null. */
  aPeakRss: number | null;
  bPeakRss: number | null;
  /** An optional third command run in the same rotation (A B C A B C …), e.g. a floor for B. */
  c?: { command: Command; time: Stats; peakRss: number | null; /** Per-run C/B time ratios. */ overB: Stats };
}

function cpuStats(a: Sample[], b: Sample[]): Pick<Pair, 'aCpu' | 'bCpu' | 'cpuRatio'> {
  if (a.some((s) => s.cpuMs === null) || b.some((s) => s.cpuMs === null)) return { aCpu: null, bCpu: null, cpuRatio: null };
  return {
    aCpu: stats(a.map((s) => s.cpuMs!)),
    bCpu: stats(b.map((s) => s.cpuMs!)),
    cpuRatio: stats(a.map((s, i) => s.cpuMs! / b[i]!.cpuMs!)),
  };
}

function peak(samples: Sample[]): number | null {
  const values = samples.map((s) => s.rssBytes).filter((v): v is number => v !== null);
  return values.length ? Math.max(...values) : null;
}

/** Effects the runner reports progress through, so the caller decides where it goes. */
export interface Progress {
  (line: string): void;
}

/**
 * Runs A and B once each as a warm-up (discarded), then `runs` times interleaved A B A B …
 * `afterWarmup` runs between the warm-ups and the timed runs (e.g. to size B from A's output).
 */
export function comparePair(a: Command, b: Command, runs: number, progress: Progress, afterWarmup?: () => void, c?: Command): Pair {
  const warmA = runOnce(a);
  progress(`  warm-up ${a.label}: ${(warmA.ms / 1000).toFixed(2)} s`);
  afterWarmup?.();
  const warmB = runOnce(b);
  progress(`  warm-up ${b.label}: ${(warmB.ms / 1000).toFixed(2)} s`);
  const warmC = c ? runOnce(c) : null;
  if (c && warmC) progress(`  warm-up ${c.label}: ${(warmC.ms / 1000).toFixed(2)} s`);
  const aSamples: Sample[] = [];
  const bSamples: Sample[] = [];
  const cSamples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const sa = runOnce(a);
    const sb = runOnce(b);
    const sc = c ? runOnce(c) : null;
    // Only the last run's output is kept: a build log is megabytes.
    for (const s of [...aSamples, ...bSamples]) delete s.stdout;
    aSamples.push(sa);
    bSamples.push(sb);
    if (sc) cSamples.push(sc);
    progress(`  run ${i + 1}/${runs}: ${a.label} ${(sa.ms / 1000).toFixed(2)} s, ${b.label} ${(sb.ms / 1000).toFixed(2)} s${c && sc ? `, ${c.label} ${(sc.ms / 1000).toFixed(2)} s` : ''}`);
  }
  const third = c && warmC
    ? { c: { command: c, time: stats(cSamples.map((s) => s.ms)), peakRss: peak([warmC, ...cSamples]), overB: stats(cSamples.map((s, i) => s.ms / bSamples[i]!.ms)) } }
    : {};
  return {
    ...third,
    a,
    b,
    aSamples,
    bSamples,
    aTime: stats(aSamples.map((s) => s.ms)),
    bTime: stats(bSamples.map((s) => s.ms)),
    ratio: stats(aSamples.map((s, i) => s.ms / bSamples[i]!.ms)),
    ...cpuStats(aSamples, bSamples),
    aPeakRss: peak([warmA, ...aSamples]),
    bPeakRss: peak([warmB, ...bSamples]),
  };
}

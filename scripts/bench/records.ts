/**
 * The `records` step: analyze of 1,000,000 per-request records across files (vLLM result files
 * with their per-request arrays, from a seeded generator, records-data.ts) against a bare
 * `JSON.parse` of the same files (json-floor.mjs), interleaved in the same run. analyze reads one
 * file at a time on each of its two threads and keeps only each run's reduction, so its peak
 * memory should follow the largest file rather than the folder: both are reported beside it.
 */
import path from 'node:path';
import { comparePair, npmScript, runOnce, type Command, type Pair } from './measure.ts';
import { generateRecords } from './records-data.ts';
import type { Context } from './steps.ts';

// steps.ts's childEnv, written out: steps.ts imports this module, so this one cannot import it back.
const childEnv = (): NodeJS.ProcessEnv => ({ ...process.env, ASTRO_TELEMETRY_DISABLED: '1', TZ: 'UTC', LC_ALL: 'C.UTF-8', NODE_OPTIONS: '' });

/** Whether the step can run; `--steps records` is refused while false. */
export const IMPLEMENTED = true;

/** How many records, over how many files. */
export const RECORDS = 1_000_000;
export const RECORD_FILES = 40;

/** analyze may take at most this many times the bare JSON.parse of the same files. */
export const RECORDS_TARGET_RATIO = 1.5;

/** What the records step measures. */
export interface RecordsResult {
  records: number;
  files: number;
  inputBytes: number;
  /** The largest single file, which analyze's peak memory should follow. */
  largestBytes: number;
  /** analyze (A) against a bare JSON.parse of the same files (B). */
  pair: Pair | null;
  /** One more analyze with V8's old space capped near the largest file: whether it still finished, and under which cap. */
  capped: { heapMb: number; ok: boolean; rssBytes: number | null } | null;
  /** Judged against the target once one is set; null while there is none. */
  pass: boolean | null;
  errors: string[];
}

/** The step itself: fill `ctx.results.records`. */
export function runRecords(ctx: Context): void {
  const data = generateRecords({ records: RECORDS, files: RECORD_FILES, seed: ctx.opts.seed }, path.join(ctx.tmp, 'records'));
  ctx.log(`records: ${data.records.toLocaleString('en-US')} request records in ${data.files} files (${(data.bytes / 2 ** 20).toFixed(1)} MB, largest ${(data.largestBytes / 2 ** 20).toFixed(1)} MB)`);
  const result: RecordsResult = { records: data.records, files: data.files, inputBytes: data.bytes, largestBytes: data.largestBytes, pair: null, capped: null, pass: null, errors: [] };
  ctx.results.records = result;
  const analyze: Command = {
    label: 'analyze',
    file: process.execPath,
    args: [...npmScript(ctx.root, 'analyze'), '--data', data.dir, '--format', 'json'],
    cwd: ctx.root,
    env: childEnv(),
  };
  const floor: Command = {
    label: 'JSON.parse',
    file: process.execPath,
    args: [path.join(ctx.root, 'scripts', 'bench', 'json-floor.mjs'), data.dir],
    cwd: ctx.root,
    env: childEnv(),
  };
  try {
    result.pair = comparePair(analyze, floor, ctx.opts.runs, ctx.log);
    result.pass = result.pair.ratio.median <= RECORDS_TARGET_RATIO;
    // Peak RSS includes garbage V8 has not yet collected; a heap capped near the largest file
    // (far below the folder) that still finishes shows the memory analyze needs follows the file.
    const heapMb = Math.max(32, Math.ceil((data.largestBytes * 32) / 2 ** 20));
    try {
      const sample = runOnce({ ...analyze, label: `analyze, heap ≤ ${heapMb} MB`, args: [`--max-old-space-size=${heapMb}`, ...analyze.args] });
      result.capped = { heapMb, ok: true, rssBytes: sample.rssBytes };
    } catch {
      result.capped = { heapMb, ok: false, rssBytes: null };
    }
    ctx.log(`  analyze with V8's old space capped at ${heapMb} MB: ${result.capped.ok ? 'finished' : 'failed'}`);
  } catch (error) {
    result.errors.push((error as Error).message);
    ctx.results.errors.push(`records: ${(error as Error).message.split('\n')[0]}`);
  }
}

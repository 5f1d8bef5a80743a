/**
 * EXTENSION POINT: the `records` step, "per-request records: analyze of 1,000,000 request records
 * across files against a bare JSON.parse of the same files". Not implemented yet: it waits for the
 * reader of per-request records in src/core/readers/. Until then `--steps records` is refused with
 * a pointer here, and no other step depends on it.
 *
 * To add it (the step is already registered in scripts/bench/steps.ts under this name):
 * 1. Inputs: a seeded generator of request-record files beside `generateSweeps`
 *    (scripts/bench/generate.ts), e.g. `generateRecords({ records: 1_000_000, files, seed }, dir)`,
 *    written in the format the new reader reads.
 * 2. The floor: a script `scripts/bench/json-floor.ts DIR` that reads every file of DIR and
 *    `JSON.parse`s it (nothing else), started like analyze (`process.execPath`, same env).
 * 3. The comparison: `comparePair(analyze, floor, ctx.opts.runs, ctx.log)` from measure.ts, with
 *    A = `node scripts/analyze.ts --data DIR` and B = the floor; the pair's `aRss` is analyze's peak memory.
 * 4. Fill a `RecordsResult` (below) into `ctx.results.records`, set `IMPLEMENTED = true`, give the
 *    target its limit (`pass`), and add a table for it to report.ts (`renderTables`); `verdicts`
 *    already lists the step's target when the step ran.
 */
import type { Pair } from './measure.ts';
import type { Context } from './steps.ts';

/** Whether the step can run; `--steps records` is refused while false. */
export const IMPLEMENTED = false;

/** What the records step measures. */
export interface RecordsResult {
  records: number;
  files: number;
  inputBytes: number;
  /** analyze (A) against a bare JSON.parse of the same files (B). */
  pair: Pair | null;
  /** Judged against the target once one is set; null while there is none. */
  pass: boolean | null;
  errors: string[];
}

/** The step itself: fill `ctx.results.records`. */
export function runRecords(ctx: Context): void {
  ctx.log('records: not implemented yet (scripts/bench/records.ts)');
}

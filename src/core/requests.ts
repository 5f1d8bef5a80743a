/**
 * Per-request records, reduced at the reader's edge: a reader adds each request of a run to a
 * RequestLog, and `digest` turns the log into what the analysis needs (our own percentiles, the
 * distribution's quantiles, and for every attainment SLO of the folder config the requests that
 * met it). Only the digest outlives the file, so memory follows the largest file, not the folder.
 */
import type { AttainmentSlo, FileProvenance, LatencyMetric, Measurement, RequestBounds, RequestStats, ResolvedConfig } from './types.ts';

/** One request as a reader sees it, in milliseconds and tokens. */
export interface RequestRecord {
  /** Whether the request succeeded (errored and incomplete requests did not). */
  ok: boolean;
  ttft_ms: number | null;
  e2e_ms: number | null;
  output_tokens: number | null;
  /** The request's inter-token (or inter-chunk) gaps, when the tool records them: in ms times `gap_scale`. */
  gaps?: readonly number[] | null;
  /** What turns a gap into ms (1000 for seconds; default 1), so a reader need not copy the list. */
  gap_scale?: number;
}

/** The latency kinds of a record. */
export type RequestMetric = 'ttft' | 'tpot' | 'itl' | 'e2e';

const KINDS: readonly RequestMetric[] = ['ttft', 'tpot', 'itl', 'e2e'];

const SPARE = 12;

/**
 * Buffers one reading of a folder reuses from one request log to the next: the columns of logs
 * already digested, and the sort's scratch. A file's columns are several MB outside V8's heap, and
 * fresh ones for every file (and every sort) made the collector run far more often than the parse
 * alone does. One is made per load (and per reading thread) and handed to the readers; a log made
 * without one gets its own, which is correct and only reuses nothing.
 */
export class RequestBuffers {
  private readonly spare: Float64Array[] = [];
  // The bucket sort's scratch (ascending, ascendingOf below; nothing else reads it). It holds
  // one sort's result until the next sort with these buffers.
  sortOut = new Float64Array(0);
  sortStart = new Uint32Array(0);
  sortFill = new Uint32Array(0);
  compacted = new Float64Array(0);

  /** A buffer of at least `capacity` doubles: a spare one when there is one (holding old values), else a new one. */
  take(capacity: number): Float64Array {
    const spare = this.spare;
    for (let k = spare.length - 1; k >= 0; k -= 1) {
      if (spare[k]!.length >= capacity) return spare.splice(k, 1)[0]!;
    }
    return new Float64Array(capacity);
  }

  /** Keeps a buffer no column uses any more for the next `take` (up to a few). */
  give(buffer: Float64Array): void {
    if (this.spare.length < SPARE) this.spare.push(buffer);
  }
}

/** A growable column of doubles (NaN where a request has no value): no boxing, little garbage. */
export class Column {
  values: Float64Array;
  length = 0;
  /** Whether some value is NaN (a request without one). */
  holes = false;
  private readonly buffers: RequestBuffers | null;
  /** `buffers`: where the column takes its buffer from and gives it back to (none: a buffer of its own). */
  constructor(capacity = 1024, buffers: RequestBuffers | null = null) {
    this.buffers = buffers;
    const size = Math.max(16, capacity);
    // A spare buffer holds old values past `length`: only the first `length` are ever read.
    this.values = buffers ? buffers.take(size) : new Float64Array(size);
  }
  /** Gives the column's buffer back to its buffers, for the next column made; the column is empty afterwards. */
  release(): void {
    this.buffers?.give(this.values);
    this.values = new Float64Array(0);
    this.length = 0;
    this.holes = false;
  }
  /** Appends a value. */
  push(v: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    if (v !== v) this.holes = true;
    this.values[this.length++] = v;
  }
  /** The value at i. */
  at(i: number): number {
    return this.values[i]!;
  }
}

/** Successful requests' values, kept as columns (NaN where a request has no value). */
export class RequestLog {
  total = 0;
  succeeded = 0;
  /** Whether every successful request carried its gaps (an ITL bound needs them). */
  gapsKnown = true;
  readonly ttft: Column;
  readonly e2e: Column;
  readonly tpot: Column;
  readonly maxGap: Column;
  readonly outputTokens: Column;
  /** Every gap of every successful request, for the ITL percentiles. */
  readonly gaps: Column;

  /** The buffers the columns come from and digest sorts with (and gives the columns back to). */
  readonly buffers: RequestBuffers;

  /**
   * `capacity`: the requests expected, when the file says (columns grow past it); `buffers`: the
   * load's (ReaderContext.buffers), else the log's own.
   */
  constructor(capacity = 1024, buffers: RequestBuffers = new RequestBuffers()) {
    this.buffers = buffers;
    this.ttft = new Column(capacity, buffers);
    this.e2e = new Column(capacity, buffers);
    this.tpot = new Column(capacity, buffers);
    this.maxGap = new Column(capacity, buffers);
    this.outputTokens = new Column(capacity, buffers);
    this.gaps = new Column(capacity * 4, buffers);
  }

  /** Adds one request. */
  add(record: RequestRecord): void {
    if (!record.ok) {
      this.addFailed();
      return;
    }
    const gaps = record.gaps;
    const known = gaps !== null && gaps !== undefined;
    this.addSucceeded(record.ttft_ms ?? NaN, record.e2e_ms ?? NaN, record.output_tokens ?? NaN, known ? this.pushGaps(gaps, record.gap_scale ?? 1) : NaN, known);
  }

  /** Adds a request that failed. */
  addFailed(): void {
    this.total += 1;
  }

  /** Appends a request's gaps (ms once times `scale`) to the gaps column; their largest, NaN for none. */
  pushGaps(gaps: readonly number[], scale = 1): number {
    let max = gaps.length ? -Infinity : NaN;
    for (let i = 0; i < gaps.length; i += 1) {
      const g = gaps[i]! * scale;
      this.gaps.push(g);
      if (g > max) max = g;
    }
    return max;
  }

  /**
   * Adds a request that succeeded, its values in ms and tokens (NaN where it has none); its gaps,
   * when `gapsGiven`, were pushed first (pushGaps) and `maxGap` is their largest.
   */
  addSucceeded(ttft: number, e2e: number, out: number, maxGap: number, gapsGiven: boolean): void {
    this.total += 1;
    this.succeeded += 1;
    this.ttft.push(ttft);
    this.e2e.push(e2e);
    this.outputTokens.push(out);
    // TPOT = (e2e − TTFT) / (output tokens − 1): a one-token request has none.
    this.tpot.push(out > 1 ? (e2e - ttft) / (out - 1) : NaN);
    // One output token has no gap to know: it does not make the gaps unknown.
    if (!gapsGiven && !(out <= 1)) this.gapsKnown = false;
    this.maxGap.push(gapsGiven ? maxGap : NaN);
  }
}

/** Whether a number is a usable value (NaN marks a missing one). */
const present = (v: number) => !Number.isNaN(v);

/** numpy's default (linear) percentile of ascending values, q in 0..100. */
export function percentileOf(sorted: Float64Array | readonly number[], q: number): number {
  const n = sorted.length;
  const h = (n - 1) * (q / 100);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * Sorts doubles ascending. Non-negative doubles order as their bit patterns do, so one counting
 * pass over the high 32 bits spreads them into buckets already in order (on a log-like scale, as
 * latencies are spread), about one value a bucket; one insertion pass then puts each bucket in
 * order (no value moves past its bucket). Anything else (a negative value or NaN, a big-endian
 * machine, a short list) takes the built-in sort. `buffers` lends the scratch (none: fresh).
 */
export function sortAscending(a: Float64Array, buffers: RequestBuffers = new RequestBuffers()): Float64Array {
  const sorted = ascending(a, buffers);
  // The scratch holds the result only until the next sort with these buffers: copied back at once.
  if (sorted !== a) a.set(sorted);
  return a;
}

const room = (buffer: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> => (buffer.length >= n ? buffer : new Float64Array(Math.max(n, buffer.length * 2)));

/**
 * `a` ascending: `a` itself, sorted in place, or `buffers.sortOut` (valid until the next sort
 * with those buffers, and `a` left in some other order). Internal: each caller in this file
 * copies or consumes the result before sorting again.
 */
function ascending(a: Float64Array, buffers: RequestBuffers): Float64Array {
  const n = a.length;
  if (n < 512 || !LITTLE_ENDIAN) return a.sort();
  const words = new Uint32Array(a.buffer, a.byteOffset, n * 2);
  let low = 0xffffffff;
  let high = 0;
  for (let i = 0; i < n; i += 1) {
    const v = a[i]!;
    if (!(v >= 0)) return a.sort();
    // −0 has its sign bit set: make it +0 so the bits order as the numbers do.
    if (v === 0) a[i] = 0;
    const w = words[i * 2 + 1]!;
    if (w < low) low = w;
    if (w > high) high = w;
  }
  // About one value a bucket: the shift that brings the span of high words down to n buckets.
  const span = high - low;
  let shift = 0;
  while (span / 2 ** shift >= n) shift += 1;
  const buckets = Math.floor(span / 2 ** shift) + 1;
  if (buffers.sortStart.length < buckets + 1) buffers.sortStart = new Uint32Array(Math.max(buckets + 1, buffers.sortStart.length * 2));
  const start = buffers.sortStart.subarray(0, buckets + 1);
  start.fill(0);
  for (let i = 0; i < n; i += 1) start[((words[i * 2 + 1]! - low) >>> shift) + 1]! += 1;
  let largest = 0;
  for (let b = 1; b <= buckets; b += 1) {
    if (start[b]! > largest) largest = start[b]!;
    start[b]! += start[b - 1]!;
  }
  if (buffers.sortFill.length < buckets) buffers.sortFill = new Uint32Array(buffers.sortStart.length);
  const fill = buffers.sortFill.subarray(0, buckets);
  fill.set(start.subarray(0, buckets));
  buffers.sortOut = room(buffers.sortOut, n);
  const out = buffers.sortOut.subarray(0, n);
  for (let i = 0; i < n; i += 1) out[fill[(words[i * 2 + 1]! - low) >>> shift]!++] = a[i]!;
  if (largest <= 32) {
    // Small buckets: a value moves back at most to the start of its own bucket.
    for (let i = 1; i < n; i += 1) {
      const v = out[i]!;
      if (!(out[i - 1]! > v)) continue;
      let j = i - 1;
      do {
        out[j + 1] = out[j]!;
        j -= 1;
      } while (j >= 0 && out[j]! > v);
      out[j + 1] = v;
    }
    return out;
  }
  // A crowded bucket (values alike in their high bits) is sorted on its own.
  for (let b = 0; b < buckets; b += 1) {
    const from = start[b]!;
    const to = start[b + 1]!;
    if (to - from > 1) out.subarray(from, to).sort();
  }
  return out;
}

/**
 * A column's values without its NaNs, ascending; the column itself is sorted when it has none
 * (digest uses up its log). Like ascending, the result may be the buffers' scratch: digest
 * consumes it before the next column is sorted.
 */
function ascendingOf(column: Column, buffers: RequestBuffers): Float64Array {
  if (!column.holes) return ascending(column.values.subarray(0, column.length), buffers);
  buffers.compacted = room(buffers.compacted, column.length);
  const out = buffers.compacted;
  const values = column.values;
  let n = 0;
  for (let i = 0; i < column.length; i += 1) {
    const v = values[i]!;
    if (v === v) out[n++] = v;
  }
  return ascending(out.subarray(0, n), buffers);
}

/** Whether one successful request (index i of the log) meets every bound of an SLO; null when a bound cannot be judged. */
function meets(log: RequestLog, i: number, bounds: RequestBounds): boolean | null {
  if (bounds.ttft_ms !== undefined) {
    if (!present(log.ttft.at(i))) return null;
    if (log.ttft.at(i) > bounds.ttft_ms) return false;
  }
  if (bounds.e2e_ms !== undefined) {
    if (!present(log.e2e.at(i))) return null;
    if (log.e2e.at(i) > bounds.e2e_ms) return false;
  }
  const out = log.outputTokens.at(i);
  if (bounds.tpot_ms !== undefined) {
    if (!present(out)) return null;
    // A request with one output token has no TPOT: judged on the other bounds.
    if (out > 1) {
      if (!present(log.tpot.at(i))) return null;
      if (log.tpot.at(i) > bounds.tpot_ms) return false;
    }
  }
  if (bounds.itl_ms !== undefined && present(log.maxGap.at(i)) && log.maxGap.at(i) > bounds.itl_ms) return false;
  return true;
}

/** Requests meeting an SLO and their output tokens; null when the records cannot judge one of its bounds. */
export function judge(log: RequestLog, bounds: RequestBounds): { met: number; tokens: number | null } | null {
  if (bounds.itl_ms !== undefined && !log.gapsKnown) return null;
  let met = 0;
  let tokens: number | null = 0;
  for (let i = 0; i < log.succeeded; i += 1) {
    const ok = meets(log, i, bounds);
    if (ok === null) return null;
    if (!ok) continue;
    met += 1;
    const out = log.outputTokens.at(i);
    tokens = tokens === null || !present(out) ? null : tokens + out;
  }
  return { met, tokens };
}

/** What a run's records say, before the run's workload (and so its SLO) is known. */
export interface RequestDigest {
  total: number;
  succeeded: number;
  latency: Partial<Record<LatencyMetric, number>>;
  quantiles: RequestStats['quantiles'];
  /** Per workload key of the config's attainment SLOs (`default` for the default): requests met. */
  judged: Record<string, { met: number; tokens: number | null } | null>;
}

/** Every attainment SLO of a folder config, by workload key (`default` for the default SLO). */
export function attainmentSlos(slo: ResolvedConfig['slo']): Record<string, AttainmentSlo> {
  const out: Record<string, AttainmentSlo> = {};
  if (slo.default.kind === 'attainment') out.default = slo.default;
  for (const [key, value] of Object.entries(slo.workloads)) if (value.kind === 'attainment') out[key] = value;
  return out;
}

/**
 * Reduces a log: each SLO judged, then percentiles and quantiles of the successful requests. It
 * uses up the log (columns are sorted in place, saving a copy of each, and their buffers go back
 * to the log's buffers for the next log), so it comes last.
 */
export function digest(log: RequestLog, slos: Record<string, AttainmentSlo>): RequestDigest {
  const judged: RequestDigest['judged'] = {};
  for (const [key, slo] of Object.entries(slos)) judged[key] = judge(log, slo.bounds);
  const latency: Partial<Record<LatencyMetric, number>> = {};
  const quantiles: RequestStats['quantiles'] = {};
  const columns: Record<RequestMetric, Column> = { ttft: log.ttft, tpot: log.tpot, itl: log.gaps, e2e: log.e2e };
  for (const kind of KINDS) {
    // Possibly the buffers' scratch: read to the end here, before the next column is sorted.
    const sorted = ascendingOf(columns[kind], log.buffers);
    if (sorted.length === 0) continue;
    let sum = 0;
    for (let i = 0; i < sorted.length; i += 1) sum += sorted[i]!;
    latency[`mean_${kind}_ms`] = sum / sorted.length;
    for (const p of [50, 90, 95, 99] as const) latency[`p${p}_${kind}_ms`] = percentileOf(sorted, p);
    quantiles[kind] = Array.from({ length: 101 }, (_, q) => percentileOf(sorted, q));
  }
  for (const column of [log.ttft, log.e2e, log.tpot, log.maxGap, log.outputTokens, log.gaps]) column.release();
  return { total: log.total, succeeded: log.succeeded, latency, quantiles, judged };
}

/** How far ours may stray from a file's own percentile before the provenance page lists it. */
export const DISAGREEMENT = 0.01;

/**
 * Joins a digest to the run it belongs to: the run's request_stats under its workload's SLO, goodput
 * over the run's duration, and our percentiles filling the metrics the file does not give (the
 * file's own win; where they differ by more than 1% the difference is kept).
 */
export function attachRecords(m: Measurement, d: RequestDigest, slo?: ResolvedConfig['slo']): void {
  const key = slo?.workloads[m.workload] ? m.workload : 'default';
  const judged = d.judged[key] ?? null;
  const disagreements: RequestStats['disagreements'] = [];
  for (const [metric, ours] of Object.entries(d.latency) as [LatencyMetric, number][]) {
    const file = m.latency[metric];
    if (file === undefined) {
      m.latency[metric] = ours;
      continue;
    }
    const scale = Math.max(Math.abs(file), Math.abs(ours));
    if (scale > 0 && Math.abs(file - ours) / scale > DISAGREEMENT) disagreements.push({ metric, file, ours });
  }
  m.request_stats = {
    total: d.total,
    succeeded: d.succeeded,
    met: judged?.met ?? null,
    met_output_tokens: judged?.tokens ?? null,
    duration_s: m.duration_s,
    latency: d.latency,
    quantiles: d.quantiles,
    disagreements,
  };
}

/** Records of one file that belong to a run read from another file (a summary beside them). */
export interface RecordJoin {
  /** The file holding the records. */
  file: string;
  /** The file whose run they belong to. */
  target: string;
  digest: RequestDigest;
}

/**
 * Hands each file's records to the run of the file they name: the one run read from it, when
 * it has no records yet. Records without such a run are listed as rejected on their file's
 * provenance, with the reason; they never become a run of their own.
 */
export function joinRecords(joins: readonly RecordJoin[], measurements: readonly Measurement[], files: readonly FileProvenance[], slo: ResolvedConfig['slo']): void {
  for (const join of joins) {
    const runs = measurements.filter((m) => m.source.file === join.target);
    const reason = runs.length === 0
      ? `no run was read from ${join.target}`
      : runs.length > 1 ? `${join.target} holds ${runs.length} runs, so the records cannot be told apart`
        : runs[0]!.request_stats !== null ? `the run of ${join.target} already has its records` : null;
    if (reason === null) {
      attachRecords(runs[0]!, join.digest, slo);
      continue;
    }
    files.find((f) => f.file === join.file)?.rows_rejected.push({
      file: join.file, line: 1, column: 1,
      message: `per-request records (${join.digest.total}) not joined to a run: ${reason}`,
    });
  }
}

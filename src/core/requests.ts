/**
 * Per-request records, reduced at the reader's edge: a reader adds each request of a run to a
 * RequestLog, and `digest` turns the log into what the analysis needs (our own percentiles, the
 * distribution's quantiles, and for every attainment SLO of the folder config the requests that
 * met it). Only the digest outlives the file, so memory follows the largest file, not the folder.
 */
import { OrderScratch, summariseColumn } from './order-statistics.ts';
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

// The distribution's quantiles, 0 to 100 in steps of 1: the percentiles read are among them.
const QUANTILES: readonly number[] = Array.from({ length: 101 }, (_, q) => q);

const SPARE = 12;

/**
 * Buffers one reading of a folder reuses from one request log to the next: the columns of logs
 * already digested, and the percentiles' scratch. A file's columns are several MB outside V8's
 * heap, and fresh ones for every file made the collector run far more often than the parse alone
 * does. One is made per load (and per reading thread) and handed to the readers; a log made
 * without one gets its own, which is correct and only reuses nothing.
 */
export class RequestBuffers {
  private readonly spare: Float64Array[] = [];
  /** What digest reads percentiles with (order-statistics.ts). */
  readonly order = new OrderScratch();

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
  }
  /** Makes room for `more` values beyond `length` at once, so that they can be written straight into `values`. */
  reserve(more: number): void {
    const needed = this.length + more;
    if (needed <= this.values.length) return;
    const grown = new Float64Array(Math.max(needed, this.values.length * 2));
    grown.set(this.values.subarray(0, this.length));
    this.values = grown;
  }
  /** Appends a value. */
  push(v: number): void {
    if (this.length === this.values.length) this.reserve(1);
    this.values[this.length++] = v;
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

/**
 * Requests meeting an SLO and their output tokens; null when the records cannot judge one of its
 * bounds. A successful request meets it when every bound holds; each bound is checked in turn and
 * the first that fails decides, so a value missing only behind a failed bound does not matter.
 * One walk over the columns' arrays (a log holds tens of thousands of requests).
 */
export function judge(log: RequestLog, bounds: RequestBounds): { met: number; tokens: number | null } | null {
  if (bounds.itl_ms !== undefined && !log.gapsKnown) return null;
  const { ttft_ms: ttftBound, e2e_ms: e2eBound, tpot_ms: tpotBound, itl_ms: itlBound } = bounds;
  const ttft = log.ttft.values;
  const e2e = log.e2e.values;
  const tpot = log.tpot.values;
  const outputs = log.outputTokens.values;
  const maxGap = log.maxGap.values;
  let met = 0;
  let tokens: number | null = 0;
  for (let i = 0; i < log.succeeded; i += 1) {
    // NaN marks a value the request does not have.
    if (ttftBound !== undefined) {
      const v = ttft[i]!;
      if (v !== v) return null;
      if (v > ttftBound) continue;
    }
    if (e2eBound !== undefined) {
      const v = e2e[i]!;
      if (v !== v) return null;
      if (v > e2eBound) continue;
    }
    const out = outputs[i]!;
    if (tpotBound !== undefined) {
      if (out !== out) return null;
      // A request with one output token has no TPOT: judged on the other bounds.
      if (out > 1) {
        const v = tpot[i]!;
        if (v !== v) return null;
        if (v > tpotBound) continue;
      }
    }
    if (itlBound !== undefined) {
      const v = maxGap[i]!;
      if (v === v && v > itlBound) continue;
    }
    met += 1;
    tokens = tokens === null || out !== out ? null : tokens + out;
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
 * uses up the log (its columns' buffers go back to the log's buffers for the next log), so it
 * comes last.
 */
export function digest(log: RequestLog, slos: Record<string, AttainmentSlo>): RequestDigest {
  const judged: RequestDigest['judged'] = {};
  for (const [key, slo] of Object.entries(slos)) judged[key] = judge(log, slo.bounds);
  const latency: Partial<Record<LatencyMetric, number>> = {};
  const quantiles: RequestStats['quantiles'] = {};
  const columns: Record<RequestMetric, Column> = { ttft: log.ttft, tpot: log.tpot, itl: log.gaps, e2e: log.e2e };
  for (const kind of KINDS) {
    const column = columns[kind];
    const summary = summariseColumn(column.values.subarray(0, column.length), QUANTILES, log.buffers.order);
    if (summary === null) continue;
    latency[`mean_${kind}_ms`] = summary.mean;
    // The summary's percentile q is at index q.
    for (const p of [50, 90, 95, 99] as const) latency[`p${p}_${kind}_ms`] = summary.percentiles[p]!;
    quantiles[kind] = summary.percentiles;
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

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
  /** The request's inter-token (or inter-chunk) gaps in ms, when the tool records them. */
  gaps?: readonly number[] | null;
}

/** The latency kinds of a record. */
export type RequestMetric = 'ttft' | 'tpot' | 'itl' | 'e2e';

const KINDS: readonly RequestMetric[] = ['ttft', 'tpot', 'itl', 'e2e'];

/** Successful requests' values, kept as columns (NaN where a request has no value). */
export class RequestLog {
  total = 0;
  succeeded = 0;
  /** Whether every successful request carried its gaps (an ITL bound needs them). */
  gapsKnown = true;
  readonly ttft: number[] = [];
  readonly e2e: number[] = [];
  readonly tpot: number[] = [];
  readonly maxGap: number[] = [];
  readonly outputTokens: number[] = [];
  /** Every gap of every successful request, for the ITL percentiles. */
  readonly gaps: number[] = [];

  /** Adds one request. */
  add(record: RequestRecord): void {
    this.total += 1;
    if (!record.ok) return;
    this.succeeded += 1;
    const ttft = record.ttft_ms ?? NaN;
    const e2e = record.e2e_ms ?? NaN;
    const out = record.output_tokens ?? NaN;
    this.ttft.push(ttft);
    this.e2e.push(e2e);
    this.outputTokens.push(out);
    // TPOT = (e2e − TTFT) / (output tokens − 1): a one-token request has none.
    this.tpot.push(out > 1 ? (e2e - ttft) / (out - 1) : NaN);
    const gaps = record.gaps;
    if (gaps === null || gaps === undefined) {
      // One output token has no gap to know: it does not make the gaps unknown.
      if (!(out <= 1)) this.gapsKnown = false;
      this.maxGap.push(NaN);
      return;
    }
    let max = gaps.length ? -Infinity : NaN;
    for (const g of gaps) {
      this.gaps.push(g);
      if (g > max) max = g;
    }
    this.maxGap.push(max);
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

function ascendingOf(values: readonly number[]): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (const v of values) if (present(v)) out[n++] = v;
  return out.subarray(0, n).sort();
}

/** Whether one successful request (index i of the log) meets every bound of an SLO; null when a bound cannot be judged. */
function meets(log: RequestLog, i: number, bounds: RequestBounds): boolean | null {
  if (bounds.ttft_ms !== undefined) {
    if (!present(log.ttft[i]!)) return null;
    if (log.ttft[i]! > bounds.ttft_ms) return false;
  }
  if (bounds.e2e_ms !== undefined) {
    if (!present(log.e2e[i]!)) return null;
    if (log.e2e[i]! > bounds.e2e_ms) return false;
  }
  const out = log.outputTokens[i]!;
  if (bounds.tpot_ms !== undefined) {
    if (!present(out)) return null;
    // A request with one output token has no TPOT: judged on the other bounds.
    if (out > 1) {
      if (!present(log.tpot[i]!)) return null;
      if (log.tpot[i]! > bounds.tpot_ms) return false;
    }
  }
  if (bounds.itl_ms !== undefined && present(log.maxGap[i]!) && log.maxGap[i]! > bounds.itl_ms) return false;
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
    const out = log.outputTokens[i]!;
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

/** Reduces a log: percentiles and quantiles of the successful requests, and each SLO judged. */
export function digest(log: RequestLog, slos: Record<string, AttainmentSlo>): RequestDigest {
  const latency: Partial<Record<LatencyMetric, number>> = {};
  const quantiles: RequestStats['quantiles'] = {};
  const columns: Record<RequestMetric, readonly number[]> = { ttft: log.ttft, tpot: log.tpot, itl: log.gaps, e2e: log.e2e };
  for (const kind of KINDS) {
    const sorted = ascendingOf(columns[kind]);
    if (sorted.length === 0) continue;
    let sum = 0;
    for (const v of sorted) sum += v;
    latency[`mean_${kind}_ms`] = sum / sorted.length;
    for (const p of [50, 90, 95, 99] as const) latency[`p${p}_${kind}_ms`] = percentileOf(sorted, p);
    quantiles[kind] = Array.from({ length: 101 }, (_, q) => percentileOf(sorted, q));
  }
  const judged: RequestDigest['judged'] = {};
  for (const [key, slo] of Object.entries(slos)) judged[key] = judge(log, slo.bounds);
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

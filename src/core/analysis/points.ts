/**
 * Points of one GPU × workload: the runs of one setup × load × max_new_tokens, merged as repeats.
 * Figures are medians over repeats, with n and the min–max spread kept; the status is the worst.
 */
import { slugify } from '../slug.ts';
import { LATENCY_METRICS, type GroupSlo, type LatencyMetric, type Load, type Measurement, type Point, type RequestStats, type Status } from '../types.ts';
import { boundMetrics, judgedOnRequests } from './slo.ts';
import { median, medianOrNull, range } from './stats.ts';

/** (1 − latency / threshold) × 100, rounded to one decimal. */
export function headroomPct(latency: number, threshold: number): number {
  return Math.round((1 - latency / threshold) * 1000) / 10;
}

// Worse statuses win when repeats disagree: one OOM among three repeats makes the point unstable.
const SEVERITY: Readonly<Record<Status, number>> = { ok: 0, timeout: 1, error: 2, oom: 3 };

/** A run is stable when its status is ok and no request failed. */
export function isStable(m: { status: Status; failed: number | null }): boolean {
  return m.status === 'ok' && !(m.failed !== null && m.failed > 0);
}

/**
 * Whether a run that finished reached its load: a concurrency run must complete at least that many
 * requests. A run that did not finish is judged by its status instead.
 */
export function reachedLoad(m: { load: Load; requests: number | null; status: Status }): boolean {
  return !(m.status === 'ok' && m.load.axis === 'concurrency' && m.requests !== null && m.requests < m.load.value);
}

/** The id of a load and output length, e.g. `c16-t128`, `r0_5-t64`, `inf-tna`. */
export function baseId(load: Load, maxNewTokens: number | null): string {
  const x = load.axis === 'concurrency' ? `c${load.value}` : load.axis === 'request_rate' ? `r${String(load.value).replace('.', '_')}` : 'inf';
  return `${x}-t${maxNewTokens ?? 'na'}`;
}

/** Orders loads: concurrency, then request rate, each ascending, then unbounded. */
export function compareLoads(a: Load, b: Load): number {
  const rank = (l: Load) => (l.axis === 'concurrency' ? 0 : l.axis === 'request_rate' ? 1 : 2);
  return rank(a) - rank(b) || (a.value ?? 0) - (b.value ?? 0);
}

/** Unique, slug-safe short names of setups for point ids (`tp8-8192-in`), from their labels. */
export function setupSlugs(setups: readonly { id: string; label: string }[]): Map<string, string> {
  const slugs = new Map<string, string>();
  const used = new Set<string>();
  for (const s of setups) {
    let slug = slugify(s.label, 'setup').slice(0, 40).replace(/-+$/, '');
    if (used.has(slug)) slug = `${slug}-${s.id}`;
    used.add(slug);
    slugs.set(s.id, slug);
  }
  return slugs;
}

function quantilesOf(stats: readonly RequestStats[]): Point['quantiles'] {
  if (stats.length === 0) return null;
  const out: NonNullable<Point['quantiles']> = {};
  for (const metric of ['ttft', 'tpot', 'itl', 'e2e'] as const) {
    const lists = stats.map((s) => s.quantiles[metric]).filter((q): q is number[] => Array.isArray(q));
    if (lists.length === 0) continue;
    // Quantile by quantile, the median over repeats: the same rule as every other figure.
    out[metric] = lists[0]!.map((_, i) => median(lists.map((q) => q[i]!)));
  }
  return out;
}

/**
 * Merges one setup's runs at one load and output length into a point; `slo` decides the SLO
 * latency and headroom, `id` is the point's anchor id.
 */
export function toPoint(id: string, setup: string, runs: readonly Measurement[], slo: GroupSlo): Point {
  const first = runs[0]!;
  const latency: Partial<Record<LatencyMetric, number>> = {};
  for (const metric of LATENCY_METRICS) {
    const value = medianOrNull(runs.map((r) => r.latency[metric]));
    if (value !== null) latency[metric] = value;
  }
  const throughputs = runs.map((r) => r.throughput_tok_s).filter((v): v is number => v !== null);
  const sloValues = slo.measured ? runs.map((r) => r.latency[slo.metric]).filter((v): v is number => v !== undefined) : [];
  const sloLatency = slo.measured ? latency[slo.metric] ?? null : null;
  const sum = (values: (number | null)[]) => (values.some((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null);
  let status: Status = 'ok';
  for (const r of runs) if (SEVERITY[r.status] > SEVERITY[status]) status = r.status;
  const stats = runs.map((r) => r.request_stats).filter((s): s is RequestStats => s !== null);
  const judged = stats.filter((s) => s.met !== null);
  const total = judged.reduce((a, s) => a + s.total, 0);
  const goodput = (value: (s: RequestStats) => number | null) =>
    medianOrNull(judged.map((s) => (s.duration_s && value(s) !== null ? value(s)! / s.duration_s : null)));
  const throughput = throughputs.length ? median(throughputs) : null;
  const attainment = total > 0 ? judged.reduce((a, s) => a + s.met!, 0) / total : null;
  return {
    id,
    setup,
    load: first.load,
    max_new_tokens: first.max_new_tokens,
    throughput_tok_s: throughput,
    request_throughput: medianOrNull(runs.map((r) => r.request_throughput)),
    mean_output_tokens: medianOrNull(runs.map((r) => r.mean_output_tokens)),
    mean_input_tokens: medianOrNull(runs.map((r) => r.mean_input_tokens)),
    latency,
    slo_latency_ms: sloLatency,
    headroom_pct: headroomOf(slo, latency, sloLatency, attainment),
    requests: sum(runs.map((r) => r.requests)),
    failed: sum(runs.map((r) => r.failed)),
    status,
    stable: runs.every(isStable),
    reached_load: runs.every(reachedLoad),
    meets_slo: false,
    slo_attainment: attainment,
    goodput_req_s: goodput((s) => s.met),
    goodput_tok_s: goodput((s) => s.met_output_tokens),
    requests_judged: total,
    quantiles: quantilesOf(stats),
    n: runs.length,
    spread: { throughput_tok_s: range(throughputs), slo_latency_ms: range(sloValues) },
    sources: runs.map((r) => r.source),
    on_frontier: false,
    jitter_ridge: false,
  };
}

/**
 * Headroom under the group's SLO: (1 − latency / threshold) × 100 for a percentile SLO; for a
 * joint SLO judged on requests, the attainment margin in points ((attainment − target) × 100);
 * judged on percentiles, the smallest headroom of its bounds.
 */
export function headroomOf(slo: GroupSlo, latency: Partial<Record<LatencyMetric, number>>, sloLatency: number | null, attainment: number | null): number | null {
  if (!slo.measured) return null;
  if (judgedOnRequests(slo)) return attainment === null ? null : Math.round((attainment - slo.target!) * 1000) / 10;
  if (slo.kind === 'attainment') {
    const each = boundMetrics(slo.bounds!, slo.target!).map((b) => (latency[b.metric] === undefined ? null : headroomPct(latency[b.metric]!, b.limit)));
    return each.some((h) => h === null) ? null : Math.min(...(each as number[]));
  }
  return sloLatency === null ? null : headroomPct(sloLatency, slo.threshold_ms);
}

/** Whether a point may be an operating point at all: a bounded load that it reached, with throughput. */
export function isOperatingPoint(point: Pick<Point, 'load' | 'reached_load' | 'throughput_tok_s'>): boolean {
  return point.load.axis !== 'unbounded' && point.reached_load && point.throughput_tok_s !== null && point.throughput_tok_s > 0;
}

/**
 * Whether a point meets its group's SLO. A percentile SLO: stable, the metric within the
 * threshold. An attainment SLO: the run finished (status ok) and the share of requests meeting
 * every bound reaches the target (failed requests already count against it).
 */
export function meetsSlo(point: Point, slo: GroupSlo): boolean {
  if (!slo.measured || !isOperatingPoint(point)) return false;
  if (slo.kind === 'attainment') {
    if (slo.judged === 'requests') return point.status === 'ok' && point.slo_attainment !== null && point.slo_attainment >= slo.target!;
    // Judged on the files' percentiles: every bound against the percentile equal to the target.
    return point.stable && boundMetrics(slo.bounds!, slo.target!).every((b) => point.latency[b.metric] !== undefined && point.latency[b.metric]! <= b.limit);
  }
  return point.stable && point.slo_latency_ms !== null && point.slo_latency_ms <= slo.threshold_ms;
}

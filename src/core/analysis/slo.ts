/**
 * The SLO of one group, resolved against its runs: which configured metric the data carries, and
 * whether the group can be judged at all. A group whose runs carry none of the metrics is not
 * "failed": it cannot be judged, and says which latencies it does have.
 */
import { LATENCY_METRICS, type GroupSlo, type LatencyMetric, type Measurement, type RequestBounds, type SloConfig } from '../types.ts';

/** Whether a group's SLO is a joint one judged on its per-request records (attainment, goodput), not on percentiles. */
export function judgedOnRequests(slo: Pick<GroupSlo, 'kind' | 'judged'>): boolean {
  return slo.kind === 'attainment' && slo.judged === 'requests';
}

/**
 * The metrics an unjudged SLO lacks: a joint SLO's bounds' percentiles the data does not have (one
 * is enough to leave it unjudged); a percentile SLO's every metric, any of which would have judged it.
 */
export function unjudgedMetrics(slo: Pick<GroupSlo, 'kind' | 'metrics' | 'available'>): LatencyMetric[] {
  const lacking = slo.kind === 'attainment' ? slo.metrics.filter((m) => !slo.available.includes(m)) : [];
  return lacking.length ? lacking : slo.metrics;
}

/** For a joint SLO without per-request records: the percentile standing for each bound (p99 for 0.99). */
export function percentileFor(target: number): 'p50' | 'p90' | 'p95' | 'p99' {
  if (target > 0.95) return 'p99';
  if (target > 0.9) return 'p95';
  if (target > 0.5) return 'p90';
  return 'p50';
}

const BOUND_METRIC: Readonly<Record<keyof RequestBounds, string>> = { ttft_ms: 'ttft', tpot_ms: 'tpot', itl_ms: 'itl', e2e_ms: 'e2e' };

/** The metric each bound of a joint SLO is judged on when only percentiles are known. */
export function boundMetrics(bounds: RequestBounds, target: number): { bound: keyof RequestBounds; metric: LatencyMetric; limit: number }[] {
  const p = percentileFor(target);
  return (Object.entries(bounds) as [keyof RequestBounds, number][]).map(([bound, limit]) => ({
    bound, metric: `${p}_${BOUND_METRIC[bound]}_ms` as LatencyMetric, limit,
  }));
}

/** Resolves a workload's configured SLO against the runs of one group. */
export function resolveSlo(config: SloConfig, runs: readonly Measurement[]): GroupSlo {
  const available = LATENCY_METRICS.filter((metric) => runs.some((r) => r.latency[metric] !== undefined));
  // When no run finished, a missing metric says nothing about the data: the runs failed first.
  const finished = runs.some((r) => r.status === 'ok');
  if (config.kind === 'percentile') {
    const metric = config.metrics.find((m) => available.includes(m));
    const measured = metric !== undefined || !finished;
    return {
      kind: 'percentile',
      metric: metric ?? config.metrics[0]!,
      metrics: [...config.metrics],
      threshold_ms: config.threshold_ms,
      bounds: null,
      target: null,
      judged: measured ? 'measured' : 'unmeasured',
      measured,
      available,
    };
  }
  const records = runs.some((r) => r.request_stats !== null && r.request_stats.met !== null);
  const bounds = boundMetrics(config.bounds, config.target);
  // Without records, a joint SLO can only be judged on one percentile per bound, all present.
  const onPercentiles = bounds.every((b) => available.includes(b.metric));
  const tightest = bounds[0]!;
  return {
    kind: 'attainment',
    metric: tightest.metric,
    metrics: bounds.map((b) => b.metric),
    threshold_ms: tightest.limit,
    bounds: { ...config.bounds },
    target: config.target,
    judged: records ? 'requests' : onPercentiles || !finished ? 'percentiles' : 'unmeasured',
    measured: records || onPercentiles || !finished,
    available,
  };
}

/** Latencies a chart can plot when the SLO metric is missing, most telling first. */
export const FALLBACK_METRICS: readonly LatencyMetric[] = [
  'p95_e2e_ms', 'p99_e2e_ms', 'p90_e2e_ms', 'p50_e2e_ms', 'mean_e2e_ms',
  'p95_ttft_ms', 'p99_ttft_ms', 'p90_ttft_ms', 'p50_ttft_ms', 'mean_ttft_ms',
  'p95_tpot_ms', 'p99_tpot_ms', 'p50_tpot_ms', 'mean_tpot_ms',
  'p95_itl_ms', 'p99_itl_ms', 'p50_itl_ms', 'mean_itl_ms',
];

/** The latency a group's latency and frontier charts plot: the SLO metric, else the first one measured. */
export function chartedMetric(slo: GroupSlo): LatencyMetric | null {
  if (slo.measured && slo.kind === 'percentile') return slo.metric;
  if (slo.kind === 'attainment' && slo.available.includes(slo.metric)) return slo.metric;
  return FALLBACK_METRICS.find((m) => slo.available.includes(m)) ?? null;
}

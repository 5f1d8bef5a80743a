import type { LatencyMetric, Point } from './types.ts';

const STAT: Readonly<Record<string, string>> = { mean: 'mean', p50: 'p50', p90: 'p90', p95: 'p95', p99: 'p99' };
const METRIC: Readonly<Record<string, string>> = { e2e: 'e2e', ttft: 'TTFT', tpot: 'TPOT', itl: 'ITL' };
const METRIC_LONG: Readonly<Record<string, string>> = {
  e2e: 'end-to-end latency', ttft: 'time to first token', tpot: 'time per output token', itl: 'inter-token latency',
};

/** Short name of a latency metric for table headers and axes, e.g. `p95 e2e`, `p95 TTFT`. */
export function metricLabel(metric: LatencyMetric): string {
  const [stat = '', name = ''] = metric.split('_');
  return `${STAT[stat] ?? stat} ${METRIC[name] ?? name}`;
}

/** Long name of a latency metric for prose, e.g. `p95 end-to-end latency`. */
export function metricDescription(metric: LatencyMetric): string {
  const [stat = '', name = ''] = metric.split('_');
  return `${STAT[stat] ?? stat} ${METRIC_LONG[name] ?? name}`;
}

/** The x position of a point as prose: `concurrency 16` or `4 req/s`. */
export function loadLabel(point: Pick<Point, 'concurrency' | 'request_rate'>): string {
  return point.concurrency !== null ? `concurrency ${point.concurrency}` : `${point.request_rate} req/s`;
}

/** Capitalises the first letter of a workload name for headings (`chat` → `Chat`). */
export function titleCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

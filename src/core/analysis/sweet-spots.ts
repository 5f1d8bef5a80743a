import type { Point } from '../types.ts';

/** How many sweet spots the table shows. */
export const SWEET_SPOT_COUNT = 3;

const nullsLast = (a: number | null, b: number | null) => (a ?? Infinity) - (b ?? Infinity);

/**
 * The sweet spots of one GPU × workload, best first: points that meet the SLO, sorted by
 * throughput (desc), then SLO latency, concurrency, max_new_tokens (asc); one per
 * (concurrency, max_new_tokens); at most `limit`.
 */
export function sweetSpots(points: readonly Point[], limit = SWEET_SPOT_COUNT): Point[] {
  const candidates = points
    .filter((p) => p.meets_slo)
    .sort((a, b) => (b.throughput_tok_s ?? 0) - (a.throughput_tok_s ?? 0)
      || nullsLast(a.slo_latency_ms, b.slo_latency_ms)
      || nullsLast(a.concurrency, b.concurrency)
      || nullsLast(a.request_rate, b.request_rate)
      || nullsLast(a.max_new_tokens, b.max_new_tokens));
  const seen = new Set<string>();
  const result: Point[] = [];
  for (const point of candidates) {
    const key = `${point.concurrency ?? `r${point.request_rate}`}|${point.max_new_tokens ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(point);
    if (result.length === limit) break;
  }
  return result;
}

/**
 * When no point meets the SLO, the one closest to it: the stable point with the lowest SLO
 * latency; failing that any point with a latency; failing that the first point.
 */
export function closestPoint(points: readonly Point[]): Point | null {
  const byLatency = (list: Point[]) => list
    .filter((p) => p.slo_latency_ms !== null)
    .sort((a, b) => a.slo_latency_ms! - b.slo_latency_ms! || (b.throughput_tok_s ?? 0) - (a.throughput_tok_s ?? 0))[0];
  return byLatency(points.filter((p) => p.stable)) ?? byLatency([...points]) ?? points[0] ?? null;
}

/** The highest concurrency at which every point of the group is stable, or null. */
export function maxStableConcurrency(points: readonly Point[]): number | null {
  const stableAt = new Map<number, boolean>();
  for (const point of points) {
    if (point.concurrency === null) continue;
    stableAt.set(point.concurrency, (stableAt.get(point.concurrency) ?? true) && point.stable);
  }
  let best: number | null = null;
  for (const [concurrency, stable] of stableAt) {
    if (stable && (best === null || concurrency > best)) best = concurrency;
  }
  return best;
}

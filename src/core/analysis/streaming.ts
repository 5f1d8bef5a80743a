import type { Point, Series } from '../types.ts';
import { seriesPoints } from './series.ts';

/** p95 TTFT within this share of p95 e2e means the client saw nothing until the end. */
export const NO_STREAMING_TOLERANCE = 0.05;

/** Whether a point has both p95 TTFT and p95 e2e. */
export function hasBoth(point: Point): boolean {
  return point.latency.p95_ttft_ms !== undefined && point.latency.p95_e2e_ms !== undefined;
}

/** True when p95 TTFT and p95 e2e of a point are both measured and within 5% of each other. */
export function looksUnstreamed(point: Point): boolean {
  const ttft = point.latency.p95_ttft_ms;
  const e2e = point.latency.p95_e2e_ms;
  if (ttft === undefined || e2e === undefined || e2e <= 0) return false;
  return Math.abs(e2e - ttft) <= NO_STREAMING_TOLERANCE * e2e;
}

/** Series in which every point with both figures looks unstreamed (and at least one has them). */
export function unstreamedSeries(series: readonly Series[], byId: ReadonlyMap<string, Point>): Series[] {
  return series.filter((s) => {
    const measured = seriesPoints(s, byId).filter(hasBoth);
    return measured.length > 0 && measured.every(looksUnstreamed);
  });
}

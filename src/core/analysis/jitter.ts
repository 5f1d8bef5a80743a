import type { Point } from '../types.ts';
import type { Series } from './series.ts';

/** How far above both neighbours a p95 must be to count as a jitter ridge. */
export const JITTER_FACTOR = 1.25;

/** Ids of points whose p95 e2e latency exceeds both concurrency neighbours in its series by > 25%. */
export function jitterRidges(series: readonly Series[]): Point[] {
  const ridges: Point[] = [];
  for (const { points } of series) {
    const runs = points.filter((p) => p.stable && p.concurrency !== null && p.latency.p95_e2e_ms !== undefined);
    for (let i = 1; i < runs.length - 1; i++) {
      const [before, here, after] = [runs[i - 1]!, runs[i]!, runs[i + 1]!];
      const value = here.latency.p95_e2e_ms!;
      if (value > JITTER_FACTOR * before.latency.p95_e2e_ms! && value > JITTER_FACTOR * after.latency.p95_e2e_ms!) ridges.push(here);
    }
  }
  return ridges;
}

import type { Point, Series } from '../types.ts';
import { seriesPoints } from './series.ts';

/** How far above both neighbours a p95 must be to count as a jitter ridge. */
export const JITTER_FACTOR = 1.25;

/** The stable runs of a series with a p95 e2e latency, in load order: what a ridge is looked for in. */
export function ridgeCandidates(series: Series, byId: ReadonlyMap<string, Point>): Point[] {
  return seriesPoints(series, byId).filter((p) => p.stable && p.reached_load && p.latency.p95_e2e_ms !== undefined);
}

/** Points whose p95 e2e latency exceeds both load neighbours in their series by more than 25%. */
export function jitterRidges(series: readonly Series[], byId: ReadonlyMap<string, Point>): { ridge: Point; before: Point; after: Point }[] {
  const ridges: { ridge: Point; before: Point; after: Point }[] = [];
  for (const s of series) {
    const runs = ridgeCandidates(s, byId);
    for (let i = 1; i < runs.length - 1; i++) {
      const [before, here, after] = [runs[i - 1]!, runs[i]!, runs[i + 1]!];
      const value = here.latency.p95_e2e_ms!;
      if (value > JITTER_FACTOR * before.latency.p95_e2e_ms! && value > JITTER_FACTOR * after.latency.p95_e2e_ms!) ridges.push({ ridge: here, before, after });
    }
  }
  return ridges;
}

import type { Point, Saturation } from '../types.ts';
import type { Series } from './series.ts';

/** Throughput share of the series peak at which the series counts as saturated. */
export const SATURATION_SHARE = 0.9;

/**
 * Saturation of one series of stable runs: the lowest tested concurrency whose throughput reaches
 * 90% of the series' peak; when that is the highest stable concurrency, "not saturated up to C".
 * Null when the series has no stable run with a concurrency and a throughput.
 */
export function saturationOf(series: Series): Saturation | null {
  const runs = series.points.filter((p): p is Point & { concurrency: number; throughput_tok_s: number } =>
    p.stable && p.concurrency !== null && p.throughput_tok_s !== null);
  if (runs.length === 0) return null;
  let peak = runs[0]!;
  for (const run of runs) if (run.throughput_tok_s > peak.throughput_tok_s) peak = run;
  const highest = Math.max(...runs.map((r) => r.concurrency));
  const first = runs
    .filter((r) => r.throughput_tok_s >= SATURATION_SHARE * peak.throughput_tok_s)
    .sort((a, b) => a.concurrency - b.concurrency)[0]!;
  const saturated = first.concurrency !== highest;
  return {
    max_new_tokens: series.max_new_tokens,
    peak_throughput_tok_s: peak.throughput_tok_s,
    peak_point: peak.id,
    concurrency: saturated ? first.concurrency : null,
    not_saturated_up_to: saturated ? null : highest,
    point: first.id,
  };
}

/** The saturation of the series that holds the group's peak throughput (ties: shorter outputs). */
export function headlineSaturation(saturations: readonly Saturation[]): Saturation | null {
  let best: Saturation | null = null;
  for (const s of saturations) if (best === null || s.peak_throughput_tok_s > best.peak_throughput_tok_s) best = s;
  return best;
}

import type { Point, Saturation, Series } from '../types.ts';
import { seriesPoints } from './series.ts';

/** Throughput share of the series peak at which the series counts as saturated. */
export const SATURATION_SHARE = 0.9;

/**
 * Saturation of one series of stable runs that reached their load: the lowest tested load whose
 * throughput reaches 90% of the series' peak; when that is the highest load, "not saturated up to
 * L". Null when the series has fewer than two such runs: one run cannot show a trend.
 */
export function saturationOf(series: Series, byId: ReadonlyMap<string, Point>): Saturation | null {
  const runs = seriesPoints(series, byId).filter((p) => p.stable && p.reached_load && p.throughput_tok_s !== null);
  if (runs.length < 2) return null;
  let peak = runs[0]!;
  for (const run of runs) if (run.throughput_tok_s! > peak.throughput_tok_s!) peak = run;
  const highest = runs[runs.length - 1]!;
  const first = runs.find((r) => r.throughput_tok_s! >= SATURATION_SHARE * peak.throughput_tok_s!)!;
  const saturated = first !== highest;
  return {
    series: series.id,
    setup: series.setup,
    max_new_tokens: series.max_new_tokens,
    axis: series.axis,
    peak_throughput_tok_s: peak.throughput_tok_s!,
    peak_point: peak.id,
    load: saturated ? first.load.value : null,
    not_saturated_up_to: saturated ? null : highest.load.value,
    point: first.id,
  };
}

/** The saturation of the series with the highest peak among those given (ties: the first). */
export function headlineSaturation(saturations: readonly Saturation[]): Saturation | null {
  let best: Saturation | null = null;
  for (const s of saturations) if (best === null || s.peak_throughput_tok_s > best.peak_throughput_tok_s) best = s;
  return best;
}

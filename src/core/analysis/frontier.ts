import type { Point } from '../types.ts';

/**
 * Ids of the Pareto frontier: stable points with throughput and SLO latency measured that no other
 * such point beats on both (throughput at least as high and latency at least as low, one strictly).
 */
export function paretoFrontier(points: readonly Point[]): Set<string> {
  const candidates = points.filter((p) => p.stable && p.throughput_tok_s !== null && p.slo_latency_ms !== null);
  // Sweep by latency ascending: a point is on the frontier when it beats every faster point's throughput.
  const sorted = [...candidates].sort((a, b) => a.slo_latency_ms! - b.slo_latency_ms! || b.throughput_tok_s! - a.throughput_tok_s!);
  const frontier = new Set<string>();
  let best = -Infinity;
  for (const point of sorted) {
    if (point.throughput_tok_s! > best) {
      frontier.add(point.id);
      best = point.throughput_tok_s!;
    }
  }
  return frontier;
}

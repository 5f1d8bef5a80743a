import type { LatencyMetric, Point } from '../types.ts';

/**
 * Ids of the Pareto frontier on one latency metric: stable points with throughput and that latency
 * measured that no other such point beats on both (throughput at least as high and latency at least
 * as low, one strictly). Ceiling runs (unbounded load) take part: they show what the GPU can do.
 */
export function paretoFrontier(points: readonly Point[], metric: LatencyMetric | null): Set<string> {
  const frontier = new Set<string>();
  if (metric === null) return frontier;
  const candidates = points.filter((p) => p.stable && p.reached_load && p.throughput_tok_s !== null && p.latency[metric] !== undefined);
  // Sweep by latency ascending: a point is on the frontier when it beats every faster point's throughput.
  const sorted = [...candidates].sort((a, b) => a.latency[metric]! - b.latency[metric]! || b.throughput_tok_s! - a.throughput_tok_s!);
  let best = -Infinity;
  for (const point of sorted) {
    if (point.throughput_tok_s! > best) {
      frontier.add(point.id);
      best = point.throughput_tok_s!;
    }
  }
  return frontier;
}

import type { LatencyMetric, Point } from '../types.ts';

/**
 * Ids of the Pareto frontier on one latency metric: stable points with throughput and that latency
 * measured that no other such point beats on both (throughput at least as high and latency at least
 * as low, one strictly). Ceiling runs (unbounded load) take part: they show what the GPU can do.
 * `figure` is what is maximised: throughput, or goodput under a joint SLO judged on requests.
 */
export function paretoFrontier(points: readonly Point[], metric: LatencyMetric | null, figure: (p: Point) => number | null = (p) => p.throughput_tok_s): Set<string> {
  const frontier = new Set<string>();
  if (metric === null) return frontier;
  const candidates = points.filter((p) => p.stable && p.reached_load && figure(p) !== null && p.latency[metric] !== undefined);
  // Sweep by latency ascending: a point is on the frontier when it beats every faster point's figure.
  const sorted = [...candidates].sort((a, b) => a.latency[metric]! - b.latency[metric]! || figure(b)! - figure(a)!);
  let best = -Infinity;
  for (const point of sorted) {
    if (figure(point)! > best) {
      frontier.add(point.id);
      best = figure(point)!;
    }
  }
  return frontier;
}

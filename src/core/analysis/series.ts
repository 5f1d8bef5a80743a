import type { Point } from '../types.ts';

/** Points of one max_new_tokens series, in ascending concurrency (or rate). */
export interface Series {
  max_new_tokens: number | null;
  points: Point[];
}

/** Splits a group's points into series by max_new_tokens, ascending (missing last). */
export function seriesOf(points: readonly Point[]): Series[] {
  const map = new Map<number | null, Point[]>();
  for (const point of points) {
    const list = map.get(point.max_new_tokens);
    if (list) list.push(point);
    else map.set(point.max_new_tokens, [point]);
  }
  const x = (p: Point) => p.concurrency ?? p.request_rate ?? 0;
  return [...map.entries()]
    .sort(([a], [b]) => (a ?? Infinity) - (b ?? Infinity))
    .map(([max_new_tokens, list]) => ({ max_new_tokens, points: [...list].sort((a, b) => x(a) - x(b)) }));
}

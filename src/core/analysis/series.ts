import type { LoadAxis, Point, Series } from '../types.ts';

/**
 * Splits a group's points into series: one per setup × max_new_tokens × load axis, points in
 * ascending load. Unbounded runs (ceilings) join no series: they have no load to sit at.
 */
export function seriesOf(points: readonly Point[], setupOrder: readonly string[], slugOf: (setup: string) => string | null): Series[] {
  const map = new Map<string, { setup: string; max_new_tokens: number | null; axis: LoadAxis; points: Point[] }>();
  for (const point of points) {
    if (point.load.axis === 'unbounded') continue;
    const key = `${point.setup}|${point.max_new_tokens ?? ''}|${point.load.axis}`;
    const entry = map.get(key);
    if (entry) entry.points.push(point);
    else map.set(key, { setup: point.setup, max_new_tokens: point.max_new_tokens, axis: point.load.axis, points: [point] });
  }
  return [...map.values()]
    .sort((a, b) => setupOrder.indexOf(a.setup) - setupOrder.indexOf(b.setup)
      || (a.axis === b.axis ? 0 : a.axis === 'concurrency' ? -1 : 1)
      || (a.max_new_tokens ?? Infinity) - (b.max_new_tokens ?? Infinity))
    .map((s) => {
      const slug = slugOf(s.setup);
      const id = `${slug ? `${slug}-` : ''}${s.axis === 'concurrency' ? 'c' : 'r'}-t${s.max_new_tokens ?? 'na'}`;
      return { id, setup: s.setup, max_new_tokens: s.max_new_tokens, axis: s.axis, points: [...s.points].sort((a, b) => (a.load.value ?? 0) - (b.load.value ?? 0)).map((p) => p.id) };
    });
}

/** The points of a series, in load order. */
export function seriesPoints(series: Series, byId: ReadonlyMap<string, Point>): Point[] {
  return series.points.map((id) => byId.get(id)!);
}

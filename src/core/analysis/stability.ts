import type { LoadAxis, Point } from '../types.ts';

/**
 * The highest load on `axis` at which every run of one setup is stable and reached its load, or
 * null. A run that completed fewer requests than its concurrency never reached that load, so it
 * cannot show the load is stable.
 */
export function maxStableLoad(points: readonly Point[], axis: LoadAxis): number | null {
  const ok = new Map<number, boolean>();
  for (const p of points) {
    if (p.load.axis !== axis) continue;
    ok.set(p.load.value, (ok.get(p.load.value) ?? true) && p.stable && p.reached_load);
  }
  let best: number | null = null;
  for (const [load, stable] of ok) if (stable && (best === null || load > best)) best = load;
  return best;
}

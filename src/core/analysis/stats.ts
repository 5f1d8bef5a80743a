/** Small statistics the analysis shares. */

/** Median of a non-empty list (mean of the middle two for even lengths). */
export function median(values: readonly number[]): number {
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median of the values that are present, or null when none is. */
export function medianOrNull(values: readonly (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return present.length ? median(present) : null;
}

/** Lowest and highest of a list, or null when it is empty. */
export function range(values: readonly number[]): [number, number] | null {
  if (values.length === 0) return null;
  let low = values[0]!;
  let high = low;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return [low, high];
}

/** Numbers ascending, each once. */
export function ascending(values: Iterable<number | null | undefined>): number[] {
  const set = new Set<number>();
  for (const v of values) if (typeof v === 'number') set.add(v);
  return [...set].sort((a, b) => a - b);
}

/** Compares text by code point (locale-free, so output bytes never depend on the machine). */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

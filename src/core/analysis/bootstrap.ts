/**
 * A seeded percentile bootstrap of the ratio of two medians: the interval a review judges a change
 * against when both sides have repeats. Seeded, so the same repeats give the same interval (and
 * the same page bytes) on every build.
 */
import { median } from './stats.ts';

/** Resamples drawn per interval. */
export const BOOTSTRAP_RESAMPLES = 2000;

/** Repeats each side needs before the bootstrap judges a change (fewer: the noise band does). */
export const MIN_REPEATS = 3;

/** A 32-bit FNV-1a hash of a text: a stable seed from a group's name. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Mulberry32: a small, fast generator of numbers in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Linear interpolation between order statistics (numpy's default), on a sorted list.
function quantile(sorted: Float64Array, q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

function resampledMedian(values: readonly number[], random: () => number): number {
  const draw = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) draw[i] = values[Math.floor(random() * values.length)]!;
  return median(draw);
}

/**
 * The 95% percentile-bootstrap interval of median(candidate) ÷ median(baseline): each resample
 * draws both sides with replacement; the 2.5th and 97.5th percentiles of the ratios, rounded to
 * four decimals. Null when a side is empty or holds a value ≤ 0 (no ratio can be taken).
 */
export function ratioOfMediansInterval(baseline: readonly number[], candidate: readonly number[], seed: number, resamples = BOOTSTRAP_RESAMPLES): [number, number] | null {
  if (baseline.length === 0 || candidate.length === 0) return null;
  if (baseline.some((v) => !(v > 0) || !Number.isFinite(v)) || candidate.some((v) => !(v >= 0) || !Number.isFinite(v))) return null;
  const random = seededRandom(seed);
  const ratios = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) ratios[r] = resampledMedian(candidate, random) / resampledMedian(baseline, random);
  ratios.sort();
  const round = (v: number) => Math.round(v * 10_000) / 10_000;
  return [round(quantile(ratios, 0.025)), round(quantile(ratios, 0.975))];
}

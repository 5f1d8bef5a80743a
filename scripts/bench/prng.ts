/** Deterministic pseudo-random numbers: the same seed gives the same sweeps on every machine. */

/** mulberry32: a 32-bit seeded generator returning floats in [0, 1); the review's bootstrap draws from the same one. */
export { seededRandom as mulberry32 } from '../../src/core/analysis/bootstrap.ts';

/** A value spread around 1 (mean 1, roughly ±`spread`), from the sum of three uniforms. */
export function jitter(random: () => number, spread: number): number {
  return 1 + spread * ((random() + random() + random()) / 1.5 - 1);
}

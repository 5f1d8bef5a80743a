/** Deterministic pseudo-random numbers: the same seed gives the same sweeps on every machine. */

/** mulberry32: a 32-bit seeded generator returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A value spread around 1 (mean 1, roughly ±`spread`), from the sum of three uniforms. */
export function jitter(random: () => number, spread: number): number {
  return 1 + spread * ((random() + random() + random()) / 1.5 - 1);
}

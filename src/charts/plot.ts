/**
 * Observable Plot, loaded the first time a chart is drawn. Loading it and d3 (a few hundred
 * modules) costs about 0.2 s, and a rebuild whose drawings are all in the render cache draws
 * nothing: chart specs build their marks only when drawn (spec.ts), so they ask for Plot then.
 * Loaded synchronously (Node's `require` of an ES module) because drawing is synchronous; it is the
 * same module instance an `import` would give.
 */
import { createRequire } from 'node:module';
import type * as Plot from '@observablehq/plot';

let loaded: typeof Plot | null = null;

/** The Plot module, loaded on the first call. */
export function plotModule(): typeof Plot {
  loaded ??= createRequire(import.meta.url)('@observablehq/plot') as typeof Plot;
  return loaded;
}

/** Whether this process has asked for Plot yet (what a test of the lazy loading checks). */
export function plotLoaded(): boolean {
  return loaded !== null;
}

/**
 * Chart drawings made ahead of the pages, on a worker thread, while Astro bundles the site. Drawing
 * is most of what a first build costs beyond its pages, and pages render on one thread. The
 * loader starts the thread as soon as it has the report; it draws what the render cache lacks, by
 * the keys the site model will ask for (drawings.ts). Before the first page the main thread draws
 * what the thread has not taken yet, from the same queue, and waits for it. The cache is the only
 * hand-over: a drawing the thread did not make (it failed, or there is no cache) is drawn by the
 * page that needs it, the same bytes either way.
 */
import { Worker } from 'node:worker_threads';
import type { Review } from '../core/analysis/review.ts';
import type { Report } from '../core/types.ts';
import { threadEntry } from './thread-entry.ts';
import { RenderCache, type RenderCacheSettings } from './render-cache.ts';

/** What the drawing thread draws from: the report and review the pages will show, the site's base path, the cache. */
export interface PrewarmInput {
  report: Report;
  review: Review | null;
  base: string;
  /** The render cache, the thread's only way to hand over its drawings: none, no thread. */
  cache: RenderCacheSettings;
  /** What the pages are built from (the content entry's digest): a build of the same finds every drawing kept and starts no thread. */
  digest: string;
}

/** What the drawing thread is given: the input and the shared index of the next chart to draw. */
export interface PrewarmWorkerData extends PrewarmInput {
  cache: NonNullable<RenderCacheSettings>;
  next: Int32Array;
}

/** The cache key of the mark left once every drawing of `digest` under `base` is kept (by the thread and this one). */
export function drawnKey(cache: RenderCache, input: Pick<PrewarmInput, 'digest' | 'base'>): string {
  return cache.key('charts-drawn', input.digest, input.base);
}

// The site model runs in Astro's bundle and the loader through Node: two copies of every module,
// one process. The global registry is what both see.
const SLOT = Symbol.for('capacity-frontier.prewarm');
// `done` tells whether the thread drew its share; `kept` leaves the mark that every drawing is kept.
type Prewarm = { next: Int32Array; done: Promise<boolean>; kept: () => void };
type Slot = { [SLOT]?: Prewarm };

/**
 * Starts drawing every chart the cache lacks on a worker thread (none without a cache); resolves
 * when it is done, whatever it managed. Every build calls it, so no build finds another's queue.
 * One thread beside the main one, which draws from the same queue once it needs the drawings: on
 * two cores a second thread cost more than it drew (start-up and Plot's warm-up are per thread).
 */
export function prewarmDrawings(input: PrewarmInput): Promise<void> {
  // Whatever an earlier build of this process left is not this build's.
  delete (globalThis as Slot)[SLOT];
  const settings = input.cache;
  const cache = new RenderCache(settings);
  // No cache (the dev server, CAPACITY_CACHE=off), or a rebuild of the same pages: the thread would
  // start, and load Plot, only to hand over nothing or find every drawing there.
  if (settings === null || cache.has(drawnKey(cache, input))) return Promise.resolve();
  const next = new Int32Array(new SharedArrayBuffer(4));
  const workerData: PrewarmWorkerData = { ...input, cache: settings, next };
  const done = new Promise<boolean>((resolve) => {
    const worker = new Worker(threadEntry(new URL('./prewarm-worker.ts', import.meta.url)), { eval: true, workerData });
    // A thread that fails leaves its charts to the pages.
    worker.once('error', () => resolve(false));
    worker.once('exit', (code) => resolve(code === 0));
  });
  const kept = () => cache.write(drawnKey(cache, input), '');
  (globalThis as Slot)[SLOT] = { next, done, kept };
  return done.then(() => undefined);
}

/**
 * Draws the charts the thread has not taken yet, on this thread, from the same queue (`charts`
 * in the order the thread has them: siteCharts), then waits for the thread; at once when this
 * build started none.
 */
export async function drawAlong<T>(charts: readonly T[], draw: (chart: T) => void): Promise<void> {
  const prewarm = (globalThis as Slot)[SLOT];
  if (!prewarm) return;
  for (let i = Atomics.add(prewarm.next, 0, 1); i < charts.length; i = Atomics.add(prewarm.next, 0, 1)) draw(charts[i]!);
  // Both shares drawn and kept: the next build of the same pages needs no thread.
  if (await prewarm.done) prewarm.kept();
}

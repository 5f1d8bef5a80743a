/**
 * The drawing thread (prewarm.ts): takes the next chart of the site from the shared index and draws
 * what the render cache lacks of it, until none is left.
 */
import { workerData } from 'node:worker_threads';
import { siteCharts } from './charts.ts';
import { chartDrawings, drawingsKey, narrowDrawing, narrowKey, type DrawingSettings } from './drawings.ts';
import type { PrewarmWorkerData } from './prewarm.ts';
import { RenderCache } from './render-cache.ts';
import { reviewOf } from './views/review.ts';

const { report, review, base, cache, next } = workerData as PrewarmWorkerData;
const settings: DrawingSettings = { cache: new RenderCache(cache), base, title: report.title };
const charts = siteCharts(report, reviewOf(report, review));
for (let i = Atomics.add(next, 0, 1); i < charts.length; i = Atomics.add(next, 0, 1)) {
  const chart = charts[i]!;
  if (!settings.cache.has(drawingsKey(settings, chart))) chartDrawings(settings, chart);
  if (!settings.cache.has(narrowKey(settings, chart))) narrowDrawing(settings, chart);
}

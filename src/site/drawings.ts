/**
 * The drawings of a placed chart, each looked up in the render cache first by the chart's inputs
 * and everything else it is drawn with (its links follow the base path, its source line names the
 * report and the page), else drawn and kept. The site model asks for them as pages render; the
 * drawing threads (prewarm.ts) make the same entries ahead of it, by the same keys.
 */
import { renderChart, renderChartDrawings, type ChartDrawings, type RunRef } from '../charts/index.ts';
import type { PlacedChart } from './charts.ts';
import type { RenderCache } from './render-cache.ts';
import { runAnchor } from './tables/group.ts';
import { joinBase, paths } from './url.ts';

/** What every drawing of a build is drawn with besides its chart. */
export interface DrawingSettings {
  cache: RenderCache;
  /** The site's base path (`/` or `/reports/q3/`). */
  base: string;
  /** The report's title, named on each download's source line. */
  title: string;
}

// A chart mark links to its run's row in the runs table of its GPU × workload page.
const runLink = (base: string) => (run: RunRef): string => joinBase(base, `${paths.group(run)}#${runAnchor(run.point)}`);

/** The cache key of a chart's page, plain and file drawings (one entry, one Plot render). */
export function drawingsKey(settings: DrawingSettings, chart: PlacedChart): string {
  return settings.cache.key('chart-drawings', chart.source, joinBase(settings.base, '/'), sourceLine(settings, chart));
}

/** The cache key of a chart's phone drawing. */
export function narrowKey(settings: DrawingSettings, chart: PlacedChart): string {
  return settings.cache.key('chart-narrow', chart.source, joinBase(settings.base, '/'));
}

function sourceLine(settings: DrawingSettings, chart: PlacedChart): string {
  return `Source: ${settings.title}, ${joinBase(settings.base, chart.page)}`;
}

/** The page, plain and file drawings of a chart (kept as JSON, read back the same way when made here). */
export function chartDrawings(settings: DrawingSettings, chart: PlacedChart): ChartDrawings {
  const { cache } = settings;
  const made = () => JSON.stringify(renderChartDrawings(chart.spec, { link: runLink(settings.base), source: sourceLine(settings, chart) }));
  return JSON.parse(cache.text(() => drawingsKey(settings, chart), made)) as ChartDrawings;
}

/** The phone drawing of a chart: its own layout, built only when drawn. */
export function narrowDrawing(settings: DrawingSettings, chart: PlacedChart): string {
  return settings.cache.text(() => narrowKey(settings, chart), () => renderChart(chart.narrow(), { variant: 'narrow', link: runLink(settings.base) }));
}

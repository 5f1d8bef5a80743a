/** The chart layer: pure chart modules that return Plot options, and the one renderer to SVG. */
import type { GroupReport } from '../core/types.ts';
import { frontierChart } from './frontier.ts';
import { latencyChart } from './latency.ts';
import type { SeriesDomains } from './palette.ts';
import type { ChartSpec } from './spec.ts';
import { throughputChart } from './throughput.ts';

export { compareLatencyChart, compareSelection, compareThroughputChart, type CompareSelection } from './compare.ts';
export { frontierChart } from './frontier.ts';
export { latencyChart } from './latency.ts';
export { FAILURE_COLOR, gpuColor, seriesDomains, SERIES_COLORS, tokenColor, type SeriesDomains } from './palette.ts';
export { NARROW, WIDE, type ChartSize } from './layout.ts';
export { CHART_CLASS, renderChart, renderChartDrawings, type ChartDrawings, type ChartVariant, type RenderOptions } from './render.ts';
export type { ChartSpec } from './spec.ts';
export { throughputChart } from './throughput.ts';
export { HIT_CLASS, TIP_CLASS, type RunRef } from './tips.ts';

/** The three charts of a group page, in page order: throughput, latency, frontier. */
export function groupCharts(group: GroupReport, domains: SeriesDomains): ChartSpec[] {
  return [throughputChart(group, domains), latencyChart(group, domains), frontierChart(group, domains)];
}

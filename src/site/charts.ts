/**
 * Which charts each page shows and where their standalone SVG files live. The chart layer
 * (`src/charts/`) builds the specs and renders them; this module only places them.
 */
import { compareLatencyChart, compareThroughputChart, frontierChart, latencyChart, NARROW, seriesDomains, throughputChart, type ChartSpec, type SeriesDomains } from '../charts/index.ts';
import { distributionChart } from '../charts/distribution.ts';
import { attainmentChart, goodputChart } from '../charts/goodput.ts';
import { planWanted } from '../core/analysis/plan.ts';
import { planCostChart, planTokenCostChart } from '../charts/plan.ts';
import type { GroupReport, Report } from '../core/types.ts';
import { inputsKey } from './render-inputs.ts';
import { paths } from './url.ts';

/** A chart spec, the page it is on and the site path of its SVG file (not yet rendered). */
export interface PlacedChart {
  spec: ChartSpec;
  /** The same chart laid out for a phone's width, which pages swap in by CSS: built when it is drawn (a drawing found in the render cache needs none). */
  narrow: () => ChartSpec;
  /** Site path of the page that shows it. */
  page: string;
  /** Site path of the standalone SVG, e.g. `/gpus/l4/chat/throughput.svg`. */
  file: string;
  /** A hash of everything the chart is drawn from (its builder's arguments): what its cached drawings are found by. */
  source: string;
}

const GROUP_CHARTS = [
  { name: 'throughput', build: throughputChart },
  { name: 'latency', build: latencyChart },
  { name: 'frontier', build: frontierChart },
] as const;

/** Chart specs of a GPU × workload page with their file paths; `source` is the group's inputsKey (computed once for all its charts). */
export function groupChartSpecs(domains: SeriesDomains, group: GroupReport, source: string = inputsKey(group)): PlacedChart[] {
  const page = paths.group(group);
  const from = (name: string) => inputsKey([name, source, domains]);
  const charts: PlacedChart[] = GROUP_CHARTS.map(({ name, build }) => ({ spec: build(group, domains), narrow: () => build(group, domains, NARROW), page, file: paths.file(page, `${name}.svg`), source: from(name) }));
  // Only a joint SLO judged on per-request records gives attainment and goodput by load.
  for (const { name, build } of [{ name: 'attainment', build: attainmentChart }, { name: 'goodput', build: goodputChart }]) {
    const spec = build(group, domains);
    if (spec) charts.push({ spec, narrow: () => build(group, domains, NARROW)!, page, file: paths.file(page, `${name}.svg`), source: from(name) });
  }
  // Only runs with per-request records have a latency distribution to draw.
  const distribution = distributionChart(group);
  if (distribution) charts.push({ spec: distribution, narrow: () => distributionChart(group, NARROW)!, page, file: paths.file(page, 'distribution.svg'), source: from('distribution') });
  return charts;
}

const COMPARE_CHARTS = [
  { name: 'throughput', build: compareThroughputChart },
  { name: 'latency', build: compareLatencyChart },
] as const;

/** Chart specs of a workload's comparison page: every GPU tested on it, on one chart each; `sourceOf` gives a group's inputsKey. */
export function compareChartSpecs(domains: SeriesDomains, report: Pick<Report, 'groups' | 'workloads'>, workloadSlug: string, sourceOf: (group: GroupReport) => string = inputsKey): PlacedChart[] {
  const workload = report.workloads.find((w) => w.slug === workloadSlug);
  if (!workload) return [];
  const groups = report.groups.filter((g) => g.workload === workload.name);
  const page = paths.compare(workloadSlug);
  const sources = groups.map(sourceOf);
  return COMPARE_CHARTS.map(({ name, build }) => ({ spec: build(groups, domains), narrow: () => build(groups, domains, NARROW), page, file: paths.file(page, `${name}.svg`), source: inputsKey([name, sources, domains]) }));
}

/** Charts of the plan page: per workload, monthly cost by GPU (with a demand and prices) and cost per 1M tokens against load (with prices). */
export function planChartSpecs(domains: SeriesDomains, report: Report): PlacedChart[] {
  const { config } = report;
  if (!planWanted(config) || !Object.values(config.gpus).some((g) => g.price_per_hour !== undefined)) return [];
  const page = paths.plan();
  const charts: PlacedChart[] = [];
  for (const w of report.workloads) {
    const rows = report.plan.filter((r) => r.workload === w.name);
    if (config.demand[w.name] && rows.some((r) => r.monthly_cost !== null)) {
      charts.push({ spec: planCostChart(w, rows, domains, config.currency), narrow: () => planCostChart(w, rows, domains, config.currency, NARROW), page, file: paths.file(page, `${w.slug}--monthly-cost.svg`), source: inputsKey(['monthly-cost', w, rows, domains, config.currency]) });
    }
    if (rows.some((r) => r.cost_per_mtok_output !== null)) {
      const groups = report.groups.filter((g) => g.workload === w.name);
      charts.push({ spec: planTokenCostChart(groups, config, domains), narrow: () => planTokenCostChart(groups, config, domains, NARROW), page, file: paths.file(page, `${w.slug}--cost-per-mtok.svg`), source: inputsKey(['cost-per-mtok', groups, config, domains]) });
    }
  }
  return charts;
}

/** Every chart of a report, group pages first, then the comparisons. */
export function allChartSpecs(report: Report): PlacedChart[] {
  const domains = seriesDomains(report);
  // Each group's data is hashed once, for its own charts and the comparisons it is on.
  const sources = new Map(report.groups.map((group) => [group, inputsKey(group)]));
  return [
    ...report.groups.flatMap((group) => groupChartSpecs(domains, group, sources.get(group))),
    ...report.workloads.flatMap((w) => compareChartSpecs(domains, report, w.slug, (group) => sources.get(group)!)),
    ...planChartSpecs(domains, report),
  ];
}

/** Every chart of the site: the report's, then the review page's. */
export function siteCharts(report: Report, reviewed: { charts: readonly PlacedChart[] } | null): PlacedChart[] {
  return [...allChartSpecs(report), ...(reviewed?.charts ?? [])];
}

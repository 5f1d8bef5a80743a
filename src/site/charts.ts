/**
 * Which charts each page shows and where their standalone SVG files live. The chart layer
 * (`src/charts/`) builds the specs and renders them; this module only places them.
 */
import { compareLatencyChart, compareThroughputChart, frontierChart, latencyChart, renderChart, seriesDomains, throughputChart, type ChartSpec, type SeriesDomains } from '../charts/index.ts';
import type { GroupReport, Report } from '../core/types.ts';
import { paths } from './url.ts';

// Every chart spec of a report takes the report's series domains: work them out once per report.
const DOMAINS = new WeakMap<object, SeriesDomains>();

function domainsOf(report: Pick<Report, 'groups' | 'gpus'>): SeriesDomains {
  let domains = DOMAINS.get(report);
  if (!domains) {
    domains = seriesDomains(report);
    DOMAINS.set(report, domains);
  }
  return domains;
}

/** A chart spec and the site path of its SVG file, e.g. `/gpus/l4/chat/throughput.svg` (not yet rendered). */
export interface PlacedChart {
  spec: ChartSpec;
  file: string;
}

/** A chart as a page shows it: its spec, its SVG, and the site path of the SVG file. */
export interface ChartView {
  spec: ChartSpec;
  svg: string;
  /** Site path of the standalone SVG, e.g. `/gpus/l4/chat/throughput.svg`. */
  file: string;
}

const GROUP_CHARTS = [
  { name: 'throughput', build: throughputChart },
  { name: 'latency', build: latencyChart },
  { name: 'frontier', build: frontierChart },
] as const;

/** Chart specs of a GPU × workload page with their file paths (not yet rendered). */
export function groupChartSpecs(report: Pick<Report, 'groups' | 'gpus'>, group: GroupReport): PlacedChart[] {
  const domains = domainsOf(report);
  return GROUP_CHARTS.map(({ name, build }) => ({ spec: build(group, domains), file: paths.file(paths.group(group), `${name}.svg`) }));
}

const COMPARE_CHARTS = [
  { name: 'throughput', build: compareThroughputChart },
  { name: 'latency', build: compareLatencyChart },
] as const;

/** Chart specs of a workload's comparison page: every GPU tested on it, on one chart each. */
export function compareChartSpecs(report: Pick<Report, 'groups' | 'gpus' | 'workloads'>, workloadSlug: string): PlacedChart[] {
  const workload = report.workloads.find((w) => w.slug === workloadSlug);
  if (!workload) return [];
  const groups = report.groups.filter((g) => g.workload === workload.name);
  const domains = domainsOf(report);
  return COMPARE_CHARTS.map(({ name, build }) => ({ spec: build(groups, domains), file: paths.file(paths.compare(workloadSlug), `${name}.svg`) }));
}

// A chart is shown by its page, published as its SVG download and drawn on a preview card: render
// it once per report (by its file path, unique in the site) and hand every caller the same string.
const RENDERED = new WeakMap<object, Map<string, string>>();

/** Renders specs to SVG, ready for a page and for the download (the same string), each chart once per report. */
export function renderViews(report: object, specs: readonly PlacedChart[]): ChartView[] {
  let svgs = RENDERED.get(report);
  if (!svgs) {
    svgs = new Map();
    RENDERED.set(report, svgs);
  }
  return specs.map(({ spec, file }) => {
    let svg = svgs.get(file);
    if (svg === undefined) {
      svg = renderChart(spec);
      svgs.set(file, svg);
    }
    return { spec, file, svg };
  });
}

/** Every chart of the site (unrendered), for the SVG download endpoint. */
export function allChartSpecs(report: Report): PlacedChart[] {
  return [
    ...report.groups.flatMap((group) => groupChartSpecs(report, group)),
    ...report.workloads.flatMap((w) => compareChartSpecs(report, w.slug)),
  ];
}

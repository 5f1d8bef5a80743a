/**
 * The site model: everything the pages show, built once per Report (view models, tables, chart
 * specs, preview cards, the page registry). Pages, endpoints and write-up components only read
 * it; nothing is recomputed in a template.
 */
import type { ChartDrawings, ChartVariant } from '../charts/index.ts';
import { chartDrawings, narrowDrawing, type DrawingSettings } from './drawings.ts';
import { href, paths } from './url.ts';
import type { Review } from '../core/analysis/review.ts';
import type { Report } from '../core/types.ts';
import { siteCharts, type PlacedChart } from './charts.ts';
import { ogCards, type OgCard } from './og.ts';
import { RenderCache } from './render-cache.ts';
import { sitePages, type OptionalPages, type PageEntry, type WriteupPage } from './pages.ts';
import type { TableModel } from './tables/cells.ts';
import { tableContext, type TableContext } from './tables/context.ts';
import { attainmentSummary } from './tables/attainment.ts';
import { decodeTable, instabilityTable, kvBudgetSummary, keyNumbersTable, saturationSummary, ttftTable } from './tables/life.ts';
import { keyNumbers, matrixTable, recommendationsTable, type KeyNumber } from './tables/overview.ts';
import { fileAnchors, filesTable, disagreementsTable, ignoredTable, kvTable, modelFacts, notMeasuredTable, rejectedTable, thresholdsTable } from './tables/provenance.ts';
import { compareView, type CompareView } from './views/compare.ts';
import { groupView, type GroupView } from './views/group.ts';
import { planKeyNumbers, planView, type PlanView } from './views/plan.ts';
import { reviewOf, type ReviewView } from './views/review.ts';

/** What the overview shows. */
export interface OverviewView {
  keyNumbers: KeyNumber[];
  matrix: TableModel;
  recommendations: TableModel;
}

/** What the data page shows. */
export interface DataView {
  files: TableModel;
  rejected: TableModel;
  ignored: TableModel;
  /** Percentiles of the files that differ from ours by more than 1%; null when none does. */
  disagreements: TableModel | null;
  thresholds: TableModel;
  kv: TableModel;
  model: { label: string; value: string }[];
  notMeasured: TableModel;
}

/** The write-up tables by kind and selection, as components ask for them. */
export interface LifeTables {
  ttft: Map<string, TableModel>;
  decode: Map<string, TableModel>;
  keyNumbers: Map<string, TableModel>;
  /** Keyed by workload name, `*` for all. */
  saturation: Map<string, TableModel>;
  /** Keyed by GPU label, `*` for all. */
  instability: Map<string, TableModel>;
  kv: Map<string, TableModel>;
  /** SLO attainment and goodput, keyed by GPU label, `*` for all. */
  attainment: Map<string, TableModel>;
}

/** Everything the site shows, built once per Report. */
export interface SiteModel {
  report: Report;
  context: TableContext;
  pages: PageEntry[];
  overview: OverviewView;
  /** By group slug. */
  groups: Map<string, GroupView>;
  /** By workload slug. */
  compare: Map<string, CompareView>;
  data: DataView;
  /** The capacity plan page, or null when the report states no demand and no price. */
  plan: PlanView | null;
  life: LifeTables;
  /** Every table of the site, each once: the CSV endpoint serves these. */
  tables: TableModel[];
  /** Every chart of the site. */
  charts: PlacedChart[];
  /**
   * A chart's SVG, rendered the first time it is asked for and kept: `wide` (the page's, with hover
   * labels linking to the runs), `narrow` (the phone's), `file` (the download: background, title,
   * source line), `plain` (the preview card's: no hover labels).
   */
  svg: (chart: PlacedChart, variant?: ChartVariant | 'file' | 'plain') => string;
  fileAnchors: Map<string, string>;
  /** Every link-preview card, the fallback included. */
  cards: OgCard[];
  /** The review page, when a baseline was given. */
  review: ReviewView | null;
  /** Drawings and preview images of earlier builds (disabled in dev and in tests unless given). */
  cache: RenderCache;
}

function lifeTables(context: TableContext): LifeTables {
  const { report } = context;
  const byLabel = <K extends string>(labels: readonly K[], build: (selection?: readonly K[]) => TableModel) =>
    new Map<string, TableModel>([['*', build()], ...labels.map((label) => [label, build([label])] as [string, TableModel])]);
  return {
    ttft: new Map(report.groups.map((g) => [g.slug, ttftTable(context, g)])),
    decode: new Map(report.gpus.map((g) => [g.label, decodeTable(context, g.label)])),
    keyNumbers: new Map(report.gpus.map((g) => [g.label, keyNumbersTable(context, g.label)])),
    saturation: byLabel(report.workloads.map((w) => w.name), (s) => saturationSummary(context, s)),
    instability: byLabel(report.gpus.map((g) => g.label), (s) => instabilityTable(context, s)),
    kv: byLabel(report.gpus.map((g) => g.label), (s) => kvBudgetSummary(context, s)),
    attainment: byLabel(report.gpus.map((g) => g.label), (s) => attainmentSummary(context, s)),
  };
}

/** Builds the site model of a report and its write-ups; `cache` keeps drawings between builds (none: each is drawn). */
export function buildSiteModel(report: Report, writeups: readonly WriteupPage[], optional?: OptionalPages, review: Review | null = null, cache: RenderCache = new RenderCache(null)): SiteModel {
  const context = tableContext(report);
  const anchors = fileAnchors(report);
  const reviewed = reviewOf(report, review);
  const charts = siteCharts(report, reviewed);
  const chartsOf = (page: string) => charts.filter((c) => c.page === page);
  const groups = new Map<string, GroupView>();
  for (const group of report.groups) {
    const workload = report.workloads.find((w) => w.name === group.workload)!;
    const view = groupView(context, group, [], anchors, workload.slug);
    view.charts = chartsOf(view.path);
    groups.set(group.slug, view);
  }
  const compare = new Map<string, CompareView>();
  for (const w of report.workloads) {
    const view = compareView(context, w, []);
    view.charts = chartsOf(view.path);
    compare.set(w.slug, view);
  }
  const plan = planView(context, chartsOf(paths.plan()));
  const overview: OverviewView = { keyNumbers: [...keyNumbers(context), ...planKeyNumbers(plan, report.plan)], matrix: matrixTable(context), recommendations: recommendationsTable(context) };
  const data: DataView = {
    files: filesTable(context, anchors),
    rejected: rejectedTable(context),
    ignored: ignoredTable(context),
    disagreements: disagreementsTable(context, anchors),
    thresholds: thresholdsTable(context),
    kv: kvTable(context),
    model: modelFacts(report),
    notMeasured: notMeasuredTable(context),
  };
  const life = lifeTables(context);
  const tables = uniqueTables([
    ...(reviewed?.tables ?? []),
    overview.matrix, overview.recommendations,
    ...[...groups.values()].flatMap((g) => [g.sweetSpots, g.saturation, g.runs, g.attainment]),
    ...[...compare.values()].map((c) => c.table),
    data.files, data.rejected, data.ignored, ...(data.disagreements ? [data.disagreements] : []), data.thresholds, data.kv, data.notMeasured,
    ...Object.values(life).flatMap((map: Map<string, TableModel>) => [...map.values()]),
    ...(plan?.workloads.map((w) => w.table) ?? []),
  ]);
  // One SVG per chart and drawing for the whole build: the page inlines it, the download and the
  // card reuse it. The page, download and card drawings share one Plot render; the phone's is its own.
  const drawings = new Map<string, ChartDrawings>();
  const narrow = new Map<string, string>();
  const settings: DrawingSettings = { cache, base: href('/'), title: report.title };
  const svg = (chart: PlacedChart, variant: ChartVariant | 'file' | 'plain' = 'wide') => {
    if (variant === 'narrow') {
      let text = narrow.get(chart.file);
      if (text === undefined) {
        text = narrowDrawing(settings, chart);
        narrow.set(chart.file, text);
      }
      return text;
    }
    let drawn = drawings.get(chart.file);
    if (drawn === undefined) {
      drawn = chartDrawings(settings, chart);
      drawings.set(chart.file, drawn);
    }
    return variant === 'wide' ? drawn.page : drawn[variant];
  };
  const pages = sitePages(report, writeups, { review: reviewed !== null || (optional?.review ?? false), plan: optional?.plan ?? plan !== null });
  return { report, context, pages, overview, groups, compare, data, plan, life, tables, charts, svg, fileAnchors: anchors, cards: ogCards(report, pages, charts), review: reviewed, cache };
}

// Tables with rows (or a sentence for none), each CSV path once.
function uniqueTables(tables: readonly (TableModel | null)[]): TableModel[] {
  const seen = new Set<string>();
  const out: TableModel[] = [];
  for (const table of tables) {
    if (!table || table.rows.length === 0 || seen.has(table.csv)) continue;
    seen.add(table.csv);
    out.push(table);
  }
  return out;
}

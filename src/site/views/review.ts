/** View model of the review page: the verdicts, then per GPU × workload what changed and how it was judged. */
import { historyChart } from '../../charts/history.ts';
import { reviewChart } from '../../charts/review.ts';
import { historyOrderWords } from '../../core/history-output.ts';
import { uniqueSlugs } from '../../core/slug.ts';
import { historyTable } from '../tables/history.ts';
import { NARROW } from '../../charts/layout.ts';
import type { Review, ReviewGroup } from '../../core/analysis/review.ts';
import type { Report } from '../../core/types.ts';
import type { PlacedChart } from '../charts.ts';
import { inputsKey } from '../render-inputs.ts';
import { ruleWords, verdictLine } from '../../core/review-output.ts';
import { change, groupTitle, sourcesWords } from '../../core/phrases.ts';
import type { TableModel } from '../tables/cells.ts';
import { beforeAfterTable, pointsTable, reviewAnchor, settingsTable, verdictsTable } from '../tables/review.ts';
import { paths } from '../url.ts';

/** One GPU × workload's section of the review page. */
export interface ReviewSection {
  anchor: string;
  /** The GPU label, as the data gives it. */
  gpu: string;
  title: string;
  verdict: ReviewGroup['verdict'];
  /** The verdict in one line: `… : regressed, −20% throughput at the SLO`. */
  line: string;
  /** The change of throughput at the SLO in percent, one decimal, or null. */
  delta_pct: number | null;
  /** Sources of the candidate's recommendation (for a figure's tooltip). */
  sources: string;
  /** The change in words (`throughput at the SLO −20%`), or null when there is no figure to compare. */
  delta: string | null;
  /** How the verdict was judged, with the interval or the noise band. */
  rule: string;
  /** The candidate's page of this GPU × workload (null when only the baseline has it). */
  candidatePath: string | null;
  beforeAfter: TableModel;
  points: TableModel;
  settings: TableModel;
  /** Overlays of throughput and SLO latency against load, baseline dashed, candidate solid. */
  charts: PlacedChart[];
}

/** One GPU × workload's trend across the experiments of a history. */
export interface HistorySection {
  anchor: string;
  title: string;
  table: TableModel;
  /** Throughput at the SLO and SLO latency across experiments. */
  charts: PlacedChart[];
}

/** The history part of the review page: the experiments' order in words and a trend per GPU × workload. */
export interface HistoryView {
  /** How many experiments, and in which order they are shown. */
  count: number;
  order: string;
  /** The experiments, oldest first, with their dates. */
  experiments: { label: string; date: string | null; candidate: boolean }[];
  sections: HistorySection[];
}

/** Everything the review page shows. */
export interface ReviewView {
  path: string;
  baseline: string;
  candidate: string;
  noisePct: number;
  /** How many GPU × workloads got each verdict, in the order the page lists them. */
  counts: { verdict: ReviewGroup['verdict']; count: number }[];
  verdicts: TableModel;
  sections: ReviewSection[];
  /** With several baselines, each GPU × workload's trend across them; null otherwise. */
  history: HistoryView | null;
  /** Every table of the page, for the CSV downloads. */
  tables: TableModel[];
  /** Every chart of the page, for the SVG downloads. */
  charts: PlacedChart[];
  /** The section of each of the site's own GPU × workload pages, by group slug (the pages link to it). */
  byGroup: Map<string, ReviewSection>;
}

/** The review page's view model of a site's report, or null without a review. */
export function reviewOf(report: Pick<Report, 'groups'>, review: Review | null): ReviewView | null {
  return review ? reviewView(review, new Map(report.groups.map((g) => [g.slug, g]))) : null;
}

/**
 * The review page's view model. `candidateGroups` are the slugs of the site's own GPU × workload
 * pages: a section links to the page only when the site has it.
 */
export function reviewView(review: Review, candidateGroups: ReadonlyMap<string, { gpu_slug: string; workload_slug: string }>): ReviewView {
  const byGroup = new Map<string, ReviewSection>();
  const sections = review.groups.map((g): ReviewSection => {
    const page = g.candidate ? candidateGroups.get(g.candidate.slug) : undefined;
    const section: ReviewSection = {
      anchor: reviewAnchor(g),
      gpu: g.gpu,
      title: groupTitle(g),
      verdict: g.verdict,
      line: verdictLine(g),
      delta_pct: g.delta_pct,
      sources: sourcesWords((g.candidate?.recommendation?.sources ?? []).slice(0, 3)),
      delta: g.delta_pct === null ? null : `throughput at the SLO ${change(g.delta_pct)}`,
      rule: ruleWords(g, review.noise_pct),
      candidatePath: page ? paths.group(page) : null,
      beforeAfter: beforeAfterTable(g),
      points: pointsTable(g),
      settings: settingsTable(g),
      charts: (['throughput', 'latency'] as const).map((what) => {
        const id = `${reviewAnchor(g)}-${what}`;
        return { spec: reviewChart(g, what, id), narrow: () => reviewChart(g, what, id, NARROW), page: paths.review(), file: paths.file(paths.review(), `${id.replace(/^review-/, '')}.svg`), source: inputsKey(['review', g, what, id]) };
      }),
    };
    if (page && g.candidate) byGroup.set(g.candidate.slug, section);
    return section;
  });
  const order = ['regressed', 'improved', 'within noise', 'only in baseline', 'only in candidate'] as const;
  const counts = order.map((verdict) => ({ verdict, count: review.groups.filter((g) => g.verdict === verdict).length })).filter((c) => c.count > 0);
  const verdicts = verdictsTable(review);
  const history = review.history ? historyView(review.history) : null;
  return {
    path: paths.review(),
    baseline: review.baseline,
    candidate: review.candidate,
    noisePct: review.noise_pct,
    counts,
    verdicts,
    sections,
    history,
    tables: [verdicts, ...sections.flatMap((s) => [s.beforeAfter, s.points, s.settings]), ...(history?.sections.map((s) => s.table) ?? [])],
    charts: [...sections.flatMap((s) => s.charts), ...(history?.sections.flatMap((s) => s.charts) ?? [])],
    byGroup,
  };
}

/** The history's view: per GPU × workload, a table and the two trend charts (wide and narrow). */
function historyView(history: NonNullable<Review['history']>): HistoryView {
  const first = history.experiments[0]!;
  // The history is hashed once for every trend chart drawn from it.
  const historyKey = inputsKey(history);
  const slugs = uniqueSlugs(first.groups.map((g) => `${g.gpu}\u0000${g.workload}`), 'group');
  const sections = first.groups.map((g, index): HistorySection => {
    const anchor = `history-${slugs.get(`${g.gpu}\u0000${g.workload}`)!}`;
    const title = groupTitle(g);
    return {
      anchor,
      title,
      table: historyTable(history, index, anchor, title),
      charts: (['throughput', 'latency'] as const).map((what) => {
        const id = `${anchor}-${what}`;
        return { spec: historyChart(history, index, what, id), narrow: () => historyChart(history, index, what, id, NARROW), page: paths.review(), file: paths.file(paths.review(), `${id}.svg`), source: inputsKey(['history', historyKey, index, what, id]) };
      }),
    };
  });
  return {
    count: history.experiments.length,
    order: historyOrderWords(history),
    experiments: history.experiments.map((e) => ({ label: e.label, date: e.date, candidate: e.candidate })),
    sections,
  };
}

/** View model of a GPU × workload page: everything it shows, computed once; the page only renders. */
import { pointById } from '../../core/analysis/group.ts';
import { boundMs, formatSlo, groupTitle, ms, runName, sloJudgedWords } from '../../core/phrases.ts';
import { recommendationText } from '../../core/recommendation.ts';
import type { Finding, GroupReport, Point } from '../../core/types.ts';
import type { PlacedChart } from '../charts.ts';
import type { TableModel } from '../tables/cells.ts';
import type { TableContext } from '../tables/context.ts';
import { groupAttainmentTable } from '../tables/attainment.ts';
import { groupFacts, runAnchor, runsTable, saturationTable, sweetSpotTable, type Fact } from '../tables/group.ts';
import { paths } from '../url.ts';

/** A finding with links to the runs behind it. */
export interface FindingView {
  kind: Finding['kind'];
  text: string;
  runs: { label: string; anchor: string }[];
}

/** Everything a GPU × workload page shows. */
export interface GroupView {
  group: GroupReport;
  path: string;
  title: string;
  slo: string;
  /** The SLO and what headroom means, in plain sentences, under the recommendation. */
  sloNote: string;
  recommendation: string;
  /** How the page's callout reads: a recommendation, none met, or not judged. */
  verdict: 'met' | 'none' | 'unjudged';
  closest: { point: Point; label: string; anchor: string } | null;
  facts: Fact[];
  sweetSpots: TableModel | null;
  saturation: TableModel | null;
  /** SLO attainment and goodput by load, when the joint SLO was judged on per-request records. */
  attainment: TableModel | null;
  runs: TableModel;
  findings: FindingView[];
  charts: PlacedChart[];
  /** The settings shared by every run, in words, when the group has one setup (else null). */
  settings: string | null;
  files: { file: string; anchor: string }[];
  comparePath: string;
}

/** Findings with links to the rows of the runs they rest on. */
export function findingViews(group: GroupReport): FindingView[] {
  // That the SLO is not judged is said once, in the page's callout, not again among the findings.
  return group.findings.filter((f) => f.kind !== 'slo-unjudged').map((f) => ({
    kind: f.kind,
    text: f.text,
    runs: f.points.map((id) => ({ label: runName(pointById(group, id), 'short'), anchor: `#${runAnchor(id)}` })),
  }));
}

/**
 * The SLO in a sentence a client reads without a formula: `The SLO is p95 e2e ≤ 2000 ms. Headroom
 * is the share of those 2000 ms a run leaves unused: at 1500 ms, 25% headroom.`
 */
export function sloNote(group: GroupReport): string {
  const rule = `The SLO is ${formatSlo(group.slo)}.`;
  if (group.slo.kind !== 'percentile' || !group.slo.measured) return rule;
  const threshold = group.slo.threshold_ms;
  return `${rule} Headroom is the share of those ${boundMs(threshold)} a run leaves unused: at ${ms(threshold * 0.75)}, 25% headroom.`;
}

/** The view model of one GPU × workload page. */
export function groupView(context: TableContext, group: GroupReport, charts: PlacedChart[], fileAnchors: ReadonlyMap<string, string>, compareSlug: string): GroupView {
  const closest = group.closest ? pointById(group, group.closest) : null;
  const only = group.setups.length === 1 ? group.setups[0]! : null;
  return {
    group,
    path: paths.group(group),
    title: groupTitle(group),
    slo: sloJudgedWords(group.slo) ? `${formatSlo(group.slo)} (${sloJudgedWords(group.slo)})` : formatSlo(group.slo),
    sloNote: sloNote(group),
    recommendation: recommendationText(group),
    verdict: !group.slo.measured ? 'unjudged' : group.recommendation ? 'met' : 'none',
    closest: closest ? { point: closest, label: runName(closest, 'setting'), anchor: `#${runAnchor(closest.id)}` } : null,
    facts: groupFacts(context, group),
    sweetSpots: sweetSpotTable(context, group),
    saturation: saturationTable(context, group),
    attainment: groupAttainmentTable(context, group),
    runs: runsTable(context, group),
    findings: findingViews(group),
    charts,
    settings: only && only.description ? only.description : null,
    files: group.files.map((file) => ({ file, anchor: fileAnchors.get(file)! })),
    comparePath: paths.compare(compareSlug),
  };
}

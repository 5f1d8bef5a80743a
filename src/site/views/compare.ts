/** View model of a workload's comparison page: every GPU tested on it, side by side. */
import { formatSlo, workloadTitle } from '../../core/phrases.ts';
import { recommendationText } from '../../core/recommendation.ts';
import type { PlacedChart } from '../charts.ts';
import type { TableModel } from '../tables/cells.ts';
import { compareTable } from '../tables/compare.ts';
import type { TableContext } from '../tables/context.ts';
import { paths } from '../url.ts';

/** Everything a comparison page shows. */
export interface CompareView {
  workload: string;
  slug: string;
  title: string;
  path: string;
  slo: string;
  table: TableModel;
  charts: PlacedChart[];
  recommendations: { gpu: string; path: string; text: string }[];
}

/** The view model of the comparison page of one workload. */
export function compareView(context: TableContext, workload: { name: string; slug: string }, charts: PlacedChart[]): CompareView {
  const groups = context.report.groups.filter((g) => g.workload === workload.name);
  return {
    workload: workload.name,
    slug: workload.slug,
    title: `${workloadTitle(workload.name)} workload: every GPU`,
    path: paths.compare(workload.slug),
    slo: formatSlo(groups[0]!.slo),
    table: compareTable(context, workload.name, workload.slug),
    charts,
    recommendations: groups.map((g) => ({ gpu: g.gpu, path: paths.group(g), text: recommendationText(g) })),
  };
}

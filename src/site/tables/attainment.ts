/**
 * SLO attainment and goodput by load, in the site's one table model: per GPU × workload whose joint
 * SLO was judged on per-request records, one row per point (its setup when there are several),
 * with the requests judged, the share within the SLO, goodput in requests and output tokens per
 * second, and whether the point meets the target.
 */
import { goodputField } from '../../core/analysis/gaps.ts';
import { judgedOnRequests } from '../../core/analysis/slo.ts';
import { setupOf } from '../../core/analysis/group.ts';
import { formatGoodput, formatInt, formatPct1, formatTokS } from '../../core/format.ts';
import { formatSlo, loadCell, workloadTitle } from '../../core/phrases.ts';
import type { GroupReport, Point } from '../../core/types.ts';
import { paths } from '../url.ts';
import { figure, measured, notApplicable, text, type Row, type TableModel } from './cells.ts';
import type { TableContext } from './context.ts';
import { runAnchor, setupColumn } from './group.ts';
import { LIFE_TABLES_PATH } from './life.ts';


// A run without records in a group judged on them says so in words: a bare dash reads as a hole.
const withoutRecords = () => [text('no per-request records', { tone: 'muted', value: null }), notApplicable(), notApplicable(), text('not judged', { tone: 'muted' })];

// The cells of a run judged on its records: attainment, goodput in requests and tokens, the verdict.
function judgedCells(context: TableContext, group: GroupReport, p: Point, attainment: number) {
  const place = (unit: 'req' | 'tok') => ({ group: group.slug, point: p.id, field: goodputField(p, unit) });
  const meets = p.meets_slo ? 'yes' : p.load.axis === 'unbounded' ? 'ceiling run' : p.status !== 'ok' ? 'did not finish' : attainment >= group.slo.target! ? 'load not reached' : 'no';
  return [
    figure(attainment * 100, formatPct1, { value: attainment }),
    measured(context.gaps, p.goodput_req_s, formatGoodput, place('req')),
    measured(context.gaps, p.goodput_tok_s, formatTokS, place('tok')),
    text(meets, { tone: p.meets_slo ? 'good' : 'muted' }),
  ];
}

function pointRow(context: TableContext, group: GroupReport, p: Point, withGroup: boolean, withSetup: boolean): Row {
  const link = `${paths.group(group)}#${runAnchor(p.id)}`;
  const cells = [
    ...(withGroup ? [text(group.gpu, { link: paths.group(group) }), text(workloadTitle(group.workload), { value: group.workload })] : []),
    text(loadCell(p.load), { link, value: p.load.value ?? 'unbounded' }),
    // A group of one setup in a table that has the column: its setup is the group's only one.
    ...(withSetup ? [text(setupOf(group, p).label)] : []),
    figure(p.requests_judged, formatInt),
    ...(p.slo_attainment === null ? withoutRecords() : judgedCells(context, group, p, p.slo_attainment)),
  ];
  return { cells };
}

/** Attainment and goodput of the groups given (those judged on requests), one row per point. */
export function attainmentTable(context: TableContext, groups: readonly GroupReport[], id: string, caption: string, csv?: string): TableModel {
  const judged = groups.filter((g) => judgedOnRequests(g.slo));
  // One GPU × workload's own table names neither; a summary names both on every row.
  const withGroup = csv === undefined;
  // A setup column when a group has several, as in the sweet-spot table: a setup's label is long
  // (a model path), and in the load's cell it kept the column from wrapping.
  const several = judged.some((g) => g.setups.length > 1);
  const rows = judged.flatMap((g) => g.points.map((p) => pointRow(context, g, p, withGroup, several)));
  return {
    id,
    caption,
    columns: [
      ...(withGroup ? [{ key: 'gpu', label: 'GPU', numeric: false }, { key: 'workload', label: 'Workload', numeric: false }] : []),
      { key: 'load', label: 'Load', numeric: true },
      ...(several ? [setupColumn] : []),
      { key: 'requests_judged', label: 'Requests judged', numeric: true },
      { key: 'slo_attainment', label: 'Within SLO', csvLabel: 'SLO attainment (share)', numeric: true },
      { key: 'goodput_req_s', label: 'Goodput (req/s)', numeric: true },
      { key: 'goodput_tok_s', label: 'Goodput (tok/s)', numeric: true },
      { key: 'meets', label: 'Meets the target', numeric: false },
    ],
    rows,
    csv: csv ?? `${LIFE_TABLES_PATH}${id}.csv`,
    note: 'Within SLO: the share of every request sent (failed and unfinished ones included) that met every bound. Goodput: those requests, and their output tokens, per second of the run.',
    empty: 'No GPU × workload here was judged on per-request records: the files hold none, or the SLO is not a joint one.',
  };
}

/** The attainment table of one GPU × workload, or null when its SLO was not judged on requests. */
export function groupAttainmentTable(context: TableContext, group: GroupReport): TableModel | null {
  if (!judgedOnRequests(group.slo)) return null;
  return attainmentTable(context, [group], `attainment-${group.gpu_slug}-${group.workload_slug}`, `SLO attainment and goodput by load, ${group.gpu}, ${group.workload}: ${formatSlo(group.slo)}`, paths.file(paths.group(group), 'attainment.csv'));
}

/** Attainment and goodput of every GPU × workload of the given GPUs (all when none given), for `<Attainment>`. */
export function attainmentSummary(context: TableContext, gpus?: readonly string[]): TableModel {
  const groups = context.report.groups.filter((g) => !gpus || gpus.includes(g.gpu));
  const id = gpus && gpus.length === 1 ? `attainment-gpu-${context.report.gpus.find((g) => g.label === gpus[0])?.slug ?? 'gpu'}` : 'attainment';
  return attainmentTable(context, groups, id, `SLO attainment and goodput by load${gpus && gpus.length === 1 ? `, ${gpus[0]}` : ', every GPU'}`);
}

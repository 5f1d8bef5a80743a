/**
 * View model of a workload's comparison page: every GPU tested on the workload, side by side.
 */
import { pointById } from '../core/analysis/group.ts';
import { formatInt, formatMs, formatPct, formatTokS } from '../core/format.ts';
import { metricLabel, titleCase } from '../core/labels.ts';
import type { GroupReport, Report } from '../core/types.ts';
import { pointWhere } from './group.ts';
import { numberCell, textCell, type Cell, type Row, type TableModel } from './table.ts';
import { pointShort, sloText, sourcesText } from './text.ts';
import { paths } from './url.ts';

/** Everything a comparison page shows. */
export interface CompareView {
  workload: string;
  slug: string;
  title: string;
  path: string;
  slo: string;
  groups: GroupReport[];
  table: TableModel;
}

const dash = (): Cell => textCell('–', { tone: 'muted', value: null });

/** The comparison table of one workload: one row per GPU. */
export function compareTable(workload: string, slug: string, groups: readonly GroupReport[]): TableModel {
  const slo = groups[0]!.slo;
  const rows: Row[] = groups.map((group) => {
    const rec = group.recommendation ? pointById(group, group.recommendation) : null;
    const cells: Cell[] = [
      textCell(group.gpu, { link: paths.group(group) }),
      rec ? textCell(pointShort(rec)) : textCell(group.closest ? `none met the SLO (closest: ${pointShort(pointById(group, group.closest))})` : 'none met the SLO', { tone: 'bad' }),
      rec ? numberCell(rec.throughput_tok_s, formatTokS, 'throughput_tok_s') : dash(),
      rec ? numberCell(rec.slo_latency_ms, formatMs, group.slo.metric) : dash(),
      rec ? numberCell(rec.headroom_pct, formatPct, group.slo.metric) : dash(),
      group.max_throughput ? numberCell(group.max_throughput.value, formatTokS) : textCell('no stable run', { tone: 'bad', value: null }),
      group.max_stable_concurrency !== null ? numberCell(group.max_stable_concurrency, formatInt) : textCell('none', { tone: 'bad', value: null }),
      group.headline_saturation === null
        ? textCell('no stable series', { tone: 'muted', value: null })
        : group.headline_saturation.concurrency !== null
          ? numberCell(group.headline_saturation.concurrency, formatInt)
          : textCell(`not saturated up to ${formatInt(group.headline_saturation.not_saturated_up_to)}`, { tone: 'muted', value: null }),
    ];
    const row: Row = { cells };
    if (rec) {
      row.where = pointWhere(group, rec);
      row.hint = `add the value at ${sourcesText(rec.sources)}`;
    }
    return row;
  });
  return {
    id: 'compare',
    caption: `${titleCase(workload)} workload on every GPU, judged on ${sloText(slo)}`,
    columns: [
      { key: 'gpu', label: 'GPU', numeric: false },
      { key: 'recommended', label: 'Recommended (concurrency × max_tokens)', numeric: false, wrap: true },
      { key: 'throughput_tok_s', label: 'Throughput (tok/s)', numeric: true },
      { key: slo.metric, label: `${metricLabel(slo.metric)} (ms)`, numeric: true },
      { key: 'headroom_pct', label: 'Headroom', csvLabel: 'Headroom (%)', numeric: true },
      { key: 'peak_throughput_tok_s', label: 'Peak stable throughput (tok/s)', numeric: true },
      { key: 'max_stable_concurrency', label: 'Max stable concurrency', numeric: true },
      { key: 'saturation', label: 'Saturates at concurrency', numeric: true, wrap: true },
    ],
    rows,
    csv: paths.file(paths.compare(slug), 'gpus.csv'),
  };
}

/** The view model of the comparison page of one workload (by slug); null for an unknown slug. */
export function compareView(report: Report, slug: string): CompareView | null {
  const workload = report.workloads.find((w) => w.slug === slug);
  if (!workload) return null;
  const groups = report.groups.filter((g) => g.workload === workload.name);
  return {
    workload: workload.name,
    slug,
    title: `${titleCase(workload.name)} workload: every GPU`,
    path: paths.compare(slug),
    slo: sloText(groups[0]!.slo),
    groups,
    table: compareTable(workload.name, slug, groups),
  };
}

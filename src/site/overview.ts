/**
 * View model of the overview: the GPU × workload matrix of recommendations, key numbers, and a
 * flat table of the same recommendations for the CSV download.
 */
import { pointById } from '../core/analysis/group.ts';
import { formatInt, formatMs, formatPct, formatTokS } from '../core/format.ts';
import { metricLabel, titleCase } from '../core/labels.ts';
import type { GroupReport, Point, Report } from '../core/types.ts';
import { pointWhere, runAnchor } from './group.ts';
import { numberCell, textCell, type Cell, type Row, type TableModel } from './table.ts';
import { pointShort, settingsText, sloText, sourcesText } from './text.ts';
import { paths } from './url.ts';

/** One figure line inside a matrix cell. */
export interface MatrixLine {
  text: string;
  missing: boolean;
}

/** One cell of the matrix: the recommendation of a GPU × workload, or why there is none. */
export interface MatrixCell {
  /** Page of the group; null when the GPU was not tested on the workload. */
  path: string | null;
  state: 'met' | 'none' | 'untested';
  headline: string;
  lines: MatrixLine[];
  /** Link to the run behind the figures (recommendation or closest run), on the group page. */
  run: string | null;
}

/** The matrix: GPUs as rows, workloads as columns (each with the SLO it is judged on). */
export interface Matrix {
  workloads: { name: string; title: string; slug: string; slo: string; path: string }[];
  rows: { gpu: string; slug: string; cells: MatrixCell[] }[];
}

/** A key number of the overview. */
export interface KeyNumber {
  label: string;
  value: string;
  detail?: string;
  link?: string;
}

function line(text: string, value: number | null): MatrixLine {
  return { text, missing: value === null };
}

function figures(group: GroupReport, point: Point): MatrixLine[] {
  const metric = metricLabel(group.slo.metric);
  return [
    line(`${formatTokS(point.throughput_tok_s)} tok/s`, point.throughput_tok_s),
    line(`${metric} ${formatMs(point.slo_latency_ms)}${point.slo_latency_ms === null ? '' : ' ms'}`, point.slo_latency_ms),
    line(`${formatPct(point.headroom_pct)}${point.headroom_pct === null ? '' : ' headroom'}`, point.headroom_pct),
  ];
}

/** The matrix cell of one group (or of an untested pair when `group` is undefined). */
export function matrixCell(group: GroupReport | undefined): MatrixCell {
  if (!group) return { path: null, state: 'untested', headline: 'not tested', lines: [], run: null };
  const path = paths.group(group);
  if (group.recommendation) {
    const p = pointById(group, group.recommendation);
    return {
      path,
      state: 'met',
      headline: settingsText(p),
      lines: figures(group, p),
      run: `${path}#${runAnchor(p.id)}`,
    };
  }
  const closest = group.closest ? pointById(group, group.closest) : null;
  return {
    path,
    state: 'none',
    headline: 'none met the SLO',
    lines: closest ? [{ text: `closest run: ${pointShort(closest)}`, missing: false }, ...figures(group, closest).slice(1, 2)] : [],
    run: closest ? `${path}#${runAnchor(closest.id)}` : null,
  };
}

/** The GPU × workload matrix of the overview. */
export function overviewMatrix(report: Report): Matrix {
  const workloads = report.workloads.map((w) => {
    const group = report.groups.find((g) => g.workload === w.name)!;
    return { name: w.name, title: titleCase(w.name), slug: w.slug, slo: sloText(group.slo), path: paths.compare(w.slug) };
  });
  const rows = report.gpus.map((gpu) => ({
    gpu: gpu.label,
    slug: gpu.slug,
    cells: report.workloads.map((w) => matrixCell(report.groups.find((g) => g.gpu === gpu.label && g.workload === w.name))),
  }));
  return { workloads, rows };
}

/** The recommendations as a flat table (one row per GPU × workload), for the CSV download. */
export function recommendationsTable(report: Report): TableModel {
  const rows: Row[] = report.groups.map((group) => {
    const id = group.recommendation ?? group.closest;
    const p = id ? pointById(group, id) : null;
    const cells: Cell[] = [
      textCell(group.gpu, { link: paths.group(group) }),
      textCell(group.workload),
      textCell(sloText(group.slo)),
      textCell(group.recommendation ? 'recommended' : 'none met the SLO; closest run', { tone: group.recommendation ? 'good' : 'bad' }),
      numberCell(p?.concurrency ?? p?.request_rate ?? null, formatInt, 'concurrency'),
      numberCell(p?.max_new_tokens ?? null, formatInt, 'max_new_tokens'),
      numberCell(p?.throughput_tok_s ?? null, formatTokS, 'throughput_tok_s'),
      numberCell(p?.slo_latency_ms ?? null, formatMs, group.slo.metric),
      numberCell(p?.headroom_pct ?? null, formatPct, group.slo.metric),
    ];
    const row: Row = { cells };
    if (p) {
      row.where = pointWhere(group, p);
      row.hint = `add the value at ${sourcesText(p.sources)}`;
      if (!p.stable) row.explained = `the closest run ended with status ${p.status}`;
    }
    return row;
  });
  return {
    id: 'recommendations',
    caption: 'Recommendation of every GPU × workload (the closest run when none met the SLO)',
    columns: [
      { key: 'gpu', label: 'GPU', numeric: false },
      { key: 'workload', label: 'Workload', numeric: false },
      { key: 'slo', label: 'SLO', numeric: false },
      { key: 'verdict', label: 'Verdict', numeric: false },
      { key: 'concurrency', label: 'Concurrency', numeric: true },
      { key: 'max_new_tokens', label: 'max_tokens', numeric: true },
      { key: 'throughput_tok_s', label: 'Throughput (tok/s)', numeric: true },
      { key: 'latency_ms', label: 'SLO latency (ms)', numeric: true },
      { key: 'headroom_pct', label: 'Headroom', csvLabel: 'Headroom (%)', numeric: true },
    ],
    rows,
    csv: '/recommendations.csv',
  };
}

/** The key numbers above the matrix. */
export function keyNumbers(report: Report): KeyNumber[] {
  const met = report.groups.filter((g) => g.recommendation !== null);
  let best: { group: GroupReport; point: Point } | null = null;
  for (const group of met) {
    const point = pointById(group, group.recommendation!);
    if (best === null || (point.throughput_tok_s ?? 0) > (best.point.throughput_tok_s ?? 0)) best = { group, point };
  }
  const runs = report.measurements;
  const numbers: KeyNumber[] = [
    { label: 'GPU × workload pairs within their SLO', value: `${formatInt(met.length)} of ${formatInt(report.groups.length)}` },
    { label: 'GPUs', value: formatInt(report.gpus.length) },
    { label: 'Workloads', value: formatInt(report.workloads.length) },
    { label: 'Runs measured', value: formatInt(runs), detail: `from ${formatInt(report.files.length)} input file${report.files.length === 1 ? '' : 's'}`, link: paths.data() },
  ];
  if (best) {
    numbers.splice(1, 0, {
      label: 'Best throughput within an SLO',
      value: `${formatTokS(best.point.throughput_tok_s)} tok/s`,
      detail: `${best.group.gpu}, ${best.group.workload}, at ${pointShort(best.point)}`,
      link: `${paths.group(best.group)}#${runAnchor(best.point.id)}`,
    });
  }
  return numbers;
}

/**
 * Tables of the overview: the GPU × workload matrix of recommendations, the same recommendations
 * as a flat table (the CSV download), and the key numbers above them.
 */
import { pointById, setupOf } from '../../core/analysis/group.ts';
import { judgedOnRequests } from '../../core/analysis/slo.ts';
import { formatInt, formatMs, formatPct, formatTokS } from '../../core/format.ts';
import { formatSlo, headroom, list, metricLabel, ms, plural, runName, someOf, tokS, workloadTitle } from '../../core/phrases.ts';
import type { GroupReport, Point } from '../../core/types.ts';
import { matrixAnchor } from '../permalinks.ts';
import { paths } from '../url.ts';
import { absent, figure, measured, notApplicable, text, type Cell, type Row, type TableModel } from './cells.ts';
import type { TableContext } from './context.ts';
import { runAnchor } from './group.ts';

function setupNote(group: GroupReport, p: Point): string {
  return group.setups.length > 1 ? ` (${setupOf(group, p).label})` : '';
}

function figureLines(group: GroupReport, p: Point): string[] {
  const lines = [tokS(p.throughput_tok_s)];
  if (judgedOnRequests(group.slo)) lines.push(`${formatPct((p.slo_attainment ?? 0) * 100)} of requests within the SLO`);
  else if (p.slo_latency_ms !== null) lines.push(`${metricLabel(group.slo.metric)} ${ms(p.slo_latency_ms)}`, headroom(p.headroom_pct));
  return lines;
}

/** The matrix cell of one group (or of an untested pair when `group` is undefined). */
export function matrixCell(group: GroupReport | undefined): Cell {
  if (!group) return text('not tested', { state: 'untested', tone: 'muted', value: null });
  const path = paths.group(group);
  if (!group.slo.measured) {
    const have = group.slo.available.length ? `measured: ${someOf(group.slo.available.map(metricLabel), 3)}` : 'no latency measured';
    return text('not judged', { state: 'unjudged', link: path, lines: [`${list(group.slo.metrics.map(metricLabel))} not in the data`, have], value: 'not judged' });
  }
  if (group.recommendation) {
    const p = pointById(group, group.recommendation);
    return text(`${runName(p, 'setting')}${setupNote(group, p)}`, { state: 'met', link: `${path}#${runAnchor(p.id)}`, lines: figureLines(group, p) });
  }
  const closest = group.closest ? pointById(group, group.closest) : null;
  return text('none met the SLO', {
    state: 'none',
    link: path,
    tone: 'bad',
    lines: closest ? [`closest run: ${runName(closest, 'short')}${setupNote(group, closest)}`, ...figureLines(group, closest).slice(1, 2)] : [],
  });
}

/** The GPU × workload matrix: GPUs as rows, workloads as columns (each header with its SLO). */
export function matrixTable(context: TableContext): TableModel {
  const { report } = context;
  const rows: Row[] = report.gpus.map((gpu) => ({
    id: `matrix-${gpu.slug}`,
    cells: [
      text(gpu.label),
      ...report.workloads.map((w) => ({ ...matrixCell(report.groups.find((g) => g.gpu === gpu.label && g.workload === w.name)), anchor: matrixAnchor(gpu.slug, w.slug) })),
    ],
  }));
  return {
    id: 'matrix',
    caption: 'Recommended setting per GPU (rows) and workload (columns), under each workload\'s SLO',
    columns: [
      { key: 'gpu', label: 'GPU', numeric: false },
      ...report.workloads.map((w) => {
        const slo = report.groups.find((g) => g.workload === w.name)!.slo;
        return { key: w.slug, label: workloadTitle(w.name), sub: `SLO: ${formatSlo(slo)}`, csvLabel: `${workloadTitle(w.name)} (SLO: ${formatSlo(slo)})`, link: paths.compare(w.slug), numeric: false, wrap: true };
      }),
    ],
    rows,
    csv: '/matrix.csv',
  };
}

/** The recommendations as a flat table (one row per GPU × workload), for the CSV download. */
export function recommendationsTable(context: TableContext): TableModel {
  const rows: Row[] = context.report.groups.map((group) => {
    const id = group.recommendation ?? group.closest;
    const p = id ? pointById(group, id) : null;
    const verdict = !group.slo.measured ? 'not judged' : group.recommendation ? 'recommended' : p ? 'none met the SLO; closest run' : 'none met the SLO';
    const place = (field: string) => ({ group: group.slug, point: p?.id ?? null, field });
    const cells: Cell[] = [
      text(group.gpu, { link: paths.group(group) }),
      text(group.workload),
      text(formatSlo(group.slo)),
      text(verdict, { tone: group.recommendation ? 'good' : 'bad' }),
      p && group.setups.length > 1 ? text(setupOf(group, p).label) : absent(false),
      // A rate-driven run has no concurrency (and a concurrency run no rate): not applicable, not missing.
      p ? (p.load.axis === 'concurrency' ? figure(p.load.value, formatInt) : notApplicable()) : absent(),
      p ? (p.load.axis === 'request_rate' ? figure(p.load.value, (v) => String(v)) : notApplicable()) : absent(),
      p ? (p.max_new_tokens === null ? notApplicable() : figure(p.max_new_tokens, formatInt)) : absent(),
      p && p.throughput_tok_s !== null ? figure(p.throughput_tok_s, formatTokS) : absent(),
      p && p.stable && group.slo.measured ? measured(context.gaps, p.slo_latency_ms, formatMs, place(group.slo.metric)) : absent(),
      p && p.headroom_pct !== null ? figure(p.headroom_pct, formatPct) : absent(),
    ];
    return { cells };
  });
  return {
    id: 'recommendations',
    caption: 'Recommendation of every GPU × workload (the closest run when none met the SLO)',
    columns: [
      { key: 'gpu', label: 'GPU', numeric: false },
      { key: 'workload', label: 'Workload', numeric: false },
      { key: 'slo', label: 'SLO', numeric: false },
      { key: 'verdict', label: 'Verdict', numeric: false },
      { key: 'setup', label: 'Setup', numeric: false },
      { key: 'concurrency', label: 'Concurrency', numeric: true },
      { key: 'request_rate', label: 'Request rate (req/s)', numeric: true },
      { key: 'max_new_tokens', label: 'max_tokens', numeric: true },
      { key: 'throughput_tok_s', label: 'Throughput (tok/s)', numeric: true },
      { key: 'latency_ms', label: 'SLO latency (ms)', numeric: true },
      { key: 'headroom_pct', label: 'Headroom', csvLabel: 'Headroom (%)', numeric: true },
    ],
    rows,
    csv: '/recommendations.csv',
  };
}

/** A key number of the overview. */
export interface KeyNumber {
  label: string;
  value: string;
  detail?: string;
  link?: string;
}

/** The key numbers above the matrix: how many pairs met their SLO, and the best of each workload. */
export function keyNumbers(context: TableContext): KeyNumber[] {
  const { report } = context;
  const judged = report.groups.filter((g) => g.slo.measured);
  const met = report.groups.filter((g) => g.recommendation !== null);
  const numbers: KeyNumber[] = [
    { label: 'GPU × workload pairs within their SLO', value: `${formatInt(met.length)} of ${formatInt(report.groups.length)}`, ...(judged.length < report.groups.length ? { detail: `${plural(report.groups.length - judged.length, 'pair')} could not be judged` } : {}) },
  ];
  // Workloads are judged on different SLOs: the best of each, never one "best" across them.
  for (const w of report.workloads) {
    let best: { group: GroupReport; point: Point } | null = null;
    for (const group of met.filter((g) => g.workload === w.name)) {
      const point = pointById(group, group.recommendation!);
      if (best === null || point.throughput_tok_s! > best.point.throughput_tok_s!) best = { group, point };
    }
    if (!best) continue;
    numbers.push({
      label: `Best ${workloadTitle(w.name)} throughput within its SLO`,
      value: tokS(best.point.throughput_tok_s),
      detail: `${best.group.gpu} at ${runName(best.point, 'short')}${setupNote(best.group, best.point)}`,
      link: `${paths.group(best.group)}#${runAnchor(best.point.id)}`,
    });
  }
  numbers.push(
    { label: 'GPUs', value: formatInt(report.gpus.length) },
    { label: 'Workloads', value: formatInt(report.workloads.length) },
    { label: 'Runs measured', value: formatInt(report.measurements), detail: `from ${plural(report.files.length, 'input file')}`, link: paths.data() },
  );
  return numbers;
}

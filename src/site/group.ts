/**
 * View model of a GPU × workload page: the recommendation, key facts, the sweet-spot,
 * saturation and all-runs tables, and the findings with links to the runs they rest on.
 */
import { pointById } from '../core/analysis/group.ts';
import { formatInt, formatMs, formatPct, formatTokS } from '../core/format.ts';
import { metricLabel } from '../core/labels.ts';
import { recommendationText } from '../core/markdown.ts';
import type { Finding, GroupReport, LatencyMetric, Point } from '../core/types.ts';
import { groupTitle, loadText, pointShort, settingsText, serverText, sloText, sourcesText, statusText } from './text.ts';
import { missingCell, numberCell, textCell, type Cell, type Column, type Row, type TableModel } from './table.ts';
import { paths } from './url.ts';

/** One key figure of a page: a label and a cell (formatted, possibly a gap). */
export interface Fact {
  label: string;
  cell: Cell;
}

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
  recommendation: string;
  met: boolean;
  closest: Point | null;
  facts: Fact[];
  sweetSpots: TableModel | null;
  saturation: TableModel | null;
  runs: TableModel;
  findings: FindingView[];
  /** Server settings shared by every run, or null when none or when they differ (then a column). */
  server: string | null;
  /** Max stable concurrency in words. */
  maxStable: string;
}

// Latency columns shown in the runs table besides the SLO metric, when any run carries them.
const EXTRA_LATENCIES: readonly LatencyMetric[] = ['p50_e2e_ms', 'p95_e2e_ms', 'p99_e2e_ms', 'p95_ttft_ms', 'p95_tpot_ms'];

/** Anchor id of a run's row on its page. */
export function runAnchor(pointId: string): string {
  return `run-${pointId}`;
}

/** Where a gap of a point is reported; the same words as the core's gap list, so they merge. */
export function pointWhere(group: GroupReport, point: Point): string {
  return `${group.gpu} / ${group.workload} ${point.id}`;
}

function loadLabel(group: GroupReport): string {
  return group.points.some((p) => p.concurrency === null) ? 'Load' : 'Concurrency';
}

function loadCell(point: Point, linked = false): Cell {
  const value = point.concurrency ?? point.request_rate;
  const cell = numberCell(value, () => loadText(point), point.concurrency !== null ? 'concurrency' : 'request_rate');
  return linked ? { ...cell, link: `#${runAnchor(point.id)}` } : cell;
}

// max_new_tokens is missing for a whole file or none: one gap per group, as the core lists it.
function tokensCell(group: GroupReport, value: number | null): Cell {
  return { ...numberCell(value, formatInt, 'max_new_tokens'), where: `${group.gpu} / ${group.workload}` };
}

function rangeText(range: [number, number] | null, format: (v: number) => string): string {
  return range === null ? '' : `${format(range[0])}–${format(range[1])}`;
}

/** The sweet-spot table: the top three runs within the SLO, best first. */
export function sweetSpotTable(group: GroupReport): TableModel | null {
  if (group.sweet_spots.length === 0) return null;
  const metric = metricLabel(group.slo.metric);
  const columns: Column[] = [
    { key: 'concurrency', label: loadLabel(group), numeric: true },
    { key: 'max_new_tokens', label: 'max_tokens', numeric: true },
    { key: 'throughput_tok_s', label: 'Throughput (tok/s)', numeric: true },
    { key: group.slo.metric, label: `${metric} (ms)`, numeric: true },
    { key: 'headroom_pct', label: 'Headroom', csvLabel: 'Headroom (%)', numeric: true },
  ];
  const rows: Row[] = group.sweet_spots.map((id, index) => {
    const p = pointById(group, id);
    return {
      cells: [
        loadCell(p, true),
        tokensCell(group, p.max_new_tokens),
        numberCell(p.throughput_tok_s, formatTokS, 'throughput_tok_s'),
        numberCell(p.slo_latency_ms, formatMs, group.slo.metric),
        numberCell(p.headroom_pct, formatPct, group.slo.metric),
      ],
      where: pointWhere(group, p),
      hint: `add the value at ${sourcesText(p.sources)}`,
      highlight: index === 0,
    };
  });
  return {
    id: 'sweet-spots',
    caption: `Sweet spots of ${group.gpu}, ${group.workload}: the best throughput within ${sloText(group.slo)}`,
    columns,
    rows,
    csv: paths.file(paths.group(group), 'sweet-spots.csv'),
  };
}

/** The saturation table: per max_tokens series, its peak and where it reaches 90% of it. */
export function saturationTable(group: GroupReport): TableModel | null {
  if (group.saturation.length === 0) return null;
  const rows: Row[] = group.saturation.map((s) => {
    const peak = pointById(group, s.peak_point);
    const saturation = s.concurrency !== null
      ? numberCell(s.concurrency, formatInt)
      : textCell(`not saturated up to ${formatInt(s.not_saturated_up_to)}`, { value: null, tone: 'muted' });
    return {
      cells: [
        tokensCell(group, s.max_new_tokens),
        numberCell(s.peak_throughput_tok_s, formatTokS, 'throughput_tok_s'),
        { ...numberCell(peak.concurrency ?? peak.request_rate, () => loadText(peak)), link: `#${runAnchor(peak.id)}` },
        saturation,
      ],
      where: `${group.gpu} / ${group.workload}`,
      hint: `add a max_new_tokens column to ${group.files.join(', ')}`,
    };
  });
  return {
    id: 'saturation',
    caption: `Saturation of ${group.gpu}, ${group.workload}: the lowest concurrency reaching 90% of each series' peak (stable runs)`,
    columns: [
      { key: 'max_new_tokens', label: 'max_tokens', numeric: true },
      { key: 'peak_throughput_tok_s', label: 'Peak throughput (tok/s)', numeric: true },
      { key: 'peak_concurrency', label: 'Peak at', numeric: true },
      { key: 'saturation_concurrency', label: 'Saturates at concurrency', numeric: true, wrap: true },
    ],
    rows,
    csv: paths.file(paths.group(group), 'saturation.csv'),
  };
}

function roleText(group: GroupReport, point: Point): string {
  const roles: string[] = [];
  const rank = group.sweet_spots.indexOf(point.id);
  if (point.id === group.recommendation) roles.push('recommended');
  else if (rank >= 0) roles.push(`sweet spot ${rank + 1}`);
  if (point.id === group.closest) roles.push('closest to the SLO');
  if (point.on_frontier) roles.push('frontier');
  if (point.jitter_ridge) roles.push('jitter ridge');
  if (!point.meets_slo && point.stable && point.slo_latency_ms !== null && point.slo_latency_ms > group.slo.threshold_ms) roles.push('over the SLO');
  return roles.join('; ');
}

/** The table of every run of a group, failed and OOM runs included, with provenance. */
export function runsTable(group: GroupReport): TableModel {
  const points = group.points;
  const slo = group.slo.metric;
  const extra = EXTRA_LATENCIES.filter((m) => m !== slo && points.some((p) => p.latency[m] !== undefined));
  const hasRequests = points.some((p) => p.requests !== null);
  const hasFailed = points.some((p) => p.failed !== null);
  const repeated = points.some((p) => p.n > 1);
  const servers = new Set(points.map((p) => serverText(p.server) ?? ''));
  const serverColumn = servers.size > 1;

  const columns: Column[] = [
    { key: 'load', label: loadLabel(group), numeric: true },
    { key: 'max_new_tokens', label: 'max_tokens', numeric: true },
    { key: 'status', label: 'Status', numeric: false },
    { key: 'throughput_tok_s', label: 'Throughput (tok/s)', numeric: true },
    { key: slo, label: `${metricLabel(slo)} (ms)`, numeric: true },
    { key: 'headroom_pct', label: 'Headroom', csvLabel: 'Headroom (%)', numeric: true },
    ...extra.map((m) => ({ key: m, label: `${metricLabel(m)} (ms)`, numeric: true, secondary: true })),
  ];
  if (hasRequests) columns.push({ key: 'requests', label: 'Requests', numeric: true, secondary: true });
  if (hasFailed) columns.push({ key: 'failed', label: 'Failed', numeric: true, secondary: true });
  if (repeated) {
    columns.push(
      { key: 'n', label: 'n', numeric: true },
      { key: 'throughput_range', label: 'Throughput min–max', numeric: true },
      { key: 'latency_range', label: `${metricLabel(slo)} min–max`, numeric: true },
    );
  }
  columns.push({ key: 'role', label: 'Role', numeric: false, secondary: true });
  if (serverColumn) columns.push({ key: 'server', label: 'Server config', numeric: false, secondary: true });
  columns.push({ key: 'source', label: 'Source (file:line)', numeric: false });

  const rows: Row[] = points.map((p) => {
    const cells: Cell[] = [
      loadCell(p),
      tokensCell(group, p.max_new_tokens),
      textCell(statusText(p), { tone: p.stable ? 'good' : 'bad' }),
      numberCell(p.throughput_tok_s, formatTokS, 'throughput_tok_s'),
      numberCell(p.slo_latency_ms, formatMs, slo),
      numberCell(p.headroom_pct, formatPct, slo),
      ...extra.map((m) => numberCell(p.latency[m], formatMs, m)),
    ];
    if (hasRequests) cells.push(numberCell(p.requests, formatInt, 'requests'));
    if (hasFailed) cells.push(numberCell(p.failed, formatInt, 'failed'));
    if (repeated) {
      cells.push(numberCell(p.n, formatInt));
      if (p.n > 1) {
        const t = rangeText(p.spread.throughput_tok_s, formatTokS);
        const l = rangeText(p.spread.slo_latency_ms, formatMs);
        cells.push(t ? { ...textCell(t), numeric: true } : missingCell('throughput_tok_s'));
        cells.push(l ? { ...textCell(l), numeric: true } : missingCell(slo));
      } else {
        cells.push(textCell('single run', { tone: 'muted', value: null }), textCell('single run', { tone: 'muted', value: null }));
      }
    }
    const role = roleText(group, p);
    cells.push(role ? textCell(role) : textCell('–', { tone: 'muted', value: null }));
    if (serverColumn) {
      const server = serverText(p.server);
      cells.push(server ? textCell(server) : textCell('defaults', { tone: 'muted', value: null }));
    }
    cells.push(textCell(sourcesText(p.sources)));
    const row: Row = {
      id: runAnchor(p.id),
      cells,
      where: pointWhere(group, p),
      hint: `add the value at ${sourcesText(p.sources)}`,
      highlight: p.id === group.recommendation || p.id === group.closest,
    };
    // A run that did not finish has no figures by nature: its status says why, it is not a gap.
    if (p.status !== 'ok') row.explained = `the run ended with status ${p.status}`;
    return row;
  });
  return {
    id: 'runs',
    caption: `Every run of ${group.gpu}, ${group.workload} (${points.length} points, failed and OOM runs included); repeats merged as medians`,
    columns,
    rows,
    csv: paths.file(paths.group(group), 'runs.csv'),
  };
}

function factsOf(group: GroupReport): Fact[] {
  const facts: Fact[] = [];
  const rec = group.recommendation ? pointById(group, group.recommendation) : null;
  facts.push({
    label: 'Recommended',
    cell: rec ? textCell(settingsText(rec)) : textCell('none met the SLO', { tone: 'bad' }),
  });
  if (rec) {
    facts.push({ label: 'Throughput at the recommendation', cell: numberCell(rec.throughput_tok_s, (v) => `${formatTokS(v)} tok/s`, 'throughput_tok_s') });
    facts.push({ label: `${metricLabel(group.slo.metric)} at the recommendation`, cell: numberCell(rec.slo_latency_ms, (v) => `${formatMs(v)} ms (${formatPct(rec.headroom_pct)} headroom)`, group.slo.metric) });
  }
  facts.push({ label: 'SLO', cell: textCell(`${sloText(group.slo)} (${group.slo.metric})`) });
  facts.push({
    label: 'Peak throughput (stable runs)',
    cell: group.max_throughput
      ? textCell(`${formatTokS(group.max_throughput.value)} tok/s at ${pointShort(pointById(group, group.max_throughput.point))}`, { link: `#${runAnchor(group.max_throughput.point)}` })
      : textCell('no stable run', { tone: 'bad' }),
  });
  facts.push({
    label: 'Max stable concurrency',
    cell: group.max_stable_concurrency !== null ? textCell(formatInt(group.max_stable_concurrency)) : textCell('no concurrency at which every run was stable', { tone: 'bad' }),
  });
  const s = group.headline_saturation;
  facts.push({
    label: 'Saturation',
    cell: s === null
      ? textCell('no stable series', { tone: 'muted' })
      : s.concurrency !== null
        ? textCell(`concurrency ${formatInt(s.concurrency)} reaches 90% of the peak (max_tokens ${formatInt(s.max_new_tokens)})`)
        : textCell(`not saturated up to concurrency ${formatInt(s.not_saturated_up_to)} (max_tokens ${formatInt(s.max_new_tokens)})`),
  });
  const runs = group.points.reduce((sum, p) => sum + p.n, 0);
  const unstable = group.points.filter((p) => !p.stable).length;
  facts.push({ label: 'Runs', cell: textCell(`${formatInt(runs)} runs in ${formatInt(group.points.length)} points${unstable ? `, ${formatInt(unstable)} not stable` : ''}`) });
  return facts;
}

function findingsOf(group: GroupReport): FindingView[] {
  return group.findings.map((f) => ({
    kind: f.kind,
    text: f.text,
    runs: f.points.map((id) => ({ label: pointShort(pointById(group, id)), anchor: `#${runAnchor(id)}` })),
  }));
}

/** The view model of one GPU × workload page. */
export function groupView(group: GroupReport): GroupView {
  const servers = new Set(group.points.map((p) => serverText(p.server)));
  const [onlyServer] = servers;
  return {
    group,
    path: paths.group(group),
    title: groupTitle(group),
    slo: sloText(group.slo),
    recommendation: recommendationText(group),
    met: group.recommendation !== null,
    closest: group.closest ? pointById(group, group.closest) : null,
    facts: factsOf(group),
    sweetSpots: sweetSpotTable(group),
    saturation: saturationTable(group),
    runs: runsTable(group),
    findings: findingsOf(group),
    server: servers.size === 1 ? onlyServer ?? null : null,
    maxStable: group.max_stable_concurrency !== null ? formatInt(group.max_stable_concurrency) : 'none (no concurrency at which every run was stable)',
  };
}

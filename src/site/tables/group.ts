/**
 * Tables of a GPU × workload page: the sweet spots, saturation per series, every run with its
 * provenance, and the key facts above them.
 */
import { goodputField, shownLatencies } from '../../core/analysis/gaps.ts';
import { pointById, setupOf } from '../../core/analysis/group.ts';
import { judgedOnRequests } from '../../core/analysis/slo.ts';
import { formatGoodput, formatInt, formatMs, formatPct, formatPoints, formatRate, formatTokS } from '../../core/format.ts';
import {
  axisWords, formatSlo, headroom, loadCell, loadValueWords, metricLabel, ms, plural, runName,
  saturationWords, someOf, sourcesWords, statusCell, tokS,
  sloJudgedWords,
} from '../../core/phrases.ts';
import type { GroupReport, Point } from '../../core/types.ts';
import { paths } from '../url.ts';
import { absent, figure, measured, notApplicable, text, type Cell, type Column, type Row, type TableModel } from './cells.ts';
import type { TableContext } from './context.ts';

/** Anchor id of a run's row on its page. */
export function runAnchor(pointId: string): string {
  return `run-${pointId}`;
}

/** The header of a group's load column: `Concurrency`, `Request rate (req/s)` or `Load` when it mixes them. */
export function loadHeader(group: Pick<GroupReport, 'points'>): string {
  const axes = new Set(group.points.map((p) => p.load.axis));
  if (axes.size === 1 && axes.has('concurrency')) return 'Concurrency';
  if (axes.size === 1 && axes.has('request_rate')) return 'Request rate';
  return 'Load';
}

/** A run's load as a cell, linked to its row when asked. */
export function loadOf(point: Point, link?: string): Cell {
  const options = link ? { link } : {};
  if (point.load.axis === 'concurrency') return figure(point.load.value, formatInt, options);
  if (point.load.axis === 'request_rate') return figure(point.load.value, formatRate, options);
  return text(loadCell(point.load), { ...options, value: 'inf', tone: 'muted' });
}

/** A run's output length: the value, or "not applicable" when the run set none. */
export function tokensOf(point: Pick<Point, 'max_new_tokens'>): Cell {
  return point.max_new_tokens === null ? notApplicable() : figure(point.max_new_tokens, formatInt);
}

/** The setup column of a group's tables that list several setups: long labels, so it wraps. */
export const setupColumn: Column = { key: 'setup', label: 'Setup', numeric: false, wrap: true };

// A group whose runs set no max_tokens at all (each request used its own length) shows no
// max_tokens column: a column of "not applicable" says nothing. A mixed group keeps it.
function tokensColumns(group: Pick<GroupReport, 'max_new_tokens'>): Column[] {
  return group.max_new_tokens.length ? [{ key: 'max_new_tokens', label: 'max_tokens', numeric: true }] : [];
}

function tokensCells(group: Pick<GroupReport, 'max_new_tokens'>, point: Pick<Point, 'max_new_tokens'>): Cell[] {
  return group.max_new_tokens.length ? [tokensOf(point)] : [];
}

function sloColumns(group: GroupReport): Column[] {
  const slo = group.slo;
  if (judgedOnRequests(slo)) {
    return [
      { key: 'slo_attainment', label: 'Within SLO', csvLabel: 'SLO attainment (share)', numeric: true },
      { key: 'goodput_req_s', label: 'Goodput (req/s)', numeric: true },
      { key: 'headroom_pct', label: 'Margin (points)', numeric: true },
    ];
  }
  const metric = slo.measured ? metricLabel(slo.metric) : 'SLO latency';
  return [
    { key: slo.measured ? slo.metric : 'slo_latency_ms', label: `${metric} (ms)`, numeric: true },
    { key: 'headroom_pct', label: 'Headroom', csvLabel: 'Headroom (%)', numeric: true },
  ];
}

function sloCells(context: TableContext, group: GroupReport, p: Point): Cell[] {
  const slo = group.slo;
  if (judgedOnRequests(slo)) {
    return [
      p.slo_attainment === null ? absent() : figure(p.slo_attainment, (v) => formatPct(v * 100), { value: p.slo_attainment }),
      p.slo_attainment === null ? absent() : measured(context.gaps, p.goodput_req_s, formatGoodput, { group: group.slug, point: p.id, field: goodputField(p, 'req') }),
      p.headroom_pct === null ? absent() : figure(p.headroom_pct, formatPoints),
    ];
  }
  if (!slo.measured) return [absent(), absent()];
  // A run that did not finish has no latency by nature: its status says why, it is not a gap.
  if (!p.stable && p.slo_latency_ms === null) return [absent(true, 'the run did not finish cleanly'), absent()];
  const latency = measured(context.gaps, p.slo_latency_ms, formatMs, { group: group.slug, point: p.id, field: slo.metric });
  return [latency, p.headroom_pct === null ? absent() : figure(p.headroom_pct, formatPct)];
}

/** The sweet-spot table: the top three runs within the SLO, best first; null when none met it. */
export function sweetSpotTable(context: TableContext, group: GroupReport): TableModel | null {
  if (group.sweet_spots.length === 0) return null;
  const several = group.setups.length > 1;
  const columns: Column[] = [
    { key: 'load', label: loadHeader(group), numeric: true },
    ...tokensColumns(group),
    ...(several ? [setupColumn] : []),
    { key: 'throughput_tok_s', label: 'Throughput (tok/s)', numeric: true },
    ...sloColumns(group),
  ];
  const rows: Row[] = group.sweet_spots.map((id, index) => {
    const p = pointById(group, id);
    return {
      cells: [
        loadOf(p, `#${runAnchor(p.id)}`),
        ...tokensCells(group, p),
        ...(several ? [text(setupOf(group, p).label)] : []),
        figure(p.throughput_tok_s!, formatTokS),
        ...sloCells(context, group, p),
      ],
      highlight: index === 0,
    };
  });
  return {
    id: 'sweet-spots',
    caption: `Sweet spots of ${group.gpu}, ${group.workload}: the best ${judgedOnRequests(group.slo) ? 'goodput' : 'throughput'} within ${formatSlo(group.slo)}`,
    columns,
    rows,
    csv: paths.file(paths.group(group), 'sweet-spots.csv'),
  };
}

/** The saturation table: per series, its peak and where it reaches 90% of it; null when no series has two stable loads. */
export function saturationTable(_context: TableContext, group: GroupReport): TableModel | null {
  if (group.saturation.length === 0) return null;
  const several = group.setups.length > 1;
  const rows: Row[] = group.saturation.map((s) => {
    const peak = pointById(group, s.peak_point);
    const cells: Cell[] = [
      ...tokensCells(group, s),
      ...(several ? [text(group.setups.find((x) => x.id === s.setup)!.label)] : []),
      figure(s.peak_throughput_tok_s, formatTokS),
      loadOf(peak, `#${runAnchor(peak.id)}`),
      s.load !== null
        ? figure(s.load, s.axis === 'concurrency' ? formatInt : formatRate, { link: `#${runAnchor(s.point)}` })
        : text(`not saturated up to ${s.axis === 'concurrency' ? formatInt(s.not_saturated_up_to) : formatRate(s.not_saturated_up_to)}`, { value: null, tone: 'muted' }),
    ];
    return { cells };
  });
  const axes = new Set(group.saturation.map((s) => s.axis));
  const axis = axes.size === 1 ? axisWords([...axes][0]!) : 'load';
  return {
    id: 'saturation',
    caption: `Saturation of ${group.gpu}, ${group.workload}: the lowest ${axis} reaching 90% of each series' peak (stable runs)`,
    columns: [
      ...tokensColumns(group),
      ...(several ? [setupColumn] : []),
      { key: 'peak_throughput_tok_s', label: 'Peak throughput (tok/s)', numeric: true },
      { key: 'peak_load', label: 'Peak at', numeric: true },
      { key: 'saturation_load', label: `Saturates at ${axis}`, numeric: true, wrap: true },
    ],
    rows,
    csv: paths.file(paths.group(group), 'saturation.csv'),
  };
}

/** What a run is to the report: recommended, a sweet spot, the closest, on the frontier, a ridge… */
export function roleText(group: GroupReport, point: Point): string {
  const roles: string[] = [];
  const rank = group.sweet_spots.indexOf(point.id);
  if (point.id === group.recommendation) roles.push('recommended');
  else if (rank >= 0) roles.push(`sweet spot ${rank + 1}`);
  if (point.id === group.closest) roles.push('closest to the SLO');
  if (point.load.axis === 'unbounded') roles.push('ceiling (unbounded load)');
  if (!point.reached_load) roles.push('load not reached');
  if (point.on_frontier) roles.push('frontier');
  if (point.jitter_ridge) roles.push('jitter ridge');
  if (group.slo.measured && !point.meets_slo && point.stable && point.slo_latency_ms !== null && point.slo_latency_ms > group.slo.threshold_ms) roles.push('over the SLO');
  return roles.join('; ');
}

function rangeText(range: [number, number] | null, format: (v: number) => string): string | null {
  return range === null ? null : `${format(range[0])}–${format(range[1])}`;
}

/** The table of every run of a group, failed and OOM runs included, with provenance. */
export function runsTable(context: TableContext, group: GroupReport): TableModel {
  const points = group.points;
  const slo = group.slo;
  const extra = shownLatencies(group);
  const several = group.setups.length > 1;
  const hasRequests = points.some((p) => p.requests !== null);
  const hasFailed = points.some((p) => p.failed !== null);
  const repeated = points.some((p) => p.n > 1);
  const columns: Column[] = [
    { key: 'load', label: loadHeader(group), numeric: true },
    ...tokensColumns(group),
    ...(several ? [setupColumn] : []),
    { key: 'status', label: 'Status', numeric: false },
    { key: 'throughput_tok_s', label: 'Throughput (tok/s)', numeric: true },
    ...sloColumns(group),
    ...extra.map((m) => ({ key: m, label: `${metricLabel(m)} (ms)`, numeric: true })),
  ];
  if (hasRequests) columns.push({ key: 'requests', label: 'Requests', numeric: true });
  if (hasFailed) columns.push({ key: 'failed', label: 'Failed', numeric: true });
  if (repeated) {
    columns.push(
      { key: 'n', label: 'n', numeric: true },
      { key: 'throughput_range', label: 'Throughput min–max', numeric: true },
      { key: 'latency_range', label: `${slo.measured ? metricLabel(slo.metric) : 'Latency'} min–max`, numeric: true },
    );
  }
  columns.push({ key: 'role', label: 'Role', numeric: false, wrap: true }, { key: 'source', label: 'Source (file:line)', numeric: false, wrap: true });

  const rows: Row[] = points.map((p) => {
    const finished = p.status === 'ok';
    const throughput = finished
      ? measured(context.gaps, p.throughput_tok_s, formatTokS, { group: group.slug, point: p.id, field: 'throughput_tok_s' })
      : p.throughput_tok_s !== null ? figure(p.throughput_tok_s, formatTokS) : absent(true, `the run ended with status ${p.status}`);
    const cells: Cell[] = [
      loadOf(p),
      ...tokensCells(group, p),
      ...(several ? [text(setupOf(group, p).label)] : []),
      text(statusCell(p), { tone: p.stable ? 'good' : 'bad' }),
      throughput,
      ...sloCells(context, group, p),
      ...extra.map((m) => (p.stable
        ? measured(context.gaps, p.latency[m], formatMs, { group: group.slug, point: p.id, field: m })
        : p.latency[m] !== undefined ? figure(p.latency[m]!, formatMs) : absent(true, 'the run did not finish cleanly'))),
    ];
    if (hasRequests) cells.push(p.requests === null ? absent() : figure(p.requests, formatInt));
    if (hasFailed) cells.push(p.failed === null ? absent() : figure(p.failed, formatInt));
    if (repeated) {
      cells.push(figure(p.n, formatInt));
      const t = p.n > 1 ? rangeText(p.spread.throughput_tok_s, formatTokS) : null;
      const l = p.n > 1 ? rangeText(p.spread.slo_latency_ms, formatMs) : null;
      cells.push(t ? { ...text(t), numeric: true } : text(p.n > 1 ? '–' : 'single run', { tone: 'muted', value: null }));
      cells.push(l ? { ...text(l), numeric: true } : text(p.n > 1 ? '–' : 'single run', { tone: 'muted', value: null }));
    }
    const role = roleText(group, p);
    cells.push(role ? text(role) : absent(false));
    cells.push(text(sourcesWords(p.sources)));
    return { id: runAnchor(p.id), cells, highlight: p.id === group.recommendation || p.id === group.closest };
  });
  const runs = points.reduce((sum, p) => sum + p.n, 0);
  return {
    id: 'runs',
    // The paragraph above the table says that failed and OOM runs are in it and how repeats merge.
    caption: `Every run of ${group.gpu}, ${group.workload} (${plural(runs, 'run')}${repeated ? ` in ${plural(points.length, 'point')}` : ''})`,
    columns,
    rows,
    csv: paths.file(paths.group(group), 'runs.csv'),
  };
}

/** One key figure of a page: a label and a cell. */
export interface Fact {
  label: string;
  cell: Cell;
}

/** Max stable load of a setup in words. */
export function maxStableWords(group: GroupReport): string {
  const s = group.max_stable_load;
  if (s !== null) return loadValueWords(s.axis, s.value);
  const setup = group.setups.find((x) => x.id === group.headline_setup)!;
  if (onlyUnbounded(group)) return 'none: this setup ran only at unbounded load';
  return `none: no ${axisWords(setup.axis)} at which every run was stable`;
}

/** Whether the headline setup ran only at unbounded load: no load axis to be stable on, which is not an unstable sweep. */
function onlyUnbounded(group: GroupReport): boolean {
  return group.points.every((p) => p.setup !== group.headline_setup || p.load.axis === 'unbounded');
}

/** How a missing max stable load is toned: a failure when runs were unstable, muted when there was no load axis. */
export function maxStableTone(group: GroupReport): 'bad' | 'muted' {
  return onlyUnbounded(group) ? 'muted' : 'bad';
}

/** The key facts of a group page. */
export function groupFacts(context: TableContext, group: GroupReport): Fact[] {
  const facts: Fact[] = [];
  const slo = group.slo;
  const rec = group.recommendation ? pointById(group, group.recommendation) : null;
  const several = group.setups.length > 1;
  facts.push({
    label: 'Recommended',
    cell: rec
      ? text(`${runName(rec, 'setting')}${several ? ` (${setupOf(group, rec).label})` : ''}`, { link: `#${runAnchor(rec.id)}` })
      : (slo.measured ? text('none met the SLO', { tone: 'bad' }) : text('not judged', { tone: 'muted' })),
  });
  if (rec) {
    facts.push({ label: 'Throughput at the recommendation', cell: figure(rec.throughput_tok_s!, (v) => tokS(v)) });
    if (judgedOnRequests(slo)) {
      facts.push({ label: 'Within the SLO at the recommendation', cell: figure((rec.slo_attainment ?? 0) * 100, (v) => `${formatPct(v)} of requests`) });
    } else {
      facts.push({ label: `${metricLabel(slo.metric)} at the recommendation`, cell: measured(context.gaps, rec.slo_latency_ms, (v) => `${ms(v)} (${headroom(rec.headroom_pct)})`, { group: group.slug, point: rec.id, field: slo.metric }) });
    }
  }
  const judged = sloJudgedWords(slo);
  facts.push({ label: 'SLO', cell: text(slo.kind === 'percentile' && slo.measured ? `${formatSlo(slo)} (${slo.metric})` : judged ? `${formatSlo(slo)} (${judged})` : formatSlo(slo)) });
  const peak = group.max_throughput ? pointById(group, group.max_throughput.point) : null;
  facts.push({
    label: 'Peak throughput (stable runs)',
    cell: peak
      ? text(`${tokS(group.max_throughput!.value)} at ${runName(peak, 'short')}${several ? ` (${setupOf(group, peak).label})` : ''}`, { link: `#${runAnchor(peak.id)}` })
      : text('no stable run', { tone: 'bad' }),
  });
  const stable = group.max_stable_load;
  facts.push({
    label: `Max stable ${stable ? axisWords(stable.axis) : 'load'}${several ? (group.recommendation ? ' (recommended setup)' : ' (setup of the peak)') : ''}`,
    cell: stable ? figure(stable.value, stable.axis === 'concurrency' ? formatInt : formatRate) : text(maxStableWords(group), { tone: maxStableTone(group) }),
  });
  const s = group.headline_saturation;
  facts.push({
    label: 'Saturation',
    cell: s === null
      ? text('too few loads to tell: no series has two stable loads', { tone: 'muted' })
      : text(`${saturationWords(s)}${s.max_new_tokens !== null ? ` (max_tokens ${formatInt(s.max_new_tokens)})` : ''}`),
  });
  const runs = group.points.reduce((sum, p) => sum + p.n, 0);
  const unstable = group.points.filter((p) => !p.stable).length;
  // Points are named only when repeats merged some runs: "4 runs in 4 points" says nothing.
  const points = runs === group.points.length ? '' : ` in ${plural(group.points.length, 'point')}`;
  facts.push({ label: 'Runs', cell: text(`${plural(runs, 'run')}${points}${unstable ? `, ${formatInt(unstable)} not stable` : ''}`) });
  // The first few by name; every setup is in the table of every run.
  if (several) facts.push({ label: 'Setups', cell: text(`${plural(group.setups.length, 'setup')}, never merged: ${someOf(group.setups.map((x) => x.label), 3)}`) });
  return facts;
}

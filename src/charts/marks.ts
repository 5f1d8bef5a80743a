/**
 * Marks shared by the charts: series, failed runs, ceiling runs, sweet-spot and recommendation
 * rings, the SLO rule and point tooltips. Each takes plain rows with x and y already chosen by the
 * chart; labels next to data are handed to labelMarks (placement.ts) to be placed clear of it.
 */
import type * as Plot from '@observablehq/plot';
import { plotModule } from './plot.ts';
import { setupOf } from '../core/analysis/group.ts';
import { boundMs, metricLabel, ms, plural, runName, tokS } from '../core/phrases.ts';
import type { GroupReport, GroupSlo, LatencyMetric, Point } from '../core/types.ts';
import { CEILING_RADIUS, RING_RADIUS, type LegendItem } from './legend.ts';
import { CEILING_SYMBOL, failureLabel, FAILURE_COLOR, FAILURE_SYMBOL } from './palette.ts';
import { WIDE, type ChartSize } from './layout.ts';
import type { LabelRequest, Obstacles, RuleObstacle } from './placement.ts';
import type { RunRef, TipRequest } from './tips.ts';

/** A charted point: coordinates, series key (colour and symbol), line key and tooltip. */
export interface Datum {
  x: number;
  y: number;
  /** The legend entry it belongs to: decides its colour and symbol. */
  series: string;
  /** The line it is joined into: one per series of one setup, output length and load axis. */
  line: string;
  title: string;
  /** The run drawn, for its hover label's link. */
  run?: RunRef;
}

/** A run drawn as a failure; y is null when the metric was not recorded. */
export interface FailureDatum {
  x: number;
  y: number | null;
  label: string;
  title: string;
  run?: RunRef;
}

const x = (d: { x: number }) => d.x;
const y = (d: { y: number | null }) => d.y;
const title = (d: { title: string }) => d.title;

/** Radius of a series dot. */
export const DOT_RADIUS = 4;
/** Radius of a failure ✕. */
export const FAILURE_RADIUS = 5;

/**
 * Tooltip of a point: its setup (when the group has several), where it sits, what it measured
 * and, if so, why it is drawn as a failure.
 */
export function pointTitle(group: Pick<GroupReport, 'setups'>, point: Point, metric: LatencyMetric | null): string {
  const setup = group.setups.length > 1 ? `${setupOf(group, point).label}, ` : '';
  const throughput = point.throughput_tok_s === null ? `throughput ${tokS(null)}` : tokS(point.throughput_tok_s);
  const latency = metric === null ? '' : `, ${metricLabel(metric)} ${ms(point.latency[metric])}`;
  const state = !point.stable
    ? ` (not stable: ${failureLabel(point)})`
    : !point.reached_load
      ? ` (load not reached: ${point.requests === null ? 'too few requests' : plural(point.requests, 'request')} completed)`
      : '';
  return `${setup}${runName(point, 'prose')}: ${throughput}${latency}${state}`;
}

/** The latency a point shows for a metric, or null (no metric, or not recorded). */
export function latencyOf(point: Point, metric: LatencyMetric | null): number | null {
  if (metric === null) return null;
  const value = point.latency[metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Marks of failed runs, the labels they ask to have placed, and what labels must avoid. */
export interface FailureLayer {
  marks: Plot.Markish[];
  labels: LabelRequest[];
  points: Obstacles['points'];
  topLabels: Obstacles['topLabels'];
  /** Hover labels of the ✕ marks, where they are drawn. */
  tips: TipRequest[];
}

/** Hover labels of drawn points (series dots, ceiling squares). */
export function dataTips(data: readonly Datum[], r: number): TipRequest[] {
  return data.map((d) => ({ x: d.x, y: d.y, title: d.title, run: d.run ?? null, r }));
}

/** Text under a ✕ along the top edge: a ✕ there could pass for a measured value. */
export const TOP_NOTE = 'not measured';

/**
 * Failed runs as hollow red ✕ with the reason beside them. Runs that recorded no value are drawn
 * on the zero line (`floor`, for throughput: nothing was delivered) or along the top edge (`top`,
 * for latency: zero would read as fast). Labels next to a value are placed clear of data
 * (labelMarks); those on the top edge sit under their ✕.
 */
export function failureMarks(data: readonly FailureDatum[], missing: 'floor' | 'top'): FailureLayer {
  if (data.length === 0) return { marks: [], labels: [], points: [], topLabels: [], tips: [] };
  const measured = data.filter((d) => d.y !== null) as (FailureDatum & { y: number })[];
  const unmeasured = stackAtX(data.filter((d) => d.y === null));
  const symbol = { symbol: FAILURE_SYMBOL, r: FAILURE_RADIUS, stroke: FAILURE_COLOR, strokeWidth: 2 } as const;
  const label = (d: FailureDatum & { y: number }, sides: LabelRequest['sides']): LabelRequest => ({
    x: d.x, y: d.y, text: d.label, sides, clearance: FAILURE_RADIUS, fill: FAILURE_COLOR,
  });
  // Below the ✕ first: a failed run usually sits under the stable point its series reached before.
  const labels = measured.map((d) => label(d, ['below', 'below-right', 'below-left', 'right', 'left', 'above']));
  const marks: Plot.Markish[] = [plotModule().dot(measured, { x, y, ...symbol, title })];
  const points = measured.map((d) => ({ x: d.x, y: d.y, r: FAILURE_RADIUS }));
  if (missing === 'floor') {
    const floor = unmeasured.map((d) => ({ ...d, y: 0 }));
    marks.push(plotModule().dot(floor, { x, y, ...symbol, title }));
    labels.push(...floor.map((d) => label(d, ['above', 'above-right', 'above-left', 'right', 'left'])));
    points.push(...floor.map((d) => ({ x: d.x, y: 0, r: FAILURE_RADIUS })));
    return { marks, labels, points, topLabels: [], tips: failureTips([...measured, ...floor]) };
  }
  marks.push(plotModule().dot(unmeasured, { x, frameAnchor: 'top', dy: TOP_MARK_DY, ...symbol, title }));
  // Under their ✕ when there is room (placed like every label, so neighbours on a log axis never run together).
  labels.push(...unmeasured.map((d): LabelRequest => ({
    x: d.x, y: 0, atTop: true, text: `${d.label}, ${TOP_NOTE}`, sides: ['below', 'below-right', 'below-left'], clearance: FAILURE_RADIUS, fill: FAILURE_COLOR,
  })));
  return { marks, labels, points, topLabels: [], tips: failureTips([...measured, ...unmeasured]) };
}

function failureTips(data: readonly FailureDatum[]): TipRequest[] {
  return data.map((d) => ({ x: d.x, y: d.y, title: d.title, run: d.run ?? null, r: FAILURE_RADIUS }));
}

/** How far under the frame's top edge a ✕ of a run with no value sits (px). */
export const TOP_MARK_DY = 8;

// Runs with no value share one spot per x (several series often OOM at the same concurrency):
// one ✕ labelled `OOM ×2`, every run in its tooltip, rather than labels printed over each other.
function stackAtX(rows: readonly FailureDatum[]): FailureDatum[] {
  const byX = new Map<number, FailureDatum[]>();
  for (const row of rows) byX.set(row.x, [...(byX.get(row.x) ?? []), row]);
  return [...byX.values()].map((group) => {
    if (group.length === 1) return group[0]!;
    const labels = [...new Set(group.map((d) => d.label))];
    return {
      x: group[0]!.x,
      y: null,
      label: labels.length === 1 ? `${labels[0]} ×${group.length}` : `${labels.join(', ')}`,
      title: group.map((d) => d.title).join('\n'),
      ...(group[0]!.run ? { run: group[0]!.run } : {}),
    };
  });
}

/** Dashed rings around the sweet spots and solid rings around recommendations. */
export function ringMarks(sweetSpots: readonly Datum[], recommended: readonly Datum[]): Plot.Markish[] {
  return [
    plotModule().dot(sweetSpots, { x, y, r: RING_RADIUS, stroke: 'currentColor', strokeDasharray: '3,2', title }),
    plotModule().dot(recommended, { x, y, r: RING_RADIUS, stroke: 'currentColor', strokeWidth: 2, title }),
  ];
}

/**
 * The label of a lone recommendation, up and to the left first (where a rising curve or a Pareto
 * frontier leaves room), then wherever nothing is: clear of the SLO rule, points and lines, or left
 * to the legend when nothing is free.
 * Several recommendations (one per GPU) are left to the legend.
 */
export function recommendedLabel(recommended: readonly Datum[], text = 'recommended'): LabelRequest[] {
  const only = recommended.length === 1 ? recommended[0]! : null;
  if (!only) return [];
  return [{
    x: only.x,
    y: only.y,
    text,
    sides: ['above-left', 'above-right', 'below-left', 'below-right', 'left', 'right', 'above', 'below'],
    clearance: RING_RADIUS,
    fill: 'currentColor',
    bold: true,
    // The legend names the solid ring: without a free spot the word is left out, not printed over data.
    optional: true,
  }];
}

/** Ceiling runs (unbounded load) as hollow squares: what the GPU can do, not where to run it. */
export function ceilingMarks(data: readonly Datum[]): Plot.Markish[] {
  return [plotModule().dot(data, { x, y, symbol: CEILING_SYMBOL, r: CEILING_RADIUS, stroke: 'currentColor', strokeWidth: 1.5, fill: 'none', title })];
}

/** An SLO rule: its threshold (ms) and the two lines of its label. */
export interface SloRule {
  threshold: number;
  lines: [string, string];
}

/**
 * The threshold a latency chart can draw as the SLO rule: only when the SLO was judged and the
 * chart plots its metric. A joint SLO's rule is the bound on that metric, one of several.
 */
export function sloRule(slo: GroupSlo, metric: LatencyMetric | null): SloRule | null {
  if (!slo.measured || metric === null || metric !== slo.metric) return null;
  return { threshold: slo.threshold_ms, lines: [slo.kind === 'attainment' ? 'SLO bound' : 'SLO', `≤ ${boundMs(slo.threshold_ms)}`] };
}

const RULE = { stroke: FAILURE_COLOR, strokeDasharray: '6,4', strokeWidth: 1.5 } as const;
const RULE_TEXT = { fill: FAILURE_COLOR, fontWeight: 600 } as const;

/** The SLO threshold as a horizontal rule (latency on y), labelled in the right margin, clear of data; narrow charts name it in the legend. */
export function sloRuleY(rule: SloRule | null, size: ChartSize = WIDE): Plot.Markish[] {
  if (!rule) return [];
  const line = plotModule().ruleY([rule.threshold], { y: (d: number) => d, ...RULE });
  if (size.sloLabel === 'legend') return [line];
  return [
    line,
    // Two lines fit the right margin: "SLO" over "≤ 2000 ms".
    plotModule().text([rule.threshold], { y: (d: number) => d, frameAnchor: 'right', textAnchor: 'start', lineAnchor: 'middle', dx: 6, ...RULE_TEXT, text: () => rule.lines.join('\n') }),
  ];
}

/** The SLO threshold as a vertical rule (latency on x), labelled above the frame, clear of data; narrow charts name it in the legend. */
export function sloRuleX(rule: SloRule | null, size: ChartSize = WIDE): Plot.Markish[] {
  if (!rule) return [];
  const line = plotModule().ruleX([rule.threshold], { x: (d: number) => d, ...RULE });
  if (size.sloLabel === 'legend') return [line];
  return [line, plotModule().text([rule.threshold], { x: (d: number) => d, frameAnchor: 'top', lineAnchor: 'bottom', dy: -5, ...RULE_TEXT, text: () => rule.lines.join(' ') })];
}

/** The legend entry of the SLO rule on a chart that names it there (narrow), else nothing. */
export function sloLegend(rule: SloRule | null, size: ChartSize): LegendItem[] {
  return rule && size.sloLabel === 'legend' ? [{ kind: 'slo', label: rule.lines.join(' ') }] : [];
}

/** The rule as label placement must avoid it: its own label only where it is drawn beside it. */
export function ruleObstacle(rule: SloRule | null, size: ChartSize): RuleObstacle | null {
  if (!rule) return null;
  return size.sloLabel === 'legend' ? { threshold: rule.threshold, lines: [] } : rule;
}

/**
 * Series lines and their dots, coloured and shaped by the series' ordinal scales. Lines are split
 * by `line`, so two setups (or two load axes) sharing a legend colour are never joined.
 */
export function seriesMarks(data: readonly Datum[]): Plot.Markish[] {
  const series = (d: Datum) => d.series;
  return [
    plotModule().line(data, { x, y, z: (d: Datum) => d.line, stroke: series, strokeWidth: 2 }),
    plotModule().dot(data, { x, y, stroke: series, fill: series, symbol: series, r: DOT_RADIUS, title }),
  ];
}

/** The polylines seriesMarks draws, one per line key in x order, for label placement to avoid. */
export function seriesLines(data: readonly Datum[]): { x: number; y: number }[][] {
  const lines = new Map<string, { x: number; y: number }[]>();
  for (const d of data) lines.set(d.line, [...(lines.get(d.line) ?? []), { x: d.x, y: d.y }]);
  return [...lines.values()].map((line) => line.sort((a, b) => a.x - b.x));
}

/** Ordinal colour and symbol scales over the series keys, so lines, dots and legend agree. */
export function seriesScales(keys: readonly { key: string; color: string; symbol: string }[]): Pick<Plot.PlotOptions, 'color' | 'symbol'> {
  return {
    color: { type: 'ordinal', domain: keys.map((k) => k.key), range: keys.map((k) => k.color) },
    symbol: { type: 'ordinal', domain: keys.map((k) => k.key), range: keys.map((k) => k.symbol) },
  };
}

/** Rows in ascending x (then y), the order a line must visit them in. */
export function sortByX<T extends { x: number; y: number | null }>(rows: T[]): T[] {
  return rows.sort((a, b) => a.x - b.x || (a.y ?? 0) - (b.y ?? 0));
}

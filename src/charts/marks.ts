/**
 * Annotation marks shared by the charts: failed runs, sweet-spot and recommendation rings, the SLO
 * rule and point tooltips. Each takes plain rows with x and y already chosen by the chart.
 */
import * as Plot from '@observablehq/plot';
import { formatMs, formatTokS, NOT_MEASURED } from '../core/format.ts';
import { loadLabel, metricLabel } from '../core/labels.ts';
import type { LatencyMetric, Point } from '../core/types.ts';
import { failureLabel, FAILURE_COLOR, FAILURE_SYMBOL } from './palette.ts';
import { RING_RADIUS } from './legend.ts';

/** A charted point: coordinates, series key and tooltip. */
export interface Datum {
  x: number;
  y: number;
  series: string;
  title: string;
}

/** A run that did not finish cleanly; y is null when the metric was not recorded. */
export interface FailureDatum {
  x: number;
  y: number | null;
  label: string;
  title: string;
}

// A halo in the page background keeps labels legible where they cross lines and grid.
const HALO = { stroke: 'var(--plot-background)', strokeWidth: 3 } as const;

const x = (d: { x: number }) => d.x;
const y = (d: { y: number | null }) => d.y;
const title = (d: { title: string }) => d.title;

/** Series label of a max_new_tokens value, as the legend and tooltips show it. */
export function tokensLabel(maxNewTokens: number | null): string {
  return maxNewTokens === null ? 'max_new_tokens not set' : `${maxNewTokens} tokens`;
}

/** Tooltip of a point: where it sits, what it measured and, if so, why it is not stable. */
export function pointTitle(point: Point, metric: LatencyMetric): string {
  const where = `${loadLabel(point)} × ${tokensLabel(point.max_new_tokens)}`;
  const throughput = point.throughput_tok_s === null ? `throughput ${NOT_MEASURED}` : `${formatTokS(point.throughput_tok_s)} tok/s`;
  const latency = point.slo_latency_ms === null ? `${metricLabel(metric)} ${NOT_MEASURED}` : `${metricLabel(metric)} ${formatMs(point.slo_latency_ms)} ms`;
  const state = point.stable ? '' : ` (not stable: ${failureLabel(point)})`;
  return `${where}: ${throughput}, ${latency}${state}`;
}

/**
 * Failed runs as hollow red ✕ with the reason beside them. Runs that recorded no value are drawn
 * on the zero line (`floor`, for throughput: nothing was delivered) or along the top edge (`top`,
 * for latency: zero would read as fast).
 */
export function failureMarks(data: readonly FailureDatum[], missing: 'floor' | 'top'): Plot.Markish[] {
  if (data.length === 0) return [];
  const measured = data.filter((d) => d.y !== null);
  const unmeasured = stackAtX(data.filter((d) => d.y === null));
  const symbol = { symbol: FAILURE_SYMBOL, r: 5, stroke: FAILURE_COLOR, strokeWidth: 2 } as const;
  const text = { text: (d: FailureDatum) => d.label, fill: FAILURE_COLOR, ...HALO } as const;
  const marks: Plot.Markish[] = [
    Plot.dot(measured, { x, y, ...symbol, title }),
    // Below the ✕: a failed run usually sits under the stable point its series reached before.
    Plot.text(measured, { x, y, ...text, dy: 15 }),
  ];
  if (missing === 'floor') {
    const floor = unmeasured.map((d) => ({ ...d, y: 0 }));
    marks.push(Plot.dot(floor, { x, y, ...symbol, title }), Plot.text(floor, { x, y, ...text, dy: -13 }));
  } else {
    marks.push(
      Plot.dot(unmeasured, { x, frameAnchor: 'top', dy: 8, ...symbol, title }),
      // Along the top edge a ✕ could pass for a measured value; the label says it is not.
      Plot.text(unmeasured, { x, frameAnchor: 'top', dy: 16, lineAnchor: 'top', ...text, text: (d: FailureDatum) => `${d.label}\nnot measured` }),
    );
  }
  return marks;
}

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
    };
  });
}

/**
 * Dashed rings around the sweet spots and solid rings around recommendations. A lone
 * recommendation is labelled up and to the left, where a rising curve (or a Pareto frontier) leaves
 * room, or to the right when it is the leftmost run; several (one per GPU) are left to the legend.
 */
export function ringMarks(sweetSpots: readonly Datum[], recommended: readonly Datum[], xs: readonly number[], label = 'recommended'): Plot.Markish[] {
  const marks: Plot.Markish[] = [
    Plot.dot(sweetSpots, { x, y, r: RING_RADIUS, stroke: 'currentColor', strokeDasharray: '3,2', title }),
    Plot.dot(recommended, { x, y, r: RING_RADIUS, stroke: 'currentColor', strokeWidth: 2, title }),
  ];
  const only = recommended.length === 1 ? recommended[0]! : null;
  if (only) {
    const leftmost = xs.every((value) => value >= only.x);
    marks.push(
      Plot.text([only], {
        x,
        y,
        text: () => label,
        textAnchor: leftmost ? 'start' : 'end',
        dx: leftmost ? RING_RADIUS - 2 : -(RING_RADIUS - 2),
        dy: -(RING_RADIUS + 6),
        fontWeight: 600,
        fill: 'currentColor',
        ...HALO,
      }),
    );
  }
  return marks;
}

/** Text of the SLO rule, e.g. `SLO ≤ 2000 ms`. */
export function sloText(thresholdMs: number): string {
  return `SLO ≤ ${formatMs(thresholdMs)} ms`;
}

const RULE = { stroke: FAILURE_COLOR, strokeDasharray: '6,4', strokeWidth: 1.5 } as const;
const RULE_TEXT = { fill: FAILURE_COLOR, fontWeight: 600, text: (d: number) => sloText(d) } as const;

/** The SLO threshold as a horizontal rule (latency on y), labelled in the right margin, clear of data. */
export function sloRuleY(thresholdMs: number): Plot.Markish[] {
  return [
    Plot.ruleY([thresholdMs], { y: (d: number) => d, ...RULE }),
    Plot.text([thresholdMs], {
      y: (d: number) => d,
      frameAnchor: 'right',
      textAnchor: 'start',
      lineAnchor: 'middle',
      dx: 6,
      ...RULE_TEXT,
      // Two lines fit the right margin: "SLO" over "≤ 2000 ms".
      text: (d: number) => sloText(d).replace(' ', '\n'),
    }),
  ];
}

/** The SLO threshold as a vertical rule (latency on x), labelled above the frame, clear of data. */
export function sloRuleX(thresholdMs: number): Plot.Markish[] {
  return [
    Plot.ruleX([thresholdMs], { x: (d: number) => d, ...RULE }),
    Plot.text([thresholdMs], { x: (d: number) => d, frameAnchor: 'top', lineAnchor: 'bottom', dy: -5, ...RULE_TEXT }),
  ];
}

/** Series lines and their dots, coloured and shaped by the series' ordinal scales. */
export function seriesMarks(data: readonly Datum[]): Plot.Markish[] {
  const series = (d: Datum) => d.series;
  return [
    Plot.line(data, { x, y, z: series, stroke: series, strokeWidth: 2 }),
    Plot.dot(data, { x, y, stroke: series, fill: series, symbol: series, r: 4, title }),
  ];
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

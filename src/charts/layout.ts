/**
 * Defaults every chart shares (size, margins, type sizes) and the load axis: concurrency for
 * closed-loop sweeps, request rate for open-loop ones, never both on one chart. One place, so the
 * three charts of a group page line up and read alike.
 */
import type * as Plot from '@observablehq/plot';
import { majorityAxis } from '../core/analysis/setups.ts';
import { formatInt, formatNumber } from '../core/format.ts';
import { axisWords } from '../core/phrases.ts';
import type { LoadAxis as CoreLoadAxis, Point } from '../core/types.ts';
import { textWidth } from './text.ts';

/** Chart width in SVG units; pages scale it down with `max-width: 100%`. */
export const WIDTH = 720;
/** Height of the plotting area plus axes, before the legend rows are added on top. */
export const HEIGHT = 380;
/** Type size of tick labels and annotations (px); the renderer sets it on the root. */
export const FONT_SIZE = 12;
/**
 * Margins leave room for a rotated y label, four-digit ticks and the centred x label; the right
 * margin holds the SLO label so it never sits on top of data. Same on every chart, so the x axes
 * of a page's charts line up.
 */
export const MARGIN = { left: 76, right: 84, bottom: 52, top: 26 } as const;
/** Pixels kept free at both ends of the x range so rings and labels at the edges are not cut. */
export const X_INSET = 30;
/** Room under the top margin given to each legend row. */
export const LEGEND_ROW = 22;

/**
 * The size a chart is drawn for. Pages show the wide one and swap in the narrow one on phones
 * (chosen by CSS): a 720-unit chart scaled to a 317 px column would print its 12 px text at 5 px,
 * where a 360-unit one keeps it above 10 px.
 */
export interface ChartSize {
  name: 'wide' | 'narrow';
  width: number;
  /** Height of the plotting area plus axes, before legend rows. */
  height: number;
  margin: { left: number; right: number; bottom: number; top: number };
  /** Pixels kept free at both ends of the x range. */
  inset: number;
  /**
   * Where the SLO rule's label goes: beside the rule, in the margin (wide), or into the legend
   * (narrow: no margin to spare, and inside the frame it would sit on data).
   */
  sloLabel: 'margin' | 'legend';
}

/** The desktop chart: 720 units, the SLO label in the right margin. */
export const WIDE: ChartSize = { name: 'wide', width: WIDTH, height: HEIGHT, margin: MARGIN, inset: X_INSET, sloLabel: 'margin' };

/** The phone chart: 360 units, drawn for a column of 317–480 px, so 12 px text renders at 10.5 px or more. */
export const NARROW: ChartSize = { name: 'narrow', width: 360, height: 300, margin: { left: 62, right: 14, bottom: 48, top: 26 }, inset: 14, sloLabel: 'legend' };

/** Axis label of throughput on every chart. */
export const THROUGHPUT_LABEL = 'Throughput (tok/s)';
/** Axis label of the closed-loop load. */
export const CONCURRENCY_LABEL = `${capitalise(axisWords('concurrency'))} (requests in flight)`;
/** Axis label of the open-loop load. */
export const RATE_LABEL = `${capitalise(axisWords('request_rate'))} (req/s)`;

/** Pixels kept between two tick labels; closer than this they read as one number ("320384"). */
export const TICK_GAP = 8;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Tick label of a latency: a whole number of ms as it is (`5`, `4570`), decimals only on ticks that have them. */
export function msTick(value: number): string {
  return Number.isInteger(value) ? formatInt(value) : formatNumber(value);
}

/** How a group's points are placed along x: by concurrency or by request rate, never both. */
export interface LoadAxis {
  axis: CoreLoadAxis;
  label: string;
  /** The x value of a point, or null when the point is not on this axis. */
  of: (point: Pick<Point, 'load'>) => number | null;
  /** Points charted on this axis. */
  placed: number;
  /** Points driven on the other axis, and ceiling runs (unbounded load): left for the tables. */
  other: number;
  unbounded: number;
}

/**
 * The axis most of the points were driven on (concurrency on a tie, as the core decides a setup's
 * axis). Points on the other axis are never given an invented load: they and the ceiling runs are
 * counted so the caption can point to the tables.
 */
export function loadAxis(points: readonly Pick<Point, 'load'>[]): LoadAxis {
  return axisOf(majorityAxis(points), points);
}

/** The placement of points on a given load axis. */
export function axisOf(axis: CoreLoadAxis, points: readonly Pick<Point, 'load'>[]): LoadAxis {
  const of = (p: Pick<Point, 'load'>) => (p.load.axis === axis ? p.load.value : null);
  const placed = points.filter((p) => isFiniteNumber(of(p))).length;
  const unbounded = points.filter((p) => p.load.axis === 'unbounded').length;
  return {
    axis,
    label: axis === 'concurrency' ? CONCURRENCY_LABEL : RATE_LABEL,
    of,
    placed,
    other: points.length - placed - unbounded,
    unbounded,
  };
}

/** True for a number that can become a coordinate (not null, NaN or ±Infinity). */
export function isFiniteNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Ticks whose labels do not run into each other, first and last always kept: going left to right,
 * a tick is kept when its label clears the last kept one and the last tick's by `TICK_GAP`.
 * Widths are textWidth's estimate, which errs wide.
 */
export function thinTicks(ticks: readonly number[], position: (value: number) => number, label: (value: number) => string): number[] {
  if (ticks.length <= 2) return [...ticks];
  const span = (value: number): [number, number] => {
    const centre = position(value);
    const half = textWidth(label(value)) / 2;
    return [centre - half, centre + half];
  };
  const last = ticks[ticks.length - 1]!;
  const lastLeft = span(last)[0];
  const kept = [ticks[0]!];
  let right = span(ticks[0]!)[1];
  for (const value of ticks.slice(1, -1)) {
    const [left, end] = span(value);
    if (left >= right + TICK_GAP && end + TICK_GAP <= lastLeft) {
      kept.push(value);
      right = end;
    }
  }
  kept.push(last);
  return kept;
}

/**
 * The x scale of a load axis. Sweeps double the load (1, 2, 4 … 64), so a base-2 log scale gives
 * every doubling the same width: a linear axis would crush 1–8 into the left edge, and a point
 * scale would draw 1 → 4 as wide as 4 → 8 and hide a skipped step. Ticks sit on the tested values
 * only, so no untested load is suggested, thinned where their labels would collide. Narrow ranges
 * (max/min < 4) stay linear. The domain is set, not inferred, so the thinning knows where ticks fall.
 */
export function loadScale(axis: LoadAxis, values: readonly number[], size: ChartSize = WIDE): Plot.ScaleOptions {
  const tested = [...new Set(values.filter((v) => isFiniteNumber(v) && v > 0))].sort((a, b) => a - b);
  const tickFormat = (value: number) => (axis.axis === 'concurrency' && Number.isInteger(value) ? formatInt(value) : formatNumber(value));
  const base: Plot.ScaleOptions = { label: axis.label, labelAnchor: 'center', labelArrow: 'none', inset: size.inset, tickFormat };
  if (tested.length === 0) return base;
  const min = tested[0]!;
  const max = tested[tested.length - 1]!;
  const left = size.margin.left + size.inset;
  const right = size.width - size.margin.right - size.inset;
  const log = min !== max && max / min >= 4;
  if (min === max) return { ...base, type: 'log', base: 2, domain: [min / 2, min * 2], ticks: [min] };
  const position = log
    ? (v: number) => left + ((Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min))) * (right - left)
    : (v: number) => left + ((v - min) / (max - min)) * (right - left);
  const ticks = thinTicks(tested, position, tickFormat);
  return log ? { ...base, type: 'log', base: 2, domain: [min, max], ticks } : { ...base, type: 'linear', domain: [min, max], ticks };
}

/** The y scale of throughput: from zero, so heights compare honestly and failed runs sit on the floor. */
export function throughputScale(): Plot.ScaleOptions {
  return { label: THROUGHPUT_LABEL, labelAnchor: 'center', labelArrow: 'none', zero: true, nice: true, grid: true, tickFormat: formatNumber };
}

/** A latency scale (ms) from zero, so the SLO threshold is seen against the whole range. */
export function latencyScale(label: string): Plot.ScaleOptions {
  return { label, labelAnchor: 'center', labelArrow: 'none', zero: true, nice: true, grid: true, tickFormat: msTick };
}

/** The options every chart shares; `legendRows` grows the top margin to fit the legend. */
export function frame(legendRows: number, size: ChartSize = WIDE): Pick<Plot.PlotOptions, 'width' | 'height' | 'marginLeft' | 'marginRight' | 'marginBottom' | 'marginTop'> {
  const { margin } = size;
  const top = margin.top + legendRows * LEGEND_ROW;
  return {
    width: size.width,
    height: size.height + top - margin.top,
    marginLeft: margin.left,
    marginRight: margin.right,
    marginBottom: margin.bottom,
    marginTop: top,
  };
}

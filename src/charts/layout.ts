/**
 * Defaults every chart shares (size, margins, type sizes) and the load axis: concurrency for
 * closed-loop sweeps, request rate for open-loop ones. One place, so the three charts of a group
 * page line up and read alike.
 */
import type * as Plot from '@observablehq/plot';
import { formatInt, formatMs, formatNumber } from '../core/format.ts';
import type { Point } from '../core/types.ts';

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

/** Axis label of throughput on every chart. */
export const THROUGHPUT_LABEL = 'Throughput (tok/s)';
/** Axis label of the closed-loop load. */
export const CONCURRENCY_LABEL = 'Concurrency (requests in flight)';
/** Axis label of the open-loop load. */
export const RATE_LABEL = 'Request rate (req/s)';

/** Tick label of a latency: whole ms like the tables, decimals only where whole ms would repeat. */
export function msTick(value: number): string {
  return Number.isInteger(value) ? formatMs(value) : formatNumber(value);
}

/** How a set of points is placed along x: by concurrency or, for rate-driven runs, by request rate. */
export interface LoadAxis {
  kind: 'concurrency' | 'rate';
  label: string;
  /** The x value of a point, or null when the point cannot be placed on this axis. */
  of: (point: Pick<Point, 'concurrency' | 'request_rate'>) => number | null;
  /** Points charted on this axis and points left for the table (rate runs in a concurrency chart). */
  placed: number;
  omitted: number;
}

/**
 * Concurrency when any point has one, else request rate. Rate points are never given an invented
 * concurrency: in a mixed group they are counted as omitted so the caption can point to the table.
 */
export function loadAxis(points: readonly Pick<Point, 'concurrency' | 'request_rate'>[]): LoadAxis {
  const byConcurrency = points.some((p) => p.concurrency !== null);
  const of = byConcurrency
    ? (p: Pick<Point, 'concurrency' | 'request_rate'>) => p.concurrency
    : (p: Pick<Point, 'concurrency' | 'request_rate'>) => p.request_rate;
  const placed = points.filter((p) => isFiniteNumber(of(p))).length;
  return {
    kind: byConcurrency ? 'concurrency' : 'rate',
    label: byConcurrency ? CONCURRENCY_LABEL : RATE_LABEL,
    of,
    placed,
    omitted: points.length - placed,
  };
}

/** True for a number that can become a coordinate (not null, NaN or ±Infinity). */
export function isFiniteNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * The x scale of a load axis. Sweeps double the load (1, 2, 4 … 64), so a base-2 log scale gives
 * every doubling the same width: a linear axis would crush 1–8 into the left edge, and a point
 * scale would draw 1 → 4 as wide as 4 → 8 and hide a skipped step. Ticks sit on the tested values
 * only, so no untested load is suggested. Narrow ranges (max/min < 4) stay linear.
 */
export function loadScale(axis: LoadAxis, values: readonly number[]): Plot.ScaleOptions {
  const tested = [...new Set(values.filter((v) => isFiniteNumber(v) && v > 0))].sort((a, b) => a - b);
  const format = axis.kind === 'concurrency' ? formatInt : formatNumber;
  const tickFormat = (value: number) => (Number.isInteger(value) ? format(value) : formatNumber(value));
  const base: Plot.ScaleOptions = { label: axis.label, labelAnchor: 'center', labelArrow: 'none', inset: X_INSET, tickFormat };
  if (tested.length === 0) return base;
  const min = tested[0]!;
  const max = tested[tested.length - 1]!;
  const ticks = tested.length <= 12 ? tested : undefined;
  if (min === max) return { ...base, type: 'log', base: 2, domain: [min / 2, min * 2], ticks: [min] };
  if (max / min >= 4) return { ...base, type: 'log', base: 2, ticks };
  return { ...base, type: 'linear', ticks };
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
export function frame(legendRows: number): Pick<Plot.PlotOptions, 'width' | 'height' | 'marginLeft' | 'marginRight' | 'marginBottom' | 'marginTop'> {
  const top = MARGIN.top + legendRows * LEGEND_ROW;
  return {
    width: WIDTH,
    height: HEIGHT + top - MARGIN.top,
    marginLeft: MARGIN.left,
    marginRight: MARGIN.right,
    marginBottom: MARGIN.bottom,
    marginTop: top,
  };
}

/**
 * Turns a group's points into the rows the charts draw: series (one line per entry of
 * `group.series`), failed runs, ceiling runs, rings and the legend. Charts differ only in which
 * figure goes on x and y and which points they can place.
 */
import { formatInt } from '../core/format.ts';
import { tokensWords } from '../core/phrases.ts';
import { settingTitle } from '../core/settings.ts';
import type { GroupReport, LatencyMetric, Point } from '../core/types.ts';
import { isFiniteNumber } from './layout.ts';
import { CEILING_RADIUS, RING_RADIUS, type LegendItem } from './legend.ts';
import { dataTips, DOT_RADIUS, pointTitle, seriesLines, sortByX, type Datum, type FailureDatum, type FailureLayer } from './marks.ts';
import type { TipRequest } from './tips.ts';
import { failureLabel, isFailure, setupColor, setupSymbol, tokenColor, tokenSymbol, type SeriesDomains } from './palette.ts';
import { noObstacles, type Obstacles } from './placement.ts';

/** A legend entry of a series with its colour and symbol. */
export interface SeriesKey {
  key: string;
  color: string;
  symbol: string;
}

/** How a group names and styles its series: by max_new_tokens alone, or by setup (and tokens). */
export interface SeriesNaming {
  /** Legend heading: what varies between the series; empty when nothing does (no legend of series). */
  heading: string;
  /** What one line is, for captions: `max_new_tokens`, `setup`, `setup and max_new_tokens`. */
  per: string;
  keyOf: (point: Pick<Point, 'setup' | 'max_new_tokens'>) => SeriesKey;
}

/**
 * With one setup, a series is its max_new_tokens, coloured by the report-wide domain so one value
 * looks the same on every page. With several, it is named by the setup's label (plus the tokens
 * when the group has several), coloured per setup and shaped per max_new_tokens, or per setup
 * when the group has one output length (a second cue beside the colour).
 */
export function seriesNaming(group: Pick<GroupReport, 'setups' | 'naming' | 'max_new_tokens' | 'points'>, domains: SeriesDomains): SeriesNaming {
  if (group.setups.length <= 1) {
    // A setting no run sets tells no lines apart: no legend entry "max_new_tokens: not set".
    const unset = group.points.every((p) => p.max_new_tokens === null);
    return {
      heading: unset ? '' : 'max_new_tokens',
      per: unset ? '' : 'max_new_tokens',
      keyOf: (p) => ({
        key: p.max_new_tokens === null ? (unset ? 'all runs' : 'not set') : formatInt(p.max_new_tokens),
        color: tokenColor(p.max_new_tokens, domains.tokens),
        symbol: tokenSymbol(p.max_new_tokens, domains.tokens),
      }),
    };
  }
  const severalTokens = new Set(group.points.map((p) => p.max_new_tokens)).size > 1;
  const order = group.setups.map((s) => s.id);
  // The legend names what the setup labels name: the settings that tell the setups apart.
  const varies = group.naming.length ? group.naming.map(settingTitle).join(' · ') : 'Setup';
  return {
    heading: severalTokens ? `${varies} · max_new_tokens` : varies,
    per: severalTokens ? 'setup and max_new_tokens' : 'setup',
    keyOf: (p) => {
      const index = order.indexOf(p.setup);
      const label = group.setups[index]?.label ?? p.setup;
      return {
        key: severalTokens ? `${label} · ${tokensWords(p.max_new_tokens)}` : label,
        color: setupColor(index),
        symbol: severalTokens ? tokenSymbol(p.max_new_tokens, domains.tokens) : setupSymbol(index),
      };
    },
  };
}

/** Rows of one group's chart, split into the layers the charts draw. */
export interface GroupView {
  keys: SeriesKey[];
  /** Stable points with both coordinates, sorted by x: what the series lines connect. */
  stable: Datum[];
  /** Runs drawn as failures (not stable, or load not reached); y is null when not recorded. */
  failures: FailureDatum[];
  /** Failures that are only "load not reached", of `failures`. */
  notReached: number;
  /** Ceiling runs (unbounded load) with both coordinates. */
  ceilings: Datum[];
  /** Sweet spots other than the recommendation. */
  sweet: Datum[];
  recommended: Datum | null;
  legend: LegendItem[];
  /** Clean runs this chart can place but that lack the y figure: not drawn, counted for the caption. */
  unplaced: number;
}

/** Which figure a chart puts on each axis (null: the point cannot be placed). */
export interface Axes {
  x: (p: Point) => number | null;
  y: (p: Point) => number | null;
}

/**
 * Splits a group's points whose x is known into series rows (missing values filtered out, so no
 * line runs through a hole and no NaN reaches the SVG), failure rows (kept even without a value),
 * ceiling rows and rings, plus the legend that explains them. Series rows carry their
 * `group.series` id as the line key: a line never joins two setups or two load axes.
 */
export function groupView(group: GroupReport, axes: Axes, domains: SeriesDomains, metric: LatencyMetric | null): GroupView {
  const naming = seriesNaming(group, domains);
  const lineOf = new Map<string, string>();
  for (const series of group.series) for (const id of series.points) lineOf.set(id, series.id);
  const placed = group.points.filter((p) => isFiniteNumber(axes.x(p)));
  const drawable = (p: Point) => isFiniteNumber(axes.y(p));
  const clean = (p: Point) => !isFailure(p);
  const onLine = (p: Point) => p.load.axis !== 'unbounded' && lineOf.has(p.id);
  const run = (p: Point) => ({ gpu_slug: group.gpu_slug, workload_slug: group.workload_slug, point: p.id });
  const datum = (p: Point): Datum => ({ x: axes.x(p)!, y: axes.y(p)!, series: naming.keyOf(p).key, line: lineOf.get(p.id) ?? p.id, title: pointTitle(group, p, metric), run: run(p) });

  const drawn = placed.filter((p) => clean(p) && onLine(p) && drawable(p));
  const keys: SeriesKey[] = [];
  // Legend order is the series order: setups as the group lists them, then max_new_tokens.
  for (const series of group.series) {
    const point = drawn.find((p) => lineOf.get(p.id) === series.id);
    if (!point) continue;
    const key = naming.keyOf(point);
    if (!keys.some((k) => k.key === key.key)) keys.push(key);
  }
  const stable = sortByX(drawn.map(datum));
  const failed = placed.filter((p) => !clean(p));
  const failures = sortByX(failed.map((p) => ({ x: axes.x(p)!, y: drawable(p) ? axes.y(p) : null, label: failureLabel(p), title: pointTitle(group, p, metric), run: run(p) })));
  const notReached = failed.filter((p) => p.stable && !p.reached_load).length;
  const ceilings = sortByX(placed.filter((p) => clean(p) && p.load.axis === 'unbounded' && drawable(p)).map(datum));
  const byId = new Map(drawn.map((p) => [p.id, p]));
  const ring = (id: string | null) => {
    const p = id === null ? undefined : byId.get(id);
    return p ? datum(p) : null;
  };
  const recommended = ring(group.recommendation);
  const sweet = group.sweet_spots.filter((id) => id !== group.recommendation).map(ring).filter((d): d is Datum => d !== null);
  const legend: LegendItem[] = naming.heading ? [
    { kind: 'heading', label: naming.heading },
    ...keys.map(({ key, color, symbol }) => ({ kind: 'series' as const, label: key, color, symbol })),
  ] : [];
  if (failures.length) legend.push({ kind: 'failure', label: failureLegend(failures.length, notReached) });
  if (ceilings.length) legend.push({ kind: 'ceiling', label: CEILING_LEGEND });
  if (sweet.length) legend.push({ kind: 'sweet-spot', label: 'sweet spot' });
  if (recommended) legend.push({ kind: 'recommended', label: 'recommended' });
  const unplaced = placed.filter((p) => clean(p) && (onLine(p) || p.load.axis === 'unbounded') && !drawable(p)).length;
  return { keys, stable, failures, notReached, ceilings, sweet, recommended, legend, unplaced };
}

/** Legend entry of ceiling runs. */
export const CEILING_LEGEND = 'unbounded load (ceiling)';

/** Legend entry of the ✕: what the failures drawn are. */
export function failureLegend(count: number, notReached: number): string {
  if (notReached === 0) return 'not stable';
  return notReached === count ? 'load not reached' : 'not stable or load not reached';
}

/** Hover labels of everything a group chart draws: series dots, ceiling squares and ✕ marks. */
export function viewTips(view: GroupView, failures: FailureLayer): TipRequest[] {
  return [...dataTips(view.stable, DOT_RADIUS), ...dataTips(view.ceilings, CEILING_RADIUS), ...failures.tips];
}

/** What labels on a group chart must avoid: its dots, rings, ✕ marks, lines and top-edge labels. */
export function viewObstacles(view: GroupView, failures: FailureLayer): Obstacles {
  const at = (r: number) => (d: Datum) => ({ x: d.x, y: d.y, r });
  return {
    ...noObstacles(),
    points: [
      ...view.stable.map(at(DOT_RADIUS)),
      ...view.ceilings.map(at(CEILING_RADIUS)),
      ...view.sweet.map(at(RING_RADIUS)),
      ...(view.recommended ? [at(RING_RADIUS)(view.recommended)] : []),
      ...failures.points,
    ],
    lines: seriesLines(view.stable),
    topLabels: failures.topLabels,
  };
}

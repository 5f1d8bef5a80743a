/**
 * Turns a group's points into the rows the charts draw: stable series, failed runs, rings and the
 * legend. Charts differ only in which metric goes on x and y.
 */
import type { GroupReport, Point } from '../core/types.ts';
import { isFiniteNumber } from './layout.ts';
import type { LegendItem } from './legend.ts';
import { pointTitle, sortByX, tokensLabel, type Datum, type FailureDatum } from './marks.ts';
import { failureLabel, tokenColor, tokenSymbol, type SeriesDomains } from './palette.ts';

/** A series key with its colour and symbol. */
export interface SeriesKey {
  key: string;
  color: string;
  symbol: string;
}

/** Rows of one group's chart, split into the layers the charts draw. */
export interface GroupView {
  keys: SeriesKey[];
  /** Stable points with both coordinates, sorted by x: what the series lines connect. */
  stable: Datum[];
  /** Runs that are not stable; y is null when the y metric was not recorded. */
  failures: FailureDatum[];
  /** Sweet spots other than the recommendation. */
  sweet: Datum[];
  recommended: Datum | null;
  legend: LegendItem[];
  /** Stable points missing the y metric: not drawn, counted for the caption. */
  unplaced: number;
}

/** Which metric a chart puts on each axis. */
export interface Axes {
  x: (p: Point) => number | null;
  y: (p: Point) => number | null;
}

/**
 * Splits a group's points whose x is known into stable series rows (missing values filtered out,
 * so no line runs through a hole and no NaN reaches the SVG), failure rows (kept even without a
 * value) and rings, plus the legend that explains them.
 */
export function groupView(group: GroupReport, axes: Axes, domains: SeriesDomains): GroupView {
  const placed = group.points.filter((p) => isFiniteNumber(axes.x(p)));
  const drawable = (p: Point) => isFiniteNumber(axes.y(p));
  const tokens = [...new Set(placed.filter((p) => p.stable && drawable(p)).map((p) => p.max_new_tokens))].sort(
    (a, b) => (a ?? Infinity) - (b ?? Infinity),
  );
  const keys = tokens.map((t) => ({ key: tokensLabel(t), color: tokenColor(t, domains.tokens), symbol: tokenSymbol(t, domains.tokens) }));
  const datum = (p: Point): Datum => ({ x: axes.x(p)!, y: axes.y(p)!, series: tokensLabel(p.max_new_tokens), title: pointTitle(p, group.slo.metric) });
  const stable = sortByX(placed.filter((p) => p.stable && drawable(p)).map(datum));
  const failures = sortByX(
    placed
      .filter((p) => !p.stable)
      .map((p) => ({ x: axes.x(p)!, y: drawable(p) ? axes.y(p) : null, label: failureLabel(p), title: pointTitle(p, group.slo.metric) })),
  );
  const byId = new Map(placed.map((p) => [p.id, p]));
  const ring = (id: string | null) => {
    const p = id === null ? undefined : byId.get(id);
    return p && drawable(p) ? datum(p) : null;
  };
  const recommended = ring(group.recommendation);
  const sweet = group.sweet_spots.filter((id) => id !== group.recommendation).map(ring).filter((d): d is Datum => d !== null);
  const legend: LegendItem[] = [
    { kind: 'heading', label: 'max_new_tokens' },
    ...keys.map(({ key, color, symbol }) => ({ kind: 'series' as const, label: key.replace(/ tokens$/, ''), color, symbol })),
  ];
  if (failures.length) legend.push({ kind: 'failure', label: 'not stable' });
  if (sweet.length) legend.push({ kind: 'sweet-spot', label: 'sweet spot' });
  if (recommended) legend.push({ kind: 'recommended', label: 'recommended' });
  const unplaced = placed.filter((p) => p.stable && !drawable(p)).length;
  return { keys, stable, failures, sweet, recommended, legend, unplaced };
}

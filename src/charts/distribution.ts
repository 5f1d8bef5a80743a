/**
 * The latency distribution of each load level of one GPU × workload, from its per-request
 * records: an empirical CDF (the share of requests at or under each latency) per point, with the
 * joint SLO's bound on that latency as a vertical rule and its attainment target as a horizontal
 * one. Drawn only where the runs held per-request records.
 */
import type * as Plot from '@observablehq/plot';
import { plotModule } from './plot.ts';
import { setupOf } from '../core/analysis/group.ts';
import { formatPct } from '../core/format.ts';
import { boundMs, groupTitle, loadCell, ms } from '../core/phrases.ts';
import type { GroupReport, Point, RequestBounds } from '../core/types.ts';
import { chartId, groupWhere, sentences } from './captions.ts';
import { frame, latencyScale, WIDE, type ChartSize } from './layout.ts';
import { sloRuleX } from './marks.ts';
import { SERIES_COLORS } from './palette.ts';
import type { ChartSpec } from './spec.ts';

/** The latencies a distribution chart can draw, in the order one is chosen. */
const KINDS = [
  { kind: 'ttft', bound: 'ttft_ms', label: 'TTFT' },
  { kind: 'e2e', bound: 'e2e_ms', label: 'e2e latency' },
  { kind: 'tpot', bound: 'tpot_ms', label: 'TPOT' },
  { kind: 'itl', bound: 'itl_ms', label: 'ITL' },
] as const;

type Kind = (typeof KINDS)[number];

/** The latency drawn: the first bound of the joint SLO the records have, else TTFT, else e2e. */
function kindOf(group: GroupReport, points: readonly Point[]): Kind | null {
  const has = (k: Kind) => points.some((p) => (p.quantiles?.[k.kind]?.length ?? 0) > 0);
  const bounds: RequestBounds = group.slo.bounds ?? {};
  return KINDS.find((k) => bounds[k.bound] !== undefined && has(k)) ?? KINDS.find(has) ?? null;
}

const loadName = (p: Point) => (p.load.axis === 'concurrency' ? `c=${p.load.value}` : loadCell(p.load));
const labelOf = (group: GroupReport, p: Point) => `${loadName(p)}${group.setups.length > 1 ? ` · ${setupOf(group, p).label}` : ''}${p.max_new_tokens !== null && group.max_new_tokens.length > 1 ? ` · ${p.max_new_tokens} tok` : ''}`;

/** The CDF chart of a group, or null when no run of it held per-request records. */
export function distributionChart(group: GroupReport, size: ChartSize = WIDE): ChartSpec | null {
  const points = group.points.filter((p) => p.quantiles !== null);
  const kind = kindOf(group, points);
  if (kind === null) return null;
  const drawn = points.filter((p) => (p.quantiles![kind.kind]?.length ?? 0) > 0);
  const rows = drawn.flatMap((p) => p.quantiles![kind.kind]!.map((x, q) => ({ series: labelOf(group, p), x, y: q / 100 })));
  const names = drawn.map((p) => labelOf(group, p));
  const bound = group.slo.bounds?.[kind.bound];
  const target = group.slo.target;
  const ruleX = bound === undefined ? null : { threshold: bound, lines: ['SLO bound', `≤ ${boundMs(bound)}`] as [string, string] };
  // Each curve is named at its own height (spread from 15% to 85%), so labels of close curves do not stack.
  const ends = drawn.map((p, i) => {
    const q = Math.round(15 + (70 * i) / Math.max(1, drawn.length - 1));
    return { series: labelOf(group, p), x: p.quantiles![kind.kind]![q]!, y: q / 100 };
  });
  // A curve far to the right is named on its left: a label after it would run out of the frame.
  const right = Math.max(...rows.map((r) => r.x), bound ?? 0) * 0.55;
  const label = (at: typeof ends, side: 'after' | 'before') => plotModule().text(at, {
    x: 'x', y: 'y', text: 'series', fill: 'series', dx: side === 'after' ? 6 : -6, textAnchor: side === 'after' ? 'start' : 'end',
    lineAnchor: 'middle', stroke: 'var(--chart-halo, white)', strokeWidth: 3, paintOrder: 'stroke',
  });
  const where = groupWhere(group);
  const options = (): Plot.PlotOptions => ({
    ...frame(0, size),
    x: { ...latencyScale(`${kind.label} (ms)`), grid: true },
    y: { label: 'Share of requests at or under', labelAnchor: 'center', labelArrow: 'none', domain: [0, 1], grid: true, tickFormat: (v: number) => formatPct(v * 100) },
    color: { type: 'ordinal', domain: names, range: names.map((_, i) => SERIES_COLORS[i % SERIES_COLORS.length]!) },
    marks: [
      ...sloRuleX(ruleX),
      ...(target !== null && group.slo.kind === 'attainment' ? [plotModule().ruleY([target], { y: (d: number) => d, stroke: 'currentColor', strokeOpacity: 0.5, strokeDasharray: '2,3' })] : []),
      plotModule().line(rows, { x: 'x', y: 'y', z: 'series', stroke: 'series', strokeWidth: 1.75 }),
      label(ends.filter((e) => e.x <= right), 'after'),
      label(ends.filter((e) => e.x > right), 'before'),
    ],
  });
  const judged = bound !== undefined
    ? `The dashed red line is the SLO's bound on ${kind.label} (${boundMs(bound)})${target !== null ? `; the dotted line is the share of requests the SLO asks for (${formatPct(target * 100)})` : ''}. A curve crossing the bound below that line misses the SLO on this latency alone.`
    : 'The SLO sets no bound on this latency.';
  return {
    id: chartId(group, 'distribution'),
    title: `${kind.label} distribution by load: ${groupTitle(group)}`,
    caption: sentences(`Share of the successful requests of ${where} at or under each ${kind.label}, one curve per ${group.setups.length > 1 ? 'run (its load and setup)' : 'load level'} (${names.length}), from the runs' per-request records.`, judged, 'Failed requests are not on the curves; they count against attainment in the table.'),
    ariaLabel: `Cumulative distribution of ${kind.label} for ${where}: ${drawn.map((p) => `${labelOf(group, p)} median ${ms(p.quantiles![kind.kind]![50]!)}, p99 ${ms(p.quantiles![kind.kind]![99]!)}`).join('; ')}.`,
    options,
  };
}

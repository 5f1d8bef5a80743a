/**
 * The capacity frontier of one GPU × workload: throughput against SLO latency for every run, the
 * Pareto frontier as a staircase, the SLO threshold as a vertical rule.
 */
import * as Plot from '@observablehq/plot';
import { formatInt, formatMs, formatNumber, formatTokS } from '../core/format.ts';
import { metricLabel } from '../core/labels.ts';
import type { GroupReport, Point } from '../core/types.ts';
import { chartId, failureSentence, pointPlace, recommendationClause, ringSentence, runs, sentences } from './captions.ts';
import { frame, isFiniteNumber, latencyScale, throughputScale } from './layout.ts';
import { legendMarks } from './legend.ts';
import { failureMarks, ringMarks, seriesScales, sloRuleX, type Datum } from './marks.ts';
import type { SeriesDomains } from './palette.ts';
import type { ChartSpec } from './spec.ts';
import { groupView } from './view.ts';

/** Label of a frontier point: its load, e.g. `c16` or `4 req/s`, short enough to sit beside a dot. */
export function frontierPointLabel(point: Pick<Point, 'concurrency' | 'request_rate' | 'max_new_tokens'>): string {
  const load = point.concurrency !== null ? `c${formatInt(point.concurrency)}` : `${formatNumber(point.request_rate)} req/s`;
  return point.max_new_tokens === null ? load : `${load}×${formatInt(point.max_new_tokens)}`;
}

/** Scatter of throughput (y) against SLO latency (x), the Pareto frontier stepped through its points. */
export function frontierChart(group: GroupReport, domains: SeriesDomains): ChartSpec {
  const metric = metricLabel(group.slo.metric);
  const view = groupView(group, { x: (p) => p.slo_latency_ms, y: (p) => p.throughput_tok_s }, domains);
  // A failed run needs both figures to be placed here; the others are counted in the caption.
  const failures = view.failures.filter((f) => f.y !== null);
  const unplacedFailures = group.points.filter((p) => !p.stable).length - failures.length;
  const unplacedStable = group.points.filter((p) => p.stable && !(isFiniteNumber(p.slo_latency_ms) && isFiniteNumber(p.throughput_tok_s))).length;
  const frontier = group.points
    .filter((p) => p.on_frontier && isFiniteNumber(p.slo_latency_ms) && isFiniteNumber(p.throughput_tok_s))
    .sort((a, b) => a.slo_latency_ms! - b.slo_latency_ms! || a.throughput_tok_s! - b.throughput_tok_s!);
  const legend = legendMarks([
    ...view.legend.filter((item) => item.kind === 'heading' || item.kind === 'series'),
    ...(frontier.length ? [{ kind: 'frontier' as const, label: 'Pareto frontier' }] : []),
    ...view.legend.filter((item) => item.kind !== 'heading' && item.kind !== 'series'),
  ]);
  const x = (p: Point) => p.slo_latency_ms;
  const y = (p: Point) => p.throughput_tok_s;
  const options: Plot.PlotOptions = {
    ...frame(legend.rows),
    x: { ...latencyScale(`${metric} (ms)`), grid: false, inset: 12 },
    y: throughputScale(),
    ...seriesScales(view.keys),
    marks: [
      ...sloRuleX(group.slo.threshold_ms),
      // Step-after: until the next frontier run's latency, the best throughput on offer is this run's.
      Plot.line(frontier, { x, y, curve: 'step-after', stroke: 'currentColor', strokeWidth: 1.5, strokeOpacity: 0.8 }),
      Plot.dot(view.stable, {
        x: (d: Datum) => d.x,
        y: (d: Datum) => d.y,
        stroke: (d: Datum) => d.series,
        fill: (d: Datum) => d.series,
        symbol: (d: Datum) => d.series,
        r: 4,
        title: (d: Datum) => d.title,
      }),
      Plot.text(frontier, {
        x,
        y,
        text: frontierPointLabel,
        textAnchor: 'start',
        dx: 8,
        dy: 9,
        fill: 'currentColor',
        stroke: 'var(--plot-background)',
        strokeWidth: 3,
      }),
      ...failureMarks(failures, 'floor'),
      ...ringMarks(view.sweet, view.recommended ? [view.recommended] : [], view.stable.map((d) => d.x)),
      ...legend.marks,
    ],
  };
  const where = `${group.gpu} on the ${group.workload} workload`;
  const missing = unplacedFailures + unplacedStable;
  return {
    id: chartId(group, 'frontier'),
    title: `Capacity frontier: ${group.gpu} · ${group.workload}`,
    caption: sentences(
      `Throughput against ${metric} latency for every run of ${where}. The staircase joins the Pareto frontier, the runs no other run beats on both throughput and latency; runs left of the dashed line are within the SLO, ${metric} ≤ ${formatMs(group.slo.threshold_ms)} ms.`,
      failureSentence(failures.length, ''),
      ringSentence(group),
      missing ? `${runs(missing)} without both a throughput and a ${metric} ${missing === 1 ? 'is' : 'are'} listed in the table only.` : '',
    ),
    ariaLabel: sentences(
      `Scatter chart of throughput in tokens per second against ${metric} latency in milliseconds for ${where}, ${view.stable.length} stable run${view.stable.length === 1 ? '' : 's'}.`,
      frontier.length
        ? `Pareto frontier: ${frontier.map((p) => `${pointPlace(p)} (${formatTokS(p.throughput_tok_s)} tok/s, ${formatMs(p.slo_latency_ms)} ms)`).join('; ')}.`
        : 'No Pareto frontier: no stable run recorded both figures.',
      `SLO ${metric} ≤ ${formatMs(group.slo.threshold_ms)} ms.`,
      `${recommendationClause(group).replace(/^./, (c) => c.toUpperCase())}.`,
    ),
    options,
  };
}

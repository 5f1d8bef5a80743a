/**
 * The overlay of a review: one GPU × workload's throughput (or SLO latency) against load, baseline
 * dashed and candidate solid, one colour per series (setup × max_new_tokens) on both sides, so a
 * change reads as the gap between a dashed line and the solid one of its colour.
 */
import type * as Plot from '@observablehq/plot';
import { plotModule } from './plot.ts';
import type { ReviewGroup, ReviewPoint } from '../core/analysis/review.ts';
import { axisWords, boundMs, groupTitle, loadValueWords, metricLabel, ms, tokensWords, tokS } from '../core/phrases.ts';
import type { LatencyMetric } from '../core/types.ts';
import { axisOf, frame, isFiniteNumber, latencyScale, loadScale, throughputScale, WIDE, type ChartSize } from './layout.ts';
import { legendMarks, type LegendItem } from './legend.ts';
import { messageChart } from './message.ts';
import { SERIES_COLORS, SERIES_SYMBOLS } from './palette.ts';
import type { ChartSpec } from './spec.ts';

/** The dash pattern of the baseline's lines. */
export const BASELINE_DASH = '6 4';

interface Datum {
  x: number;
  y: number;
  side: 'baseline' | 'candidate';
  series: string;
  title: string;
}

const seriesName = (p: ReviewPoint, several: boolean) =>
  `${several ? `${p.setup} · ` : ''}${p.max_new_tokens === null ? 'no max_tokens' : `${p.max_new_tokens} tokens`}`;

/** The overlay chart of one reviewed GPU × workload: `what` is throughput or the SLO latency. */
export function reviewChart(group: ReviewGroup, what: 'throughput' | 'latency', id: string, size: ChartSize = WIDE): ChartSpec {
  const metric = (group.candidate ?? group.baseline)!.slo_metric as LatencyMetric;
  const threshold = (group.candidate ?? group.baseline)!.threshold_ms;
  const axis = axisOf(group.points.filter((p) => p.load.axis === 'request_rate').length > group.points.filter((p) => p.load.axis === 'concurrency').length ? 'request_rate' : 'concurrency', group.points);
  const several = new Set(group.points.map((p) => p.setup)).size > 1;
  const names = [...new Set(group.points.map((p) => seriesName(p, several)))];
  const yLabel = what === 'throughput' ? 'Throughput (tok/s)' : `${metricLabel(metric)} (ms)`;
  const title = `${what === 'throughput' ? 'Throughput' : metricLabel(metric)} vs ${axisWords(axis.axis)}, baseline and candidate: ${groupTitle(group)}`;
  const data: Datum[] = [];
  for (const p of group.points) {
    const x = axis.of(p);
    if (!isFiniteNumber(x)) continue;
    const series = seriesName(p, several);
    const pairs = [['baseline', what === 'throughput' ? p.baseline_tok_s : p.baseline_latency_ms], ['candidate', what === 'throughput' ? p.candidate_tok_s : p.candidate_latency_ms]] as const;
    for (const [side, y] of pairs) {
      if (!isFiniteNumber(y)) continue;
      data.push({ x, y, side, series, title: `${side}: ${series}, ${loadValueWords(axis.axis, x)}: ${what === 'throughput' ? tokS(y) : ms(y)}` });
    }
  }
  if (data.length === 0) {
    return messageChart({ id, title, caption: 'No point of either side can be placed on a load axis.', ariaLabel: `No overlay chart for ${groupTitle(group)}.`, message: 'No run at a bounded load: see the tables' });
  }
  const color = (name: string) => SERIES_COLORS[names.indexOf(name) % SERIES_COLORS.length]!;
  const items: LegendItem[] = [
    { kind: 'heading', label: 'Dashed: baseline · solid: candidate' },
    ...names.map((name, i): LegendItem => ({ kind: 'series', label: name, color: color(name), symbol: SERIES_SYMBOLS[i % SERIES_SYMBOLS.length]! })),
  ];
  return {
    id,
    title,
    caption: `${what === 'throughput' ? 'Tokens generated per second' : `${metricLabel(metric)} latency`} of ${groupTitle(group)} against ${axisWords(axis.axis)}: the baseline dashed with hollow markers, the candidate solid, one colour per ${several ? 'setup and output length' : 'output length'} on both sides.${what === 'latency' ? ` The dotted line is the SLO threshold (${boundMs(threshold)}).` : ''}`,
    ariaLabel: `Line chart of ${what === 'throughput' ? 'throughput' : metricLabel(metric)} against ${axisWords(axis.axis)} for ${groupTitle(group)}, baseline and candidate, ${names.length} series: ${names.map((n) => n).join(', ')}${names.length === 1 && group.points[0] ? ` (${tokensWords(group.points[0].max_new_tokens)})` : ''}.`,
    options: () => {
      const legend = legendMarks(items);
      const marks: Plot.Markish[] = [];
      for (const name of names) {
        for (const side of ['baseline', 'candidate'] as const) {
          const own = data.filter((d) => d.series === name && d.side === side).sort((a, b) => a.x - b.x);
          if (own.length === 0) continue;
          const symbol = SERIES_SYMBOLS[names.indexOf(name) % SERIES_SYMBOLS.length]!;
          marks.push(plotModule().line(own, { x: 'x', y: 'y', stroke: color(name), strokeWidth: 2, ...(side === 'baseline' ? { strokeDasharray: BASELINE_DASH, strokeOpacity: 0.85 } : {}) }));
          marks.push(plotModule().dot(own, { x: 'x', y: 'y', r: 3.5, symbol, fill: side === 'candidate' ? color(name) : 'none', strokeWidth: 1.5, stroke: color(name), title: 'title' }));
        }
      }
      if (what === 'latency') marks.push(plotModule().ruleY([threshold], { stroke: 'currentColor', strokeDasharray: '2 3', strokeOpacity: 0.7 }));
      return {
        ...frame(legend.rows, size),
        x: loadScale(axis, data.map((d) => d.x), size),
        y: what === 'throughput' ? throughputScale() : latencyScale(yLabel),
        marks: [...marks, ...legend.marks],
      };
    },
  };
}

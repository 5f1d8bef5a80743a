/**
 * The group's SLO latency against load: one line per max_new_tokens series, the SLO threshold as
 * a rule, failed runs shown and jitter ridges called out.
 */
import * as Plot from '@observablehq/plot';
import { formatMs } from '../core/format.ts';
import { metricLabel } from '../core/labels.ts';
import type { GroupReport } from '../core/types.ts';
import { chartId, failureSentence, omittedSentence, pointPlace, recommendationClause, ringSentence, runs, sentences } from './captions.ts';
import { frame, isFiniteNumber, latencyScale, loadAxis, loadScale } from './layout.ts';
import { legendMarks } from './legend.ts';
import { failureMarks, ringMarks, seriesMarks, seriesScales, sloRuleY } from './marks.ts';
import type { SeriesDomains } from './palette.ts';
import type { ChartSpec } from './spec.ts';
import { groupView } from './view.ts';

/** Text of a jitter-ridge callout. */
export const JITTER_LABEL = 'jitter ridge';

/** Line chart of the group's SLO latency metric (ms) against load, with the SLO threshold rule. */
export function latencyChart(group: GroupReport, domains: SeriesDomains): ChartSpec {
  const axis = loadAxis(group.points);
  const metric = metricLabel(group.slo.metric);
  const view = groupView(group, { x: axis.of, y: (p) => p.slo_latency_ms }, domains);
  const legend = legendMarks(view.legend);
  const ridges = group.points.filter((p) => p.jitter_ridge && isFiniteNumber(axis.of(p)) && isFiniteNumber(p.slo_latency_ms));
  const xs = [...view.stable, ...view.failures].map((d) => d.x);
  const options: Plot.PlotOptions = {
    ...frame(legend.rows),
    x: loadScale(axis, xs),
    y: latencyScale(`${metric} (ms)`),
    ...seriesScales(view.keys),
    marks: [
      ...sloRuleY(group.slo.threshold_ms),
      ...seriesMarks(view.stable),
      ...failureMarks(view.failures, 'top'),
      ...ringMarks(view.sweet, view.recommended ? [view.recommended] : [], xs),
      Plot.text(ridges, {
        x: (p) => axis.of(p),
        y: (p) => p.slo_latency_ms,
        text: () => JITTER_LABEL,
        dy: -14,
        fontStyle: 'italic',
        fill: 'currentColor',
        stroke: 'var(--plot-background)',
        strokeWidth: 3,
      }),
      ...legend.marks,
    ],
  };
  const load = axis.kind === 'concurrency' ? 'concurrency' : 'request rate';
  const where = `${group.gpu} on the ${group.workload} workload`;
  const over = view.stable.filter((d) => d.y > group.slo.threshold_ms).length;
  return {
    id: chartId(group, 'latency'),
    title: `${metric} latency vs ${load}: ${group.gpu} · ${group.workload}`,
    caption: sentences(
      `${metric} latency of ${where} against ${load}, one line per max_new_tokens; the dashed line is the SLO, ${metric} ≤ ${formatMs(group.slo.threshold_ms)} ms.`,
      failureSentence(view.failures.length, view.failures.some((f) => f.y === null) ? `drawn along the top edge when no ${metric} was recorded` : ''),
      ridges.length
        ? `Jitter ridge${ridges.length === 1 ? '' : 's'} at ${ridges.map((p) => `${pointPlace(p)} (${formatMs(p.slo_latency_ms)} ms)`).join(', ')}: ${metric} more than 25% above both neighbours in ${ridges.length === 1 ? 'its' : 'their'} series.`
        : '',
      ringSentence(group),
      omittedSentence(axis, view.unplaced, `a ${metric}`),
    ),
    ariaLabel: sentences(
      `Line chart of ${metric} latency in milliseconds against ${load} for ${where}, ${view.keys.length} series: ${view.keys.map((k) => k.key).join(', ')}.`,
      `SLO ${metric} ≤ ${formatMs(group.slo.threshold_ms)} ms; ${over} of ${view.stable.length} stable runs above it.`,
      view.failures.length ? `${runs(view.failures.length)} not stable: ${view.failures.map((f) => f.label).join(', ')}.` : '',
      ridges.length ? `Jitter ridge at ${ridges.map(pointPlace).join(', ')}.` : '',
      `${recommendationClause(group).replace(/^./, (c) => c.toUpperCase())}.`,
    ),
    options,
  };
}

/**
 * The group's latency against load: one line per series, the SLO threshold as a rule when the SLO
 * is judged on the latency plotted, failed runs shown and jitter ridges called out. The latency is
 * `chartedMetric(slo)`: the SLO metric, else the first latency the runs carry.
 */
import { chartedMetric } from '../core/analysis/slo.ts';
import { axisWords, formatSlo, groupTitle, latencyName, metricLabel, ms } from '../core/phrases.ts';
import type { GroupReport } from '../core/types.ts';
import { capitalise, chartedSentence, chartId, failureSentence, groupWhere, omittedSentence, pointPlace, recommendationClause, ringSentence, runs, sentences } from './captions.ts';
import { isFiniteNumber, latencyScale, loadAxis, WIDE, type ChartSize } from './layout.ts';
import { loadViewOptions } from './load-view.ts';
import { DOT_RADIUS, latencyOf, sloRule } from './marks.ts';
import { messageChart, unplacedChart } from './message.ts';
import type { SeriesDomains } from './palette.ts';
import type { ChartSpec } from './spec.ts';
import { groupView, seriesNaming } from './view.ts';

/** Text of a jitter-ridge callout. */
export const JITTER_LABEL = 'jitter ridge';

/** Message of a latency or frontier chart whose runs carry no latency at all. */
export const NO_LATENCY = 'No latency recorded: nothing to plot';

/** Line chart of the group's charted latency (ms) against load, with the SLO threshold rule. */
export function latencyChart(group: GroupReport, domains: SeriesDomains, size: ChartSize = WIDE): ChartSpec {
  const axis = loadAxis(group.points);
  const metric = chartedMetric(group.slo);
  const load = axisWords(axis.axis);
  const where = groupWhere(group);
  const id = chartId(group, 'latency');
  if (metric === null) {
    return messageChart({
      id,
      title: `Latency vs ${load}: ${groupTitle(group)}`,
      caption: `No latency was recorded for the runs of ${where}: the data carries none of the latency metrics, so there is no latency to plot and the SLO (${formatSlo(group.slo)}) cannot be judged. Throughput is on the throughput chart; every run is in the tables.`,
      ariaLabel: `No latency chart for ${where}: the runs recorded no latency.`,
      message: NO_LATENCY,
    }, size);
  }
  const label = metricLabel(metric);
  const title = `${latencyName(metric)} vs ${load}: ${groupTitle(group)}`;
  const view = groupView(group, { x: axis.of, y: (p) => latencyOf(p, metric) }, domains, metric);
  const xs = [...view.stable, ...view.failures].map((d) => d.x);
  if (xs.length === 0) {
    return unplacedChart(id, title, where, 'latency', omittedSentence(axis, 0, ''), size);
  }
  const rule = sloRule(group.slo, metric);
  // Ridges are found on p95 e2e: called out only where that is the latency drawn.
  const ridges = metric === 'p95_e2e_ms'
    ? group.points.filter((p) => p.jitter_ridge && isFiniteNumber(axis.of(p)) && latencyOf(p, metric) !== null)
    : [];
  const ridgeLabels = ridges.map((p) => ({
    x: axis.of(p)!,
    y: latencyOf(p, metric)!,
    text: JITTER_LABEL,
    sides: ['above', 'above-right', 'above-left', 'right', 'left', 'below'] as const,
    clearance: DOT_RADIUS + 2,
    fill: 'currentColor',
    italic: true,
  }));
  const options = () => loadViewOptions(view, { axis, y: latencyScale(`${label} (ms)`), missing: 'top', rule, labels: ridgeLabels }, size);
  const over = rule ? view.stable.filter((d) => d.y > rule.threshold).length : 0;
  const per = seriesNaming(group, domains).per;
  return {
    id,
    title,
    caption: sentences(
      `${latencyName(metric)} of ${where} against ${load}, one line${per ? ` per ${per}` : ''}${rule ? `; the dashed line is the SLO, ${formatSlo(group.slo)}` : ''}.`,
      chartedSentence(group, metric, rule !== null),
      failureSentence(view.failures.length, view.notReached, view.failures.some((f) => f.y === null) ? `drawn along the top edge when no ${label} was recorded` : ''),
      ridges.length
        ? `Jitter ridge${ridges.length === 1 ? '' : 's'} at ${ridges.map((p) => `${pointPlace(group, p)} (${ms(latencyOf(p, metric))})`).join(', ')}: ${label} more than 25% above both neighbours in ${ridges.length === 1 ? 'its' : 'their'} series.`
        : '',
      ringSentence(group, view.recommended !== null),
      omittedSentence(axis, view.unplaced, `a ${label}`),
    ),
    ariaLabel: sentences(
      `Line chart of ${latencyName(metric)} in milliseconds against ${load} for ${where}, ${view.keys.length} series${per ? ` by ${per}` : ''}: ${view.keys.map((k) => k.key).join(', ')}.`,
      rule ? `SLO ${formatSlo(group.slo)}; ${over} of ${runs(view.stable.length)} drawn above the line.` : 'No SLO line: the SLO is not judged on this latency.',
      view.failures.length ? `${runs(view.failures.length)} drawn as failures: ${view.failures.map((f) => f.label).join(', ')}.` : '',
      ridges.length ? `Jitter ridge at ${ridges.map((p) => pointPlace(group, p)).join(', ')}.` : '',
      `${capitalise(recommendationClause(group))}.`,
    ),
    options,
  };
}

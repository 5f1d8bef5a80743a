/**
 * Throughput against load for one GPU × workload: one line per series (setup × max_new_tokens on
 * the group's load axis), failed runs shown (never dropped), sweet spots and the recommendation
 * ringed.
 */
import { chartedMetric } from '../core/analysis/slo.ts';
import { axisWords, groupTitle, tokS } from '../core/phrases.ts';
import type { GroupReport } from '../core/types.ts';
import { capitalise, chartId, failureSentence, groupWhere, omittedSentence, pointPlace, recommendationClause, ringSentence, runs, sentences } from './captions.ts';
import { loadAxis, throughputScale, WIDE, type ChartSize } from './layout.ts';
import { loadViewOptions } from './load-view.ts';
import { unplacedChart } from './message.ts';
import type { SeriesDomains } from './palette.ts';
import type { ChartSpec } from './spec.ts';
import { groupView, seriesNaming } from './view.ts';

/** Line chart of throughput (tok/s) against concurrency, or request rate for rate-driven sweeps. */
export function throughputChart(group: GroupReport, domains: SeriesDomains, size: ChartSize = WIDE): ChartSpec {
  const axis = loadAxis(group.points);
  const view = groupView(group, { x: axis.of, y: (p) => p.throughput_tok_s }, domains, chartedMetric(group.slo));
  const load = axisWords(axis.axis);
  const where = groupWhere(group);
  const id = chartId(group, 'throughput');
  const title = `Throughput vs ${load}: ${groupTitle(group)}`;
  const xs = [...view.stable, ...view.failures].map((d) => d.x);
  if (xs.length === 0) {
    return unplacedChart(id, title, where, 'throughput', omittedSentence(axis, 0, ''), size);
  }
  const options = () => loadViewOptions(view, { axis, y: throughputScale(), missing: 'floor', rule: null }, size);
  const peak = group.max_throughput ? group.points.find((p) => p.id === group.max_throughput!.point) : undefined;
  const per = seriesNaming(group, domains).per;
  return {
    id,
    title,
    caption: sentences(
      `Tokens generated per second by ${where} against ${load}, one line${per ? ` per ${per}` : ''}.`,
      failureSentence(view.failures.length, view.notReached, view.failures.some((f) => f.y === null) ? 'drawn on the zero line when no throughput was recorded' : ''),
      ringSentence(group, view.recommended !== null),
      omittedSentence(axis, view.unplaced, 'a throughput'),
    ),
    ariaLabel: sentences(
      `Line chart of throughput in tokens per second against ${load} for ${where}, ${view.keys.length} series${per ? ` by ${per}` : ''}: ${view.keys.map((k) => k.key).join(', ')}.`,
      peak ? `Peak ${tokS(peak.throughput_tok_s)} at ${pointPlace(group, peak)}.` : 'No stable run recorded a throughput.',
      view.failures.length ? `${runs(view.failures.length)} drawn as failures: ${view.failures.map((f) => f.label).join(', ')}.` : 'Every run was stable.',
      `${capitalise(recommendationClause(group))}.`,
    ),
    options,
  };
}

/**
 * Throughput against load for one GPU × workload: one line per max_new_tokens series, failed runs
 * shown (never dropped), sweet spots and the recommendation ringed.
 */
import type * as Plot from '@observablehq/plot';
import { formatTokS } from '../core/format.ts';
import type { GroupReport } from '../core/types.ts';
import { chartId, failureSentence, omittedSentence, pointPlace, recommendationClause, ringSentence, runs, sentences } from './captions.ts';
import { frame, loadAxis, loadScale, throughputScale } from './layout.ts';
import { legendMarks } from './legend.ts';
import { failureMarks, ringMarks, seriesMarks, seriesScales } from './marks.ts';
import type { SeriesDomains } from './palette.ts';
import type { ChartSpec } from './spec.ts';
import { groupView } from './view.ts';

/** Line chart of throughput (tok/s) against concurrency, or request rate for rate-driven sweeps. */
export function throughputChart(group: GroupReport, domains: SeriesDomains): ChartSpec {
  const axis = loadAxis(group.points);
  const view = groupView(group, { x: axis.of, y: (p) => p.throughput_tok_s }, domains);
  const legend = legendMarks(view.legend);
  const xs = [...view.stable, ...view.failures].map((d) => d.x);
  const options: Plot.PlotOptions = {
    ...frame(legend.rows),
    x: loadScale(axis, xs),
    y: throughputScale(),
    ...seriesScales(view.keys),
    marks: [
      ...seriesMarks(view.stable),
      ...failureMarks(view.failures, 'floor'),
      ...ringMarks(view.sweet, view.recommended ? [view.recommended] : [], xs),
      ...legend.marks,
    ],
  };
  const load = axis.kind === 'concurrency' ? 'concurrency' : 'request rate';
  const where = `${group.gpu} on the ${group.workload} workload`;
  const peak = group.max_throughput ? group.points.find((p) => p.id === group.max_throughput!.point) : undefined;
  return {
    id: chartId(group, 'throughput'),
    title: `Throughput vs ${load}: ${group.gpu} · ${group.workload}`,
    caption: sentences(
      `Tokens generated per second by ${where} against ${load}, one line per max_new_tokens.`,
      failureSentence(view.failures.length, view.failures.some((f) => f.y === null) ? 'drawn on the zero line when no throughput was recorded' : ''),
      ringSentence(group),
      omittedSentence(axis, view.unplaced, 'a throughput'),
    ),
    ariaLabel: sentences(
      `Line chart of throughput in tokens per second against ${load} for ${where}, ${view.keys.length} series: ${view.keys.map((k) => k.key).join(', ')}.`,
      peak ? `Peak ${formatTokS(peak.throughput_tok_s)} tok/s at ${pointPlace(peak)}.` : 'No stable run recorded a throughput.',
      view.failures.length ? `${runs(view.failures.length)} not stable: ${view.failures.map((f) => f.label).join(', ')}.` : 'Every run was stable.',
      `${recommendationClause(group).replace(/^./, (c) => c.toUpperCase())}.`,
    ),
    options,
  };
}

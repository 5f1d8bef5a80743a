/**
 * One workload, every GPU on one chart: throughput and SLO latency against load, one line per GPU.
 * Each GPU contributes a single max_new_tokens series so that lines compare like with like.
 */
import type * as Plot from '@observablehq/plot';
import { formatMs, formatTokS } from '../core/format.ts';
import { metricLabel } from '../core/labels.ts';
import type { GroupReport, Point } from '../core/types.ts';
import { pointPlace, runs, sentences } from './captions.ts';
import { frame, isFiniteNumber, latencyScale, loadAxis, loadScale, throughputScale, type LoadAxis } from './layout.ts';
import { legendMarks, type LegendItem } from './legend.ts';
import { failureMarks, pointTitle, ringMarks, seriesMarks, seriesScales, sloRuleY, sortByX, tokensLabel, type Datum, type FailureDatum } from './marks.ts';
import { failureLabel, gpuColor, gpuSymbol, type SeriesDomains } from './palette.ts';
import type { ChartSpec } from './spec.ts';
import type { SeriesKey } from './view.ts';

/** Which max_new_tokens series stands for a GPU, and why. */
export interface CompareSelection {
  group: GroupReport;
  max_new_tokens: number | null;
  reason: 'recommendation' | 'peak throughput' | 'only data';
}

/**
 * The series of a GPU's recommendation: that is the configuration a client would deploy, and in
 * practice GPUs of one workload tend to land on the same output length there, where the series of
 * peak throughput often differ. Without a recommendation, the series holding the peak throughput
 * (the headline saturation) shows the most the GPU did; failing that, the first series.
 */
export function compareSelection(group: GroupReport): CompareSelection {
  const recommended = group.points.find((p) => p.id === group.recommendation);
  if (recommended) return { group, max_new_tokens: recommended.max_new_tokens, reason: 'recommendation' };
  if (group.headline_saturation) return { group, max_new_tokens: group.headline_saturation.max_new_tokens, reason: 'peak throughput' };
  return { group, max_new_tokens: group.points[0]?.max_new_tokens ?? null, reason: 'only data' };
}

/** Throughput of every GPU of one workload against load, each at its selected series. */
export function compareThroughputChart(groups: readonly GroupReport[], domains: SeriesDomains): ChartSpec {
  return compareChart(groups, domains, 'throughput', (p) => p.throughput_tok_s);
}

/** SLO latency of every GPU of one workload against load, each at its selected series, with the SLO rule. */
export function compareLatencyChart(groups: readonly GroupReport[], domains: SeriesDomains): ChartSpec {
  const metric = checkGroups(groups, 'compareLatencyChart').slo.metric;
  return compareChart(groups, domains, 'latency', (p) => (isFiniteNumber(p.latency[metric]) ? p.latency[metric]! : null));
}

function checkGroups(groups: readonly GroupReport[], name: string): GroupReport {
  const first = groups[0];
  if (!first) throw new Error(`${name} expects the GPU groups of one workload but found none`);
  const other = groups.find((g) => g.workload !== first.workload);
  if (other) throw new Error(`${name} expects groups of one workload but found "${first.workload}" and "${other.workload}"`);
  return first;
}

function compareChart(
  groups: readonly GroupReport[],
  domains: SeriesDomains,
  kind: 'throughput' | 'latency',
  y: (p: Point) => number | null,
): ChartSpec {
  const first = checkGroups(groups, kind === 'throughput' ? 'compareThroughputChart' : 'compareLatencyChart');
  const slo = first.slo;
  const metric = metricLabel(slo.metric);
  const selections = groups.map(compareSelection);
  const chosen = selections.map((s) => ({ s, points: s.group.points.filter((p) => p.max_new_tokens === s.max_new_tokens) }));
  const axis: LoadAxis = loadAxis(chosen.flatMap((c) => c.points));
  const keys: SeriesKey[] = [];
  const stable: Datum[] = [];
  const failures: FailureDatum[] = [];
  const recommended: Datum[] = [];
  let unplaced = 0;
  for (const { s, points } of chosen) {
    const key = s.group.gpu;
    const title = (p: Point) => `${s.group.gpu}, ${pointTitle(p, s.group.slo.metric)}`;
    let drawn = false;
    for (const p of points) {
      const px = axis.of(p);
      const py = y(p);
      if (!isFiniteNumber(px)) continue;
      if (!p.stable) {
        failures.push({ x: px, y: isFiniteNumber(py) ? py : null, label: failureLabel(p), title: title(p) });
      } else if (isFiniteNumber(py)) {
        const datum = { x: px, y: py, series: key, title: title(p) };
        stable.push(datum);
        if (p.id === s.group.recommendation) recommended.push(datum);
        drawn = true;
      } else {
        unplaced++;
      }
    }
    if (drawn) keys.push({ key, color: gpuColor(key, domains.gpus), symbol: gpuSymbol(key, domains.gpus) });
  }
  sortByX(stable);
  sortByX(failures);
  const legendItems: LegendItem[] = [
    { kind: 'heading', label: 'GPU' },
    ...keys.map((k) => ({ kind: 'series' as const, label: k.key, color: k.color, symbol: k.symbol })),
  ];
  if (failures.length) legendItems.push({ kind: 'failure', label: 'not stable' });
  if (recommended.length) legendItems.push({ kind: 'recommended', label: 'recommended' });
  const legend = legendMarks(legendItems);
  const xs = [...stable, ...failures].map((d) => d.x);
  const marks: Plot.Markish[] = [
    ...(kind === 'latency' ? sloRuleY(slo.threshold_ms) : []),
    ...seriesMarks(stable),
    ...failureMarks(failures, kind === 'latency' ? 'top' : 'floor'),
    ...ringMarks([], recommended, xs),
    ...legend.marks,
  ];
  const options: Plot.PlotOptions = {
    ...frame(legend.rows),
    x: loadScale(axis, xs),
    y: kind === 'throughput' ? throughputScale() : latencyScale(`${metric} (ms)`),
    ...seriesScales(keys),
    marks,
  };

  const load = axis.kind === 'concurrency' ? 'concurrency' : 'request rate';
  const workload = first.workload;
  const choice = selections
    .map((s) => `${s.group.gpu} at ${tokensLabel(s.max_new_tokens)} (${s.reason === 'recommendation' ? 'its recommendation' : s.reason === 'peak throughput' ? 'no recommendation; its peak-throughput series' : 'its only data'})`)
    .join(', ');
  const differentSlo = groups.filter((g) => g.slo.metric !== slo.metric || g.slo.threshold_ms !== slo.threshold_ms).map((g) => g.gpu);
  const omitted = axis.omitted ? `${runs(axis.omitted)} driven by request rate ${axis.omitted === 1 ? 'is' : 'are'} not on this concurrency axis; see each GPU's page.` : '';
  const what = kind === 'throughput' ? 'Throughput' : `${metric} latency`;
  return {
    id: `compare--${first.workload_slug}--${kind}`,
    title: `${what} vs ${load} by GPU: ${workload}`,
    caption: sentences(
      `${what} of every GPU on the ${workload} workload against ${load}, one line per GPU, each at one max_new_tokens series: ${choice}.`,
      kind === 'latency' ? `The dashed line is the SLO, ${metric} ≤ ${formatMs(slo.threshold_ms)} ms.` : '',
      differentSlo.length ? `${differentSlo.join(', ')} ${differentSlo.length === 1 ? 'is' : 'are'} judged on a different SLO on ${differentSlo.length === 1 ? 'its' : 'their'} own page${differentSlo.length === 1 ? '' : 's'}.` : '',
      failures.length ? `✕ marks ${failures.length === 1 ? 'a run' : `${failures.length} runs`} that did not finish cleanly.` : '',
      recommended.length ? 'Solid rings mark each GPU’s recommendation.' : '',
      omitted,
      unplaced ? `${runs(unplaced)} without ${kind === 'throughput' ? 'a throughput' : `a ${metric}`} ${unplaced === 1 ? 'is' : 'are'} in the tables only.` : '',
    ),
    ariaLabel: sentences(
      `Line chart comparing ${kind === 'throughput' ? 'throughput' : what} against ${load} across ${keys.length} GPU${keys.length === 1 ? '' : 's'} for the ${workload} workload.`,
      ...selections.map((s) => {
        const rec = s.group.points.find((p) => p.id === s.group.recommendation);
        const peak = s.group.max_throughput ? s.group.points.find((p) => p.id === s.group.max_throughput!.point) : undefined;
        const detail = rec
          ? `recommended ${pointPlace(rec)}, ${formatTokS(rec.throughput_tok_s)} tok/s at ${metricLabel(s.group.slo.metric)} ${formatMs(rec.slo_latency_ms)} ms`
          : peak
            ? `nothing met the SLO; peak ${formatTokS(peak.throughput_tok_s)} tok/s at ${pointPlace(peak)}`
            : 'no stable run';
        return `${s.group.gpu} (${tokensLabel(s.max_new_tokens)}): ${detail}.`;
      }),
      kind === 'latency' ? `SLO ${metric} ≤ ${formatMs(slo.threshold_ms)} ms.` : '',
    ),
    options,
  };
}

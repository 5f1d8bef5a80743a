/**
 * One workload, every GPU on one chart: throughput and latency against load, one line per GPU.
 * Each GPU contributes one series (one setup, one max_new_tokens, one load axis) so that lines
 * compare like with like and no line joins two setups.
 */
import type * as Plot from '@observablehq/plot';
import { pointById, setupOf } from '../core/analysis/group.ts';
import { chartedMetric } from '../core/analysis/slo.ts';
import { axisWords, formatSlo, latencyName, list, metricLabel, ms, plural, tokensWords, tokS, workloadTitle } from '../core/phrases.ts';
import type { GroupReport, LatencyMetric, LoadAxis as CoreLoadAxis, Point, Series, SetupInfo } from '../core/types.ts';
import { failureSentence, pointPlace, runs, sentences, verb } from './captions.ts';
import { axisOf, frame, isFiniteNumber, latencyScale, loadScale, throughputScale, WIDE, type ChartSize } from './layout.ts';
import { legendMarks, RING_RADIUS, type LegendItem } from './legend.ts';
import { dataTips, DOT_RADIUS, failureMarks, latencyOf, pointTitle, recommendedLabel, ringMarks, ruleObstacle, seriesLines, seriesMarks, seriesScales, sloLegend, sloRule, sloRuleY, sortByX, type Datum, type FailureDatum } from './marks.ts';
import { messageChart } from './message.ts';
import { failureLabel, gpuColor, gpuSymbol, isFailure, type SeriesDomains } from './palette.ts';
import { labelMarks, noObstacles } from './placement.ts';
import type { ChartSpec } from './spec.ts';
import { tipMarks } from './tips.ts';
import { failureLegend, type SeriesKey } from './view.ts';

/** Which series stands for a GPU, and why. */
export interface CompareSelection {
  group: GroupReport;
  /** The series drawn, or null when the group has none (every run at unbounded load). */
  series: Series | null;
  /** Its setup, named on the chart only when the group has several. */
  setup: SetupInfo | null;
  max_new_tokens: number | null;
  reason: 'recommendation' | 'peak throughput' | 'only data';
}

/**
 * The series of a GPU's recommendation: that is the configuration a client would deploy, and in
 * practice GPUs of one workload tend to land on the same output length there, where the series of
 * peak throughput often differ. Without a recommendation, the series holding the peak throughput
 * shows the most the GPU did (when the peak is a ceiling run, which is in no series, the headline
 * saturation's series); failing that, the first series.
 */
export function compareSelection(group: GroupReport): CompareSelection {
  const holding = (id: string | null | undefined) => (id ? group.series.find((s) => s.points.includes(id)) : undefined);
  const select = (series: Series | undefined, reason: CompareSelection['reason']): CompareSelection | null =>
    series ? { group, series, setup: setupOf(group, series), max_new_tokens: series.max_new_tokens, reason } : null;
  return select(holding(group.recommendation), 'recommendation')
    ?? select(holding(group.max_throughput?.point), 'peak throughput')
    ?? select(group.series.find((s) => s.id === group.headline_saturation?.series), 'peak throughput')
    ?? select(group.series[0], 'only data')
    ?? { group, series: null, setup: null, max_new_tokens: group.points[0]?.max_new_tokens ?? null, reason: 'only data' };
}

/** Throughput of every GPU of one workload against load, each at its selected series. */
export function compareThroughputChart(groups: readonly GroupReport[], domains: SeriesDomains, size: ChartSize = WIDE): ChartSpec {
  checkGroups(groups, 'compareThroughputChart');
  return compareChart(groups, domains, 'throughput', null, size);
}

/** Latency of every GPU of one workload against load, each at its selected series, with the SLO rule. */
export function compareLatencyChart(groups: readonly GroupReport[], domains: SeriesDomains, size: ChartSize = WIDE): ChartSpec {
  checkGroups(groups, 'compareLatencyChart');
  const metric = groups.map((g) => chartedMetric(g.slo)).find((m) => m !== null) ?? null;
  return compareChart(groups, domains, 'latency', metric, size);
}

function checkGroups(groups: readonly GroupReport[], name: string): GroupReport {
  const first = groups[0];
  if (!first) throw new Error(`${name} expects the GPU groups of one workload but found none`);
  const other = groups.find((g) => g.workload !== first.workload);
  if (other) throw new Error(`${name} expects groups of one workload but found "${first.workload}" and "${other.workload}"`);
  return first;
}

/** The axis most selected series were driven on (concurrency on a tie). */
function compareAxis(selections: readonly CompareSelection[]): CoreLoadAxis {
  const rate = selections.filter((s) => s.series?.axis === 'request_rate').length;
  const concurrency = selections.filter((s) => s.series?.axis === 'concurrency').length;
  return rate > concurrency ? 'request_rate' : 'concurrency';
}

/** The line's name: the GPU, and the setup's label when the GPU's group has several. */
function lineName(s: CompareSelection): string {
  return s.setup && s.group.setups.length > 1 ? `${s.group.gpu} · ${s.setup.label}` : s.group.gpu;
}

function compareChart(groups: readonly GroupReport[], domains: SeriesDomains, kind: 'throughput' | 'latency', metric: LatencyMetric | null, size: ChartSize): ChartSpec {
  const first = groups[0]!;
  const workload = workloadTitle(first.workload);
  const selections = groups.map(compareSelection);
  const axisKind = compareAxis(selections);
  const load = axisWords(axisKind);
  const id = `compare--${first.workload_slug}--${kind}`;
  const label = metric === null ? null : metricLabel(metric);
  const what = kind === 'throughput' ? 'Throughput' : metric === null ? 'Latency' : latencyName(metric);
  const title = `${what} vs ${load} by GPU: ${workload}`;
  if (kind === 'latency' && metric === null) {
    return messageChart({
      id,
      title,
      caption: `No GPU's runs on the ${workload} workload recorded a latency, so there is no latency to compare; throughput is on the other chart and every run is in the tables.`,
      ariaLabel: `No latency comparison for the ${workload} workload: no run recorded a latency.`,
      message: 'No latency recorded: nothing to plot',
    }, size);
  }
  const y = (p: Point) => (kind === 'throughput' ? p.throughput_tok_s : latencyOf(p, metric));
  const onAxis = selections.filter((s) => s.series && s.series.axis === axisKind);
  const offAxis = selections.filter((s) => !s.series || s.series.axis !== axisKind);
  const axis = axisOf(axisKind, onAxis.flatMap((s) => s.series!.points.map((id) => pointById(s.group, id))));
  const keys: SeriesKey[] = [];
  const stable: Datum[] = [];
  const failures: FailureDatum[] = [];
  const recommended: Datum[] = [];
  let unplaced = 0;
  let notReached = 0;
  for (const s of onAxis) {
    const name = lineName(s);
    const charted = metric ?? chartedMetric(s.group.slo);
    const title = (p: Point) => `${s.group.gpu}, ${pointTitle(s.group, p, charted)}`;
    const runOf = (p: Point) => ({ gpu_slug: s.group.gpu_slug, workload_slug: s.group.workload_slug, point: p.id });
    let drawn = false;
    for (const p of s.series!.points.map((pid) => pointById(s.group, pid))) {
      const px = axis.of(p);
      const py = y(p);
      if (!isFiniteNumber(px)) continue;
      if (isFailure(p)) {
        failures.push({ x: px, y: isFiniteNumber(py) ? py : null, label: failureLabel(p), title: title(p), run: runOf(p) });
        if (p.stable) notReached++;
      } else if (isFiniteNumber(py)) {
        const datum = { x: px, y: py, series: name, line: `${s.group.slug}|${s.series!.id}`, title: title(p), run: runOf(p) };
        stable.push(datum);
        if (p.id === s.group.recommendation) recommended.push(datum);
        drawn = true;
      } else {
        unplaced++;
      }
    }
    if (drawn && !keys.some((k) => k.key === name)) keys.push({ key: name, color: gpuColor(s.group.gpu, domains.gpus), symbol: gpuSymbol(s.group.gpu, domains.gpus) });
  }
  sortByX(stable);
  sortByX(failures);
  const xs = [...stable, ...failures].map((d) => d.x);
  const choice = selections.map((s) => {
    const setup = s.setup && s.group.setups.length > 1 ? `, ${s.setup.label}` : '';
    const why = s.reason === 'recommendation' ? 'its recommendation' : s.reason === 'peak throughput' ? 'no recommendation; its peak-throughput series' : 'its only data';
    return `${s.group.gpu} at ${tokensWords(s.max_new_tokens)}${setup} (${why})`;
  });
  const offSentence = sentences(...offAxis.map((s) => (s.series
    ? `${s.group.gpu}’s series was driven by ${axisWords(s.series.axis)} and is not on this ${load} axis; see its page.`
    : `${s.group.gpu} has no run at a bounded load; see its page.`)));
  if (xs.length === 0) {
    return messageChart({
      id,
      title,
      caption: sentences(`No GPU's selected series on the ${workload} workload can be placed on a load axis.`, offSentence),
      ariaLabel: `No comparison chart for the ${workload} workload: no series at a bounded load.`,
      message: 'No run at a bounded load: see each GPU’s page',
    }, size);
  }
  const anySetup = onAxis.some((s) => s.group.setups.length > 1);
  const legendItems: LegendItem[] = [
    { kind: 'heading', label: anySetup ? 'GPU · setup' : 'GPU' },
    ...keys.map((k) => ({ kind: 'series' as const, label: k.key, color: k.color, symbol: k.symbol })),
  ];
  if (failures.length) legendItems.push({ kind: 'failure', label: failureLegend(failures.length, notReached) });
  if (recommended.length) legendItems.push({ kind: 'recommended', label: 'recommended' });
  const rule = kind === 'latency' ? sloRule(first.slo, metric) : null;
  // Everything below is drawn only when the chart is: the marks, their labels and what labels avoid.
  const options = (): Plot.PlotOptions => {
    const legend = legendMarks([...legendItems, ...sloLegend(rule, size)], size);
    const failureLayer = failureMarks(failures, kind === 'latency' ? 'top' : 'floor');
    const obstacles = {
      ...noObstacles(),
      points: [...stable.map((d) => ({ x: d.x, y: d.y, r: DOT_RADIUS })), ...recommended.map((d) => ({ x: d.x, y: d.y, r: RING_RADIUS })), ...failureLayer.points],
      lines: seriesLines(stable),
      ruleY: ruleObstacle(rule, size),
      topLabels: failureLayer.topLabels,
    };
    return {
      ...frame(legend.rows, size),
      x: loadScale(axis, xs, size),
      y: kind === 'throughput' ? throughputScale() : latencyScale(`${label} (ms)`),
      ...seriesScales(keys),
      marks: [
        ...sloRuleY(rule, size),
        ...seriesMarks(stable),
        ...failureLayer.marks,
        ...ringMarks([], recommended),
        // A lone recommendation is labelled; several (one per GPU) are left to the legend.
        ...labelMarks([...recommendedLabel(recommended), ...failureLayer.labels], obstacles, size),
        ...legend.marks,
        ...tipMarks([...dataTips(stable, DOT_RADIUS), ...failureLayer.tips]),
      ],
    };
  };

  const sloText = formatSlo(first.slo);
  const differentSlo = groups.filter((g) => formatSlo(g.slo) !== sloText || g.slo.measured !== first.slo.measured).map((g) => g.gpu);
  const otherMetric = kind === 'latency' ? groups.filter((g) => chartedMetric(g.slo) !== metric).map((g) => g.gpu) : [];
  return {
    id,
    title,
    caption: sentences(
      `${what} of every GPU on the ${workload} workload against ${load}, one line per GPU, each at one series: ${choice.join(', ')}.`,
      rule ? `The dashed line is the SLO, ${sloText}.` : '',
      kind === 'latency' && !rule ? `No SLO line: the SLO (${sloText}) is not judged on ${label}.` : '',
      otherMetric.length ? `${list(otherMetric)}: ${label} is not the latency ${otherMetric.length === 1 ? 'its page plots' : 'their pages plot'}, so only runs that recorded it are drawn here.` : '',
      differentSlo.length ? `${list(differentSlo)} ${verb(differentSlo.length)} judged on a different SLO on ${differentSlo.length === 1 ? 'its' : 'their'} own page${differentSlo.length === 1 ? '' : 's'}.` : '',
      failureSentence(failures.length, notReached, ''),
      recommended.length ? 'Solid rings mark each GPU’s recommendation.' : '',
      offSentence,
      unplaced ? `${runs(unplaced)} without ${kind === 'throughput' ? 'a throughput' : `a ${label}`} ${verb(unplaced)} in the tables only.` : '',
    ),
    ariaLabel: sentences(
      `Line chart comparing ${kind === 'throughput' ? 'throughput' : what} against ${load} across ${plural(keys.length, 'GPU')} for the ${workload} workload.`,
      ...selections.map((s) => {
        const rec = s.group.points.find((p) => p.id === s.group.recommendation);
        const peak = s.group.max_throughput ? s.group.points.find((p) => p.id === s.group.max_throughput!.point) : undefined;
        const detail = rec
          ? `recommended ${pointPlace(s.group, rec)}, ${tokS(rec.throughput_tok_s)} at ${metricLabel(s.group.slo.metric)} ${ms(rec.slo_latency_ms)}`
          : peak
            ? `nothing recommended; peak ${tokS(peak.throughput_tok_s)} at ${pointPlace(s.group, peak)}`
            : 'no stable run';
        return `${lineName(s)} (${tokensWords(s.max_new_tokens)}): ${detail}.`;
      }),
      rule ? `SLO ${sloText}.` : '',
    ),
    options,
  };
}

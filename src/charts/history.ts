/**
 * The trend of a review's history: one GPU × workload's throughput at the SLO (or its SLO latency)
 * in each experiment, oldest first, the candidate's marker filled. Experiments with no run within
 * the SLO leave a gap in the line rather than a made-up value.
 */
import type * as Plot from '@observablehq/plot';
import { plotModule } from './plot.ts';
import type { History } from '../core/analysis/history.ts';
import { groupTitle, metricLabel, ms, tokS } from '../core/phrases.ts';
import type { LatencyMetric } from '../core/types.ts';
import { frame, isFiniteNumber, latencyScale, throughputScale, WIDE, type ChartSize } from './layout.ts';
import { legendMarks, type LegendItem } from './legend.ts';
import { messageChart } from './message.ts';
import { SERIES_COLORS } from './palette.ts';
import type { ChartSpec } from './spec.ts';

interface Datum {
  x: number;
  y: number | null;
  candidate: boolean;
  title: string;
}

const MAX_TICK = 12;
const shorten = (label: string) => (label.length > MAX_TICK ? `${label.slice(0, MAX_TICK - 1)}…` : label);

/** The trend chart of the GPU × workload at `index` of the history's groups: `what` is throughput or the SLO latency. */
export function historyChart(history: History, index: number, what: 'throughput' | 'latency', id: string, size: ChartSize = WIDE): ChartSpec {
  const group = history.experiments[0]!.groups[index]!;
  const metric = (history.experiments.map((e) => e.groups[index]!.slo_metric).find((m) => m !== null) ?? 'p95_e2e_ms') as LatencyMetric;
  const dated = history.experiments.every((e) => e.date !== null);
  const tick = (i: number) => {
    const e = history.experiments[i - 1];
    if (!e) return '';
    const label = dated ? e.date! : e.label;
    return size.name === 'narrow' ? shorten(label) : label;
  };
  const title = `${what === 'throughput' ? 'Throughput at the SLO' : `${metricLabel(metric)} at the recommendation`} across experiments: ${groupTitle(group)}`;
  const data: Datum[] = history.experiments.map((e, i) => {
    const g = e.groups[index]!;
    const y = what === 'throughput' ? g.throughput_tok_s : g.throughput_tok_s === null ? null : g.latency_ms;
    const words = !g.measured ? 'not measured' : y === null ? 'no run within the SLO' : what === 'throughput' ? tokS(y) : ms(y);
    return { x: i + 1, y: isFiniteNumber(y) ? y : null, candidate: e.candidate, title: `${e.label}${e.date ? ` (${e.date})` : ''}: ${words}` };
  });
  const placed = data.filter((d): d is Datum & { y: number } => d.y !== null);
  if (placed.length === 0) {
    return messageChart({ id, title, caption: `No experiment has a run of ${groupTitle(group)} within the SLO.`, ariaLabel: `No trend chart for ${groupTitle(group)}.`, message: 'No run within the SLO in any experiment' }, size);
  }
  const color = SERIES_COLORS[0]!;
  const items: LegendItem[] = [{ kind: 'heading', label: 'Hollow: baselines · filled: candidate' }];
  const yLabel = what === 'throughput' ? 'Throughput at the SLO (tok/s)' : `${metricLabel(metric)} (ms)`;
  const n = history.experiments.length;
  return {
    id,
    title,
    caption: `${what === 'throughput' ? 'Throughput at the SLO (the recommended run’s tokens per second)' : `${metricLabel(metric)} latency of the recommended run`} of ${groupTitle(group)} in each of ${n} experiments, ${dated ? 'in date order' : 'in the order given (not every experiment has a date)'}; the candidate is the filled marker. An experiment with no run within the SLO leaves a gap.`,
    ariaLabel: `Line chart of ${what === 'throughput' ? 'throughput at the SLO' : metricLabel(metric)} of ${groupTitle(group)} across ${n} experiments: ${data.map((d) => d.title).join('; ')}.`,
    options: () => {
      const legend = legendMarks(items, size);
      return {
        ...frame(legend.rows, size),
        x: { type: 'linear', domain: [1, n], ticks: data.map((d) => d.x), tickFormat: tick, label: dated ? 'Experiment (date)' : 'Experiment', labelAnchor: 'center', labelArrow: 'none', inset: Math.max(size.inset, 34) },
        y: what === 'throughput' ? { ...throughputScale(), label: yLabel } : latencyScale(yLabel),
        marks: [
          plotModule().line(data, { x: 'x', y: (d: Datum) => d.y ?? Number.NaN, stroke: color, strokeWidth: 2 }),
          plotModule().dot(placed, { x: 'x', y: 'y', r: 4, fill: (d: Datum) => (d.candidate ? color : 'none'), stroke: color, strokeWidth: 1.5, title: 'title' }),
          ...legend.marks,
        ],
      };
    },
  };
}

/**
 * A review's history as `analyze` prints it: the `review.history` list of the JSON output and the
 * short history table of the Markdown report; and the words pages use for its order.
 */
import type { History, HistoryGroup } from './analysis/history.ts';
import { escapeMarkdown } from './markdown.ts';
import { groupTitle, metricLabel, ms, tokS } from './phrases.ts';
import type { LatencyMetric } from './types.ts';

/** The `review.history` list of the JSON output, oldest first. */
export function historyJson(history: History) {
  return history.experiments.map((e) => ({
    label: e.label,
    date: e.date,
    groups: e.groups.map((g) => ({ gpu: g.gpu, workload: g.workload, throughput_tok_s: g.throughput_tok_s, latency_ms: g.latency_ms })),
  }));
}

/** How the experiments are ordered, in words. */
export function historyOrderWords(history: History): string {
  return history.ordered_by === 'date'
    ? 'in date order'
    : 'in the order they were given, since not every experiment records a date';
}

/** An experiment's column heading: its name and date. */
export function experimentHeading(e: { label: string; date: string | null; candidate: boolean }): string {
  return `${e.label}${e.date ? ` (${e.date})` : ''}${e.candidate ? ', candidate' : ''}`;
}

/** One GPU × workload of one experiment in a few words. */
export function historyCellWords(g: HistoryGroup): string {
  if (!g.measured) return 'not measured';
  if (g.throughput_tok_s === null) return 'no run within the SLO';
  return `${tokS(g.throughput_tok_s)}${g.latency_ms === null ? '' : ` at ${metricLabel(g.slo_metric as LatencyMetric)} ${ms(g.latency_ms)}`}`;
}

/** The "History" part of the Markdown report's review: one row per GPU × workload, one column per experiment. */
export function historyMarkdown(history: History): string {
  const first = history.experiments[0];
  if (!first) return '';
  const lines = [
    '### History',
    '',
    `Throughput at the SLO (and its SLO latency) of each experiment, ${escapeMarkdown(historyOrderWords(history))}; the verdicts above compare the candidate with the most recent baseline.`,
    '',
    `| GPU × workload | ${history.experiments.map((e) => escapeMarkdown(experimentHeading(e))).join(' | ')} |`,
    `|---|${history.experiments.map(() => '---').join('|')}|`,
  ];
  first.groups.forEach((g, i) => {
    lines.push(`| ${escapeMarkdown(groupTitle(g))} | ${history.experiments.map((e) => escapeMarkdown(historyCellWords(e.groups[i]!))).join(' | ')} |`);
  });
  return `${lines.join('\n')}\n`;
}

/**
 * A review as `analyze` prints it: the documented `review` object of the JSON output, the
 * "Review" section of the Markdown report and the lines a failed regression gate prints.
 */
import type { Review, ReviewGroup, ReviewGroupSide, ReviewRecommendation } from './analysis/review.ts';
import { formatPct, formatTokS } from './format.ts';
import { historyJson, historyMarkdown } from './history-output.ts';
import { change, groupTitle, metricLabel, ms, runName, tokS } from './phrases.ts';
import { escapeMarkdown } from './markdown.ts';
import type { LatencyMetric } from './types.ts';

function recommendationJson(r: ReviewRecommendation | null) {
  if (!r) return null;
  return {
    setup: r.setup,
    concurrency: r.load.axis === 'concurrency' ? r.load.value : null,
    request_rate: r.load.axis === 'request_rate' ? r.load.value : null,
    load: r.load,
    max_new_tokens: r.max_new_tokens,
    throughput_tok_s: r.throughput_tok_s,
    latency_ms: r.latency_ms,
    headroom_pct: r.headroom_pct,
    n: r.n,
  };
}

const sideJson = (s: ReviewGroupSide | null) => (s ? { recommendation: recommendationJson(s.recommendation), max_throughput_tok_s: s.max_throughput_tok_s } : null);

/** The `review` object of the JSON output. */
export function reviewJson(review: Review) {
  return {
    baseline: review.baseline,
    candidate: review.candidate,
    groups: review.groups.map((g) => ({
      gpu: g.gpu,
      workload: g.workload,
      verdict: g.verdict,
      baseline: sideJson(g.baseline),
      candidate: sideJson(g.candidate),
      delta_pct: g.delta_pct,
      interval: g.interval,
      points: g.points.map((p) => ({ load: p.load, max_new_tokens: p.max_new_tokens, baseline_tok_s: p.baseline_tok_s, candidate_tok_s: p.candidate_tok_s, delta_pct: p.delta_pct })),
    })),
    ...(review.history ? { history: historyJson(review.history) } : {}),
  };
}

/** A bootstrap interval of a ratio, three decimals: `0.880–0.939`. */
export function formatInterval(interval: readonly [number, number]): string {
  return `${interval[0].toFixed(3)}–${interval[1].toFixed(3)}`;
}

/** How a verdict was judged, in words: the rule and its figures. */
export function ruleWords(group: ReviewGroup, noisePct: number): string {
  const rule = ruleOnly(group, noisePct);
  return group.basis === 'peak' ? `peak stable throughput (no run within the SLO on either side), ${rule}` : rule;
}

function ruleOnly(group: ReviewGroup, noisePct: number): string {
  switch (group.rule) {
    case 'bootstrap':
      return `95% bootstrap interval of the ratio of medians ${formatInterval(group.interval!)} (${group.interval![0] > 1 || group.interval![1] < 1 ? 'excludes' : 'includes'} 1; at least 3 repeats on both sides)`;
    case 'noise band':
      return `change against a noise band of ±${noisePct}% (fewer than 3 repeats on a side)`;
    case 'recommendation':
      return group.baseline?.recommendation ? 'the candidate has no run within the SLO' : group.candidate?.recommendation ? 'the baseline had no run within the SLO' : 'neither side has a run within the SLO';
    case 'one side':
      return group.baseline ? 'not measured in the candidate' : 'not measured in the baseline';
  }
}

const recWords = (r: ReviewRecommendation | null, metric: string) =>
  r ? `${runName(r, 'short')}${r.setup !== 'all runs' ? ` (${r.setup})` : ''}: ${tokS(r.throughput_tok_s)} at ${metricLabel(metric as LatencyMetric)} ${ms(r.latency_ms)}` : 'no run within the SLO';

/** One line per GPU × workload: `L4 – Chat workload: regressed (throughput at the SLO −20%)`. */
export function verdictLine(group: ReviewGroup): string {
  const delta = group.basis === 'peak'
    ? ` (no run within the SLO on either side; peak throughput ${change(group.peak_delta_pct)})`
    : group.delta_pct === null ? '' : ` (throughput at the SLO ${change(group.delta_pct)})`;
  return `${groupTitle(group)}: ${group.verdict}${delta}`;
}

/** The rule of a verdict in a few words, for a table cell: `±5% noise band`, `bootstrap 0.880–0.939`. */
export function ruleShort(group: ReviewGroup, noisePct: number): string {
  const peak = group.basis === 'peak' ? 'peak throughput, ' : '';
  if (group.rule === 'bootstrap') return `${peak}bootstrap interval ${formatInterval(group.interval!)}`;
  if (group.rule === 'noise band') return `${peak}±${noisePct}% noise band`;
  return ruleWords(group, noisePct);
}

/** The "Review" section of the Markdown report. */
export function reviewMarkdown(review: Review): string {
  const lines = [
    '## Review',
    '',
    `Baseline: ${escapeMarkdown(review.baseline)}; candidate: ${escapeMarkdown(review.candidate)}. Throughput at the SLO is the recommendation of each side against the other's.`,
    '',
    '| GPU × workload | Verdict | Baseline | Candidate | Change | Judged by |',
    '|---|---|---|---|---|---|',
  ];
  for (const g of review.groups) {
    const metric = g.candidate?.slo_metric ?? g.baseline?.slo_metric ?? 'p95_e2e_ms';
    const cells = [
      groupTitle(g),
      g.verdict,
      g.baseline ? recWords(g.baseline.recommendation, metric) : 'not measured',
      g.candidate ? recWords(g.candidate.recommendation, metric) : 'not measured',
      g.basis === 'peak' ? `${change(g.peak_delta_pct)} (peak)` : g.delta_pct === null ? 'not applicable' : change(g.delta_pct),
      ruleWords(g, review.noise_pct),
    ];
    lines.push(`| ${cells.map(escapeMarkdown).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n${review.history ? `\n${historyMarkdown(review.history)}` : ''}`;
}

/** The lines a failed gate prints, one per regression. */
export function regressionLines(regressions: readonly ReviewGroup[], thresholdPct: number): string[] {
  return regressions.map((g) => {
    const b = g.baseline!.recommendation;
    const c = g.candidate?.recommendation ?? null;
    const what = c && b
      ? `throughput at the SLO fell by ${formatPct(-g.delta_pct!)} (more than ${thresholdPct}%): ${formatTokS(b.throughput_tok_s)} → ${formatTokS(c.throughput_tok_s)} tok/s`
      : 'the recommendation disappeared: no run of the candidate is within the SLO';
    return `regressed: ${g.gpu} / ${g.workload}: ${what}`;
  });
}

/**
 * The words around a chart: ids, captions and text alternatives. Figures go through the shared
 * phrases so a caption reads exactly like the table beside it.
 */
import { setupOf } from '../core/analysis/group.ts';
import { axisWords, formatSlo, metricLabel, ms, plural, runName, tokS, workloadTitle } from '../core/phrases.ts';
import type { GroupReport, LatencyMetric, Point } from '../core/types.ts';
import type { LoadAxis } from './layout.ts';

/** A file-safe chart id: slugs never hold `--`, so `gpu--workload-kind` cannot collide across groups. */
export function chartId(group: Pick<GroupReport, 'gpu_slug' | 'workload_slug'>, kind: string): string {
  return `${group.gpu_slug}--${group.workload_slug}-${kind}`;
}

/** `1 run`, `2 runs`. */
export function runs(count: number): string {
  return plural(count, 'run');
}

/** `is` or `are`, agreeing with a count. */
export function verb(count: number): string {
  return count === 1 ? 'is' : 'are';
}

/** The group in a caption's words: `L4 on the Chat workload`. */
export function groupWhere(group: Pick<GroupReport, 'gpu' | 'workload'>): string {
  return `${group.gpu} on the ${workloadTitle(group.workload)} workload`;
}

/** Where a point sits, e.g. `concurrency 16 × 64 tokens`, with its setup when the group has several. */
export function pointPlace(group: Pick<GroupReport, 'setups'>, point: Point): string {
  const place = runName(point, 'prose');
  return group.setups.length > 1 ? `${place} (${setupOf(group, point).label})` : place;
}

/** The group's recommended point, if any. */
export function recommendedPoint(group: GroupReport): Point | undefined {
  return group.points.find((point) => point.id === group.recommendation);
}

/** Why nothing is recommended: no run met the SLO, or the SLO could not be judged on this data. */
function nothingRecommended(group: GroupReport): string {
  return group.slo.measured
    ? `no run met the SLO (${formatSlo(group.slo)}), so nothing is recommended`
    : 'nothing is recommended: the SLO is not judged';
}

/** The recommendation in one clause, or why there is none. */
export function recommendationClause(group: GroupReport): string {
  const p = recommendedPoint(group);
  if (!p) return nothingRecommended(group);
  return `recommended: ${pointPlace(group, p)} at ${tokS(p.throughput_tok_s)}, ${metricLabel(group.slo.metric)} ${ms(p.slo_latency_ms)}`;
}

/** Caption sentence about the rings, or why nothing is recommended; `shown` says whether the recommendation is on this chart. */
export function ringSentence(group: GroupReport, shown: boolean): string {
  const p = recommendedPoint(group);
  if (!p) return `${capitalise(nothingRecommended(group))}.`;
  if (!shown) return `The recommendation (${pointPlace(group, p)}, ${tokS(p.throughput_tok_s)}) is not on this chart; it is in the tables.`;
  const others = group.sweet_spots.length - 1;
  const dashed = others > 0 ? `; dashed rings mark the next ${others === 1 ? 'sweet spot' : `${others} sweet spots`}` : '';
  return `The solid ring marks the recommendation (${pointPlace(group, p)}, ${tokS(p.throughput_tok_s)})${dashed}.`;
}

/** Caption sentence about runs drawn as ✕, or nothing when there are none. */
export function failureSentence(count: number, notReached: number, missing: string): string {
  if (count === 0) return '';
  const unstable = count - notReached;
  const parts: string[] = [];
  if (unstable) parts.push(`${unstable === 1 ? 'a run' : `${unstable} runs`} that did not finish cleanly (OOM, error, timeout or failed requests)`);
  if (notReached) parts.push(`${notReached === 1 ? 'a run' : `${notReached} runs`} that never reached ${notReached === 1 ? 'its' : 'their'} load (fewer requests completed than the concurrency)`);
  return `✕ marks ${parts.join(' and ')}${missing ? `, ${missing}` : ''}.`;
}

/**
 * Why some runs are only in the tables: runs on the other load axis, ceiling runs (a load chart
 * has no place for unbounded load), runs without the figure charted.
 */
export function omittedSentence(axis: LoadAxis | null, unplaced: number, figure: string): string {
  const parts: string[] = [];
  if (axis && axis.other) {
    const other = axis.axis === 'concurrency' ? 'request_rate' : 'concurrency';
    parts.push(`${runs(axis.other)} driven by ${axisWords(other)} ${verb(axis.other)} not on this ${axisWords(axis.axis)} axis`);
  }
  if (axis && axis.unbounded) parts.push(`${runs(axis.unbounded)} at unbounded load (a ceiling, not an operating point) ${verb(axis.unbounded)} not on a load axis`);
  if (unplaced) parts.push(`${runs(unplaced)} without ${figure} ${verb(unplaced)} not drawn`);
  if (parts.length === 0) return '';
  const total = (axis?.other ?? 0) + (axis?.unbounded ?? 0) + unplaced;
  return `${capitalise(parts.join('; '))}: ${total === 1 ? 'it is' : 'they are'} in the tables.`;
}

/**
 * What the latency a chart plots stands for when it is not the judged SLO metric: the SLO could
 * not be judged (no SLO rule), or it is judged per request and its bound on this metric is not drawn.
 */
export function chartedSentence(group: GroupReport, metric: LatencyMetric, rule: boolean): string {
  if (rule) return '';
  if (!group.slo.measured) {
    return `This chart plots ${metricLabel(metric)}, a latency these runs carry, with no SLO line.`;
  }
  return `This chart plots ${metricLabel(metric)}; the SLO (${formatSlo(group.slo)}) is judged on other figures and is not drawn.`;
}

/** The first letter of a sentence in upper case. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Joins caption sentences, skipping empty ones. */
export function sentences(...parts: string[]): string {
  return parts.filter(Boolean).join(' ');
}

/**
 * The words around a chart: ids, captions and text alternatives. Figures go through the shared
 * formatters so a caption reads exactly like the table beside it.
 */
import { formatMs, formatTokS } from '../core/format.ts';
import { loadLabel, metricLabel } from '../core/labels.ts';
import type { GroupReport, Point } from '../core/types.ts';
import type { LoadAxis } from './layout.ts';
import { tokensLabel } from './marks.ts';

/** A file-safe chart id: slugs never hold `--`, so `gpu--workload-kind` cannot collide across groups. */
export function chartId(group: Pick<GroupReport, 'gpu_slug' | 'workload_slug'>, kind: string): string {
  return `${group.gpu_slug}--${group.workload_slug}-${kind}`;
}

/** `n run(s)` with the noun agreeing. */
export function runs(count: number): string {
  return `${count} run${count === 1 ? '' : 's'}`;
}

/** Where a point sits, e.g. `concurrency 16 × 64 tokens`. */
export function pointPlace(point: Point): string {
  return `${loadLabel(point)} × ${tokensLabel(point.max_new_tokens)}`;
}

/** The group's recommended point, if any. */
export function recommendedPoint(group: GroupReport): Point | undefined {
  return group.points.find((point) => point.id === group.recommendation);
}

/** The recommendation in one clause, or that there is none. */
export function recommendationClause(group: GroupReport): string {
  const p = recommendedPoint(group);
  if (!p) return `no run met the SLO (${metricLabel(group.slo.metric)} ≤ ${formatMs(group.slo.threshold_ms)} ms), so nothing is recommended`;
  return `recommended: ${pointPlace(p)} at ${formatTokS(p.throughput_tok_s)} tok/s, ${metricLabel(group.slo.metric)} ${formatMs(p.slo_latency_ms)} ms`;
}

/** Caption sentence about the rings, or that nothing met the SLO. */
export function ringSentence(group: GroupReport): string {
  const p = recommendedPoint(group);
  if (!p) return `No run met the SLO (${metricLabel(group.slo.metric)} ≤ ${formatMs(group.slo.threshold_ms)} ms), so nothing is recommended.`;
  const others = group.sweet_spots.length - 1;
  const dashed = others > 0 ? `; dashed rings mark the next ${others === 1 ? 'sweet spot' : `${others} sweet spots`}` : '';
  return `The solid ring marks the recommendation (${pointPlace(p)}, ${formatTokS(p.throughput_tok_s)} tok/s)${dashed}.`;
}

/** Caption sentence about failed runs, or nothing when every run was stable. */
export function failureSentence(count: number, missing: string): string {
  if (count === 0) return '';
  return `✕ marks ${count === 1 ? 'a run' : `${count} runs`} that did not finish cleanly (OOM, error, timeout or failed requests)${missing ? `, ${missing}` : ''}.`;
}

/** Why some runs are only in the table: rate points on a concurrency axis, or a metric not recorded. */
export function omittedSentence(axis: Pick<LoadAxis, 'omitted'> | null, unplaced: number, metric: string): string {
  const parts: string[] = [];
  if (axis && axis.omitted) parts.push(`${runs(axis.omitted)} driven by request rate ${axis.omitted === 1 ? 'is' : 'are'} not on this concurrency axis and ${axis.omitted === 1 ? 'is' : 'are'} listed in the table`);
  if (unplaced) parts.push(`${runs(unplaced)} without ${metric} ${unplaced === 1 ? 'is' : 'are'} listed in the table only`);
  return parts.length ? `${capitalise(parts.join('; '))}.` : '';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Joins caption sentences, skipping empty ones. */
export function sentences(...parts: string[]): string {
  return parts.filter(Boolean).join(' ');
}

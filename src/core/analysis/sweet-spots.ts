import type { GroupSlo, Point } from '../types.ts';
import { isOperatingPoint } from './points.ts';
import { judgedOnRequests } from './slo.ts';

/** How many sweet spots the table shows. */
export const SWEET_SPOT_COUNT = 3;

const nullsLast = (a: number | null, b: number | null) => (a ?? Infinity) - (b ?? Infinity);
const desc = (a: number | null, b: number | null) => (b ?? -Infinity) - (a ?? -Infinity);

/**
 * The sweet spots of one GPU × workload, best first: points that meet the SLO, each a distinct
 * setup × load × max_new_tokens. Under a percentile SLO: by throughput (desc), then SLO latency,
 * load, max_new_tokens (asc). Under an attainment SLO judged on requests: by goodput (desc), then
 * attainment (desc), load, max_new_tokens.
 */
export function sweetSpots(points: readonly Point[], slo: GroupSlo, limit = SWEET_SPOT_COUNT): Point[] {
  const byGoodput = judgedOnRequests(slo);
  return points
    .filter((p) => p.meets_slo)
    .sort((a, b) => (byGoodput
      ? desc(a.goodput_req_s, b.goodput_req_s) || desc(a.slo_attainment, b.slo_attainment)
      : desc(a.throughput_tok_s, b.throughput_tok_s) || nullsLast(a.slo_latency_ms, b.slo_latency_ms))
      || (a.load.axis === b.load.axis ? 0 : a.load.axis === 'concurrency' ? -1 : 1)
      || nullsLast(a.load.value, b.load.value)
      || nullsLast(a.max_new_tokens, b.max_new_tokens)
      || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}

/**
 * When a judged SLO was met by no run: the one closest to it, the stable operating point with the
 * lowest SLO latency (attainment SLOs: the highest attainment); failing that any point with one.
 */
export function closestPoint(points: readonly Point[], slo: GroupSlo): Point | null {
  if (!slo.measured) return null;
  const byGoodput = judgedOnRequests(slo);
  const pick = (list: Point[]) => byGoodput
    ? list.filter((p) => p.slo_attainment !== null).sort((a, b) => desc(a.slo_attainment, b.slo_attainment) || desc(a.goodput_req_s, b.goodput_req_s))[0]
    : list.filter((p) => p.slo_latency_ms !== null).sort((a, b) => a.slo_latency_ms! - b.slo_latency_ms! || desc(a.throughput_tok_s, b.throughput_tok_s))[0];
  return pick(points.filter((p) => p.stable && isOperatingPoint(p))) ?? pick([...points]) ?? null;
}

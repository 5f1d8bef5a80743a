/**
 * The recommendation of a group in words, shared by the Markdown report, the pages and the
 * link-preview cards: what to run, what it gives, and when nothing qualifies, why.
 */
import { pointById, setupOf } from './analysis/group.ts';
import { judgedOnRequests } from './analysis/slo.ts';
import { formatGoodput, formatPct } from './format.ts';
import { formatSlo, headroom, instabilityWords, list, metricLabel, ms, runName, tokS, unjudgedWords } from './phrases.ts';
import type { GroupReport, Point } from './types.ts';

/** The setup of a point in parentheses when its group has several, else nothing. */
export function setupSuffix(group: GroupReport, point: Pick<Point, 'setup'>): string {
  return group.setups.length > 1 ? ` (${setupOf(group, point).label})` : '';
}

/** What a recommended point gives: throughput, SLO latency or attainment, headroom. */
export function pointFigures(group: GroupReport, p: Point): string {
  const slo = group.slo;
  if (judgedOnRequests(slo)) {
    return `${tokS(p.throughput_tok_s)}, ${formatPct((p.slo_attainment ?? 0) * 100)} of requests within the SLO, ${p.goodput_req_s === null ? 'goodput not measured' : `goodput ${formatGoodput(p.goodput_req_s)} req/s`}`;
  }
  return `${tokS(p.throughput_tok_s)} at ${metricLabel(slo.metric)} ${ms(p.slo_latency_ms)}, ${headroom(p.headroom_pct)}`;
}

/** The recommendation sentence of a group. */
export function recommendationText(group: GroupReport): string {
  const slo = group.slo;
  if (!slo.measured) {
    return `None: the SLO (${formatSlo(slo)}) is not judged, because ${unjudgedWords(slo)}.`;
  }
  if (group.recommendation) {
    const p = pointById(group, group.recommendation);
    return `Use ${runName(p, 'setting')}${setupSuffix(group, p)} for the best ${judgedOnRequests(slo) ? 'goodput' : 'throughput'} within the SLO (${pointFigures(group, p)}).`;
  }
  if (!group.closest) return `No run met the SLO (${formatSlo(slo)}).`;
  const c = pointById(group, group.closest);
  // Judged on the requests, a run misses by its share within the SLO: its failures count in that
  // share and are said beside it, never in its place.
  const onRequests = judgedOnRequests(slo) && c.slo_attainment !== null && slo.target !== null;
  const why = onRequests
    ? `${formatPct(c.slo_attainment! * 100)} of its requests within the SLO, against the ${formatPct(slo.target! * 100)} it asks for${c.stable ? '' : `; it ${instabilityWords(c)}`}`
    : !c.stable
      ? `it ${instabilityWords(c)}`
      : c.slo_latency_ms === null ? `its ${metricLabel(slo.metric)} was not measured` : `${metricLabel(slo.metric)} ${ms(c.slo_latency_ms)}`;
  return `No run met the SLO (${formatSlo(slo)}); the closest was ${runName(c, 'setting')}${setupSuffix(group, c)}: ${why}.`;
}

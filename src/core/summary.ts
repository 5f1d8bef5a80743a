import { pointById } from './analysis/group.ts';
import type { GroupReport, Point, Report } from './types.ts';

/** A sweet spot as `npm run analyze -- --format json` prints it. */
export interface SweetSpotJson {
  concurrency: number | null;
  request_rate: number | null;
  max_new_tokens: number | null;
  throughput_tok_s: number | null;
  latency_ms: number | null;
  headroom_pct: number | null;
}

function spot(point: Point): SweetSpotJson {
  return {
    concurrency: point.concurrency,
    request_rate: point.request_rate,
    max_new_tokens: point.max_new_tokens,
    throughput_tok_s: point.throughput_tok_s,
    latency_ms: point.slo_latency_ms,
    headroom_pct: point.headroom_pct,
  };
}

function groupJson(group: GroupReport) {
  return {
    gpu: group.gpu,
    workload: group.workload,
    slo: group.slo,
    sweet_spots: group.sweet_spots.map((id) => spot(pointById(group, id))),
    recommendation: group.recommendation ? spot(pointById(group, group.recommendation)) : null,
    closest: group.closest ? spot(pointById(group, group.closest)) : null,
    max_stable_concurrency: group.max_stable_concurrency,
    max_throughput_tok_s: group.max_throughput?.value ?? null,
    saturation: group.headline_saturation,
    findings: group.findings,
    points: group.points,
  };
}

/** The documented JSON output: groups sorted by gpu then workload, plus provenance and gaps. */
export function toJson(report: Report): string {
  return `${JSON.stringify({
    title: report.title,
    client: report.client,
    measurements: report.measurements,
    files: report.files,
    groups: report.groups.map(groupJson),
    kv_budgets: report.kv_budgets,
    gaps: report.gaps,
  }, null, 2)}\n`;
}

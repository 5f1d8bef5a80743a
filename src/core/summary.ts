import { pointById, setupOf } from './analysis/group.ts';
import type { GroupReport, PlanRow, Point, Report } from './types.ts';

/** A sweet spot as `npm run analyze -- --format json` prints it. */
export interface SweetSpotJson {
  setup: string;
  concurrency: number | null;
  request_rate: number | null;
  load: Point['load'];
  max_new_tokens: number | null;
  throughput_tok_s: number | null;
  latency_ms: number | null;
  headroom_pct: number | null;
  slo_attainment: number | null;
  goodput_req_s: number | null;
}

/** The concurrency and request rate of a point, as separate fields (null where not its axis). */
export function loadFields(point: Pick<Point, 'load'>): { concurrency: number | null; request_rate: number | null } {
  return {
    concurrency: point.load.axis === 'concurrency' ? point.load.value : null,
    request_rate: point.load.axis === 'request_rate' ? point.load.value : null,
  };
}

function spot(group: GroupReport, point: Point): SweetSpotJson {
  return {
    setup: setupOf(group, point).label,
    ...loadFields(point),
    load: point.load,
    max_new_tokens: point.max_new_tokens,
    throughput_tok_s: point.throughput_tok_s,
    latency_ms: point.slo_latency_ms,
    headroom_pct: point.headroom_pct,
    slo_attainment: point.slo_attainment,
    goodput_req_s: point.goodput_req_s,
  };
}

function groupJson(group: GroupReport) {
  const stable = group.max_stable_load;
  return {
    gpu: group.gpu,
    workload: group.workload,
    slo: group.slo,
    setups: group.setups,
    sweet_spots: group.sweet_spots.map((id) => spot(group, pointById(group, id))),
    recommendation: group.recommendation ? spot(group, pointById(group, group.recommendation)) : null,
    closest: group.closest ? spot(group, pointById(group, group.closest)) : null,
    max_stable_concurrency: stable?.axis === 'concurrency' ? stable.value : null,
    max_stable_load: stable,
    max_throughput_tok_s: group.max_throughput?.value ?? null,
    saturation: group.headline_saturation,
    findings: group.findings,
    points: group.points.map((p) => ({ ...p, ...loadFields(p) })),
  };
}

/** A row of the capacity plan as the JSON output prints it: the documented keys first, then what the row rests on. */
export function planJson(row: PlanRow, group: GroupReport) {
  const point = pointById(group, row.point);
  return {
    workload: row.workload,
    gpu: row.gpu,
    gpus_per_replica: row.gpus_per_replica,
    replicas: row.replicas,
    gpus: row.gpus,
    capacity: row.capacity,
    cost_per_mtok_output: row.cost_per_mtok_output,
    monthly_cost: row.monthly_cost,
    cheapest: row.cheapest,
    setup: row.setup_label,
    ...loadFields(point),
    max_new_tokens: point.max_new_tokens,
    throughput_tok_s: row.throughput_tok_s,
    demand: row.demand,
    last_replica_utilisation_pct: row.last_replica_utilisation_pct,
    cost_per_mtok_total: row.cost_per_mtok_total,
    price_per_hour: row.price_per_hour,
    currency: row.currency,
  };
}

/** The documented JSON output: groups sorted by gpu then workload, plus provenance, gaps and the plan (and `extra` keys, e.g. a review). */
export function toJson(report: Report, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({
    title: report.title,
    client: report.client,
    measurements: report.measurements,
    files: report.files,
    ignored: report.ignored,
    groups: report.groups.map(groupJson),
    kv_budgets: report.kv_budgets,
    gaps: report.gaps,
    plan: report.plan.map((row) => planJson(row, report.groups.find((g) => g.slug === row.group)!)),
    ...extra,
  }, null, 2)}\n`;
}

/**
 * The capacity plan: arithmetic on each GPU × workload's recommendation (one replica's capacity
 * under the SLO) against the client's stated demand and the GPUs' prices. Pure and deterministic.
 */
import type { Demand, GroupReport, PlanCapacitySource, PlanRow, Point, ResolvedConfig, SettingValue, Setup } from '../types.ts';
import { byText } from './stats.ts';
import { sweetSpots } from './sweet-spots.ts';

/** Seconds in an hour, for tokens per second → tokens per GPU-hour. */
const SECONDS_PER_HOUR = 3600;
/** Cost is quoted per this many tokens. */
const TOKENS_PER_QUOTE = 1_000_000;
// Quotients such as 3.3 / 1.1 land a hair above a whole number in binary floating point; a demand
// that needs exactly N replicas must not be sized at N + 1.
const CEIL_TOLERANCE = 1e-9;

/** ceil(x), forgiving the rounding error of floating-point division (2.0000000001 → 2). */
export function ceilTolerant(x: number): number {
  const nearest = Math.round(x);
  if (Math.abs(x - nearest) <= CEIL_TOLERANCE * Math.max(1, Math.abs(x))) return nearest;
  return Math.ceil(x);
}

function parallel(setup: Setup, key: string): number {
  const v: SettingValue | undefined = setup[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
}

/** GPUs one replica runs on: tensor × pipeline × data parallel size of the run's setup (each 1 when not recorded). */
export function gpusPerReplica(setup: Setup): number {
  return parallel(setup, 'tensor_parallel_size') * parallel(setup, 'pipeline_parallel_size') * parallel(setup, 'data_parallel_size');
}

/** One replica's capacity in the demand's unit, and where it comes from; null when the run cannot give it. */
export function replicaCapacity(point: Point, unit: Demand['unit']): { per_replica: number; source: PlanCapacitySource } | null {
  const throughput = point.throughput_tok_s;
  if (unit === 'output_tok_s') return throughput !== null && throughput > 0 ? { per_replica: throughput, source: 'throughput' } : null;
  if (unit === 'concurrent_users') return point.load.axis === 'concurrency' ? { per_replica: point.load.value, source: 'concurrency' } : null;
  if (point.request_throughput !== null && point.request_throughput > 0) return { per_replica: point.request_throughput, source: 'request_throughput' };
  if (throughput === null || throughput <= 0) return null;
  if (point.mean_output_tokens !== null && point.mean_output_tokens > 0) return { per_replica: throughput / point.mean_output_tokens, source: 'mean_output_tokens' };
  if (point.max_new_tokens !== null && point.max_new_tokens > 0) return { per_replica: throughput / point.max_new_tokens, source: 'max_new_tokens' };
  return null;
}

/** Replicas for a demand: ceil(demand × (1 + reserve) ÷ capacity), at least one. */
export function replicasFor(demand: number, reservePct: number, capacity: number): number {
  return Math.max(1, ceilTolerant((demand * (1 + reservePct / 100)) / capacity));
}

/** Share (%) of the last replica's capacity that the demand with its reserve takes. */
export function lastReplicaUtilisation(demand: number, reservePct: number, capacity: number, replicas: number): number {
  const needed = demand * (1 + reservePct / 100);
  return Math.min(100, Math.max(0, ((needed - (replicas - 1) * capacity) / capacity) * 100));
}

/** Cost per 1M tokens: price per GPU-hour × GPUs per replica ÷ (tokens/s × 3600) × 10⁶. */
export function costPerMillion(pricePerHour: number, gpus: number, tokensPerSecond: number): number {
  return ((pricePerHour * gpus) / (tokensPerSecond * SECONDS_PER_HOUR)) * TOKENS_PER_QUOTE;
}

/** Monthly cost: GPUs × price per GPU-hour × hours per month, to the cent (a bill has no fractions of a cent). */
export function monthlyCost(gpus: number, pricePerHour: number, hoursPerMonth: number): number {
  return Math.round(gpus * pricePerHour * hoursPerMonth * 100) / 100;
}

/** Input tokens per second of a run, when its mean input length and a request rate from the data are known. */
function inputTokS(point: Point): number | null {
  if (point.mean_input_tokens === null || point.throughput_tok_s === null) return null;
  const rps = point.request_throughput ?? (point.mean_output_tokens ? point.throughput_tok_s / point.mean_output_tokens : null);
  return rps === null ? null : rps * point.mean_input_tokens;
}

/** The points a group's plan rests on: the recommendation, and with several setups each other setup's best sweet spot. */
export function planPoints(group: GroupReport): Point[] {
  if (group.recommendation === null) return [];
  const spots = sweetSpots(group.points, group.slo, Infinity);
  const best: Point[] = [];
  for (const point of spots) if (!best.some((p) => p.setup === point.setup)) best.push(point);
  return best;
}

function planRow(group: GroupReport, point: Point, config: ResolvedConfig): PlanRow {
  const setup = group.setups.find((s) => s.id === point.setup)!;
  const perReplica = gpusPerReplica(setup.settings);
  const demand = config.demand[group.workload] ?? null;
  const price = config.gpus[group.gpu]?.price_per_hour ?? null;
  const capacity = replicaCapacity(point, demand?.unit ?? 'output_tok_s');
  const replicas = demand && capacity ? replicasFor(demand.value, config.plan.reserve_pct, capacity.per_replica) : null;
  const gpus = replicas === null ? null : replicas * perReplica;
  const throughput = point.throughput_tok_s!;
  const input = inputTokS(point);
  return {
    workload: group.workload,
    gpu: group.gpu,
    group: group.slug,
    setup: setup.id,
    setup_label: setup.label,
    several_setups: group.setups.length > 1,
    point: point.id,
    recommended: point.id === group.recommendation,
    gpus_per_replica: perReplica,
    throughput_tok_s: throughput,
    demand,
    reserve_pct: config.plan.reserve_pct,
    capacity: { unit: demand?.unit ?? 'output_tok_s', per_replica: capacity?.per_replica ?? null, source: capacity?.source ?? null },
    replicas,
    gpus,
    last_replica_utilisation_pct: demand && capacity && replicas !== null ? lastReplicaUtilisation(demand.value, config.plan.reserve_pct, capacity.per_replica, replicas) : null,
    price_per_hour: price,
    currency: config.currency,
    hours_per_month: config.plan.hours_per_month,
    cost_per_mtok_output: price === null ? null : costPerMillion(price, perReplica, throughput),
    total_tok_s: input === null ? null : throughput + input,
    cost_per_mtok_total: price === null || input === null ? null : costPerMillion(price, perReplica, throughput + input),
    monthly_cost: price === null || gpus === null ? null : monthlyCost(gpus, price, config.plan.hours_per_month),
    cheapest: false,
  };
}

const nullsLast = (a: number | null, b: number | null) => (a ?? Infinity) - (b ?? Infinity);

/** Rows of one workload in the plan's order: by monthly cost, then GPUs, then cost per 1M tokens, then label. */
export function comparePlanRows(a: PlanRow, b: PlanRow): number {
  return nullsLast(a.monthly_cost, b.monthly_cost) || nullsLast(a.gpus, b.gpus)
    || nullsLast(a.cost_per_mtok_output, b.cost_per_mtok_output)
    || byText(a.gpu.toLowerCase(), b.gpu.toLowerCase()) || byText(a.gpu, b.gpu) || byText(a.setup_label, b.setup_label);
}

/**
 * The capacity plan of a report: one row per GPU × workload with a recommendation (one per setup
 * when the group's setups differ), grouped by workload and ranked within it; the cheapest row of
 * each workload with a demand and prices is flagged (ties: fewer GPUs).
 */
export function capacityPlan(groups: readonly GroupReport[], config: ResolvedConfig): PlanRow[] {
  const byWorkload = new Map<string, PlanRow[]>();
  for (const group of groups) {
    for (const point of planPoints(group)) {
      const rows = byWorkload.get(group.workload) ?? [];
      rows.push(planRow(group, point, config));
      byWorkload.set(group.workload, rows);
    }
  }
  const out: PlanRow[] = [];
  for (const workload of [...byWorkload.keys()].sort(byText)) {
    const rows = byWorkload.get(workload)!.sort(comparePlanRows);
    const first = rows[0];
    if (first && first.monthly_cost !== null) first.cheapest = true;
    out.push(...rows);
  }
  return out;
}

/** Whether a report has anything to plan with: a stated demand or a GPU price. */
export function planWanted(config: ResolvedConfig): boolean {
  return Object.keys(config.demand).length > 0 || Object.values(config.gpus).some((g) => g.price_per_hour !== undefined);
}

/**
 * What the folder config leaves out of the plan, for the engineer's terminal (never a page): a GPU
 * without a price, a workload without a demand, each with the config key that fills it.
 */
export function planNotes(groups: readonly GroupReport[], config: ResolvedConfig): string[] {
  if (!planWanted(config)) return [];
  const notes: string[] = [];
  const gpus = [...new Set(groups.map((g) => g.gpu))];
  const unpriced = gpus.filter((gpu) => config.gpus[gpu]?.price_per_hour === undefined);
  for (const gpu of unpriced) {
    notes.push(`capacity plan: no price for ${JSON.stringify(gpu)}, so its costs are not shown; add "gpus": {${JSON.stringify(gpu)}: {"price_per_hour": 2.49}} to capacity.config.json (per GPU-hour, in ${config.currency})`);
  }
  const workloads = [...new Set(groups.map((g) => g.workload))].sort(byText);
  for (const workload of workloads.filter((w) => !config.demand[w])) {
    notes.push(`capacity plan: no demand for the ${workload} workload, so it gets no GPU count; add "demand": {${JSON.stringify(workload)}: {"requests_per_s": 40}} (or "output_tok_s", "concurrent_users") to capacity.config.json`);
  }
  return notes;
}

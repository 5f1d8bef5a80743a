/**
 * The capacity plan in words and figures, shared by the Markdown report, the plan page and the
 * overview: money, demands, capacities and the formulas written out with a row's own numbers.
 */
import { formatGrouped, formatInt, formatNumber, formatPct, formatRate, formatTokS, NOT_MEASURED } from './format.ts';
import { plural, runName } from './phrases.ts';
import type { Demand, GroupReport, PlanCapacitySource, PlanRow, Point } from './types.ts';

function grouped(text: string): string {
  const [whole = '0', fraction] = text.split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
}

/** An amount of money, two decimals and thousands separators: `14,541.60` (the currency goes in the header). */
export function formatAmount(value: number | null | undefined): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return NOT_MEASURED;
  return grouped(value.toFixed(2));
}

/** A unit price with at least three significant digits (a cent is too coarse per 1M tokens): `0.692`, `5.53`. */
export function formatUnitAmount(value: number | null | undefined): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return NOT_MEASURED;
  const digits = value > 0 ? Math.min(6, Math.max(2, 2 - Math.floor(Math.log10(value)))) : 2;
  return grouped(value.toFixed(digits));
}

/** An amount of money with its ISO currency code: `USD 14,541.60`. */
export function formatMoney(value: number | null | undefined, currency: string): string {
  const text = formatAmount(value);
  return text === NOT_MEASURED ? text : `${currency} ${text}`;
}

/** A unit price with its ISO currency code: `USD 0.692`, `USD 5.53`. */
export function formatUnitPrice(value: number | null | undefined, currency: string): string {
  const text = formatUnitAmount(value);
  return text === NOT_MEASURED ? text : `${currency} ${text}`;
}

/** The unit of a demand or capacity in words: `req/s`, `output tok/s`, `concurrent users`. */
export const UNIT_WORDS: Readonly<Record<Demand['unit'], string>> = {
  requests_per_s: 'req/s',
  output_tok_s: 'output tok/s',
  concurrent_users: 'concurrent users',
};

/** An amount in a demand unit: `40 req/s`, `20,000 output tok/s`, `100 concurrent users`. */
export function formatInUnit(value: number | null | undefined, unit: Demand['unit']): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return NOT_MEASURED;
  if (unit === 'requests_per_s') return formatRate(value);
  if (unit === 'output_tok_s') return `${Number.isInteger(value) ? formatGrouped(value) : formatTokS(value)} output tok/s`;
  return `${formatInt(value)} concurrent users`;
}

/** A stated demand in words: `40 req/s`. */
export function demandWords(demand: Demand): string {
  return formatInUnit(demand.value, demand.unit);
}

/** Where one replica's capacity comes from, in words. */
export function capacitySourceWords(source: PlanCapacitySource | null): string {
  switch (source) {
    case 'throughput': return 'the recommended run\'s output throughput';
    case 'concurrency': return 'the recommended run\'s concurrency';
    case 'request_throughput': return 'the recommended run\'s measured request throughput';
    case 'mean_output_tokens': return 'throughput ÷ the measured mean output tokens per request';
    case 'max_new_tokens': return 'throughput ÷ max_tokens (no request rate or mean output length was measured, so each request is taken at its full length)';
    default: return NOT_MEASURED;
  }
}

/** The run a plan row rests on, as a name: `concurrency 16 × 64 tokens`, with its setup when the group has several. */
export function planRunName(row: PlanRow, group: GroupReport): string {
  const point = group.points.find((p) => p.id === row.point)!;
  return `${runName(point, 'prose')}${row.several_setups ? ` (${row.setup_label})` : ''}`;
}

/** Why the row cannot be sized when it has a demand but no capacity in the demand's unit. */
export function noCapacityWords(row: PlanRow): string {
  return row.capacity.unit === 'concurrent_users'
    ? 'the recommended run is driven by request rate, so it gives no concurrency to count users against'
    : 'the recommended run gives no request rate, mean output length or max_tokens to turn its throughput into requests';
}

// Enough decimals to show why the ceiling lands where it does (5.299 → 6), no more.
function formatQuotient(value: number): string {
  return String(Number(value.toFixed(3)));
}

/** The replica and GPU arithmetic of a row with this data's numbers, or null without a demand or capacity. */
export function replicaFormula(row: PlanRow): string | null {
  if (!row.demand || row.capacity.per_replica === null || row.replicas === null) return null;
  const reserve = row.reserve_pct > 0 ? ` × (1 + ${row.reserve_pct}%)` : '';
  const quotient = (row.demand.value * (1 + row.reserve_pct / 100)) / row.capacity.per_replica;
  return `ceil(${demandWords(row.demand)}${reserve} ÷ ${formatInUnit(row.capacity.per_replica, row.capacity.unit)} per replica) = ceil(${formatQuotient(quotient)}) = ${plural(row.replicas, 'replica')}; `
    + `${plural(row.replicas, 'replica')} × ${plural(row.gpus_per_replica, 'GPU')} = ${plural(row.gpus!, 'GPU')}`;
}

/** The cost per 1M output tokens of a row with this data's numbers, or null without a price. */
export function costFormula(row: PlanRow): string | null {
  if (row.price_per_hour === null || row.cost_per_mtok_output === null) return null;
  return `${formatUnitPrice(row.price_per_hour, row.currency)} per GPU-hour × ${plural(row.gpus_per_replica, 'GPU')} ÷ (${formatTokS(row.throughput_tok_s)} tok/s × 3600 s) × 10⁶ = ${formatUnitPrice(row.cost_per_mtok_output, row.currency)} per 1M output tokens`;
}

/** The cost per 1M input and output tokens of a row, or null when the run's input length is not measured. */
export function totalCostFormula(row: PlanRow, point: Point): string | null {
  if (row.price_per_hour === null || row.cost_per_mtok_total === null || row.total_tok_s === null || point.mean_input_tokens === null) return null;
  const totalTokS = row.total_tok_s;
  return `with ${formatNumber(point.mean_input_tokens)} mean input tokens a request, ${formatTokS(totalTokS)} input and output tok/s: ${formatUnitPrice(row.price_per_hour, row.currency)} × ${plural(row.gpus_per_replica, 'GPU')} ÷ (${formatTokS(totalTokS)} tok/s × 3600 s) × 10⁶ = ${formatUnitPrice(row.cost_per_mtok_total, row.currency)} per 1M input and output tokens`;
}

/** The monthly cost of a row with this data's numbers, or null without a price or a GPU count. */
export function monthlyFormula(row: PlanRow): string | null {
  if (row.monthly_cost === null || row.gpus === null || row.price_per_hour === null) return null;
  return `${plural(row.gpus, 'GPU')} × ${formatUnitPrice(row.price_per_hour, row.currency)} per GPU-hour × ${formatInt(row.hours_per_month)} hours = ${formatMoney(row.monthly_cost, row.currency)} a month`;
}

/** The cheapest row in words: `L4, 5 GPUs, USD 1,234.00 a month`. */
export function cheapestWords(row: PlanRow): string {
  return `${row.gpu}${row.several_setups ? ` (${row.setup_label})` : ''}, ${plural(row.gpus!, 'GPU')}, ${formatMoney(row.monthly_cost, row.currency)} a month`;
}

/** How one replica's capacity follows from the run, with its numbers: `579.7 tok/s ÷ 64 max_tokens = 9.058 req/s`. */
export function capacityFormula(row: PlanRow, point: Point): string | null {
  const per = row.capacity.per_replica;
  if (per === null) return null;
  const result = formatInUnit(per, row.capacity.unit);
  switch (row.capacity.source) {
    case 'throughput': return `${result}, the run's output throughput`;
    case 'concurrency': return `${result}, the run's concurrency`;
    case 'request_throughput': return `${result}, the run's measured request throughput`;
    case 'mean_output_tokens': return `${formatTokS(row.throughput_tok_s)} tok/s ÷ ${formatTokS(point.mean_output_tokens)} mean output tokens per request = ${result}`;
    case 'max_new_tokens': return `${formatTokS(row.throughput_tok_s)} tok/s ÷ ${formatInt(point.max_new_tokens)} max_tokens per request = ${result} (no request rate or mean output length was measured, so each request is taken at its full length)`;
    default: return null;
  }
}

/** How full the last replica is, with its numbers, or null without a demand or capacity. */
export function utilisationFormula(row: PlanRow): string | null {
  if (!row.demand || row.capacity.per_replica === null || row.replicas === null || row.last_replica_utilisation_pct === null) return null;
  const needed = row.demand.value * (1 + row.reserve_pct / 100);
  const per = formatInUnit(row.capacity.per_replica, row.capacity.unit);
  return `last replica used: (${formatInUnit(needed, row.capacity.unit)} − ${formatInt(row.replicas - 1)} × ${per}) ÷ ${per} = ${formatPct(row.last_replica_utilisation_pct)}`;
}

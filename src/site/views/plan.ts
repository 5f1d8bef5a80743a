/** View model of the capacity plan page: per workload, the ranked table and the arithmetic with its numbers. */
import { pointById } from '../../core/analysis/group.ts';
import { planWanted } from '../../core/analysis/plan.ts';
import { formatPct } from '../../core/format.ts';
import { capacityFormula, cheapestWords, costFormula, demandWords, formatMoney, formatUnitPrice, monthlyFormula, noCapacityWords, replicaFormula, totalCostFormula, utilisationFormula } from '../../core/plan-words.ts';
import { list, plural, runName, workloadTitle } from '../../core/phrases.ts';
import type { PlanRow } from '../../core/types.ts';
import type { PlacedChart } from '../charts.ts';
import type { TableModel } from '../tables/cells.ts';
import type { TableContext } from '../tables/context.ts';
import { planTable } from '../tables/plan.ts';
import type { KeyNumber } from '../tables/overview.ts';
import { paths } from '../url.ts';

/** The arithmetic of one row, line by line, with this data's numbers. */
export interface PlanWorking {
  gpu: string;
  /** The row's anchor in the table. */
  anchor: string;
  lines: string[];
}

/** One workload of the plan page. */
export interface PlanWorkloadView {
  name: string;
  slug: string;
  title: string;
  /** The stated demand in words, or null. */
  demand: string | null;
  table: TableModel;
  /** The cheapest (or, without prices, the fewest-GPU) choice in a sentence, or null. */
  verdict: string | null;
  workings: PlanWorking[];
  /** GPUs of the workload left out for want of a recommendation. */
  unplanned: string[];
  charts: PlacedChart[];
}

/** Everything the plan page shows. */
export interface PlanView {
  path: string;
  title: string;
  priced: boolean;
  demanded: boolean;
  /** What the plan assumes, one sentence each (demand, reserve, hours, prices). */
  assumptions: string[];
  /** A sentence for what the settings leave out (prices, demand), or none. */
  missing: string[];
  workloads: PlanWorkloadView[];
}

function workings(context: TableContext, rows: readonly PlanRow[], slug: string): PlanWorking[] {
  return rows.map((row) => {
    const group = context.report.groups.find((g) => g.slug === row.group)!;
    const point = pointById(group, row.point);
    const capacity = capacityFormula(row, point);
    const lines = [
      `rests on ${runName(point, 'prose')}${row.several_setups ? ` (${row.setup_label})` : ''}; GPUs per replica: ${row.gpus_per_replica === 1 ? '1 (no tensor, pipeline or data parallelism recorded)' : `${row.gpus_per_replica} (TP × PP × DP of the run)`}`,
      capacity ? `capacity of one replica: ${capacity}` : `capacity of one replica cannot be told: ${noCapacityWords(row)}`,
      replicaFormula(row),
      utilisationFormula(row),
      costFormula(row),
      totalCostFormula(row, point),
      monthlyFormula(row),
    ].filter((l): l is string => l !== null);
    return { gpu: `${row.gpu}${row.several_setups ? ` (${row.setup_label})` : ''}`, anchor: `plan--${slug}--${group.gpu_slug}${row.several_setups ? `--${row.setup}` : ''}`, lines };
  });
}

function verdictOf(rows: readonly PlanRow[]): string | null {
  const cheapest = rows.find((r) => r.cheapest);
  if (cheapest && cheapest.demand) return `Cheapest for ${demandWords(cheapest.demand)}: ${cheapestWords(cheapest)}.`;
  const fewest = rows.find((r) => r.gpus !== null);
  if (fewest && fewest.demand) return `Fewest GPUs for ${demandWords(fewest.demand)}: ${fewest.gpu}${fewest.several_setups ? ` (${fewest.setup_label})` : ''}, ${plural(fewest.gpus!, 'GPU')}.`;
  return null;
}

/** The view model of the plan page, or null when the report states no demand and no price. */
export function planView(context: TableContext, charts: PlacedChart[]): PlanView | null {
  const { report } = context;
  const { config } = report;
  if (!planWanted(config)) return null;
  const priced = Object.values(config.gpus).some((g) => g.price_per_hour !== undefined);
  const demanded = Object.keys(config.demand).length > 0;
  const assumptions: string[] = [];
  if (demanded) {
    const stated = report.workloads.filter((w) => config.demand[w.name]).map((w) => `${workloadTitle(w.name)} ${demandWords(config.demand[w.name]!)}`);
    assumptions.push(`Demand stated: ${list(stated)}.`);
    assumptions.push(config.plan.reserve_pct > 0
      ? `Reserve: ${formatPct(config.plan.reserve_pct)} of capacity kept free on top of the demand, so each workload is sized for its demand × ${1 + config.plan.reserve_pct / 100}.`
      : 'Reserve: none; each workload is sized for its demand exactly.');
  }
  if (priced) {
    const prices = report.gpus.filter((g) => config.gpus[g.label]?.price_per_hour !== undefined).map((g) => `${g.label} ${formatUnitPrice(config.gpus[g.label]!.price_per_hour, config.currency)}`);
    assumptions.push(`Prices per GPU-hour: ${list(prices)}.${demanded ? ` A month is ${plural(config.plan.hours_per_month, 'hour')} of every GPU running.` : ''}`);
  }
  const missing: string[] = [];
  if (!priced) missing.push('GPU prices are not in this report\'s settings, so the plan gives GPU counts without costs.');
  else {
    const unpriced = report.gpus.filter((g) => config.gpus[g.label]?.price_per_hour === undefined).map((g) => g.label);
    if (unpriced.length) missing.push(`No price is stated for ${list(unpriced)}, so ${unpriced.length === 1 ? 'its' : 'their'} costs are not shown.`);
  }
  if (!demanded) missing.push('No demand is stated, so the plan gives the capacity of one replica and the cost per 1M output tokens, not a number of GPUs.');
  const workloads: PlanWorkloadView[] = report.workloads.map((w) => {
    const rows = report.plan.filter((r) => r.workload === w.name);
    const demand = config.demand[w.name] ?? null;
    return {
      name: w.name,
      slug: w.slug,
      title: `${workloadTitle(w.name)} workload`,
      demand: demand ? demandWords(demand) : null,
      table: planTable(context, w, rows, { priced, demanded: demand !== null }),
      verdict: demand ? verdictOf(rows) : null,
      workings: workings(context, rows, w.slug),
      unplanned: report.groups.filter((g) => g.workload === w.name && g.recommendation === null).map((g) => g.gpu),
      charts: charts.filter((c) => c.file.startsWith(paths.file(paths.plan(), `${w.slug}--`))),
    };
  });
  return { path: paths.plan(), title: 'Capacity plan', priced, demanded, assumptions, missing, workloads };
}

/** The overview's key numbers of the plan: per workload with a demand, the cheapest GPU (or the fewest GPUs without prices). */
export function planKeyNumbers(view: PlanView | null, rows: readonly PlanRow[]): KeyNumber[] {
  if (!view) return [];
  const numbers: KeyNumber[] = [];
  for (const w of view.workloads) {
    if (!w.demand) continue;
    const own = rows.filter((r) => r.workload === w.name);
    const cheapest = own.find((r) => r.cheapest);
    const fewest = own.find((r) => r.gpus !== null);
    const pick = cheapest ?? fewest;
    if (!pick) continue;
    const setup = pick.several_setups ? ` (${pick.setup_label})` : '';
    numbers.push(cheapest
      ? { label: `Cheapest GPU for ${w.title.replace(/ workload$/, '')} at ${w.demand}, a month`, value: formatMoney(cheapest.monthly_cost, cheapest.currency), detail: `${cheapest.gpu}${setup}: ${plural(cheapest.gpus!, 'GPU')}`, link: `${paths.plan()}#plan-${w.slug}` }
      : { label: `Fewest GPUs for ${w.title.replace(/ workload$/, '')} at ${w.demand}`, value: plural(pick.gpus!, 'GPU'), detail: `${pick.gpu}${setup}`, link: `${paths.plan()}#plan-${w.slug}` });
  }
  return numbers;
}

/** The "Capacity plan" section of the Markdown report: per workload, every planned GPU ranked by monthly cost. */
import { escapeMarkdown } from './markdown.ts';
import { formatPct } from './format.ts';
import { capacitySourceWords, demandWords, formatInUnit, formatMoney, formatUnitPrice, planRunName, UNIT_WORDS } from './plan-words.ts';
import { list, plural, workloadTitle } from './phrases.ts';
import type { PlanRow, Report } from './types.ts';

function workloadLines(report: Report, workload: string, rows: readonly PlanRow[]): string[] {
  const demand = report.config.demand[workload] ?? null;
  const lines = [`### ${escapeMarkdown(workloadTitle(workload))} workload${demand ? ` (${demandWords(demand)})` : ''}`, ''];
  const unplanned = report.groups.filter((g) => g.workload === workload && g.recommendation === null).map((g) => escapeMarkdown(g.gpu));
  if (rows.length) {
    const header = ['GPU', 'Run', 'GPUs per replica', `Capacity per replica (${UNIT_WORDS[rows[0]!.capacity.unit]})`, 'Replicas', 'GPUs', 'Last replica used', 'Cost per 1M output tokens', 'Monthly cost'];
    lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
    for (const row of rows) {
      const group = report.groups.find((g) => g.slug === row.group)!;
      const cells = [
        `${escapeMarkdown(row.gpu)}${row.cheapest ? ' (cheapest)' : ''}`,
        escapeMarkdown(planRunName(row, group)),
        String(row.gpus_per_replica),
        row.capacity.per_replica === null ? 'not measured' : formatInUnit(row.capacity.per_replica, row.capacity.unit),
        row.replicas === null ? '–' : String(row.replicas),
        row.gpus === null ? '–' : String(row.gpus),
        formatPct(row.last_replica_utilisation_pct).replace('not measured', '–'),
        row.cost_per_mtok_output === null ? '–' : formatUnitPrice(row.cost_per_mtok_output, row.currency),
        row.monthly_cost === null ? '–' : formatMoney(row.monthly_cost, row.currency),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
    const sources = [...new Set(rows.map((r) => r.capacity.source).filter((s) => s !== null))];
    if (sources.length) lines.push('', `Capacity per replica: ${list(sources.map(capacitySourceWords))}.`);
  } else {
    lines.push('No GPU has a recommendation for this workload, so none can be planned.');
  }
  if (unplanned.length && rows.length) lines.push('', `Not planned (no recommended run within the SLO): ${list(unplanned)}.`);
  lines.push('');
  return lines;
}

/** The "Capacity plan" section, or nothing when the report states no demand and no price. */
export function planMarkdown(report: Report, wanted: boolean): string[] {
  if (!wanted) return [];
  const { config } = report;
  const priced = report.plan.some((r) => r.price_per_hour !== null);
  const demands = Object.keys(config.demand).sort();
  const lines = ['## Capacity plan', ''];
  lines.push(demands.length
    ? `Demand: ${demands.map((w) => `${escapeMarkdown(workloadTitle(w))} ${demandWords(config.demand[w]!)}`).join('; ')}; ${config.plan.reserve_pct > 0 ? `${formatPct(config.plan.reserve_pct)} reserve on top of the demand` : 'no reserve on top of the demand'}; ${plural(config.plan.hours_per_month, 'hour')} a month.`
    : 'No demand is stated, so the plan gives capacity per replica and cost per 1M output tokens only.');
  lines.push('', priced
    ? `Prices in ${config.currency} per GPU-hour: ${Object.entries(config.gpus).filter(([, g]) => g.price_per_hour !== undefined).map(([label, g]) => `${escapeMarkdown(label)} ${formatUnitPrice(g.price_per_hour, config.currency)}`).join('; ')}.`
    : 'GPU prices are not in this report\'s settings, so the plan gives GPU counts without costs.', '');
  lines.push('Replicas = ceil(demand × (1 + reserve) ÷ capacity per replica); GPUs = replicas × GPUs per replica (TP × PP × DP of the run); cost per 1M output tokens = price per GPU-hour × GPUs per replica ÷ (throughput × 3600) × 10⁶; monthly cost = GPUs × price per GPU-hour × hours a month.', '');
  for (const w of report.workloads) {
    const rows = report.plan.filter((r) => r.workload === w.name);
    if (!rows.length && !config.demand[w.name]) continue;
    lines.push(...workloadLines(report, w.name, rows));
  }
  lines.push('---', '');
  return lines;
}

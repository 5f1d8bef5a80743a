/** The capacity plan table of one workload: every planned GPU (and setup), ranked by monthly cost. */
import { pointById } from '../../core/analysis/group.ts';
import { formatInt, formatPct } from '../../core/format.ts';
import { formatAmount, formatInUnit, formatUnitAmount, noCapacityWords, UNIT_WORDS } from '../../core/plan-words.ts';
import { runName, workloadTitle } from '../../core/phrases.ts';
import type { PlanRow } from '../../core/types.ts';
import { paths } from '../url.ts';
import { figure, text, type Cell, type Column, type Row, type TableModel } from './cells.ts';
import type { TableContext } from './context.ts';
import { runAnchor } from './group.ts';

/** Which columns a plan table has: costs need prices, replica counts need a demand. */
export interface PlanColumns {
  priced: boolean;
  demanded: boolean;
}

/** The plan table of one workload (by name and slug) from the report's plan rows. */
export function planTable(context: TableContext, workload: { name: string; slug: string }, rows: readonly PlanRow[], shown: PlanColumns): TableModel {
  const { report } = context;
  const unit = rows[0]?.capacity.unit ?? 'output_tok_s';
  const currency = report.config.currency;
  // Most telling first (what it costs, how many GPUs), so a narrow screen shows them before it scrolls.
  const columns: Column[] = [{ key: 'gpu', label: 'GPU', numeric: false, wrap: true }];
  if (shown.priced && shown.demanded) columns.push({ key: 'monthly_cost', label: 'Monthly cost', sub: currency, csvLabel: `Monthly cost (${currency})`, numeric: true });
  if (shown.demanded) {
    columns.push(
      { key: 'gpus', label: 'GPUs', numeric: true },
      { key: 'replicas', label: 'Replicas', numeric: true },
    );
  }
  columns.push(
    { key: 'gpus_per_replica', label: 'GPUs per replica', numeric: true, wrap: true },
    { key: 'capacity', label: 'Capacity per replica', sub: UNIT_WORDS[unit], wrap: true, csvLabel: `Capacity per replica (${UNIT_WORDS[unit]})`, numeric: true },
  );
  if (shown.demanded) columns.push({ key: 'last_replica_pct', label: 'Last replica used', csvLabel: 'Last replica used (%)', numeric: true, wrap: true });
  if (shown.priced) columns.push({ key: 'cost_per_mtok_output', label: 'Per 1M output tokens', sub: currency, wrap: true, csvLabel: `Cost per 1M output tokens (${currency})`, numeric: true });
  // Input tokens are priced too only where a run measured its mean input length.
  const total = shown.priced && rows.some((r) => r.cost_per_mtok_total !== null);
  if (total) columns.push({ key: 'cost_per_mtok_total', label: 'Per 1M input + output tokens', sub: currency, wrap: true, csvLabel: `Cost per 1M input and output tokens (${currency})`, numeric: true });
  columns.push({ key: 'run', label: 'Recommended run', numeric: false, wrap: true });
  const out: Row[] = rows.map((row) => {
    const group = report.groups.find((g) => g.slug === row.group)!;
    const point = pointById(group, row.point);
    const unsized = text('cannot be sized', { tone: 'muted', value: null, title: noCapacityWords(row) });
    const noPrice = text('no price', { tone: 'muted', value: null });
    const cells: Cell[] = [text(row.gpu, { link: paths.group(group), ...(row.cheapest ? { lines: ['cheapest'] } : {}) })];
    if (shown.priced && shown.demanded) cells.push(row.monthly_cost === null ? (row.price_per_hour === null ? noPrice : unsized) : figure(row.monthly_cost, formatAmount));
    if (shown.demanded) {
      cells.push(
        row.gpus === null ? unsized : figure(row.gpus, formatInt),
        row.replicas === null ? unsized : figure(row.replicas, formatInt),
      );
    }
    cells.push(
      figure(row.gpus_per_replica, formatInt),
      row.capacity.per_replica === null ? unsized : figure(row.capacity.per_replica, (v) => formatInUnit(v, unit).replace(` ${UNIT_WORDS[unit]}`, '')),
    );
    if (shown.demanded) cells.push(row.last_replica_utilisation_pct === null ? unsized : figure(row.last_replica_utilisation_pct, formatPct));
    if (shown.priced) cells.push(row.cost_per_mtok_output === null ? noPrice : figure(row.cost_per_mtok_output, formatUnitAmount));
    if (total) cells.push(row.cost_per_mtok_total === null ? (row.price_per_hour === null ? noPrice : text('input not measured', { tone: 'muted', value: null })) : figure(row.cost_per_mtok_total, formatUnitAmount));
    cells.push(text(`${runName(point, 'short')}${row.several_setups ? ` (${row.setup_label})` : ''}`, { link: `${paths.group(group)}#${runAnchor(point.id)}` }));
    return { id: `plan--${workload.slug}--${group.gpu_slug}${row.several_setups ? `--${row.setup}` : ''}`, cells, highlight: row.cheapest };
  });
  const demand = report.config.demand[workload.name];
  return {
    id: `plan-${workload.slug}`,
    caption: demand
      ? `${workloadTitle(workload.name)} workload: GPUs needed for ${formatInUnit(demand.value, demand.unit)}${shown.priced ? ', cheapest first' : ', fewest GPUs first'}`
      : `${workloadTitle(workload.name)} workload: capacity of one replica${shown.priced ? ' and cost per 1M output tokens' : ''}`,
    columns,
    rows: out,
    csv: paths.file(paths.plan(), `${workload.slug}.csv`),
    empty: `No GPU has a recommendation for the ${workloadTitle(workload.name)} workload, so none can be planned.`,
  };
}

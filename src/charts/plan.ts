/**
 * The capacity plan's charts: the monthly cost of each GPU for a workload's stated demand (bars,
 * cheapest on top), and the cost per 1M output tokens of every sweet spot against its load (the
 * price of a token falls as a replica is loaded harder, up to where the SLO stops it).
 */
import type * as Plot from '@observablehq/plot';
import { plotModule } from './plot.ts';
import { costPerMillion, gpusPerReplica } from '../core/analysis/plan.ts';
import { formatNumber } from '../core/format.ts';
import { formatAmount, formatUnitAmount } from '../core/plan-words.ts';
import { axisWords, list, plural, runName, workloadTitle } from '../core/phrases.ts';
import type { GroupReport, LoadAxis as CoreLoadAxis, PlanRow, ResolvedConfig } from '../core/types.ts';
import { axisOf, frame, isFiniteNumber, loadScale, MARGIN, WIDE, type ChartSize } from './layout.ts';
import { legendMarks } from './legend.ts';
import { messageChart } from './message.ts';
import { gpuColor, gpuSymbol, type SeriesDomains } from './palette.ts';
import type { ChartSpec } from './spec.ts';
import { textWidth } from './text.ts';

/** Height of one bar's band, and room for the x axis under the bars. */
const BAND = 34;
const AXIS_ROOM = 48;

interface Bar {
  name: string;
  gpu: string;
  cost: number;
  label: string;
}

const rowName = (row: PlanRow) => (row.several_setups ? `${row.gpu} · ${row.setup_label}` : row.gpu);

/** Monthly cost per GPU for one workload's demand, in the plan's order (cheapest first). */
export function planCostChart(workload: { name: string; slug: string }, rows: readonly PlanRow[], domains: SeriesDomains, currency: string, size: ChartSize = WIDE): ChartSpec {
  const title = `Monthly cost by GPU: ${workloadTitle(workload.name)}`;
  const id = `plan-chart--${workload.slug}--monthly-cost`;
  const bars: Bar[] = rows.filter((r) => isFiniteNumber(r.monthly_cost)).map((r) => ({
    name: rowName(r), gpu: r.gpu, cost: r.monthly_cost!, label: `${formatAmount(r.monthly_cost)} · ${plural(r.gpus!, 'GPU')}`,
  }));
  if (bars.length === 0) {
    return messageChart({
      id, title,
      caption: `No GPU of the ${workloadTitle(workload.name)} workload has both a price and a number of GPUs for a stated demand, so there is no monthly cost to chart.`,
      ariaLabel: `No monthly cost for the ${workloadTitle(workload.name)} workload.`,
      message: 'No monthly cost: nothing to plot',
    });
  }
  // GPU names on the left and bar labels on the right share what the width leaves the bars.
  const left = Math.min(size.width * 0.36, Math.max(MARGIN.left, 16 + Math.max(...bars.map((b) => textWidth(b.name)))));
  const labelRoom = Math.min(size.width * 0.33, 24 + Math.max(...bars.map((b) => textWidth(b.label))));
  return {
    id,
    title,
    caption: `What each GPU costs a month for the stated ${workloadTitle(workload.name)} demand, cheapest on top; each bar is labelled with its cost and its number of GPUs (the table above holds the arithmetic).`,
    ariaLabel: `Monthly cost (${currency}) by GPU for the ${workloadTitle(workload.name)} workload: ${bars.map((b) => `${b.name} ${b.label}`).join('; ')}.`,
    options: () => ({
      width: size.width,
      height: bars.length * BAND + AXIS_ROOM + 10,
      marginLeft: left,
      marginRight: labelRoom,
      marginTop: 10,
      marginBottom: AXIS_ROOM,
      x: { label: `Monthly cost (${currency})`, labelAnchor: 'center', labelArrow: 'none', zero: true, nice: true, grid: true, tickFormat: formatNumber },
      y: { label: null, domain: bars.map((b) => b.name), padding: 0.3 },
      marks: [
        plotModule().barX(bars, { y: 'name', x: 'cost', fill: (d: Bar) => gpuColor(d.gpu, domains.gpus), title: (d: Bar) => `${d.name}: ${currency} ${d.label}` }),
        plotModule().text(bars, { y: 'name', x: 'cost', text: 'label', textAnchor: 'start', dx: 6, fill: 'currentColor' }),
        plotModule().ruleX([0], { stroke: 'currentColor' }),
      ],
    }),
  };
}

interface Dot {
  gpu: string;
  x: number;
  cost: number;
  title: string;
}

/**
 * Cost per 1M output tokens of every sweet spot of one workload against its load, one colour and
 * symbol per GPU; GPUs without a price are named in the caption, not drawn.
 */
export function planTokenCostChart(groups: readonly GroupReport[], config: ResolvedConfig, domains: SeriesDomains, size: ChartSize = WIDE): ChartSpec {
  const first = groups[0];
  if (!first) throw new Error('planTokenCostChart expects the GPU groups of one workload but found none');
  const workload = workloadTitle(first.workload);
  const id = `plan-chart--${first.workload_slug}--cost-per-mtok`;
  const title = `Cost per 1M output tokens vs load: ${workload}`;
  const priced = groups.filter((g) => config.gpus[g.gpu]?.price_per_hour !== undefined);
  const spots = priced.flatMap((g) => g.points.filter((p) => p.meets_slo && p.throughput_tok_s !== null && p.throughput_tok_s > 0).map((p) => ({ g, p })));
  const rate = spots.filter((s) => s.p.load.axis === 'request_rate').length;
  const axisKind: CoreLoadAxis = rate > spots.length - rate ? 'request_rate' : 'concurrency';
  const axis = axisOf(axisKind, spots.map((s) => s.p));
  const dots: Dot[] = [];
  for (const { g, p } of spots) {
    const x = axis.of(p);
    if (!isFiniteNumber(x)) continue;
    const setup = g.setups.find((s) => s.id === p.setup)!;
    const cost = costPerMillion(config.gpus[g.gpu]!.price_per_hour!, gpusPerReplica(setup.settings), p.throughput_tok_s!);
    dots.push({ gpu: g.gpu, x, cost, title: `${g.gpu}${g.setups.length > 1 ? ` · ${setup.label}` : ''}, ${runName(p, 'prose')}: ${config.currency} ${formatUnitAmount(cost)} per 1M output tokens` });
  }
  const unpriced = groups.filter((g) => !priced.includes(g)).map((g) => g.gpu);
  const left = unpriced.length ? ` ${list(unpriced)} ${unpriced.length === 1 ? 'has' : 'have'} no price and ${unpriced.length === 1 ? 'is' : 'are'} not drawn.` : '';
  if (dots.length === 0) {
    return messageChart({
      id, title,
      caption: `No priced GPU has a run within the SLO on the ${workload} workload, so there is no cost per token to chart.${left}`,
      ariaLabel: `No cost per 1M output tokens for the ${workload} workload.`,
      message: 'No priced run within the SLO: nothing to plot',
    });
  }
  const gpus = [...new Set(dots.map((d) => d.gpu))];
  const swatches = gpus.map((gpu) => ({ gpu, color: gpuColor(gpu, domains.gpus), symbol: gpuSymbol(gpu, domains.gpus) }));
  return {
    id,
    title,
    caption: `The cost per 1M output tokens of every run within the SLO on the ${workload} workload, against its ${axisWords(axisKind)}: price per GPU-hour × GPUs per replica ÷ (throughput × 3600) × 10⁶. Loading a replica harder lowers the price of a token until the SLO stops it.${left}`,
    ariaLabel: `Cost per 1M output tokens (${config.currency}) against ${axisWords(axisKind)} for ${plural(dots.length, 'run')} within the SLO on the ${workload} workload, on ${list(gpus)}.`,
    options: () => {
      const legend = legendMarks([{ kind: 'heading', label: 'GPU' }, ...swatches.map((w) => ({ kind: 'series' as const, label: w.gpu, color: w.color, symbol: w.symbol }))]);
      return {
        ...frame(legend.rows, size),
        x: loadScale(axis, dots.map((d) => d.x), size),
        y: { label: `Cost per 1M output tokens (${config.currency})`, labelAnchor: 'center', labelArrow: 'none', zero: true, nice: true, grid: true, tickFormat: formatNumber },
        symbol: { domain: swatches.map((w) => w.gpu), range: swatches.map((w) => w.symbol) },
        marks: [
          plotModule().dot(dots, { x: 'x', y: 'cost', symbol: 'gpu', r: 5, fill: (d: Dot) => gpuColor(d.gpu, domains.gpus), stroke: (d: Dot) => gpuColor(d.gpu, domains.gpus), title: 'title' }),
          ...legend.marks,
        ],
      };
    },
  };
}

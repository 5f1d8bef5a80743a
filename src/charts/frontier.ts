/**
 * The capacity frontier of one GPU × workload: throughput against latency for every run (both load
 * axes, and ceiling runs at unbounded load as hollow squares), the Pareto frontier as a staircase,
 * the SLO threshold as a vertical rule when the SLO is judged on the latency plotted.
 */
import type * as Plot from '@observablehq/plot';
import { plotModule } from './plot.ts';
import { chartedMetric } from '../core/analysis/slo.ts';
import { formatInt } from '../core/format.ts';
import { formatSlo, groupTitle, latencyName, loadCell, metricLabel, ms, plural, tokS } from '../core/phrases.ts';
import type { GroupReport, Point } from '../core/types.ts';
import { capitalise, chartedSentence, chartId, failureSentence, groupWhere, pointPlace, recommendationClause, ringSentence, runs, sentences, verb } from './captions.ts';
import { frame, isFiniteNumber, latencyScale, throughputScale, WIDE, type ChartSize } from './layout.ts';
import { NO_LATENCY } from './latency.ts';
import { legendMarks, RING_RADIUS } from './legend.ts';
import { goodputScale, hasAttainmentCharts, withGoodput } from './goodput.ts';
import { paretoFrontier } from '../core/analysis/frontier.ts';
import { ceilingMarks, DOT_RADIUS, failureMarks, latencyOf, recommendedLabel, ringMarks, ruleObstacle, seriesScales, sloLegend, sloRule, sloRuleX, type Datum } from './marks.ts';
import { messageChart } from './message.ts';
import type { SeriesDomains } from './palette.ts';
import { labelMarks, type LabelRequest } from './placement.ts';
import type { ChartSpec } from './spec.ts';
import { tipMarks } from './tips.ts';
import { groupView, viewObstacles, viewTips } from './view.ts';

/** Label of a frontier point: its load, e.g. `c16×64`, `4 req/s×64`, `unbounded×64`, short enough to sit beside a dot. */
export function frontierPointLabel(point: Pick<Point, 'load' | 'max_new_tokens'>): string {
  const load = point.load.axis === 'concurrency' ? `c${formatInt(point.load.value)}` : loadCell(point.load);
  return point.max_new_tokens === null ? load : `${load}×${formatInt(point.max_new_tokens)}`;
}

/** Scatter of throughput (y) against the charted latency (x), the Pareto frontier stepped through its points. */
export function frontierChart(group: GroupReport, domains: SeriesDomains, size: ChartSize = WIDE): ChartSpec {
  const metric = chartedMetric(group.slo);
  const where = groupWhere(group);
  const id = chartId(group, 'frontier');
  if (metric === null) {
    return messageChart({
      id,
      title: `Capacity frontier: ${groupTitle(group)}`,
      caption: `No latency was recorded for the runs of ${where}: the data carries none of the latency metrics, so there is no latency to plot the frontier against and the SLO (${formatSlo(group.slo)}) cannot be judged. Every run is in the tables.`,
      ariaLabel: `No frontier chart for ${where}: the runs recorded no latency.`,
      message: NO_LATENCY,
    }, size);
  }
  const label = metricLabel(metric);
  const x = (p: Point) => latencyOf(p, metric);
  // Under a joint SLO judged on every request, the frontier is on goodput: throughput that met the SLO.
  const onGoodput = hasAttainmentCharts(group);
  const y = onGoodput ? (p: Point) => p.goodput_tok_s : (p: Point) => p.throughput_tok_s;
  const figure = onGoodput ? 'goodput' : 'throughput';
  // On goodput the frontier is drawn here, like the core's on throughput: within each setup.
  const onFrontier = onGoodput ? new Set(group.setups.flatMap((s) => [...paretoFrontier(group.points.filter((p) => p.setup === s.id), metric, y)])) : new Set(group.points.filter((p) => p.on_frontier).map((p) => p.id));
  const view = groupView(group, { x, y }, domains, metric);
  if (onGoodput) withGoodput(view, group);
  // A failed run needs both figures to be placed here; the others are counted in the caption.
  const failed = view.failures.filter((f) => f.y !== null);
  const missing = group.points.length - view.stable.length - view.ceilings.length - failed.length;
  const frontier = group.points
    .filter((p) => onFrontier.has(p.id) && isFiniteNumber(x(p)) && isFiniteNumber(y(p)))
    .sort((a, b) => x(a)! - x(b)! || y(a)! - y(b)!);
  const rule = sloRule(group.slo, metric);
  // Everything below is drawn only when the chart is: the marks, their labels and what labels avoid.
  const options = (): Plot.PlotOptions => {
    const failures = failureMarks(failed, 'floor');
    const legend = legendMarks([
      ...view.legend.filter((item) => item.kind === 'heading' || item.kind === 'series'),
      ...(frontier.length ? [{ kind: 'frontier' as const, label: 'Pareto frontier' }] : []),
      ...view.legend.filter((item) => item.kind !== 'heading' && item.kind !== 'series' && (item.kind !== 'failure' || failed.length > 0)),
      ...sloLegend(rule, size),
    ], size);
    const recommended = view.recommended ? [view.recommended] : [];
    // Step-after: until the next frontier run's latency, the best throughput on offer is this run's.
    // One staircase per setup: a line never joins runs of two setups.
    const bySetup = group.setups.map((s) => frontier.filter((p) => p.setup === s.id)).filter((line) => line.length > 0);
    const steps = bySetup.map((line) => line.flatMap((p, i) => {
      const next = line[i + 1];
      return next ? [{ x: x(p)!, y: y(p)! }, { x: x(next)!, y: y(p)! }] : [{ x: x(p)!, y: y(p)! }];
    }));
    const ringed = new Set(group.sweet_spots);
    const frontierLabels: LabelRequest[] = frontier.map((p) => ({
      x: x(p)!,
      y: y(p)!,
      text: frontierPointLabel(p),
      sides: ['below-right', 'right', 'above-left', 'below-left', 'above-right', 'left', 'below', 'above'],
      clearance: (ringed.has(p.id) ? RING_RADIUS : DOT_RADIUS) + 2,
      fill: 'currentColor',
      optional: true,
    }));
    const obstacles = viewObstacles(view, failures);
    return {
      ...frame(legend.rows, size),
      x: { ...latencyScale(`${label} (ms)`), grid: false, inset: 12 },
      y: onGoodput ? goodputScale('Goodput (tok/s within SLO)', group.points.map(y)) : throughputScale(),
      ...seriesScales(view.keys),
      marks: [
        ...sloRuleX(rule, size),
        plotModule().line(frontier, { x, y, z: (p: Point) => p.setup, curve: 'step-after', stroke: 'currentColor', strokeWidth: 1.5, strokeOpacity: 0.8 }),
        plotModule().dot(view.stable, {
          x: (d: Datum) => d.x,
          y: (d: Datum) => d.y,
          stroke: (d: Datum) => d.series,
          fill: (d: Datum) => d.series,
          symbol: (d: Datum) => d.series,
          r: DOT_RADIUS,
          title: (d: Datum) => d.title,
        }),
        ...ceilingMarks(view.ceilings),
        ...failures.marks,
        ...ringMarks(view.sweet, recommended),
        ...labelMarks([...recommendedLabel(recommended), ...failures.labels, ...frontierLabels], { ...obstacles, lines: steps, ruleX: ruleObstacle(rule, size) }, size),
        ...legend.marks,
        ...tipMarks(viewTips(view, failures)),
      ],
    };
  };
  const across = group.setups.length > 1 ? ' of every setup' : '';
  return {
    id,
    title: `Capacity frontier: ${groupTitle(group)}`,
    caption: sentences(
      onGoodput
        ? `Goodput (output tokens per second of the requests that met the SLO, judged on every request) against ${latencyName(metric)} for every run${across} of ${where}.`
        : '',
      `${onGoodput ? '' : `Throughput against ${latencyName(metric)} for every run${across} of ${where}. `}${group.setups.length > 1 ? 'Each setup\'s staircase joins its Pareto frontier, the runs no other run of that setup beats' : 'The staircase joins the Pareto frontier, the runs no other run beats'} on both ${figure} and latency${rule ? `; runs left of the dashed line are within the SLO, ${formatSlo(group.slo)}` : ''}.`,
      chartedSentence(group, metric, rule !== null),
      view.ceilings.length
        ? `Hollow squares mark ${plural(view.ceilings.length, 'run')} at unbounded load (every request at once): a ceiling of what the GPU can do, not an operating point, so never recommended.`
        : '',
      failureSentence(failed.length, failed.filter((f) => f.label === 'load not reached').length, ''),
      ringSentence(group, view.recommended !== null),
      missing ? `${runs(missing)} without both a ${figure} and a ${label} ${verb(missing)} in the tables only.` : '',
    ),
    ariaLabel: sentences(
      `Scatter chart of ${figure} in tokens per second against ${latencyName(metric)} in milliseconds for ${where}, ${runs(view.stable.length)} drawn${view.ceilings.length ? ` and ${plural(view.ceilings.length, 'ceiling run')}` : ''}.`,
      frontier.length
        ? `Pareto frontier: ${frontier.map((p) => `${pointPlace(group, p)} (${tokS(y(p))}, ${ms(x(p))})`).join('; ')}.`
        : 'No Pareto frontier: no stable run recorded both figures.',
      rule ? `SLO ${formatSlo(group.slo)}.` : 'No SLO line: the SLO is not judged on this latency.',
      `${capitalise(recommendationClause(group))}.`,
    ),
    options,
  };
}

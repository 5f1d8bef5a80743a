/**
 * The Plot options every chart of one GPU × workload against load shares (throughput, latency,
 * SLO attainment, goodput): its series, the ✕ marks of failed runs, the sweet spots' rings and
 * the recommended run's label, the legend and the hover labels, over the SLO's rule when it has one.
 */
import type * as Plot from '@observablehq/plot';
import { frame, loadScale, type ChartSize, type LoadAxis } from './layout.ts';
import { legendMarks } from './legend.ts';
import { failureMarks, recommendedLabel, ringMarks, ruleObstacle, seriesMarks, seriesScales, sloLegend, sloRuleY, type SloRule } from './marks.ts';
import { labelMarks, type LabelRequest } from './placement.ts';
import { tipMarks } from './tips.ts';
import { viewObstacles, viewTips, type GroupView } from './view.ts';

/** What a chart of a group against load adds to its view. */
export interface LoadChart {
  axis: LoadAxis;
  y: Plot.ScaleOptions;
  /** Where a failed run without the figure is drawn: along the floor or the top edge. */
  missing: 'floor' | 'top';
  /** The SLO drawn across the chart, or null. */
  rule: SloRule | null;
  /** Labels beyond the recommended run's and the failures' (jitter ridges). */
  labels?: readonly LabelRequest[];
}

/** The Plot options of a group's view against load. */
export function loadViewOptions(view: GroupView, chart: LoadChart, size: ChartSize): Plot.PlotOptions {
  const { rule } = chart;
  const xs = [...view.stable, ...view.failures].map((d) => d.x);
  const failures = failureMarks(view.failures, chart.missing);
  const legend = legendMarks([...view.legend, ...sloLegend(rule, size)], size);
  const recommended = view.recommended ? [view.recommended] : [];
  return {
    ...frame(legend.rows, size),
    x: loadScale(chart.axis, xs, size),
    y: chart.y,
    ...seriesScales(view.keys),
    marks: [
      ...sloRuleY(rule, size),
      ...seriesMarks(view.stable),
      ...failures.marks,
      ...ringMarks(view.sweet, recommended),
      ...labelMarks([...recommendedLabel(recommended), ...failures.labels, ...(chart.labels ?? [])], { ...viewObstacles(view, failures), ruleY: ruleObstacle(rule, size) }, size),
      ...legend.marks,
      ...tipMarks(viewTips(view, failures)),
    ],
  };
}

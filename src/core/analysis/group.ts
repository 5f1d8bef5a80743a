import type { GroupReport, Measurement, Point, Slo } from '../types.ts';
import { paretoFrontier } from './frontier.ts';
import { instabilityFindings, jitterFindings, noStreamingFinding, scalingFinding } from './findings.ts';
import { jitterRidges } from './jitter.ts';
import { buildPoints } from './points.ts';
import { headlineSaturation, saturationOf } from './saturation.ts';
import { seriesOf } from './series.ts';
import { closestPoint, maxStableConcurrency, sweetSpots } from './sweet-spots.ts';

/** Labels and slugs of a group, decided by the caller (slugs must be unique across the report). */
export interface GroupLabels {
  gpu: string;
  workload: string;
  gpu_slug: string;
  workload_slug: string;
}

const ascending = (values: Iterable<number | null>) =>
  [...new Set([...values].filter((v): v is number => v !== null))].sort((a, b) => a - b);

/** Analyses one GPU × workload: points, sweet spots, recommendation, saturation, frontier, findings. */
export function analyseGroup(labels: GroupLabels, measurements: readonly Measurement[], slo: Slo): GroupReport {
  return analysePoints(labels, buildPoints(measurements, slo), slo, [...new Set(measurements.map((m) => m.source.file))]);
}

/**
 * analyseGroup for a group whose measurements are already merged into points (see PointFold);
 * `files` are the input files that contributed, in any order.
 */
export function analysePoints(labels: GroupLabels, points: Point[], slo: Slo, files: readonly string[]): GroupReport {
  const series = seriesOf(points);
  const frontier = paretoFrontier(points);
  const ridges = jitterRidges(series);
  for (const point of points) {
    point.on_frontier = frontier.has(point.id);
    point.jitter_ridge = ridges.includes(point);
  }
  const spots = sweetSpots(points);
  const saturation = series.map(saturationOf).filter((s) => s !== null);
  const headline = headlineSaturation(saturation);
  let peak: Point | null = null;
  for (const p of points) {
    if (p.stable && p.throughput_tok_s !== null && (peak === null || p.throughput_tok_s > peak.throughput_tok_s!)) peak = p;
  }
  const headlineSeries = headline ? series.find((s) => s.max_new_tokens === headline.max_new_tokens) : undefined;
  const findings = [
    noStreamingFinding(series),
    scalingFinding(headlineSeries),
    ...jitterFindings(ridges, series),
    ...instabilityFindings(points),
  ].filter((f) => f !== null);
  return {
    ...labels,
    slug: `${labels.gpu_slug}/${labels.workload_slug}`,
    slo,
    points,
    sweet_spots: spots.map((p) => p.id),
    recommendation: spots[0]?.id ?? null,
    closest: spots.length ? null : closestPoint(points)?.id ?? null,
    max_stable_concurrency: maxStableConcurrency(points),
    saturation,
    headline_saturation: headline,
    max_throughput: peak ? { value: peak.throughput_tok_s!, point: peak.id } : null,
    findings,
    concurrencies: ascending(points.map((p) => p.concurrency)),
    request_rates: ascending(points.map((p) => p.request_rate)),
    max_new_tokens: ascending(points.map((p) => p.max_new_tokens)),
    files: [...files].sort(),
  };
}

/** Looks a point up by id; throws on an id the group does not hold (a bug, not bad data). */
export function pointById(group: GroupReport, id: string): Point {
  const point = group.points.find((p) => p.id === id);
  if (!point) throw new Error(`no point ${id} in ${group.gpu} / ${group.workload}`);
  return point;
}

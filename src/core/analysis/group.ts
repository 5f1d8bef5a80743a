/**
 * Analyses one GPU × workload: its SLO against the data, its setups, points and series, sweet
 * spots and recommendation, stability, saturation, the frontier and the findings.
 */
import { setupWords } from '../settings.ts';
import type { GroupReport, LoadAxis, Measurement, Point, Saturation, SetupInfo, SloConfig } from '../types.ts';
import { instabilityFindings, jitterFindings, loadNotReachedFindings, noStreamingFinding, scalingFinding, unjudgedFinding, type FindingContext } from './findings.ts';
import { paretoFrontier } from './frontier.ts';
import { jitterRidges } from './jitter.ts';
import { baseId, compareLoads, meetsSlo, setupSlugs, toPoint } from './points.ts';
import { headlineSaturation, saturationOf } from './saturation.ts';
import { seriesOf } from './series.ts';
import { groupSetups, majorityAxis, setupId, setupLabel } from './setups.ts';
import { chartedMetric, resolveSlo } from './slo.ts';
import { maxStableLoad } from './stability.ts';
import { ascending, byText } from './stats.ts';
import { closestPoint, sweetSpots } from './sweet-spots.ts';

/** Labels and slugs of a group, decided by the caller (slugs must be unique across the report). */
export interface GroupLabels {
  gpu: string;
  workload: string;
  gpu_slug: string;
  workload_slug: string;
}

/** Analyses the runs of one GPU × workload against the workload's configured SLO. */
export function analyseGroup(labels: GroupLabels, runs: readonly Measurement[], sloConfig: SloConfig): GroupReport {
  const slo = resolveSlo(sloConfig, runs);
  const identity = groupSetups(runs);
  const ids = new Map(identity.setups.map((s) => [s.key, setupId(s.key)]));
  const infos: SetupInfo[] = identity.setups.map((s) => ({
    id: ids.get(s.key)!,
    settings: s.settings,
    label: setupLabel(s.settings, identity.naming),
    description: setupWords(s.settings, Object.keys(s.settings)),
    axis: 'concurrency' as LoadAxis,
    max_stable_load: null,
  })).sort((a, b) => byText(a.label, b.label) || byText(a.id, b.id));
  const several = infos.length > 1;
  const slugs = setupSlugs(infos);

  // Runs of one setup at one load and output length are repeats of one point.
  const buckets = new Map<string, { setup: string; runs: Measurement[] }>();
  runs.forEach((m, index) => {
    const setup = ids.get(identity.keyOf[index]!)!;
    const key = `${setup}|${baseId(m.load, m.max_new_tokens)}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.runs.push(m);
    else buckets.set(key, { setup, runs: [m] });
  });
  const order = infos.map((s) => s.id);
  const points: Point[] = [...buckets.values()]
    .map(({ setup, runs: repeats }) => {
      const id = `${baseId(repeats[0]!.load, repeats[0]!.max_new_tokens)}${several ? `-${slugs.get(setup)}` : ''}`;
      return toPoint(id, setup, repeats, slo);
    })
    .sort((a, b) => order.indexOf(a.setup) - order.indexOf(b.setup) || compareLoads(a.load, b.load) || (a.max_new_tokens ?? Infinity) - (b.max_new_tokens ?? Infinity));
  for (const point of points) point.meets_slo = meetsSlo(point, slo);
  const byId = new Map(points.map((p) => [p.id, p]));

  for (const info of infos) {
    const own = points.filter((p) => p.setup === info.id);
    info.axis = majorityAxis(own);
    info.max_stable_load = maxStableLoad(own, info.axis);
  }
  const series = seriesOf(points, order, (setup) => (several ? slugs.get(setup)! : null));
  // Each setup has a frontier of its own: runs of different setups are never joined by a line.
  const frontier = new Set(infos.flatMap((info) => [...paretoFrontier(points.filter((p) => p.setup === info.id), chartedMetric(slo))]));
  const ridges = jitterRidges(series, byId);
  for (const point of points) {
    point.on_frontier = frontier.has(point.id);
    point.jitter_ridge = ridges.some((r) => r.ridge === point);
  }

  const spots = sweetSpots(points, slo);
  let peak: Point | null = null;
  for (const p of points) {
    if (p.stable && p.reached_load && p.throughput_tok_s !== null && (peak === null || p.throughput_tok_s > peak.throughput_tok_s!)) peak = p;
  }
  const headlineSetup = spots[0]?.setup ?? peak?.setup ?? order[0]!;
  const headline = infos.find((s) => s.id === headlineSetup)!;
  const saturation = series.map((s) => saturationOf(s, byId)).filter((s): s is Saturation => s !== null);
  const headlineSat = headlineSaturation(saturation.filter((s) => s.setup === headlineSetup));

  const context: FindingContext = { byId, setupLabel: (setup) => (several ? infos.find((s) => s.id === setup)!.label : null) };
  const scaling = infos.map((info) => {
    const own = headlineSaturation(saturation.filter((s) => s.setup === info.id));
    return scalingFinding(own ? series.find((s) => s.id === own.series) : undefined, context);
  });
  const findings = [
    unjudgedFinding(slo, points),
    noStreamingFinding(series, context),
    ...scaling,
    ...jitterFindings(ridges, series, context),
    ...instabilityFindings(points, context),
    ...loadNotReachedFindings(points, context),
  ].filter((f) => f !== null);

  return {
    ...labels,
    slug: `${labels.gpu_slug}/${labels.workload_slug}`,
    slo,
    setups: infos,
    differing: identity.differing,
    naming: identity.naming,
    points,
    series,
    sweet_spots: spots.map((p) => p.id),
    recommendation: spots[0]?.id ?? null,
    closest: spots.length ? null : closestPoint(points, slo)?.id ?? null,
    headline_setup: headlineSetup,
    max_stable_load: headline.max_stable_load === null ? null : { axis: headline.axis, value: headline.max_stable_load },
    saturation,
    headline_saturation: headlineSat,
    max_throughput: peak ? { value: peak.throughput_tok_s!, point: peak.id } : null,
    findings,
    concurrencies: ascending(points.map((p) => (p.load.axis === 'concurrency' ? p.load.value : null))),
    request_rates: ascending(points.map((p) => (p.load.axis === 'request_rate' ? p.load.value : null))),
    max_new_tokens: ascending(points.map((p) => p.max_new_tokens)),
    files: [...new Set(runs.map((r) => r.source.file))].sort(),
    tools: [...new Set(runs.map((r) => r.tool))].sort(),
  };
}

/** Looks a point up by id; throws on an id the group does not hold (a bug, not bad data). */
export function pointById(group: Pick<GroupReport, 'points' | 'gpu' | 'workload'>, id: string): Point {
  const point = group.points.find((p) => p.id === id);
  if (!point) throw new Error(`no point ${id} in ${group.gpu} / ${group.workload}`);
  return point;
}

/** The setup of a point. */
export function setupOf(group: Pick<GroupReport, 'setups'>, point: Pick<Point, 'setup'>): SetupInfo {
  return group.setups.find((s) => s.id === point.setup)!;
}

/**
 * A review: a baseline Report against a candidate Report. Groups are matched per GPU × workload,
 * points per setup × load × max_new_tokens (setups matched by the settings that tell a group's
 * setups apart, so different setups are never compared). The verdict of a group rests on its
 * throughput at the SLO, recommendation against recommendation: with ≥ 3 repeats on both sides a
 * seeded bootstrap interval of the ratio of medians must exclude 1, else the change must leave the
 * noise band. Pure and deterministic.
 */
import { setupKey } from '../settings.ts';
import type { GroupReport, Load, Measurement, Point, Report, Setup, SettingValue, Source } from '../types.ts';
import { MIN_REPEATS, ratioOfMediansInterval, seedOf } from './bootstrap.ts';
import { pointById, setupOf } from './group.ts';
import { baseId, compareLoads } from './points.ts';
import type { History } from './history.ts';
import { byText } from './stats.ts';

/** How a GPU × workload changed from the baseline to the candidate. */
export type Verdict = 'improved' | 'regressed' | 'within noise' | 'only in baseline' | 'only in candidate';

/**
 * Which rule judged a verdict: `bootstrap` (repeats on both sides, the interval), `noise band`
 * (fewer repeats, the change against ±noise_pct), `recommendation` (a recommendation appeared,
 * disappeared, or neither side has one), `one side` (the group was measured on one side only).
 */
export type VerdictRule = 'bootstrap' | 'noise band' | 'recommendation' | 'one side';

/** Every verdict, in the order pages list them. */
export const VERDICTS: readonly Verdict[] = ['regressed', 'improved', 'within noise', 'only in baseline', 'only in candidate'];

/** One side of a review: a Report, the measurements behind it (for the repeats) and its name. */
export interface ReviewSide {
  /** What the side is called on pages and in the terminal: a folder, or `SETTING=VALUE`. */
  name: string;
  report: Report;
  measurements: readonly Measurement[];
}

/** The recommended point of one side, as the review shows it. */
export interface ReviewRecommendation {
  point: string;
  setup: string;
  load: Load;
  max_new_tokens: number | null;
  throughput_tok_s: number;
  latency_ms: number | null;
  headroom_pct: number | null;
  /** Repeats behind it and their throughputs (the bootstrap's sample). */
  n: number;
  repeats_tok_s: number[];
  sources: Source[];
}

/** What one side of a GPU × workload gives. */
export interface ReviewGroupSide {
  /** The group's slug in its own report (pages link the candidate's). */
  slug: string;
  recommendation: ReviewRecommendation | null;
  /** The run of the peak stable throughput (what is compared when neither side has a recommendation). */
  peak: ReviewRecommendation | null;
  max_throughput_tok_s: number | null;
  max_stable_load: GroupReport['max_stable_load'];
  saturation: { axis: 'concurrency' | 'request_rate'; load: number | null; not_saturated_up_to: number | null } | null;
  /** The SLO metric judged and its threshold. */
  slo_metric: string;
  threshold_ms: number;
  /** Settings of the headline setup. */
  settings: Setup;
}

/** One point of a GPU × workload on both sides (or on one). */
export interface ReviewPoint {
  /** The setup's label (the candidate's, else the baseline's). */
  setup: string;
  load: Load;
  max_new_tokens: number | null;
  baseline_tok_s: number | null;
  candidate_tok_s: number | null;
  /** Change of throughput in percent, one decimal; null unless both are measured. */
  delta_pct: number | null;
  baseline_latency_ms: number | null;
  candidate_latency_ms: number | null;
  latency_delta_pct: number | null;
  baseline_n: number;
  candidate_n: number;
  baseline_sources: Source[];
  candidate_sources: Source[];
}

/** A setting whose value differs between the two sides' headline setups. */
export interface SettingChange {
  key: string;
  baseline: SettingValue | null;
  candidate: SettingValue | null;
}

/** The review of one GPU × workload. */
export interface ReviewGroup {
  gpu: string;
  workload: string;
  verdict: Verdict;
  rule: VerdictRule;
  /**
   * What the verdict compares: `slo`, throughput at the SLO (recommendation against recommendation),
   * or `peak`, the peak stable throughput, when neither side has a run within the SLO.
   */
  basis: 'slo' | 'peak';
  /** Change of the peak stable throughput in percent, one decimal. */
  peak_delta_pct: number | null;
  /** Change of throughput at the SLO (recommendation against recommendation) in percent, one decimal. */
  delta_pct: number | null;
  /** Change of the SLO latency at the recommendation in percent, one decimal. */
  latency_delta_pct: number | null;
  /** Bootstrap 95% interval of candidate ÷ baseline median throughput at the recommendation. */
  interval: [number, number] | null;
  baseline: ReviewGroupSide | null;
  candidate: ReviewGroupSide | null;
  /** Matched points first by setup, then load and max_new_tokens; unmatched ones with the other side null. */
  points: ReviewPoint[];
  settings_changed: SettingChange[];
}

/** The whole review. */
export interface Review {
  baseline: string;
  candidate: string;
  noise_pct: number;
  groups: ReviewGroup[];
  /** With several baselines, every experiment's figures in date order (the verdicts compare the most recent baseline). */
  history?: History;
}

const pct = (after: number | null, before: number | null): number | null =>
  after === null || before === null || !(before > 0) ? null : Math.round((after / before - 1) * 1000) / 10;

const sourceKey = (s: Source) => `${s.file}\u0000${s.line}`;

/** The throughputs of the runs behind a point (its repeats), found by their sources. */
export function repeatThroughputs(point: Point, group: Pick<GroupReport, 'gpu' | 'workload'>, bySource: ReadonlyMap<string, readonly Measurement[]>): number[] {
  const values: number[] = [];
  for (const source of point.sources) {
    // A source is one row or run object; the filter guards files whose runs share a line.
    const run = (bySource.get(sourceKey(source)) ?? []).find((m) => m.gpu === group.gpu && m.workload === group.workload
      && m.max_new_tokens === point.max_new_tokens && m.load.axis === point.load.axis && m.load.value === point.load.value);
    if (run?.throughput_tok_s !== null && run?.throughput_tok_s !== undefined) values.push(run.throughput_tok_s);
  }
  return values;
}

function indexBySource(measurements: readonly Measurement[]): Map<string, Measurement[]> {
  const map = new Map<string, Measurement[]>();
  for (const m of measurements) {
    const key = sourceKey(m.source);
    const list = map.get(key);
    if (list) list.push(m);
    else map.set(key, [m]);
  }
  return map;
}

function sideOf(group: GroupReport, bySource: ReadonlyMap<string, readonly Measurement[]>): ReviewGroupSide {
  const summary = (id: string | null | undefined): ReviewRecommendation | null => {
    if (!id) return null;
    const p = pointById(group, id);
    if (p.throughput_tok_s === null || !(p.throughput_tok_s > 0)) return null;
    return {
      point: p.id,
      setup: setupOf(group, p).label,
      load: p.load,
      max_new_tokens: p.max_new_tokens,
      throughput_tok_s: p.throughput_tok_s!,
      latency_ms: p.slo_latency_ms,
      headroom_pct: p.headroom_pct,
      n: p.n,
      repeats_tok_s: repeatThroughputs(p, group, bySource),
      sources: p.sources,
    };
  };
  const s = group.headline_saturation;
  return {
    slug: group.slug,
    recommendation: summary(group.recommendation),
    peak: summary(group.max_throughput?.point),
    max_throughput_tok_s: group.max_throughput?.value ?? null,
    max_stable_load: group.max_stable_load,
    saturation: s ? { axis: s.axis, load: s.load, not_saturated_up_to: s.not_saturated_up_to } : null,
    slo_metric: group.slo.metric,
    threshold_ms: group.slo.threshold_ms,
    settings: group.setups.find((x) => x.id === group.headline_setup)?.settings ?? {},
  };
}

/** The settings that tell setups apart on either side: what matching a setup across sides looks at. */
function matchKeyOf(keys: readonly string[]) {
  return (settings: Setup): string => {
    const picked: Setup = {};
    for (const key of keys) if (settings[key] !== undefined) picked[key] = settings[key]!;
    return setupKey(picked);
  };
}

function matchPoints(baseline: GroupReport | null, candidate: GroupReport | null): ReviewPoint[] {
  const keys = [...new Set([...(baseline?.differing ?? []), ...(candidate?.differing ?? [])])].sort(byText);
  const matchKey = matchKeyOf(keys);
  const rows = new Map<string, { setup: string; b: Point | null; c: Point | null; order: Point }>();
  const add = (group: GroupReport | null, side: 'b' | 'c') => {
    for (const p of group?.points ?? []) {
      if (p.load.axis === 'unbounded') continue;
      const setup = setupOf(group!, p);
      const key = `${matchKey(setup.settings)}|${baseId(p.load, p.max_new_tokens)}`;
      const row = rows.get(key) ?? { setup: setup.label, b: null, c: null, order: p };
      row[side] = p;
      if (side === 'c') row.setup = setup.label;
      rows.set(key, row);
    }
  };
  add(baseline, 'b');
  add(candidate, 'c');
  return [...rows.values()]
    .sort((x, y) => byText(x.setup, y.setup) || compareLoads(x.order.load, y.order.load) || (x.order.max_new_tokens ?? 0) - (y.order.max_new_tokens ?? 0))
    .map(({ setup, b, c, order }) => ({
      setup,
      load: order.load,
      max_new_tokens: order.max_new_tokens,
      baseline_tok_s: b?.throughput_tok_s ?? null,
      candidate_tok_s: c?.throughput_tok_s ?? null,
      delta_pct: pct(c?.throughput_tok_s ?? null, b?.throughput_tok_s ?? null),
      baseline_latency_ms: b?.slo_latency_ms ?? null,
      candidate_latency_ms: c?.slo_latency_ms ?? null,
      latency_delta_pct: pct(c?.slo_latency_ms ?? null, b?.slo_latency_ms ?? null),
      baseline_n: b?.n ?? 0,
      candidate_n: c?.n ?? 0,
      baseline_sources: b?.sources ?? [],
      candidate_sources: c?.sources ?? [],
    }));
}

function settingsChanged(b: Setup, c: Setup): SettingChange[] {
  const keys = [...new Set([...Object.keys(b), ...Object.keys(c)])].sort(byText);
  return keys.filter((k) => b[k] !== c[k]).map((k) => ({ key: k, baseline: b[k] ?? null, candidate: c[k] ?? null }));
}

/**
 * The verdict on two recommendations. Both present: with ≥ 3 repeats each, the bootstrap interval
 * of the ratio of medians (seeded by `seed`) must lie wholly above or below 1; else the change
 * must exceed ±noisePct. One missing: it appeared (improved) or disappeared (regressed).
 */
export function judge(baseline: ReviewRecommendation | null, candidate: ReviewRecommendation | null, noisePct: number, seed: number): Pick<ReviewGroup, 'verdict' | 'rule' | 'delta_pct' | 'interval'> {
  if (!baseline && !candidate) return { verdict: 'within noise', rule: 'recommendation', delta_pct: null, interval: null };
  if (!candidate) return { verdict: 'regressed', rule: 'recommendation', delta_pct: null, interval: null };
  if (!baseline) return { verdict: 'improved', rule: 'recommendation', delta_pct: null, interval: null };
  const delta = pct(candidate.throughput_tok_s, baseline.throughput_tok_s);
  const b = baseline.repeats_tok_s;
  const c = candidate.repeats_tok_s;
  const interval = b.length >= MIN_REPEATS && c.length >= MIN_REPEATS ? ratioOfMediansInterval(b, c, seed) : null;
  if (interval) {
    const verdict: Verdict = interval[0] > 1 ? 'improved' : interval[1] < 1 ? 'regressed' : 'within noise';
    return { verdict, rule: 'bootstrap', delta_pct: delta, interval };
  }
  // Judged on the change as shown (one decimal), so "+5%" against a ±5% band reads as it is judged.
  const shown = delta!;
  const verdict: Verdict = Math.abs(shown) <= noisePct ? 'within noise' : shown > 0 ? 'improved' : 'regressed';
  return { verdict, rule: 'noise band', delta_pct: delta, interval: null };
}

/** Reviews a candidate against a baseline: every GPU × workload of either, sorted as Reports sort them. */
export function buildReview(baseline: ReviewSide, candidate: ReviewSide, noisePct: number): Review {
  const bIndex = indexBySource(baseline.measurements);
  const cIndex = indexBySource(candidate.measurements);
  const keyOf = (g: { gpu: string; workload: string }) => `${g.gpu}\u0000${g.workload}`;
  const bGroups = new Map(baseline.report.groups.map((g) => [keyOf(g), g]));
  const cGroups = new Map(candidate.report.groups.map((g) => [keyOf(g), g]));
  const all = [...new Map([...baseline.report.groups, ...candidate.report.groups].map((g) => [keyOf(g), { gpu: g.gpu, workload: g.workload }])).values()]
    .sort((a, b) => byText(a.gpu.toLowerCase(), b.gpu.toLowerCase()) || byText(a.gpu, b.gpu) || byText(a.workload, b.workload));
  const groups = all.map(({ gpu, workload }): ReviewGroup => {
    const b = bGroups.get(keyOf({ gpu, workload })) ?? null;
    const c = cGroups.get(keyOf({ gpu, workload })) ?? null;
    const bSide = b && sideOf(b, bIndex);
    const cSide = c && sideOf(c, cIndex);
    const points = matchPoints(b, c);
    if (!bSide || !cSide) {
      return { gpu, workload, verdict: bSide ? 'only in baseline' : 'only in candidate', rule: 'one side', basis: 'slo', peak_delta_pct: null, delta_pct: null, latency_delta_pct: null, interval: null, baseline: bSide, candidate: cSide, points, settings_changed: [] };
    }
    const seed = seedOf(`${gpu}\u0000${workload}`);
    const peakDelta = pct(cSide.peak?.throughput_tok_s ?? null, bSide.peak?.throughput_tok_s ?? null);
    // Neither side has a run within the SLO: the peak stable throughput is what can still be compared.
    const onPeak = !bSide.recommendation && !cSide.recommendation && bSide.peak !== null && cSide.peak !== null;
    const judged = onPeak ? { ...judge(bSide.peak, cSide.peak, noisePct, seed), delta_pct: null } : judge(bSide.recommendation, cSide.recommendation, noisePct, seed);
    return {
      gpu,
      workload,
      ...judged,
      basis: onPeak ? 'peak' : 'slo',
      peak_delta_pct: peakDelta,
      latency_delta_pct: pct(cSide.recommendation?.latency_ms ?? null, bSide.recommendation?.latency_ms ?? null),
      baseline: bSide,
      candidate: cSide,
      points,
      settings_changed: settingsChanged(bSide.settings, cSide.settings),
    };
  });
  return { baseline: baseline.name, candidate: candidate.name, noise_pct: noisePct, groups };
}

/**
 * The regressions a pipeline gate fails on: groups judged regressed whose throughput at the SLO
 * fell by more than `thresholdPct` percent, or whose recommendation disappeared.
 */
export function gateRegressions(review: Review, thresholdPct: number): ReviewGroup[] {
  return review.groups.filter((g) => g.verdict === 'regressed' && g.basis === 'slo' && (g.delta_pct === null || g.delta_pct < -thresholdPct));
}

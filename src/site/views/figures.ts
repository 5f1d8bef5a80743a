/**
 * The figures `<Num figure="gpu/workload/NAME">` shows inline in a write-up: each with its unit,
 * a link to the run it comes from and its sources; a figure the data lacks is a gap of the core's list.
 */
import { findGap } from '../../core/analysis/gaps.ts';
import { pointById } from '../../core/analysis/group.ts';
import { formatGoodput, formatInt, formatPct } from '../../core/format.ts';
import { change, loadValueWords, ms, sourcesWords, tokS } from '../../core/phrases.ts';
import { formatMoney, formatUnitPrice } from '../../core/plan-words.ts';
import type { GroupReport, PlanRow, Point, Source } from '../../core/types.ts';
import type { GapIndex } from '../tables/cells.ts';
import { runAnchor } from '../tables/group.ts';
import { paths } from '../url.ts';
import type { ReviewSection } from './review.ts';

/** A figure for prose: its text with unit, where it links, what it rests on; a gap or a "none" when missing. */
export interface Figure {
  id: string;
  text: string;
  href: string;
  sources: string;
  /** The gap key when the data lacks the figure (it renders "not measured"). */
  gap?: string;
  /** Why there is no figure when it is not a gap (no run met the SLO, never saturated). */
  none?: string;
}

type Picked = { value: number | null | undefined; point: Point | null; format: (v: number) => string; field?: string; none?: string };
type Picker = (group: GroupReport, plan: readonly PlanRow[]) => Picked;

const rec = (g: GroupReport) => (g.recommendation ? pointById(g, g.recommendation) : null);
const peak = (g: GroupReport) => (g.max_throughput ? pointById(g, g.max_throughput.point) : null);
const noRec = (g: GroupReport) => (g.slo.measured ? 'none: no run met the SLO' : 'not judged: the SLO metric is not in the data');
// The run behind the max stable load: of the headline setup, whose figure it is.
const stableLoad = (g: GroupReport) => (g.max_stable_load
  ? g.points.find((p) => p.setup === g.headline_setup && p.load.axis === g.max_stable_load!.axis && p.load.value === g.max_stable_load!.value) ?? null
  : null);

// The plan row of a group's recommendation (the one the plan page names first for this GPU).
const planRow = (g: GroupReport, plan: readonly PlanRow[]) => plan.find((r) => r.group === g.slug && r.recommended) ?? null;
const noPlan = (g: GroupReport, plan: readonly PlanRow[], need: 'demand' | 'price' | 'both') => {
  if (!g.recommendation) return noRec(g);
  const row = planRow(g, plan);
  if ((need === 'demand' || need === 'both') && !row?.demand) return 'not stated: no demand is given for this workload';
  if ((need === 'price' || need === 'both') && row?.price_per_hour === null) return 'not stated: no price is given for this GPU';
  return 'cannot be sized: the recommended run gives no capacity in the demand\'s unit';
};

/** The figures `<Num>` can show, by NAME. */
export const FIGURES: Readonly<Record<string, Picker>> = {
  max_throughput: (g) => ({ value: g.max_throughput?.value, point: peak(g), format: tokS, none: 'no stable run' }),
  max_stable_concurrency: (g) => ({ value: g.max_stable_load?.axis === 'concurrency' ? g.max_stable_load.value : null, point: stableLoad(g), format: formatInt, none: g.max_stable_load ? 'not applicable: the sweep is driven by request rate' : 'none: no concurrency at which every run was stable' }),
  max_stable_load: (g) => ({ value: g.max_stable_load?.value, point: stableLoad(g), format: (v) => loadValueWords(g.max_stable_load!.axis, v), none: 'none: no load at which every run was stable' }),
  recommended_concurrency: (g) => ({ value: rec(g)?.load.axis === 'concurrency' ? rec(g)!.load.value : null, point: rec(g), format: formatInt, none: rec(g) ? 'not applicable: the recommendation is driven by request rate' : noRec(g) }),
  recommended_load: (g) => ({ value: rec(g)?.load.value, point: rec(g), format: (v) => loadValueWords(rec(g)!.load.axis as 'concurrency', v), none: noRec(g) }),
  recommended_max_tokens: (g) => ({ value: rec(g)?.max_new_tokens, point: rec(g), format: formatInt, none: rec(g) ? 'not applicable: the run set no max_tokens' : noRec(g) }),
  recommended_throughput: (g) => ({ value: rec(g)?.throughput_tok_s, point: rec(g), format: tokS, none: noRec(g) }),
  recommended_latency: (g) => ({ value: rec(g)?.slo_latency_ms, point: rec(g), format: ms, field: g.slo.metric, none: noRec(g) }),
  recommended_headroom: (g) => ({ value: rec(g)?.headroom_pct, point: rec(g), format: formatPct, none: noRec(g) }),
  saturation_concurrency: (g) => ({
    value: g.headline_saturation?.axis === 'concurrency' ? g.headline_saturation.load : null,
    point: g.headline_saturation ? pointById(g, g.headline_saturation.point) : null,
    format: formatInt,
    none: !g.headline_saturation
      ? 'too few loads to tell: no series has two stable loads'
      : g.headline_saturation.axis !== 'concurrency'
        ? 'not applicable: the sweep is driven by request rate'
        : `not saturated up to ${g.headline_saturation.not_saturated_up_to}`,
  }),
  saturation_load: (g) => ({
    value: g.headline_saturation?.load,
    point: g.headline_saturation ? pointById(g, g.headline_saturation.point) : null,
    format: (v) => loadValueWords(g.headline_saturation!.axis, v),
    none: g.headline_saturation ? `not saturated up to ${loadValueWords(g.headline_saturation.axis, g.headline_saturation.not_saturated_up_to!)}` : 'too few loads to tell: no series has two stable loads',
  }),
  slo_threshold: (g) => ({ value: g.slo.threshold_ms, point: null, format: ms }),
  gpus_needed: (g, plan) => ({ value: planRow(g, plan)?.gpus, point: rec(g), format: (v) => `${formatInt(v)} GPU${v === 1 ? '' : 's'}`, none: noPlan(g, plan, 'demand') }),
  monthly_cost: (g, plan) => ({ value: planRow(g, plan)?.monthly_cost, point: rec(g), format: (v) => `${formatMoney(v, planRow(g, plan)!.currency)} a month`, none: noPlan(g, plan, 'both') }),
  cost_per_mtok: (g, plan) => ({ value: planRow(g, plan)?.cost_per_mtok_output, point: rec(g), format: (v) => `${formatUnitPrice(v, planRow(g, plan)!.currency)} per 1M output tokens`, none: noPlan(g, plan, 'price') }),
  // Under a joint SLO judged on per-request records: the recommended run's goodput and attainment.
  goodput: (g) => ({ value: rec(g)?.goodput_req_s, point: rec(g), format: (v) => `${formatGoodput(v)} req/s`, field: 'duration_s', none: g.slo.judged !== 'requests' ? 'not measured: no per-request records judged against a joint SLO' : noRec(g) }),
  attainment: (g) => ({ value: rec(g)?.slo_attainment === null || rec(g)?.slo_attainment === undefined ? null : rec(g)!.slo_attainment! * 100, point: rec(g), format: formatPct, none: g.slo.judged !== 'requests' ? 'not measured: no per-request records judged against a joint SLO' : noRec(g) }),
  peak_p95_ttft: (g) => ({ value: peak(g)?.latency.p95_ttft_ms, point: peak(g), format: ms, field: 'p95_ttft_ms', none: 'no stable run' }),
};

/** The figure of a review: the change of throughput at the SLO against the baseline. */
export const REVIEW_DELTA = 'review_delta';

function reviewDelta(id: string, group: GroupReport, review: ReadonlyMap<string, ReviewSection> | null): Figure {
  const section = review?.get(group.slug);
  if (!section) return { id, text: 'none: no baseline to compare with', href: paths.group(group), sources: '', none: 'none: no baseline to compare with' };
  const href = `${paths.review()}#${section.anchor}`;
  if (section.delta_pct === null) return { id, text: `none: ${section.verdict}`, href, sources: '', none: `none: ${section.verdict}` };
  return { id, text: change(section.delta_pct), href, sources: section.sources };
}

/** Every figure id the report offers, e.g. `runpod-rtx2000-16gb/chat/max_throughput`. */
export function figureIds(groups: readonly GroupReport[]): string[] {
  return groups.flatMap((g) => Object.keys(FIGURES).map((name) => `${g.slug}/${name}`));
}

function sourcesOf(point: Point | null): Source[] {
  return point?.sources ?? [];
}

/** What figures beyond the groups' own read: the capacity plan's rows and the review's sections. */
export interface FigureSources {
  plan?: readonly PlanRow[];
  review?: ReadonlyMap<string, ReviewSection> | null;
}

/**
 * Resolves a figure id (`<gpu slug>/<workload slug>/<name>`). An unknown id is an author's
 * mistake: it throws with the ids that exist. A figure the data lacks is its gap (by key).
 */
export function resolveFigure(groups: readonly GroupReport[], gaps: GapIndex, id: string, extra: FigureSources = {}): Figure {
  const { plan = [], review = null } = extra;
  const [gpuSlug, workloadSlug, name = ''] = id.split('/');
  const group = groups.find((g) => g.gpu_slug === gpuSlug && g.workload_slug === workloadSlug);
  const picker = FIGURES[name];
  if (group && name === REVIEW_DELTA) return reviewDelta(id, group, review);
  if (!group || !picker) {
    throw new Error(`<Num figure="${id}"> expects "<gpu>/<workload>/<name>" with <gpu>/<workload> one of ${groups.map((g) => g.slug).join(', ')} and <name> one of ${[...Object.keys(FIGURES), REVIEW_DELTA].join(', ')}`);
  }
  const { value, point, format, field, none } = picker(group, plan);
  const href = point ? `${paths.group(group)}#${runAnchor(point.id)}` : paths.group(group);
  const sources = sourcesWords(sourcesOf(point).slice(0, 3));
  if (typeof value === 'number' && Number.isFinite(value)) return { id, text: format(value), href, sources };
  const gap = field && point ? findGap(gaps, group.slug, point.id, field) : null;
  if (gap) return { id, text: 'not measured', href, sources, gap: gap.key };
  return { id, text: none ?? 'none', href, sources, none: none ?? 'none' };
}

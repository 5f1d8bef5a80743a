import { pointById } from '../core/analysis/group.ts';
import { formatInt, formatMs, formatPct, formatTokS } from '../core/format.ts';
import type { GroupReport, Point, Report, Source } from '../core/types.ts';
import { groupHref, runHref, type CellGap } from './table.ts';

/** A single figure for inline prose: its text with unit, where it links, and what it rests on. */
export interface Figure {
  id: string;
  value: number | null;
  text: string;
  href: string;
  sources: Source[];
  gap?: CellGap;
}

type Picker = (group: GroupReport) => { value: number | null | undefined; point: Point | null; format: (v: number) => string };

const rec = (g: GroupReport) => (g.recommendation ? pointById(g, g.recommendation) : null);
const peak = (g: GroupReport) => (g.max_throughput ? pointById(g, g.max_throughput.point) : null);
const tokS = (v: number) => `${formatTokS(v)} tok/s`;
const ms = (v: number) => `${formatMs(v)} ms`;

/** The figures `<Num figure="gpu/workload/NAME">` can show, by NAME. */
export const FIGURES: Readonly<Record<string, Picker>> = {
  max_throughput: (g) => ({ value: g.max_throughput?.value, point: peak(g), format: tokS }),
  max_stable_concurrency: (g) => ({ value: g.max_stable_concurrency, point: g.points.find((p) => p.concurrency === g.max_stable_concurrency) ?? null, format: formatInt }),
  recommended_concurrency: (g) => ({ value: rec(g)?.concurrency, point: rec(g), format: formatInt }),
  recommended_max_tokens: (g) => ({ value: rec(g)?.max_new_tokens, point: rec(g), format: formatInt }),
  recommended_throughput: (g) => ({ value: rec(g)?.throughput_tok_s, point: rec(g), format: tokS }),
  recommended_latency: (g) => ({ value: rec(g)?.slo_latency_ms, point: rec(g), format: ms }),
  recommended_headroom: (g) => ({ value: rec(g)?.headroom_pct, point: rec(g), format: formatPct }),
  saturation_concurrency: (g) => ({
    value: g.headline_saturation?.concurrency ?? null,
    point: g.headline_saturation ? pointById(g, g.headline_saturation.point) : null,
    format: formatInt,
  }),
  slo_threshold: (g) => ({ value: g.slo.threshold_ms, point: null, format: ms }),
  peak_p95_ttft: (g) => {
    const p = peak(g);
    return { value: p?.latency.p95_ttft_ms, point: p, format: ms };
  },
};

/** Every figure id the report offers, e.g. `runpod-rtx2000-16gb/chat/max_throughput`. */
export function figureIds(report: Report): string[] {
  return report.groups.flatMap((g) => Object.keys(FIGURES).map((name) => `${g.slug}/${name}`));
}

/**
 * Resolves a figure id (`<gpu slug>/<workload slug>/<name>`). An unknown id is an author's mistake,
 * so it throws with the ids that exist; a figure the data lacks comes back as a gap.
 */
export function resolveFigure(report: Report, id: string): Figure {
  const [gpuSlug, workloadSlug, name = ''] = id.split('/');
  const group = report.groups.find((g) => g.gpu_slug === gpuSlug && g.workload_slug === workloadSlug);
  const picker = FIGURES[name];
  if (!group || !picker) {
    const known = report.groups.map((g) => g.slug).join(', ');
    throw new Error(`<Num figure="${id}"> expects "<gpu>/<workload>/<name>" with <gpu>/<workload> one of ${known} and <name> one of ${Object.keys(FIGURES).join(', ')}`);
  }
  const { value, point, format } = picker(group);
  const href = point ? runHref(group.gpu_slug, group.workload_slug, point.id) : groupHref(group.gpu_slug, group.workload_slug);
  const sources = point?.sources ?? [];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { id, value: null, text: 'not measured', href, sources, gap: { what: `${name.replace(/_/g, ' ')} of ${group.gpu} (${group.workload})`, hint: gapHint(name) } };
  }
  return { id, value, text: format(value), href, sources };
}

function gapHint(name: string): string {
  if (name.startsWith('recommended')) return 'a run that meets the SLO';
  if (name === 'saturation_concurrency') return 'a sweep that reaches 90% of its peak below its highest concurrency';
  if (name === 'peak_p95_ttft') return 'a p95_ttft_ms column';
  return 'stable runs with throughput_tok_s and latency columns';
}

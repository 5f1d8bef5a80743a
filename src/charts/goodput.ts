/**
 * SLO attainment and goodput against load for one GPU × workload whose joint SLO was judged on
 * per-request records: one line per series like the throughput chart, failed runs shown (their
 * failed requests already count against attainment), sweet spots and the recommendation ringed,
 * and on the attainment chart the target as a rule.
 */
import type * as Plot from '@observablehq/plot';
import { chartedMetric, judgedOnRequests } from '../core/analysis/slo.ts';
import { formatPct, formatPct1, formatNumber } from '../core/format.ts';
import { axisWords, formatSlo, groupTitle, runName, tokS } from '../core/phrases.ts';
import type { GroupReport, Point } from '../core/types.ts';
import { setupOf } from '../core/analysis/group.ts';
import { capitalise, chartId, failureSentence, groupWhere, omittedSentence, pointPlace, recommendationClause, ringSentence, runs, sentences } from './captions.ts';
import { loadAxis, WIDE, type ChartSize } from './layout.ts';
import { loadViewOptions } from './load-view.ts';
import type { SloRule } from './marks.ts';
import type { SeriesDomains } from './palette.ts';
import type { ChartSpec } from './spec.ts';
import { groupView, seriesNaming, type GroupView } from './view.ts';

/** Whether a group has attainment charts: its joint SLO was judged on per-request records. */
export function hasAttainmentCharts(group: GroupReport): boolean {
  return judgedOnRequests(group.slo) && group.points.some((p) => p.slo_attainment !== null);
}

const reqS = (v: number | null) => (v === null ? 'not measured' : `${formatNumber(Number(v.toFixed(2)))} req/s`);

/** The hover label of a point on these charts: where it sits, its attainment and goodput, and why it failed. */
function attainmentTitle(group: GroupReport, p: Point): string {
  const setup = group.setups.length > 1 ? `${setupOf(group, p).label}, ` : '';
  const share = p.slo_attainment === null ? 'attainment not measured' : `${formatPct1(p.slo_attainment * 100)} within SLO`;
  const state = p.status !== 'ok' ? ` (did not finish: ${p.status})` : !p.reached_load ? ' (load not reached)' : '';
  return `${setup}${runName(p, 'prose')}: ${share}, goodput ${reqS(p.goodput_req_s)} of ${p.requests_judged} requests${state}`;
}

// The view's points carry the throughput chart's labels; these charts name attainment and goodput.
function retitle(view: GroupView, group: GroupReport): void {
  const byId = new Map(group.points.map((p) => [p.id, p]));
  const title = (d: { title: string; run?: { point: string } }) => {
    const p = d.run ? byId.get(d.run.point) : undefined;
    if (p) d.title = attainmentTitle(group, p);
  };
  [...view.stable, ...view.failures, ...view.ceilings, ...view.sweet, ...(view.recommended ? [view.recommended] : [])].forEach(title);
}

/** Names each drawn run's goodput in its hover label, for charts that plot goodput beside other figures. */
export function withGoodput(view: GroupView, group: GroupReport): void {
  const byId = new Map(group.points.map((p) => [p.id, p]));
  const add = (d: { title: string; run?: { point: string } }) => {
    const p = d.run ? byId.get(d.run.point) : undefined;
    if (p) d.title = `${d.title}, goodput ${p.goodput_tok_s === null ? 'not measured' : tokS(p.goodput_tok_s)} (${p.slo_attainment === null ? 'attainment not measured' : `${formatPct1(p.slo_attainment * 100)} within SLO`})`;
  };
  [...view.stable, ...view.failures, ...view.ceilings, ...view.sweet, ...(view.recommended ? [view.recommended] : [])].forEach(add);
}

/** A from-zero scale for goodput; when no run met the SLO (all zero), it keeps a height so zero sits on the floor. */
export function goodputScale(label: string, values: readonly (number | null)[]): Plot.ScaleOptions {
  const none = values.every((v) => v === null || v <= 0);
  return { label, labelAnchor: 'center', labelArrow: 'none', zero: true, nice: true, grid: true, tickFormat: formatNumber, ...(none ? { domain: [0, 1] } : {}) };
}

interface Figure {
  name: 'attainment' | 'goodput';
  y: (p: Point) => number | null;
  /** Null: goodput's own scale over the values drawn. */
  scale: Plot.ScaleOptions | null;
  words: string;
  rule: (group: GroupReport) => SloRule | null;
}

const ATTAINMENT: Figure = {
  name: 'attainment',
  y: (p) => (p.slo_attainment === null ? null : p.slo_attainment * 100),
  scale: { label: 'Requests within SLO (%)', labelAnchor: 'center', labelArrow: 'none', domain: [0, 100], grid: true, tickFormat: (v: number) => formatPct(v) },
  words: 'the share of requests within the SLO',
  rule: (group) => (group.slo.target === null ? null : { threshold: group.slo.target * 100, lines: ['target', `≥ ${formatPct(group.slo.target * 100)}`] }),
};

const GOODPUT: Figure = {
  name: 'goodput',
  y: (p) => p.goodput_req_s,
  scale: null,
  words: 'goodput, the requests per second that met the SLO',
  rule: () => null,
};

function loadChart(figure: Figure, group: GroupReport, domains: SeriesDomains, size: ChartSize): ChartSpec | null {
  if (!hasAttainmentCharts(group)) return null;
  const axis = loadAxis(group.points);
  const view = groupView(group, { x: axis.of, y: figure.y }, domains, chartedMetric(group.slo));
  const xs = [...view.stable, ...view.failures].map((d) => d.x);
  if (xs.length === 0) return null;
  retitle(view, group);
  const load = axisWords(axis.axis);
  const where = groupWhere(group);
  const rule = figure.rule(group);
  const options = () => loadViewOptions(view, { axis, y: figure.scale ?? goodputScale('Goodput (req/s within SLO)', group.points.map(figure.y)), missing: 'floor', rule }, size);
  const per = seriesNaming(group, domains).per;
  const best = group.points.filter((p) => figure.y(p) !== null).sort((a, b) => figure.y(b)! - figure.y(a)!)[0];
  const title = figure.name === 'attainment' ? `SLO attainment vs ${load}: ${groupTitle(group)}` : `Goodput vs ${load}: ${groupTitle(group)}`;
  return {
    id: chartId(group, figure.name),
    title,
    caption: sentences(
      `${capitalise(figure.words)} for ${where} against ${load}, one line${per ? ` per ${per}` : ''}, judged on every request of each run (${formatSlo(group.slo)}); failed and unfinished requests count as missing it.`,
      rule ? `The dashed red line is the share the SLO asks for: a run below it misses the SLO.` : '',
      failureSentence(view.failures.length, view.notReached, view.failures.some((f) => f.y === null) ? 'drawn on the zero line when nothing was judged' : ''),
      ringSentence(group, view.recommended !== null),
      omittedSentence(axis, view.unplaced, figure.name === 'attainment' ? 'an attainment' : 'a goodput'),
    ),
    ariaLabel: sentences(
      `Line chart of ${figure.words} against ${load} for ${where}, ${view.keys.length} series${per ? ` by ${per}` : ''}.`,
      best ? `Highest: ${figure.name === 'attainment' ? formatPct1(figure.y(best)) : reqS(figure.y(best))} at ${pointPlace(group, best)}.` : '',
      rule ? `Target ${rule.lines[1]}.` : '',
      view.failures.length ? `${runs(view.failures.length)} drawn as failures.` : 'Every run was stable.',
      `${capitalise(recommendationClause(group))}.`,
    ),
    options,
  };
}

/** Share of requests within the joint SLO against load, the target as a rule; null unless judged on requests. */
export function attainmentChart(group: GroupReport, domains: SeriesDomains, size: ChartSize = WIDE): ChartSpec | null {
  return loadChart(ATTAINMENT, group, domains, size);
}

/** Goodput (req/s meeting the joint SLO) against load; null unless judged on requests. */
export function goodputChart(group: GroupReport, domains: SeriesDomains, size: ChartSize = WIDE): ChartSpec | null {
  return loadChart(GOODPUT, group, domains, size);
}

/** The tables of the review page: the verdicts, each GPU × workload's before and after, its matched points and the settings that changed. */
import type { Review, ReviewGroup, ReviewPoint, ReviewRecommendation, Verdict } from '../../core/analysis/review.ts';
import { formatInt, formatMs, formatRate, formatTokS } from '../../core/format.ts';
import { ruleShort } from '../../core/review-output.ts';
import { change, groupTitle, loadCell, metricLabel, runName, saturationWords, tokensCell } from '../../core/phrases.ts';
import { settingTitle, settingWords } from '../../core/settings.ts';
import type { LatencyMetric } from '../../core/types.ts';
import { paths } from '../url.ts';
import { absent, figure, text, type Cell, type Row, type TableModel } from './cells.ts';

/** The anchor of a GPU × workload's section on the review page. */
export function reviewAnchor(group: Pick<ReviewGroup, 'gpu' | 'workload' | 'baseline' | 'candidate'>): string {
  const slug = (group.candidate ?? group.baseline)!.slug;
  return `review-${slug.replace(/\//g, '--')}`;
}

const TONE: Readonly<Record<Verdict, Cell['tone'] | undefined>> = {
  regressed: 'bad', improved: 'good', 'within noise': undefined, 'only in baseline': 'muted', 'only in candidate': 'muted',
};

/** A verdict as a cell, toned: regressed in the warning colour, improved in the good one. */
export function verdictCell(verdict: Verdict): Cell {
  const tone = TONE[verdict];
  return text(verdict, tone ? { tone } : {});
}

// A signed change as a cell; the tone says whether the change is good for the client.
function changeCell(value: number | null, higherIsBetter: boolean): Cell {
  if (value === null) return absent();
  const tone = value === 0 ? undefined : (value > 0) === higherIsBetter ? 'good' : 'bad';
  return figure(value, change, tone ? { tone } : {});
}

const recText = (r: ReviewRecommendation | null) => (r ? `${runName(r, 'short')}${r.setup !== 'all runs' ? ` (${r.setup})` : ''}` : 'no run within the SLO');
const metricOf = (g: ReviewGroup) => metricLabel((g.candidate ?? g.baseline)!.slo_metric as LatencyMetric);

/** One row per GPU × workload: the verdict, both recommendations, the change at the SLO and how it was judged. */
export function verdictsTable(review: Review): TableModel {
  const rows: Row[] = review.groups.map((g) => ({
    cells: [
      text(groupTitle(g), { link: `${paths.review()}#${reviewAnchor(g)}` }),
      verdictCell(g.verdict),
      g.baseline ? text(recText(g.baseline.recommendation), g.baseline.recommendation ? {} : { tone: 'muted' }) : absent(false),
      g.candidate ? text(recText(g.candidate.recommendation), g.candidate.recommendation ? {} : { tone: 'muted' }) : absent(false),
      changeCell(g.delta_pct, true),
      changeCell(g.latency_delta_pct, false),
      text(ruleShort(g, review.noise_pct)),
    ],
  }));
  return {
    id: 'review-verdicts',
    caption: 'Verdict per GPU × workload: throughput at the SLO, recommendation against recommendation',
    columns: [
      { key: 'group', label: 'GPU × workload', numeric: false },
      { key: 'verdict', label: 'Verdict', numeric: false },
      { key: 'baseline', label: 'Baseline recommendation', numeric: false, wrap: true },
      { key: 'candidate', label: 'Candidate recommendation', numeric: false, wrap: true },
      { key: 'delta_pct', label: 'Throughput at the SLO', csvLabel: 'Throughput change (%)', numeric: true },
      { key: 'latency_delta_pct', label: 'SLO latency', csvLabel: 'SLO latency change (%)', numeric: true },
      { key: 'rule', label: 'Judged by', numeric: false, wrap: true },
    ],
    rows,
    csv: paths.file(paths.review(), 'verdicts.csv'),
  };
}

function loadValue(side: ReviewGroup['baseline'] | ReviewGroup['candidate'], what: 'max' | 'saturation'): Cell {
  if (!side) return absent(false);
  if (what === 'max') {
    const m = side.max_stable_load;
    return m ? figure(m.value, m.axis === 'concurrency' ? formatInt : formatRate) : text('no stable load', { tone: 'muted', value: null });
  }
  return side.saturation ? text(saturationWords(side.saturation), { value: side.saturation.load }) : text('not told', { tone: 'muted', value: null });
}

/** Before and after of one GPU × workload: recommendation, throughput and SLO latency at it, peak, max stable load, saturation. */
export function beforeAfterTable(g: ReviewGroup): TableModel {
  const b = g.baseline?.recommendation ?? null;
  const c = g.candidate?.recommendation ?? null;
  const num = (r: ReviewRecommendation | null, side: unknown, pick: (r: ReviewRecommendation) => number | null, format: (v: number) => string): Cell => {
    if (!side) return absent();
    if (!r) return text('no run within the SLO', { tone: 'muted', value: null });
    const v = pick(r);
    return v === null ? absent() : figure(v, format);
  };
  const peak = (side: typeof g.baseline) => (side?.max_throughput_tok_s == null ? absent() : figure(side.max_throughput_tok_s, formatTokS));
  const rows: Row[] = [
    { cells: [text('Recommendation'), g.baseline ? text(recText(b)) : absent(false), g.candidate ? text(recText(c)) : absent(false), absent(false)] },
    { cells: [text('Throughput at the SLO (tok/s)'), num(b, g.baseline, (r) => r.throughput_tok_s, formatTokS), num(c, g.candidate, (r) => r.throughput_tok_s, formatTokS), changeCell(g.delta_pct, true)] },
    { cells: [text(`${metricOf(g)} at it (ms)`), num(b, g.baseline, (r) => r.latency_ms, formatMs), num(c, g.candidate, (r) => r.latency_ms, formatMs), changeCell(g.latency_delta_pct, false)] },
    { cells: [text('Repeats at it (n)'), num(b, g.baseline, (r) => r.n, formatInt), num(c, g.candidate, (r) => r.n, formatInt), absent(false)] },
    { cells: [text('Peak stable throughput (tok/s)'), peak(g.baseline), peak(g.candidate), absent(false)] },
    { cells: [text('Max stable load'), loadValue(g.baseline, 'max'), loadValue(g.candidate, 'max'), absent(false)] },
    { cells: [text('Saturation'), loadValue(g.baseline, 'saturation'), loadValue(g.candidate, 'saturation'), absent(false)] },
  ];
  const slug = reviewAnchor(g).replace(/^review-/, '');
  return {
    id: `${reviewAnchor(g)}-before-after`,
    caption: `${groupTitle(g)}: baseline and candidate`,
    columns: [
      { key: 'figure', label: 'Figure', numeric: false },
      { key: 'baseline', label: 'Baseline', numeric: false },
      { key: 'candidate', label: 'Candidate', numeric: false },
      { key: 'change', label: 'Change', csvLabel: 'Change (%)', numeric: true },
    ],
    rows,
    csv: paths.file(paths.review(), `${slug}-before-after.csv`),
  };
}

/** Every point of one GPU × workload on both sides, with the change of throughput and of SLO latency. */
export function pointsTable(g: ReviewGroup): TableModel {
  const several = new Set(g.points.map((p) => p.setup)).size > 1;
  const axes = new Set(g.points.map((p) => p.load.axis));
  const loadLabel = axes.size === 1 && axes.has('concurrency') ? 'Concurrency' : axes.size === 1 && axes.has('request_rate') ? 'Request rate' : 'Load';
  const metric = metricOf(g);
  const tok = (v: number | null) => (v === null ? absent(true, 'not in this side') : figure(v, formatTokS));
  const lat = (v: number | null, present: boolean) => (v === null ? absent(true, present ? 'not measured on this side' : 'not in this side') : figure(v, formatMs));
  const rows: Row[] = g.points.map((p: ReviewPoint) => {
    const cells: Cell[] = [
      text(loadCell(p.load), { value: p.load.value }),
      p.max_new_tokens === null ? text(tokensCell(null), { tone: 'muted', value: null }) : figure(p.max_new_tokens, formatInt),
      tok(p.baseline_tok_s),
      tok(p.candidate_tok_s),
      changeCell(p.delta_pct, true),
      lat(p.baseline_latency_ms, p.baseline_n > 0),
      lat(p.candidate_latency_ms, p.candidate_n > 0),
      changeCell(p.latency_delta_pct, false),
    ];
    if (several) cells.unshift(text(p.setup));
    return { cells };
  });
  const columns: TableModel['columns'] = [
    { key: 'load', label: loadLabel, numeric: true },
    { key: 'max_new_tokens', label: 'max_tokens', numeric: true },
    { key: 'baseline_tok_s', label: 'Baseline (tok/s)', numeric: true },
    { key: 'candidate_tok_s', label: 'Candidate (tok/s)', numeric: true },
    { key: 'delta_pct', label: 'Throughput change', csvLabel: 'Throughput change (%)', numeric: true },
    { key: 'baseline_latency_ms', label: `Baseline ${metric} (ms)`, numeric: true },
    { key: 'candidate_latency_ms', label: `Candidate ${metric} (ms)`, numeric: true },
    { key: 'latency_delta_pct', label: `${metric} change`, csvLabel: `${metric} change (%)`, numeric: true },
  ];
  if (several) columns.unshift({ key: 'setup', label: 'Setup', numeric: false });
  const slug = reviewAnchor(g).replace(/^review-/, '');
  return {
    id: `${reviewAnchor(g)}-points`,
    caption: `${groupTitle(g)}: every point on both sides`,
    columns,
    rows,
    csv: paths.file(paths.review(), `${slug}-points.csv`),
    note: 'A dash: the point was run on one side only. Points of different setups are never matched.',
    empty: 'No point of this GPU × workload was run at a bounded load.',
  };
}

/** The settings whose values differ between the two sides' headline setups. */
export function settingsTable(g: ReviewGroup): TableModel {
  const rows: Row[] = g.settings_changed.map((s) => ({
    cells: [
      text(settingTitle(s.key)),
      s.baseline === null ? text('not set', { tone: 'muted', value: null }) : text(settingWords(s.key, s.baseline), { value: s.baseline }),
      s.candidate === null ? text('not set', { tone: 'muted', value: null }) : text(settingWords(s.key, s.candidate), { value: s.candidate }),
    ],
  }));
  const slug = reviewAnchor(g).replace(/^review-/, '');
  return {
    id: `${reviewAnchor(g)}-settings`,
    caption: `${groupTitle(g)}: settings that differ`,
    columns: [
      { key: 'setting', label: 'Setting', numeric: false },
      { key: 'baseline', label: 'Baseline', numeric: false },
      { key: 'candidate', label: 'Candidate', numeric: false },
    ],
    rows,
    csv: paths.file(paths.review(), `${slug}-settings.csv`),
    empty: 'The files record the same settings on both sides.',
  };
}

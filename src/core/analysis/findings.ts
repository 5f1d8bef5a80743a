/**
 * Findings generated from one group's points, each within one series (one setup, output length and
 * load axis): never across setups, never between runs at the same load.
 */
import { formatRatio } from '../format.ts';
import { axisWords, change, formatSlo, instabilityWords, list, loadValueWords, loadWords, metricLabel, ms, plural, runName, tokS, unjudgedWords } from '../phrases.ts';
import type { Finding, GroupSlo, Point, Series } from '../types.ts';
import type { jitterRidges } from './jitter.ts';
import { seriesPoints } from './series.ts';
import { hasBoth, unstreamedSeries } from './streaming.ts';

/** What findings need of their group: its points by id and how each setup is named. */
export interface FindingContext {
  byId: ReadonlyMap<string, Point>;
  /** The label of a setup when the group has several (a prefix of each finding), else null. */
  setupLabel: (setup: string) => string | null;
}

const prefix = (context: FindingContext, setup: string) => {
  const label = context.setupLabel(setup);
  return label ? `${label}: ` : '';
};

/** The no-streaming finding: every measured series has p95 TTFT within 5% of p95 e2e. */
export function noStreamingFinding(series: readonly Series[], context: FindingContext): Finding | null {
  const measured = series.filter((s) => seriesPoints(s, context.byId).some(hasBoth));
  const unstreamed = unstreamedSeries(series, context.byId);
  if (measured.length === 0 || unstreamed.length !== measured.length) return null;
  const points = unstreamed.flatMap((s) => seriesPoints(s, context.byId).filter(hasBoth));
  const example = points[0]!;
  return {
    kind: 'no-streaming',
    text: `p95 time to first token is within 5% of p95 end-to-end latency in all ${plural(points.length, 'measured run')} `
      + `(${ms(example.latency.p95_ttft_ms)} against ${ms(example.latency.p95_e2e_ms)} at ${runName(example, 'prose')}): `
      + 'the client received nothing until the whole answer was ready, so these runs were not streamed.',
    points: points.map((p) => p.id),
  };
}

/** Throughput gained and p95 paid from the lowest to the highest stable load of one series. */
export function scalingFinding(series: Series | undefined, context: FindingContext): Finding | null {
  if (!series) return null;
  const runs = seriesPoints(series, context.byId).filter((p) => p.stable && p.reached_load && p.throughput_tok_s !== null && p.throughput_tok_s > 0);
  if (runs.length < 2) return null;
  const low = runs[0]!;
  const high = runs[runs.length - 1]!;
  if (low.load.value === high.load.value) return null;
  const tokens = series.max_new_tokens !== null ? ` at max_new_tokens ${series.max_new_tokens}` : '';
  let text = `${prefix(context, series.setup)}From ${loadWords(low.load)} to ${high.load.value}${series.axis === 'request_rate' ? ' req/s' : ''}${tokens}, throughput rises `
    + `${formatRatio(high.throughput_tok_s! / low.throughput_tok_s!)} (${tokS(low.throughput_tok_s)} → ${tokS(high.throughput_tok_s)})`;
  const a = low.latency.p95_e2e_ms;
  const b = high.latency.p95_e2e_ms;
  if (a !== undefined && b !== undefined && a > 0) text += ` while p95 latency goes from ${ms(a)} to ${ms(b)} (${change((b / a - 1) * 100)})`;
  return { kind: 'scaling', text: `${text}.`, points: [low.id, high.id] };
}

/** One finding per jitter ridge, naming the neighbours it stands above. */
export function jitterFindings(ridges: ReturnType<typeof jitterRidges>, series: readonly Series[], context: FindingContext): Finding[] {
  return ridges.map(({ ridge, before, after }) => {
    const own = series.find((s) => s.points.includes(ridge.id))!;
    const axis = own.axis;
    return {
      kind: 'jitter-ridge',
      text: `${prefix(context, ridge.setup)}p95 latency jumps to ${ms(ridge.latency.p95_e2e_ms)} at ${runName(ridge, 'prose')}, between `
        + `${ms(before.latency.p95_e2e_ms)} at ${loadValueWords(axis, before.load.value!)} and ${ms(after.latency.p95_e2e_ms)} at `
        + `${loadValueWords(axis, after.load.value!)}: a jitter ridge rather than a trend. Repeat this point before relying on it.`,
      points: [before.id, ridge.id, after.id],
    };
  });
}

/** One finding per run that did not finish cleanly (non-ok status or failed requests). */
export function instabilityFindings(points: readonly Point[], context: FindingContext): Finding[] {
  return points.filter((p) => !p.stable).map((p) => ({
    kind: 'instability',
    text: `${prefix(context, p.setup)}The run at ${runName(p, 'prose')} ${instabilityWords(p)}.`,
    points: [p.id],
  }));
}

/** One finding per run that completed fewer requests than its concurrency: it never reached that load. */
export function loadNotReachedFindings(points: readonly Point[], context: FindingContext): Finding[] {
  return points.filter((p) => !p.reached_load && p.load.axis === 'concurrency').map((p) => ({
    kind: 'load-not-reached',
    text: `${prefix(context, p.setup)}The load never reached ${loadWords(p.load)}: only ${plural(p.requests ?? 0, 'request')} completed`
      + `${p.n > 1 ? ` over ${plural(p.n, 'run')}` : ''}, fewer than were to be in flight at once. This run does not count toward the max stable ${axisWords('concurrency')}.`,
    points: [p.id],
  }));
}

/** When the data carries none of the SLO's metrics: the group cannot be judged, and says what it has. */
export function unjudgedFinding(slo: GroupSlo, points: readonly Point[]): Finding | null {
  if (slo.measured) return null;
  return {
    kind: 'slo-unjudged',
    text: `The SLO (${formatSlo(slo)}) is not judged: ${unjudgedWords(slo)}.`,
    points: points.slice(0, 1).map((p) => p.id),
  };
}

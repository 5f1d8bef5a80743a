import { formatInt, formatMs, formatPct, formatRatio, formatTokS } from '../format.ts';
import type { Finding, Point } from '../types.ts';
import type { Series } from './series.ts';
import { unstreamedSeries } from './streaming.ts';

/** How a point is named in prose: `16 × 512` (concurrency × max_new_tokens). */
export function pointLabel(point: Point): string {
  const x = point.concurrency !== null ? `concurrency ${point.concurrency}` : `${point.request_rate} req/s`;
  return point.max_new_tokens !== null ? `${x} × ${point.max_new_tokens} tokens` : x;
}

/** The no-streaming finding: every measured series has p95 TTFT within 5% of p95 e2e. */
export function noStreamingFinding(series: readonly Series[]): Finding | null {
  const measured = series.filter(({ points }) => points.some((p) => p.latency.p95_ttft_ms !== undefined && p.latency.p95_e2e_ms !== undefined));
  const unstreamed = unstreamedSeries(series);
  if (measured.length === 0 || unstreamed.length !== measured.length) return null;
  const points = unstreamed.flatMap((s) => s.points.filter((p) => p.latency.p95_ttft_ms !== undefined && p.latency.p95_e2e_ms !== undefined));
  const example = points[0]!;
  return {
    kind: 'no-streaming',
    text: `p95 time to first token is within 5% of p95 end-to-end latency in all ${points.length} measured runs `
      + `(${formatMs(example.latency.p95_ttft_ms)} ms against ${formatMs(example.latency.p95_e2e_ms)} ms at ${pointLabel(example)}): `
      + 'the client received nothing until the whole answer was ready, so these runs were not streamed.',
    points: points.map((p) => p.id),
  };
}

/** Throughput gained and p95 paid from the lowest to the highest stable concurrency of a series. */
export function scalingFinding(series: Series | undefined): Finding | null {
  if (!series) return null;
  const runs = series.points.filter((p) => p.stable && p.concurrency !== null && p.throughput_tok_s !== null && p.throughput_tok_s > 0);
  if (runs.length < 2) return null;
  const low = runs[0]!;
  const high = runs[runs.length - 1]!;
  const tokens = series.max_new_tokens !== null ? ` at max_new_tokens ${series.max_new_tokens}` : '';
  let text = `From concurrency ${formatInt(low.concurrency)} to ${formatInt(high.concurrency)}${tokens}, throughput rises `
    + `${formatRatio(high.throughput_tok_s! / low.throughput_tok_s!)} (${formatTokS(low.throughput_tok_s)} → ${formatTokS(high.throughput_tok_s)} tok/s)`;
  const a = low.latency.p95_e2e_ms;
  const b = high.latency.p95_e2e_ms;
  if (a !== undefined && b !== undefined && a > 0) {
    text += ` while p95 latency goes from ${formatMs(a)} ms to ${formatMs(b)} ms (${b >= a ? '+' : ''}${formatPct((b / a - 1) * 100)})`;
  }
  return { kind: 'scaling', text: `${text}.`, points: [low.id, high.id] };
}

/** One finding per jitter ridge, naming the neighbours it stands above. */
export function jitterFindings(ridges: readonly Point[], series: readonly Series[]): Finding[] {
  return ridges.map((ridge) => {
    const own = series.find((s) => s.points.includes(ridge))!;
    const runs = own.points.filter((p) => p.stable && p.concurrency !== null && p.latency.p95_e2e_ms !== undefined);
    const index = runs.indexOf(ridge);
    const before = runs[index - 1]!;
    const after = runs[index + 1]!;
    return {
      kind: 'jitter-ridge',
      text: `p95 latency jumps to ${formatMs(ridge.latency.p95_e2e_ms)} ms at ${pointLabel(ridge)}, between `
        + `${formatMs(before.latency.p95_e2e_ms)} ms at concurrency ${before.concurrency} and ${formatMs(after.latency.p95_e2e_ms)} ms at `
        + `concurrency ${after.concurrency}: a jitter ridge rather than a trend. Repeat this point before relying on it.`,
      points: [before.id, ridge.id, after.id],
    };
  });
}

const STATUS_TEXT: Readonly<Record<string, string>> = {
  oom: 'ran out of GPU memory (OOM)', error: 'ended in errors', timeout: 'timed out', ok: 'finished with failed requests',
};

/** One finding per run that did not finish cleanly (non-ok status or failed requests). */
export function instabilityFindings(points: readonly Point[]): Finding[] {
  return points.filter((p) => !p.stable).map((p) => {
    const failed = p.failed !== null && p.failed > 0
      ? ` (${p.failed} failed request${p.failed === 1 ? '' : 's'}${p.requests !== null ? `, ${p.requests} completed` : ''})`
      : '';
    return { kind: 'instability', text: `The run at ${pointLabel(p)} ${STATUS_TEXT[p.status]}${failed}.`, points: [p.id] };
  });
}

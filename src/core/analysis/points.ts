import { LATENCY_METRICS, type LatencyMetric, type Measurement, type Point, type ServerConfig, type Slo, type Source, type Status } from '../types.ts';

/** Median of a non-empty list of numbers (mean of the middle two for even lengths). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** (1 − latency / threshold) × 100, rounded to one decimal. */
export function headroomPct(latency: number, threshold: number): number {
  return Math.round((1 - latency / threshold) * 1000) / 10;
}

// Worse statuses win when repeats disagree: one OOM among three repeats makes the point unstable.
const SEVERITY: Readonly<Record<Status, number>> = { ok: 0, timeout: 1, error: 2, oom: 3 };

function serverKey(server: ServerConfig): string {
  return JSON.stringify(Object.entries(server).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The key under which repeats of one sweep point are merged. */
export function pointKey(m: Measurement): string {
  return `${m.concurrency ?? ''}|${m.request_rate ?? ''}|${m.max_new_tokens ?? ''}|${serverKey(m.server)}`;
}

function medianOf(values: (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => typeof v === 'number');
  return present.length ? median(present) : null;
}

function range(values: (number | null | undefined)[]): [number, number] | null {
  const present = values.filter((v): v is number => typeof v === 'number');
  if (present.length === 0) return null;
  // A loop, not Math.min(...list): spreading a million repeats overflows the call stack.
  let low = present[0]!;
  let high = low;
  for (const v of present) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return [low, high];
}

/** A measurement is stable when its status is ok and no request failed. */
export function isStable(m: { status: Status; failed: number | null }): boolean {
  return m.status === 'ok' && !(m.failed !== null && m.failed > 0);
}

function baseId(m: Measurement): string {
  const x = m.concurrency !== null ? `c${m.concurrency}` : `r${String(m.request_rate).replace('.', '_')}`;
  return `${x}-t${m.max_new_tokens ?? 'na'}`;
}

/** Orders points by concurrency (or rate), then max_new_tokens, then server config. */
export function comparePoints(a: Point, b: Point): number {
  return (a.concurrency ?? Infinity) - (b.concurrency ?? Infinity)
    || (a.request_rate ?? Infinity) - (b.request_rate ?? Infinity)
    || (a.max_new_tokens ?? Infinity) - (b.max_new_tokens ?? Infinity)
    || (serverKey(a.server) < serverKey(b.server) ? -1 : serverKey(a.server) > serverKey(b.server) ? 1 : 0);
}

/**
 * Merges the measurements of one GPU × workload into sweep points: repeats of the same point
 * become one point whose figures are medians, with n and the min–max spread kept.
 */
export function buildPoints(measurements: readonly Measurement[], slo: Slo): Point[] {
  const byKey = new Map<string, Measurement[]>();
  for (const m of measurements) {
    const key = pointKey(m);
    const list = byKey.get(key);
    if (list) list.push(m);
    else byKey.set(key, [m]);
  }
  const points: Point[] = [];
  for (const repeats of byKey.values()) {
    const first = repeats[0]!;
    // One pass over the repeats collects every metric they carry (points can hold thousands of repeats).
    const values = new Map<LatencyMetric, number[]>();
    for (const m of repeats) {
      for (const metric in m.latency) {
        const value = m.latency[metric as LatencyMetric]!;
        const list = values.get(metric as LatencyMetric);
        if (list) list.push(value);
        else values.set(metric as LatencyMetric, [value]);
      }
    }
    const latency: Partial<Record<LatencyMetric, number>> = {};
    for (const metric of LATENCY_METRICS) {
      const list = values.get(metric);
      if (list) latency[metric] = median(list);
    }
    const status = repeats.reduce<Status>((worst, m) => (SEVERITY[m.status] > SEVERITY[worst] ? m.status : worst), 'ok');
    const throughput = medianOf(repeats.map((m) => m.throughput_tok_s));
    const sloLatency = latency[slo.metric] ?? null;
    const failedValues = repeats.map((m) => m.failed).filter((v): v is number => v !== null);
    const requestValues = repeats.map((m) => m.requests).filter((v): v is number => v !== null);
    const stable = repeats.every(isStable);
    const sources: Source[] = repeats.map((m) => m.source);
    points.push({
      id: baseId(first),
      concurrency: first.concurrency,
      request_rate: first.request_rate,
      max_new_tokens: first.max_new_tokens,
      throughput_tok_s: throughput,
      latency,
      slo_latency_ms: sloLatency,
      headroom_pct: sloLatency === null ? null : headroomPct(sloLatency, slo.threshold_ms),
      requests: requestValues.length ? requestValues.reduce((a, b) => a + b, 0) : null,
      failed: failedValues.length ? failedValues.reduce((a, b) => a + b, 0) : null,
      status,
      stable,
      meets_slo: stable && sloLatency !== null && sloLatency <= slo.threshold_ms && throughput !== null && throughput > 0,
      server: first.server,
      n: repeats.length,
      spread: {
        throughput_tok_s: range(repeats.map((m) => m.throughput_tok_s)),
        slo_latency_ms: range(values.get(slo.metric) ?? []),
      },
      sources,
      on_frontier: false,
      jitter_ridge: false,
    });
  }
  points.sort(comparePoints);
  // Points that differ only in server config share a base id; number them in sorted order.
  const seen = new Map<string, number>();
  for (const point of points) {
    const count = (seen.get(point.id) ?? 0) + 1;
    seen.set(point.id, count);
    if (count > 1) point.id = `${point.id}-${count}`;
  }
  return points;
}

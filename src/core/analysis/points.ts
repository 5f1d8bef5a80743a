import { LATENCY_METRICS, type LatencyMetric, type Measurement, type Point, type ServerConfig, type Slo, type Source, type Status } from '../types.ts';

/** Median of a non-empty list of numbers (mean of the middle two for even lengths). */
export function median(values: ArrayLike<number>): number {
  // A typed array sorts numerically in native code: points may hold thousands of repeats.
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** (1 − latency / threshold) × 100, rounded to one decimal. */
export function headroomPct(latency: number, threshold: number): number {
  return Math.round((1 - latency / threshold) * 1000) / 10;
}

const METRIC_INDEX: Readonly<Record<string, number>> = Object.fromEntries(LATENCY_METRICS.map((metric, index) => [metric, index]));

// Worse statuses win when repeats disagree: one OOM among three repeats makes the point unstable.
const SEVERITY: Readonly<Record<Status, number>> = { ok: 0, timeout: 1, error: 2, oom: 3 };

const SERVER_KEYS = new WeakMap<ServerConfig, string>();

// Rows share server config objects (one empty one for most), so the key is computed once per object.
function serverKey(server: ServerConfig): string {
  let key = SERVER_KEYS.get(server);
  if (key === undefined) {
    key = JSON.stringify(Object.entries(server).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    SERVER_KEYS.set(server, key);
  }
  return key;
}

/** The key under which repeats of one sweep point are merged. */
export function pointKey(m: Measurement): string {
  return `${m.concurrency ?? ''}|${m.request_rate ?? ''}|${m.max_new_tokens ?? ''}|${serverKey(m.server)}`;
}

/** The values one field takes across repeats, missing ones left out. */
function present(repeats: readonly Measurement[], pick: (m: Measurement) => number | null | undefined): number[] {
  const values: number[] = [];
  for (const m of repeats) {
    const value = pick(m);
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}

function range(values: readonly number[]): [number, number] | null {
  if (values.length === 0) return null;
  // A loop, not Math.min(...list): spreading a million repeats overflows the call stack.
  let low = values[0]!;
  let high = low;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return [low, high];
}

function sum(values: readonly number[]): number | null {
  let total = 0;
  for (const v of values) total += v;
  return values.length ? total : null;
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
    // One pass over each repeat's own metrics (for-in visits only the keys it has), into lists by index.
    const byMetric: (number[] | undefined)[] = new Array(LATENCY_METRICS.length);
    for (const m of repeats) {
      for (const metric in m.latency) {
        const index = METRIC_INDEX[metric]!;
        const value = m.latency[metric as LatencyMetric]!;
        const list = byMetric[index];
        if (list) list.push(value);
        else byMetric[index] = [value];
      }
    }
    const latency: Partial<Record<LatencyMetric, number>> = {};
    LATENCY_METRICS.forEach((metric, index) => {
      const values = byMetric[index];
      if (values) latency[metric] = median(values);
    });
    const sloValues = byMetric[METRIC_INDEX[slo.metric]!] ?? [];
    let status: Status = 'ok';
    let stable = true;
    const sources: Source[] = new Array(repeats.length);
    for (let i = 0; i < repeats.length; i++) {
      const m = repeats[i]!;
      if (SEVERITY[m.status] > SEVERITY[status]) status = m.status;
      if (stable && !isStable(m)) stable = false;
      sources[i] = m.source;
    }
    const throughputs = present(repeats, (m) => m.throughput_tok_s);
    const throughput = throughputs.length ? median(throughputs) : null;
    const sloLatency = latency[slo.metric] ?? null;
    points.push({
      id: baseId(first),
      concurrency: first.concurrency,
      request_rate: first.request_rate,
      max_new_tokens: first.max_new_tokens,
      throughput_tok_s: throughput,
      latency,
      slo_latency_ms: sloLatency,
      headroom_pct: sloLatency === null ? null : headroomPct(sloLatency, slo.threshold_ms),
      requests: sum(present(repeats, (m) => m.requests)),
      failed: sum(present(repeats, (m) => m.failed)),
      status,
      stable,
      meets_slo: stable && sloLatency !== null && sloLatency <= slo.threshold_ms && throughput !== null && throughput > 0,
      server: first.server,
      n: repeats.length,
      spread: {
        throughput_tok_s: range(throughputs),
        slo_latency_ms: range(sloValues),
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

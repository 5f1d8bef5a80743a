import { emptyRow } from '../record.ts';
import { LATENCY_METRICS, type LatencyMetric, type Measurement, type MeasurementRow, type Point, type ServerConfig, type Slo, type Source, type Status } from '../types.ts';

// Medians work on a copy; one reused buffer instead of a typed array per call (each one is a
// separately allocated backing store, which costs more than the median itself).
let scratch = new Float64Array(1024);

/** Median of a non-empty list of numbers (mean of the middle two for even lengths). */
export function median(values: ArrayLike<number>): number {
  return medianOf(values, 0, values.length);
}

/** Median of values[start, end) (non-empty). */
function medianOf(values: ArrayLike<number>, start: number, end: number): number {
  const length = end - start;
  if (length > scratch.length) scratch = new Float64Array(Math.max(length, 2 * scratch.length));
  const copy = scratch;
  for (let i = 0; i < length; i++) copy[i] = values[start + i]!;
  const middle = length >> 1;
  if (length >= 16) {
    // Selection finds the middle in linear time; only which zero (-0 or 0) sits in the middle
    // can depend on the order it leaves, so a zero median is taken from the sorted list instead.
    const high = select(copy, length, middle);
    let low = high;
    if (length % 2 === 0) {
      low = copy[0]!;
      for (let i = 1; i < middle; i++) if (copy[i]! > low) low = copy[i]!;
    }
    if (high !== 0 && low !== 0) return length % 2 ? high : (low + high) / 2;
  }
  // A typed array sorts numerically in native code: points may hold thousands of repeats.
  const sorted = copy.subarray(0, length).sort();
  return length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The k-th smallest of the first `length` values (0-based), moving them so that none before k
 * is larger and none after it smaller (Hoare's selection, median-of-three pivots; a sort if
 * that degenerates).
 */
function select(a: Float64Array, length: number, k: number): number {
  let left = 0;
  let right = length - 1;
  let rounds = 2 * Math.ceil(Math.log2(length)) + 8;
  while (right > left) {
    if (--rounds < 0) {
      a.subarray(left, right + 1).sort();
      return a[k]!;
    }
    const x = a[left]!;
    const y = a[(left + right) >> 1]!;
    const z = a[right]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k]!;
  }
  return a[k]!;
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

function range(values: readonly number[]): [number, number] | null {
  if (values.length === 0) return null;
  // A loop, not Math.min(...list): spreading a million repeats overflows the call stack.
  let low = values[0]!;
  let high = low;
  // An index loop: for-of is several times slower until it is optimised, and this runs once per point.
  for (let i = 1; i < values.length; i++) {
    const v = values[i]!;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return [low, high];
}

/** A measurement is stable when its status is ok and no request failed. */
export function isStable(m: { status: Status; failed: number | null }): boolean {
  return m.status === 'ok' && !(m.failed !== null && m.failed > 0);
}

function baseId(m: { concurrency: number | null; request_rate: number | null; max_new_tokens: number | null }): string {
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
 * The repeats of one sweep point as they are read, folded in one at a time: what the point needs
 * of each (its figures in reading order, its source), not the measurement itself, so a million
 * rows need not stay in memory as a million objects until the points are built.
 */
interface PointRepeats {
  /** The point's labels, from its first repeat. */
  concurrency: number | null;
  request_rate: number | null;
  max_new_tokens: number | null;
  server: ServerConfig;
  sources: Source[];
  throughputs: number[];
  /** The latency values of each metric (by LATENCY_METRICS index), missing ones left out. */
  byMetric: (number[] | undefined)[];
  requests: number;
  requestCount: number;
  failed: number;
  failedCount: number;
  status: Status;
  stable: boolean;
}

type ByServer = Map<string, PointRepeats>;
type ByTokens = Map<number | null, ByServer>;
type ByRate = Map<number | null, ByTokens>;

/** Fills `row` with measurement `m` (its source object included) and returns it. */
export function toRow(m: Measurement, row: MeasurementRow): MeasurementRow {
  row.source = m.source;
  row.gpu = m.gpu;
  row.workload = m.workload;
  row.concurrency = m.concurrency;
  row.request_rate = m.request_rate;
  row.max_new_tokens = m.max_new_tokens;
  row.throughput_tok_s = m.throughput_tok_s;
  let count = 0;
  // for-in visits only the metrics a measurement has.
  for (const metric in m.latency) {
    const index = METRIC_INDEX[metric]!;
    row.latency[index] = m.latency[metric as LatencyMetric]!;
    row.metrics[count++] = index;
  }
  row.metricCount = count;
  row.requests = m.requests;
  row.failed = m.failed;
  row.status = m.status;
  row.server = m.server;
  return row;
}

/**
 * The points of one GPU × workload while its measurements are read. Repeats are keyed as
 * pointKey keys them (concurrency, request rate, max_new_tokens, server config), in nested maps
 * so that no key string is built per measurement.
 */
export class PointFold {
  private readonly byConcurrency = new Map<number | null, ByRate>();
  private readonly repeats: PointRepeats[] = [];
  private row: MeasurementRow | null = null;

  /** Folds in one validated measurement. */
  add(m: Measurement): void {
    this.addRow(toRow(m, (this.row ??= emptyRow())));
  }

  /** Folds in one validated measurement given as a row; the row may be reused afterwards. */
  addRow(row: MeasurementRow): void {
    let byRate = this.byConcurrency.get(row.concurrency);
    if (byRate === undefined) this.byConcurrency.set(row.concurrency, (byRate = new Map()));
    let byTokens = byRate.get(row.request_rate);
    if (byTokens === undefined) byRate.set(row.request_rate, (byTokens = new Map()));
    let byServer = byTokens.get(row.max_new_tokens);
    if (byServer === undefined) byTokens.set(row.max_new_tokens, (byServer = new Map()));
    const key = serverKey(row.server);
    let point = byServer.get(key);
    if (point === undefined) {
      point = {
        concurrency: row.concurrency, request_rate: row.request_rate, max_new_tokens: row.max_new_tokens, server: row.server,
        sources: [], throughputs: [], byMetric: new Array(LATENCY_METRICS.length),
        requests: 0, requestCount: 0, failed: 0, failedCount: 0, status: 'ok', stable: true,
      };
      byServer.set(key, point);
      this.repeats.push(point);
    }
    point.sources.push(row.source);
    if (row.throughput_tok_s !== null) point.throughputs.push(row.throughput_tok_s);
    const byMetric = point.byMetric;
    const { latency, metrics } = row;
    for (let j = 0; j < row.metricCount; j++) {
      const index = metrics[j]!;
      const value = latency[index]!;
      const list = byMetric[index];
      if (list) list.push(value);
      else byMetric[index] = [value];
    }
    if (row.requests !== null) {
      point.requests += row.requests;
      point.requestCount++;
    }
    if (row.failed !== null) {
      point.failed += row.failed;
      point.failedCount++;
    }
    if (SEVERITY[row.status] > SEVERITY[point.status]) point.status = row.status;
    if (point.stable && !isStable(row)) point.stable = false;
  }

  /** The sweep points, figures as medians over repeats, sorted and with unique ids. */
  points(slo: Slo): Point[] {
    const points: Point[] = [];
    for (const repeats of this.repeats) points.push(toPoint(repeats, slo));
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
}

function toPoint(repeats: PointRepeats, slo: Slo): Point {
  const { byMetric, throughputs } = repeats;
  const latency: Partial<Record<LatencyMetric, number>> = {};
  LATENCY_METRICS.forEach((metric, index) => {
    const values = byMetric[index];
    if (values) latency[metric] = median(values);
  });
  const sloValues = byMetric[METRIC_INDEX[slo.metric]!] ?? [];
  const throughput = throughputs.length ? median(throughputs) : null;
  const sloLatency = latency[slo.metric] ?? null;
  const { stable } = repeats;
  return {
    id: baseId(repeats),
    concurrency: repeats.concurrency,
    request_rate: repeats.request_rate,
    max_new_tokens: repeats.max_new_tokens,
    throughput_tok_s: throughput,
    latency,
    slo_latency_ms: sloLatency,
    headroom_pct: sloLatency === null ? null : headroomPct(sloLatency, slo.threshold_ms),
    requests: repeats.requestCount ? repeats.requests : null,
    failed: repeats.failedCount ? repeats.failed : null,
    status: repeats.status,
    stable,
    meets_slo: stable && sloLatency !== null && sloLatency <= slo.threshold_ms && throughput !== null && throughput > 0,
    server: repeats.server,
    n: repeats.sources.length,
    spread: {
      throughput_tok_s: range(throughputs),
      slo_latency_ms: range(sloValues),
    },
    sources: repeats.sources,
    on_frontier: false,
    jitter_ridge: false,
  };
}

/**
 * Merges the measurements of one GPU × workload into sweep points: repeats of the same point
 * become one point whose figures are medians, with n and the min–max spread kept.
 */
export function buildPoints(measurements: readonly Measurement[], slo: Slo): Point[] {
  const fold = new PointFold();
  for (const m of measurements) fold.add(m);
  return fold.points(slo);
}

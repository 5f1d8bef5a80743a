/**
 * Exact percentiles of a column of doubles without sorting it. A percentile needs two values of
 * the sorted column (numpy's linear method), and a run's digest asks for 101 of them: about two
 * hundred ranks of tens of thousands of values. Non-negative doubles order as their bit patterns
 * do, so a histogram over the high 32 bits (on a log-like scale, as latencies are spread) tells
 * which few buckets hold the ranks wanted; only those buckets' values are copied and sorted.
 * Two reading passes over the column and no scattering of it: a full sort of every column was
 * most of what reading per-request records cost beyond JSON.parse.
 */

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

// Below this many values, and for anything the histogram cannot order (a negative value, a
// big-endian machine), the values are copied and sorted whole.
const SMALL = 512;
// Values per histogram bucket, on average: few enough that the buckets picked stay small.
const PER_BUCKET = 8;

/** Scratch one reading of a folder reuses from column to column (one per thread). */
export class OrderScratch {
  counts = new Uint32Array(0);
  picked = new Uint8Array(0);
  values = new Float64Array(0);
}

/** What a column's percentiles are read from: its count, mean, and its sorted values at given ranks. */
export interface ColumnSummary {
  /** Values that are not NaN (NaN marks a request without one). */
  count: number;
  /** Their mean, summed in column order. */
  mean: number;
  /** numpy's default (linear) percentile, q in 0..100, for each q asked for. */
  percentiles: number[];
}

const grow = <T extends Float64Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(buffer: T, n: number, make: (n: number) => T): T =>
  buffer.length >= n ? buffer : make(Math.max(n, buffer.length * 2));

// The sorted ranks (lo and hi of each q) that the linear method reads, in the order of `qs`.
function ranksOf(count: number, qs: readonly number[]): { lo: number[]; hi: number[]; h: number[] } {
  const lo: number[] = [];
  const hi: number[] = [];
  const h: number[] = [];
  for (const q of qs) {
    const at = (count - 1) * (q / 100);
    const l = Math.floor(at);
    lo.push(l);
    hi.push(Math.min(l + 1, count - 1));
    h.push(at);
  }
  return { lo, hi, h };
}

function linear(sortedAt: (rank: number) => number, ranks: ReturnType<typeof ranksOf>): number[] {
  return ranks.lo.map((lo, k) => {
    const low = sortedAt(lo);
    return low + (ranks.h[k]! - lo) * (sortedAt(ranks.hi[k]!) - low);
  });
}

/**
 * Count, mean and the percentiles at `qs` of the values of `column` that are not NaN; null when
 * every value is NaN. A −0 in the column is made +0 (the column is otherwise left as it was).
 */
export function summariseColumn(column: Float64Array, qs: readonly number[], scratch: OrderScratch = new OrderScratch()): ColumnSummary | null {
  const n = column.length;
  let count = 0;
  let sum = 0;
  let orderable = LITTLE_ENDIAN;
  let low = 0xffffffff;
  let high = 0;
  const words = new Uint32Array(column.buffer, column.byteOffset, n * 2);
  for (let i = 0; i < n; i += 1) {
    const v = column[i]!;
    if (v !== v) continue;
    count += 1;
    sum += v;
    if (!(v >= 0)) {
      orderable = false;
      continue;
    }
    // −0 has its sign bit set: made +0 so the bits order as the numbers do.
    if (v === 0) column[i] = 0;
    const w = words[i * 2 + 1]!;
    if (w < low) low = w;
    if (w > high) high = w;
  }
  if (count === 0) return null;
  const mean = sum / count;
  const ranks = ranksOf(count, qs);
  if (!orderable || count < SMALL) {
    scratch.values = grow(scratch.values, count, (k) => new Float64Array(k));
    const sorted = scratch.values.subarray(0, count);
    let k = 0;
    for (let i = 0; i < n; i += 1) {
      const v = column[i]!;
      if (v === v) sorted[k++] = v + 0;
    }
    sorted.sort();
    return { count, mean, percentiles: linear((r) => sorted[r]!, ranks) };
  }
  // About PER_BUCKET values a bucket: the shift that brings the span of high words down to that many buckets.
  const span = high - low;
  const target = Math.max(1, Math.floor(count / PER_BUCKET));
  let shift = 0;
  while (span / 2 ** shift >= target) shift += 1;
  const buckets = Math.floor(span / 2 ** shift) + 1;
  scratch.counts = grow(scratch.counts, buckets, (k) => new Uint32Array(k));
  scratch.picked = grow(scratch.picked, buckets, (k) => new Uint8Array(k));
  const counts = scratch.counts.subarray(0, buckets);
  const picked = scratch.picked.subarray(0, buckets);
  counts.fill(0);
  picked.fill(0);
  for (let i = 0; i < n; i += 1) {
    const v = column[i]!;
    if (v === v) counts[(words[i * 2 + 1]! - low) >>> shift]! += 1;
  }
  // The ranks in ascending order, each mapped to its bucket; the buckets holding one are picked.
  const wanted = [...new Set([...ranks.lo, ...ranks.hi])].sort((a, b) => a - b);
  const bucketOf = new Map<number, { bucket: number; start: number }>();
  let bucket = 0;
  let start = 0;
  for (const rank of wanted) {
    while (start + counts[bucket]! <= rank) start += counts[bucket++]!;
    bucketOf.set(rank, { bucket, start });
    picked[bucket] = 1;
  }
  // Where each picked bucket's values begin among the picked values (which, sorted, are the picked buckets in order).
  const pickedStart = new Map<number, number>();
  let size = 0;
  for (let b = 0; b < buckets; b += 1) {
    if (picked[b] === 0) continue;
    pickedStart.set(b, size);
    size += counts[b]!;
  }
  scratch.values = grow(scratch.values, size, (k) => new Float64Array(k));
  const values = scratch.values.subarray(0, size);
  let k = 0;
  for (let i = 0; i < n; i += 1) {
    const v = column[i]!;
    if (v === v && picked[(words[i * 2 + 1]! - low) >>> shift] === 1) values[k++] = v;
  }
  values.sort();
  const sortedAt = (rank: number) => {
    const { bucket: b, start: s } = bucketOf.get(rank)!;
    return values[pickedStart.get(b)! + rank - s]!;
  };
  return { count, mean, percentiles: linear(sortedAt, ranks) };
}

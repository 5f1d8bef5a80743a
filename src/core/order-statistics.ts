/**
 * Exact percentiles of a column of doubles without sorting it. A percentile needs two values of
 * the sorted column (numpy's linear method), and a run's digest asks for 101 of them: about two
 * hundred ranks of tens of thousands of values. Non-negative doubles order as their bit patterns
 * do, so a histogram over the high 32 bits (on a log-like scale, as latencies are spread) tells
 * which few buckets hold the ranks wanted; only those buckets' values are copied, and each is
 * sorted on its own. Three reading passes over the column (its range, the histogram, the pick)
 * and no scattering of it: a full sort of every column was most of what reading per-request
 * records cost beyond JSON.parse. Zeros are counted apart: one zero among latencies would
 * otherwise stretch the buckets from its high word to theirs, a thousand octaves, and put most
 * values in one bucket.
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
  cursor = new Int32Array(0);
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

const grow = <T extends Float64Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(buffer: T, n: number, make: (n: number) => T): T =>
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
  let zeros = 0;
  let orderable = LITTLE_ENDIAN;
  let low = 0xffffffff;
  let high = 0;
  const words = new Uint32Array(column.buffer, column.byteOffset, n * 2);
  for (let i = 0; i < n; i += 1) {
    const v = column[i]!;
    if (v !== v) continue;
    count += 1;
    sum += v;
    if (v > 0) {
      const w = words[i * 2 + 1]!;
      if (w < low) low = w;
      if (w > high) high = w;
    } else if (v === 0) {
      // −0 has its sign bit set: made +0 (zeros are counted apart from the histogram).
      column[i] = 0;
      zeros += 1;
    } else {
      orderable = false;
    }
  }
  if (count === 0) return null;
  const mean = sum / count;
  const ranks = ranksOf(count, qs);
  // A positive value below 2⁻¹⁰⁴² has the high word of zero: the passes below could not tell it
  // from one, so such a column (never a latency) is sorted whole.
  if (!orderable || count < SMALL || low === 0) {
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
  // Zeros come first; the positive values are bucketed by their high word, counted from the
  // smallest one's (a zero among latencies must not stretch the buckets over a thousand octaves).
  // The passes read high words only: a zero's (0), below `low`, and a NaN's, above `high`, fall
  // outside the span as unsigned differences.
  const span = zeros < count ? high - low : 0;
  const target = Math.max(1, Math.floor((count - zeros) / PER_BUCKET));
  let shift = 0;
  while (span / 2 ** shift >= target) shift += 1;
  const buckets = Math.floor(span / 2 ** shift) + 1;
  scratch.counts = grow(scratch.counts, buckets, (k) => new Uint32Array(k));
  scratch.cursor = grow(scratch.cursor, buckets, (k) => new Int32Array(k));
  const counts = scratch.counts.subarray(0, buckets);
  const cursor = scratch.cursor.subarray(0, buckets);
  counts.fill(0);
  cursor.fill(-1);
  const end = n * 2;
  for (let i = 1; i < end; i += 2) {
    const d = (words[i]! - low) >>> 0;
    if (d <= span) counts[d >>> shift]! += 1;
  }
  // The ranks among the positive values, ascending and each once, each mapped to its bucket
  // (and where the bucket starts among the positive values); its bucket is picked.
  const wanted = Int32Array.from([...ranks.lo, ...ranks.hi]).sort();
  const rankAt: number[] = [];
  const bucketAt: number[] = [];
  const startAt: number[] = [];
  let bucket = 0;
  let start = 0;
  let size = 0;
  for (let j = 0; j < wanted.length; j += 1) {
    const rank = wanted[j]! - zeros;
    if (rank < 0 || rank === rankAt[rankAt.length - 1]) continue;
    while (start + counts[bucket]! <= rank) start += counts[bucket++]!;
    rankAt.push(rank);
    bucketAt.push(bucket);
    startAt.push(start);
    if (cursor[bucket] === -1) {
      cursor[bucket] = size;
      size += counts[bucket]!;
    }
  }
  // Where each picked bucket's values begin among the picked values, before the copy moves the cursors.
  const beginAt = bucketAt.map((b) => cursor[b]!);
  scratch.values = grow(scratch.values, size, (k) => new Float64Array(k));
  const values = scratch.values.subarray(0, size);
  for (let i = 1; i < end; i += 2) {
    const d = (words[i]! - low) >>> 0;
    if (d > span) continue;
    const b = d >>> shift;
    const at = cursor[b]!;
    if (at !== -1) {
      values[at] = column[i >>> 1]!;
      cursor[b] = at + 1;
    }
  }
  // Each picked bucket sorted on its own: many small sorts cost less than one of them all.
  for (let j = 0; j < bucketAt.length; j += 1) {
    if (j > 0 && bucketAt[j] === bucketAt[j - 1]) continue;
    sortRange(values, beginAt[j]!, beginAt[j]! + counts[bucketAt[j]!]!);
  }
  const valueOf = new Map<number, number>();
  for (let j = 0; j < rankAt.length; j += 1) valueOf.set(rankAt[j]! + zeros, values[beginAt[j]! + rankAt[j]! - startAt[j]!]!);
  return { count, mean, percentiles: linear((rank) => (rank < zeros ? 0 : valueOf.get(rank)!), ranks) };
}

// Below this many values a bucket is sorted in place by insertion: cheaper than a subarray and its sort.
const INSERTION = 24;

function sortRange(values: Float64Array, from: number, to: number): void {
  if (to - from > INSERTION) {
    values.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i += 1) {
    const v = values[i]!;
    let k = i - 1;
    while (k >= from && values[k]! > v) {
      values[k + 1] = values[k]!;
      k -= 1;
    }
    values[k + 1] = v;
  }
}

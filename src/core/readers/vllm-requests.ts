/**
 * The per-request arrays of a vLLM serving result (`--save-detailed`, and always in the old
 * `benchmark_serving.py`): `ttfts` (s), `itls` (a list of gaps per request, s), `errors` ("" on
 * success), `output_lens`, and `e2els` or `latencies` (s) where the version writes them; without
 * them a request's e2e is its TTFT plus the sum of its gaps, as vLLM's own `latency` is.
 */
import { RequestLog } from '../requests.ts';
import type { Json, JsonObject, KeyLocator } from './json-text.ts';
import type { ReaderContext } from './reader.ts';
import { requestNumber, requestNumbers } from './request-values.ts';

/** Whether a run object carries vLLM's per-request arrays. */
export function hasVllmRecords(run: JsonObject): boolean {
  return Array.isArray(run.ttfts) && run.ttfts.length > 0;
}

/** How a tool marks a failed request beside its `errors` entry. */
export interface RequestArrayOptions {
  /**
   * SGLang writes no success flag: a failed request has output_lens 0 (and often an empty error
   * text when the server gave no reason), so a request with no output token counts as failed.
   */
  zeroOutputFails?: boolean;
}

/** The run's requests as a log, or null when the arrays are unusable (each problem reported). */
export function vllmRequestLog(run: JsonObject, locator: KeyLocator, context: ReaderContext, options: RequestArrayOptions = {}): RequestLog | null {
  const report = (at: { line: number; column: number }, message: string) => context.issues.add(at.line, at.column, message);
  const ttfts = run.ttfts as Json[];
  const n = ttfts.length;
  const list = (key: string): Json[] | null => {
    const value = run[key];
    if (value === undefined || value === null) return null;
    if (!Array.isArray(value) || value.length !== n) {
      const at = locator.key(key);
      report(at, `${key} expects a list of ${n} per-request values (one per entry of ttfts) but found ${Array.isArray(value) ? `${value.length}` : JSON.stringify(value).slice(0, 40)}`);
      return null;
    }
    return value;
  };
  const before = context.issues.count;
  const itls = list('itls');
  const errors = list('errors');
  const outputs = list('output_lens');
  const e2es = list('e2els') ?? list('latencies');
  const e2eKey = run.e2els !== undefined ? 'e2els' : 'latencies';
  if (context.issues.count > before) return null;
  const log = new RequestLog(n, context.buffers);
  // The common case is checked inline (a number ≥ 0); only a bad value goes through the reporting path.
  const good = (v: Json | undefined): v is number => typeof v === 'number' && v >= 0 && v !== Infinity;
  const gapColumn = log.gaps;
  // Room for every gap at once: the walk below writes them straight into the column's array.
  if (itls) {
    let gaps = 0;
    for (let i = 0; i < n; i += 1) {
      const list = itls[i];
      if (Array.isArray(list)) gaps += list.length;
    }
    gapColumn.reserve(gaps);
  }
  for (let i = 0; i < n; i += 1) {
    const error = errors?.[i];
    // vLLM writes "" for a request that succeeded and the exception text for one that failed.
    const ok = (error === undefined || error === null || error === '') && !(options.zeroOutputFails && outputs?.[i] === 0);
    if (!ok) {
      log.addFailed();
      continue;
    }
    const rawTtft = ttfts[i];
    const ttft = good(rawTtft) ? rawTtft * 1000 : requestNumber(rawTtft, 1000, `ttfts[${i}]`, 'seconds', () => locator.key('ttfts'), report);
    let gapsGiven = false;
    let maxGap = NaN;
    let gapSum = 0;
    const rawGaps = itls?.[i];
    if (Array.isArray(rawGaps)) {
      // One walk over the gaps: checked, summed (in seconds, as vLLM sums them) and written in ms
      // past the column's length, which moves only once every gap was good; a bad one leaves
      // it where it was and goes through the reporting path below.
      const mark = gapColumn.length;
      const into = gapColumn.values;
      const count = rawGaps.length;
      let max = count ? -Infinity : NaN;
      let g = 0;
      for (; g < count; g += 1) {
        const v = rawGaps[g];
        if (!good(v)) break;
        gapSum += v;
        const ms = v * 1000;
        into[mark + g] = ms;
        if (ms > max) max = ms;
      }
      if (g === count) {
        gapColumn.length = mark + count;
        gapsGiven = true;
        maxGap = max;
        gapSum *= 1000;
      } else {
        gapSum = 0;
      }
    }
    if (!gapsGiven && itls) {
      const gaps = requestNumbers(rawGaps, 1000, `itls[${i}]`, 'seconds', () => locator.key('itls'), report);
      if (gaps) {
        gapsGiven = true;
        maxGap = log.pushGaps(gaps);
        gapSum = gaps.reduce((a, v) => a + v, 0);
      }
    }
    const rawE2e = e2es?.[i];
    let e2e = rawE2e === undefined ? null : good(rawE2e) ? rawE2e * 1000 : requestNumber(rawE2e, 1000, `${e2eKey}[${i}]`, 'seconds', () => locator.key(e2eKey), report);
    if (e2e === null && ttft !== null && gapsGiven) e2e = ttft + gapSum;
    const rawOut = outputs?.[i];
    const out = rawOut === undefined ? null : good(rawOut) ? rawOut : requestNumber(rawOut, 1, `output_lens[${i}]`, 'tokens', () => locator.key('output_lens'), report);
    log.addSucceeded(ttft ?? NaN, e2e ?? NaN, out ?? NaN, maxGap, gapsGiven);
  }
  return context.issues.count > before ? null : log;
}

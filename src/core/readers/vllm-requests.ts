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

/** The run's requests as a log, or null when the arrays are unusable (each problem reported). */
export function vllmRequestLog(run: JsonObject, locator: KeyLocator, context: ReaderContext): RequestLog | null {
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
  const log = new RequestLog();
  for (let i = 0; i < n; i += 1) {
    const error = errors?.[i];
    // vLLM writes "" for a request that succeeded and the exception text for one that failed.
    const ok = error === undefined || error === null || error === '';
    if (!ok) {
      log.add({ ok: false, ttft_ms: null, e2e_ms: null, output_tokens: null });
      continue;
    }
    const ttft = requestNumber(ttfts[i], 1000, `ttfts[${i}]`, 'seconds', () => locator.key('ttfts'), report);
    const gaps = itls ? requestNumbers(itls[i], 1000, `itls[${i}]`, 'seconds', () => locator.key('itls'), report) : null;
    let e2e = e2es ? requestNumber(e2es[i], 1000, `${e2eKey}[${i}]`, 'seconds', () => locator.key(e2eKey), report) : null;
    if (e2e === null && ttft !== null && gaps !== null) e2e = gaps.reduce((a, g) => a + g, ttft);
    const out = outputs ? requestNumber(outputs[i], 1, `output_lens[${i}]`, 'tokens', () => locator.key('output_lens'), report) : null;
    log.add({ ok: true, ttft_ms: ttft, e2e_ms: e2e, output_tokens: out, gaps });
  }
  return context.issues.count > before ? null : log;
}

/**
 * The request lists of a GuideLLM benchmark (`requests.successful`, `errored`, `incomplete`):
 * `time_to_first_token_ms` (ms), `request_latency` (s), `output_tokens`. The lists keep warm-up
 * and cool-down requests too; GuideLLM's own metrics count those that ended after the
 * benchmark's `start_time` and started before its `end_time` (`get_within_range`), and so do we.
 * When the requests in that window are not the counts of `request_totals`, the lists are a
 * sample and no attainment is read from them.
 */
import { RequestLog } from '../requests.ts';
import { isObject, numberOf, type Json, type JsonObject, type KeyLocator } from './json-text.ts';
import type { ReaderContext } from './reader.ts';
import { requestNumber } from './request-values.ts';

const LISTS = ['successful', 'errored', 'incomplete'] as const;

/** Whether a benchmark carries request lists of objects. */
export function hasGuidellmRecords(benchmark: JsonObject): boolean {
  const requests = benchmark.requests;
  return isObject(requests) && LISTS.some((k) => Array.isArray(requests[k]) && (requests[k] as Json[]).some(isObject));
}

function inWindow(record: JsonObject, start: number | null, end: number | null): boolean {
  const begun = numberOf(record.request_start_time) ?? numberOf(record.start_time);
  const ended = numberOf(record.request_end_time) ?? numberOf(record.end_time);
  if (start !== null && ended !== null && ended < start) return false;
  if (end !== null && (begun ?? ended) !== null && (begun ?? ended)! > end) return false;
  return true;
}

/** The benchmark's requests as a log, or null (with the reason recorded) when they are a sample. */
export function guidellmRequestLog(benchmark: JsonObject, totals: JsonObject, locator: KeyLocator, context: ReaderContext): RequestLog | null {
  const requests = benchmark.requests as JsonObject;
  const start = numberOf(benchmark.start_time);
  const end = numberOf(benchmark.end_time);
  const report = (at: { line: number; column: number }, message: string) => context.issues.add(at.line, at.column, message);
  const log = new RequestLog(undefined, context.buffers);
  const counts: Record<string, number> = {};
  for (const list of LISTS) {
    const records = Array.isArray(requests[list]) ? (requests[list] as Json[]) : [];
    counts[list] = 0;
    for (const record of records) {
      if (!isObject(record) || !inWindow(record, start, end)) continue;
      counts[list] += 1;
      if (list !== 'successful') {
        log.add({ ok: false, ttft_ms: null, e2e_ms: null, output_tokens: null });
        continue;
      }
      const at = () => locator.key('requests', 'successful');
      log.add({
        ok: true,
        ttft_ms: requestNumber(record.time_to_first_token_ms, 1, 'time_to_first_token_ms', 'milliseconds', at, report),
        e2e_ms: requestNumber(record.request_latency, 1000, 'request_latency', 'seconds', at, report),
        output_tokens: requestNumber(record.output_tokens, 1, 'output_tokens', 'tokens', at, report),
      });
    }
  }
  const sampled = LISTS.find((list) => {
    const total = numberOf(totals[list]);
    return total !== null && total !== counts[list];
  });
  if (sampled) {
    const at = locator.key('requests');
    context.rejected.push({
      file: context.file, ...at,
      message: `request lists are a sample (${counts[sampled]} ${sampled} requests in the benchmark's window, request_totals says ${numberOf(totals[sampled])}): no attainment is read from them`,
    });
    return null;
  }
  return log;
}

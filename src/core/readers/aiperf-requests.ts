/**
 * AIPerf's per-request `profile_export.jsonl`: one line per request, `metadata` (the phase in
 * `benchmark_phase`, or `credit_phase` before it; `was_cancelled`), `metrics` (each
 * `{value, unit}`: `time_to_first_token` or 0.1.1's `ttft`, `request_latency`,
 * `output_token_count`, `inter_chunk_latency` as a list of gaps) and `error` on a failed request.
 * Warm-up lines are left out, as AIPerf's own summary leaves them; a cancelled request is incomplete.
 */
import { RequestLog } from '../requests.ts';
import { msPerUnit } from './aiperf-metrics.ts';
import { isObject, jsonLines, KeyLocator, type Json, type JsonObject } from './json-text.ts';
import type { ReaderContext } from './reader.ts';
import { requestNumber, requestNumbers } from './request-values.ts';

/** The summary AIPerf writes beside a profile_export.jsonl, if the folder has it. */
export function aiperfSummaryFor(file: string, files: readonly string[]): string | null {
  const slash = file.lastIndexOf('/');
  const prefix = slash === -1 ? '' : file.slice(0, slash + 1);
  return files.find((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/') && /^profile_export_aiperf\.json$/i.test(f.slice(prefix.length))) ?? null;
}

/** The requests of a profile_export.jsonl as a log; syntax and value problems are reported at their line. */
export function aiperfRequestLog(text: string, context: ReaderContext): RequestLog {
  const log = new RequestLog(undefined, context.buffers);
  const report = (at: { line: number; column: number }, message: string) => context.issues.add(at.line, at.column, message);
  for (const line of jsonLines(text)) {
    let record: Json;
    try {
      record = JSON.parse(line.text) as Json;
    } catch {
      report({ line: line.line, column: 1 }, 'expects one JSON object per line (AIPerf profile_export.jsonl) but found a syntax error');
      continue;
    }
    if (!isObject(record)) {
      report({ line: line.line, column: 1 }, 'expects one JSON object per line (AIPerf profile_export.jsonl)');
      continue;
    }
    const metadata = isObject(record.metadata) ? record.metadata : {};
    const phase = metadata.benchmark_phase ?? metadata.credit_phase;
    if (typeof phase === 'string' && phase !== 'profiling') continue;
    const failed = (record.error !== null && record.error !== undefined) || metadata.was_cancelled === true;
    if (failed) {
      log.add({ ok: false, ttft_ms: null, e2e_ms: null, output_tokens: null });
      continue;
    }
    const metrics = isObject(record.metrics) ? record.metrics : {};
    const locator = new KeyLocator(text, line.start, line.end);
    const value = (tag: string, fallback?: string): { raw: Json | undefined; unit: string | null; tag: string } => {
      const found = [tag, fallback].find((t): t is string => t !== undefined && isObject(metrics[t]));
      const metric = found ? (metrics[found] as JsonObject) : null;
      return { raw: metric?.value, unit: typeof metric?.unit === 'string' ? metric.unit : null, tag: found ?? tag };
    };
    const ms = (tag: string, fallback?: string) => {
      const v = value(tag, fallback);
      const scale = msPerUnit(v.unit ?? 'ms') ?? 1;
      return { ...v, scale };
    };
    const ttft = ms('time_to_first_token', 'ttft');
    const e2e = ms('request_latency');
    const gaps = ms('inter_chunk_latency');
    const out = value('output_token_count', 'output_sequence_length');
    log.add({
      ok: true,
      ttft_ms: requestNumber(ttft.raw, ttft.scale, ttft.tag, 'milliseconds', () => locator.key('metrics', ttft.tag), report),
      e2e_ms: requestNumber(e2e.raw, e2e.scale, e2e.tag, 'milliseconds', () => locator.key('metrics', e2e.tag), report),
      output_tokens: requestNumber(out.raw, 1, out.tag, 'tokens', () => locator.key('metrics', out.tag), report),
      gaps: requestNumbers(gaps.raw, gaps.scale, gaps.tag, 'milliseconds', () => locator.key('metrics', gaps.tag), report),
    });
  }
  return log;
}

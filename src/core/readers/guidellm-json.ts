import type { LatencyMetric, Measurement } from '../types.ts';
import { buildRecord, EntryList, labelHintFor } from './json-record.ts';
import {
  arrayElementOffsets, arrayOfKey, isObject, KeyLocator, looksLikeJson, parseToolJson,
  type Json, type JsonObject,
} from './json-text.ts';
import type { Reader, ReaderContext } from './reader.ts';

/**
 * GuideLLM `benchmarks.json` (guidellm benchmark --output-path): one measurement per entry of
 * `benchmarks`, from the `successful` side of each metric's status breakdown. Units as GuideLLM
 * writes them: request_latency in seconds, the `_ms` metrics in milliseconds. See METRICS.md.
 */

const TOOL = 'guidellm';

// GuideLLM metric → our statistic prefix; GuideLLM's `inter_token_latency_ms` is, per request,
// (latency − TTFT) / (output tokens − 1): vLLM's TPOT definition, so it fills *_tpot_ms.
// `time_per_output_token_ms` is latency / output tokens (first token included): no field of ours.
const LATENCIES: readonly { metric: string; into: 'e2e' | 'ttft' | 'tpot'; scale: number }[] = [
  { metric: 'request_latency', into: 'e2e', scale: 1000 },
  { metric: 'time_to_first_token_ms', into: 'ttft', scale: 1 },
  { metric: 'inter_token_latency_ms', into: 'tpot', scale: 1 },
];
const STATS: readonly { from: string; to: string }[] = [
  { from: 'mean', to: 'mean' }, { from: 'median', to: 'p50' },
  { from: 'p90', to: 'p90' }, { from: 'p95', to: 'p95' }, { from: 'p99', to: 'p99' },
];

function successful(metrics: JsonObject, name: string): JsonObject | null {
  const metric = metrics[name];
  if (!isObject(metric)) return null;
  const side = metric.successful;
  return isObject(side) ? side : null;
}

function stat(summary: JsonObject, name: string): Json | undefined {
  if (name === 'mean' || name === 'median') return summary[name];
  const percentiles = summary.percentiles;
  return isObject(percentiles) ? percentiles[name] : undefined;
}

/** The output length a benchmark asked for: synthetic data's `output_tokens`, else a request's max_tokens. */
export function guidellmOutputLength(root: JsonObject, benchmark: JsonObject): { value: Json; key: string } | null {
  const args = isObject(root.args) ? root.args : isObject(benchmark.args) ? benchmark.args : {};
  const data = Array.isArray(args.data) ? args.data : [args.data];
  for (const item of data) {
    const text = typeof item === 'string' ? item : isObject(item) ? JSON.stringify(item) : '';
    const match = /"?output_tokens"?\s*[=:]\s*(\d+)/.exec(text);
    if (match) return { value: Number(match[1]), key: 'output_tokens' };
  }
  // Real (file) data: each request carries its max_tokens; the first one is read, not the list.
  const requests = benchmark.requests;
  const first = isObject(requests) && Array.isArray(requests.successful) ? requests.successful[0] : undefined;
  if (isObject(first) && typeof first.request_args === 'string') {
    const match = /"max(?:_completion)?_tokens"\s*:\s*(\d+)/.exec(first.request_args);
    if (match) return { value: Number(match[1]), key: 'request_args' };
  }
  return null;
}

/** Reads one benchmark of a GuideLLM report. */
function readBenchmark(root: JsonObject, benchmark: JsonObject, locator: KeyLocator, context: ReaderContext): Measurement | null {
  const list = new EntryList();
  const at = (...path: string[]) => () => locator.key(...path);
  const config = isObject(benchmark.config) ? benchmark.config : isObject(benchmark.args) ? benchmark.args : {};
  const strategy = isObject(config.strategy) ? config.strategy : {};
  const type = typeof strategy.type_ === 'string' ? strategy.type_ : typeof strategy.type === 'string' ? strategy.type : '';
  const where = () => locator.record();
  switch (type) {
    case 'synchronous':
      list.set('concurrency', 1, at('strategy'), 1, 'strategy synchronous');
      break;
    case 'concurrent':
      list.set('concurrency', strategy.streams ?? strategy.max_concurrency, at('strategy', 'streams'), 1, 'strategy.streams');
      break;
    case 'constant': case 'poisson': case 'async':
      list.set('request_rate', strategy.rate, at('strategy', 'rate'), 1, 'strategy.rate');
      if (strategy.max_concurrency !== null && strategy.max_concurrency !== undefined) {
        list.set('concurrency', strategy.max_concurrency, at('strategy', 'max_concurrency'), 1, 'strategy.max_concurrency');
      }
      break;
    case 'throughput':
      if (strategy.max_concurrency !== null && strategy.max_concurrency !== undefined) {
        list.set('concurrency', strategy.max_concurrency, at('strategy', 'max_concurrency'), 1, 'strategy.max_concurrency');
      } else {
        list.set('request_rate', 'inf', at('strategy', 'type_'), 1, 'strategy throughput');
      }
      break;
    default: {
      const position = locator.key('strategy');
      context.issues.add(position.line, position.column,
        `expects config.strategy.type_ to be synchronous, concurrent, constant, poisson or throughput but found ${JSON.stringify(strategy.type_ ?? null)}`);
      return null;
    }
  }

  const metrics = isObject(benchmark.metrics) ? benchmark.metrics : null;
  if (!metrics) {
    const position = where();
    context.issues.add(position.line, position.column, 'expects a "metrics" object in each GuideLLM benchmark but found none');
    return null;
  }
  const totals = isObject(metrics.request_totals) ? metrics.request_totals : {};
  list.set('requests', totals.successful, at('metrics', 'request_totals', 'successful'), 1, 'request_totals.successful');
  list.set('failed', totals.errored, at('metrics', 'request_totals', 'errored'), 1, 'request_totals.errored');
  const model = isObject(root.args) && typeof root.args.model === 'string' ? root.args.model : null;
  list.set('model', model, at('model'), 1, 'args.model');
  const length = guidellmOutputLength(root, benchmark);
  if (length) list.set('max_new_tokens', length.value, at(length.key), 1, length.key);

  if (totals.successful === 0) {
    list.set('status', 'error', at('metrics', 'request_totals'), 1, 'request_totals');
  } else {
    const throughput = successful(metrics, 'output_tokens_per_second');
    if (!throughput || typeof throughput.mean !== 'number') {
      const position = locator.key('metrics');
      context.issues.add(position.line, position.column,
        'expects metrics.output_tokens_per_second.successful.mean (GuideLLM\'s output tokens/s) but found none');
      return null;
    }
    list.set('throughput_tok_s', throughput.mean, at('metrics', 'output_tokens_per_second'), 1, 'output_tokens_per_second.successful.mean');
    for (const { metric, into, scale } of LATENCIES) {
      const summary = successful(metrics, metric);
      if (!summary) continue;
      for (const { from, to } of STATS) {
        const field = `${to}_${into}_ms` as LatencyMetric;
        list.set(field, stat(summary, from), at('metrics', metric), scale, `${metric}.successful.${from}`);
      }
    }
  }
  return buildRecord(list, context, {
    tool: TOOL,
    where,
    labelHint: labelHintFor(context.file),
    rejectPrefix: totals.successful === 0 ? 'no request succeeded (status error); ' : '',
    unboundedHint: 'the throughput strategy sends requests as fast as the server takes them and sets no max_concurrency: '
      + 'the run has neither a concurrency nor a request rate to place it on a sweep; it is left out',
  });
}

/** Reads every benchmark of a GuideLLM benchmarks.json. */
export function readGuidellmJson(text: string, context: ReaderContext): Measurement[] {
  const root = parseToolJson(text, context.issues);
  if (root === undefined) return [];
  if (!isObject(root) || !Array.isArray(root.benchmarks)) {
    context.issues.add(1, 1, 'expects a GuideLLM report: an object with a "benchmarks" list');
    return [];
  }
  const offsets = arrayElementOffsets(text, arrayOfKey(text, 'benchmarks'));
  const measurements: Measurement[] = [];
  root.benchmarks.forEach((benchmark, index) => {
    const locator = new KeyLocator(text, offsets[index] ?? 0, offsets[index + 1] ?? text.length);
    if (!isObject(benchmark)) {
      const where = locator.record();
      context.issues.add(where.line, where.column, 'expects each entry of "benchmarks" to be an object');
      return;
    }
    const measurement = readBenchmark(root, benchmark, locator, context);
    if (measurement) measurements.push(measurement);
  });
  if (root.benchmarks.length === 0) context.issues.add(1, 1, 'expects at least one benchmark in "benchmarks" but the list is empty');
  return measurements;
}

/** GuideLLM's JSON report: `guidellm_version` in its metadata, or generative benchmarks in a list. */
export const guidellmJsonReader: Reader = {
  name: 'guidellm',
  detect: (file, head) => /\.json$/i.test(file) && looksLikeJson(head)
    && (/"guidellm_version"\s*:/.test(head) || (/"benchmarks"\s*:/.test(head) && /"generative_benchmark"/.test(head))),
  read: readGuidellmJson,
};

import type { LatencyMetric, Measurement } from '../types.ts';
import { notABenchmark } from './hints.ts';
import {
  arrayElementOffsets, arrayOfRootKey, isObject, KeyLocator, parseDocument, scalarOf,
  type Json, type JsonObject,
} from './json-text.ts';
import { attachRecords, attainmentSlos, digest } from '../requests.ts';
import { guidellmRequestLog, hasGuidellmRecords } from './guidellm-requests.ts';
import { buildRun, Draft, type Reader, type ReaderContext } from './reader.ts';

/**
 * GuideLLM `benchmarks.json` (guidellm benchmark --output-path): one measurement per entry of
 * `benchmarks`, from the `successful` side of each metric's status breakdown. Three layouts
 * (see METRICS.md): v0.2–0.3 keep each benchmark's strategy in `args.strategy`; v0.4–0.6 in
 * `config.strategy` with the run's arguments in a top-level `args`; v0.7 replaces `args` with
 * `config.spec`. Units as GuideLLM writes them: request_latency in seconds, `_ms` metrics in ms.
 */

const TOOL = 'guidellm';

// GuideLLM metric → our statistic prefix; GuideLLM's `inter_token_latency_ms` is, per request,
// (last token − first token) / (output tokens − 1): vLLM's TPOT definition, so it fills *_tpot_ms.
// `time_per_output_token_ms` includes the first token (v0.4+): no field of ours.
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

/** What the run was asked to do, wherever its layout keeps it. */
interface RunArgs {
  model: Json | undefined;
  /** The backend kind (`openai_http`), and the request format it spoke (`/v1/completions`). */
  backend: Json | undefined;
  requestFormat: Json | undefined;
  /** The data arguments, as text (`prompt_tokens=256,output_tokens=128`, a file path, a JSON object). */
  data: string[];
  /** Where the arguments sit, for messages. */
  path: string[];
}

const asText = (item: Json | undefined): string => (typeof item === 'string' ? item : isObject(item) || Array.isArray(item) ? JSON.stringify(item) : '');

/** The run's arguments: v0.7 `config.spec`, v0.4–0.6 top-level `args`, v0.2–0.3 each benchmark's `worker` and `request_loader`. */
function runArgs(root: JsonObject, benchmark: JsonObject): RunArgs {
  const spec = isObject(root.config) && isObject(root.config.spec) ? root.config.spec : null;
  if (spec) {
    const backend = isObject(spec.backend) ? spec.backend : {};
    const data = Array.isArray(spec.data) ? spec.data.map(asText) : [asText(spec.data)];
    return { model: backend.model, backend: backend.kind, requestFormat: backend.request_format, data, path: ['config', 'spec'] };
  }
  if (isObject(root.args)) {
    const args = root.args;
    const data = Array.isArray(args.data) ? args.data.map(asText) : [asText(args.data)];
    const config = isObject(benchmark.config) && isObject(benchmark.config.backend) ? benchmark.config.backend : {};
    return { model: args.model ?? config.model, backend: typeof args.backend === 'string' ? args.backend : undefined, requestFormat: args.request_format, data, path: ['args'] };
  }
  const worker = isObject(benchmark.worker) ? benchmark.worker : {};
  const loader = isObject(benchmark.request_loader) ? benchmark.request_loader : {};
  return { model: worker.backend_model === 'None' ? undefined : worker.backend_model, backend: worker.backend_type, requestFormat: undefined, data: [asText(loader.data)], path: ['worker'] };
}

/** A number written in synthetic data arguments: `prompt_tokens=256` or `"prompt_tokens": 256`. */
function dataNumber(data: readonly string[], name: string): number | null {
  const pattern = new RegExp(`(?:^|[^a-z_])${name}"?\\s*[=:]\\s*(\\d+)`);
  for (const text of data) {
    const match = pattern.exec(text);
    if (match) return Number(match[1]);
  }
  return null;
}

/** The dataset a benchmark read, when it is a file or a named dataset rather than synthetic prompts. */
function datasetOf(data: readonly string[]): string | null {
  const first = (data[0] ?? '').trim();
  if (first === '' || /prompt_tokens|output_tokens|^\{|^\[/.test(first)) return null;
  // A path names a file of this machine; its base name is the dataset.
  return /[/\\]/.test(first) && /^(?:\.{0,2}[/\\]|[A-Za-z]:)/.test(first) ? first.replace(/^.*[/\\]/, '') : first;
}

/** The output length a benchmark asked for: synthetic data's `output_tokens`, else a request's max_tokens. */
function guidellmOutputLength(args: RunArgs, benchmark: JsonObject): { value: Json; key: string } | null {
  const synthetic = dataNumber(args.data, 'output_tokens');
  if (synthetic !== null) return { value: synthetic, key: 'output_tokens' };
  // Real (file) data: each request carries its max_tokens; the first one is read, not the list.
  const requests = benchmark.requests;
  const first = isObject(requests) && Array.isArray(requests.successful) ? requests.successful[0] : undefined;
  if (isObject(first) && typeof first.request_args === 'string') {
    const match = /"max(?:_completion)?_tokens"\s*:\s*(\d+)/.exec(first.request_args);
    if (match) return { value: Number(match[1]), key: 'request_args' };
  }
  return null;
}

/**
 * The load of a benchmark from its strategy. A strategy's `max_concurrency` is not read: GuideLLM
 * overwrites it with the resolved cap (512 by default, 1 for synchronous), which would give the
 * steps of one sweep different setups. The throughput strategy sends every request at once up to
 * that cap: an unbounded load, the sweep's ceiling point.
 */
function draftLoad(draft: Draft, strategy: JsonObject, at: (...path: string[]) => () => { line: number; column: number }, context: ReaderContext, locator: KeyLocator): boolean | 'trace' {
  const type = typeof strategy.type_ === 'string' ? strategy.type_ : typeof strategy.type === 'string' ? strategy.type : '';
  switch (type) {
    case 'synchronous':
      draft.set('concurrency', 1, at('strategy'), 'strategy synchronous');
      return true;
    case 'concurrent':
      draft.set('concurrency', strategy.streams, at('strategy', 'streams'), 'strategy.streams');
      return true;
    case 'constant': case 'poisson': case 'async':
      draft.set('request_rate', strategy.rate, at('strategy', 'rate'), 'strategy.rate');
      // Poisson arrivals come in bursts that constant ones (a sweep's rate steps) do not: at one
      // rate they are two setups, never repeats of one point.
      if (type === 'poisson') draft.setting('arrivals', 'Poisson', at('strategy', 'type_'), 'strategy.type_');
      return true;
    case 'throughput':
      draft.set('request_rate', 'inf', at('strategy', 'type_'), 'strategy throughput');
      return true;
    case 'trace':
      return 'trace';
    default: {
      const position = locator.key('strategy');
      context.issues.add(position.line, position.column,
        `expects the strategy's type_ to be synchronous, concurrent, constant, poisson or throughput but found ${JSON.stringify(strategy.type_ ?? strategy.type ?? null)}`);
      return false;
    }
  }
}

/** Reads one benchmark of a GuideLLM report. */
function readBenchmark(root: JsonObject, benchmark: JsonObject, locator: KeyLocator, context: ReaderContext): Measurement | null {
  const draft = new Draft();
  const at = (...path: string[]) => () => locator.key(...path);
  const config = isObject(benchmark.config) ? benchmark.config : isObject(benchmark.args) ? benchmark.args : {};
  const strategy = isObject(config.strategy) ? config.strategy : {};
  const where = () => locator.record();
  const placed = draftLoad(draft, strategy, at, context, locator);
  if (placed === false) return null;
  if (placed === 'trace') {
    const position = locator.key('strategy');
    context.rejected.push({ file: context.file, ...position, message: 'trace strategy: requests replay recorded timestamps, so the run has no concurrency or request rate to place it on a sweep; not a sweep point' });
    return null;
  }

  const metrics = isObject(benchmark.metrics) ? benchmark.metrics : null;
  if (!metrics) {
    const position = where();
    context.issues.add(position.line, position.column, 'expects a "metrics" object in each GuideLLM benchmark but found none');
    return null;
  }
  // v0.4+ keeps the request counts in metrics, v0.2–0.3 beside them.
  const totals = isObject(metrics.request_totals) ? metrics.request_totals : isObject(benchmark.request_totals) ? benchmark.request_totals : {};
  draft.set('requests', totals.successful, at('request_totals', 'successful'), 'request_totals.successful');
  draft.set('failed', totals.errored, at('request_totals', 'errored'), 'request_totals.errored');
  draft.set('duration_s', benchmark.duration, at('duration'), 'duration');

  const args = runArgs(root, benchmark);
  // Only scalars: another version may keep an object under one of these names.
  draft.setting('model', scalarOf(args.model), at(...args.path, 'model'), `${args.path.join('.')}.model`);
  draft.setting('backend', scalarOf(args.backend), at(...args.path, 'backend'), `${args.path.join('.')}.backend`);
  draft.setting('request_format', scalarOf(args.requestFormat), at(...args.path, 'request_format'), `${args.path.join('.')}.request_format`);
  draft.setting('input_len', dataNumber(args.data, 'prompt_tokens'), at(...args.path, 'data'), 'data prompt_tokens');
  draft.setting('dataset', datasetOf(args.data), at(...args.path, 'data'), `${args.path.join('.')}.data`);
  const length = guidellmOutputLength(args, benchmark);
  if (length) draft.set('max_new_tokens', length.value, at(length.key), length.key);

  if (totals.successful === 0) {
    draft.set('status', 'error', at('request_totals'), 'request_totals');
  } else {
    const throughput = successful(metrics, 'output_tokens_per_second');
    if (!throughput || typeof throughput.mean !== 'number') {
      const position = locator.key('metrics');
      context.issues.add(position.line, position.column,
        'expects metrics.output_tokens_per_second.successful.mean (GuideLLM\'s output tokens/s) but found none');
      return null;
    }
    draft.set('throughput_tok_s', throughput.mean, at('metrics', 'output_tokens_per_second'), 'output_tokens_per_second.successful.mean');
    const values: readonly [string, 'request_throughput' | 'mean_output_tokens' | 'mean_input_tokens'][] = [
      ['requests_per_second', 'request_throughput'], ['output_token_count', 'mean_output_tokens'], ['prompt_token_count', 'mean_input_tokens'],
    ];
    for (const [metric, field] of values) {
      draft.set(field, successful(metrics, metric)?.mean, at('metrics', metric), `${metric}.successful.mean`);
    }
    for (const { metric, into, scale } of LATENCIES) {
      const summary = successful(metrics, metric);
      if (!summary) continue;
      for (const { from, to } of STATS) {
        draft.set(`${to}_${into}_ms` as LatencyMetric, stat(summary, from), at('metrics', metric), `${metric}.successful.${from}`, scale);
      }
    }
  }
  const measurement = buildRun(draft, context, {
    tool: TOOL,
    where,
    loadHint: 'GuideLLM keeps it in each benchmark\'s config.strategy (args.strategy before v0.4)',
  });
  // The request lists belong to this benchmark's run: its records, never a second run.
  if (measurement && hasGuidellmRecords(benchmark)) {
    const log = guidellmRequestLog(benchmark, totals, locator, context);
    if (log) attachRecords(measurement, digest(log, context.slo ? attainmentSlos(context.slo) : {}), context.slo);
  }
  return measurement;
}

/** Reads every benchmark of a GuideLLM benchmarks.json. */
export function readGuidellmJson(text: string, context: ReaderContext): Measurement[] {
  const root = parseDocument(text, context);
  if (root === undefined) return [];
  if (!isObject(root) || !Array.isArray(root.benchmarks)) {
    context.issues.add(1, 1, notABenchmark(context.file, 'expects a GuideLLM report (an object with a "benchmarks" list) but found something else'));
    return [];
  }
  const open = arrayOfRootKey(text, 'benchmarks');
  const offsets = open === -1 ? [] : arrayElementOffsets(text, open);
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
  if (root.benchmarks.length === 0) context.issues.add(1, 1, notABenchmark(context.file, 'expects at least one benchmark in "benchmarks" but the list is empty'));
  return measurements;
}

/** GuideLLM's JSON report: a top-level `benchmarks` list, with `guidellm_version` or generative benchmarks in the head. */
export const guidellmJsonReader: Reader = {
  name: TOOL,
  detect: ({ keys, head }) => keys !== null && keys.has('benchmarks')
    && (/"guidellm_version"\s*:/.test(head) || /"generative_benchmark"/.test(head)),
  read: readGuidellmJson,
};

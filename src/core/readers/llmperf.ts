import type { LatencyMetric, Measurement } from '../types.ts';
import { notABenchmark } from './hints.ts';
import { isObject, KeyLocator, numberOf, parseToolJson, type JsonObject } from './json-text.ts';
import { buildRun, Draft, labelHintFor, type Reader, type ReaderContext } from './reader.ts';

/**
 * llmperf (ray-project) `token_benchmark_ray.py` results: `*_summary.json` is one run at
 * `num_concurrent_requests`; every figure is in seconds and is converted to milliseconds here.
 * `*_individual_responses.json` (a list of per-request records) is recorded as rejected: reading
 * per-request records is not done yet, and the run's summary sits beside it.
 */

const TOOL = 'llmperf';

// llmperf's inter_token_latency is, per request, the sum of every gap including the first
// (the TTFT) divided by the output tokens: neither our TPOT nor our ITL, so it is not read.
const LATENCIES: readonly { metric: string; into: 'e2e' | 'ttft' }[] = [
  { metric: 'end_to_end_latency_s', into: 'e2e' },
  { metric: 'ttft_s', into: 'ttft' },
];
const STATS: readonly { from: string; to: string }[] = [
  { from: 'mean', to: 'mean' }, { from: 'quantiles_p50', to: 'p50' }, { from: 'quantiles_p90', to: 'p90' },
  { from: 'quantiles_p95', to: 'p95' }, { from: 'quantiles_p99', to: 'p99' },
];

// What llmperf writes itself (token_benchmark_ray.py run_token_benchmark, metrics_summary);
// every other top-level key is a --metadata pair the user gave the run.
const LLMPERF_KEYS = new Set([
  'version', 'name', 'model', 'mean_input_tokens', 'stddev_input_tokens', 'mean_output_tokens', 'stddev_output_tokens',
  'num_concurrent_requests', 'timestamp', 'additional_sampling_params', 'llm_api',
]);

/**
 * Metadata keys left out of the setup: `api` is the endpoint URL the client called (the
 * leaderboard writes it for some providers only), not a setting of the served model.
 */
const NOT_SETTINGS = new Set(['api']);

/**
 * The setup of a summary: the model, the asked mean input length, and every metadata key the
 * leaderboard added (`framework` is the provider, read as the engine; `model_size`).
 */
function draftSetup(draft: Draft, root: JsonObject, at: (key: string) => () => { line: number; column: number }): void {
  draft.setting('model', root.model, at('model'));
  draft.setting('input_len', root.mean_input_tokens, at('mean_input_tokens'), 'mean_input_tokens');
  for (const [key, value] of Object.entries(root)) {
    if (LLMPERF_KEYS.has(key) || key.startsWith('results_') || NOT_SETTINGS.has(key)) continue;
    if (value === null || typeof value === 'object') continue;
    draft.setting(key, value, at(key));
  }
}

/** The run's figures: whole-run throughput, request rate and duration, and the latency statistics. */
function draftFigures(draft: Draft, root: JsonObject, at: (key: string) => () => { line: number; column: number }): void {
  draft.set('requests', root.results_num_completed_requests, at('results_num_completed_requests'), 'results_num_completed_requests');
  draft.set('failed', root.results_number_errors, at('results_number_errors'), 'results_number_errors');
  const completed = numberOf(root.results_num_completed_requests);
  const perMinute = numberOf(root.results_num_completed_requests_per_min);
  if (completed === 0) {
    draft.set('status', 'error', at('results_num_completed_requests'), 'results_num_completed_requests');
    return;
  }
  // Whole-system output tokens/s: total output tokens over the test's wall time (checked on the
  // leaderboard files: equal to completed-per-minute / 60 × mean output tokens).
  draft.set('throughput_tok_s', root.results_mean_output_throughput_token_per_s, at('results_mean_output_throughput_token_per_s'), 'results_mean_output_throughput_token_per_s');
  if (perMinute !== null && perMinute > 0) {
    draft.set('request_throughput', perMinute / 60, at('results_num_completed_requests_per_min'), 'results_num_completed_requests_per_min / 60');
    if (completed !== null) draft.set('duration_s', (completed / perMinute) * 60, at('results_num_completed_requests_per_min'), 'results_num_completed_requests / results_num_completed_requests_per_min × 60');
  }
  draft.set('mean_output_tokens', root.results_number_output_tokens_mean, at('results_number_output_tokens_mean'), 'results_number_output_tokens_mean');
  draft.set('mean_input_tokens', root.results_number_input_tokens_mean, at('results_number_input_tokens_mean'), 'results_number_input_tokens_mean');
  for (const { metric, into } of LATENCIES) {
    for (const { from, to } of STATS) {
      const name = `results_${metric}_${from}`;
      draft.set(`${to}_${into}_ms` as LatencyMetric, root[name], at(name), name, 1000);
    }
  }
}

/** Reads an llmperf summary (or rejects a per-request file). */
export function readLlmperf(text: string, context: ReaderContext): Measurement[] {
  const root = parseToolJson(text, context.issues);
  if (root === undefined) return [];
  if (Array.isArray(root)) {
    context.rejected.push({
      file: context.file, line: 1, column: 1,
      message: `per-request records (${root.length} llmperf individual responses), not a summary: reading per-request records is not supported yet, so the run's figures are read from its *_summary.json`,
    });
    return [];
  }
  if (!isObject(root)) {
    context.issues.add(1, 1, notABenchmark(context.file, 'expects an llmperf summary object but found something else'));
    return [];
  }
  const locator = new KeyLocator(text, Math.max(0, text.indexOf('{')));
  const at = (key: string) => () => locator.key(key);
  const draft = new Draft();
  draft.set('concurrency', root.num_concurrent_requests, at('num_concurrent_requests'), 'num_concurrent_requests');
  // llmperf samples each request's max_tokens around mean_output_tokens (± stddev): the asked length.
  draft.set('max_new_tokens', root.mean_output_tokens, at('mean_output_tokens'), 'mean_output_tokens');
  draftFigures(draft, root, at);
  draftSetup(draft, root, at);
  if (draft.get('status') === undefined && !draft.get('throughput_tok_s')) {
    const where = locator.record();
    context.issues.add(where.line, where.column, notABenchmark(context.file, 'expects results_mean_output_throughput_token_per_s (llmperf\'s whole-run output tokens/s) but found none'));
    return [];
  }
  const measurement = buildRun(draft, context, {
    tool: TOOL,
    where: () => locator.record(),
    labelHint: labelHintFor(context.file, 'llmperf files name a provider (framework), not a GPU'),
    loadHint: 'llmperf writes num_concurrent_requests',
  });
  return measurement ? [measurement] : [];
}

/** llmperf summaries (`results_*` keys, `num_concurrent_requests`) and individual-response lists. */
export const llmperfReader: Reader = {
  name: TOOL,
  detect: ({ keys, list }) => keys !== null && (list
    ? keys.has('end_to_end_latency_s') && keys.has('ttft_s')
    : keys.has('num_concurrent_requests') && [...keys].some((key) => key.startsWith('results_'))),
  read: readLlmperf,
};

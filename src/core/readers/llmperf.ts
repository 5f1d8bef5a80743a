import type { LatencyMetric, Measurement } from '../types.ts';
import { notABenchmark } from './hints.ts';
import { attainmentSlos, digest, RequestLog } from '../requests.ts';
import { arrayElementOffsets, baseName, folderOf, isObject, KeyLocator, numberOf, parseDocument, type Json, type JsonObject } from './json-text.ts';
import { requestNumber } from './request-values.ts';
import { buildRun, Draft, labelHintFor, type Reader, type ReaderContext } from './reader.ts';

/**
 * llmperf (ray-project) `token_benchmark_ray.py` results: `*_summary.json` is one run at
 * `num_concurrent_requests`; every figure is in seconds and is converted to milliseconds here.
 * `*_individual_responses.json` (a list of per-request records) joins the run of the summary
 * beside it (see llmperfSummaryFor).
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

/**
 * The summary a `*_individual_responses.json` belongs to: `<stem>_summary.json` beside it (as
 * llmperf writes them), or a file of the same name in a sibling `summary/` folder when the
 * records sit in `individual/` (the llmperf leaderboard's layout).
 */
export function llmperfSummaryFor(file: string, files: readonly string[]): string | null {
  const folder = folderOf(file);
  const name = baseName(file);
  const prefix = folder ? `${folder}/` : '';
  const stem = name.replace(/_individual_responses\.json$/i, '');
  if (stem !== name) {
    const beside = `${prefix}${stem}_summary.json`;
    if (files.includes(beside)) return beside;
  }
  if (baseName(folder) === 'individual') {
    const parent = folderOf(folder);
    const sibling = `${parent ? `${parent}/` : ''}summary/${name}`;
    if (files.includes(sibling)) return sibling;
  }
  return null;
}

/**
 * llmperf's per-request records (seconds; `error_code` set on a failed request), handed to the
 * summary's run: the records give attainment and our own percentiles, the summary the run.
 */
function readIndividualResponses(root: Json[], text: string, context: ReaderContext): Measurement[] {
  const target = llmperfSummaryFor(context.file, context.files);
  if (target !== null && !context.joins) {
    context.rejected.push({ file: context.file, line: 1, column: 1, message: `per-request records (${root.length} llmperf individual responses) of the run in ${target}: joined to it only when the whole folder is read` });
    return [];
  }
  if (target === null || !context.joins) {
    context.rejected.push({
      file: context.file, line: 1, column: 1,
      message: `per-request records (${root.length} llmperf individual responses) with no summary beside them (expects ${baseName(context.file).replace(/(_individual_responses)?\.json$/i, '_summary.json')} in the same folder, or summary/${baseName(context.file)} beside an individual/ folder); they are not a run by themselves`,
    });
    return [];
  }
  const offsets = arrayElementOffsets(text, text.indexOf('['));
  const log = new RequestLog(undefined, context.buffers);
  const report = (at: { line: number; column: number }, message: string) => context.issues.add(at.line, at.column, message);
  root.forEach((record, i) => {
    const locator = new KeyLocator(text, offsets[i] ?? 0, offsets[i + 1] ?? text.length);
    if (!isObject(record)) {
      const at = locator.record();
      report(at, `expects an llmperf individual response object for each request but found ${JSON.stringify(record).slice(0, 40)}`);
      return;
    }
    const errored = record.error_code !== null && record.error_code !== undefined;
    if (errored) {
      log.add({ ok: false, ttft_ms: null, e2e_ms: null, output_tokens: null });
      return;
    }
    const at = (key: string) => () => locator.key(key);
    log.add({
      ok: true,
      ttft_ms: requestNumber(record.ttft_s, 1000, 'ttft_s', 'seconds', at('ttft_s'), report),
      e2e_ms: requestNumber(record.end_to_end_latency_s, 1000, 'end_to_end_latency_s', 'seconds', at('end_to_end_latency_s'), report),
      output_tokens: requestNumber(record.number_output_tokens, 1, 'number_output_tokens', 'tokens', at('number_output_tokens'), report),
    });
  });
  context.joins.push({ file: context.file, target, digest: digest(log, context.slo ? attainmentSlos(context.slo) : {}) });
  return [];
}

/** Reads an llmperf summary, or hands a per-request file's records to its summary's run. */
export function readLlmperf(text: string, context: ReaderContext): Measurement[] {
  const root = parseDocument(text, context);
  if (root === undefined) return [];
  if (Array.isArray(root)) return readIndividualResponses(root, text, context);
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

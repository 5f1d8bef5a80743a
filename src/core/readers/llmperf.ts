import type { LatencyMetric, Measurement } from '../types.ts';
import { buildRecord, EntryList, labelHintFor } from './json-record.ts';
import { isObject, KeyLocator, looksLikeJson, parseToolJson } from './json-text.ts';
import type { Reader, ReaderContext } from './reader.ts';

/**
 * llmperf (ray-project) `token_benchmark_ray.py` results: `*_summary.json` is one run at
 * `num_concurrent_requests`; every figure is in seconds and is converted to milliseconds here.
 * `*_individual_responses.json` (a list of per-request records) is not a sweep point: it carries
 * no concurrency, and its summary sits beside it, so it is recorded as rejected, not aggregated.
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

/** Reads an llmperf summary (or rejects a per-request file). */
export function readLlmperf(text: string, context: ReaderContext): Measurement[] {
  const root = parseToolJson(text, context.issues);
  if (root === undefined) return [];
  if (Array.isArray(root)) {
    context.rejected.push({
      file: context.file, line: 1, column: 1,
      message: `per-request records (${root.length} llmperf individual responses), not a summary: the run's figures are read from its *_summary.json`,
    });
    return [];
  }
  if (!isObject(root)) {
    context.issues.add(1, 1, 'expects an llmperf summary object but found something else');
    return [];
  }
  const locator = new KeyLocator(text, Math.max(0, text.indexOf('{')));
  const at = (key: string) => () => locator.key(key);
  const list = new EntryList();
  const key = (name: string) => root[name];
  list.set('concurrency', key('num_concurrent_requests'), at('num_concurrent_requests'), 1, 'num_concurrent_requests');
  // llmperf samples each request's max_tokens around mean_output_tokens (± stddev): the asked length.
  list.set('max_new_tokens', key('mean_output_tokens'), at('mean_output_tokens'), 1, 'mean_output_tokens');
  list.set('model', key('model'), at('model'), 1, 'model');
  list.set('requests', key('results_num_completed_requests'), at('results_num_completed_requests'), 1, 'results_num_completed_requests');
  list.set('failed', key('results_number_errors'), at('results_number_errors'), 1, 'results_number_errors');
  const completed = key('results_num_completed_requests');
  if (completed === 0 || completed === '0') {
    list.set('status', 'error', at('results_num_completed_requests'));
  } else {
    // Whole-system output tokens/s: total output tokens over the test's wall time (checked on the
    // leaderboard files: equal to completed-per-minute / 60 × mean output tokens).
    const throughput = key('results_mean_output_throughput_token_per_s');
    if (throughput === undefined || throughput === null) {
      const where = locator.record();
      context.issues.add(where.line, where.column,
        'expects results_mean_output_throughput_token_per_s (llmperf\'s whole-run output tokens/s) but found none');
      return [];
    }
    list.set('throughput_tok_s', throughput, at('results_mean_output_throughput_token_per_s'), 1, 'results_mean_output_throughput_token_per_s');
    for (const { metric, into } of LATENCIES) {
      for (const { from, to } of STATS) {
        const name = `results_${metric}_${from}`;
        list.set(`${to}_${into}_ms` as LatencyMetric, key(name), at(name), 1000, name);
      }
    }
  }
  const measurement = buildRecord(list, context, {
    tool: TOOL,
    where: () => locator.record(),
    labelHint: labelHintFor(context.file, 'llmperf files name a provider (framework), not a GPU'),
  });
  return measurement ? [measurement] : [];
}

/** llmperf summaries (`results_*` keys, `num_concurrent_requests`) and individual-response lists. */
export const llmperfReader: Reader = {
  name: 'llmperf',
  detect: (file, head) => /\.json$/i.test(file) && looksLikeJson(head)
    && (/"num_concurrent_requests"\s*:/.test(head) && /"results_/.test(head)
      || /^\s*\[\s*\{/.test(head) && /"inter_token_latency_s"\s*:/.test(head) && /"end_to_end_latency_s"\s*:/.test(head)),
  read: readLlmperf,
};

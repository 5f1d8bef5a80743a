import { attachRecords, attainmentSlos, digest } from '../requests.ts';
import type { Measurement } from '../types.ts';
import { hasAnyKey, isObject, type Json, type JsonObject, type KeyLocator } from './json-text.ts';
import { Draft, type Reader, type ReaderContext } from './reader.ts';
import { draftFigures, finishServeRun, readRunObjects, splitRuns, type ServeOptions } from './serve-run.ts';
import { draftServerInfo } from './sglang-server-info.ts';
import { hasVllmRecords, vllmRequestLog } from './vllm-requests.ts';

/**
 * SGLang `python -m sglang.bench_serving --output-file`: JSON Lines, one run appended per line,
 * with Python's bare `Infinity` for an unbounded request rate. 0.5.x puts the server's
 * `server_info` (20–50 KB) before the figures; older versions have none (and no model name).
 * The same rate can appear twice (a re-run appended to the file): both lines are read, and the
 * core merges them as repeats when nothing else tells them apart. With `--output-details` the line
 * also holds per-request arrays (`ttfts`, `itls`, `output_lens`, `errors`, …), read as vLLM's are.
 */

const OPTIONS: ServeOptions = {
  tool: 'sglang-bench-serving',
  command: 'sglang.bench_serving --output-file',
  loadHint: 'sglang.bench_serving writes request_rate and max_concurrency',
};

const isRandom = (run: JsonObject) => typeof run.dataset_name === 'string' && /^random/.test(run.dataset_name);

/** The output length the run asked for: sharegpt_output_len when set, random_output_len for random data. */
export function sglangOutputLength(run: JsonObject): { key: string; value: Json } | null {
  const sharegpt = run.sharegpt_output_len;
  if (sharegpt !== undefined && sharegpt !== null) return { key: 'sharegpt_output_len', value: sharegpt };
  // random_output_len is written for every dataset but only applies to the random ones; a
  // sharegpt run without sharegpt_output_len used each conversation's own length: a gap.
  if (isRandom(run) && run.random_output_len !== undefined && run.random_output_len !== null) {
    return { key: 'random_output_len', value: run.random_output_len };
  }
  return null;
}

/**
 * The workload and server settings of a line: the engine (SGLang when the line carries the
 * server's own server_info, or the client spoke SGLang's native API), the client backend, the
 * dataset, and for random datasets the input length and its range ratio (the same keys are
 * written with defaults for every other dataset, where they do not apply). `tag` is not read:
 * it is free text that usually embeds the concurrency (`agg_n100_in512_out128_c32`).
 */
function draftSetup(draft: Draft, run: JsonObject, locator: KeyLocator): void {
  const at = (key: string) => () => locator.key(key);
  const info = run.server_info;
  const backend = typeof run.backend === 'string' ? run.backend : '';
  if (isObject(info) || backend.startsWith('sglang')) draft.setting('engine', 'sglang', isObject(info) ? at('server_info') : at('backend'), isObject(info) ? 'server_info' : 'backend');
  draft.setting('backend', run.backend, at('backend'));
  draft.setting('dataset', run.dataset_name, at('dataset_name'), 'dataset_name');
  if (isRandom(run)) {
    draft.setting('input_len', run.random_input_len, at('random_input_len'), 'random_input_len');
    draft.setting('random_range_ratio', run.random_range_ratio, at('random_range_ratio'));
  }
  if (isObject(info)) draftServerInfo(draft, info, locator);
}

function readLine(run: JsonObject, locator: KeyLocator, context: ReaderContext): Measurement | null {
  const draft = new Draft();
  const at = (key: string) => () => locator.key(key);
  // `concurrency` (from 2025) is the measured mean number of requests in flight, a float: an
  // outcome of the run, not the limit it was driven at (that is max_concurrency).
  draft.set('request_rate', run.request_rate, at('request_rate'), 'request_rate');
  draft.set('concurrency', run.max_concurrency, at('max_concurrency'), 'max_concurrency');
  draftFigures(draft, run, locator);
  const length = sglangOutputLength(run);
  if (length) draft.set('max_new_tokens', length.value, at(length.key), length.key);
  draftSetup(draft, run, locator);
  const measurement = finishServeRun(draft, run, locator, context, OPTIONS);
  // `--output-details` adds the per-request arrays to the line: this run's records, never a second run.
  if (measurement && hasVllmRecords(run)) {
    const log = vllmRequestLog(run, locator, context, { zeroOutputFails: true });
    if (log) attachRecords(measurement, digest(log, context.slo ? attainmentSlos(context.slo) : {}), context.slo);
  }
  return measurement;
}

/** Reads every run line of an SGLang bench_serving result. */
export function readSglangBenchServing(text: string, context: ReaderContext): Measurement[] {
  const runs = splitRuns(text, context);
  return runs ? readRunObjects(runs, context, OPTIONS.command, (run, locator) => readLine(run, locator, context)) : [];
}

/**
 * SGLang result lines, by keys of the line's object (never the head: server_info can push the
 * figures past 50 KB): SGLang's own names, which vLLM never writes (`median_e2e_latency_ms`,
 * `total_output_tokens_retokenized`, the dataset arguments).
 */
export const sglangBenchServingReader: Reader = {
  name: 'sglang-bench-serving',
  detect: ({ keys }) => hasAnyKey(keys, ['median_e2e_latency_ms', 'mean_e2e_latency_ms', 'total_output_tokens_retokenized'])
    || (keys !== null && keys.has('dataset_name') && keys.has('random_output_len')),
  read: readSglangBenchServing,
};

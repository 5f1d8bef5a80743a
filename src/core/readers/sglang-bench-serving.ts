import type { Measurement } from '../types.ts';
import { looksLikeJson, type Json, type JsonObject } from './json-text.ts';
import type { Reader, ReaderContext } from './reader.ts';
import { readServeRuns, SERVE_KEYS, splitRuns, type ServeOptions } from './serve-run.ts';

/**
 * SGLang `python -m sglang.bench_serving --output-file`: JSON Lines, one run appended per line,
 * with Python's bare `Infinity` for an unbounded request rate. The same rate can appear twice
 * (a re-run appended to the file): both lines are read, and the core merges them as repeats.
 */

/** The output length the run asked for: sharegpt_output_len when set, random_output_len for random data. */
export function sglangOutputLength(run: JsonObject): { key: string; value: Json } | null {
  const sharegpt = run.sharegpt_output_len;
  if (sharegpt !== undefined && sharegpt !== null) return { key: 'sharegpt_output_len', value: sharegpt };
  const dataset = typeof run.dataset_name === 'string' ? run.dataset_name : '';
  // random_output_len is written for every dataset but only applies to the random ones; a
  // sharegpt run without sharegpt_output_len used each conversation's own length: a gap.
  if (/^random/.test(dataset) && run.random_output_len !== undefined && run.random_output_len !== null) {
    return { key: 'random_output_len', value: run.random_output_len };
  }
  return null;
}

const OPTIONS: ServeOptions = {
  tool: 'sglang-bench-serving',
  command: 'sglang.bench_serving --output-file',
  // Newer SGLang writes `concurrency`: the measured mean number of requests in flight, a float.
  // It is an outcome, not the concurrency the run was driven at (that is max_concurrency).
  ignore: new Set(['concurrency']),
  outputLength: sglangOutputLength,
};

/** Reads every run line of an SGLang bench_serving result. */
export function readSglangBenchServing(text: string, context: ReaderContext): Measurement[] {
  const runs = splitRuns(text, context);
  return runs ? readServeRuns(runs, context, OPTIONS) : [];
}

/** SGLang result lines: serving summary keys plus SGLang's `dataset_name` or `*_e2e_latency_ms`. */
export const sglangBenchServingReader: Reader = {
  name: 'sglang-bench-serving',
  detect: (file, head) => /\.jsonl?$/i.test(file) && looksLikeJson(head) && SERVE_KEYS.test(head)
    && /"(?:dataset_name|(?:mean|median|p\d{1,2})_e2e_latency_ms)"\s*:/.test(head),
  read: readSglangBenchServing,
};

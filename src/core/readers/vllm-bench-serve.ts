import type { Measurement } from '../types.ts';
import { looksLikeJson } from './json-text.ts';
import type { Reader, ReaderContext } from './reader.ts';
import { readServeRuns, SERVE_KEYS, splitRuns, vllmOutputLength, type ServeOptions } from './serve-run.ts';

/** How a `vllm bench serve --save-result` file (or an old `benchmark_serving.py` one) is read. */
export const VLLM_OPTIONS: ServeOptions = {
  tool: 'vllm-bench-serve',
  command: 'vllm bench serve --save-result',
  labelExtra: 'or re-run vllm bench serve with --metadata gpu=… workload=… (those keys are read from the file)',
  outputLength: vllmOutputLength,
};

/** Reads the run(s) of a vLLM serving benchmark result. */
export function readVllmBenchServe(text: string, context: ReaderContext): Measurement[] {
  const runs = splitRuns(text, context);
  return runs ? readServeRuns(runs, context, VLLM_OPTIONS) : [];
}

/**
 * `vllm bench serve --save-result` JSON: a JSON file whose first kilobytes hold the summary keys
 * (`output_throughput`, `median_ttft_ms`…). Asked after the more specific JSON readers.
 */
export const vllmBenchServeReader: Reader = {
  name: 'vllm-bench-serve',
  detect: (file, head) => /\.jsonl?$/i.test(file) && looksLikeJson(head) && SERVE_KEYS.test(head),
  read: readVllmBenchServe,
};

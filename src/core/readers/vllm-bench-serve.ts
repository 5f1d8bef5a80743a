import { attachRecords, attainmentSlos, digest } from '../requests.ts';
import type { Measurement } from '../types.ts';
import { Draft, type Reader, type ReaderContext } from './reader.ts';
import { draftFigures, finishServeRun, hasServeSummary, readRunObjects, splitRuns, type ServeOptions } from './serve-run.ts';
import { draftUserKeys, draftVllmLoad, draftVllmSetup, VLLM_LOAD_HINT } from './vllm-result.ts';
import { hasVllmRecords, vllmRequestLog } from './vllm-requests.ts';

/**
 * `vllm bench serve --save-result` JSON (and the old `benchmark_serving.py`, and the Rust
 * `vllm-bench`, single-turn or `--multi-turn`): one run per object, or one per line with
 * `--append-result`. The setup is what vLLM records (model, client backend, label…) plus every
 * `--metadata` key (see vllm-result.ts).
 */

const OPTIONS: ServeOptions = {
  tool: 'vllm-bench-serve',
  command: 'vllm bench serve --save-result',
  labelExtra: 'or re-run vllm bench serve with --metadata gpu=… workload=… (those keys are read from the file)',
  loadHint: VLLM_LOAD_HINT,
};

/** Reads the run(s) of a vLLM serving benchmark result. */
export function readVllmBenchServe(text: string, context: ReaderContext): Measurement[] {
  const runs = splitRuns(text, context);
  if (!runs) return [];
  return readRunObjects(runs, context, OPTIONS.command, (run, locator) => {
    const draft = new Draft();
    draftVllmLoad(draft, run, locator);
    draftFigures(draft, run, locator);
    draftVllmSetup(draft, run, locator);
    // Metadata last: a `model` or `gpu` the user wrote wins over what vLLM recorded.
    draftUserKeys(draft, run, locator);
    const measurement = finishServeRun(draft, run, locator, context, OPTIONS);
    // The per-request arrays belong to this run: its records, never a second run.
    if (measurement && hasVllmRecords(run)) {
      const log = vllmRequestLog(run, locator, context);
      if (log) attachRecords(measurement, digest(log, context.slo ? attainmentSlos(context.slo) : {}), context.slo);
    }
    return measurement;
  });
}

/**
 * vLLM result JSON: serving summary keys at the top level (`output_throughput`, `median_ttft_ms`…),
 * or the Rust client's multi-turn result. Asked after the more specific JSON readers (SGLang's
 * lines share these keys).
 */
export const vllmBenchServeReader: Reader = {
  name: 'vllm-bench-serve',
  detect: ({ keys }) => hasServeSummary(keys) || (keys !== null && keys.has('multi_turn_concurrency')),
  read: readVllmBenchServe,
};

import { aiperfCsvReader } from './aiperf-csv.ts';
import { aiperfJsonReader } from './aiperf-json.ts';
import { capacityCsvReader } from './capacity-csv.ts';
import { guidellmCsvReader } from './guidellm-csv.ts';
import { guidellmJsonReader } from './guidellm-json.ts';
import { levelsCsvReader } from './levels-csv.ts';
import { llmperfReader } from './llmperf.ts';
import type { Probe, Reader } from './reader.ts';
import { sglangBenchServingReader } from './sglang-bench-serving.ts';
import { vllmBenchServeReader } from './vllm-bench-serve.ts';
import { vllmBenchSweepReader } from './vllm-bench-sweep.ts';
import { vllmNightlyTableReader } from './vllm-nightly-table.ts';
import { vllmSweepSummaryCsvReader } from './vllm-sweep-summary-csv.ts';

/**
 * Readers in the order they are asked; the first whose `detect` says yes reads the file.
 * Each tool's own marks come first (GuideLLM, AIPerf, llmperf, SGLang, the vLLM sweep folder,
 * the vLLM nightly table), then vLLM's result JSON (recognised by summary keys that SGLang's
 * lines share), and last the generic capacity CSV, which takes any other `.csv`.
 */
export const READERS: readonly Reader[] = [
  guidellmJsonReader,
  aiperfJsonReader,
  llmperfReader,
  sglangBenchServingReader,
  vllmNightlyTableReader,
  vllmBenchSweepReader,
  vllmBenchServeReader,
  vllmSweepSummaryCsvReader,
  aiperfCsvReader,
  guidellmCsvReader,
  levelsCsvReader,
  capacityCsvReader,
];

/** Extensions that are data; other files in the folder (README, logo) are left alone. */
export const DATA_EXTENSIONS = ['.csv', '.json', '.jsonl'];

/** The reader for a file, or null when no reader recognises its shape. */
export function readerFor(probe: Probe): Reader | null {
  return READERS.find((reader) => reader.detect(probe)) ?? null;
}

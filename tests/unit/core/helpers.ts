import { defaultConfig } from '../../../src/core/config.ts';
import { IssueList } from '../../../src/core/issues.ts';
import { readCapacityCsv } from '../../../src/core/readers/capacity-csv.ts';
import type { Measurement } from '../../../src/core/types.ts';

/** Reads CSV text as the loader would, returning measurements and formatted issues. */
export function readCsv(text: string, file = 'sweep.csv', defaults = {}) {
  const issues = new IssueList(file);
  const measurements = readCapacityCsv(text, { file, defaults, issues, rejected: [] });
  return { measurements, issues: issues.items.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`) };
}

let line = 1;
/** A measurement with sensible defaults, for analysis tests. */
export function m(fields: Partial<Measurement> & { p95?: number; ttft?: number }): Measurement {
  const { p95, ttft, ...rest } = fields;
  const latency = { ...(p95 !== undefined ? { p95_e2e_ms: p95 } : {}), ...(ttft !== undefined ? { p95_ttft_ms: ttft } : {}), ...rest.latency };
  return {
    source: { file: 'test.csv', line: ++line },
    tool: 'csv',
    gpu: 'GPU-A',
    workload: 'chat',
    concurrency: 1,
    request_rate: null,
    max_new_tokens: 128,
    throughput_tok_s: 100,
    requests: null,
    failed: null,
    status: 'ok',
    server: {},
    ...rest,
    latency,
  };
}

/** The default configuration (chat ≤ 2000 ms, others ≤ 5000 ms on p95 e2e). */
export const config = defaultConfig;

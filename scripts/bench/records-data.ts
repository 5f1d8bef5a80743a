/**
 * Seeded per-request inputs for the `records` step: `vllm bench serve --save-detailed` result
 * files (one run each, the per-request arrays beside the run's summary figures) over a concurrency
 * sweep on a few GPUs, and a folder config with a joint SLO so every request is judged.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jitter, mulberry32 } from './prng.ts';

/** What to generate. */
export interface RecordsSpec {
  records: number;
  files: number;
  seed: number;
}

/** What was written. */
export interface RecordsData {
  dir: string;
  records: number;
  files: number;
  bytes: number;
  largestBytes: number;
}

const CONCURRENCIES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
const GPUS = ['H100-80GB', 'A100-80GB', 'L40S-48GB', 'RTX-4090'];

// Floats as Python's json writes them would be 17 digits; 6 decimals keeps the files at a size a
// shared machine can hold twice (the floor and analyze each read them all).
const s6 = (v: number) => v.toFixed(6);

function runText(index: number, requests: number, random: () => number): string {
  const gpu = GPUS[index % GPUS.length]!;
  const concurrency = CONCURRENCIES[Math.floor(index / GPUS.length) % CONCURRENCIES.length]!;
  const ttfts: string[] = [];
  const itls: string[] = [];
  const outs: number[] = [];
  const ins: number[] = [];
  const errors: string[] = [];
  let outputTokens = 0;
  let ttftSum = 0;
  const load = Math.log2(concurrency) + 1;
  for (let i = 0; i < requests; i++) {
    const failed = random() < 0.002 * load;
    const out = failed ? 0 : 1 + Math.floor(random() * 6);
    const ttft = failed ? 0 : 0.04 * load * jitter(random, 0.6);
    const gaps: string[] = [];
    for (let g = 1; g < out; g++) gaps.push(s6(0.012 * Math.sqrt(load) * jitter(random, 0.5)));
    ttfts.push(s6(ttft));
    itls.push(`[${gaps.join(', ')}]`);
    outs.push(out);
    ins.push(100 + Math.floor(random() * 900));
    errors.push(failed ? '"Server disconnected"' : '""');
    outputTokens += out;
    ttftSum += ttft;
  }
  const completed = errors.filter((e) => e === '""').length;
  const duration = (requests / concurrency) * 0.1 * load;
  return `{"date": "20260101-000000", "backend": "vllm", "model_id": "bench/model", "num_prompts": ${requests}, "request_rate": "inf", "burstiness": 1.0, "max_concurrency": ${concurrency}, `
    + `"duration": ${duration}, "completed": ${completed}, "failed": ${requests - completed}, "total_input_tokens": ${ins.reduce((a, b) => a + b, 0)}, "total_output_tokens": ${outputTokens}, `
    + `"request_throughput": ${completed / duration}, "output_throughput": ${outputTokens / duration}, "total_token_throughput": ${outputTokens / duration}, `
    + `"input_lens": [${ins.join(', ')}], "output_lens": [${outs.join(', ')}], "ttfts": [${ttfts.join(', ')}], "itls": [${itls.join(', ')}], "errors": [${errors.join(', ')}], `
    + `"mean_ttft_ms": ${(ttftSum / Math.max(1, completed)) * 1000}, "gpu": "${gpu}", "workload": "chat"}\n`;
}

/** Writes `records` request records over `files` result files (and the folder config) into `dir`. */
export function generateRecords(spec: RecordsSpec, dir: string): RecordsData {
  mkdirSync(dir, { recursive: true });
  const data: RecordsData = { dir, records: spec.records, files: spec.files, bytes: 0, largestBytes: 0 };
  const base = Math.floor(spec.records / spec.files);
  for (let f = 0; f < spec.files; f++) {
    // One generator per file: a file does not depend on how many come before it.
    const random = mulberry32((spec.seed * 1_000_003 + f * 7919) >>> 0);
    const requests = base + (f < spec.records % spec.files ? 1 : 0);
    const text = runText(f, requests, random);
    // Repeats of one GPU × concurrency land in one folder each, as sweeps keep them.
    writeFileSync(path.join(dir, `run-${String(f).padStart(4, '0')}.json`), text);
    const bytes = Buffer.byteLength(text);
    data.bytes += bytes;
    data.largestBytes = Math.max(data.largestBytes, bytes);
  }
  writeFileSync(path.join(dir, 'capacity.config.json'), `${JSON.stringify({ slo: { chat: { ttft_ms: 300, tpot_ms: 40, attainment: 0.95 } } }, null, 2)}\n`);
  return data;
}

/**
 * Reading a folder with reading threads gives what reading it on the main thread alone gives:
 * the same report, file for file, and the same problems when a file is invalid.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../src/core/issues.ts';
import { loadReport } from '../../../src/core/load.ts';
import { allowReadThreads, filesHandedToThreads, startReadThreads, startReadThreadsFor, stopReadThreads } from '../../../src/core/read-threads.ts';
import { copyRealData } from './paths.ts';

const SURAJSSD = 'surajssd__llm-k8s/results_serving_meta-llama-Llama-3.3-70B-Instruct/01_tp8_pp1';
const FILES: Record<string, string> = {
  ...Object.fromEntries(['01', '04', '16', 'inf'].map((q) => [`vllm/qps_${q}.json`, `${SURAJSSD}/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_${q}.json`])),
  'seed/day003_chat_capacity_rtx16gb.csv': 'ozgurgulerx__inference-journal/day003_chat_capacity_rtx16gb.csv',
  'llmperf/anyscale_70b.json': 'ray-project__llmperf-leaderboard/summary/anyscale_70b.json',
  'sglang/llama_3_3_70b_online_output.jsonl': 'datacrunch-research__h200-benchmarks/llama_3_3_70b_online_output.jsonl',
};
const CONFIG = {
  slo: { sharegpt: { ttft_ms: 500, tpot_ms: 50, attainment: 0.9 } },
  files: { 'vllm/': { gpu: '8xA100-40GB', workload: 'sharegpt' }, 'llmperf/': { gpu: 'anyscale-API', workload: 'llmperf' }, 'sglang/': { gpu: '8xH200', workload: 'online' } },
};

const tmp = mkdtempSync(path.join(os.tmpdir(), 'cf-read-threads-'));
afterAll(async () => {
  await stopReadThreads();
  rmSync(tmp, { recursive: true, force: true });
});
const data = copyRealData(path.join(tmp, 'data'), FILES, CONFIG);
const problems = (dir: string) => loadReport(dir).then((r) => r, (error: unknown) => (error instanceof DataError ? error.issues : String(error)));

describe('reading threads', () => {
  it('a folder read with a reading thread gives the report read on the main thread alone, byte for byte', async () => {
    const alone = JSON.stringify(await loadReport(data));
    await startReadThreads(1);
    const shared = JSON.stringify(await loadReport(data));
    const handed = filesHandedToThreads();
    await stopReadThreads();
    expect(handed).toBeGreaterThan(0);
    expect(shared).toBe(alone);
    expect(alone).toContain('"requests_judged":200');
  });

  it('a folder with an invalid file gives the same problems, in the same order', async () => {
    const broken = copyRealData(path.join(tmp, 'broken'), FILES, CONFIG);
    writeFileSync(path.join(broken, 'vllm/qps_04.json'), '{"output_throughput": 1, "ttfts": [0.1');
    writeFileSync(path.join(broken, 'seed/empty.csv'), '');
    const alone = await problems(broken);
    await startReadThreads(1);
    const shared = await problems(broken);
    const handed = filesHandedToThreads();
    await stopReadThreads();
    expect(handed).toBeGreaterThan(0);
    expect(shared).toEqual(alone);
    expect(Array.isArray(alone) && alone.map((i) => i.file)).toEqual(['seed/empty.csv', 'vllm/qps_04.json']);
  });

  it('allowed, threads start for a folder of at least the given size only', async () => {
    allowReadThreads(1, 10 * 2 ** 20);
    await loadReport(data);
    expect(filesHandedToThreads()).toBe(0);
    allowReadThreads(1, 2 ** 20);
    const shared = JSON.stringify(await loadReport(data));
    // The thread may not be ready before the main thread is done with these few files: read again once it is.
    // (No count: this waits for the threads already started and starts none.)
    await startReadThreads(0);
    const again = JSON.stringify(await loadReport(data));
    const handed = filesHandedToThreads();
    await stopReadThreads();
    expect(handed).toBeGreaterThan(0);
    expect(again).toBe(shared);
  });

  it('a guess at the folder starts the threads before the folder is read, when it is large enough, and never throws', async () => {
    expect(() => startReadThreadsFor(path.join(tmp, 'missing'))).not.toThrow();
    allowReadThreads(1, 2 ** 40);
    startReadThreadsFor(data);
    await startReadThreads(0);
    await loadReport(data);
    expect(filesHandedToThreads()).toBe(0);
    await stopReadThreads();
    allowReadThreads(1, 2 ** 20);
    startReadThreadsFor(tmp);
    // Started by the guess (a count of 0 starts none), so ready before the folder is read.
    await startReadThreads(0);
    const shared = JSON.stringify(await loadReport(data));
    const handed = filesHandedToThreads();
    await stopReadThreads();
    expect(handed).toBeGreaterThan(0);
    expect(shared).toContain('"requests_judged":200');
  });
});

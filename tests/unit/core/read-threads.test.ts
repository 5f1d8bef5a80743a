/**
 * Reading a folder with reading threads gives what reading it on the main thread alone gives:
 * the same report, file for file, and the same problems when a file is invalid.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../src/core/issues.ts';
import { readFileSync } from 'node:fs';
import { listDataFiles, loadConfig, loadReport, readDataFile } from '../../../src/core/load.ts';
import { ReadThreads } from '../../../src/core/read-threads.ts';
import type { RecordJoin } from '../../../src/core/requests.ts';
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
// Every pool a test makes, stopped at the end even when the test fails before its own stop.
const pools: ReadThreads[] = [];
const pool = (options: ConstructorParameters<typeof ReadThreads>[0]) => {
  const threads = new ReadThreads(options);
  pools.push(threads);
  return threads;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.stop()));
  rmSync(tmp, { recursive: true, force: true });
});
const data = copyRealData(path.join(tmp, 'data'), FILES, CONFIG);
const problems = (dir: string, threads?: ReadThreads) => loadReport(dir, { threads }).then((r) => r, (error: unknown) => (error instanceof DataError ? error.issues : String(error)));

describe('reading threads', () => {
  it('a folder read with a reading thread gives the report read on the main thread alone, byte for byte', async () => {
    const alone = JSON.stringify(await loadReport(data));
    const threads = pool({ count: 1 });
    await threads.start();
    const shared = JSON.stringify(await loadReport(data, { threads }));
    await threads.stop();
    expect(threads.handedOut).toBeGreaterThan(0);
    expect(shared).toBe(alone);
    expect(alone).toContain('"requests_judged":200');
  });

  it('a folder with an invalid file gives the same problems, in the same order', async () => {
    const broken = copyRealData(path.join(tmp, 'broken'), FILES, CONFIG);
    writeFileSync(path.join(broken, 'vllm/qps_04.json'), '{"output_throughput": 1, "ttfts": [0.1');
    writeFileSync(path.join(broken, 'seed/empty.csv'), '');
    const alone = await problems(broken);
    const threads = pool({ count: 1 });
    await threads.start();
    const shared = await problems(broken, threads);
    await threads.stop();
    expect(threads.handedOut).toBeGreaterThan(0);
    expect(shared).toEqual(alone);
    expect(Array.isArray(alone) && alone.map((i) => i.file)).toEqual(['seed/empty.csv', 'vllm/qps_04.json']);
  });

  it('a pool starts its threads for a folder of at least its size only', async () => {
    const small = pool({ count: 1, fromBytes: 10 * 2 ** 20 });
    await loadReport(data, { threads: small });
    expect(small.started).toBe(false);
    expect(small.handedOut).toBe(0);
    const threads = pool({ count: 1, fromBytes: 2 ** 20 });
    const shared = JSON.stringify(await loadReport(data, { threads }));
    expect(threads.started).toBe(true);
    // The thread may not be ready before the main thread is done with these few files: read again once it is.
    await threads.ready();
    const again = JSON.stringify(await loadReport(data, { threads }));
    await threads.stop();
    expect(threads.handedOut).toBeGreaterThan(0);
    expect(again).toBe(shared);
  });

  it('a guess at the folder starts the threads before the folder is read, when it is large enough, and never throws', async () => {
    expect(() => pool({ count: 1, fromBytes: 1 }).startFor(path.join(tmp, 'missing'))).not.toThrow();
    const tooSmall = pool({ count: 1, fromBytes: 2 ** 40 });
    tooSmall.startFor(data);
    expect(tooSmall.started).toBe(false);
    const threads = pool({ count: 1, fromBytes: 2 ** 20 });
    threads.startFor(tmp);
    expect(threads.started).toBe(true);
    // Started by the guess, so ready before the folder is read.
    await threads.ready();
    const shared = JSON.stringify(await loadReport(data, { threads }));
    await threads.stop();
    expect(threads.handedOut).toBeGreaterThan(0);
    expect(shared).toContain('"requests_judged":200');
  });

  it('a stopped pool hands out nothing more: the folder is read on the main thread alone', async () => {
    const threads = pool({ count: 1, fromBytes: 0 });
    await threads.start();
    await threads.stop();
    expect(threads.started).toBe(false);
    const alone = JSON.stringify(await loadReport(data));
    expect(JSON.stringify(await loadReport(data, { threads }))).toBe(alone);
    expect(threads.handedOut).toBe(0);
    threads.startFor(tmp);
    expect(threads.started).toBe(false);
  });

  it('a pool stopped while its thread holds files ends the thread once it has read them', async () => {
    const { config } = await loadConfig(data);
    const files = await listDataFiles(data);
    const threads = pool({ count: 1, fromBytes: 0 });
    await threads.start();
    let here = 0;
    let stopping: Promise<void> | null = null;
    const readHere = async (file: string) => {
      here += 1;
      // The thread was handed its first files before this one: stopped with them in hand.
      stopping ??= threads.stop();
      const joins: RecordJoin[] = [];
      return { ...readDataFile(file, readFileSync(path.join(data, file)), config, files, joins), joins };
    };
    const results = await threads.read(data, files, config, readHere);
    await stopping;
    expect(threads.handedOut).toBeGreaterThan(0);
    // No file the thread held was read again here: it finished them before it ended.
    expect(here).toBe(files.length - threads.handedOut);
    expect(results.map((r) => r.provenance.file)).toEqual(files);
  });

  it('a pool of no threads reads every file on the main thread', async () => {
    const none = pool({ count: 0, fromBytes: 0 });
    none.startFor(tmp);
    await none.start();
    expect(JSON.stringify(await loadReport(data, { threads: none }))).toBe(JSON.stringify(await loadReport(data)));
    expect(none.started).toBe(false);
    expect(none.handedOut).toBe(0);
  });
});

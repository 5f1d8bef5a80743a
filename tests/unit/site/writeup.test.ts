import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReport } from '../../../src/core/load.ts';
import type { Report } from '../../../src/core/types.ts';
import { listNumbers, loadsTested, workloadsTested } from '../../../src/site/views/workloads.ts';
import { findingsList, implications } from '../../../src/site/views/writeup.ts';
import { REALDATA } from '../core/paths.ts';
import { fixtureReport } from './fixtures.ts';

let seed: Report;
beforeAll(async () => {
  seed = await loadReport(path.join(REALDATA, 'ozgurgulerx__inference-journal'));
});

describe('findings of the write-up', () => {
  it('lists every finding with links to the rows of its runs (the seed: no streaming, scaling, the ridge)', () => {
    const findings = findingsList(seed);
    expect(findings.map((f) => f.group.slug)).toEqual(['runpod-rtx2000-16gb/batch', 'runpod-rtx2000-16gb/batch', 'runpod-rtx2000-16gb/chat', 'runpod-rtx2000-16gb/chat']);
    expect(findings[2]!.text).toMatch(/^p95 time to first token is within 5% of p95 end-to-end latency in all 12 measured runs .*so these runs were not streamed\.$/);
    const ridge = findings[1]!;
    expect(ridge.text).toBe('p95 latency jumps to 9423 ms at concurrency 16 × 512 tokens, between 5888 ms at concurrency 8 and 5970 ms at concurrency 32: a jitter ridge rather than a trend. Repeat this point before relying on it.');
    expect(ridge.links).toEqual([
      { label: '8 × 512', href: '/gpus/runpod-rtx2000-16gb/batch/#run-c8-t512' },
      { label: '16 × 512', href: '/gpus/runpod-rtx2000-16gb/batch/#run-c16-t512' },
      { label: '32 × 512', href: '/gpus/runpod-rtx2000-16gb/batch/#run-c32-t512' },
    ]);
    expect(findings[3]!.text).toBe('From concurrency 1 to 16 at max_new_tokens 128, throughput rises 12.4× (50.0 tok/s → 620.4 tok/s) while p95 latency goes from 2071 ms to 2567 ms (+24%).');
    expect(findings[2]!.links).toHaveLength(12);
  });

  it('keeps only the kinds asked for', async () => {
    const report = await fixtureReport('data');
    expect(findingsList(report, ['instability']).map((f) => f.text)).toEqual([
      'The run at concurrency 64 × 512 tokens timed out.',
      'The run at concurrency 64 × 128 tokens finished with 3 failed requests (64 completed).',
      'The run at concurrency 64 × 256 tokens ran out of GPU memory (OOM) (64 failed requests).',
    ]);
    expect(findingsList(report, ['no-streaming']).map((f) => f.group.slug)).toEqual(['runpod-rtx2000-16gb/chat']);
    expect(findingsList(report, [])).toEqual([]);
  });
});

describe('implications', () => {
  it('say per GPU what to run, the headroom it leaves, how far it was stable and whether it saturated (data/)', async () => {
    const report = await fixtureReport('data');
    expect(implications(report, 'chat')).toEqual([
      {
        gpu: 'L4-24GB (synthetic)', href: '/gpus/l4-24gb-synthetic/chat/',
        text: 'Run at concurrency 32 × 64 tokens: 1492.4 tok/s with 39% headroom under p95 e2e ≤ 2000 ms. Every run was stable up to concurrency 32. Throughput was still rising at concurrency 64, so a higher load may be worth a sweep.',
      },
      {
        gpu: 'RunPod-RTX2000-16GB', href: '/gpus/runpod-rtx2000-16gb/chat/',
        text: 'Run at concurrency 16 × 64 tokens: 579.7 tok/s with 34% headroom under p95 e2e ≤ 2000 ms. Every run was stable up to concurrency 16. Throughput was still rising at concurrency 16, so a higher load may be worth a sweep.',
      },
    ]);
    expect(implications(report, 'rag')).toEqual([{
      gpu: 'L4-24GB (synthetic)', href: '/gpus/l4-24gb-synthetic/rag/',
      text: 'Nothing tested meets p95 TTFT ≤ 1000 ms: a faster GPU, a shorter output or a looser SLO is needed. Every run was stable up to concurrency 8. Throughput was still rising at concurrency 8, so a higher load may be worth a sweep.',
    }]);
    expect(implications(report, 'nope')).toEqual([]);
  });

  it('name the setup of the recommendation when a group has several, and rates in req/s', async () => {
    const report = await fixtureReport('setups');
    expect(implications(report, 'chat')[0]!.text).toBe('Run at concurrency 16 × 128 tokens (TP2): 1500.0 tok/s with 10% headroom under p95 e2e ≤ 2000 ms. Every run was stable up to concurrency 16. Throughput was still rising at concurrency 16, so a higher load may be worth a sweep.');
    expect(implications(report, 'stream')[0]!.text).toBe('Run at request rate 4 req/s: 470.0 tok/s with 20% headroom under p95 e2e ≤ 3000 ms. Every run was stable up to request rate 8 req/s. Throughput was still rising at request rate 8 req/s, so a higher load may be worth a sweep.');
  });
});

describe('workloads tested', () => {
  it('derives loads, output lengths, models, context and SLO of each workload from the data and the config', async () => {
    const tested = workloadsTested(await fixtureReport('data'));
    expect(tested.map((t) => t.workload)).toEqual(['batch', 'chat', 'rag']);
    expect(tested[1]).toEqual({
      workload: 'chat',
      gpus: ['L4-24GB (synthetic)', 'RunPod-RTX2000-16GB'],
      models: ['Qwen2.5-1.5B-Instruct (BF16)'],
      context_length: 4096,
      concurrency: [1, 4, 8, 16, 32, 64],
      request_rates: [],
      max_new_tokens: [64, 128, 256],
      slo: 'p95 e2e ≤ 2000 ms',
      priority: 'low latency',
    });
    expect(tested[0]!.priority).toBe('high throughput within a latency ceiling');
    expect(tested.map(loadsTested)).toEqual(['concurrency 8, 16, 32 and 64', 'concurrency 1, 4, 8, 16, 32 and 64', 'concurrency 2, 4 and 8']);
  });

  it('leaves models and context empty when neither the runs nor the config name them (the seed)', () => {
    expect(workloadsTested(seed).map((t) => [t.workload, t.models, t.context_length, t.max_new_tokens])).toEqual([
      ['batch', [], null, [256, 512]],
      ['chat', [], null, [64, 128, 256]],
    ]);
  });

  it('lists request rates in req/s, and says when only unbounded load was run', async () => {
    const tested = workloadsTested(await fixtureReport('setups'));
    expect(tested.map((t) => [t.workload, loadsTested(t)])).toEqual([
      ['burst', 'request rate 2 req/s and 4 req/s'],
      ['chat', 'concurrency 4, 8 and 16'],
      ['stream', 'request rate 1 req/s, 2 req/s, 4 req/s and 8 req/s'],
    ]);
    expect(loadsTested({ ...tested[0]!, concurrency: [], request_rates: [] })).toBe('unbounded load only');
  });

  it('writes number lists as prose or as a range', () => {
    expect(listNumbers([1, 4, 8, 16, 32, 64])).toBe('1, 4, 8, 16, 32 and 64');
    expect(listNumbers([64, 128, 256], true)).toBe('64–256');
    expect(listNumbers([128], true)).toBe('128');
    expect(listNumbers([])).toBe('');
  });
});

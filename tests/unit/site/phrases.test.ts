/**
 * The shared phrases the site's tables, views and cards are written in (core/phrases.ts, which
 * replaced site/text.ts): one figure reads the same in every cell, caption and sentence.
 */
import { describe, expect, it } from 'vitest';
import {
  filesWords, formatSlo, groupTitle, instabilityWords, list, loadCell, loadWords, metricLabel, plural, runName, saturationWords,
  sourcesWords, statusCell, tokensCell, workloadTitle,
} from '../../../src/core/phrases.ts';
import { formatMs } from '../../../src/core/format.ts';

describe('shared phrases', () => {
  it('state an SLO as a rule', () => {
    expect(formatSlo({ kind: 'percentile', metrics: ['p95_e2e_ms'], threshold_ms: 2000 })).toBe('p95 e2e ≤ 2000 ms');
    expect(formatSlo({ kind: 'percentile', metrics: ['p95_ttft_ms', 'p99_ttft_ms'], threshold_ms: 1000 })).toBe('p95 TTFT ≤ 1000 ms');
    expect(formatSlo({ kind: 'attainment', bounds: { ttft_ms: 500, tpot_ms: 50 }, target: 0.99 })).toBe('TTFT ≤ 500 ms and TPOT ≤ 50 ms for 99% of requests');
    expect(metricLabel('p99_itl_ms')).toBe('p99 ITL');
    // A bound as the config gives it, not rounded as measured figures are.
    expect(formatSlo({ kind: 'attainment', bounds: { ttft_ms: 12, tpot_ms: 2.1 }, target: 0.9 })).toBe('TTFT ≤ 12 ms and TPOT ≤ 2.1 ms for 90% of requests');
    expect(formatSlo({ kind: 'percentile', metrics: ['p99_itl_ms'], threshold_ms: 0.25 })).toBe('p99 ITL ≤ 0.25 ms');
  });

  it('name files, counting those of one folder when there are more than two, the top of the data folder included', () => {
    expect(filesWords(['a.csv', 'runs/1.json', 'runs/2.json', 'runs/3.json'])).toBe('a.csv and 3 files in runs/');
    expect(filesWords(['1.json', '2.json', '3.json'])).toBe('3 files in the data folder');
    expect(filesWords(['1.json', '2.json'])).toBe('1.json and 2.json');
  });

  it('show a latency to the precision its size needs: whole from 10 ms, one decimal below, two below 1 ms', () => {
    expect([4570, 87.2, 10, 9.96, 9.94, 2.21, 2.09, 1, 0.996, 0.43, 0.004, 0].map(formatMs)).toEqual(
      ['4570', '87', '10', '10', '9.9', '2.2', '2.1', '1.0', '1.0', '0.43', '0.00', '0'],
    );
    expect(formatMs(-0)).toBe('0');
    expect(formatMs(Number.NaN)).toBe('not measured');
  });

  it('name the load of concurrency-driven, rate-driven and unbounded runs', () => {
    expect(loadCell({ axis: 'concurrency', value: 16 })).toBe('16');
    expect(loadCell({ axis: 'request_rate', value: 2.5 })).toBe('2.5 req/s');
    expect(loadCell({ axis: 'unbounded', value: null })).toBe('unbounded');
    expect(loadWords({ axis: 'request_rate', value: 4 })).toBe('request rate 4 req/s');
    expect(loadWords({ axis: 'unbounded', value: null })).toBe('unbounded load (every request at once)');
  });

  it('name a run in each context', () => {
    const run = { load: { axis: 'concurrency' as const, value: 16 }, max_new_tokens: 64 };
    expect(runName(run, 'short')).toBe('16 × 64');
    expect(runName(run, 'prose')).toBe('concurrency 16 × 64 tokens');
    expect(runName(run, 'setting')).toBe('concurrency 16, max_tokens 64');
    const rate = { load: { axis: 'request_rate' as const, value: 4 }, max_new_tokens: null };
    expect(runName(rate, 'short')).toBe('4 req/s');
    expect(runName(rate, 'setting')).toBe('request rate 4 req/s');
    expect(tokensCell(null)).toBe('not applicable');
    expect(tokensCell(512)).toBe('512');
  });

  it('say how a run ended', () => {
    expect(statusCell({ status: 'ok', failed: null })).toBe('ok');
    expect(statusCell({ status: 'ok', failed: 0 })).toBe('ok');
    expect(statusCell({ status: 'ok', failed: 3 })).toBe('ok, 3 failed');
    expect(statusCell({ status: 'oom', failed: 64 })).toBe('OOM');
    expect(statusCell({ status: 'timeout', failed: null })).toBe('timeout');
    expect(instabilityWords({ status: 'oom', failed: 64, requests: 0 })).toBe('ran out of GPU memory (OOM) (64 failed requests)');
    expect(instabilityWords({ status: 'ok', failed: 1, requests: 63 })).toBe('finished with 1 failed request (63 completed)');
  });

  it('list sources as file:line, collapsing repeats of one file', () => {
    expect(sourcesWords([{ file: 'a.csv', line: 12 }, { file: 'a.csv', line: 20 }, { file: 'b.csv', line: 3 }])).toBe('a.csv:12, 20, b.csv:3');
  });

  it('title groups and workloads, acronyms in capitals', () => {
    expect(groupTitle({ gpu: 'L4', workload: 'chat' })).toBe('L4 – Chat workload');
    expect(workloadTitle('rag')).toBe('RAG');
    expect(workloadTitle('long-rag_qa')).toBe('Long-RAG_QA');
    expect(workloadTitle('sharegpt')).toBe('ShareGPT');
    expect(workloadTitle('aime')).toBe('AIME');
    expect(workloadTitle('api')).toBe('API');
  });

  it('agree counts and list in prose', () => {
    expect(plural(1, 'run')).toBe('1 run');
    expect(plural(12, 'run')).toBe('12 runs');
    expect(list(['a'])).toBe('a');
    expect(list(['a', 'b', 'c'])).toBe('a, b and c');
    expect(saturationWords({ axis: 'request_rate', load: null, not_saturated_up_to: 8 })).toBe('not saturated up to request rate 8 req/s');
    expect(saturationWords({ axis: 'concurrency', load: 16, not_saturated_up_to: null })).toBe('concurrency 16 reaches 90% of the peak');
  });
});

import { describe, expect, it } from 'vitest';
import { groupTitle, loadText, pointShort, serverText, settingsText, sloText, sourcesText, statusText } from '../../../src/site/text.ts';

describe('shared phrases', () => {
  it('states an SLO as a rule', () => {
    expect(sloText({ metric: 'p95_e2e_ms', threshold_ms: 2000 })).toBe('p95 e2e ≤ 2000 ms');
    expect(sloText({ metric: 'p95_ttft_ms', threshold_ms: 1000 })).toBe('p95 TTFT ≤ 1000 ms');
  });

  it('names the load of concurrency- and rate-driven runs', () => {
    expect(loadText({ concurrency: 16, request_rate: null })).toBe('16');
    expect(loadText({ concurrency: null, request_rate: 2.5 })).toBe('2.5 req/s');
    expect(pointShort({ concurrency: 16, request_rate: null, max_new_tokens: 64 })).toBe('16 × 64');
    expect(settingsText({ concurrency: 16, request_rate: null, max_new_tokens: 64 })).toBe('concurrency 16, max_tokens 64');
    expect(settingsText({ concurrency: null, request_rate: 4, max_new_tokens: null })).toBe('4 req/s, max_tokens not measured');
  });

  it('says how a run ended', () => {
    expect(statusText({ status: 'ok', failed: null })).toBe('ok');
    expect(statusText({ status: 'ok', failed: 0 })).toBe('ok');
    expect(statusText({ status: 'ok', failed: 3 })).toBe('ok, 3 failed');
    expect(statusText({ status: 'oom', failed: 64 })).toBe('OOM');
    expect(statusText({ status: 'timeout', failed: null })).toBe('timeout');
  });

  it('lists sources as file:line, collapsing repeats of one file', () => {
    expect(sourcesText([{ file: 'a.csv', line: 12 }, { file: 'a.csv', line: 20 }, { file: 'b.csv', line: 3 }])).toBe('a.csv:12, 20, b.csv:3');
  });

  it('titles a group and lists server settings in a stable order', () => {
    expect(groupTitle({ gpu: 'L4', workload: 'chat' })).toBe('L4 – Chat workload');
    expect(serverText({ max_model_len: 4096, gpu_memory_utilization: 0.9 })).toBe('gpu_memory_utilization 0.9, max_model_len 4096');
    expect(serverText({})).toBeNull();
  });
});

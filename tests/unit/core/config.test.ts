import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig, sloFor } from '../../../src/core/config.ts';

const problems = (text: string) => parseConfig(text).issues.items.map((i) => `${i.line}:${i.column}: ${i.message}`);

describe('folder config', () => {
  it('defaults to chat ≤ 2000 ms and everything else ≤ 5000 ms on p95 e2e', () => {
    const config = defaultConfig();
    expect(sloFor(config, 'chat')).toEqual({ metric: 'p95_e2e_ms', threshold_ms: 2000 });
    expect(sloFor(config, 'Batch')).toEqual({ metric: 'p95_e2e_ms', threshold_ms: 5000 });
  });

  it('reads SLOs, model, GPUs and file labels', () => {
    const { config, issues } = parseConfig(JSON.stringify({
      title: 'Q3', client: 'Acme', slo: { rag: { metric: 'p95_ttft_ms', threshold_ms: 800 }, batch: 9000 },
      model: { layers: 2, kv_heads: 1, head_dim: 64 }, gpus: { H100: { memory_gib: 80 } },
      files: { 'x.json': { gpu: 'H100', workload: 'Chat' } },
    }));
    expect(issues.count).toBe(0);
    expect(config.title).toBe('Q3');
    expect(sloFor(config, 'rag')).toEqual({ metric: 'p95_ttft_ms', threshold_ms: 800 });
    expect(sloFor(config, 'batch')).toEqual({ metric: 'p95_e2e_ms', threshold_ms: 9000 });
    expect(config.model).toMatchObject({ layers: 2, bytes_per_element: 2, weights_gib: 0 });
    expect(config.files['x.json']).toEqual({ gpu: 'H100', workload: 'chat' });
  });

  it('reports syntax errors at their line and column', () => {
    expect(problems('{\n  "title": "x",\n}')[0]).toMatch(/^3:1: expects valid JSON/);
  });

  it('reports bad values where they are', () => {
    const text = '{\n  "slo": {\n    "chat": { "metric": "p95_e2e_ms", "threshold_ms": -1 }\n  },\n  "colour": 1\n}';
    expect(problems(text)).toEqual([
      '5:3: unknown setting "colour": expects one of title, client, slo, model, context_length, gpus, files, base, site, logo, accent',
      '3:39: slo.chat.threshold_ms expects a number of milliseconds above 0 but found -1',
    ]);
  });

  it('rejects an unknown SLO metric and a base without slashes', () => {
    expect(problems('{"slo": {"chat": {"metric": "p95", "threshold_ms": 1}}, "base": "reports"}')).toEqual([
      '1:57: base expects a path that starts and ends with "/" (e.g. "/reports/q3/") but found "reports"',
      expect.stringMatching(/^1:19: slo.chat.metric expects one of mean_e2e_ms/),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig, sloFor } from '../../../src/core/config.ts';

const problems = (text: string) => parseConfig(text).issues.items.map((i) => `${i.line}:${i.column}: ${i.message}`);

describe('folder config', () => {
  it('defaults to chat ≤ 2000 ms and everything else ≤ 5000 ms on p95 e2e', () => {
    const config = defaultConfig();
    expect(sloFor(config, 'chat')).toEqual({ kind: 'percentile', metrics: ['p95_e2e_ms'], threshold_ms: 2000 });
    expect(sloFor(config, 'Batch')).toEqual({ kind: 'percentile', metrics: ['p95_e2e_ms'], threshold_ms: 5000 });
  });

  it('reads SLOs (a metric list, a joint SLO), model, GPUs, labelling rules and ignores', () => {
    const { config, issues } = parseConfig(JSON.stringify({
      title: 'Q3', client: 'Acme',
      slo: { rag: { metric: 'p95_ttft_ms', threshold_ms: 800 }, batch: 9000, chat: { metric: ['p95_e2e_ms', 'p99_e2e_ms'], threshold_ms: 2000 }, api: { ttft_ms: 500, tpot_ms: 50, attainment: 0.99 } },
      model: { layers: 2, kv_heads: 1, head_dim: 64 }, gpus: { H100: { memory_gib: 80, price_per_hour: 2.49 } },
      files: { 'x.json': { gpu: 'H100', workload: 'Chat' }, 'runs/**/TP*/': { pattern: 'TP(?<tp>\\d+)', variant: 'a' } },
      ignore: ['derived/*.csv'],
    }));
    expect(issues.items).toEqual([]);
    expect(sloFor(config, 'rag')).toEqual({ kind: 'percentile', metrics: ['p95_ttft_ms'], threshold_ms: 800 });
    expect(sloFor(config, 'batch')).toEqual({ kind: 'percentile', metrics: ['p95_e2e_ms'], threshold_ms: 9000 });
    expect(sloFor(config, 'chat')).toEqual({ kind: 'percentile', metrics: ['p95_e2e_ms', 'p99_e2e_ms'], threshold_ms: 2000 });
    expect(sloFor(config, 'api')).toEqual({ kind: 'attainment', bounds: { ttft_ms: 500, tpot_ms: 50 }, target: 0.99 });
    expect(config.model).toMatchObject({ layers: 2, bytes_per_element: 2, weights_gib: 0 });
    expect(config.gpus.H100).toEqual({ memory_gib: 80, price_per_hour: 2.49 });
    expect(config.files).toEqual([
      { match: 'x.json', values: { gpu: 'H100', workload: 'chat' }, pattern: null },
      { match: 'runs/**/TP*/', values: { variant: 'a' }, pattern: 'TP(?<tp>\\d+)' },
    ]);
    expect(config.ignore).toEqual(['derived/*.csv']);
  });

  it('reports syntax errors at their line and column', () => {
    expect(problems('{\n  "title": "x",\n}')).toEqual(['3:1: expects valid JSON but found a syntax error: expects a key in double quotes but found "}"']);
  });

  it('names a misspelt key where it is written, with the nearest valid key, at every depth', () => {
    const text = '{\n  "slo": {\n    "chat": { "metric": "p95_e2e_ms", "treshold_ms": 2000 }\n  },\n  "colour": 1,\n  "model": { "layers": 1, "kv_heads": 1, "head_dim": 1, "weight_gib": 3 }\n}';
    expect(problems(text)).toEqual([
      '5:3: "colour" is not a key of the config (expects title, client, date, slo, model, context_length, gpus, files, ignore, currency, demand, plan, review, history, base, site, logo, accent)',
      '3:39: "treshold_ms" is not a key of an slo entry (slo.chat); did you mean "threshold_ms"? (expects metric, threshold_ms)',
      '6:57: "weight_gib" is not a key of model; did you mean "weights_gib"? (expects name, layers, kv_heads, head_dim, bytes_per_element, weights_gib, overhead_gib)',
    ]);
  });

  it('reports bad values where they are', () => {
    expect(problems('{"slo": {"chat": {"metric": "p95_e2e_ms", "threshold_ms": -1}}}')).toEqual(['1:59: slo.chat.threshold_ms expects a number above 0 but found -1']);
    expect(problems('{"slo": {"chat": {"metric": "p95", "threshold_ms": 1}}, "base": "reports"}')).toEqual([
      expect.stringMatching(/^1:29: slo.chat.metric expects a latency metric such as "p95_e2e_ms"/),
      '1:65: base expects a path that starts and ends with "/" (e.g. "/reports/q3/") but found "reports"',
    ]);
    expect(problems('{"gpus": {"H100": {"price_per_hour": 0}}}')).toEqual(['1:38: gpus["H100"].price_per_hour expects a number above 0 but found 0']);
    expect(problems('{"gpus": {"H100": {"price_per_hour": "2.49"}}}')).toEqual(['1:38: gpus["H100"].price_per_hour expects a number above 0 but found "2.49"']);
    expect(problems('{"demand": {"chat": {"requests_per_s": 4, "output_tok_s": 9}}}')).toEqual(['1:21: demand["chat"] expects exactly one of requests_per_s, output_tok_s, concurrent_users but found requests_per_s and output_tok_s']);
  });

  it('reads prices, demands and the plan settings, and refuses bad ones where they are', () => {
    const { config, issues } = parseConfig('{"currency": "EUR", "gpus": {"H100": {"price_per_hour": 2.49}}, "demand": {"Chat": {"requests_per_s": 40}, "batch": {"output_tok_s": 20000}}, "plan": {"reserve_pct": 20}}');
    expect(issues.items).toEqual([]);
    expect(config.currency).toBe('EUR');
    expect(config.demand).toEqual({ chat: { unit: 'requests_per_s', value: 40 }, batch: { unit: 'output_tok_s', value: 20000 } });
    expect(config.plan).toEqual({ reserve_pct: 20, hours_per_month: 730 });
    expect(defaultConfig().currency).toBe('USD');
    expect(problems('{"gpus": {"H100": {"price_per_hour": -2}}}')).toEqual(['1:38: gpus["H100"].price_per_hour expects a number above 0 but found -2']);
    expect(problems('{"demand": {"chat": {"requests_per_s": 0}}}')).toEqual(['1:40: demand["chat"].requests_per_s expects a number above 0 but found 0']);
    expect(problems('{"demand": {"chat": {"concurrent_users": -5}}}')).toEqual(['1:42: demand["chat"].concurrent_users expects a number above 0 but found -5']);
    expect(problems('{"demand": {"chat": {"output_tok_s": "9000"}}}')).toEqual(['1:38: demand["chat"].output_tok_s expects a number above 0 but found "9000"']);
    expect(problems('{"demand": {"chat": {}}}')).toEqual(['1:21: demand["chat"] expects exactly one of requests_per_s, output_tok_s, concurrent_users but found none']);
    expect(problems('{"demand": {"chat": {"requests_per_sec": 4}}}')[0]).toMatch(/^1:22: "requests_per_sec" is not a key of demand\["chat"\]; did you mean "requests_per_s"\?/);
    expect(problems('{"plan": {"reserve_pct": -10, "hours_per_month": "730"}}')).toEqual([
      '1:26: plan.reserve_pct expects a number of at least 0 but found -10',
      '1:50: plan.hours_per_month expects a number above 0 and at most 744 but found "730"',
    ]);
    expect(problems('{"currency": "dollars"}')[0]).toMatch(/^1:14: currency expects a three-letter ISO 4217 code/);
  });

  it('checks labelling rules: known keys, values by kind, patterns with named groups', () => {
    expect(problems('{"files": {"a/": {"tensor_paralel_size": 8}}}')).toEqual([
      expect.stringMatching(/^1:19: "tensor_paralel_size" is not a key of files\["a\/"\]; did you mean "tensor_parallel_size"\?/),
    ]);
    expect(problems('{"files": {"a/": {"concurrency": 2.5}}}')).toEqual(['1:34: files["a/"].concurrency expects a whole number of 1 or more but found 2.5']);
    expect(problems('{"files": {"a/": {"pattern": "TP(\\\\d+)"}}}')[0]).toMatch(/pattern expects named groups/);
    expect(problems('{"files": {"a/": {"pattern": "TP(?<tp>"}}}')[0]).toMatch(/pattern expects a regular expression/);
  });

  it('refuses a percentile SLO mixed with a joint one', () => {
    expect(problems('{"slo": {"chat": {"metric": "p95_e2e_ms", "ttft_ms": 500}}}')[0]).toMatch(/mixes a percentile SLO/);
  });
});

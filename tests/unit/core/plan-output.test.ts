import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/core/analysis/report.ts';
import { defaultConfig } from '../../../src/core/config.ts';
import { loadReport } from '../../../src/core/load.ts';
import { renderMarkdown } from '../../../src/core/markdown.ts';
import { formatMoney, formatUnitPrice } from '../../../src/core/plan-words.ts';
import { toJson } from '../../../src/core/summary.ts';
import { m } from './helpers.ts';
import { copyRealData } from './paths.ts';

const runs = [
  m({ gpu: 'A', workload: 'chat', concurrency: 16, max_new_tokens: 64, throughput_tok_s: 579.74, p95: 1316.48 }),
  m({ gpu: 'B', workload: 'chat', concurrency: 8, max_new_tokens: 64, throughput_tok_s: 400, p95: 2500 }),
];

describe('plan output', () => {
  it('formats money to the cent and unit prices to three significant digits', () => {
    expect(formatMoney(14541.6, 'USD')).toBe('USD 14,541.60');
    expect(formatUnitPrice(0.110201, 'EUR')).toBe('EUR 0.110');
    expect(formatUnitPrice(5.5333, 'USD')).toBe('USD 5.53');
    expect(formatUnitPrice(0.0417, 'USD')).toBe('USD 0.0417');
    expect(formatMoney(null, 'USD')).toBe('not measured');
  });

  it('prints the plan array with the documented keys, and a Capacity plan section', () => {
    const config = defaultConfig();
    config.gpus = { A: { price_per_hour: 0.23 } };
    config.demand = { chat: { unit: 'requests_per_s', value: 40 } };
    config.plan.reserve_pct = 20;
    const report = buildReport(runs, config, []);
    const plan = JSON.parse(toJson(report)).plan;
    expect(plan).toHaveLength(1);
    expect(Object.keys(plan[0]).slice(0, 9)).toEqual(['workload', 'gpu', 'gpus_per_replica', 'replicas', 'gpus', 'capacity', 'cost_per_mtok_output', 'monthly_cost', 'cheapest']);
    // 579.74 tok/s ÷ 64 tokens = 9.058 req/s; ceil(40 × 1.2 ÷ 9.058) = ceil(5.30) = 6; 6 × 0.23 × 730 = 1007.40.
    expect(plan[0]).toMatchObject({ workload: 'chat', gpu: 'A', gpus_per_replica: 1, replicas: 6, gpus: 6, capacity: { unit: 'requests_per_s', source: 'max_new_tokens' }, monthly_cost: 1007.4, cheapest: true });
    expect(plan[0].cost_per_mtok_output).toBeCloseTo(0.23 / (579.74 * 3600) * 1e6, 12);
    const md = renderMarkdown(report);
    expect(md).toContain('## Capacity plan');
    expect(md).toContain('| A (cheapest) | concurrency 16 × 64 tokens | 1 | 9.058 req/s | 6 | 6 | 30% | USD 0.110 | USD 1,007.40 |');
    expect(md).toContain('Not planned (no recommended run within the SLO): B.');
  });

  it('says what is missing without prices, and prints no plan without a demand or a price', () => {
    const config = defaultConfig();
    config.demand = { chat: { unit: 'concurrent_users', value: 50 } };
    const md = renderMarkdown(buildReport(runs, config, []));
    expect(md).toContain('GPU prices are not in this report\'s settings, so the plan gives GPU counts without costs.');
    expect(md).toContain('| A | concurrency 16 × 64 tokens | 1 | 16 concurrent users | 4 | 4 | 13% | – | – |');
    const none = buildReport(runs, defaultConfig(), []);
    expect(renderMarkdown(none)).not.toContain('Capacity plan');
    expect(JSON.parse(toJson(none)).plan[0].replicas).toBeNull();
  });
});

describe('plan of a real TP8 sweep', () => {
  it('sizes Llama-3.3-70B on TP8 from its measured request throughput, 8 GPUs a replica', async () => {
    const dir = copyRealData(mkdtempSync(path.join(tmpdir(), 'cf-plan-tp8-')), {
      'runs/qps16.json': 'surajssd__llm-k8s/results_serving_meta-llama-Llama-3.3-70B-Instruct/01_tp8_pp1/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_16.json',
    }, {
      files: { 'runs/': { gpu: 'H100-80GB', workload: 'chat', tensor_parallel_size: 8 } },
      slo: { chat: { metric: 'p99_ttft_ms', threshold_ms: 500 } },
      gpus: { 'H100-80GB': { price_per_hour: 2.49 } },
      demand: { chat: { requests_per_s: 20 } },
      plan: { reserve_pct: 20 },
    });
    try {
      const [row] = (await loadReport(dir)).plan;
      // 6.333 req/s measured → ceil(20 × 1.2 ÷ 6.333) = ceil(3.79) = 4 replicas × 8 = 32 GPUs; 32 × 2.49 × 730 = 58,166.40;
      // 2.49 × 8 ÷ (1354.4 tok/s × 3600) × 10⁶ = 4.09 per 1M output tokens.
      expect(row).toMatchObject({ gpus_per_replica: 8, replicas: 4, gpus: 32, monthly_cost: 58166.4, capacity: { unit: 'requests_per_s', source: 'request_throughput' } });
      expect(row!.capacity.per_replica).toBeCloseTo(6.3332, 4);
      expect(row!.cost_per_mtok_output).toBeCloseTo((2.49 * 8) / (row!.throughput_tok_s * 3600) * 1e6, 12);
      expect(row!.cost_per_mtok_output).toBeCloseTo(4.0856, 4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

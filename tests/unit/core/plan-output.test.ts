import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/core/analysis/report.ts';
import { defaultConfig } from '../../../src/core/config.ts';
import { renderMarkdown } from '../../../src/core/markdown.ts';
import { formatMoney, formatUnitPrice } from '../../../src/core/plan-words.ts';
import { toJson } from '../../../src/core/summary.ts';
import { m } from './helpers.ts';

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
    expect(md).toContain('Not planned (no run met the SLO): B.');
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

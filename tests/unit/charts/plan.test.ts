import { describe, expect, it } from 'vitest';
import { seriesDomains } from '../../../src/charts/palette.ts';
import { planCostChart, planTokenCostChart } from '../../../src/charts/plan.ts';
import { renderChart } from '../../../src/charts/render.ts';
import { defaultConfig } from '../../../src/core/config.ts';
import { handReport, holes, measurement, texts, xmlProblems } from './helpers.ts';

const evil = '<b>"GPU" & </svg>';
function report(withDemand = true) {
  const config = defaultConfig();
  config.gpus = { 'GPU-A': { price_per_hour: 1 }, [evil]: { price_per_hour: 3.6 } };
  if (withDemand) config.demand = { chat: { unit: 'output_tok_s', value: 2500 } };
  return handReport([
    ...[1, 4, 8].map((c) => measurement({ c, throughput_tok_s: 250 * c, p95: 500 + 100 * c })),
    measurement({ gpu: evil, c: 4, throughput_tok_s: 1000, p95: 800 }),
    measurement({ gpu: 'GPU-C', c: 4, throughput_tok_s: 900, p95: 800 }),
  ], config);
}

describe('plan charts', () => {
  it('draws the monthly cost of each priced GPU, cheapest on top, labelled with cost and GPUs', () => {
    const r = report();
    const chat = r.workloads[0]!;
    // GPU-A: 2000 tok/s → ceil(2500 ÷ 2000) = 2 GPUs × 1 × 730 = 1,460.00; the other: ceil(2.5) = 3 × 3.6 × 730 = 7,884.00.
    const svg = renderChart(planCostChart(chat, r.plan.filter((p) => p.workload === 'chat'), seriesDomains(r), 'USD'));
    expect(holes(svg)).toEqual([]);
    expect(xmlProblems(svg)).toEqual([]);
    const shown = texts(svg);
    expect(shown).toContain('1,460.00 · 2 GPUs');
    expect(shown).toContain('7,884.00 · 3 GPUs');
    expect(shown.indexOf('GPU-A')).toBeLessThan(shown.indexOf(evil));
    expect(svg).not.toContain('<b>');
  });

  it('puts the cost per 1M tokens of every sweet spot of a priced GPU against load, and names the unpriced', () => {
    const r = report(false);
    const spec = planTokenCostChart(r.groups.filter((g) => g.workload === 'chat'), r.config, seriesDomains(r));
    expect(spec.caption).toContain('GPU-C has no price and is not drawn.');
    const svg = renderChart(spec);
    expect(holes(svg)).toEqual([]);
    expect(xmlProblems(svg)).toEqual([]);
    // 1 per GPU-hour at 250, 1000, 2000 tok/s: 1.11, 0.278, 0.139 per 1M; 3.6 at 1000 tok/s: 1.00.
    expect(svg.match(/<title>GPU-A, concurrency \d+ × 64 tokens: USD [0-9.]+ per 1M output tokens<\/title>/g)).toEqual([
      '<title>GPU-A, concurrency 1 × 64 tokens: USD 1.11 per 1M output tokens</title>',
      '<title>GPU-A, concurrency 4 × 64 tokens: USD 0.278 per 1M output tokens</title>',
      '<title>GPU-A, concurrency 8 × 64 tokens: USD 0.139 per 1M output tokens</title>',
    ]);
  });

  it('says so in the frame when nothing has a monthly cost', () => {
    const r = report(false);
    const svg = renderChart(planCostChart(r.workloads[0]!, r.plan, seriesDomains(r), 'USD'));
    expect(texts(svg)).toContain('No monthly cost: nothing to plot');
  });
});

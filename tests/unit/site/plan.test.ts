import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/core/analysis/report.ts';
import { loadDataset, type Dataset } from '../../../src/core/load.ts';
import type { ResolvedConfig } from '../../../src/core/types.ts';
import { buildSiteModel } from '../../../src/site/model.ts';
import { implications } from '../../../src/site/views/writeup.ts';
import { resolveFigure } from '../../../src/site/views/figures.ts';
import { tableCsv, type TableModel } from '../../../src/site/tables/cells.ts';
import { ROOT } from '../core/paths.ts';
import { LIFE } from './fixtures.ts';

let sample: Dataset;
beforeAll(async () => {
  sample = await loadDataset(path.join(ROOT, 'data'));
});

function modelWith(change: (c: ResolvedConfig) => void) {
  const config = structuredClone(sample.config);
  change(config);
  return buildSiteModel(buildReport(sample.measurements, config, sample.files, sample.ignored), [LIFE]);
}
const priced = (c: ResolvedConfig) => {
  c.gpus['RunPod-RTX2000-16GB']!.price_per_hour = 0.23;
  c.gpus['L4-24GB (synthetic)']!.price_per_hour = 0.8;
};
const demanded = (c: ResolvedConfig) => {
  c.demand = { chat: { unit: 'requests_per_s', value: 40 } };
  c.plan.reserve_pct = 20;
};
const labels = (table: TableModel) => table.columns.map((c) => c.label);
const rowTexts = (table: TableModel) => table.rows.map((r) => r.cells.map((c) => c.text));

describe('the plan page model', () => {
  it('is absent, with no page, when the config states no demand and no price', () => {
    const model = modelWith(() => {});
    expect(model.plan).toBeNull();
    expect(model.pages.some((p) => p.kind === 'plan')).toBe(false);
  });

  it('ranks every GPU by monthly cost, is in the registry, the CSV downloads and the overview', () => {
    const model = modelWith((c) => { priced(c); demanded(c); });
    const plan = model.plan!;
    expect(model.pages.find((p) => p.kind === 'plan')).toMatchObject({ path: '/plan/', nav: { label: 'Capacity plan' }, print: true, card: true });
    const chat = plan.workloads.find((w) => w.name === 'chat')!;
    expect(labels(chat.table)).toEqual(['GPU', 'Monthly cost', 'GPUs', 'Replicas', 'GPUs per replica', 'Capacity per replica', 'Last replica used', 'Per 1M output tokens', 'Recommended run']);
    expect(rowTexts(chat.table)).toEqual([
      ['RunPod-RTX2000-16GB', '1,007.40', '6', '6', '1', '9.058', '30%', '0.110', '16 × 64'],
      ['L4-24GB (synthetic)', '1,752.00', '3', '3', '1', '23.319', '6%', '0.149', '32 × 64'],
    ]);
    expect(chat.table.rows[0]!.cells.at(-1)!.link).toBe('/gpus/runpod-rtx2000-16gb/chat/#run-c16-t64');
    expect(chat.verdict).toBe('Cheapest for 40 req/s: RunPod-RTX2000-16GB, 6 GPUs, USD 1,007.40 a month.');
    expect(tableCsv(chat.table).split(/\r?\n/)[0]).toBe('GPU,Monthly cost (USD),GPUs,Replicas,GPUs per replica,Capacity per replica (req/s),Last replica used (%),Cost per 1M output tokens (USD),Recommended run');
    expect(model.tables.map((t) => t.csv)).toEqual(expect.arrayContaining(['/plan/chat.csv', '/plan/batch.csv']));
    expect(model.charts.filter((c) => c.page === '/plan/').map((c) => c.file)).toEqual(['/plan/batch--cost-per-mtok.svg', '/plan/chat--monthly-cost.svg', '/plan/chat--cost-per-mtok.svg']);
    expect(model.overview.keyNumbers.find((k) => k.label.startsWith('Cheapest GPU for Chat'))).toEqual({
      label: 'Cheapest GPU for Chat at 40 req/s, a month', value: 'USD 1,007.40', detail: 'RunPod-RTX2000-16GB: 6 GPUs', link: '/plan/#plan-chat',
    });
    expect(chat.workings[0]!.lines).toContain('ceil(40 req/s × (1 + 20%) ÷ 9.058 req/s per replica) = ceil(5.299) = 6 replicas; 6 replicas × 1 GPU = 6 GPUs');
  });

  it('gives GPU counts without prices, saying so in words for the client', () => {
    const plan = modelWith(demanded).plan!;
    const chat = plan.workloads.find((w) => w.name === 'chat')!;
    expect(labels(chat.table)).toEqual(['GPU', 'GPUs', 'Replicas', 'GPUs per replica', 'Capacity per replica', 'Last replica used', 'Recommended run']);
    expect(chat.verdict).toBe('Fewest GPUs for 40 req/s: L4-24GB (synthetic), 3 GPUs.');
    expect(plan.missing).toEqual(['GPU prices are not in this report\'s settings, so the plan gives GPU counts without costs.']);
    expect(plan.missing.join(' ')).not.toMatch(/capacity\.config|price_per_hour|add /);
  });

  it('gives capacity per replica and cost per 1M tokens without a demand', () => {
    const plan = modelWith(priced).plan!;
    const chat = plan.workloads.find((w) => w.name === 'chat')!;
    expect(labels(chat.table)).toEqual(['GPU', 'GPUs per replica', 'Capacity per replica', 'Per 1M output tokens', 'Recommended run']);
    expect(chat.verdict).toBeNull();
    expect(plan.missing).toEqual(['No demand is stated, so the plan gives the capacity of one replica and the cost per 1M output tokens, not a number of GPUs.']);
    expect(plan.workloads.find((w) => w.name === 'rag')!.table.rows).toEqual([]);
  });

  it('gives write-ups the plan: <Num> figures and a sentence of the implications', () => {
    const model = modelWith((c) => { priced(c); demanded(c); });
    const { report, context } = model;
    const num = (id: string) => resolveFigure(report.groups, context.gaps, id, { plan: report.plan });
    expect(num('runpod-rtx2000-16gb/chat/gpus_needed')).toMatchObject({ text: '6 GPUs', href: '/gpus/runpod-rtx2000-16gb/chat/#run-c16-t64' });
    expect(num('runpod-rtx2000-16gb/chat/monthly_cost').text).toBe('USD 1,007.40 a month');
    expect(num('runpod-rtx2000-16gb/chat/cost_per_mtok').text).toBe('USD 0.110 per 1M output tokens');
    expect(num('runpod-rtx2000-16gb/batch/gpus_needed')).toMatchObject({ none: 'not stated: no demand is given for this workload' });
    expect(num('l4-24gb-synthetic/rag/monthly_cost')).toMatchObject({ none: 'none: no run met the SLO' });
    expect(implications(report, 'chat').find((i) => i.gpu === 'RunPod-RTX2000-16GB')!.text)
      .toMatch(/ For the stated demand of 40 req\/s it needs 6 GPUs \(USD 1,007\.40 a month, the cheapest for this workload\)\.$/);
    const plain = modelWith(() => {});
    expect(implications(plain.report, 'chat').some((i) => i.text.includes('stated demand'))).toBe(false);
  });
});

describe('the plan table with input tokens measured', () => {
  it('adds the cost per 1M input and output tokens, worked out', () => {
    const config = structuredClone(sample.config);
    priced(config);
    const runs = sample.measurements.map((m) => (m.gpu === 'RunPod-RTX2000-16GB' && m.workload === 'chat' ? { ...m, request_throughput: 9, mean_input_tokens: 100 } : m));
    const model = buildSiteModel(buildReport(runs, config, sample.files, sample.ignored), [LIFE]);
    const chat = model.plan!.workloads.find((w) => w.name === 'chat')!;
    expect(labels(chat.table)).toContain('Per 1M input + output tokens');
    // 579.74 output tok/s + 9 req/s × 100 input tokens = 1479.74 tok/s; 0.23 ÷ (1479.74 × 3600) × 10⁶ = 0.0432.
    const rtx = chat.table.rows.find((r) => r.cells[0]!.text === 'RunPod-RTX2000-16GB')!;
    expect(rtx.cells.map((c) => c.text)).toContain('0.0432');
    expect(chat.table.rows.find((r) => r !== rtx)!.cells.map((c) => c.text)).toContain('input not measured');
    expect(chat.workings.find((w) => w.gpu === 'RunPod-RTX2000-16GB')!.lines.at(-1)).toBe('with 100 mean input tokens a request, 1479.7 input and output tok/s: USD 0.230 × 1 GPU ÷ (1479.7 tok/s × 3600 s) × 10⁶ = USD 0.0432 per 1M input and output tokens');
  });
});

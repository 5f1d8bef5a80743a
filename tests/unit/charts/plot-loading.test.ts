/**
 * Plot and linkedom are loaded only to draw: a site model whose drawings all come from the render cache never
 * needs it. A file of its own, so nothing before it in the same worker has drawn a chart.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { domLoaded } from '../../../src/charts/dom.ts';
import { plotLoaded } from '../../../src/charts/plot.ts';
import { buildReport } from '../../../src/core/analysis/report.ts';
import { buildReview } from '../../../src/core/analysis/review.ts';
import { loadDataset, loadReport } from '../../../src/core/load.ts';
import { buildSiteModel, type SiteModel } from '../../../src/site/model.ts';
import { config, m } from '../core/helpers.ts';
import { realCopy } from '../site/fixtures.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const sweep = (file: string, scale: number) => [1, 4, 8, 16].map((c, i) => m({ gpu: 'L4', concurrency: c, throughput_tok_s: [50, 180, 340, 580][i]! * scale, p95: [900, 1200, 1800, 2600][i], source: { file, line: i + 2 } }));

describe('loading Plot', () => {
  it('building the site model of every chart kind loads neither Plot nor its DOM; drawing a chart loads both', async () => {
    const models: SiteModel[] = [];
    // The sample data, priced and with a demand: group pages, comparisons and the plan's charts.
    const sample = await loadDataset('data');
    const priced = structuredClone(sample.config);
    priced.gpus['RunPod-RTX2000-16GB']!.price_per_hour = 0.23;
    priced.gpus['L4-24GB (synthetic)']!.price_per_hour = 0.8;
    priced.demand = { chat: { unit: 'requests_per_s', value: 40 } };
    models.push(buildSiteModel(buildReport(sample.measurements, priced, sample.files, sample.ignored), []));
    // Per-request records under a joint SLO: attainment, goodput and latency distributions.
    const dir = realCopy('surajssd__llm-k8s/results_serving_meta-llama-Llama-3.3-70B-Instruct/01_tp8_pp1', { files: { 'run/': { gpu: '8xA100-40GB', workload: 'chat' } }, slo: { chat: { ttft_ms: 500, tpot_ms: 50, attainment: 0.9 } } });
    dirs.push(dir);
    models.push(buildSiteModel(await loadReport(dir), []));
    // A review: its own charts beside the candidate's.
    const old = sweep('old.csv', 1);
    const candidate = sweep('new.csv', 0.8);
    const report = buildReport(candidate, config(), []);
    models.push(buildSiteModel(report, [], undefined, buildReview({ name: 'old', report: buildReport(old, config(), []), measurements: old }, { name: 'new', report, measurements: candidate }, 5)));

    const charts = models.flatMap((model) => model.charts.map((chart) => ({ model, chart })));
    const ids = new Set(charts.map(({ chart }) => chart.file.replace(/^.*\/([a-z-]*?)(\.svg)$/, '$1')));
    for (const kind of ['throughput', 'latency', 'frontier', 'attainment', 'goodput', 'distribution', 'monthly-cost', 'cost-per-mtok']) {
      expect([...ids].some((id) => id.endsWith(kind)), kind).toBe(true);
    }
    expect(charts.some(({ chart }) => chart.page === '/review/')).toBe(true);
    // Every caption and title is there without Plot.
    expect(charts.every(({ chart }) => chart.spec.title && chart.spec.caption && chart.spec.ariaLabel)).toBe(true);
    expect(plotLoaded()).toBe(false);
    expect(domLoaded()).toBe(false);

    const { model, chart } = charts[0]!;
    expect(model.svg(chart)).toMatch(/^<svg /);
    expect(plotLoaded()).toBe(true);
    expect(domLoaded()).toBe(true);
  });
});

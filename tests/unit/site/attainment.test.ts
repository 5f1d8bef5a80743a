import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReport } from '../../../src/core/load.ts';
import { renderMarkdown } from '../../../src/core/markdown.ts';
import { recommendationText } from '../../../src/core/recommendation.ts';
import type { Report } from '../../../src/core/types.ts';
import { renderChart } from '../../../src/charts/render.ts';
import { distributionChart } from '../../../src/charts/distribution.ts';
import { attainmentChart } from '../../../src/charts/goodput.ts';
import { seriesDomains } from '../../../src/charts/index.ts';
import { allChartSpecs } from '../../../src/site/charts.ts';
import { buildSiteModel } from '../../../src/site/model.ts';
import { attainmentSummary, groupAttainmentTable } from '../../../src/site/tables/attainment.ts';
import { tableContext } from '../../../src/site/tables/context.ts';
import { resolveFigure } from '../../../src/site/views/figures.ts';
import { fixtureReport, groupOf, realCopy, rowTexts } from './fixtures.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const JOINT = { chat: { ttft_ms: 500, tpot_ms: 50, attainment: 0.9 } };
// surajssd Llama-3.3-70B TP8 at QPS 1, 4, 16 and inf, with their per-request arrays.
async function vllmReport(slo: object = JOINT): Promise<Report> {
  const dir = realCopy('surajssd__llm-k8s/results_serving_meta-llama-Llama-3.3-70B-Instruct/01_tp8_pp1', { files: { 'run/': { gpu: '8xA100-40GB', workload: 'chat' } }, slo });
  dirs.push(dir);
  return loadReport(dir);
}

describe('the attainment and goodput table', () => {
  it('one row per load: requests judged, the share within the SLO, goodput; the ceiling run is not an operating point', async () => {
    const report = await vllmReport();
    const table = groupAttainmentTable(tableContext(report), groupOf(report, '8xA100-40GB', 'chat'))!;
    expect(table.columns.map((c) => c.label)).toEqual(['Load', 'Requests judged', 'Within SLO', 'Goodput (req/s)', 'Goodput (tok/s)', 'Meets the target']);
    expect(rowTexts(table)).toEqual([
      ['1 req/s', '200', '100.0%', '0.97', '208.2', 'yes'],
      ['4 req/s', '200', '100.0%', '3.18', '673.9', 'yes'],
      ['16 req/s', '200', '100.0%', '6.33', '1354.4', 'yes'],
      ['unbounded', '200', '94.5%', '7.94', '1776.9', 'ceiling run'],
    ]);
    expect(table.csv).toBe('/gpus/8xa100-40gb/chat/attainment.csv');
    // The recommendation is the best goodput among operating points, and <Num> names it.
    const group = groupOf(report, '8xA100-40GB', 'chat');
    expect(resolveFigure(report.groups, new Map(), `${group.slug}/goodput`).text).toBe('6.33 req/s');
    expect(resolveFigure(report.groups, new Map(), `${group.slug}/attainment`).text).toBe('100%');
  });

  it('a group of several setups has a setup column, the load alone in its cell (a model path there kept the column from wrapping)', async () => {
    const dir = realCopy('ray-project__llmperf-leaderboard', { files: { 'run/': { gpu: 'hosted API', workload: 'chat' } }, slo: { chat: { ttft_ms: 1000, e2e_ms: 20000, attainment: 0.9 } } });
    dirs.push(dir);
    const report = await loadReport(dir);
    const table = groupAttainmentTable(tableContext(report), groupOf(report, 'hosted API', 'chat'))!;
    expect(table.columns.map((c) => c.label)).toEqual(['Load', 'Setup', 'Requests judged', 'Within SLO', 'Goodput (req/s)', 'Goodput (tok/s)', 'Meets the target']);
    expect(table.columns[1]!.wrap).toBe(true);
    expect(rowTexts(table)).toContainEqual(['5', 'llama2-70b-4096', '150', '100.0%', '2.95', '441.8', 'yes']);
  });

  it('a run whose file holds no per-request records says so in words, not with a bare dash, and is not judged', async () => {
    const dir = realCopy('surajssd__llm-k8s/results_serving_meta-llama-Llama-3.3-70B-Instruct/01_tp8_pp1', { files: { 'run/': { gpu: '8xA100-40GB', workload: 'chat' } }, slo: JOINT });
    dirs.push(dir);
    // The QPS 4 run keeps its summary only: the per-request arrays are taken out of its file.
    const file = path.join(dir, 'run', 'serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_04.json');
    const run = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const key of ['ttfts', 'itls', 'input_lens', 'output_lens', 'errors', 'generated_texts', 'e2els']) delete run[key];
    writeFileSync(file, JSON.stringify(run));
    const report = await loadReport(dir);
    const table = groupAttainmentTable(tableContext(report), groupOf(report, '8xA100-40GB', 'chat'))!;
    const row = rowTexts(table).find((r) => r[0] === '4 req/s')!;
    expect(row).toEqual(['4 req/s', '0', 'no per-request records', 'not applicable', 'not applicable', 'not judged']);
    expect(rowTexts(table).find((r) => r[0] === '1 req/s')).toEqual(['1 req/s', '200', '100.0%', '0.97', '208.2', 'yes']);
  });

  it('a judged run whose file gives no duration shows goodput as not measured, a gap of the core list that names the file', async () => {
    const dir = realCopy('surajssd__llm-k8s/results_serving_meta-llama-Llama-3.3-70B-Instruct/01_tp8_pp1', { files: { 'run/': { gpu: '8xA100-40GB', workload: 'chat' } }, slo: JOINT });
    dirs.push(dir);
    // The QPS 16 run keeps its records but loses its duration: attainment stands, goodput cannot.
    const name = 'serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_16.json';
    const file = path.join(dir, 'run', name);
    const run = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete run.duration;
    writeFileSync(file, JSON.stringify(run));
    const report = await loadReport(dir);
    const group = groupOf(report, '8xA100-40GB', 'chat');
    const table = groupAttainmentTable(tableContext(report), group)!;
    expect(rowTexts(table).find((r) => r[0] === '16 req/s')).toEqual(['16 req/s', '200', '100.0%', 'not measured', 'not measured', 'yes']);
    const point = group.points.find((p) => p.load.value === 16)!;
    const gaps = report.gaps.filter((g) => g.point === point.id);
    expect(gaps.map((g) => [g.field, g.what])).toEqual([['duration_s', 'run duration (for goodput)']]);
    expect(gaps[0]!.hint).toContain(name);
    const cells = table.rows.find((r) => r.cells[0]!.text === '16 req/s')!.cells;
    expect(cells.slice(3, 5).map((c) => c.gap)).toEqual([gaps[0]!.key, gaps[0]!.key]);
    // The other runs keep their goodput and add no gap of their own.
    expect(rowTexts(table).find((r) => r[0] === '1 req/s')).toEqual(['1 req/s', '200', '100.0%', '0.97', '208.2', 'yes']);
    expect(report.gaps.filter((g) => g.field === 'duration_s')).toHaveLength(1);
    // The chart's label of that run says it once, in words.
    const svg = renderChart(attainmentChart(group, seriesDomains(report))!);
    expect(svg).toContain('100.0% within SLO, goodput not measured of 200 requests');
    expect(svg).not.toContain('goodput goodput');
  });

  it('<Attainment gpu="*"> lists every judged group with its GPU; the group page and the site model carry the table', async () => {
    const report = await vllmReport();
    const summary = attainmentSummary(tableContext(report));
    expect(summary.columns.slice(0, 2).map((c) => c.label)).toEqual(['GPU', 'Workload']);
    expect(summary.rows).toHaveLength(4);
    const model = buildSiteModel(report, []);
    expect(model.life.attainment.get('*')!.rows).toHaveLength(4);
    expect([...model.groups.values()][0]!.attainment!.id).toBe('attainment-8xa100-40gb-chat');
    expect(model.tables.some((t) => t.id === 'attainment-8xa100-40gb-chat')).toBe(true);
  });

  it('summary-only folders have no attainment table, and <Num> says why there is no goodput', async () => {
    const report = await fixtureReport('several-gpus');
    const context = tableContext(report);
    expect(report.groups.every((g) => groupAttainmentTable(context, g) === null)).toBe(true);
    expect(attainmentSummary(context).rows).toEqual([]);
    expect(resolveFigure(report.groups, new Map(), `${report.groups[0]!.slug}/goodput`).none).toBe('not measured: no per-request records judged against a joint SLO');
  });
});

describe('the Markdown report under a joint SLO judged on the requests', () => {
  it('reads its sweet spots by the share within the SLO, goodput and the margin in points, as the site does, not by a latency headroom', async () => {
    const report = await vllmReport();
    const group = groupOf(report, '8xA100-40GB', 'chat');
    const best = group.points.find((p) => p.id === group.sweet_spots[0])!;
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('| Throughput (tok/s) | Within SLO | Goodput (req/s) | Margin (points) | Runs (n, throughput range) |');
    expect(markdown).toContain(`| ${(best.slo_attainment! * 100).toFixed(0)}% | ${best.goodput_req_s!.toFixed(2)} | ${best.headroom_pct!.toFixed(1)} |`);
    expect(markdown).not.toContain('| Headroom |');
    // Its runs set no max_tokens: no column of "not applicable", as on the site.
    expect(markdown).toContain('| Load | Throughput (tok/s) |');
    expect(markdown).not.toContain('not applicable |');
  });
});

describe('a joint SLO judged on the requests that no run met', () => {
  it('names the closest run by its share within the SLO against the target, its failures beside it', async () => {
    // A TTFT bound below every request of the sweep: no run meets it.
    const report = await vllmReport({ chat: { ttft_ms: 1, tpot_ms: 50, attainment: 0.9 } });
    const group = groupOf(report, '8xA100-40GB', 'chat');
    expect(group.recommendation).toBeNull();
    expect(recommendationText(group)).toMatch(/; the closest was .+: 0% of its requests within the SLO, against the 90% it asks for\.$/);
  });
});

describe('the latency distribution chart', () => {
  it('one CDF per load from the records, the SLO bound drawn; only where the runs held records', async () => {
    const report = await vllmReport();
    const group = groupOf(report, '8xA100-40GB', 'chat');
    const spec = distributionChart(group)!;
    expect(spec.title).toBe('TTFT distribution by load: 8xA100-40GB – Chat workload');
    expect(spec.caption).toContain('one curve per load level (4)');
    expect(spec.caption).toContain("The dashed red line is the SLO's bound on TTFT (500 ms)");
    const svg = renderChart(spec);
    expect(svg).toContain('SLO bound');
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    expect(allChartSpecs(report).map((c) => c.file)).toContain('/gpus/8xa100-40gb/chat/distribution.svg');
    const summaryOnly = await fixtureReport('several-gpus');
    expect(summaryOnly.groups.map((g) => distributionChart(g))).toEqual(summaryOnly.groups.map(() => null));
  });

  it('states a bound that is not a whole number of ms as the config gives it, in the label and the caption', async () => {
    const report = await vllmReport({ chat: { ttft_ms: 212.5, tpot_ms: 50, attainment: 0.9 } });
    const spec = distributionChart(groupOf(report, '8xA100-40GB', 'chat'))!;
    expect(spec.caption).toContain("The dashed red line is the SLO's bound on TTFT (212.5 ms)");
    expect(renderChart(spec)).toContain('≤ 212.5 ms');
  });
});

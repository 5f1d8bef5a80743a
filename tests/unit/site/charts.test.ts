import { describe, expect, it } from 'vitest';
import { renderChart, seriesDomains } from '../../../src/charts/index.ts';
import { buildSiteModel } from '../../../src/site/model.ts';
import { allChartSpecs, compareChartSpecs, groupChartSpecs } from '../../../src/site/charts.ts';
import { fixtureModel, fixtureReport, groupOf, LIFE } from './fixtures.ts';

describe('charts of the pages', () => {
  it('places three charts on each GPU × workload page, with their SVG files beside it', async () => {
    const report = await fixtureReport('data');
    const charts = groupChartSpecs(seriesDomains(report), groupOf(report, 'L4-24GB (synthetic)', 'batch'));
    expect(charts.map((c) => [c.page, c.file, c.spec.id])).toEqual([
      ['/gpus/l4-24gb-synthetic/batch/', '/gpus/l4-24gb-synthetic/batch/throughput.svg', 'l4-24gb-synthetic--batch-throughput'],
      ['/gpus/l4-24gb-synthetic/batch/', '/gpus/l4-24gb-synthetic/batch/latency.svg', 'l4-24gb-synthetic--batch-latency'],
      ['/gpus/l4-24gb-synthetic/batch/', '/gpus/l4-24gb-synthetic/batch/frontier.svg', 'l4-24gb-synthetic--batch-frontier'],
    ]);
  });

  it('places every GPU of a workload on the comparison charts; none for a workload the report lacks', async () => {
    const report = await fixtureReport('several-gpus');
    const charts = compareChartSpecs(seriesDomains(report), report, 'chat');
    expect(charts.map((c) => c.file)).toEqual(['/compare/chat/throughput.svg', '/compare/chat/latency.svg']);
    expect(charts.every((c) => c.page === '/compare/chat/')).toBe(true);
    expect(compareChartSpecs(seriesDomains(report), report, 'nope')).toEqual([]);
  });

  it('gives every chart of the site a unique id and file, group pages first', async () => {
    const report = await fixtureReport('several-gpus');
    const charts = allChartSpecs(report);
    expect(charts).toHaveLength(3 * report.groups.length + 2 * report.workloads.length);
    expect(new Set(charts.map((c) => c.file)).size).toBe(charts.length);
    expect(new Set(charts.map((c) => c.spec.id)).size).toBe(charts.length);
    expect(charts.at(-1)!.file).toBe('/compare/chat/latency.svg');
  });

  it('renders each chart once per site model, by its file; the page, the download and the card share the string', async () => {
    const model = await fixtureModel('data');
    const chart = model.charts[0]!;
    const svg = model.svg(chart);
    // Its marks are links (to the runs), so the chart is a document to move through, not one image.
    expect(svg).toMatch(/^<svg[^>]* role="graphics-document"/);
    expect(svg).toMatch(/^<svg[^>]* aria-label="[^"]+"/);
    // Only the root and the marks' links are labelled: axe flags aria-label on Plot's generic mark groups.
    expect(svg.match(/\saria-label="/g)).toHaveLength(1 + (svg.match(/<a class="cf-hit"/g) ?? []).length);
    expect(svg).toMatch(/<a class="cf-hit" aria-label="[^"]+" href="\/gpus\/[^"]+#run-[^"]+"/);
    // The card's picture has no hover labels, and is a plain image.
    expect(model.svg(chart, 'plain')).toBe(renderChart(chart.spec, { tips: false }));
    expect(model.svg(chart, 'plain')).toMatch(/^<svg[^>]* role="img"/);
    expect(model.svg(chart, 'plain')).not.toContain('<a ');
    // The download comes from the same render, and is what rendering it as a file alone gives.
    const source = `Source: ${model.report.title}, ${chart.page}`;
    expect(model.svg(chart, 'file')).toBe(renderChart(chart.spec, { file: { source } }));
    expect(model.svg(chart, 'file')).toContain(`>${source}</text>`);
    // A spec under the same file gets the string already rendered.
    expect(model.svg({ ...chart, spec: { ...chart.spec, title: 'Another title' } })).toBe(svg);
    // Another model renders afresh, to the same bytes.
    const other = buildSiteModel(model.report, [LIFE]);
    expect(other.svg({ ...chart, spec: { ...chart.spec, title: 'Another title' } })).toContain('<title>Another title</title>');
    expect(other.svg(chart)).toContain('<title>Another title</title>');
    expect(renderChart(chart.spec, { link: (run) => `/gpus/${run.gpu_slug}/${run.workload_slug}/#run-${run.point}` })).toBe(svg);
  });

  it('are listed on the view of the page that shows them', async () => {
    const model = await fixtureModel('data');
    for (const view of model.groups.values()) expect(view.charts.map((c) => c.page)).toEqual([view.path, view.path, view.path]);
    for (const view of model.compare.values()) expect(view.charts).toHaveLength(2);
    expect(model.charts).toHaveLength(5 * 3 + 3 * 2);
  });
});

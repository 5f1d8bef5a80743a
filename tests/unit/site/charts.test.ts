import { describe, expect, it } from 'vitest';
import { allChartSpecs, compareChartSpecs, groupChartSpecs, renderViews } from '../../../src/site/charts.ts';
import { fixtureReport } from './fixtures.ts';

describe('charts of the pages', () => {
  it('places three charts on each GPU × workload page, with their SVG files beside it', async () => {
    const report = await fixtureReport('data');
    const group = report.groups[0]!;
    expect(groupChartSpecs(report, group).map((c) => c.file)).toEqual([
      '/gpus/l4-24gb-synthetic/batch/throughput.svg',
      '/gpus/l4-24gb-synthetic/batch/latency.svg',
      '/gpus/l4-24gb-synthetic/batch/frontier.svg',
    ]);
  });

  it('places every GPU of a workload on the comparison charts', async () => {
    const report = await fixtureReport('several-gpus');
    const charts = compareChartSpecs(report, 'chat');
    expect(charts.map((c) => c.file)).toEqual(['/compare/chat/throughput.svg', '/compare/chat/latency.svg']);
    expect(compareChartSpecs(report, 'nope')).toEqual([]);
  });

  it('gives every chart of the site a unique id and file', async () => {
    const report = await fixtureReport('several-gpus');
    const charts = allChartSpecs(report);
    expect(new Set(charts.map((c) => c.file)).size).toBe(charts.length);
    expect(new Set(charts.map((c) => c.spec.id)).size).toBe(charts.length);
  });

  it('renders deterministic SVG strings with a text alternative', async () => {
    const report = await fixtureReport('data');
    const specs = groupChartSpecs(report, report.groups[1]!);
    const [first] = renderViews(report, specs);
    // Another report object has a cache of its own: this renders the chart afresh.
    expect(first!.svg).toBe(renderViews({ ...report }, specs)[0]!.svg);
    expect(first!.svg).toMatch(/^<svg[^>]* role="img"/);
    expect(first!.svg).toMatch(/^<svg[^>]* aria-label="[^"]+"/);
    // Only the root is labelled: axe flags aria-label on Plot's generic mark groups.
    expect(first!.svg.match(/\saria-label="/g)).toHaveLength(1);
  });

  it('renders each chart once per report, by its file', async () => {
    const report = await fixtureReport('data');
    const [placed] = groupChartSpecs(report, report.groups[0]!);
    const first = renderViews(report, [placed!])[0]!.svg;
    // A spec that would render differently under the same file gets the cached string back.
    const other = { ...placed!, spec: { ...placed!.spec, title: 'Another title' } };
    expect(renderViews(report, [other])[0]!.svg).toBe(first);
    expect(renderViews({ ...report }, [other])[0]!.svg).toContain('<title>Another title</title>');
  });
});

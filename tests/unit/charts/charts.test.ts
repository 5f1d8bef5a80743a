import { describe, expect, it } from 'vitest';
import { compareLatencyChart, compareSelection, compareThroughputChart } from '../../../src/charts/compare.ts';
import { frontierChart, frontierPointLabel } from '../../../src/charts/frontier.ts';
import { JITTER_LABEL, latencyChart } from '../../../src/charts/latency.ts';
import { seriesDomains, tokenColor } from '../../../src/charts/palette.ts';
import { renderChart } from '../../../src/charts/render.ts';
import { throughputChart } from '../../../src/charts/throughput.ts';
import { L4, RTX, sampleReport } from './fixtures.ts';
import { failureMarkers, groupOf, holes, linePaths, markGroups, placedLabels, plotScales, svgRoot, texts, translate, vertices, xTicks } from './helpers.ts';

const report = sampleReport();
const domains = seriesDomains(report);

function near(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(0.06);
}

describe('throughputChart', () => {
  it('draws one line per series of the group in its report-wide colour', () => {
    const group = groupOf(report, L4, 'chat');
    const svg = renderChart(throughputChart(group, domains));
    const paths = linePaths(svg);
    expect(paths).toHaveLength(group.series.length);
    expect(paths.map((p) => p.getAttribute('stroke')).sort()).toEqual([64, 128, 256].map((t) => tokenColor(t, domains.tokens)).sort());
    // 64 tokens: six stable loads; 128: five (64 × 128 failed); 256: five (64 × 256 OOM).
    expect(paths.map(vertices).sort()).toEqual([5, 5, 6]);
    expect(holes(svg)).toEqual([]);
  });

  it('keeps failed runs: at their value, or on the zero line with the reason', () => {
    const spec = throughputChart(groupOf(report, L4, 'chat'), domains);
    const svg = renderChart(spec);
    const markers = failureMarkers(svg);
    expect(markers).toHaveLength(2);
    const titles = markers.map((m) => m.querySelector('title')?.textContent ?? '');
    expect(titles.some((t) => t.includes('concurrency 64 × 256 tokens') && t.includes('OOM'))).toBe(true);
    expect(titles.some((t) => t.includes('concurrency 64 × 128 tokens') && t.includes('3/67 failed'))).toBe(true);
    expect(texts(svg)).toEqual(expect.arrayContaining(['OOM', '3/67 failed']));
    const { x, y } = plotScales(spec);
    const oom = markers.find((m) => m.querySelector('title')?.textContent?.includes('OOM'))!;
    const [ox, oy] = translate(oom);
    near(ox, x.apply(64));
    near(oy, y.apply(0));
    const failed = markers.find((m) => m.querySelector('title')?.textContent?.includes('3/67'))!;
    near(translate(failed)[1], y.apply(1693.34));
    expect(spec.caption).toMatch(/✕ marks 2 runs that did not finish cleanly/);
  });

  it('rings the recommendation and labels it next to the ring', () => {
    const spec = throughputChart(groupOf(report, L4, 'chat'), domains);
    const svg = renderChart(spec);
    const ring = markGroups(svg, 'dot').find((g) => g.getAttribute('stroke') === 'currentColor' && g.getAttribute('stroke-width') === '2' && !g.hasAttribute('aria-hidden'))!;
    const [rx, ry] = translate(ring.querySelector('circle, path')!);
    const { x, y } = plotScales(spec);
    near(rx, x.apply(32));
    near(ry, y.apply(1492.4));
    const label = placedLabels(svg).find((t) => t.textContent === 'recommended')!;
    const [lx, ly] = translate(label);
    expect(Math.abs(ly - ry)).toBeLessThan(30);
    expect(Math.abs(lx - rx)).toBeLessThan(20);
    expect(spec.caption).toContain('concurrency 32 × 64 tokens');
  });

  it('labels axes and puts ticks on the tested concurrencies only', () => {
    const svg = renderChart(throughputChart(groupOf(report, RTX, 'chat'), domains));
    const root = svgRoot(svg);
    expect(root.querySelector('g[data-mark="x-axis label"]')?.textContent).toBe('Concurrency (requests in flight)');
    expect(root.querySelector('g[data-mark="y-axis label"]')?.textContent).toBe('Throughput (tok/s)');
    expect(xTicks(svg)).toEqual(['1', '4', '8', '16']);
  });

  it('says plainly when nothing is recommended', () => {
    const spec = throughputChart(groupOf(report, L4, 'rag'), domains);
    expect(spec.caption).toMatch(/No run met the SLO \(p95 TTFT ≤ 1000 ms\)/);
    expect(texts(renderChart(spec))).not.toContain('recommended');
  });

  it('titles the chart with the group in the shared words', () => {
    expect(throughputChart(groupOf(report, L4, 'rag'), domains).title).toBe(`Throughput vs concurrency: ${L4} – RAG workload`);
  });
});

describe('latencyChart', () => {
  it('draws the SLO threshold as a rule at its value, labelled', () => {
    const spec = latencyChart(groupOf(report, RTX, 'chat'), domains);
    const svg = renderChart(spec);
    const [rule] = markGroups(svg, 'rule');
    const line = rule!.querySelector('line')!;
    const { y } = plotScales(spec);
    near(Number(line.getAttribute('y1')), y.apply(2000));
    expect(line.getAttribute('y1')).toBe(line.getAttribute('y2'));
    expect(texts(svg)).toContain('SLO ≤ 2000 ms');
    expect(svgRoot(svg).querySelector('g[data-mark="y-axis label"]')?.textContent).toBe('p95 e2e (ms)');
    expect(linePaths(svg)).toHaveLength(3);
  });

  it('uses the group\'s own SLO metric and threshold', () => {
    const spec = latencyChart(groupOf(report, L4, 'rag'), domains);
    const svg = renderChart(spec);
    expect(svgRoot(svg).querySelector('g[data-mark="y-axis label"]')?.textContent).toBe('p95 TTFT (ms)');
    const line = markGroups(svg, 'rule')[0]!.querySelector('line')!;
    near(Number(line.getAttribute('y1')), plotScales(spec).y.apply(1000));
    expect(texts(svg)).toContain('SLO ≤ 1000 ms');
    // TTFT is already a time: "p95 TTFT", never "p95 TTFT latency".
    expect(spec.title).toBe(`p95 TTFT vs concurrency: ${L4} – RAG workload`);
    expect(spec.caption).toMatch(/^p95 TTFT of /);
  });

  it('annotates the jitter ridge at 16 × 512 on the RTX batch sweep, next to the point', () => {
    const spec = latencyChart(groupOf(report, RTX, 'batch'), domains);
    const svg = renderChart(spec);
    const label = placedLabels(svg).find((t) => t.textContent === JITTER_LABEL)!;
    expect(label).toBeDefined();
    const [lx, ly] = translate(label);
    const { x, y } = plotScales(spec);
    expect(Math.abs(lx - x.apply(16))).toBeLessThan(20);
    expect(Math.abs(ly - y.apply(9423.26))).toBeLessThan(25);
    expect(spec.caption).toContain('Jitter ridge at concurrency 16 × 512 tokens (9423 ms)');
  });

  it('puts the recommendation\'s label on the side away from the SLO rule', () => {
    // RTX batch: the recommendation (8 × 256, 4570 ms) sits just under the 5000 ms rule.
    const spec = latencyChart(groupOf(report, RTX, 'batch'), domains);
    const svg = renderChart(spec);
    const { y } = plotScales(spec);
    const [, ly] = translate(placedLabels(svg).find((t) => t.textContent === 'recommended')!);
    expect(ly).toBeGreaterThan(y.apply(4569.61));
    expect(ly - 7).toBeGreaterThan(y.apply(5000));
  });

  it('shows a failed run without latency along the top edge, saying it was not measured', () => {
    const svg = renderChart(latencyChart(groupOf(report, L4, 'chat'), domains));
    expect(failureMarkers(svg)).toHaveLength(2);
    expect(texts(svg)).toContain('OOM, not measured');
    expect(holes(svg)).toEqual([]);
  });
});

describe('frontierChart', () => {
  it('steps through the Pareto frontier and draws the SLO as a vertical rule', () => {
    const group = groupOf(report, L4, 'chat');
    const spec = frontierChart(group, domains);
    const svg = renderChart(spec);
    const frontier = group.points.filter((p) => p.on_frontier);
    expect(frontier.length).toBeGreaterThan(1);
    const step = linePaths(svg);
    expect(step).toHaveLength(1);
    // step-after: two vertices per step, so 2n − 1 for n frontier points
    expect(vertices(step[0]!)).toBe(2 * frontier.length - 1);
    const labels = texts(svg);
    for (const p of frontier) expect(labels).toContain(frontierPointLabel(p));
    expect(frontierPointLabel(frontier[0]!)).toMatch(/^c\d+×\d+$/);
    const line = markGroups(svg, 'rule')[0]!.querySelector('line')!;
    expect(line.getAttribute('x1')).toBe(line.getAttribute('x2'));
    near(Number(line.getAttribute('x1')), plotScales(spec).x.apply(2000));
    expect(labels).toContain('recommended');
    expect(labels).toContain('SLO ≤ 2000 ms');
    // The OOM run has neither figure: said in the caption, not invented on the chart.
    expect(failureMarkers(svg)).toHaveLength(1);
    expect(spec.caption).toMatch(/1 run without both a throughput and a p95 e2e is in the tables only/);
    expect(holes(svg)).toEqual([]);
  });

  it('names loads of every kind in its point labels', () => {
    expect(frontierPointLabel({ load: { axis: 'concurrency', value: 16 }, max_new_tokens: 64 })).toBe('c16×64');
    expect(frontierPointLabel({ load: { axis: 'request_rate', value: 0.5 }, max_new_tokens: null })).toBe('0.5 req/s');
    expect(frontierPointLabel({ load: { axis: 'unbounded', value: null }, max_new_tokens: 64 })).toBe('unbounded×64');
  });
});

describe('compare charts', () => {
  it('puts every GPU of a workload on one chart at its recommended series', () => {
    const groups = report.groups.filter((g) => g.workload === 'chat');
    const spec = compareThroughputChart(groups, domains);
    const svg = renderChart(spec);
    expect(linePaths(svg)).toHaveLength(2);
    expect(texts(svg)).toEqual(expect.arrayContaining([L4, RTX]));
    expect(groups.map((g) => compareSelection(g).max_new_tokens)).toEqual([64, 64]);
    expect(groups.map((g) => compareSelection(g).series?.points.includes(g.recommendation!))).toEqual([true, true]);
    expect(spec.caption).toContain(`${L4} at 64 tokens (its recommendation)`);
    expect(spec.caption).toContain(`${RTX} at 64 tokens (its recommendation)`);
    expect(spec.id).toBe('compare--chat--throughput');
  });

  it('falls back to the peak-throughput series when nothing is recommended', () => {
    const rag = report.groups.filter((g) => g.workload === 'rag');
    expect(compareSelection(rag[0]!).reason).toBe('peak throughput');
    expect(compareThroughputChart(rag, domains).caption).toContain('no recommendation; its peak-throughput series');
  });

  it('draws latency across GPUs with the SLO rule', () => {
    const groups = report.groups.filter((g) => g.workload === 'batch');
    const spec = compareLatencyChart(groups, domains);
    const svg = renderChart(spec);
    expect(linePaths(svg)).toHaveLength(2);
    const line = markGroups(svg, 'rule')[0]!.querySelector('line')!;
    near(Number(line.getAttribute('y1')), plotScales(spec).y.apply(5000));
    expect(texts(svg)).toContain('SLO ≤ 5000 ms');
    // The L4 timeout (64 × 512) is not in the 256-token series chosen for L4.
    expect(spec.caption).toContain(`${L4} at 256 tokens (its recommendation)`);
    expect(failureMarkers(svg)).toHaveLength(0);
  });

  it('refuses an empty or mixed set of groups', () => {
    expect(() => compareThroughputChart([], domains)).toThrow(/expects the GPU groups of one workload but found none/);
    expect(() => compareLatencyChart(report.groups, domains)).toThrow(/expects groups of one workload/);
  });
});

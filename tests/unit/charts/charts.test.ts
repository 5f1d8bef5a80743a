import { beforeAll, describe, expect, it } from 'vitest';
import { compareLatencyChart, compareSelection, compareThroughputChart } from '../../../src/charts/compare.ts';
import { frontierChart } from '../../../src/charts/frontier.ts';
import { latencyChart } from '../../../src/charts/latency.ts';
import { FAILURE_COLOR, seriesDomains, tokenColor, type SeriesDomains } from '../../../src/charts/palette.ts';
import { renderChart } from '../../../src/charts/render.ts';
import { throughputChart } from '../../../src/charts/throughput.ts';
import type { Report } from '../../../src/core/types.ts';
import { groupOf, markGroups, ownText, plotScales, sampleReport, svgRoot, translate } from './helpers.ts';

const L4 = 'L4-24GB (synthetic)';
const RTX = 'RunPod-RTX2000-16GB';

let report: Report;
let domains: SeriesDomains;

beforeAll(async () => {
  report = await sampleReport();
  domains = seriesDomains(report);
});

/** The series paths: the first line mark (legend swatches are dots, not lines). */
function seriesPaths(svg: string): Element[] {
  const [lines] = markGroups(svg, 'line');
  return lines ? [...lines.querySelectorAll('path')] : [];
}

/** ✕ markers of failed runs, excluding the legend's swatch (aria-hidden). */
function failureMarkers(svg: string): Element[] {
  return markGroups(svg, 'dot')
    .filter((g) => g.getAttribute('stroke') === FAILURE_COLOR && !g.hasAttribute('aria-hidden'))
    .flatMap((g) => [...g.querySelectorAll('path')]);
}

/** Every text a chart shows, one string per <text> (tspans joined by a space). */
function texts(svg: string): string[] {
  return [...svgRoot(svg).querySelectorAll('text')].map((t) => {
    const spans = [...t.querySelectorAll('tspan')];
    return spans.length ? spans.map((s) => s.textContent).join(' ') : ownText(t);
  });
}

function near(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(0.06);
}

function noHoles(svg: string): void {
  expect(svg).not.toMatch(/NaN|undefined|Infinity/);
}

describe('throughputChart', () => {
  it('draws one line per max_new_tokens series in its report-wide colour', () => {
    const group = groupOf(report, L4, 'chat');
    const svg = renderChart(throughputChart(group, domains));
    const paths = seriesPaths(svg);
    expect(paths).toHaveLength(3);
    expect(paths.map((p) => p.getAttribute('stroke')).sort()).toEqual([64, 128, 256].map((t) => tokenColor(t, domains.tokens)).sort());
    noHoles(svg);
  });

  it('keeps failed runs: at their value, or on the zero line with the reason', () => {
    const spec = throughputChart(groupOf(report, L4, 'chat'), domains);
    const svg = renderChart(spec);
    const markers = failureMarkers(svg);
    expect(markers).toHaveLength(2);
    const titles = markers.map((m) => m.querySelector('title')?.textContent ?? '');
    expect(titles.some((t) => t.includes('concurrency 64 × 256 tokens') && t.includes('OOM'))).toBe(true);
    expect(titles.some((t) => t.includes('concurrency 64 × 128 tokens') && t.includes('3/64 failed'))).toBe(true);
    expect(texts(svg)).toEqual(expect.arrayContaining(['OOM', '3/64 failed']));
    const { x, y } = plotScales(spec);
    const oom = markers.find((m) => m.querySelector('title')?.textContent?.includes('OOM'))!;
    const [ox, oy] = translate(oom);
    near(ox, x.apply(64));
    near(oy, y.apply(0));
    const failed = markers.find((m) => m.querySelector('title')?.textContent?.includes('3/64'))!;
    near(translate(failed)[1], y.apply(1693.34));
    expect(spec.caption).toMatch(/✕ marks 2 runs/);
  });

  it('rings the recommendation and labels it', () => {
    const spec = throughputChart(groupOf(report, L4, 'chat'), domains);
    const svg = renderChart(spec);
    expect(texts(svg)).toContain('recommended');
    const ring = markGroups(svg, 'dot').find((g) => g.getAttribute('stroke') === 'currentColor' && g.getAttribute('stroke-width') === '2' && !g.hasAttribute('aria-hidden'))!;
    const [rx, ry] = translate(ring.querySelector('circle, path')!);
    const { x, y } = plotScales(spec);
    near(rx, x.apply(32));
    near(ry, y.apply(1492.4));
    expect(spec.caption).toContain('concurrency 32 × 64 tokens');
  });

  it('labels axes and puts ticks on the tested concurrencies only', () => {
    const svg = renderChart(throughputChart(groupOf(report, RTX, 'chat'), domains));
    const root = svgRoot(svg);
    expect(root.querySelector('g[data-mark="x-axis label"]')?.textContent).toBe('Concurrency (requests in flight)');
    expect(root.querySelector('g[data-mark="y-axis label"]')?.textContent).toBe('Throughput (tok/s)');
    const ticks = [...root.querySelectorAll('g[data-mark="x-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toEqual(['1', '4', '8', '16']);
  });

  it('says plainly when nothing is recommended', () => {
    const spec = throughputChart(groupOf(report, L4, 'rag'), domains);
    expect(spec.caption).toMatch(/No run met the SLO \(p95 TTFT ≤ 1000 ms\)/);
    expect(texts(renderChart(spec))).not.toContain('recommended');
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
    expect(seriesPaths(svg)).toHaveLength(3);
  });

  it('uses the group\'s own SLO metric and threshold', () => {
    const spec = latencyChart(groupOf(report, L4, 'rag'), domains);
    const svg = renderChart(spec);
    expect(svgRoot(svg).querySelector('g[data-mark="y-axis label"]')?.textContent).toBe('p95 TTFT (ms)');
    const line = markGroups(svg, 'rule')[0]!.querySelector('line')!;
    near(Number(line.getAttribute('y1')), plotScales(spec).y.apply(1000));
    expect(texts(svg)).toContain('SLO ≤ 1000 ms');
  });

  it('annotates the jitter ridge at 16 × 512 on the RTX batch sweep', () => {
    const spec = latencyChart(groupOf(report, RTX, 'batch'), domains);
    const svg = renderChart(spec);
    const label = [...svgRoot(svg).querySelectorAll('text')].find((t) => t.textContent === 'jitter ridge')!;
    expect(label).toBeDefined();
    const [lx, ly] = translate(label);
    const { x, y } = plotScales(spec);
    near(lx, x.apply(16));
    near(ly, y.apply(9423.26));
    expect(spec.caption).toContain('Jitter ridge at concurrency 16 × 512 tokens (9423 ms)');
  });

  it('shows a failed run without latency along the top edge, saying it was not measured', () => {
    const svg = renderChart(latencyChart(groupOf(report, L4, 'chat'), domains));
    expect(failureMarkers(svg)).toHaveLength(2);
    expect(texts(svg)).toContain('OOM not measured');
    noHoles(svg);
  });
});

describe('frontierChart', () => {
  it('steps through the Pareto frontier and draws the SLO as a vertical rule', () => {
    const group = groupOf(report, L4, 'chat');
    const spec = frontierChart(group, domains);
    const svg = renderChart(spec);
    const frontier = group.points.filter((p) => p.on_frontier);
    expect(frontier.length).toBeGreaterThan(1);
    const step = seriesPaths(svg);
    expect(step).toHaveLength(1);
    // step-after: two vertices per step, so 2n − 1 for n frontier points
    expect(step[0]!.getAttribute('d')!.match(/[ML]/g)).toHaveLength(2 * frontier.length - 1);
    const labels = texts(svg);
    for (const p of frontier) expect(labels).toContain(`c${p.concurrency}×${p.max_new_tokens}`);
    const line = markGroups(svg, 'rule')[0]!.querySelector('line')!;
    expect(line.getAttribute('x1')).toBe(line.getAttribute('x2'));
    near(Number(line.getAttribute('x1')), plotScales(spec).x.apply(2000));
    expect(labels).toContain('recommended');
    expect(labels).toContain('SLO ≤ 2000 ms');
    // The OOM run has neither figure: said in the caption, not invented on the chart.
    expect(failureMarkers(svg)).toHaveLength(1);
    expect(spec.caption).toMatch(/1 run without both a throughput and a p95 e2e is listed in the table only/);
    noHoles(svg);
  });
});

describe('compare charts', () => {
  it('puts every GPU of a workload on one chart at its recommended series', () => {
    const groups = report.groups.filter((g) => g.workload === 'chat');
    const spec = compareThroughputChart(groups, domains);
    const svg = renderChart(spec);
    expect(seriesPaths(svg)).toHaveLength(2);
    expect(texts(svg)).toEqual(expect.arrayContaining([L4, RTX]));
    expect(groups.map((g) => compareSelection(g).max_new_tokens)).toEqual([64, 64]);
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
    expect(seriesPaths(svg)).toHaveLength(2);
    const line = markGroups(svg, 'rule')[0]!.querySelector('line')!;
    near(Number(line.getAttribute('y1')), plotScales(spec).y.apply(5000));
    expect(texts(svg)).toContain('SLO ≤ 5000 ms');
    // The L4 timeout (64 × 512) is not in the 256-token series chosen for L4.
    expect(spec.caption).toContain(`${L4} at 256 tokens (its recommendation)`);
  });

  it('refuses an empty or mixed set of groups', () => {
    expect(() => compareThroughputChart([], domains)).toThrow(/expects the GPU groups of one workload but found none/);
    expect(() => compareLatencyChart(report.groups, domains)).toThrow(/expects groups of one workload/);
  });
});

import { describe, expect, it } from 'vitest';
import { groupCharts } from '../../../src/charts/index.ts';
import { compareLatencyChart, compareThroughputChart } from '../../../src/charts/compare.ts';
import { latencyChart } from '../../../src/charts/latency.ts';
import { seriesDomains } from '../../../src/charts/palette.ts';
import { renderChart } from '../../../src/charts/render.ts';
import type { ChartSpec } from '../../../src/charts/spec.ts';
import { throughputChart } from '../../../src/charts/throughput.ts';
import type { Measurement, Report } from '../../../src/core/types.ts';
import { failureMarkers, handReport, holes, inlineDocument, linePaths, measurement, ownText, svgRoot, xmlProblems } from './helpers.ts';

function allCharts(report: Report): ChartSpec[] {
  const domains = seriesDomains(report);
  const specs = report.groups.flatMap((g) => groupCharts(g, domains));
  for (const { name } of report.workloads) {
    const groups = report.groups.filter((g) => g.workload === name);
    specs.push(compareThroughputChart(groups, domains), compareLatencyChart(groups, domains));
  }
  return specs;
}

const sweep = (fields: Parameters<typeof measurement>[0] = {}): Measurement[] =>
  [1, 2, 4, 8].flatMap((c) => [64, 128].map((t) => measurement({ c, max_new_tokens: t, throughput_tok_s: c * 40 - t / 10, p95: 300 * c + t, ...fields })));

function wellFormed(specs: ChartSpec[]): void {
  for (const spec of specs) {
    const svg = renderChart(spec);
    expect(holes(svg), spec.id).toEqual([]);
    expect(xmlProblems(svg), spec.id).toEqual([]);
  }
}

describe('untrusted labels', () => {
  const evil = `<script>alert(1)</script>" onload="x & </svg><img src=x>`;
  const report = handReport([
    ...sweep({ gpu: evil, workload: 'chat' }),
    measurement({ gpu: evil, c: 16, status: 'oom', throughput_tok_s: null, p95: null }),
    ...sweep({ gpu: 'GPU-B' }),
    // A hostile setting value becomes a setup label: in legends, tooltips and captions.
    ...sweep({ gpu: 'GPU-B', setup: { engine: evil } }),
  ]);

  it('are escaped in every chart, so they can neither run nor end the SVG early', () => {
    const specs = allCharts(report);
    expect(specs.length).toBe(8);
    for (const spec of specs) {
      const svg = renderChart(spec);
      expect(svg, spec.id).not.toContain('<script');
      expect(svg, spec.id).not.toContain('<img');
      expect(svg.indexOf('</svg>'), spec.id).toBe(svg.length - '</svg>'.length);
      expect(xmlProblems(svg), spec.id).toEqual([]);
      // Inlined into a page, the label stays text: one <svg>, no script or img, title intact.
      const document = inlineDocument(svg);
      expect(document.querySelectorAll('svg, script, img').length, spec.id).toBe(1);
      const root = document.querySelector('svg')!;
      // Quotes may stay raw in text; what matters is that no element carries the injected attribute.
      expect(document.querySelectorAll('[onload], [src]').length, spec.id).toBe(0);
      expect(root.querySelector('title')!.textContent).toBe(spec.title);
      expect(root.getAttribute('aria-label')).toBe(spec.ariaLabel);
    }
  });

  it('reach the title, aria-label, legend and tooltips verbatim', () => {
    const group = report.groups.find((g) => g.gpu === evil)!;
    const spec = throughputChart(group, seriesDomains(report));
    expect(spec.title).toContain(evil);
    expect(spec.ariaLabel).toContain(evil);
    const compare = renderChart(compareThroughputChart(report.groups, seriesDomains(report)));
    const legend = [...svgRoot(compare).querySelectorAll('text')].map(ownText);
    // Long labels are cut to fit, with the whole label in a tooltip.
    expect(legend.some((text) => text.startsWith('<script>alert(1)</script>" onload') && text.endsWith('…'))).toBe(true);
    expect(compare).toContain(`<title>${evil.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</title>`);
    const setups = report.groups.find((g) => g.gpu === 'GPU-B')!;
    const tooltips = [...svgRoot(renderChart(throughputChart(setups, seriesDomains(report)))).querySelectorAll('title')].map((t) => t.textContent);
    expect(tooltips.some((t) => t?.startsWith(`${evil}, concurrency`))).toBe(true);
  });
});

describe('missing values', () => {
  const report = handReport([
    ...sweep(),
    // Stable but without throughput, and stable but without the SLO latency.
    measurement({ c: 16, max_new_tokens: 64, throughput_tok_s: null, p95: 900 }),
    measurement({ c: 16, max_new_tokens: 128, throughput_tok_s: 700, p95: null }),
    // Failed runs without any figure.
    measurement({ c: 32, max_new_tokens: 64, status: 'timeout', throughput_tok_s: null, p95: null }),
    measurement({ c: 32, max_new_tokens: 128, status: 'error', throughput_tok_s: null, p95: null, requests: null, failed: null }),
    measurement({ c: 1, max_new_tokens: null, throughput_tok_s: 10, p95: 100 }),
  ]);

  it('never write NaN, undefined or Infinity into any chart', () => {
    wellFormed(allCharts(report));
  });

  it('leave holes out of the lines, keep failed runs, and say what is only in the table', () => {
    const group = report.groups[0]!;
    const spec = throughputChart(group, seriesDomains(report));
    const svg = renderChart(spec);
    const paths = linePaths(svg);
    // 64, 128 and the series without max_new_tokens
    expect(paths).toHaveLength(3);
    for (const path of paths) expect(path.getAttribute('d')).toMatch(/^M[\d.,L]+Z?$/);
    // Both failed runs sit at concurrency 32 with no throughput: one ✕ names both reasons.
    const markers = failureMarkers(svg);
    expect(markers).toHaveLength(1);
    expect(markers[0]!.querySelector('title')!.textContent).toMatch(/timeout[\s\S]*error/);
    expect(svg).toContain('timeout, error');
    expect(spec.caption).toContain('1 run without a throughput is not drawn: it is in the tables');
    expect(latencyChart(group, seriesDomains(report)).caption).toContain('1 run without a p95 e2e is not drawn: it is in the tables');
  });
});

describe('odd shapes of data', () => {
  it('renders a group tested at a single concurrency, and one where every run failed', () => {
    const report = handReport([
      measurement({ gpu: 'One', c: 8, throughput_tok_s: 300, p95: 900 }),
      measurement({ gpu: 'Broken', c: 8, status: 'oom', throughput_tok_s: null, p95: null }),
      measurement({ gpu: 'Broken', c: 16, status: 'oom', throughput_tok_s: null, p95: null }),
    ]);
    wellFormed(allCharts(report));
    const broken = report.groups.find((g) => g.gpu === 'Broken')!;
    expect(throughputChart(broken, seriesDomains(report)).caption).toMatch(/No run met the SLO/);
  });

  it('renders every kind of load and SLO state together', () => {
    const report = handReport([
      ...sweep({ gpu: 'Mixed' }),
      ...[0.5, 1, 2].map((rate) => measurement({ gpu: 'Mixed', rate, throughput_tok_s: rate * 50, p95: 700 })),
      measurement({ gpu: 'Mixed', unbounded: true, throughput_tok_s: 600, p95: 4000 }),
      measurement({ gpu: 'Mixed', c: 64, throughput_tok_s: 500, p95: 3000, requests: 12 }),
      ...sweep({ gpu: 'Setups', setup: { tensor_parallel_size: 4 } }),
      ...sweep({ gpu: 'Setups', setup: { tensor_parallel_size: 8 } }),
      ...sweep({ gpu: 'Unjudged', p95: null }).map((m) => ({ ...m, latency: { mean_ttft_ms: 80 } })),
      ...sweep({ gpu: 'Bare', p95: null }),
      ...[1, 2].map((rate) => measurement({ gpu: 'Rates', rate, throughput_tok_s: 90, p95: 900 })),
      measurement({ gpu: 'Ceiling', unbounded: true, throughput_tok_s: 600, p95: 4000 }),
    ]);
    const specs = allCharts(report);
    expect(specs).toHaveLength(report.groups.length * 3 + 2);
    wellFormed(specs);
  });
});

describe('long series names', () => {
  const base = 'agentic_kimik2.5_tp4_conc32_offload';
  const names = [`${base}none_fp4_vllm_tp4-ep1_mi355x-amd_p01_g06`, `${base}lmcache_fp4_vllm_tp4-ep1_mi355x-amd_p02_g17`];
  const legend = (measurements: Measurement[]) => {
    const report = handReport(measurements);
    const svg = renderChart(throughputChart(report.groups[0]!, seriesDomains(report)));
    const texts = [...svgRoot(svg).querySelectorAll('text')].map(ownText);
    const tips = [...svgRoot(svg).querySelectorAll('title')].map((t) => t.textContent ?? '');
    return { entries: new Set(texts.filter((t) => t.includes('_g0') || t.includes('_g1') || t.includes('fp4'))), texts, tips };
  };

  it('that differ only past the cut are shown where they differ, never as two identical entries', () => {
    const { entries, texts, tips } = legend(names.flatMap((engine) => [1, 2, 4, 8].map((c) => measurement({ c, max_new_tokens: 64, gpu: 'MI355X', setup: { engine }, throughput_tok_s: c * 40, p95: 300 * c }))));
    expect(entries.size).toBe(2);
    expect([...entries].every((t) => t.startsWith('…'))).toBe(true);
    expect([...entries].filter((t) => t.includes('offloadnone'))).toHaveLength(1);
    expect([...entries].filter((t) => t.includes('offloadlmcache'))).toHaveLength(1);
    // No entry is cut at the shared start, and the whole names stay in the tooltips.
    expect(texts.some((t) => t.startsWith(base.slice(0, 20)) && t.endsWith('…'))).toBe(false);
    for (const name of names) expect(tips.some((t) => t.includes(name))).toBe(true);
  });

  it('stay told apart when they also differ further on (one series per output length)', () => {
    const { entries, texts } = legend(names.flatMap((engine) => sweep({ gpu: 'MI355X', setup: { engine } })));
    expect(entries.size).toBe(4);
    expect([...entries].every((t) => t.startsWith('…'))).toBe(true);
    expect(texts.some((t) => t.startsWith(base.slice(0, 20)) && t.endsWith('…'))).toBe(false);
  });
});

describe('several failures at one load', () => {
  it('share one ✕ with a count, not labels printed over each other', () => {
    const report = handReport([
      ...sweep(),
      measurement({ c: 16, max_new_tokens: 64, status: 'oom', throughput_tok_s: null, p95: null }),
      measurement({ c: 16, max_new_tokens: 128, status: 'oom', throughput_tok_s: null, p95: null }),
    ]);
    for (const spec of [throughputChart(report.groups[0]!, seriesDomains(report)), latencyChart(report.groups[0]!, seriesDomains(report))]) {
      const svg = renderChart(spec);
      const markers = failureMarkers(svg);
      expect(markers, spec.id).toHaveLength(1);
      const tooltip = markers[0]!.querySelector('title')!.textContent!;
      expect(tooltip).toContain('16 × 64 tokens');
      expect(tooltip).toContain('16 × 128 tokens');
      expect(svg).toContain('OOM ×2');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { groupCharts } from '../../../src/charts/index.ts';
import { compareLatencyChart, compareThroughputChart } from '../../../src/charts/compare.ts';
import { latencyChart } from '../../../src/charts/latency.ts';
import { seriesDomains } from '../../../src/charts/palette.ts';
import { renderChart } from '../../../src/charts/render.ts';
import type { ChartSpec } from '../../../src/charts/spec.ts';
import { throughputChart } from '../../../src/charts/throughput.ts';
import type { Measurement, Report } from '../../../src/core/types.ts';
import { handReport, inlineDocument, markGroups, measurement, ownText, svgRoot, xmlProblems } from './helpers.ts';

function allCharts(report: Report): ChartSpec[] {
  const domains = seriesDomains(report);
  const specs = report.groups.flatMap((g) => groupCharts(g, domains));
  for (const { name } of report.workloads) {
    const groups = report.groups.filter((g) => g.workload === name);
    specs.push(compareThroughputChart(groups, domains), compareLatencyChart(groups, domains));
  }
  return specs;
}

const sweep = (fields: Partial<Measurement> = {}): Measurement[] =>
  [1, 2, 4, 8].flatMap((c) => [64, 128].map((t) => measurement({ concurrency: c, max_new_tokens: t, throughput_tok_s: c * 40 - t / 10, p95: 300 * c + t, ...fields })));

describe('untrusted labels', () => {
  const evil = `<script>alert(1)</script>" onload="x & </svg><img src=x>`;
  const report = handReport([
    ...sweep({ gpu: evil, workload: 'chat' }),
    measurement({ gpu: evil, concurrency: 16, status: 'oom', throughput_tok_s: null, p95: null }),
    ...sweep({ gpu: 'GPU-B' }),
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

  it('reach the title, aria-label and legend verbatim', () => {
    const group = report.groups.find((g) => g.gpu === evil)!;
    const spec = throughputChart(group, seriesDomains(report));
    expect(spec.title).toContain(evil);
    expect(spec.ariaLabel).toContain(evil);
    const compare = renderChart(compareThroughputChart(report.groups, seriesDomains(report)));
    const legend = [...svgRoot(compare).querySelectorAll('text')].map(ownText);
    // Long labels are cut to fit, with the whole label in a tooltip.
    expect(legend.some((text) => text.startsWith('<script>alert(1)</script>" onload') && text.endsWith('…'))).toBe(true);
    expect(compare).toContain(`<title>${evil.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</title>`);
  });
});

describe('missing values', () => {
  const report = handReport([
    ...sweep(),
    // Stable but without throughput, and stable but without the SLO latency.
    measurement({ concurrency: 16, max_new_tokens: 64, throughput_tok_s: null, p95: 900 }),
    measurement({ concurrency: 16, max_new_tokens: 128, throughput_tok_s: 700, p95: null }),
    // Failed runs without any figure.
    measurement({ concurrency: 32, max_new_tokens: 64, status: 'timeout', throughput_tok_s: null, p95: null }),
    measurement({ concurrency: 32, max_new_tokens: 128, status: 'error', throughput_tok_s: null, p95: null, requests: null, failed: null }),
    measurement({ concurrency: 1, max_new_tokens: null, throughput_tok_s: 10, p95: 100 }),
  ]);

  it('never write NaN, undefined or Infinity into any chart', () => {
    for (const spec of allCharts(report)) {
      const svg = renderChart(spec);
      expect(svg, spec.id).not.toMatch(/NaN|undefined|Infinity/);
      expect(xmlProblems(svg), spec.id).toEqual([]);
    }
  });

  it('leave holes out of the lines, keep failed runs, and say what is only in the table', () => {
    const group = report.groups[0]!;
    const spec = throughputChart(group, seriesDomains(report));
    const svg = renderChart(spec);
    const paths = [...markGroups(svg, 'line')[0]!.querySelectorAll('path')];
    // 64, 128 and the series without max_new_tokens
    expect(paths).toHaveLength(3);
    for (const path of paths) expect(path.getAttribute('d')).toMatch(/^M[\d.,L]+Z?$/);
    const failures = markGroups(svg, 'dot').filter((g) => g.getAttribute('stroke') === '#d32f2f' && !g.hasAttribute('aria-hidden'));
    // Both failed runs sit at concurrency 32 with no throughput: one ✕ names both reasons.
    const markers = failures.flatMap((g) => [...g.querySelectorAll('path')]);
    expect(markers).toHaveLength(1);
    expect(markers[0]!.querySelector('title')!.textContent).toMatch(/timeout[\s\S]*error/);
    expect(svg).toContain('timeout, error');
    expect(spec.caption).toContain('1 run without a throughput is listed in the table only');
    expect(latencyChart(group, seriesDomains(report)).caption).toContain('1 run without a p95 e2e is listed in the table only');
  });
});

describe('rate-driven sweeps', () => {
  const rates = [0.5, 1, 2, 4];

  it('are charted against request rate, never an invented concurrency', () => {
    const report = handReport(rates.map((r) => measurement({ concurrency: null, request_rate: r, throughput_tok_s: r * 100, p95: 500 + r * 100 })));
    const spec = throughputChart(report.groups[0]!, seriesDomains(report));
    const root = svgRoot(renderChart(spec));
    expect(root.querySelector('g[data-mark="x-axis label"]')?.textContent).toBe('Request rate (req/s)');
    expect([...root.querySelectorAll('g[data-mark="x-axis tick label"] text')].map((t) => t.textContent)).toEqual(['0.5', '1', '2', '4']);
    expect(spec.title).toContain('request rate');
  });

  it('mixed with concurrency runs, are left to the table and the caption says so', () => {
    const report = handReport([
      ...sweep(),
      ...rates.map((r) => measurement({ concurrency: null, request_rate: r, max_new_tokens: 256, throughput_tok_s: r * 100, p95: 500 })),
    ]);
    const spec = throughputChart(report.groups[0]!, seriesDomains(report));
    const svg = renderChart(spec);
    expect(spec.caption).toContain('4 runs driven by request rate are not on this concurrency axis and are listed in the table');
    expect(svgRoot(svg).querySelector('g[data-mark="x-axis label"]')?.textContent).toBe('Concurrency (requests in flight)');
    // Only the two concurrency series are drawn; the 256-token rate series is not.
    expect(markGroups(svg, 'line')[0]!.querySelectorAll('path')).toHaveLength(2);
  });
});

describe('odd shapes of data', () => {
  it('renders a group tested at a single concurrency, and one where every run failed', () => {
    const report = handReport([
      measurement({ gpu: 'One', concurrency: 8, throughput_tok_s: 300, p95: 900 }),
      measurement({ gpu: 'Broken', concurrency: 8, status: 'oom', throughput_tok_s: null, p95: null }),
      measurement({ gpu: 'Broken', concurrency: 16, status: 'oom', throughput_tok_s: null, p95: null }),
    ]);
    for (const spec of allCharts(report)) {
      const svg = renderChart(spec);
      expect(svg, spec.id).not.toMatch(/NaN|undefined|Infinity/);
      expect(xmlProblems(svg), spec.id).toEqual([]);
    }
    const broken = report.groups.find((g) => g.gpu === 'Broken')!;
    expect(throughputChart(broken, seriesDomains(report)).caption).toMatch(/No run met the SLO/);
  });
});

describe('several failures at one load', () => {
  it('share one ✕ with a count, not labels printed over each other', () => {
    const report = handReport([
      ...sweep(),
      measurement({ concurrency: 16, max_new_tokens: 64, status: 'oom', throughput_tok_s: null, p95: null }),
      measurement({ concurrency: 16, max_new_tokens: 128, status: 'oom', throughput_tok_s: null, p95: null }),
    ]);
    for (const spec of [throughputChart(report.groups[0]!, seriesDomains(report)), latencyChart(report.groups[0]!, seriesDomains(report))]) {
      const svg = renderChart(spec);
      const markers = markGroups(svg, 'dot')
        .filter((g) => g.getAttribute('stroke') === '#d32f2f' && !g.hasAttribute('aria-hidden'))
        .flatMap((g) => [...g.querySelectorAll('path')]);
      expect(markers, spec.id).toHaveLength(1);
      const tooltip = markers[0]!.querySelector('title')!.textContent!;
      expect(tooltip).toContain('16 × 64 tokens');
      expect(tooltip).toContain('16 × 128 tokens');
      expect(svg).toContain('OOM ×2');
    }
  });
});

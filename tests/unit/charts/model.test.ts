/** The chart layer on the new model: series per setup and load axis, ceilings, unjudged SLOs. */
import { describe, expect, it } from 'vitest';
import { compareLatencyChart, compareSelection, compareThroughputChart } from '../../../src/charts/compare.ts';
import { frontierChart } from '../../../src/charts/frontier.ts';
import { groupCharts } from '../../../src/charts/index.ts';
import { NO_LATENCY, latencyChart } from '../../../src/charts/latency.ts';
import { msTick, thinTicks, WIDTH } from '../../../src/charts/layout.ts';
import { textWidth } from '../../../src/charts/legend.ts';
import { CEILING_LEGEND } from '../../../src/charts/view.ts';
import { FAILURE_COLOR, seriesDomains, setupColor } from '../../../src/charts/palette.ts';
import { renderChart } from '../../../src/charts/render.ts';
import { throughputChart } from '../../../src/charts/throughput.ts';
import type { Measurement } from '../../../src/core/types.ts';
import { failureMarkers, handReport, holes, linePaths, markGroups, measurement, placedLabels, svgRoot, texts, vertices, xmlProblems, xTicks } from './helpers.ts';

const sweep = (fields: Parameters<typeof measurement>[0], loads = [1, 2, 4, 8], tokens = [64, 128]): Measurement[] =>
  loads.flatMap((c) => tokens.map((t) => measurement({ c, max_new_tokens: t, throughput_tok_s: c * 40 + t / 10, p95: 300 * c + t, ...fields })));

const xLabel = (svg: string) => svgRoot(svg).querySelector('g[data-mark="x-axis label"]')?.textContent;
const yLabel = (svg: string) => svgRoot(svg).querySelector('g[data-mark="y-axis label"]')?.textContent;

describe('a group with several setups', () => {
  // Two engines at the same loads: joined across setups, a line would have 8 vertices, not 4.
  const report = handReport([
    ...sweep({ setup: { engine: 'vllm' } }),
    ...sweep({ setup: { engine: 'sglang' } }).map((m, i) => ({ ...m, throughput_tok_s: 50 + i * 45, latency: { p95_e2e_ms: 200 + i * 150 } })),
  ]);
  const group = report.groups[0]!;
  const domains = seriesDomains(report);

  it('draws one line per series, never joining two setups', () => {
    expect(group.setups).toHaveLength(2);
    expect(group.series).toHaveLength(4);
    for (const spec of [throughputChart(group, domains), latencyChart(group, domains)]) {
      const svg = renderChart(spec);
      const paths = linePaths(svg);
      expect(paths, spec.id).toHaveLength(4);
      for (const path of paths) expect(vertices(path), spec.id).toBe(4);
      // One colour per setup, each on its two output lengths.
      const strokes = paths.map((p) => p.getAttribute('stroke')).sort();
      expect(strokes, spec.id).toEqual([setupColor(0), setupColor(0), setupColor(1), setupColor(1)].sort());
      expect(holes(svg)).toEqual([]);
    }
  });

  it('names each series by its setup and output length, under a heading saying what varies', () => {
    const spec = throughputChart(group, domains);
    const shown = texts(renderChart(spec));
    expect(shown).toEqual(expect.arrayContaining(['Engine · max_new_tokens', 'SGLang · 64 tokens', 'SGLang · 128 tokens', 'vLLM · 64 tokens', 'vLLM · 128 tokens']));
    expect(spec.caption).toContain('one line per setup and max_new_tokens');
    const tooltips = [...svgRoot(renderChart(spec)).querySelectorAll('g[data-mark="dot"] title')].map((t) => t.textContent);
    expect(tooltips.some((t) => t?.startsWith('SGLang, concurrency 1 × 64 tokens'))).toBe(true);
  });

  it('names series by setup alone when the setups share one output length', () => {
    const one = handReport([...sweep({ setup: { engine: 'vllm' } }, [1, 2, 4], [64]), ...sweep({ setup: { engine: 'sglang' } }, [1, 2, 4], [64])]);
    const shown = texts(renderChart(throughputChart(one.groups[0]!, seriesDomains(one))));
    expect(shown).toEqual(expect.arrayContaining(['Engine', 'SGLang', 'vLLM']));
    expect(shown).not.toContain('vLLM · 64 tokens');
  });

  it('puts every setup on the frontier, saying so', () => {
    const spec = frontierChart(group, domains);
    expect(spec.caption).toContain('for every run of every setup');
    expect(holes(renderChart(spec))).toEqual([]);
  });
});

describe('load axes', () => {
  it('puts a rate-driven sweep on a request-rate axis, with the rate in the title', () => {
    const report = handReport([0.5, 1, 2, 4].map((rate) => measurement({ rate, throughput_tok_s: rate * 100, p95: 500 + rate * 100 })));
    const spec = throughputChart(report.groups[0]!, seriesDomains(report));
    const svg = renderChart(spec);
    expect(xLabel(svg)).toBe('Request rate (req/s)');
    expect(xTicks(svg)).toEqual(['0.5', '1', '2', '4']);
    expect(spec.title).toContain('vs request rate');
    expect(linePaths(svg)).toHaveLength(1);
  });

  it('charts a group on its majority axis; runs on the other axis are left to the tables, never joined', () => {
    const report = handReport([
      ...sweep({}, [1, 2, 4, 8], [64]),
      ...[0.5, 1].map((rate) => measurement({ rate, max_new_tokens: 64, throughput_tok_s: rate * 100, p95: 500 })),
    ]);
    const group = report.groups[0]!;
    expect(group.series.map((s) => s.axis)).toEqual(['concurrency', 'request_rate']);
    for (const spec of [throughputChart(group, seriesDomains(report)), latencyChart(group, seriesDomains(report))]) {
      const svg = renderChart(spec);
      expect(xLabel(svg)).toBe('Concurrency (requests in flight)');
      const paths = linePaths(svg);
      expect(paths).toHaveLength(1);
      expect(vertices(paths[0]!)).toBe(4);
      expect(spec.caption).toContain('2 runs driven by request rate are not on this concurrency axis');
    }
  });

  it('labels latency ticks as whole ms where the tick is whole, with decimals only where it has them', () => {
    expect([0, 5, 10, 4570, 2.5, 0.25].map(msTick)).toEqual(['0', '5', '10', '4570', '2.5', '0.25']);
  });

  it('thins tick labels that would collide, keeping the first and the last', () => {
    const linear = (v: number) => v;
    expect(thinTicks([0, 5, 10, 100], linear, String)).toEqual([0, 100]);
    expect(thinTicks([0, 50, 100], linear, String)).toEqual([0, 50, 100]);
    const loads = [1, 2, 4, 8, 16, 32, 64, 128, 256, 320, 384, 512, 640, 768, 1024];
    const report = handReport(loads.map((c) => measurement({ c, max_new_tokens: 512, throughput_tok_s: c * 8, p95: 1000 + c, requests: 2048 })));
    const svg = renderChart(throughputChart(report.groups[0]!, seriesDomains(report)));
    const ticks = xTicks(svg);
    expect(ticks[0]).toBe('1');
    expect(ticks[ticks.length - 1]).toBe('1024');
    expect(ticks.length).toBeLessThan(loads.length);
    // No two kept labels overlap: positions from the tick transforms, widths as estimated.
    const at = [...svgRoot(svg).querySelectorAll('g[data-mark="x-axis tick label"] text')].map((t) => Number(/translate\(([\d.]+)/.exec(t.getAttribute('transform') ?? '')![1]));
    for (let i = 1; i < ticks.length; i++) {
      expect(at[i]! - at[i - 1]!, `${ticks[i - 1]} → ${ticks[i]}`).toBeGreaterThanOrEqual((textWidth(ticks[i - 1]!) + textWidth(ticks[i]!)) / 2);
    }
    expect(at.every((x) => x > 0 && x < WIDTH)).toBe(true);
  });
});

describe('ceiling runs (unbounded load)', () => {
  const report = handReport([
    ...sweep({}, [1, 2, 4, 8, 16], [64]),
    measurement({ unbounded: true, max_new_tokens: 64, throughput_tok_s: 900, p95: 1900, requests: 1000 }),
  ]);
  const group = report.groups[0]!;
  const domains = seriesDomains(report);
  // Hollow symbols drawn as paths in the text colour: rings are circles, failures are red.
  const ceilingMarks = (svg: string) => markGroups(svg, 'dot')
    .filter((g) => g.getAttribute('fill') === 'none' && g.getAttribute('stroke') === 'currentColor' && !g.hasAttribute('aria-hidden') && g.querySelector('path') !== null);

  it('are on the frontier as hollow squares with their own legend entry', () => {
    const spec = frontierChart(group, domains);
    const svg = renderChart(spec);
    const marks = ceilingMarks(svg).flatMap((g) => [...g.querySelectorAll('path')]);
    expect(marks).toHaveLength(1);
    expect(marks[0]!.querySelector('title')!.textContent).toContain('unbounded load');
    expect(texts(svg)).toContain(CEILING_LEGEND);
    expect(spec.caption).toContain('Hollow squares mark 1 run at unbounded load');
  });

  it('are never ringed as recommended, even if a report said so', () => {
    const ceiling = group.points.find((p) => p.load.axis === 'unbounded')!;
    const forged = { ...group, recommendation: ceiling.id, sweet_spots: [ceiling.id] };
    const svg = renderChart(frontierChart(forged, domains));
    expect(placedLabels(svg).map((t) => t.textContent)).not.toContain('recommended');
    expect(markGroups(svg, 'dot').filter((g) => g.getAttribute('stroke-width') === '2' && g.getAttribute('stroke') === 'currentColor' && !g.hasAttribute('aria-hidden')).flatMap((g) => [...g.querySelectorAll('circle, path')])).toHaveLength(0);
  });

  it('are not placed on load charts, and the caption says so', () => {
    for (const spec of [throughputChart(group, domains), latencyChart(group, domains)]) {
      const svg = renderChart(spec);
      expect(ceilingMarks(svg), spec.id).toHaveLength(0);
      expect(spec.caption, spec.id).toContain('1 run at unbounded load (a ceiling, not an operating point) is not on a load axis');
    }
  });

  it('alone, leave a load chart with a message instead of an empty axis', () => {
    const only = handReport([measurement({ unbounded: true, throughput_tok_s: 900, p95: 1900 })]);
    const specs = groupCharts(only.groups[0]!, seriesDomains(only));
    for (const spec of specs) {
      const svg = renderChart(spec);
      expect(xmlProblems(svg), spec.id).toEqual([]);
      expect(holes(svg), spec.id).toEqual([]);
    }
    expect(texts(renderChart(specs[0]!))).toContain('No run at a bounded load: see the tables');
    expect(ceilingMarks(renderChart(specs[2]!))).toHaveLength(1);
  });
});

describe('runs that never reached their load', () => {
  it('are drawn like failed runs and labelled so', () => {
    const report = handReport([...sweep({}, [1, 2, 4, 8], [64]), measurement({ c: 16, throughput_tok_s: 500, p95: 3000, requests: 10 })]);
    const group = report.groups[0]!;
    expect(group.points.find((p) => p.load.value === 16)!.reached_load).toBe(false);
    const spec = throughputChart(group, seriesDomains(report));
    const svg = renderChart(spec);
    expect(failureMarkers(svg)).toHaveLength(1);
    expect(placedLabels(svg).map((t) => t.textContent)).toContain('load not reached');
    expect(texts(svg).filter((t) => t === 'load not reached')).toHaveLength(2); // the label and the legend
    expect(spec.caption).toContain('a run that never reached its load');
    // Not part of its series' line.
    expect(vertices(linePaths(svg)[0]!)).toBe(4);
  });
});

describe('an SLO the data cannot judge', () => {
  // The chat SLO is on p95 e2e; these runs carry only p99 e2e.
  const report = handReport(sweep({ p95: null }, [1, 2, 4, 8], [64]).map((m, i) => ({ ...m, latency: { p99_e2e_ms: 500 + i * 400 } })));
  const group = report.groups[0]!;
  const domains = seriesDomains(report);

  it('plots the latency the runs carry, names it, and draws no SLO rule', () => {
    expect(group.slo.measured).toBe(false);
    for (const spec of [latencyChart(group, domains), frontierChart(group, domains)]) {
      const svg = renderChart(spec);
      expect(markGroups(svg, 'rule'), spec.id).toHaveLength(0);
      expect(texts(svg).some((t) => t.startsWith('SLO')), spec.id).toBe(false);
      expect(spec.caption, spec.id).toContain(', a latency these runs carry, with no SLO line.');
      expect(spec.caption, spec.id).toContain('This chart plots p99 e2e');
      expect(spec.caption.match(/not judged/g), spec.id).toHaveLength(1);
      expect(holes(svg)).toEqual([]);
    }
    expect(latencyChart(group, domains).title).toMatch(/^p99 e2e latency vs concurrency/);
    expect(yLabel(renderChart(latencyChart(group, domains)))).toBe('p99 e2e (ms)');
    expect(svgRoot(renderChart(frontierChart(group, domains))).querySelector('g[data-mark="x-axis label"]')?.textContent).toBe('p99 e2e (ms)');
  });

  it('says there is nothing to recommend because it cannot be judged', () => {
    const caption = throughputChart(group, domains).caption;
    expect(caption).toContain('Nothing is recommended: the SLO is not judged.');
    // Said once per caption, and never as a failure.
    expect(caption.match(/not judged/g)).toHaveLength(1);
  });

  it('without any latency, still gives valid charts that say there is no latency to plot', () => {
    const bare = handReport(sweep({ p95: null }, [1, 2, 4], [64]));
    const g = bare.groups[0]!;
    for (const spec of [latencyChart(g, seriesDomains(bare)), frontierChart(g, seriesDomains(bare))]) {
      const svg = renderChart(spec);
      expect(xmlProblems(svg), spec.id).toEqual([]);
      expect(texts(svg), spec.id).toContain(NO_LATENCY);
      expect(spec.caption, spec.id).toContain('there is no latency to plot');
    }
    expect(linePaths(renderChart(throughputChart(g, seriesDomains(bare))))).toHaveLength(1);
  });
});

describe('compare charts on the new model', () => {
  it('draw one line per GPU, named with the setup when its group has several', () => {
    const report = handReport([
      ...sweep({ gpu: 'A', setup: { engine: 'vllm' } }, [1, 2, 4], [64]),
      // SGLang's runs are faster: the recommendation lands there.
      ...sweep({ gpu: 'A', setup: { engine: 'sglang' } }, [1, 2, 4], [64]).map((m) => ({ ...m, throughput_tok_s: m.throughput_tok_s! * 2 })),
      ...sweep({ gpu: 'B' }, [1, 2, 4], [64]),
    ]);
    const chat = report.groups;
    const a = chat.find((g) => g.gpu === 'A')!;
    expect(compareSelection(a).setup?.label).toBe('SGLang');
    const spec = compareThroughputChart(chat, seriesDomains(report));
    const svg = renderChart(spec);
    const paths = linePaths(svg);
    expect(paths).toHaveLength(2);
    for (const path of paths) expect(vertices(path)).toBe(3);
    expect(texts(svg)).toEqual(expect.arrayContaining(['GPU · setup', 'A · SGLang', 'B']));
    expect(spec.caption).toContain('A at 64 tokens, SGLang (its recommendation)');
  });

  it('leave a GPU swept on the other axis to its page, and say so', () => {
    const report = handReport([
      ...sweep({ gpu: 'A' }, [1, 2, 4], [64]),
      ...sweep({ gpu: 'B' }, [1, 2, 4], [64]),
      ...[0.5, 1, 2].map((rate) => measurement({ gpu: 'C', rate, throughput_tok_s: rate * 100, p95: 600 })),
    ]);
    for (const spec of [compareThroughputChart(report.groups, seriesDomains(report)), compareLatencyChart(report.groups, seriesDomains(report))]) {
      const svg = renderChart(spec);
      expect(linePaths(svg), spec.id).toHaveLength(2);
      expect(spec.caption, spec.id).toContain('C’s series was driven by request rate and is not on this concurrency axis');
    }
  });

  it('draw failed runs of the chosen series in the failure colour', () => {
    const report = handReport([...sweep({ gpu: 'A' }, [1, 2, 4], [64]), measurement({ gpu: 'A', c: 8, status: 'oom', throughput_tok_s: null, p95: null })]);
    const svg = renderChart(compareLatencyChart(report.groups, seriesDomains(report)));
    expect(failureMarkers(svg)).toHaveLength(1);
    expect(failureMarkers(svg)[0]!.closest('g')!.getAttribute('stroke')).toBe(FAILURE_COLOR);
    expect(texts(svg)).toContain('OOM, not measured');
  });
});

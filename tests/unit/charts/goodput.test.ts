import { describe, expect, it } from 'vitest';
import { attainmentChart, goodputChart } from '../../../src/charts/goodput.ts';
import { renderChart, seriesDomains } from '../../../src/charts/index.ts';
import { HIT_CLASS } from '../../../src/charts/tips.ts';
import { frontierChart } from '../../../src/charts/frontier.ts';
import { configWith, groupOf, handReport, measurement, plotScales } from './helpers.ts';

const JOINT = { kind: 'attainment' as const, bounds: { ttft_ms: 500 }, target: 0.9 };
const stats = (met: number) => ({ total: 100, succeeded: 100, met, met_output_tokens: met * 64, duration_s: 10, latency: {}, quantiles: {}, disagreements: [] });
const runs = (withRecords: boolean) => [1, 2, 4].map((c, i) => measurement({ c, duration_s: 10, request_stats: withRecords ? stats([100, 95, 80][i]!) : null }));

describe('attainment and goodput against load', () => {
  it('are drawn only when the joint SLO was judged on per-request records', () => {
    const summaries = handReport(runs(false), configWith({ chat: JOINT }));
    const group = groupOf(summaries, 'GPU-A', 'chat');
    expect(group.slo.judged).not.toBe('requests');
    expect(attainmentChart(group, seriesDomains(summaries))).toBeNull();
    expect(goodputChart(group, seriesDomains(summaries))).toBeNull();
  });

  it('every run drawn has a hover label with its attainment and goodput, linking to its row; the target is a rule', () => {
    const report = handReport(runs(true), configWith({ chat: JOINT }));
    const group = groupOf(report, 'GPU-A', 'chat');
    const spec = attainmentChart(group, seriesDomains(report))!;
    const svg = renderChart(spec, { link: (run) => `/gpus/${run.gpu_slug}/${run.workload_slug}/#run-${run.point}` });
    const hits = [...svg.matchAll(new RegExp(`<a class="${HIT_CLASS}"[^>]*>`, 'g'))].map((m) => m[0]);
    expect(hits).toHaveLength(3);
    expect(hits[2]).toContain('80.0% within SLO, goodput 8 req/s of 100 requests');
    expect(hits.every((a) => /href="\/gpus\/gpu-a\/chat\/#run-c\d+-t64"/.test(a))).toBe(true);
    expect(svg).toContain('≥ 90%');
    expect(goodputChart(group, seriesDomains(report))!.ariaLabel).toContain('Highest: 10 req/s at concurrency 1 × 64 tokens');
  });

  it('when no request met the SLO, goodput sits on the floor of a scale with a height, not in a collapsed middle', () => {
    const report = handReport([1, 2].map((c) => measurement({ c, duration_s: 10, request_stats: stats(0) })), configWith({ chat: JOINT }));
    const group = groupOf(report, 'GPU-A', 'chat');
    expect(plotScales(goodputChart(group, seriesDomains(report))!).y.domain).toEqual([0, 1]);
    expect(plotScales(frontierChart(group, seriesDomains(report))).y.domain).toEqual([0, 1]);
  });
});

import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReport } from '../../../src/core/load.ts';
import type { Report } from '../../../src/core/types.ts';
import { tableContext } from '../../../src/site/tables/context.ts';
import { FIGURES, figureIds, resolveFigure } from '../../../src/site/views/figures.ts';
import { REALDATA } from '../core/paths.ts';
import { fixtureReport } from './fixtures.ts';

let seed: Report;
beforeAll(async () => {
  seed = await loadReport(path.join(REALDATA, 'ozgurgulerx__inference-journal'));
});

const resolve = (report: Report, id: string) => resolveFigure(report.groups, tableContext(report).gaps, id);

describe('<Num> figures', () => {
  it('resolve a figure with its unit, a link to its run and the line it comes from', () => {
    expect(resolve(seed, 'runpod-rtx2000-16gb/chat/max_throughput')).toEqual({
      id: 'runpod-rtx2000-16gb/chat/max_throughput', text: '620.4 tok/s',
      href: '/gpus/runpod-rtx2000-16gb/chat/#run-c16-t128', sources: 'day003_chat_capacity_rtx16gb.csv:12',
    });
    expect(resolve(seed, 'runpod-rtx2000-16gb/batch/recommended_headroom').text).toBe('9%');
    expect(resolve(seed, 'runpod-rtx2000-16gb/chat/recommended_latency')).toMatchObject({ text: '1316 ms', href: '/gpus/runpod-rtx2000-16gb/chat/#run-c16-t64' });
    expect(resolve(seed, 'runpod-rtx2000-16gb/chat/recommended_load').text).toBe('concurrency 16');
    expect(resolve(seed, 'runpod-rtx2000-16gb/chat/max_stable_concurrency').text).toBe('16');
    // A figure of the whole group links to its page and rests on no one run.
    expect(resolve(seed, 'runpod-rtx2000-16gb/chat/slo_threshold')).toEqual({ id: 'runpod-rtx2000-16gb/chat/slo_threshold', text: '2000 ms', href: '/gpus/runpod-rtx2000-16gb/chat/', sources: '' });
  });

  it('name the files of a point of repeats, collapsed, at most three', async () => {
    const report = await fixtureReport('data');
    expect(resolve(report, 'l4-24gb-synthetic/chat/recommended_throughput')).toMatchObject({ text: '1492.4 tok/s', sources: 'synthetic-l4/l4_chat_sweep.csv:14' });
    expect(resolve(report, 'l4-24gb-synthetic/batch/max_throughput')).toMatchObject({ text: '2505.1 tok/s', href: '/gpus/l4-24gb-synthetic/batch/#run-c64-t256' });
  });

  it('give a figure the data lacks as its gap of the core\'s list', () => {
    const figure = resolve(seed, 'runpod-rtx2000-16gb/batch/peak_p95_ttft');
    expect(figure).toEqual({
      id: 'runpod-rtx2000-16gb/batch/peak_p95_ttft', text: 'not measured', gap: 'runpod-rtx2000-16gb/batch||p95_ttft_ms',
      href: '/gpus/runpod-rtx2000-16gb/batch/#run-c32-t256', sources: 'day003_batch_capacity_rtx16gb.csv:6',
    });
    expect(seed.gaps.map((g) => g.key)).toContain(figure.gap);
  });

  it('say "none" and why when there is no figure and nothing is missing', async () => {
    const report = await fixtureReport('data');
    expect(resolve(report, 'l4-24gb-synthetic/rag/recommended_throughput')).toEqual({
      id: 'l4-24gb-synthetic/rag/recommended_throughput', text: 'none: no run met the SLO', none: 'none: no run met the SLO',
      href: '/gpus/l4-24gb-synthetic/rag/', sources: '',
    });
    expect(resolve(report, 'l4-24gb-synthetic/rag/recommended_latency').none).toBe('none: no run met the SLO');
    expect(resolve(report, 'l4-24gb-synthetic/chat/saturation_load')).toMatchObject({ text: 'not saturated up to concurrency 64', none: 'not saturated up to concurrency 64' });
    const setups = await fixtureReport('setups');
    expect(resolve(setups, 'h100/stream/recommended_max_tokens')).toMatchObject({ text: 'not applicable: the run set no max_tokens', href: '/gpus/h100/stream/#run-r4-tna' });
    expect(resolve(setups, 'h100/stream/recommended_concurrency').text).toBe('not applicable: the recommendation is driven by request rate');
    expect(resolve(setups, 'h100/stream/max_stable_concurrency').text).toBe('not applicable: the sweep is driven by request rate');
    expect(resolve(setups, 'h100/stream/recommended_load').text).toBe('request rate 4 req/s');
    expect(resolve(setups, 'h100/stream/max_stable_load').text).toBe('request rate 8 req/s');
  });

  it('throw on an unknown id, listing the groups and names that exist', () => {
    const message = 'expects "<gpu>/<workload>/<name>" with <gpu>/<workload> one of runpod-rtx2000-16gb/batch, runpod-rtx2000-16gb/chat'
      + ` and <name> one of ${Object.keys(FIGURES).join(', ')}`;
    expect(() => resolve(seed, 'rtx/chat/max_throughput')).toThrow(`<Num figure="rtx/chat/max_throughput"> ${message}`);
    expect(() => resolve(seed, 'runpod-rtx2000-16gb/chat/max_troughput')).toThrow(`<Num figure="runpod-rtx2000-16gb/chat/max_troughput"> ${message}`);
    expect(() => resolve(seed, 'runpod-rtx2000-16gb/chat')).toThrow(/^<Num figure="runpod-rtx2000-16gb\/chat"> expects/);
  });

  it('are offered for every group and name', () => {
    const ids = figureIds(seed.groups);
    expect(ids).toHaveLength(2 * Object.keys(FIGURES).length);
    expect(ids).toContain('runpod-rtx2000-16gb/chat/recommended_latency');
    expect(ids[0]).toBe('runpod-rtx2000-16gb/batch/max_throughput');
    for (const id of ids) expect(() => resolve(seed, id), id).not.toThrow();
  });

  it('src bug: saturation_concurrency of a rate-driven sweep is not applicable, not "not saturated up to 8" (8 req/s)', async () => {
    const setups = await fixtureReport('setups');
    expect(resolve(setups, 'h100/stream/saturation_concurrency').text).toBe('not applicable: the sweep is driven by request rate');
  });

  it('src bug: max_stable_load links to the run of the headline setup (TP2), not the first setup\'s run at that load', async () => {
    const setups = await fixtureReport('setups');
    expect(setups.groups.find((g) => g.slug === 'h100/chat')!.headline_setup).toBe(setups.groups.find((g) => g.slug === 'h100/chat')!.setups[1]!.id);
    expect(resolve(setups, 'h100/chat/max_stable_load')).toMatchObject({ text: 'concurrency 16', href: '/gpus/h100/chat/#run-c16-t128-tp2', sources: 'chat_sweep.csv:7' });
  });
});

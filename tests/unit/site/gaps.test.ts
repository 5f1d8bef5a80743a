import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/types.ts';
import { siteGaps } from '../../../src/site/gaps.ts';
import { fixtureReport } from './fixtures.ts';

describe('site gaps', () => {
  it('are the core\'s gaps first, then the figures the pages and the write-up show as not measured', async () => {
    const report = await fixtureReport('data');
    const gaps = siteGaps(report);
    expect(gaps.slice(0, report.gaps.length)).toEqual(report.gaps);
    // The sample's harnesses recorded no TPOT or ITL: the write-up's decode table says so.
    expect(gaps.slice(report.gaps.length)).toContainEqual({
      where: 'p50 TPOT on RunPod-RTX2000-16GB (chat)', what: 'p50 TPOT (ms)',
      hint: 'add a p50_tpot_ms column in rtx2000-ada/day003_chat_capacity_rtx16gb.csv',
    });
  });

  it('list a missing figure once, in the core\'s words', async () => {
    const report = await fixtureReport('several-gpus');
    const gaps = siteGaps(report);
    const p95 = gaps.filter((g) => g.where === 'A100-80GB / chat c8-t256');
    expect(p95).toEqual([{ where: 'A100-80GB / chat c8-t256', what: 'p95_e2e_ms', hint: 'add a p95_e2e_ms value at a100_sweep.csv:10' }]);
  });

  it('do not count figures of runs that did not finish (their status explains them)', async () => {
    const report = await fixtureReport('several-gpus');
    expect(siteGaps(report).some((g) => g.where.includes('c64-t128') || g.where.includes('c64-t512'))).toBe(false);
  });

  it('count a figure a page shows as "not measured" that the core does not list', async () => {
    const report = structuredClone(await fixtureReport('data')) as Report;
    const group = report.groups.find((g) => g.gpu === 'L4-24GB (synthetic)' && g.workload === 'chat')!;
    delete group.points[0]!.latency.p50_e2e_ms;
    const gaps = siteGaps(report);
    expect(gaps).toContainEqual({ where: 'L4-24GB (synthetic) / chat c1-t64', what: 'p50_e2e_ms', hint: 'add the value at synthetic-l4/l4_chat_sweep.csv:2' });
  });
});

import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/core/markdown.ts';
import { groupSchema, reportSchema } from '../../../src/site/schema.ts';
import { fixtureReport } from './fixtures.ts';

describe('collection schemas', () => {
  it('accept the Report of every fixture as the core builds it', async () => {
    for (const name of ['data', 'several-gpus', 'no-slo'] as const) {
      const report = await fixtureReport(name);
      for (const [order, group] of report.groups.entries()) expect(groupSchema.parse({ ...group, order })).toEqual({ ...group, order });
      const { groups, ...rest } = report;
      void groups;
      expect(reportSchema.parse({ ...rest, markdown: renderMarkdown(report), logo: null })).toEqual({ ...rest, markdown: renderMarkdown(report), logo: null });
    }
  });

  it('reject a group whose slug could name a path outside its folder', async () => {
    const group = (await fixtureReport('data')).groups[0]!;
    expect(groupSchema.safeParse({ ...group, order: 0, gpu_slug: '../etc' }).success).toBe(false);
  });

  it('reject a figure that is not finite', async () => {
    const group = structuredClone((await fixtureReport('data')).groups[0]!);
    group.points[0]!.throughput_tok_s = Number.NaN;
    const result = groupSchema.safeParse({ ...group, order: 0 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['points', 0, 'throughput_tok_s']);
  });
});

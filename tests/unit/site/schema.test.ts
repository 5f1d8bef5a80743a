import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/core/markdown.ts';
import type { Report } from '../../../src/core/types.ts';
import { reportDataSchema, reportSchema } from '../../../src/site/schema.ts';
import { fixtureReport, realFolders, type FixtureName } from './fixtures.ts';

const entry = (report: Report) => ({ status: 'ok' as const, report, markdown: renderMarkdown(report), logo: null, cache: null });

describe('the report collection\'s schema', () => {
  it.each(['data', 'several-gpus', 'no-slo', 'setups', 'branded'] satisfies FixtureName[])('accepts the Report of %s as the core builds it, unchanged', async (name) => {
    const report = await fixtureReport(name);
    expect(reportSchema.parse(entry(report))).toEqual(entry(report));
  });

  it('accepts the Report of every folder of real results that loads', async () => {
    const folders = (await realFolders()).filter((f) => f.report !== null);
    expect(folders.length).toBeGreaterThanOrEqual(5);
    for (const { folder, report } of folders) {
      const result = reportDataSchema.safeParse(report);
      expect(result.success ? [] : result.error.issues.slice(0, 3), folder).toEqual([]);
    }
  });

  it('accepts the dev error entry and a checked logo', async () => {
    expect(reportSchema.parse({ status: 'error', message: 'Invalid data in data:\n…' })).toEqual({ status: 'error', message: 'Invalid data in data:\n…' });
    const report = await fixtureReport('no-slo');
    const logo = { file: '/logo.svg', type: 'image/svg+xml', data: 'PHN2Zy8+' };
    expect(reportSchema.safeParse({ ...entry(report), logo }).success).toBe(true);
    expect(reportSchema.safeParse({ ...entry(report), logo: { ...logo, file: '/../logo.svg' } }).success).toBe(false);
  });

  it('rejects a figure that is not finite, naming its path', async () => {
    const report = structuredClone(await fixtureReport('data')) as Report;
    report.groups[0]!.points[0]!.throughput_tok_s = Number.NaN;
    const result = reportSchema.safeParse(entry(report));
    expect(result.success).toBe(false);
    const direct = reportDataSchema.safeParse(report);
    expect(direct.success).toBe(false);
    expect(direct.error?.issues[0]?.path).toEqual(['groups', 0, 'points', 0, 'throughput_tok_s']);
  });

  it('rejects a slug that could name a path outside its folder, and a report without its Markdown', async () => {
    const report = structuredClone(await fixtureReport('data')) as Report;
    report.groups[1]!.gpu_slug = '../etc';
    expect(reportDataSchema.safeParse(report).error?.issues[0]?.path).toEqual(['groups', 1, 'gpu_slug']);
    const { markdown: _markdown, ...noMarkdown } = entry(await fixtureReport('data'));
    expect(reportSchema.safeParse(noMarkdown).success).toBe(false);
  });
});

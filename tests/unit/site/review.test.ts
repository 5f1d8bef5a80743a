import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/core/analysis/report.ts';
import { buildReview } from '../../../src/core/analysis/review.ts';
import type { Measurement } from '../../../src/core/types.ts';
import { buildSiteModel } from '../../../src/site/model.ts';
import { printPages } from '../../../src/site/pages.ts';
import { reviewSchema } from '../../../src/site/review-schema.ts';
import { tableCsv } from '../../../src/site/tables/cells.ts';
import { resolveFigure } from '../../../src/site/views/figures.ts';
import { config, m } from '../core/helpers.ts';

function sweep(file: string, scale: number, extra: Partial<Measurement> = {}): Measurement[] {
  return [1, 4, 8, 16].map((c, i) => m({ gpu: 'L4', concurrency: c, throughput_tok_s: [50, 180, 340, 580][i]! * scale, p95: [900, 1200, 1800, 2600][i], source: { file, line: i + 2 }, ...extra }));
}

const oldRuns = sweep('old.csv', 1);
const newRuns = [...sweep('new.csv', 0.8), ...sweep('new-h100.csv', 2, { gpu: 'H100' })];
const candidate = buildReport(newRuns, config(), []);
const review = buildReview({ name: 'old', report: buildReport(oldRuns, config(), []), measurements: oldRuns }, { name: 'new', report: candidate, measurements: newRuns }, 5);
const model = buildSiteModel(candidate, [], undefined, review);

describe('the review in the site model', () => {
  it('adds /review/ to the registry, printed right after the overview', () => {
    expect(model.pages.map((p) => p.path)).toContain('/review/');
    expect(printPages(model.pages).slice(0, 2).map((p) => p.kind)).toEqual(['overview', 'review']);
    expect(buildSiteModel(candidate, []).pages.map((p) => p.path)).not.toContain('/review/');
  });

  it('lists a verdict per GPU × workload, regressions named with their change', () => {
    const view = model.review!;
    expect(view.sections.map((s) => s.line)).toEqual(['H100 – Chat workload: only in candidate', 'L4 – Chat workload: regressed (throughput at the SLO −20%)']);
    expect(view.counts).toEqual([{ verdict: 'regressed', count: 1 }, { verdict: 'only in candidate', count: 1 }]);
    expect(tableCsv(view.verdicts).split('\r\n')[2]).toBe('L4 – Chat workload,regressed,8 × 128,8 × 128,-20,0,±5% noise band');
  });

  it('serves every review table and chart as a download', () => {
    const files = new Set(model.tables.map((t) => t.csv));
    for (const t of model.review!.tables.filter((t) => t.rows.length)) expect(files.has(t.csv)).toBe(true);
    expect(model.charts.filter((c) => c.page === '/review/').map((c) => c.file)).toEqual([
      '/review/h100--chat-throughput.svg', '/review/h100--chat-latency.svg', '/review/l4--chat-throughput.svg', '/review/l4--chat-latency.svg',
    ]);
    expect(model.svg(model.charts.find((c) => c.file === '/review/l4--chat-throughput.svg')!)).toContain('stroke-dasharray="6 4"');
  });

  it('matches the stored schema', () => {
    expect(reviewSchema.safeParse(JSON.parse(JSON.stringify(review))).success).toBe(true);
  });

  it('gives <Num figure="…/review_delta"> the change, linked to its section; none without a baseline', () => {
    expect(resolveFigure(candidate.groups, model.context.gaps, 'l4/chat/review_delta', { review: model.review!.byGroup })).toMatchObject({ text: '−20%', href: '/review/#review-l4--chat', sources: 'new.csv:4' });
    expect(resolveFigure(candidate.groups, model.context.gaps, 'l4/chat/review_delta')).toMatchObject({ text: 'none: no baseline to compare with', none: 'none: no baseline to compare with' });
    expect(resolveFigure(candidate.groups, model.context.gaps, 'h100/chat/review_delta', { review: model.review!.byGroup }).text).toBe('none: only in candidate');
  });
});

describe('hostile labels in a review', () => {
  it('escapes a GPU label in the overlay charts and the Markdown section', async () => {
    const { reviewMarkdown } = await import('../../../src/core/review-output.ts');
    const label = '<img src=x onerror=alert(1)>|*';
    const a = sweep('a.csv', 1, { gpu: label, setup: { variant: '<b>x</b>' } });
    const b = sweep('b.csv', 0.8, { gpu: label, setup: { variant: '<b>y</b>' } });
    const cand = buildReport(b, config(), []);
    const r = buildReview({ name: 'a', report: buildReport(a, config(), []), measurements: a }, { name: 'b', report: cand, measurements: b }, 5);
    const site = buildSiteModel(cand, [], undefined, r);
    for (const chart of site.charts.filter((c) => c.page === '/review/')) {
      const svg = site.svg(chart);
      expect(svg).not.toContain('<img');
      expect(svg).not.toContain('<b>');
    }
    const md = reviewMarkdown(r);
    expect(md).not.toMatch(/(^|[^\\])<img/);
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>\\|\\*');
    expect(site.review!.sections[0]!.settings.rows.map((row) => row.cells.map((c) => c.text))).toEqual([['Variant', '<b>x</b>', '<b>y</b>']]);
  });
});

describe('a review with a history in the site model', () => {
  it('draws a trend per GPU × workload in both sizes, with its table and CSV, hostile labels escaped, and the schema keeps it', async () => {
    const { buildHistory } = await import('../../../src/core/analysis/history.ts');
    const label = '<img src=x onerror=alert(1)>';
    const runs = (file: string, scale: number) => sweep(file, scale, { gpu: label });
    const cand = buildReport(runs('c.csv', 0.8), config(), []);
    const base = runs('b.csv', 1);
    const r = buildReview({ name: 'b', report: buildReport(base, config(), []), measurements: base }, { name: 'c', report: cand, measurements: runs('c.csv', 0.8) }, 5);
    const history = buildHistory(
      [{ label: '<a>', date: '2026-09-01', report: buildReport(runs('a.csv', 0.9), config(), []) }, { label: 'b', date: '2026-10-01', report: buildReport(base, config(), []) }],
      { label: 'c', date: '2026-11-01', report: cand },
    );
    const withHistory = { ...r, history };
    expect(reviewSchema.parse(withHistory).history).toEqual(history);
    const site = buildSiteModel(cand, [], undefined, withHistory);
    const view = site.review!.history!;
    expect(view.count).toBe(3);
    expect(view.sections).toHaveLength(1);
    const table = view.sections[0]!.table;
    expect(table.rows.map((row) => row.cells.map((c) => c.text))).toEqual([
      ['<a>', '2026-09-01', 'baseline', '306.0', '1800'],
      ['b', '2026-10-01', 'baseline', '340.0', '1800'],
      ['c', '2026-11-01', 'candidate', '272.0', '1800'],
    ]);
    expect(tableCsv(table)).toContain('272');
    const charts = site.charts.filter((c) => c.spec.id.startsWith('history-'));
    expect(charts).toHaveLength(2);
    for (const chart of charts) {
      for (const size of ['wide', 'narrow'] as const) {
        const svg = site.svg(chart, size);
        expect(svg).not.toContain('<img');
        expect(svg).not.toContain('<a>');
        expect(svg).toContain('2026-11-01');
        expect(svg).not.toMatch(/NaN|undefined|Infinity/);
      }
    }
  });
});

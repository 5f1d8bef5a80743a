import { describe, expect, it } from 'vitest';
import { buildSiteModel } from '../../../src/site/model.ts';
import { tableCsv } from '../../../src/site/tables/cells.ts';
import { fixtureModel, fixtureReport, LIFE, type FixtureName } from './fixtures.ts';

const NAMES = ['data', 'several-gpus', 'no-slo', 'setups', 'branded'] satisfies FixtureName[];

describe('the site model', () => {
  it.each(NAMES)('%s: every table once, with a unique download, a caption and a cell under every column', async (name) => {
    const model = await fixtureModel(name);
    const csvs = model.tables.map((t) => t.csv);
    expect(new Set(csvs).size).toBe(csvs.length);
    for (const table of model.tables) {
      expect(table.caption, table.csv).not.toBe('');
      expect(table.csv, table.id).toMatch(/^\/[a-z0-9/_-]+\.csv$/);
      expect(table.rows.length, table.csv).toBeGreaterThan(0);
      for (const row of table.rows) {
        expect(row.cells, table.csv).toHaveLength(table.columns.length);
        for (const cell of row.cells) {
          expect(cell.text.trim(), table.csv).not.toBe('');
          expect(cell.text, table.csv).not.toMatch(/NaN|undefined|Infinity|null/);
          if (cell.kind === 'figure') expect(Number.isFinite(cell.value), table.csv).toBe(true);
          if (cell.kind === 'missing') expect(cell.gap, table.csv).toBeDefined();
          if (cell.kind === 'na' || cell.kind === 'absent' || cell.kind === 'missing') expect(cell.value, table.csv).toBeNull();
        }
      }
      expect(tableCsv(table).endsWith('\r\n'), table.csv).toBe(true);
    }
  });

  it('holds every table of every page of data/, each group\'s three and the comparisons', async () => {
    const model = await fixtureModel('data');
    const csvs = model.tables.map((t) => t.csv);
    expect(csvs.slice(0, 2)).toEqual(['/matrix.csv', '/recommendations.csv']);
    for (const view of model.groups.values()) {
      for (const table of [view.sweetSpots, view.saturation, view.runs]) if (table) expect(csvs, view.path).toContain(table.csv);
    }
    for (const view of model.compare.values()) expect(csvs).toContain(view.table.csv);
    expect(csvs).toContain('/data/files.csv');
    expect(csvs).toContain('/data/not-measured.csv');
    expect(csvs.filter((c) => c.startsWith('/gpus/'))).toHaveLength(5 + 4 + 5);
    // The RAG group had no sweet spot: there is no such download.
    expect(csvs).not.toContain('/gpus/l4-24gb-synthetic/rag/sweet-spots.csv');
  });

  it('keys the group and comparison views by slug, in the report\'s order', async () => {
    const model = await fixtureModel('data');
    expect([...model.groups.keys()]).toEqual(model.report.groups.map((g) => g.slug));
    expect([...model.compare.keys()]).toEqual(['batch', 'chat', 'rag']);
    expect(model.groups.get('runpod-rtx2000-16gb/chat')!.group).toBe(model.report.groups.find((g) => g.slug === 'runpod-rtx2000-16gb/chat'));
    expect(model.context.gaps.size).toBe(model.report.gaps.length);
    expect(model.fileAnchors.size).toBe(model.report.files.length);
  });

  it('takes its page list from the registry, write-ups and optional pages included', async () => {
    const report = await fixtureReport('no-slo');
    expect(buildSiteModel(report, []).pages.map((p) => p.path)).toEqual(['/', '/capacity-frontier/', '/data/', '/compare/chat/', '/gpus/t4/chat/']);
    const full = buildSiteModel(report, [LIFE], { review: true, plan: false });
    expect(full.pages.map((p) => p.path)).toEqual(['/', '/review/', '/life-of-a-request/', '/capacity-frontier/', '/data/', '/compare/chat/', '/gpus/t4/chat/']);
    expect(full.cards.map((c) => c.file)).toContain('/og/review/card.png');
  });

  it('is built from the report alone: the same report gives the same tables', async () => {
    const report = await fixtureReport('setups');
    const a = buildSiteModel(report, [LIFE]);
    const b = buildSiteModel(structuredClone(report), [LIFE]);
    expect(b.tables.map(tableCsv)).toEqual(a.tables.map(tableCsv));
    expect(b.cards.map((c) => [c.file, c.title, c.subtitle])).toEqual(a.cards.map((c) => [c.file, c.title, c.subtitle]));
  });
});

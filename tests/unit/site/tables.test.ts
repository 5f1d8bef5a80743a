import { describe, expect, it } from 'vitest';
import { allTables, csvParam } from '../../../src/site/tables.ts';
import { fixtureReport } from './fixtures.ts';

describe('every table of the site', () => {
  it('has a unique CSV path, and a caption and filled cells in every row', async () => {
    for (const name of ['data', 'several-gpus', 'no-slo'] as const) {
      const tables = allTables(await fixtureReport(name));
      const csvs = tables.map((t) => t.csv);
      expect(new Set(csvs).size).toBe(csvs.length);
      for (const table of tables) {
        expect(table.caption).not.toBe('');
        expect(table.rows.length).toBeGreaterThan(0);
        for (const row of table.rows) {
          expect(row.cells).toHaveLength(table.columns.length);
          for (const cell of row.cells) expect(cell.text.trim()).not.toBe('');
          for (const cell of row.cells) expect(cell.text).not.toMatch(/NaN|undefined|Infinity/);
        }
      }
    }
  });

  it('turns a CSV path into the catch-all route parameter', () => {
    expect(csvParam({ csv: '/gpus/l4/chat/runs.csv' })).toBe('gpus/l4/chat/runs');
    expect(csvParam({ csv: '/recommendations.csv' })).toBe('recommendations');
  });
});

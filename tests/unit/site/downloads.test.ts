import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { downloadFiles, downloadsWritten } from '../../../src/site/downloads.ts';
import type { SiteModel } from '../../../src/site/model.ts';
import { tableCsv } from '../../../src/site/tables/cells.ts';
import { fixtureModel } from './fixtures.ts';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const folder = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cf-downloads-'));
  made.push(dir);
  return dir;
};
const filesIn = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => `/${path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')}`).sort();

describe('downloads written by the build', () => {
  it('are every table\'s CSV and every chart\'s SVG file, with the bytes the endpoints serve', async () => {
    const model = await fixtureModel('several-gpus');
    const out = folder();
    expect(downloadsWritten(model, { CAPACITY_OUT: out })).toBe(true);
    const expected = [...model.tables.map((t) => t.csv), ...model.charts.map((c) => c.file)].sort();
    expect(filesIn(out)).toEqual(expected);
    for (const table of model.tables) expect(readFileSync(path.join(out, table.csv), 'utf8')).toBe(tableCsv(table));
    for (const chart of model.charts) expect(readFileSync(path.join(out, chart.file), 'utf8')).toBe(model.svg(chart, 'file'));
    expect(downloadFiles(model).map((d) => d.file).sort()).toEqual(expected);
  });

  it('are written once per build, and not at all without an output folder (the dev server serves them as routes)', async () => {
    const model = await fixtureModel('no-slo');
    expect(downloadsWritten(model, {})).toBe(false);
    const out = folder();
    expect(downloadsWritten(model, { CAPACITY_OUT: out })).toBe(true);
    const first = filesIn(out);
    rmSync(path.join(out, first[0]!));
    expect(downloadsWritten(model, { CAPACITY_OUT: out })).toBe(true);
    expect(filesIn(out)).toHaveLength(first.length - 1);
  });

  it('never leave the output folder', async () => {
    const model = await fixtureModel('no-slo');
    const hostile = { ...model, tables: [{ ...model.tables[0]!, csv: '/../escaped.csv' }], charts: [] } as SiteModel;
    const out = folder();
    expect(() => downloadsWritten(hostile, { CAPACITY_OUT: out })).toThrow(/would be written outside/);
    expect(readdirSync(path.dirname(out))).not.toContain('escaped.csv');
  });
});

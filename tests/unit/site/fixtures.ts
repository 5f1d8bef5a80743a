import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadReport } from '../../../src/core/load.ts';
import type { GroupReport, Report } from '../../../src/core/types.ts';
import { buildSiteModel, type SiteModel } from '../../../src/site/model.ts';
import type { WriteupPage } from '../../../src/site/pages.ts';
import type { Cell, Row, TableModel } from '../../../src/site/tables/cells.ts';
import { copyRealData, REALDATA, ROOT } from '../core/paths.ts';

/** Folders of small, hand-typed data sets for the site's tests. */
export const FIXTURES = path.join(ROOT, 'tests/fixtures/site');

/** The site fixture folders that load (`invalid` and `bad-logo` are for the loader's errors). */
export type FixtureName = 'several-gpus' | 'no-slo' | 'setups' | 'branded' | 'data';

/** The write-up the repository ships, as the page registry sees it. */
export const LIFE: WriteupPage = {
  id: 'life-of-a-request',
  title: 'Life of a Request',
  description: 'What happens to one request inside vLLM, from the HTTP call to the last token.',
};

const reports = new Map<string, Promise<Report>>();

/** The path of a fixture folder, or of the embedded `data/`. */
export function fixtureDir(name: FixtureName): string {
  return name === 'data' ? path.join(ROOT, 'data') : path.join(FIXTURES, name);
}

/** The Report of a site fixture folder or of the embedded `data/` (read once per test file). */
export function fixtureReport(name: FixtureName): Promise<Report> {
  const dir = fixtureDir(name);
  let report = reports.get(dir);
  if (!report) {
    report = loadReport(dir);
    reports.set(dir, report);
  }
  return report;
}

/** The site model of a fixture, built with the shipped write-up. */
export async function fixtureModel(name: FixtureName, writeups: readonly WriteupPage[] = [LIFE]): Promise<SiteModel> {
  return buildSiteModel(await fixtureReport(name), writeups);
}

/** The group of a report by GPU label and workload; throws naming the pair when it is not there. */
export function groupOf(report: Report, gpu: string, workload: string): GroupReport {
  const found = report.groups.find((g) => g.gpu === gpu && g.workload === workload);
  if (!found) throw new Error(`no ${gpu} / ${workload} in ${report.groups.map((g) => g.slug).join(', ')}`);
  return found;
}

/** The texts of a table's rows, as a page shows them. */
export function rowTexts(table: Pick<TableModel, 'rows'>): string[][] {
  return table.rows.map((r) => r.cells.map((c) => c.text));
}

/** The cell of a row under the column `key`; throws when the table has no such column. */
export function cellAt(table: Pick<TableModel, 'columns'>, row: Row, key: string): Cell {
  const index = table.columns.findIndex((c) => c.key === key);
  if (index === -1) throw new Error(`no column ${key} in ${table.columns.map((c) => c.key).join(', ')}`);
  return row.cells[index]!;
}

/** The row of a table with anchor `id`; throws when there is none. */
export function rowById(table: Pick<TableModel, 'rows'>, id: string): Row {
  const row = table.rows.find((r) => r.id === id);
  if (!row) throw new Error(`no row ${id} in ${table.rows.map((r) => r.id).join(', ')}`);
  return row;
}

// Folders of real results that record neither GPU nor workload: one labelling rule names both,
// and agg_bmk.json (an InferenceX aggregate, not a run) is skipped.
const LABELS = { files: { 'run/': { gpu: 'Real GPU', workload: 'chat' } }, ignore: [] as string[] };
const EXTRA_IGNORE: Readonly<Record<string, string[]>> = { 'ajith-sirra-amd__InferenceMAX_Rocm_Team': ['run/**/agg_bmk.json'] };

/** One folder of real results and its Report, or why it did not load. */
export interface RealFolder {
  folder: string;
  report: Report | null;
  /** How it was read: in place, or copied beside a labelling config. */
  how: 'in place' | 'labelled' | 'failed';
  error?: string;
}

/**
 * Every subfolder of the real data: read in place when it loads on its own, else copied into a
 * temporary folder beside a small labelling config (and removed again); null when neither loads.
 */
export async function realFolders(): Promise<RealFolder[]> {
  const folders = readdirSync(REALDATA, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const out: RealFolder[] = [];
  for (const folder of folders) {
    try {
      out.push({ folder, report: await loadReport(path.join(REALDATA, folder)), how: 'in place' });
      continue;
    } catch {
      // Not labelled on its own: try with the labelling config below.
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cf-site-real-'));
    try {
      copyRealData(dir, { run: folder }, { ...LABELS, ignore: EXTRA_IGNORE[folder] ?? [] });
      out.push({ folder, report: await loadReport(dir), how: 'labelled' });
    } catch (error) {
      out.push({ folder, report: null, how: 'failed', error: (error as Error).message });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

/** A real folder copied beside a config into a fresh temporary folder (the caller removes it). */
export function realCopy(folder: string, config: object): string {
  return copyRealData(mkdtempSync(path.join(os.tmpdir(), 'cf-site-real-')), { run: folder }, config);
}

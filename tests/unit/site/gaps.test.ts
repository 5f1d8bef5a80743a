import { beforeAll, describe, expect, it } from 'vitest';
import { gapKey } from '../../../src/core/analysis/gaps.ts';
import type { Report } from '../../../src/core/types.ts';
import { buildSiteModel, type SiteModel } from '../../../src/site/model.ts';
import { shownGaps } from '../../../src/site/tables/cells.ts';
import { figureIds, resolveFigure } from '../../../src/site/views/figures.ts';
import { fixtureModel, fixtureReport, LIFE, realFolders, rowTexts, type FixtureName, type RealFolder } from './fixtures.ts';

/** Every gap key the pages show: table cells, the key facts of each group page, and every `<Num>` figure. */
function pageGaps(model: SiteModel): Set<string> {
  const keys = shownGaps(model.tables);
  for (const view of model.groups.values()) for (const fact of view.facts) if (fact.cell.gap) keys.add(fact.cell.gap);
  for (const id of figureIds(model.report.groups)) {
    const gap = resolveFigure(model.report.groups, model.context.gaps, id).gap;
    if (gap) keys.add(gap);
  }
  return keys;
}

/** Keys shown on the pages that the core's list does not hold (must be none). */
function uncovered(model: SiteModel): string[] {
  const listed = new Set(model.report.gaps.map((g) => g.key));
  return [...pageGaps(model)].filter((key) => !listed.has(key));
}

describe('the gap list covers the pages', () => {
  it.each(['data', 'several-gpus', 'no-slo', 'setups', 'branded'] satisfies FixtureName[])('%s: every "not measured" on a page is a gap of the core\'s list', async (name) => {
    const model = await fixtureModel(name);
    expect(uncovered(model)).toEqual([]);
  });

  it('data/: 21 gaps, none of them a cell of a page (the decode and TTFT tables collapse to a sentence)', async () => {
    const report = await fixtureReport('data');
    expect(report.gaps).toHaveLength(21);
    expect(new Set(report.gaps.map((g) => g.key)).size).toBe(21);
    // Only the batch runs of the RTX 2000 lack TTFT; no run of the sample streams, so no TPOT or ITL.
    expect(report.gaps.filter((g) => g.field === 'p95_ttft_ms').map((g) => g.key)).toEqual(['runpod-rtx2000-16gb/batch||p95_ttft_ms']);
    expect(report.gaps.every((g) => g.point === null)).toBe(true);
    const model = await fixtureModel('data');
    expect([...pageGaps(model)].sort()).toEqual(['runpod-rtx2000-16gb/batch||p95_ttft_ms']);
  });

  it('data/: one short "not measured" line per GPU × workload for the client', async () => {
    const model = await fixtureModel('data');
    const decode = 'p50 TPOT (every run); p95 TPOT (every run); p50 ITL (every run); p95 ITL (every run)';
    expect(rowTexts(model.data.notMeasured)).toEqual([
      ['L4-24GB (synthetic)', 'Batch', decode],
      ['L4-24GB (synthetic)', 'Chat', decode],
      ['L4-24GB (synthetic)', 'RAG', decode],
      ['RunPod-RTX2000-16GB', 'Batch', `p95 TTFT (every run); ${decode}`],
      ['RunPod-RTX2000-16GB', 'Chat', decode],
    ]);
    // The CSV keeps the workload's name as the data writes it.
    expect(model.data.notMeasured.rows.map((r) => r.cells[1]!.value)).toEqual(['batch', 'chat', 'rag', 'batch', 'chat']);
    expect(model.data.notMeasured.rows[0]!.cells[0]!.link).toBe('/gpus/l4-24gb-synthetic/batch/');
  });

  it('a point-level gap shows in the runs table at its run, under the core\'s key', async () => {
    const model = await fixtureModel('several-gpus');
    const key = gapKey('a100-80gb/chat', 'c8-t256', 'p95_e2e_ms');
    expect(model.report.gaps.map((g) => g.key)).toContain(key);
    const runs = model.groups.get('a100-80gb/chat')!.runs;
    const row = runs.rows.find((r) => r.id === 'run-c8-t256')!;
    const cell = row.cells.find((c) => c.gap === key)!;
    expect(cell).toMatchObject({ kind: 'missing', text: 'not measured', value: null, title: 'not measured: p95 e2e' });
    // The GPU-wide gaps (no KV-cache settings in this folder), the same for every GPU, are one line on the data page.
    expect(rowTexts(model.data.notMeasured).filter((r) => r[1] === 'KV-cache budget')).toEqual([
      ['every GPU', 'KV-cache budget', 'context length; model architecture; GPU memory'],
    ]);
    expect(rowTexts(model.data.notMeasured).find((r) => r[0] === 'A100-80GB' && r[1] === 'Chat')![2])
      .toBe('p95 e2e at 1 run; p50 TPOT (every run); p95 TPOT (every run); p50 ITL (every run); p95 ITL (every run)');
  });

  it('a figure shown as "not measured" without a gap in the list fails the build, naming the place', async () => {
    const report = structuredClone(await fixtureReport('data')) as Report;
    const chat = report.groups.find((g) => g.slug === 'l4-24gb-synthetic/chat')!;
    delete chat.points.find((p) => p.id === 'c1-t64')!.latency.p50_e2e_ms;
    expect(() => buildSiteModel(report, [LIFE])).toThrow('internal: l4-24gb-synthetic/chat c1-t64 p50_e2e_ms is shown as not measured but is not in the gap list');
  });

  it('a group-wide gap dropped from the list fails the build too (the TTFT table would show holes)', async () => {
    const report = structuredClone(await fixtureReport('data')) as Report;
    report.gaps = report.gaps.filter((g) => g.key !== 'runpod-rtx2000-16gb/batch||p95_ttft_ms');
    expect(() => buildSiteModel(report, [LIFE])).toThrow(/^internal: runpod-rtx2000-16gb\/batch c\d+-t\d+ p95_ttft_ms is shown as not measured/);
  });
});

describe('the gap list covers the pages of real results', () => {
  let folders: RealFolder[];
  beforeAll(async () => {
    folders = await realFolders();
  });

  it('loads at least five folders of real results (on their own or with one labelling rule)', () => {
    const loaded = folders.filter((f) => f.report !== null);
    expect(loaded.length, folders.map((f) => `${f.folder}: ${f.how}${f.error ? ` (${f.error.split('\n')[0]})` : ''}`).join('\n')).toBeGreaterThanOrEqual(5);
    // The seed author's CSVs are labelled by their own columns and file names.
    expect(folders.find((f) => f.folder === 'ozgurgulerx__inference-journal')?.how).toBe('in place');
  });

  it('builds the site of every folder that loads, each "not measured" a gap of the core\'s list', () => {
    let checked = 0;
    for (const { folder, report } of folders) {
      if (!report) continue;
      let model: SiteModel;
      try {
        model = buildSiteModel(report, [LIFE]);
      } catch (error) {
        throw new Error(`${folder}: ${(error as Error).message}`);
      }
      expect(uncovered(model), folder).toEqual([]);
      expect(model.tables.length, folder).toBeGreaterThan(0);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});

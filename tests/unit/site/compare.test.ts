import { describe, expect, it } from 'vitest';
import { compareView } from '../../../src/site/compare.ts';
import { fixtureReport } from './fixtures.ts';

describe('comparison of one workload', () => {
  it('lists every GPU tested on the workload', async () => {
    const report = await fixtureReport('several-gpus');
    const view = compareView(report, 'chat')!;
    expect(view.groups.map((g) => g.gpu)).toEqual(['=L40S+1', 'A100-80GB', 'H100 <SXM> & "80GB"']);
    expect(view.table.rows.map((r) => r.cells.slice(0, 5).map((c) => c.text))).toEqual([
      ['=L40S+1', '8 × 128', '380.0', '1500', '25%'],
      ['A100-80GB', '16 × 128', '800.9', '1900', '5%'],
      ['H100 <SXM> & "80GB"', '32 × 128', '2600.0', '1700', '15%'],
    ]);
    expect(view.table.csv).toBe('/compare/chat/gpus.csv');
    expect(view.slo).toBe('p95 e2e ≤ 2000 ms');
  });

  it('says "none met the SLO" for a GPU without a sweet spot', async () => {
    const report = await fixtureReport('no-slo');
    const view = compareView(report, 'chat')!;
    expect(view.table.rows[0]!.cells[1]!.text).toBe('none met the SLO (closest: 1 × 256)');
    expect(view.table.rows[0]!.cells[2]!.missing).toBe(false);
  });

  it('returns null for a workload the report does not have', async () => {
    expect(compareView(await fixtureReport('data'), 'nope')).toBeNull();
  });
});

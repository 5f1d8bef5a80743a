import { describe, expect, it } from 'vitest';
import { formatMs, formatTokS } from '../../../src/core/format.ts';
import type { Gap } from '../../../src/core/types.ts';
import { absent, figure, measured, notApplicable, shownGaps, tableCsv, text, type GapIndex, type TableModel } from '../../../src/site/tables/cells.ts';
import { fixtureModel } from './fixtures.ts';

const gap: Gap = {
  key: 'l4/chat|c16-t64|p95_ttft_ms', group: 'l4/chat', gpu: 'L4', workload: 'chat', point: 'c16-t64',
  field: 'p95_ttft_ms', what: 'p95 TTFT', hint: 'fill p95_ttft_ms at sweep.csv:11', files: ['sweep.csv'],
};
const groupGap: Gap = { ...gap, key: 'l4/chat||p50_tpot_ms', point: null, field: 'p50_tpot_ms', what: 'p50 TPOT', hint: 'add a p50_tpot_ms column to sweep.csv' };
const gaps: GapIndex = new Map([[gap.key, gap], [groupGap.key, groupGap]]);

describe('cells', () => {
  it('a figure shows the shared formatter\'s text and keeps the raw value for the CSV', () => {
    expect(figure(579.74, formatTokS)).toEqual({ kind: 'figure', text: '579.7', value: 579.74, numeric: true });
    expect(figure(1316.48, formatMs, { link: '#run-c16-t64' })).toEqual({ kind: 'figure', text: '1316', value: 1316.48, numeric: true, link: '#run-c16-t64' });
  });

  it('text, "not applicable" and absent cells hold no figure', () => {
    expect(text('=L40S+1')).toEqual({ kind: 'text', text: '=L40S+1', value: '=L40S+1', numeric: false });
    expect(text('none', { value: null, tone: 'muted' })).toEqual({ kind: 'text', text: 'none', value: null, numeric: false, tone: 'muted' });
    expect(notApplicable()).toEqual({ kind: 'na', text: 'not applicable', value: null, numeric: true, tone: 'muted' });
    expect(absent(false, 'not part of the sweep')).toEqual({ kind: 'absent', text: '–', value: null, numeric: false, tone: 'muted', title: 'not part of the sweep' });
    expect(absent()).not.toHaveProperty('title');
  });

  it('a measured value is a figure; a missing one is "not measured" with its gap, the point\'s own first', () => {
    const place = { group: 'l4/chat', point: 'c16-t64', field: 'p95_ttft_ms' };
    expect(measured(gaps, 87.2, formatMs, place)).toMatchObject({ kind: 'figure', text: '87', value: 87.2 });
    expect(measured(gaps, 0, formatMs, place)).toMatchObject({ kind: 'figure', text: '0', value: 0 });
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(measured(gaps, value, formatMs, place)).toEqual({ kind: 'missing', text: 'not measured', value: null, numeric: true, gap: gap.key, title: 'not measured: p95 TTFT' });
    }
    // A point without a gap of its own stands for the group's gap of that field.
    expect(measured(gaps, null, formatMs, { group: 'l4/chat', point: 'c1-t64', field: 'p50_tpot_ms' }).gap).toBe(groupGap.key);
    expect(measured(gaps, null, formatMs, { group: 'l4/chat', point: null, field: 'p50_tpot_ms' }).gap).toBe(groupGap.key);
  });

  it('a missing figure that the gap list does not hold throws, naming the place', () => {
    expect(() => measured(gaps, null, formatMs, { group: 'l4/chat', point: 'c1-t64', field: 'p95_ttft_ms' }))
      .toThrow('internal: l4/chat c1-t64 p95_ttft_ms is shown as not measured but is not in the gap list');
    expect(() => measured(new Map(), undefined, formatMs, { group: 'gpu:L4', point: null, field: 'model' }))
      .toThrow('internal: gpu:L4  model is shown as not measured but is not in the gap list');
  });
});

describe('table downloads', () => {
  const table: TableModel = {
    id: 't',
    caption: 'c',
    columns: [
      { key: 'gpu', label: 'GPU', numeric: false },
      { key: 'throughput', label: 'Throughput (tok/s)', numeric: true },
      { key: 'headroom', label: 'Headroom', csvLabel: 'Headroom (%)', numeric: true },
      { key: 'note', label: 'Note', numeric: false },
    ],
    rows: [
      { cells: [text('=L40S+1'), figure(579.74, formatTokS), figure(-28.3, (v) => `${v}%`), text('a, "quoted" note')] },
      { cells: [text('@A100'), measured(gaps, null, formatMs, { group: 'l4/chat', point: 'c16-t64', field: 'p95_ttft_ms' }), notApplicable(), absent(false)] },
    ],
    csv: '/t.csv',
  };

  it('hold the raw values under the CSV headers, guarded against formula injection, empty where no figure', () => {
    expect(tableCsv(table)).toBe('GPU,Throughput (tok/s),Headroom (%),Note\r\n\'=L40S+1,579.74,-28.3,"a, ""quoted"" note"\r\n\'@A100,,,\r\n');
  });

  it('list the gap keys their cells show', () => {
    expect([...shownGaps([table])]).toEqual([gap.key]);
    expect(shownGaps([])).toEqual(new Set());
  });

  it('of a built site guard a GPU label that starts like a formula (the several-gpus fixture\'s =L40S+1)', async () => {
    const model = await fixtureModel('several-gpus');
    const compare = model.compare.get('chat')!.table;
    expect(compare.rows[0]!.cells[0]!.text).toBe('=L40S+1');
    expect(tableCsv(compare).split('\r\n')[1]!.startsWith('\'=L40S+1,')).toBe(true);
    // Every CSV of the site starts with its header and has one line per row, none with a raw formula.
    for (const t of model.tables) {
      const lines = tableCsv(t).split('\r\n');
      expect(lines, t.csv).toHaveLength(t.rows.length + 2);
      expect(lines.some((l) => /(^|,)=/.test(l)), t.csv).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { NOT_MEASURED } from '../../../src/core/format.ts';
import { formatMs, formatTokS } from '../../../src/core/format.ts';
import { missingCell, numberCell, tableCsv, textCell, type TableModel } from '../../../src/site/table.ts';

describe('table cells', () => {
  it('formats a figure with the shared formatter and keeps the raw value for the CSV', () => {
    expect(numberCell(579.74, formatTokS)).toEqual({ text: '579.7', value: 579.74, missing: false, numeric: true });
    expect(numberCell(1316.48, formatMs, 'p95_e2e_ms')).toMatchObject({ text: '1316', value: 1316.48, field: 'p95_e2e_ms' });
  });

  it('marks null, undefined and non-finite figures as missing, shown as "not measured"', () => {
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(numberCell(value, formatMs)).toMatchObject({ text: NOT_MEASURED, value: null, missing: true });
    }
    expect(missingCell('throughput_tok_s')).toMatchObject({ text: NOT_MEASURED, missing: true, field: 'throughput_tok_s' });
  });

  it('serialises a table with its CSV headers and raw values', () => {
    const table: TableModel = {
      id: 't',
      caption: 'c',
      columns: [
        { key: 'gpu', label: 'GPU', numeric: false },
        { key: 'headroom', label: 'Headroom', csvLabel: 'Headroom (%)', numeric: true },
      ],
      rows: [{ cells: [textCell('=L40S'), numberCell(34.2, formatMs)] }, { cells: [textCell('A100'), numberCell(null, formatMs)] }],
      csv: '/t.csv',
    };
    expect(tableCsv(table)).toBe('GPU,Headroom (%)\r\n\'=L40S,34.2\r\nA100,\r\n');
  });
});

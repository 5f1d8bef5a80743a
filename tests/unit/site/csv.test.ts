import { describe, expect, it } from 'vitest';
import { csvField, guardFormula, quoteField, toCsv } from '../../../src/site/csv.ts';

describe('CSV serialisation', () => {
  it('leaves plain fields alone', () => {
    expect(csvField('A100-80GB')).toBe('A100-80GB');
    expect(csvField(579.74)).toBe('579.74');
    expect(csvField(0)).toBe('0');
  });

  it('writes a missing value as an empty field, never as zero or NaN', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('quotes fields holding commas, quotes, line breaks or edge spaces, doubling quotes', () => {
    expect(quoteField('a,b')).toBe('"a,b"');
    expect(quoteField('H100 "SXM"')).toBe('"H100 ""SXM"""');
    expect(quoteField('two\nlines')).toBe('"two\nlines"');
    expect(quoteField('cr\rlf')).toBe('"cr\rlf"');
    expect(quoteField(' padded')).toBe('" padded"');
  });

  it('guards labels a spreadsheet would run as formulas', () => {
    for (const text of ['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx']) expect(guardFormula(text)).toBe(`'${text}`);
    expect(guardFormula('L40S=fast')).toBe('L40S=fast');
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it('never guards numbers, negative ones included', () => {
    expect(csvField(-95.6)).toBe('-95.6');
  });

  it('writes a header and rows with CRLF line ends', () => {
    expect(toCsv(['GPU', 'Throughput (tok/s)'], [['A, B', 1.5], ['=C', null]])).toBe('GPU,Throughput (tok/s)\r\n"A, B",1.5\r\n\'=C,\r\n');
  });
});

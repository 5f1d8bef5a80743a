import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/types.ts';
import { fileAnchors, filesTable, kvTable, modelFacts, rejectedTable, thresholdsTable } from '../../../src/site/provenance.ts';
import { fixtureReport } from './fixtures.ts';

describe('data page', () => {
  it('lists every input file with its checksum, size, reader and rows', async () => {
    const report = await fixtureReport('data');
    const table = filesTable(report);
    expect(table.columns.map((c) => c.label)).toEqual(['File', 'Reader', 'Size', 'Rows read', 'Rows rejected', 'SHA-256']);
    const first = table.rows[0]!;
    expect(first.cells.map((c) => c.text)).toEqual([
      'rtx2000-ada/day003_batch_capacity_rtx16gb.csv', 'csv', '461 B', '6', '0',
      '02c23c4a1793bef00df96d15013eb8730ba88da590c67f9f2aaca0a66bbb0a56',
    ]);
    expect(first.id).toBe(fileAnchors(report).get('rtx2000-ada/day003_batch_capacity_rtx16gb.csv'));
  });

  it('lists rejected rows with file:line:column and the reason', async () => {
    const report = structuredClone(await fixtureReport('data')) as Report;
    expect(rejectedTable(report)).toBeNull();
    report.files[0]!.rows_rejected.push({ file: report.files[0]!.file, line: 7, column: 1, message: 'a summary row, not a run' });
    const table = rejectedTable(report)!;
    expect(table.rows[0]!.cells.map((c) => c.text)).toEqual(['rtx2000-ada/day003_batch_capacity_rtx16gb.csv:7:1', 'a summary row, not a run']);
  });

  it('prints the threshold of every workload and the default', async () => {
    const table = thresholdsTable(await fixtureReport('data'));
    expect(table.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['batch', 'p95 e2e', 'p95_e2e_ms', '5000'],
      ['chat', 'p95 e2e', 'p95_e2e_ms', '2000'],
      ['rag', 'p95 TTFT', 'p95_ttft_ms', '1000'],
      ['any other workload', 'p95 e2e', 'p95_e2e_ms', '5000'],
    ]);
    expect(table.caption).toContain('capacity.config.json');
  });

  it('says when the thresholds are the built-in defaults', async () => {
    expect(thresholdsTable(await fixtureReport('no-slo')).caption).toContain('built-in defaults');
  });

  it('shows the KV-cache budgets and the model behind them', async () => {
    const report = await fixtureReport('data');
    const table = kvTable(report)!;
    expect(table.rows[0]!.cells.map((c) => c.text)).toEqual(['L4-24GB (synthetic)', '28.0 KiB', '662,849', 'computed', '24 GiB', '0.9', '4,096', '161', '32']);
    expect(modelFacts(report)[0]).toEqual({ label: 'Model', value: 'Qwen2.5-1.5B-Instruct (BF16)' });
    expect(kvTable(await fixtureReport('no-slo'))).toBeNull();
  });

  it('makes unique anchors even for file names that slug alike', () => {
    const anchors = fileAnchors({ files: [{ file: 'a b.csv' }, { file: 'a-b.csv' }] as Report['files'] });
    expect(new Set(anchors.values()).size).toBe(2);
  });
});

import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReport } from '../../../src/core/load.ts';
import type { Report } from '../../../src/core/types.ts';
import { tableCsv } from '../../../src/site/tables/cells.ts';
import { tableContext } from '../../../src/site/tables/context.ts';
import { fileAnchors, filesTable, ignoredTable, kvTable, modelFacts, rejectedTable, thresholdsTable } from '../../../src/site/tables/provenance.ts';
import { fixtureModel, fixtureReport, realCopy, rowTexts } from './fixtures.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function real(folder: string, config: object): Promise<Report> {
  const dir = realCopy(folder, config);
  dirs.push(dir);
  return loadReport(dir);
}

describe('the data page', () => {
  it('lists every input file with its checksum, size, reader and runs, each row anchored', async () => {
    const report = await fixtureReport('data');
    const anchors = fileAnchors(report);
    const table = filesTable(tableContext(report), anchors);
    expect(table.columns.map((c) => c.label)).toEqual(['File', 'Reader', 'Size', 'Runs read', 'Rows rejected', 'SHA-256']);
    expect(rowTexts(table)[0]).toEqual([
      'rtx2000-ada/day003_batch_capacity_rtx16gb.csv', 'csv', '461\u00a0B', '6', '0',
      '02c23c4a1793bef00df96d15013eb8730ba88da590c67f9f2aaca0a66bbb0a56',
    ]);
    expect(rowTexts(table).map((r) => r[3])).toEqual(['6', '12', '8', '20', '3']);
    expect(table.rows.map((r) => r.id)).toEqual([...anchors.values()]);
    expect(anchors.get('synthetic-l4/l4_chat_sweep.csv')).toBe('file-synthetic-l4-l4-chat-sweep-csv');
    // The download holds the size in bytes, a number.
    expect(tableCsv(table).split('\r\n')[4]).toBe('synthetic-l4/l4_chat_sweep.csv,csv,1805,20,0,d2833c9f64cde30c0b725f81aebd2923af33e8d28fec8192af7b202d5158c024');
  });

  it('makes unique, stable anchors even for file names that slug alike', () => {
    const anchors = fileAnchors({ files: [{ file: 'a b.csv' }, { file: 'a-b.csv' }] as Report['files'] });
    // Each keeps a suffix of its own name's hash, so adding a file never renames another's anchor.
    expect([...anchors.values()]).toEqual(['file-a-b-csv-5fd7a86c', 'file-a-b-csv-f2a8ddb1']);
    expect(fileAnchors({ files: [{ file: 'a-b.csv' }] as Report['files'] }).get('a-b.csv')).toBe('file-a-b-csv');
  });

  it('prints the SLO of every workload and the default for others, naming where it came from', async () => {
    const table = thresholdsTable(tableContext(await fixtureReport('data')));
    expect(rowTexts(table)).toEqual([
      ['Batch', 'p95 e2e ≤ 5000 ms', 'p95_e2e_ms', '5000'],
      ['Chat', 'p95 e2e ≤ 2000 ms', 'p95_e2e_ms', '2000'],
      ['RAG', 'p95 TTFT ≤ 1000 ms', 'p95_ttft_ms', '1000'],
      ['any other workload', 'p95 e2e ≤ 5000 ms', 'p95_e2e_ms', '5000'],
    ]);
    expect(table.rows[2]!.cells[0]).toMatchObject({ link: '/compare/rag/', value: 'rag' });
    expect(table.caption).toBe('Latency SLO per workload (from capacity.config.json, defaults otherwise)');
    expect(thresholdsTable(tableContext(await fixtureReport('no-slo'))).caption).toBe('Latency SLO per workload (built-in defaults: no capacity.config.json)');
  });

  it('shows the KV-cache budget of each GPU and the model architecture behind it', async () => {
    const report = await fixtureReport('data');
    const table = kvTable(tableContext(report));
    expect(rowTexts(table)).toEqual([
      ['L4-24GB (synthetic)', '28.0 KiB', '662,849', 'computed', '24 GiB', '0.9', '4,096', '161', '32'],
      ['RunPod-RTX2000-16GB', '28.0 KiB', '333,297', 'computed', '16 GiB', '0.8', '4,096', '81', '32'],
    ]);
    expect(kvTable(tableContext(report), ['RunPod-RTX2000-16GB'])).toMatchObject({ id: 'kv-budget-runpod-rtx2000-16gb', csv: '/data/kv-budget-runpod-rtx2000-16gb.csv' });
    expect(modelFacts(report)).toEqual([
      { label: 'Model', value: 'Qwen2.5-1.5B-Instruct (BF16)' },
      { label: 'Layers', value: '28' },
      { label: 'KV heads', value: '2' },
      { label: 'Head dimension', value: '128' },
      { label: 'Bytes per element', value: '2' },
      { label: 'Weights', value: '2.9 GiB' },
      { label: 'Overhead', value: '1 GiB' },
    ]);
  });

  it('says so in a sentence when there is no budget, no rejected row and no ignored file', async () => {
    const model = await fixtureModel('several-gpus');
    expect(model.data.kv.rows).toEqual([]);
    expect(model.data.kv.empty).toBe('No KV-cache budget: the folder config gives no model architecture, context length or GPU memory.');
    expect(model.data.model).toEqual([]);
    expect(model.data.rejected).toMatchObject({ rows: [], empty: 'No row was rejected: every row of every file was read.' });
    expect(model.data.ignored).toMatchObject({ rows: [], empty: 'No file was skipped.' });
    // Empty tables have no download.
    expect(model.tables.map((t) => t.csv)).not.toContain('/data/rejected.csv');
  });

  it('lists the records a reader skipped on purpose, at file:line:column with the reason (real AIPerf export)', async () => {
    const report = await real('ai-dynamo__aiperf', { files: { 'run/': { gpu: 'unknown-GPU', workload: 'chat' } } });
    const table = rejectedTable(tableContext(report));
    // The per-request profile_export.jsonl is not rejected: its records join the run of the JSON export.
    expect(rowTexts(table)).toEqual([
      ['run/examples/artifacts/run1/profile_export_aiperf.csv:1:1', 'same run as profile_export_aiperf.json in the same folder: the JSON export is read (it also records the concurrency and the settings), so this CSV is not counted twice'],
    ]);
    expect(table.csv).toBe('/data/rejected.csv');
  });

  it('lists the files the config\'s "ignore" skipped, with the rule (real InferenceX folder)', async () => {
    const report = await real('ajith-sirra-amd__InferenceMAX_Rocm_Team', { files: { 'run/': { gpu: 'MI355X', workload: 'agentic' } }, ignore: ['run/**/agg_bmk.json'] });
    expect(rowTexts(ignoredTable(tableContext(report)))).toEqual([['run/results/0601/results_bmk (1)/agg_bmk.json', 'run/**/agg_bmk.json']]);
  });
});

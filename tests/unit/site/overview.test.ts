import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReport } from '../../../src/core/load.ts';
import { tableCsv } from '../../../src/site/tables/cells.ts';
import { tableContext } from '../../../src/site/tables/context.ts';
import { keyNumbers, matrixCell, matrixTable, recommendationsTable } from '../../../src/site/tables/overview.ts';
import { fixtureReport, groupOf, realCopy, rowTexts } from './fixtures.ts';

describe('the overview matrix', () => {
  it('lays recommendations out as GPUs × workloads, each workload header with its SLO', async () => {
    const matrix = matrixTable(tableContext(await fixtureReport('data')));
    expect(matrix.columns.map((c) => c.label)).toEqual(['GPU', 'Batch', 'Chat', 'RAG']);
    expect(matrix.columns.map((c) => c.sub)).toEqual([undefined, 'SLO: p95 e2e ≤ 5000 ms', 'SLO: p95 e2e ≤ 2000 ms', 'SLO: p95 TTFT ≤ 1000 ms']);
    expect(matrix.columns.map((c) => c.link)).toEqual([undefined, '/compare/batch/', '/compare/chat/', '/compare/rag/']);
    expect(matrix.columns.map((c) => c.key)).toEqual(['gpu', 'batch', 'chat', 'rag']);
    expect(rowTexts(matrix)).toEqual([
      ['L4-24GB (synthetic)', 'concurrency 32, max_tokens 256', 'concurrency 32, max_tokens 64', 'none met the SLO'],
      ['RunPod-RTX2000-16GB', 'concurrency 8, max_tokens 256', 'concurrency 16, max_tokens 64', 'not tested'],
    ]);
    expect(matrix.rows.map((r) => r.id)).toEqual(['matrix-l4-24gb-synthetic', 'matrix-runpod-rtx2000-16gb']);
    expect(matrix.csv).toBe('/matrix.csv');
  });

  it('gives a met cell its figures and a link to the recommended run', async () => {
    const matrix = matrixTable(tableContext(await fixtureReport('data')));
    expect(matrix.rows[1]!.cells[2]).toEqual({
      kind: 'text', text: 'concurrency 16, max_tokens 64', value: 'concurrency 16, max_tokens 64', numeric: false,
      state: 'met', link: '/gpus/runpod-rtx2000-16gb/chat/#run-c16-t64', lines: ['579.7 tok/s', 'p95 e2e 1316 ms', '34% headroom'],
      anchor: 'runpod-rtx2000-16gb--chat',
    });
  });

  it('says when none met the SLO and names the closest run; marks pairs never tested', async () => {
    const matrix = matrixTable(tableContext(await fixtureReport('data')));
    expect(matrix.rows[0]!.cells[3]).toMatchObject({ text: 'none met the SLO', state: 'none', tone: 'bad', link: '/gpus/l4-24gb-synthetic/rag/', lines: ['closest run: 2 × 128', 'p95 TTFT 1670 ms'] });
    expect(matrix.rows[1]!.cells[3]).toEqual({ ...matrixCell(undefined), anchor: 'runpod-rtx2000-16gb--rag' });
    expect(matrixCell(undefined)).toEqual({ kind: 'text', text: 'not tested', value: null, numeric: false, state: 'untested', tone: 'muted' });
  });

  it('names a setup when the group has several', async () => {
    const matrix = matrixTable(tableContext(await fixtureReport('setups')));
    expect(rowTexts(matrix)).toEqual([['H100', 'request rate 4 req/s, max_tokens 256', 'concurrency 16, max_tokens 128 (TP2)', 'request rate 4 req/s']]);
  });
});

describe('the recommendations download', () => {
  it('flattens the matrix into one row per GPU × workload with raw values', async () => {
    const table = recommendationsTable(tableContext(await fixtureReport('data')));
    expect(table.csv).toBe('/recommendations.csv');
    expect(rowTexts(table)).toEqual([
      ['L4-24GB (synthetic)', 'batch', 'p95 e2e ≤ 5000 ms', 'recommended', '–', '32', 'not applicable', '256', '1838.6', '4266', '15%'],
      ['L4-24GB (synthetic)', 'chat', 'p95 e2e ≤ 2000 ms', 'recommended', '–', '32', 'not applicable', '64', '1492.4', '1224', '39%'],
      ['L4-24GB (synthetic)', 'rag', 'p95 TTFT ≤ 1000 ms', 'none met the SLO; closest run', '–', '2', 'not applicable', '128', '72.8', '1670', '−67%'],
      ['RunPod-RTX2000-16GB', 'batch', 'p95 e2e ≤ 5000 ms', 'recommended', '–', '8', 'not applicable', '256', '243.0', '4570', '9%'],
      ['RunPod-RTX2000-16GB', 'chat', 'p95 e2e ≤ 2000 ms', 'recommended', '–', '16', 'not applicable', '64', '579.7', '1316', '34%'],
    ]);
    const lines = tableCsv(table).split('\r\n');
    expect(lines[0]).toBe('GPU,Workload,SLO,Verdict,Setup,Concurrency,Request rate (req/s),max_tokens,Throughput (tok/s),SLO latency (ms),Headroom (%)');
    expect(lines[5]).toBe('RunPod-RTX2000-16GB,chat,p95 e2e ≤ 2000 ms,recommended,,16,,64,579.74,1316.48,34.2');
  });

  it('puts a rate-driven recommendation under the request rate, and "not applicable" for no max_tokens', async () => {
    const table = recommendationsTable(tableContext(await fixtureReport('setups')));
    expect(rowTexts(table)).toEqual([
      ['H100', 'burst', 'p95 e2e ≤ 2000 ms', 'recommended', '–', 'not applicable', '4', '256', '580.0', '1500', '25%'],
      ['H100', 'chat', 'p95 e2e ≤ 2000 ms', 'recommended', 'TP2', '16', 'not applicable', '128', '1500.0', '1800', '10%'],
      ['H100', 'stream', 'p95 e2e ≤ 3000 ms', 'recommended', '–', 'not applicable', '4', 'not applicable', '470.0', '2400', '20%'],
    ]);
  });
});

describe('the key numbers', () => {
  it('count the pairs within their SLO and give the best of each workload, never one best across SLOs', async () => {
    const numbers = keyNumbers(tableContext(await fixtureReport('data')));
    expect(numbers).toEqual([
      { label: 'GPU × workload pairs within their SLO', value: '4 of 5' },
      { label: 'Best Batch throughput within its SLO', value: '1838.6 tok/s', detail: 'L4-24GB (synthetic) at 32 × 256', link: '/gpus/l4-24gb-synthetic/batch/#run-c32-t256' },
      { label: 'Best Chat throughput within its SLO', value: '1492.4 tok/s', detail: 'L4-24GB (synthetic) at 32 × 64', link: '/gpus/l4-24gb-synthetic/chat/#run-c32-t64' },
      { label: 'GPUs', value: '2' },
      { label: 'Workloads', value: '3' },
      { label: 'Runs measured', value: '49', detail: 'from 5 input files', link: '/data/' },
    ]);
  });

  it('say how many pairs could not be judged', async () => {
    const numbers = keyNumbers(tableContext(await fixtureReport('no-slo')));
    expect(numbers.map((n) => [n.label, n.value])).toEqual([['GPU × workload pairs within their SLO', '0 of 1'], ['GPUs', '1'], ['Workloads', '1'], ['Runs measured', '3']]);
  });
});

describe('an SLO the data cannot judge (real SGLang results without p95 latency)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('shows "not judged" (not a failure) with what was measured instead', async () => {
    // The vLLM results this test once used now give e2e from their per-request arrays; SGLang's
    // appended lines carry medians only and no per-request records.
    const dir = realCopy('datacrunch-research__h200-benchmarks', { files: { 'run/': { gpu: '8xH200', workload: 'sharegpt' } } });
    dirs.push(dir);
    const report = await loadReport(dir);
    const cell = matrixCell(groupOf(report, '8xH200', 'sharegpt'));
    expect(cell).toMatchObject({ text: 'not judged', value: 'not judged', state: 'unjudged', link: '/gpus/8xh200/sharegpt/', lines: ['p95 e2e not in the data', 'measured: mean e2e, p50 e2e, p50 TTFT and p50 ITL'] });
    const context = tableContext(report);
    expect(rowTexts(recommendationsTable(context))).toEqual([['8xH200', 'sharegpt', 'p95 e2e ≤ 5000 ms', 'not judged', '–', '–', '–', '–', '–', '–', '–']]);
    expect(keyNumbers(context)[0]).toEqual({ label: 'GPU × workload pairs within their SLO', value: '0 of 1', detail: '1 pair could not be judged' });
  });
});

import { describe, expect, it } from 'vitest';
import { keyNumbers, matrixCell, overviewMatrix, recommendationsTable } from '../../../src/site/overview.ts';
import { fixtureReport } from './fixtures.ts';

describe('overview', () => {
  it('lays recommendations out as GPUs × workloads, with each workload\'s SLO', async () => {
    const report = await fixtureReport('data');
    const matrix = overviewMatrix(report);
    expect(matrix.workloads.map((w) => [w.name, w.slo, w.path])).toEqual([
      ['batch', 'p95 e2e ≤ 5000 ms', '/compare/batch/'],
      ['chat', 'p95 e2e ≤ 2000 ms', '/compare/chat/'],
      ['rag', 'p95 TTFT ≤ 1000 ms', '/compare/rag/'],
    ]);
    expect(matrix.rows.map((r) => r.gpu)).toEqual(['L4-24GB (synthetic)', 'RunPod-RTX2000-16GB']);
    const rtxChat = matrix.rows[1]!.cells[1]!;
    expect(rtxChat).toMatchObject({ state: 'met', headline: 'concurrency 16, max_tokens 64', path: '/gpus/runpod-rtx2000-16gb/chat/' });
    expect(rtxChat.lines.map((l) => l.text)).toEqual(['579.7 tok/s', 'p95 e2e 1316 ms', '34% headroom']);
  });

  it('says when none met the SLO and names the closest run', async () => {
    const report = await fixtureReport('data');
    const rag = overviewMatrix(report).rows[0]!.cells[2]!;
    expect(rag.state).toBe('none');
    expect(rag.headline).toBe('none met the SLO');
    expect(rag.lines.map((l) => l.text)).toEqual(['closest run: 2 × 128', 'p95 TTFT 1670 ms']);
    expect(rag.run).toBe('/gpus/l4-24gb-synthetic/rag/#run-c2-t128');
  });

  it('marks pairs that were never tested', async () => {
    const report = await fixtureReport('data');
    expect(overviewMatrix(report).rows[1]!.cells[2]!.state).toBe('untested');
    expect(matrixCell(undefined).headline).toBe('not tested');
  });

  it('flattens the matrix into a table for the CSV download', async () => {
    const report = await fixtureReport('data');
    const table = recommendationsTable(report);
    expect(table.rows).toHaveLength(report.groups.length);
    expect(table.csv).toBe('/recommendations.csv');
    const rag = table.rows.find((r) => r.cells[1]!.text === 'rag')!;
    expect(rag.cells[3]!.text).toBe('none met the SLO; closest run');
  });

  it('gives the key numbers', async () => {
    const numbers = keyNumbers(await fixtureReport('data'));
    expect(numbers.map((n) => [n.label, n.value])).toEqual([
      ['GPU × workload pairs within their SLO', '4 of 5'],
      ['Best throughput within an SLO', '1838.6 tok/s'],
      ['GPUs', '2'],
      ['Workloads', '3'],
      ['Runs measured', '49'],
    ]);
  });
});

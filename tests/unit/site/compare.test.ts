import { describe, expect, it } from 'vitest';
import { compareTable } from '../../../src/site/tables/compare.ts';
import { tableContext } from '../../../src/site/tables/context.ts';
import { compareView } from '../../../src/site/views/compare.ts';
import { fixtureModel, fixtureReport, rowTexts } from './fixtures.ts';

describe('the comparison of one workload across GPUs', () => {
  it('has one row per GPU tested on it, with the recommendation, its figures and the ceiling', async () => {
    const report = await fixtureReport('several-gpus');
    const table = compareTable(tableContext(report), 'chat', 'chat');
    expect(table.columns.map((c) => c.label)).toEqual([
      'GPU', 'Recommended (load × max_tokens)', 'Throughput (tok/s)', 'p95 e2e (ms)', 'Headroom', 'Peak stable throughput (tok/s)', 'Max stable load', 'Saturates at',
    ]);
    expect(rowTexts(table)).toEqual([
      ['=L40S+1', '8 × 128', '380.0', '1500', '25%', '610.0', 'concurrency 16', 'not saturated up to 16'],
      ['A100-80GB', '16 × 128', '800.9', '1900', '5%', '800.9', 'concurrency 16', 'not saturated up to 16'],
      ['H100 <SXM> & "80GB"', '32 × 128', '2600.0', '1700', '15%', '2600.0', 'concurrency 32', 'not saturated up to 32'],
    ]);
    expect(table.rows.map((r) => r.cells[1]!.link)).toEqual(['/gpus/l40s-1/chat/#run-c8-t128', '/gpus/a100-80gb/chat/#run-c16-t128', '/gpus/h100-sxm-80gb/chat/#run-c32-t128']);
    expect(table.caption).toBe('Chat workload on every GPU, judged on p95 e2e ≤ 2000 ms');
    expect(table.csv).toBe('/compare/chat/gpus.csv');
  });

  it('shows the closest run, muted, when none met the SLO', async () => {
    const table = compareTable(tableContext(await fixtureReport('no-slo')), 'chat', 'chat');
    expect(rowTexts(table)).toEqual([['t4', 'none met the SLO; closest: 1 × 256', '20.1', '12800', '−540%', '120.9', 'concurrency 8', 'not saturated up to 8']]);
    const [, verdict, throughput] = table.rows[0]!.cells;
    expect(verdict).toMatchObject({ tone: 'bad', link: '/gpus/t4/chat/#run-c1-t256' });
    expect(throughput).toMatchObject({ kind: 'figure', value: 20.1, tone: 'muted' });
  });

  it('names the setup of a recommendation when the group has several', async () => {
    const table = compareTable(tableContext(await fixtureReport('setups')), 'chat', 'chat');
    expect(rowTexts(table)[0]!.slice(0, 3)).toEqual(['H100', '16 × 128 (TP2)', '1500.0']);
  });

  it('src bug: says the unit of a rate-driven group\'s saturation ("not saturated up to 8" reads as concurrency 8)', async () => {
    const table = compareTable(tableContext(await fixtureReport('setups')), 'stream', 'stream');
    expect(rowTexts(table)[0]!.at(-1)).toBe('not saturated up to 8 req/s');
  });

  it('builds the page view: title, SLO, table and every GPU\'s recommendation sentence', async () => {
    const model = await fixtureModel('several-gpus');
    const view = model.compare.get('chat')!;
    expect(view).toMatchObject({ workload: 'chat', slug: 'chat', title: 'Chat workload: every GPU', path: '/compare/chat/', slo: 'p95 e2e ≤ 2000 ms' });
    expect(view.recommendations).toEqual([
      { gpu: '=L40S+1', path: '/gpus/l40s-1/chat/', text: 'Use concurrency 8, max_tokens 128 for the best throughput within the SLO (380.0 tok/s at p95 e2e 1500 ms, 25% headroom).' },
      { gpu: 'A100-80GB', path: '/gpus/a100-80gb/chat/', text: 'Use concurrency 16, max_tokens 128 for the best throughput within the SLO (800.9 tok/s at p95 e2e 1900 ms, 5% headroom).' },
      { gpu: 'H100 <SXM> & "80GB"', path: '/gpus/h100-sxm-80gb/chat/', text: 'Use concurrency 32, max_tokens 128 for the best throughput within the SLO (2600.0 tok/s at p95 e2e 1700 ms, 15% headroom).' },
    ]);
    expect(view.charts.map((c) => c.file)).toEqual(['/compare/chat/throughput.svg', '/compare/chat/latency.svg']);
    expect(compareView(model.context, { name: 'chat', slug: 'chat' }, []).charts).toEqual([]);
    expect([...model.compare.keys()]).toEqual(['batch', 'chat']);
  });
});

import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReport } from '../../../src/core/load.ts';
import { recommendationText } from '../../../src/core/recommendation.ts';
import { tableContext } from '../../../src/site/tables/context.ts';
import { tableCsv } from '../../../src/site/tables/cells.ts';
import { groupFacts, loadHeader, roleText, runAnchor, runsTable, saturationTable, sweetSpotTable } from '../../../src/site/tables/group.ts';
import { findingViews, groupView } from '../../../src/site/views/group.ts';
import { cellAt, fixtureModel, fixtureReport, groupOf, realCopy, rowById, rowTexts } from './fixtures.ts';

const labels = (table: { columns: { label: string }[] }) => table.columns.map((c) => c.label);
const facts = (list: { label: string; cell: { text: string } }[]) => list.map((f) => [f.label, f.cell.text]);

describe('a GPU × workload page of data/: RTX 2000 Ada, chat', () => {
  it('shows the three sweet spots, the best first and highlighted, each linked to its run', async () => {
    const report = await fixtureReport('data');
    const group = groupOf(report, 'RunPod-RTX2000-16GB', 'chat');
    const table = sweetSpotTable(tableContext(report), group)!;
    expect(labels(table)).toEqual(['Concurrency', 'max_tokens', 'Throughput (tok/s)', 'p95 e2e (ms)', 'Headroom']);
    expect(rowTexts(table)).toEqual([
      ['16', '64', '579.7', '1316', '34%'],
      ['8', '64', '343.2', '1169', '42%'],
      ['4', '64', '172.9', '1106', '45%'],
    ]);
    expect(table.rows.map((r) => r.highlight)).toEqual([true, false, false]);
    expect(table.rows.map((r) => r.cells[0]!.link)).toEqual(['#run-c16-t64', '#run-c8-t64', '#run-c4-t64']);
    expect(table.caption).toBe('Sweet spots of RunPod-RTX2000-16GB, chat: the best throughput within p95 e2e ≤ 2000 ms');
    expect(table.csv).toBe('/gpus/runpod-rtx2000-16gb/chat/sweet-spots.csv');
  });

  it('downloads the sweet spots with the raw values of the file, not the rounded page text', async () => {
    const report = await fixtureReport('data');
    const table = sweetSpotTable(tableContext(report), groupOf(report, 'RunPod-RTX2000-16GB', 'chat'))!;
    expect(tableCsv(table)).toBe(
      'Concurrency,max_tokens,Throughput (tok/s),p95 e2e (ms),Headroom (%)\r\n'
      + '16,64,579.74,1316.48,34.2\r\n8,64,343.22,1169.39,41.5\r\n4,64,172.94,1105.9,44.7\r\n',
    );
  });

  it('gives saturation per max_tokens series: the peak and where the series stops rising', async () => {
    const report = await fixtureReport('data');
    const table = saturationTable(tableContext(report), groupOf(report, 'RunPod-RTX2000-16GB', 'chat'))!;
    expect(labels(table)).toEqual(['max_tokens', 'Peak throughput (tok/s)', 'Peak at', 'Saturates at concurrency']);
    expect(rowTexts(table)).toEqual([
      ['64', '579.7', '16', 'not saturated up to 16'],
      ['128', '620.4', '16', 'not saturated up to 16'],
      ['256', '544.1', '16', 'not saturated up to 16'],
    ]);
    // "Not saturated" is no figure: the CSV cell is empty.
    expect(tableCsv(table)).toBe('max_tokens,Peak throughput (tok/s),Peak at,Saturates at concurrency\r\n64,579.74,16,\r\n128,620.4,16,\r\n256,544.15,16,\r\n');
  });

  it('lists every run with its status, figures, role and the line of the file it comes from', async () => {
    const report = await fixtureReport('data');
    const group = groupOf(report, 'RunPod-RTX2000-16GB', 'chat');
    const table = runsTable(tableContext(report), group);
    expect(table.columns.map((c) => c.key)).toEqual(['load', 'max_new_tokens', 'status', 'throughput_tok_s', 'p95_e2e_ms', 'headroom_pct', 'p50_e2e_ms', 'p95_ttft_ms', 'role', 'source']);
    expect(table.rows).toHaveLength(12);
    expect(rowTexts({ rows: [rowById(table, 'run-c16-t64')] })[0]).toEqual(['16', '64', 'ok', '579.7', '1316', '34%', '1315', '1316', 'recommended; frontier', 'rtx2000-ada/day003_chat_capacity_rtx16gb.csv:11']);
    expect(rowTexts({ rows: [rowById(table, 'run-c16-t128')] })[0]).toEqual(['16', '128', 'ok', '620.4', '2567', '−28%', '2564', '2567', 'frontier; over the SLO', 'rtx2000-ada/day003_chat_capacity_rtx16gb.csv:12']);
    expect(table.rows.filter((r) => r.highlight).map((r) => r.id)).toEqual(['run-c16-t64']);
    expect(table.caption).toBe('Every run of RunPod-RTX2000-16GB, chat (12 runs)');
    expect(table.csv).toBe('/gpus/runpod-rtx2000-16gb/chat/runs.csv');
  });

  it('states the key facts above the tables', async () => {
    const report = await fixtureReport('data');
    const group = groupOf(report, 'RunPod-RTX2000-16GB', 'chat');
    expect(facts(groupFacts(tableContext(report), group))).toEqual([
      ['Recommended', 'concurrency 16, max_tokens 64'],
      ['Throughput at the recommendation', '579.7 tok/s'],
      ['p95 e2e at the recommendation', '1316 ms (34% headroom)'],
      ['SLO', 'p95 e2e ≤ 2000 ms (p95_e2e_ms)'],
      ['Peak throughput (stable runs)', '620.4 tok/s at 16 × 128'],
      ['Max stable concurrency', '16'],
      ['Saturation', 'not saturated up to concurrency 16 (max_tokens 128)'],
      ['Runs', '12 runs'],
    ]);
  });

  it('builds one view with the recommendation sentence of the Markdown report and the page\'s links', async () => {
    const model = await fixtureModel('data');
    const view = model.groups.get('runpod-rtx2000-16gb/chat')!;
    expect(view.recommendation).toBe(recommendationText(view.group));
    expect(view.recommendation).toBe('Use concurrency 16, max_tokens 64 for the best throughput within the SLO (579.7 tok/s at p95 e2e 1316 ms, 34% headroom).');
    expect(view).toMatchObject({ path: '/gpus/runpod-rtx2000-16gb/chat/', title: 'RunPod-RTX2000-16GB – Chat workload', slo: 'p95 e2e ≤ 2000 ms', verdict: 'met', closest: null, settings: null, comparePath: '/compare/chat/' });
    expect(view.files).toEqual([{ file: 'rtx2000-ada/day003_chat_capacity_rtx16gb.csv', anchor: model.fileAnchors.get('rtx2000-ada/day003_chat_capacity_rtx16gb.csv') }]);
    expect(view.charts.map((c) => c.file)).toEqual(['throughput.svg', 'latency.svg', 'frontier.svg'].map((f) => `/gpus/runpod-rtx2000-16gb/chat/${f}`));
    expect(view.findings.map((f) => f.kind)).toEqual(['no-streaming', 'scaling']);
    expect(view.findings[1]!.runs).toEqual([{ label: '1 × 128', anchor: '#run-c1-t128' }, { label: '16 × 128', anchor: '#run-c16-t128' }]);
  });
});

describe('runs that did not finish, repeats and roles (L4, chat)', () => {
  it('shows failed and OOM runs with their status, and no gap for figures a run never produced', async () => {
    const report = await fixtureReport('data');
    const table = runsTable(tableContext(report), groupOf(report, 'L4-24GB (synthetic)', 'chat'));
    const oom = rowById(table, runAnchor('c64-t256'));
    expect(cellAt(table, oom, 'status')).toMatchObject({ text: 'OOM', tone: 'bad' });
    expect(cellAt(table, oom, 'throughput_tok_s')).toMatchObject({ kind: 'absent', text: '–', value: null, title: 'the run ended with status oom' });
    expect(cellAt(table, oom, 'p95_e2e_ms')).toMatchObject({ kind: 'absent', title: 'the run did not finish cleanly' });
    expect(oom.cells.some((c) => c.kind === 'missing')).toBe(false);
    expect(cellAt(table, oom, 'source').text).toBe('synthetic-l4/l4_chat_sweep.csv:19');
    const failed = rowById(table, runAnchor('c64-t128'));
    expect(cellAt(table, failed, 'status')).toMatchObject({ text: 'ok, 3 failed', tone: 'bad' });
    // A run with failed requests still measured its figures: they are shown.
    expect(cellAt(table, failed, 'throughput_tok_s').text).toBe('1693.3');
    expect(cellAt(table, failed, 'failed').text).toBe('3');
  });

  it('shows n and the min–max spread of a repeated point, "single run" for the others', async () => {
    const report = await fixtureReport('data');
    const table = runsTable(tableContext(report), groupOf(report, 'L4-24GB (synthetic)', 'chat'));
    expect(table.caption).toBe('Every run of L4-24GB (synthetic), chat (20 runs in 18 points)');
    const repeated = rowById(table, runAnchor('c16-t128'));
    expect(cellAt(table, repeated, 'n').text).toBe('3');
    expect(cellAt(table, repeated, 'throughput_range').text).toBe('876.0–930.2');
    expect(cellAt(table, repeated, 'latency_range').text).toBe('1564–1661');
    expect(cellAt(table, repeated, 'requests').text).toBe('192');
    expect(cellAt(table, repeated, 'source').text).toBe('synthetic-l4/l4_chat_sweep.csv:12, 20, 21');
    const single = rowById(table, runAnchor('c1-t64'));
    expect(cellAt(table, single, 'throughput_range')).toMatchObject({ text: 'single run', value: null });
  });

  it('names the role of each run', async () => {
    const report = await fixtureReport('data');
    const group = groupOf(report, 'L4-24GB (synthetic)', 'chat');
    const role = (id: string) => roleText(group, group.points.find((p) => p.id === id)!);
    expect(role('c32-t64')).toBe('recommended; frontier');
    expect(role('c16-t64')).toBe('sweet spot 2; frontier');
    expect(role('c16-t128')).toBe('sweet spot 3');
    expect(role('c1-t256')).toBe('over the SLO');
    expect(role('c64-t256')).toBe('');
    const table = runsTable(tableContext(report), group);
    expect(cellAt(table, rowById(table, 'run-c64-t256'), 'role')).toMatchObject({ kind: 'absent', text: '–' });
  });

  it('leaves out columns no run carries instead of filling them with gaps', async () => {
    const report = await fixtureReport('data');
    const keys = runsTable(tableContext(report), groupOf(report, 'RunPod-RTX2000-16GB', 'batch')).columns.map((c) => c.key);
    expect(keys).toEqual(['load', 'max_new_tokens', 'status', 'throughput_tok_s', 'p95_e2e_ms', 'headroom_pct', 'p50_e2e_ms', 'role', 'source']);
  });

  it('states the settings every run shares once, and links findings to the rows they rest on', async () => {
    const model = await fixtureModel('data');
    const view = model.groups.get('l4-24gb-synthetic/chat')!;
    expect(view.settings).toBe('max_model_len 4096 · gpu_memory_utilization 0.9');
    const oom = view.findings.find((f) => f.text.includes('OOM'))!;
    expect(oom).toEqual({ kind: 'instability', text: 'The run at concurrency 64 × 256 tokens ran out of GPU memory (OOM) (64 failed requests).', runs: [{ label: '64 × 256', anchor: '#run-c64-t256' }] });
    expect(findingViews(view.group)).toEqual(view.findings);
    for (const finding of view.findings) for (const run of finding.runs) expect(view.runs.rows.some((r) => `#${r.id}` === run.anchor), run.anchor).toBe(true);
  });
});

describe('a group where nothing met the SLO', () => {
  it('names the closest run and says so in the facts (RAG on L4, judged on p95 TTFT)', async () => {
    const model = await fixtureModel('data');
    const view = model.groups.get('l4-24gb-synthetic/rag')!;
    expect(view.verdict).toBe('none');
    expect(view.sweetSpots).toBeNull();
    expect(view.closest).toMatchObject({ label: 'concurrency 2, max_tokens 128', anchor: '#run-c2-t128' });
    expect(view.closest!.point.id).toBe('c2-t128');
    expect(view.recommendation).toBe('No run met the SLO (p95 TTFT ≤ 1000 ms); the closest was concurrency 2, max_tokens 128: p95 TTFT 1670 ms.');
    expect(view.facts[0]!.cell).toMatchObject({ text: 'none met the SLO', tone: 'bad' });
    expect(labels(view.runs)).toEqual(['Concurrency', 'max_tokens', 'Status', 'Throughput (tok/s)', 'p95 TTFT (ms)', 'Headroom', 'p95 e2e (ms)', 'Requests', 'Failed', 'Role', 'Source (file:line)']);
    expect(rowById(view.runs, 'run-c2-t128').highlight).toBe(true);
    expect(cellAt(view.runs, rowById(view.runs, 'run-c2-t128'), 'role').text).toBe('closest to the SLO; frontier; over the SLO');
  });

  it('uses the built-in SLO when the folder has no config', async () => {
    const model = await fixtureModel('no-slo');
    const view = model.groups.get('t4/chat')!;
    expect(view.slo).toBe('p95 e2e ≤ 2000 ms');
    expect(view.recommendation).toBe('No run met the SLO (p95 e2e ≤ 2000 ms); the closest was concurrency 1, max_tokens 256: p95 e2e 12800 ms.');
    expect(view.closest!.point.id).toBe('c1-t256');
  });
});

describe('setups, request rates and ceilings', () => {
  it('adds a Setup column when a group has several setups, and never merges them', async () => {
    const report = await fixtureReport('setups');
    const group = groupOf(report, 'H100', 'chat');
    expect(group.setups.map((s) => s.label)).toEqual(['TP1', 'TP2']);
    const context = tableContext(report);
    const sweet = sweetSpotTable(context, group)!;
    expect(labels(sweet)).toEqual(['Concurrency', 'max_tokens', 'Setup', 'Throughput (tok/s)', 'p95 e2e (ms)', 'Headroom']);
    expect(rowTexts(sweet)).toEqual([
      ['16', '128', 'TP2', '1500.0', '1800', '10%'],
      ['8', '128', 'TP2', '950.0', '1000', '50%'],
      ['8', '128', 'TP1', '700.0', '1400', '30%'],
    ]);
    expect(rowTexts(saturationTable(context, group)!)).toEqual([
      ['128', 'TP1', '900.0', '16', 'not saturated up to 16'],
      ['128', 'TP2', '1500.0', '16', 'not saturated up to 16'],
    ]);
    const runs = runsTable(context, group);
    expect(runs.rows.map((r) => [r.id, cellAt(runs, r, 'setup').text])).toEqual([
      ['run-c4-t128-tp1', 'TP1'], ['run-c8-t128-tp1', 'TP1'], ['run-c16-t128-tp1', 'TP1'],
      ['run-c4-t128-tp2', 'TP2'], ['run-c8-t128-tp2', 'TP2'], ['run-c16-t128-tp2', 'TP2'],
    ]);
    const list = facts(groupFacts(context, group));
    expect(list[0]).toEqual(['Recommended', 'concurrency 16, max_tokens 128 (TP2)']);
    expect(list).toContainEqual(['Max stable concurrency (recommended setup)', '16']);
    expect(list.at(-1)).toEqual(['Setups', '2 setups, never merged: TP1 and TP2']);
    expect((await fixtureModel('setups')).groups.get('h100/chat')!.settings).toBeNull();
  });

  it('heads the load column "Request rate" for a rate-driven group, its cells in req/s and its CSV in raw numbers', async () => {
    const report = await fixtureReport('setups');
    const group = groupOf(report, 'H100', 'stream');
    expect(loadHeader(group)).toBe('Request rate');
    const context = tableContext(report);
    const runs = runsTable(context, group);
    // These runs set no max_tokens (not a gap): the tables show no max_tokens column at all.
    expect(labels(runs).slice(0, 2)).toEqual(['Request rate', 'Status']);
    expect(runs.rows.map((r) => r.cells[0]!.text)).toEqual(['1 req/s', '2 req/s', '4 req/s', '8 req/s']);
    expect(runs.rows.map((r) => r.cells[0]!.value)).toEqual([1, 2, 4, 8]);
    expect(rowTexts(sweetSpotTable(context, group)!)[0]).toEqual(['4 req/s', '470.0', '2400', '20%']);
    expect(rowTexts(saturationTable(context, group)!)).toEqual([['610.0', '8 req/s', 'not saturated up to 8 req/s']]);
    expect(tableCsv(runs).split('\r\n')[1]).toBe('1,ok,120,1500,50,40,100,0,sweet spot 3; frontier,stream_sweep.csv:2');
    expect(facts(groupFacts(context, group))).toContainEqual(['Max stable request rate', '8 req/s']);
  });

  it('shows an unbounded run as "unbounded", a ceiling, under a "Load" column', async () => {
    const report = await fixtureReport('setups');
    const group = groupOf(report, 'H100', 'burst');
    expect(loadHeader(group)).toBe('Load');
    const runs = runsTable(tableContext(report), group);
    const ceiling = rowById(runs, 'run-inf-t256');
    expect(ceiling.cells[0]).toMatchObject({ kind: 'text', text: 'unbounded', value: 'inf', tone: 'muted' });
    expect(cellAt(runs, ceiling, 'role').text).toBe('ceiling (unbounded load); frontier; over the SLO');
    expect(rowTexts(runs).map((r) => r[0])).toEqual(['2 req/s', '4 req/s', 'unbounded']);
    // The ceiling is the peak, never the recommendation: that stays an operating point.
    expect(group.recommendation).toBe('r4-t256');
    expect(facts(groupFacts(tableContext(report), group))).toContainEqual(['Peak throughput (stable runs)', '900.0 tok/s at unbounded × 256']);
  });
});

describe('real results: vLLM at QPS 1, 4, 16 and inf (Llama-3.3-70B on 8× A100)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the inf run as an unbounded ceiling, no max_tokens column (the runs set none), and the SLO judged on e2e from the records', async () => {
    const dir = realCopy('surajssd__llm-k8s', { files: { 'run/': { gpu: '8xA100-40GB', workload: 'sharegpt' } } });
    dirs.push(dir);
    const report = await loadReport(dir);
    const group = groupOf(report, '8xA100-40GB', 'sharegpt');
    const runs = runsTable(tableContext(report), group);
    expect(labels(runs).slice(0, 5)).toEqual(['Load', 'Status', 'Throughput (tok/s)', 'p95 e2e (ms)', 'Headroom']);
    expect(rowTexts(runs).map((r) => r.slice(0, 3))).toEqual([
      ['1 req/s', 'ok', '208.2'],
      ['4 req/s', 'ok', '673.9'],
      ['16 req/s', 'ok', '1354.4'],
      ['unbounded', 'ok', '1780.4'],
    ]);
    expect(cellAt(runs, rowById(runs, 'run-inf-tna'), 'role').text).toBe('ceiling (unbounded load); frontier; over the SLO');
    // The files carry no e2e statistics; their per-request arrays do (TTFT plus the sum of the ITLs).
    expect(runs.rows.every((r) => cellAt(runs, r, 'p95_e2e_ms').kind !== 'absent')).toBe(true);
    expect(report.gaps.map((g) => g.key)).not.toContain('8xa100-40gb/sharegpt||p95_e2e_ms');
    expect(group.slo).toMatchObject({ metric: 'p95_e2e_ms', judged: 'measured' });
  });
});

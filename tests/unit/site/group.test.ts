import { describe, expect, it } from 'vitest';
import { NOT_MEASURED } from '../../../src/core/format.ts';
import { recommendationText } from '../../../src/core/markdown.ts';
import type { GroupReport, Report } from '../../../src/core/types.ts';
import { groupView, runAnchor, runsTable, saturationTable, sweetSpotTable } from '../../../src/site/group.ts';
import { fixtureReport } from './fixtures.ts';

function group(report: Report, gpu: string, workload: string): GroupReport {
  const found = report.groups.find((g) => g.gpu === gpu && g.workload === workload);
  if (!found) throw new Error(`no ${gpu} / ${workload}`);
  return found;
}

const texts = (cells: { text: string }[]) => cells.map((c) => c.text);

describe('GPU × workload view', () => {
  it('puts the recommendation sentence of the Markdown report on the page', async () => {
    const g = group(await fixtureReport('data'), 'RunPod-RTX2000-16GB', 'chat');
    const view = groupView(g);
    expect(view.recommendation).toBe(recommendationText(g));
    expect(view.slo).toBe('p95 e2e ≤ 2000 ms');
    expect(view.path).toBe('/gpus/runpod-rtx2000-16gb/chat/');
    expect(view.met).toBe(true);
  });

  it('builds the sweet-spot table with the seed report\'s columns and formatting', async () => {
    const g = group(await fixtureReport('data'), 'RunPod-RTX2000-16GB', 'chat');
    const table = sweetSpotTable(g)!;
    expect(table.columns.map((c) => c.label)).toEqual(['Concurrency', 'max_tokens', 'Throughput (tok/s)', 'p95 e2e (ms)', 'Headroom']);
    expect(table.rows.map((r) => texts(r.cells))).toEqual([
      ['16', '64', '579.7', '1316', '34%'],
      ['8', '64', '343.2', '1169', '42%'],
      ['4', '64', '172.9', '1106', '45%'],
    ]);
    expect(table.rows[0]!.highlight).toBe(true);
    expect(table.csv).toBe('/gpus/runpod-rtx2000-16gb/chat/sweet-spots.csv');
  });

  it('names the SLO metric in headers when it is not p95 e2e', async () => {
    const g = group(await fixtureReport('data'), 'L4-24GB (synthetic)', 'rag');
    expect(sweetSpotTable(g)).toBeNull();
    const runs = runsTable(g);
    expect(runs.columns.map((c) => c.label)).toContain('p95 TTFT (ms)');
    expect(runs.columns.map((c) => c.label)).toContain('p95 e2e (ms)');
  });

  it('lists every run, failed and OOM ones included, with status and source', async () => {
    const g = group(await fixtureReport('data'), 'L4-24GB (synthetic)', 'chat');
    const table = runsTable(g);
    expect(table.rows).toHaveLength(g.points.length);
    const labels = table.columns.map((c) => c.key);
    const oom = table.rows.find((r) => r.id === runAnchor('c64-t256'))!;
    expect(oom.cells[labels.indexOf('status')]!.text).toBe('OOM');
    expect(oom.cells[labels.indexOf('throughput_tok_s')]!.text).toBe(NOT_MEASURED);
    expect(oom.explained).toMatch(/oom/);
    expect(oom.cells.at(-1)!.text).toBe('synthetic-l4/l4_chat_sweep.csv:19');
    const failed = table.rows.find((r) => r.id === runAnchor('c64-t128'))!;
    expect(failed.cells[labels.indexOf('status')]!.text).toBe('ok, 3 failed');
  });

  it('shows n and the min–max spread of repeated points', async () => {
    const g = group(await fixtureReport('data'), 'L4-24GB (synthetic)', 'chat');
    const table = runsTable(g);
    const keys = table.columns.map((c) => c.key);
    const repeated = table.rows.find((r) => r.id === runAnchor('c16-t128'))!;
    expect(repeated.cells[keys.indexOf('n')]!.text).toBe('3');
    expect(repeated.cells[keys.indexOf('throughput_range')]!.text).toBe('876.0–930.2');
    expect(repeated.cells[keys.indexOf('latency_range')]!.text).toBe('1564–1661');
    expect(repeated.cells.at(-1)!.text).toBe('synthetic-l4/l4_chat_sweep.csv:12, 20, 21');
    const single = table.rows.find((r) => r.id === runAnchor('c1-t64'))!;
    expect(single.cells[keys.indexOf('throughput_range')]!.text).toBe('single run');
  });

  it('leaves out columns the data does not carry instead of filling them with gaps', async () => {
    const g = group(await fixtureReport('data'), 'RunPod-RTX2000-16GB', 'batch');
    const keys = runsTable(g).columns.map((c) => c.key);
    expect(keys).not.toContain('requests');
    expect(keys).not.toContain('p95_ttft_ms');
    expect(keys).not.toContain('n');
  });

  it('marks the roles of runs: recommended, sweet spots, frontier, over the SLO', async () => {
    const g = group(await fixtureReport('data'), 'L4-24GB (synthetic)', 'chat');
    const table = runsTable(g);
    const role = table.columns.findIndex((c) => c.key === 'role');
    const row = (id: string) => table.rows.find((r) => r.id === runAnchor(id))!.cells[role]!.text;
    expect(row('c32-t64')).toBe('recommended; frontier');
    expect(row('c16-t128')).toBe('sweet spot 3');
    expect(row('c1-t256')).toBe('over the SLO');
  });

  it('gives saturation per max_tokens series', async () => {
    const g = group(await fixtureReport('data'), 'L4-24GB (synthetic)', 'chat');
    const table = saturationTable(g)!;
    expect(table.rows.map((r) => texts(r.cells))).toEqual([
      ['64', '1776.7', '64', 'not saturated up to 64'],
      ['128', '1422.4', '32', 'not saturated up to 32'],
      ['256', '1282.4', '32', 'not saturated up to 32'],
    ]);
  });

  it('names the closest run when nothing met the SLO', async () => {
    const g = (await fixtureReport('no-slo')).groups[0]!;
    const view = groupView(g);
    expect(view.met).toBe(false);
    expect(view.sweetSpots).toBeNull();
    expect(view.closest?.id).toBe('c1-t256');
    expect(view.recommendation).toBe('No run met the SLO (p95 e2e ≤ 2000 ms); the closest was concurrency=1 with max_tokens=256: p95 e2e 12800 ms.');
    expect(view.facts.find((f) => f.label === 'Recommended')!.cell.text).toBe('none met the SLO');
    const closestRow = view.runs.rows.find((r) => r.id === runAnchor('c1-t256'))!;
    expect(closestRow.highlight).toBe(true);
  });

  it('links findings to the rows of the runs they rest on', async () => {
    const g = group(await fixtureReport('data'), 'L4-24GB (synthetic)', 'chat');
    const view = groupView(g);
    const oom = view.findings.find((f) => f.kind === 'instability' && f.text.includes('OOM'))!;
    expect(oom.runs).toEqual([{ label: '64 × 256', anchor: '#run-c64-t256' }]);
    for (const finding of view.findings) {
      for (const run of finding.runs) expect(view.runs.rows.some((r) => `#${r.id}` === run.anchor)).toBe(true);
    }
  });

  it('states the server settings once when every run shares them', async () => {
    const g = group(await fixtureReport('data'), 'L4-24GB (synthetic)', 'chat');
    expect(groupView(g).server).toBe('gpu_memory_utilization 0.9, max_model_len 4096');
    expect(runsTable(g).columns.map((c) => c.key)).not.toContain('server');
  });
});

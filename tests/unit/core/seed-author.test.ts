import { mkdtemp, copyFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointById } from '../../../src/core/analysis/group.ts';
import { loadReport } from '../../../src/core/load.ts';
import { renderMarkdown } from '../../../src/core/markdown.ts';
import type { Report } from '../../../src/core/types.ts';
import { REALDATA } from './paths.ts';

// The seed author's own two files, read where they live; the folder holds nothing else.
const FILES = ['day003_chat_capacity_rtx16gb.csv', 'day003_batch_capacity_rtx16gb.csv'];
let dir: string;
let report: Report;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cf-seed-'));
  for (const file of FILES) await copyFile(path.join(REALDATA, 'ozgurgulerx__inference-journal', file), path.join(dir, file));
  report = await loadReport(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const group = (workload: string) => report.groups.find((g) => g.workload === workload)!;
const spots = (workload: string) => group(workload).sweet_spots.map((id) => {
  const p = pointById(group(workload), id);
  return [p.load.value, p.max_new_tokens, p.headroom_pct];
});

describe("the seed author's RTX 2000 Ada measurements", () => {
  it('files the chat rows under chat (from the file name), not "unknown"', () => {
    expect(report.groups.map((g) => [g.gpu, g.workload])).toEqual([
      ['RunPod-RTX2000-16GB', 'batch'], ['RunPod-RTX2000-16GB', 'chat'],
    ]);
  });

  it('judges chat against 2000 ms: sweet spots 16×64, 8×64, 4×64', () => {
    expect(group('chat').slo).toMatchObject({ metric: 'p95_e2e_ms', threshold_ms: 2000, measured: true });
    expect(spots('chat')).toEqual([[16, 64, 34.2], [8, 64, 41.5], [4, 64, 44.7]]);
  });

  it('judges batch against 5000 ms: only 8×256, headroom 8.6%', () => {
    expect(spots('batch')).toEqual([[8, 256, 8.6]]);
  });

  it('reads max_tokens as max_new_tokens (the seed printed 0)', () => {
    expect(group('chat').max_new_tokens).toEqual([64, 128, 256]);
  });

  it('finds the key numbers: chat max 620.4 tok/s, max stable concurrency 16 (chat) and 32 (batch)', () => {
    expect(group('chat').max_throughput).toEqual({ value: 620.4, point: 'c16-t128' });
    expect(group('chat').max_stable_load).toEqual({ axis: 'concurrency', value: 16 });
    expect(group('batch').max_stable_load).toEqual({ axis: 'concurrency', value: 32 });
  });

  it('sees that the chat harness did not stream, and the jitter ridge at 16 × 512', () => {
    expect(group('chat').findings.map((f) => f.kind)).toContain('no-streaming');
    expect(group('batch').points.filter((p) => p.jitter_ridge).map((p) => p.id)).toEqual(['c16-t512']);
  });

  it('prints the corrected Markdown report', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('## RunPod-RTX2000-16GB – Chat workload');
    expect(md).toContain('| 16 | 64 | 579.7 | 1316 | 34% | 1 |');
    expect(md).toContain('| 8 | 256 | 243.0 | 4570 | 9% | 1 |');
    expect(md).toContain('Threshold: p95 e2e ≤ 2000 ms (p95_e2e_ms).');
    expect(md).not.toMatch(/max_tokens=0|unknown|NaN|undefined|Infinity/);
  });
});

/**
 * Write-ups through real builds: the "Life of a Request" of the embedded data, and an author's own
 * MDX page using the components, from a content folder of the test's own (CAPACITY_CONTENT).
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReport } from '../../src/core/load.ts';
import type { Report } from '../../src/core/types.ts';
import { ROOT } from '../unit/core/paths.ts';
import { runCommand } from './run-script.ts';


const build = (content: string, ...args: string[]) => runCommand('build', args, { CAPACITY_CONTENT: content });

const AUTHOR_PAGE = `---
title: Capacity brief
description: A one-page brief for the proposal.
order: 5
---

## Headline

The RTX 2000 Ada peaks at <Num figure="runpod-rtx2000-16gb/chat/max_throughput" /> on chat and runs
batch at <Num figure="runpod-rtx2000-16gb/batch/recommended_concurrency" /> concurrent requests. Its batch TTFT
is <Num figure="runpod-rtx2000-16gb/batch/peak_p95_ttft" />.

| Plan | GPU |
| --- | --- |
| Pilot | RTX 2000 Ada |

<KeyNumbers gpu="RunPod-RTX2000-16GB" />
`;

let tmp: string;
let out: string;
let report: Report;
let result: { code: number; output: string };

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cf-writeups-'));
  const content = path.join(tmp, 'content');
  await mkdir(content);
  await copyFile(path.join(ROOT, 'content/life-of-a-request.mdx'), path.join(content, 'life-of-a-request.mdx'));
  await writeFile(path.join(content, 'capacity-brief.mdx'), AUTHOR_PAGE);
  out = path.join(tmp, 'dist');
  result = await build(content, '--out', out);
  report = await loadReport(path.join(ROOT, 'data'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function page(url: string) {
  const html = await readFile(path.join(out, url, 'index.html'), 'utf8');
  return { html, document: parseHTML(html).document as unknown as Document };
}

describe('Life of a Request, built from the embedded data', () => {
  it('builds', () => {
    expect(result.output).toContain('Built');
    expect(result.code).toBe(0);
  });

  it('contains no placeholder and no broken figure', async () => {
    const { document } = await page('life-of-a-request');
    const text = document.body.textContent ?? '';
    expect(text).not.toMatch(/\[YOUR VALUE\]|\[X\]|NaN|undefined|Infinity|\[YOUR OBSERVATION\]/);
    expect(text).toContain('Workloads and configurations tested');
  });

  it('fills the seed author\'s numbers from the data', async () => {
    const { document } = await page('life-of-a-request');
    const rows = (id: string) => [...document.querySelectorAll(`#table-${id} tbody tr`)].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));
    expect(rows('key-numbers-runpod-rtx2000-16gb')).toEqual(expect.arrayContaining([
      ['Max stable chat concurrency', '16'],
      ['Max stable batch concurrency', '32'],
      ['Max chat throughput (tok/s)', '620.4'],
    ]));
    expect(rows('ttft-runpod-rtx2000-16gb-chat')[3]).toEqual(['16', '1316', '2567', '4972']);
    expect(rows('saturation')).toContainEqual(['RunPod-RTX2000-16GB', 'Chat', 'not saturated up to concurrency 16', '620.4', 'max_tokens 128']);
    expect(rows('instability')).toContainEqual(['RunPod-RTX2000-16GB', 'Batch', 'concurrency 16 × 512 tokens', '–', 'jitter ridge: p95 9423 ms, over 25% above both neighbours']);
    const text = document.body.textContent ?? '';
    expect(text).toMatch(/RunPod-RTX2000-16GB, chat:\s*p95 time to first token is within 5% of p95 end-to-end latency in all 12 measured runs/);
    const chat = report.groups.find((g) => g.gpu === 'RunPod-RTX2000-16GB' && g.workload === 'chat')!;
    expect(chat.max_throughput?.value).toBe(620.4);
  });

  it('collapses a table with nothing measured to one sentence, for the client', async () => {
    const { document } = await page('life-of-a-request');
    const note = document.querySelector('#table-ttft-runpod-rtx2000-16gb-batch')!;
    expect(note.tagName).toBe('P');
    expect(note.textContent).toBe('No p95 time to first token was recorded for RunPod-RTX2000-16GB on batch, so this table is left out.');
    expect(document.body.textContent).not.toMatch(/add a \w+ column|fill \w+ at|capacity\.config\.json/);
  });

  it('links every figure of the tables to its run', async () => {
    const { document } = await page('life-of-a-request');
    const link = document.querySelector('#table-ttft-runpod-rtx2000-16gb-chat tbody tr td a');
    expect(link?.getAttribute('href')).toBe('/gpus/runpod-rtx2000-16gb/chat/#run-c1-t64');
    const target = await page('gpus/runpod-rtx2000-16gb/chat');
    expect(target.document.getElementById('run-c1-t64')).not.toBeNull();
  });

  it('offers each table as CSV', async () => {
    const csv = await readFile(path.join(out, 'tables/saturation.csv'), 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe('GPU,Workload,Saturation,Peak throughput (tok/s),Series');
    expect(csv).toContain('RunPod-RTX2000-16GB,chat,not saturated up to concurrency 16,620.4,max_tokens 128');
  });
});

describe("an author's own write-up", () => {
  it('appears in the navigation of every page', async () => {
    const { document } = await page('');
    const links = [...document.querySelectorAll('nav.site-nav a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toContainEqual(['Life of a Request', '/life-of-a-request/']);
    expect(links).toContainEqual(['Capacity brief', '/capacity-brief/']);
  });

  it('renders figures with units and links, GFM tables and components', async () => {
    const { document } = await page('capacity-brief');
    const nums = [...document.querySelectorAll('a.num')].map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('title')]);
    expect(nums).toEqual([
      ['620.4 tok/s', '/gpus/runpod-rtx2000-16gb/chat/#run-c16-t128', 'from rtx2000-ada/day003_chat_capacity_rtx16gb.csv:12'],
      ['8', '/gpus/runpod-rtx2000-16gb/batch/#run-c8-t256', 'from rtx2000-ada/day003_batch_capacity_rtx16gb.csv:2'],
    ]);
    expect(document.querySelector('.gap[data-gap="runpod-rtx2000-16gb/batch||p95_ttft_ms"]')?.textContent).toBe('not measured');
    expect(document.querySelector('article table')?.textContent).toContain('Pilot');
    expect(document.getElementById('headline')).not.toBeNull();
    expect(document.querySelector('#table-key-numbers-runpod-rtx2000-16gb')).not.toBeNull();
  });
});

describe('mistakes in a write-up fail the build with a message that teaches', () => {
  it('names the valid figure ids for a typo', async () => {
    const content = path.join(tmp, 'typo');
    await mkdir(content);
    await writeFile(path.join(content, 'brief.mdx'), '---\ntitle: Brief\ndescription: x\n---\n\n<Num figure="rtx/chat/max_throughput" />\n');
    const failed = await build(content, '--out', path.join(tmp, 'typo-out'));
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('<Num figure="rtx/chat/max_throughput"> expects "<gpu>/<workload>/<name>"');
  });
});

describe('--strict and write-ups', () => {
  it('judges the same gaps as analyze --strict: a <Num> with no figure but no gap passes, a gap fails both', async () => {
    // A folder where every figure is measured: a <Num> that says "not saturated" is an answer, not a gap.
    const data = path.join(tmp, 'complete');
    await mkdir(data);
    const header = 'gpu,workload,concurrency,max_new_tokens,throughput_tok_s,p50_ttft_ms,p95_ttft_ms,p50_e2e_ms,p95_e2e_ms,p50_tpot_ms,p95_tpot_ms,p50_itl_ms,p95_itl_ms';
    await writeFile(path.join(data, 'sweep.csv'), `${header}\nG1,chat,1,64,50,40,50,900,1000,13,14,13,15\nG1,chat,4,64,180,60,80,1000,1200,15,16,15,17\n`);
    await writeFile(path.join(data, 'capacity.config.json'), JSON.stringify({
      model: { layers: 2, kv_heads: 1, head_dim: 64 }, context_length: 1024, gpus: { G1: { memory_gib: 8 } },
    }));
    const content = path.join(tmp, 'strict-content');
    await mkdir(content);
    await writeFile(path.join(content, 'brief.mdx'), '---\ntitle: Brief\ndescription: x\n---\n\nSaturates at <Num figure="g1/chat/saturation_concurrency" />.\n');
    const strict = await build(content, '--data', data, '--out', path.join(tmp, 'strict-out'), '--strict');
    expect(strict.code, strict.output).toBe(0);
    expect((await runCommand('analyze', ['--data', data, '--strict'])).code).toBe(0);
    const brief = parseHTML(await readFile(path.join(tmp, 'strict-out', 'brief', 'index.html'), 'utf8')).document;
    expect(brief.querySelector('a.num')?.textContent).toBe('not saturated up to 4');

    // Without TTFT, both commands fail and list the same gap.
    await writeFile(path.join(data, 'sweep.csv'), `${header}\nG1,chat,1,64,50,,,900,1000,13,14,13,15\nG1,chat,4,64,180,,,1000,1200,15,16,15,17\n`);
    const failed = await build(content, '--data', data, '--out', path.join(tmp, 'strict-out-2'), '--strict');
    const analyzed = await runCommand('analyze', ['--data', data, '--strict']);
    expect(failed.code).toBe(1);
    expect(analyzed.code).toBe(1);
    const line = 'not measured: G1 / chat: p95 TTFT: add a p95_ttft_ms column to sweep.csv';
    expect(failed.output).toContain(line);
    expect(analyzed.output).toContain(line);
  }, 600_000); // two full builds, which take turns with any other build of the project
});

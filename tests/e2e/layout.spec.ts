/**
 * Tables as a reader meets them: at 1400 px and 1280 px no table scrolls or hides a column, on
 * every page of the sample site and of two sites built here from real mixed folders (copied from
 * ../shared/realdata into a temporary folder, never into the repository); on a 375 px phone a wide
 * table scrolls under its first column, which stays in view.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { serveStatic, type StaticServer } from '../../src/commands/static-server.ts';

const run = promisify(execFile);
const DIST = path.resolve(process.env.CAPACITY_OUT ?? 'dist');
const REALDATA = path.resolve('../shared/realdata');
const SURAJSSD = 'surajssd__llm-k8s/results_serving_meta-llama-Llama-3.3-70B-Instruct/01_tp8_pp1';

/** Two real folders, each as files copied from realdata (`to` ← `from`) beside its labelling config. */
const FOLDERS: Record<string, { copies: [string, string][]; config: object }> = {
  'every-tool': {
    copies: [
      ['seed/day003_chat_capacity_rtx16gb.csv', 'ozgurgulerx__inference-journal/day003_chat_capacity_rtx16gb.csv'],
      ['seed/day003_batch_capacity_rtx16gb.csv', 'ozgurgulerx__inference-journal/day003_batch_capacity_rtx16gb.csv'],
      ...['01', '16', 'inf'].map((q): [string, string] => [`vllm/qps_${q}.json`, `${SURAJSSD}/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_${q}.json`]),
      ['sweep', 'er0080__vllm-benchmarking/api/tests/fixtures/vllm_sweep_v0.25.1'],
      ['sglang/online.jsonl', 'datacrunch-research__h200-benchmarks/llama_3_3_70b_online_output.jsonl'],
      ['guidellm/qwen3-30b.json', 'danielkorat__guidellm-bench/Qwen_Qwen3-30B-A3B_tp4_quant-fp8_benchmarks.json'],
      ['aiperf/concurrency_64', 'akamaslabs__vllm-benchmark/studies/26-g7-4500-gpu-slice-right-sizing/results/aiperf-exp7-no-mig-repeat/concurrency_64'],
    ],
    config: {
      title: 'Every tool on one report',
      files: {
        'vllm/': { gpu: '8xA100-40GB', workload: 'sharegpt' }, 'sweep/': { gpu: 'opt-125m', workload: 'smoke' },
        'sglang/': { gpu: '8xH200', workload: 'online' }, 'guidellm/': { gpu: 'Intel-XPU-x4', workload: 'aime' },
        'aiperf/': { gpu: 'g7-4500', workload: 'sharegpt' },
      },
    },
  },
  'hosted-and-lab': {
    copies: [
      ['lab', 'pillaiharish__llm-serving-performance-lab/results/day06/raw'],
      ['llmperf', 'ray-project__llmperf-leaderboard/summary'],
      ['sglang', 'TonyLi15__sglang-benchmark'],
    ],
    config: {
      title: 'Hosted APIs and a lab GPU',
      files: { 'lab/': { gpu: 'Lab GPU', workload: 'chat' }, 'llmperf/': { gpu: 'Hosted APIs', workload: 'llmperf' }, 'sglang/': { gpu: 'SGLang GPU', workload: 'online' } },
    },
  },
};

/** Every page a built site holds, as site paths, without the chart embeds (they have no tables). */
function pagesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file === 'index.html' || file.endsWith(`${path.sep}index.html`))
    .map((file) => `/${file.slice(0, -'index.html'.length).split(path.sep).join('/')}`)
    .filter((p) => !p.startsWith('/embed/'))
    .sort();
}

/** Tables of the current page whose content is wider than their box, as "anchor: content > box". */
async function overflowingTables(page: Page): Promise<string[]> {
  return page.$$eval('.table-scroll', (boxes) => boxes
    .filter((box) => box.scrollWidth > box.clientWidth)
    .map((box) => `${box.closest('[id]')?.id ?? '?'}: ${box.scrollWidth} > ${box.clientWidth}`));
}

/** Visits every page at each width; the tables that overflow, by width and page. */
async function checkWidths(page: Page, origin: string, pages: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const width of [1400, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    for (const pathname of pages) {
      const response = await page.goto(new URL(pathname.slice(1), origin).href);
      expect(response?.status(), pathname).toBe(200);
      for (const problem of await overflowingTables(page)) problems.push(`${width} px ${pathname} ${problem}`);
    }
  }
  return problems;
}

test('at 1400 px and 1280 px no table of the sample site scrolls or hides a column', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const pages = pagesOf(DIST);
  expect(pages.length).toBeGreaterThan(5);
  expect(await checkWidths(page, `${baseURL}/`, pages)).toEqual([]);
});

test.describe('sites built from real mixed folders', () => {
  let tmp: string;
  const servers: StaticServer[] = [];
  const sites: { name: string; dir: string; server?: StaticServer }[] = [];
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'cf-layout-'));
    for (const [name, { copies, config }] of Object.entries(FOLDERS)) {
      const data = path.join(tmp, name);
      for (const [to, from] of copies) {
        mkdirSync(path.dirname(path.join(data, to)), { recursive: true });
        cpSync(path.join(REALDATA, from), path.join(data, to), { recursive: true });
      }
      writeFileSync(path.join(data, 'capacity.config.json'), JSON.stringify(config));
      const out = path.join(tmp, `${name}-site`);
      await run(process.execPath, ['scripts/build.ts', '--data', data, '--out', out], { maxBuffer: 16 * 1024 * 1024 });
      const server = await serveStatic({ dir: out });
      servers.push(server);
      sites.push({ name, dir: out, server });
    }
  });
  test.afterAll(async () => {
    for (const server of servers) await server.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('at 1400 px and 1280 px no table of either site scrolls or hides a column', async ({ page }) => {
    test.setTimeout(240_000);
    expect(sites.map((s) => s.name)).toEqual(Object.keys(FOLDERS));
    for (const site of sites) {
      const pages = pagesOf(site.dir);
      expect(pages.length, site.name).toBeGreaterThan(5);
      expect(await checkWidths(page, site.server!.url, pages), site.name).toEqual([]);
    }
  });
});

test('on a 375 px phone a wide table scrolls under its first column, which stays in view', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const group = pagesOf(DIST).find((p) => p.startsWith('/gpus/'))!;
  await page.goto(group);
  const box = page.locator('#table-runs .table-scroll');
  const before = await box.evaluate((el) => {
    const first = el.querySelector('tbody tr > :first-child')!;
    const second = el.querySelector('tbody tr > :nth-child(2)')!;
    return { overflow: el.scrollWidth - el.clientWidth, first: first.getBoundingClientRect().left, second: second.getBoundingClientRect().left };
  });
  expect(before.overflow, 'the runs table is wider than a phone').toBeGreaterThan(100);
  const after = await box.evaluate((el) => {
    el.scrollLeft = 120;
    const first = el.querySelector('tbody tr > :first-child')!;
    const second = el.querySelector('tbody tr > :nth-child(2)')!;
    return { first: first.getBoundingClientRect().left, second: second.getBoundingClientRect().left };
  });
  expect(after.first, 'the first column stays where it was').toBeCloseTo(before.first, 0);
  expect(after.second, 'the other columns scroll').toBeLessThan(before.second - 100);
  // The page itself never scrolls sideways: only the table's own box does.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
});

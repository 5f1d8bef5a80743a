/**
 * The capacity plan as a client meets it: the sample data with GPU prices and a demand added to a
 * copy of its config, built into a site of its own and opened in Chromium. Every figure asserted
 * here is worked out by hand in the comments from the sample's recommended runs.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { serveStatic, type StaticServer } from '../../scripts/static-server.ts';

const run = promisify(execFile);
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

test.describe('the capacity plan page', () => {
  test.describe.configure({ mode: 'serial' });
  let tmp: string;
  let server: StaticServer;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'cf-plan-'));
    const data = path.join(tmp, 'data');
    cpSync('data', data, { recursive: true });
    const file = path.join(data, 'capacity.config.json');
    const config = JSON.parse(readFileSync(file, 'utf8'));
    config.gpus['RunPod-RTX2000-16GB'].price_per_hour = 0.23;
    config.gpus['L4-24GB (synthetic)'].price_per_hour = 0.8;
    config.demand = { chat: { requests_per_s: 40 }, batch: { output_tok_s: 20000 } };
    config.plan = { reserve_pct: 20 };
    writeFileSync(file, JSON.stringify(config, null, 2));
    await run(process.execPath, ['scripts/build.ts', '--data', data, '--out', path.join(tmp, 'site')], { maxBuffer: 16 * 1024 * 1024 });
    server = await serveStatic({ dir: path.join(tmp, 'site') });
  });
  test.afterAll(async () => {
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('ranks every GPU by monthly cost with the figures worked out on the page', async ({ page }) => {
    await page.goto(new URL('plan/', server.url).href);
    await expect(page.locator('h1')).toHaveText('Capacity plan');
    await expect(page.locator('nav a[href$="/plan/"]').first()).toHaveText('Capacity plan');

    // Chat, 40 req/s + 20%: RTX 2000 579.74 tok/s ÷ 64 tokens = 9.058 req/s → ceil(48 ÷ 9.058) = ceil(5.299) = 6 GPUs,
    // 6 × 0.23 × 730 = 1,007.40; L4 1492.4 ÷ 64 = 23.319 req/s → ceil(2.058) = 3 GPUs, 3 × 0.80 × 730 = 1,752.00.
    const chat = page.locator('#table-plan-chat tbody tr');
    await expect(chat).toHaveCount(2);
    const cells = async (row: number) => (await chat.nth(row).locator('th, td').allTextContents()).map(collapse);
    expect(await cells(0)).toEqual(['RunPod-RTX2000-16GB cheapest', '1,007.40', '6', '6', '1', '9.058', '30%', '0.110', '16 × 64']);
    expect(await cells(1)).toEqual(['L4-24GB (synthetic)', '1,752.00', '3', '3', '1', '23.319', '6%', '0.149', '32 × 64']);
    await expect(page.locator('section:has(#plan-chat) .callout')).toHaveText(/Cheapest for 40 req\/s: RunPod-RTX2000-16GB, 6 GPUs, USD 1,007\.40 a month\./);
    // Batch, 20,000 output tok/s + 20% = 24,000: L4 ceil(24000 ÷ 1838.59) = 14 GPUs, 14 × 0.80 × 730 = 8,176.00.
    expect(collapse((await page.locator('#table-plan-batch tbody tr').first().locator('th, td').allTextContents()).join(' | '))).toBe('L4-24GB (synthetic) cheapest | 8,176.00 | 14 | 14 | 1 | 1838.6 | 5% | 0.121 | 32 × 256');
    const body = await page.locator('main').innerText();
    expect(body).toContain('ceil(40 req/s × (1 + 20%) ÷ 9.058 req/s per replica) = ceil(5.299) = 6 replicas');
    expect(body).toContain('6 GPUs × USD 0.230 per GPU-hour × 730 hours = USD 1,007.40 a month');
    expect(body).not.toMatch(/NaN|undefined|Infinity/);

    // The recommendation a row rests on is one click away, and lands on its run.
    await chat.nth(0).locator('td a').last().click();
    await expect(page).toHaveURL(/\/gpus\/[^/]+\/chat\/#run-c16-t64$/);
    await expect(page.locator('#run-c16-t64')).toBeVisible();

    await page.goto(new URL('plan/', server.url).href);
    const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test('the overview names the cheapest GPU for each stated demand, linked to the plan', async ({ page }) => {
    await page.goto(server.url);
    const chat = page.locator('.key-numbers li', { hasText: 'Cheapest GPU for Chat at 40 req/s' });
    await expect(chat.locator('.value')).toHaveText('USD 1,007.40');
    await expect(chat.locator('.detail')).toHaveText('RunPod-RTX2000-16GB: 6 GPUs');
    await chat.locator('a').click();
    await expect(page).toHaveURL(/\/plan\/#plan-chat$/);
  });
});

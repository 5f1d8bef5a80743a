/**
 * `npm run dev` as an engineer uses it, started as its script is (a process of its own: Vite's dev
 * server does not run inside the test runner's own Vite): the dev server of a copy of the sample
 * folder serves the overview and a GPU × workload page; a broken row turns every page into an
 * error page, and the terminal names file, line and column, until it is fixed; an editor's
 * temporary file is not read as data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/bench/dev.ts';
import { ROOT } from '../unit/core/paths.ts';
import { userEnv } from './user-env.ts';

const HOST = '127.0.0.1';

/** Asks for `pathname` until `ready` holds for the answer (the server starts, the loader re-reads); the last answer. */
async function poll(base: string, pathname: string, ready: (status: number, body: string) => boolean, timeoutMs = 90_000): Promise<{ status: number; body: string }> {
  const until = Date.now() + timeoutMs;
  let last = { status: 0, body: '' };
  while (Date.now() < until) {
    try {
      const response = await fetch(new URL(pathname, base));
      last = { status: response.status, body: await response.text() };
      if (ready(last.status, last.body)) return last;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return last;
}

describe('npm run dev', () => {
  let server: ChildProcess;
  let log = '';
  let dir = '';
  let base = '';
  const csv = () => path.join(dir, 'synthetic-l4', 'l4_chat_sweep.csv');
  // What a failed expectation shows beside it: the end of the server's own log.
  const serverLog = () => `dev server log, last lines:\n${log.split('\n').slice(-40).join('\n')}`;
  let original = '';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'capacity-dev-'));
    await cp(path.join(ROOT, 'data'), dir, { recursive: true });
    original = await readFile(csv(), 'utf8');
    const port = await freePort();
    base = `http://${HOST}:${port}/`;
    server = spawn(process.execPath, [path.join(ROOT, 'scripts/dev.ts'), '--data', dir, '--port', String(port)], { cwd: ROOT, env: userEnv({ ASTRO_TELEMETRY_DISABLED: '1' }), stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [server.stdout!, server.stderr!]) stream.on('data', (chunk: Buffer) => void (log += chunk.toString()));
  }, 30_000);

  afterAll(async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGINT');
    // Ctrl-C stops the server cleanly.
    expect(await exited).toBe(0);
    await rm(dir, { recursive: true, force: true });
  }, 30_000);

  it('serves the overview and a GPU × workload page of the folder', async () => {
    const overview = await poll(base, '/', (status) => status === 200);
    expect(overview.status).toBe(200);
    expect(overview.body).toContain('<h1');
    expect(overview.body).toContain('L4-24GB (synthetic)');
    const page = await poll(base, '/gpus/l4-24gb-synthetic/chat/', (status) => status === 200);
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-chart=');
    expect(page.body).not.toMatch(/NaN|undefined|Infinity/);
  }, 120_000);

  it('shows invalid data as an error page with its file, line and column until it is fixed', async () => {
    const lines = original.trimEnd().split('\n');
    // A throughput that is not a number, on the file's third line.
    lines[2] = lines[2]!.replace(/,(\d+\.\d+),/, ',fast,');
    await writeFile(csv(), `${lines.join('\n')}\n`);
    // Every page is Astro's error page (Vite's overlay shows the loader's lines in the browser), and
    // the terminal names the cell.
    const broken = await poll(base, '/', (status) => status >= 500 && log.includes('l4_chat_sweep.csv:3:'));
    expect(broken.status, serverLog()).toBe(500);
    expect(log).toMatch(/l4_chat_sweep\.csv:3:\d+/);
    expect((await poll(base, '/gpus/l4-24gb-synthetic/chat/', (status) => status >= 500)).status, serverLog()).toBe(500);

    await writeFile(csv(), original);
    const fixed = await poll(base, '/', (status) => status === 200);
    expect(fixed.status, serverLog()).toBe(200);
    expect(fixed.body).toContain('L4-24GB (synthetic)');
  }, 120_000);

  it('leaves an editor\'s temporary file out of the data', async () => {
    // What an editor leaves beside the file while it saves: not a data file, never an error.
    await writeFile(path.join(dir, 'synthetic-l4', '.l4_chat_sweep.csv.swp'), 'not,a,sweep\n\u0000\u0001');
    await writeFile(path.join(dir, 'synthetic-l4', 'l4_chat_sweep.csv~'), 'half written,');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const page = await poll(base, '/', (status) => status === 200);
    expect(page.status, serverLog()).toBe(200);
    expect(page.body).not.toContain('.swp');
    expect(log).not.toMatch(/\.swp|csv~/);
  }, 60_000);
});

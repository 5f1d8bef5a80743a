import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../unit/core/paths.ts';
import { runCommand } from './run-script.ts';
import { userEnv } from './user-env.ts';


/** Runs `npm run analyze -- …` as a user would (in-process, with the command's own parser). */
const analyze = (...args: string[]) => runCommand('analyze', args);

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cf-cli-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(tmp, name);
  for (const [file, text] of Object.entries(files)) {
    await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true }));
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

describe('npm run analyze', () => {
  it('prints the corrected report of the embedded data', async () => {
    const { code, stdout } = await analyze();
    expect(code).toBe(0);
    expect(stdout).toContain('## RunPod-RTX2000-16GB – Chat workload');
    expect(stdout).toContain('**Recommendation**: Use concurrency 16, max\\_tokens 64 for the best throughput within the SLO (579.7 tok/s at p95 e2e 1316 ms, 34% headroom).');
    expect(stdout).not.toMatch(/NaN|undefined|Infinity|\[YOUR VALUE\]/);
  });

  it('prints the documented JSON, groups sorted by gpu then workload', async () => {
    const { code, stdout } = await analyze('--format', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    const keys = json.groups.map((g: { gpu: string; workload: string }) => `${g.gpu}|${g.workload}`);
    expect(keys).toEqual([...keys].sort());
    const chat = json.groups.find((g: { gpu: string; workload: string }) => g.gpu === 'RunPod-RTX2000-16GB' && g.workload === 'chat');
    expect(chat.slo).toMatchObject({ kind: 'percentile', metric: 'p95_e2e_ms', threshold_ms: 2000, measured: true });
    expect(chat.sweet_spots[0]).toEqual({
      setup: 'all runs', concurrency: 16, request_rate: null, load: { axis: 'concurrency', value: 16 }, max_new_tokens: 64,
      throughput_tok_s: 579.74, latency_ms: 1316.48, headroom_pct: 34.2, slo_attainment: null, goodput_req_s: null,
    });
    expect(chat.max_stable_concurrency).toBe(16);
    expect(chat.max_stable_load).toEqual({ axis: 'concurrency', value: 16 });
    expect(chat.recommendation).toEqual(chat.sweet_spots[0]);
    const rag = json.groups.find((g: { workload: string }) => g.workload === 'rag');
    expect(rag.recommendation).toBeNull();
  });

  it('writes --out only when the data is valid', async () => {
    const out = path.join(tmp, 'report.md');
    expect((await analyze('--out', out)).code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('# Capacity Frontier');

    const bad = await folder('bad', { 'a.csv': 'gpu,workload,concurrency,throughput_tok_s\nA,chat,1,fast\n' });
    const badOut = path.join(tmp, 'never.md');
    const result = await analyze('--data', bad, '--out', badOut);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('a.csv:2:10: throughput_tok_s expects a number of 0 or more but found "fast"');
    expect(existsSync(badOut)).toBe(false);
  });

  it('lists the problems of every file before failing', async () => {
    const dir = await folder('two-bad', {
      'a.csv': 'gpu,workload,concurrency\nA,chat,1\n',
      'b/c.csv': 'gpu,workload,concurrency,throughput_tok_s\nA,chat,0,1\n',
    });
    const { code, stderr } = await analyze('--data', dir);
    expect(code).toBe(1);
    expect(stderr).toContain('a.csv:1:1: expects a throughput column');
    expect(stderr).toContain('b/c.csv:2:8: concurrency expects a whole number of 1 or more but found "0"');
  });

  it('exits 2 on wrong usage', async () => {
    expect((await analyze('--format', 'xml')).code).toBe(2);
    expect((await analyze('--nope')).code).toBe(2);
    expect((await analyze('--data', path.join(tmp, 'missing'))).code).toBe(2);
  });

  it('fails under --strict when a figure is not measured', async () => {
    const dir = await folder('gaps', { 'a.csv': 'gpu,workload,concurrency,throughput_tok_s,p95_e2e_ms\nA,chat,1,10,\nA,chat,2,20,900\n' });
    expect((await analyze('--data', dir)).code).toBe(0);
    const strict = await analyze('--data', dir, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('not measured: A / chat c1-tna: p95 e2e: fill p95_e2e_ms at a.csv:2');
    const gaps = await analyze('--data', dir, '--gaps');
    expect(gaps.code).toBe(0);
    expect(gaps.stdout).toContain('not measured: A / chat c1-tna: p95 e2e: fill p95_e2e_ms at a.csv:2');
  });
});

describe('scripts/start.mjs, what the npm scripts run', () => {
  /** Runs `node scripts/start.mjs …args` in bash, its output piped into `reader`; the pipeline's exit code (pipefail) and stderr. */
  const start = (args: string[], reader = 'cat') => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const quoted = [process.execPath, path.join(ROOT, 'scripts', 'start.mjs'), ...args].map((a) => `'${a}'`).join(' ');
    const child = spawn('bash', ['-c', `set -o pipefail; ${quoted} | ${reader}`], { cwd: ROOT, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

  it('runs the command named, with the arguments after it', async () => {
    const run = await start(['analyze', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).title).toBeTruthy();
  });

  it('ends quietly, exit 0, when the reader of its output stops early (`| head -c 10`)', async () => {
    // The JSON of data/ (about 95 KB) is more than a pipe holds: head has gone while it is still being written.
    const run = await start(['analyze', '--format', 'json'], 'head -c 10');
    expect(run.stdout).toBe('{\n  "title');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('refuses a command it does not know, with its usage and exit 2', async () => {
    const run = await start(['analyse']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: node scripts/start.mjs <analyze|build|dev|pdf|preview>');
  });
});

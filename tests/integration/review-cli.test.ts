import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRealData } from '../unit/core/paths.ts';
import { scaleThroughput } from '../fixtures/scale.ts';
import { runCommand } from './run-script.ts';

const analyze = (...args: string[]) => runCommand('analyze', args);

const CHAT = 'ozgurgulerx__inference-journal/day003_chat_capacity_rtx16gb.csv';
const BATCH = 'ozgurgulerx__inference-journal/day003_batch_capacity_rtx16gb.csv';

let tmp: string;
let old: string;
let same: string;
let slower: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cf-review-'));
  const files = { 'chat/day003_chat_capacity_rtx16gb.csv': CHAT, 'batch/day003_batch_capacity_rtx16gb.csv': BATCH };
  old = copyRealData(path.join(tmp, 'old'), files);
  same = copyRealData(path.join(tmp, 'same'), files);
  slower = copyRealData(path.join(tmp, 'slower'), files);
  const chat = path.join(slower, 'chat/day003_chat_capacity_rtx16gb.csv');
  await writeFile(chat, scaleThroughput(await readFile(chat, 'utf8'), 0.8));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('npm run analyze -- --baseline', () => {
  it('chat throughput 20% lower at the recommended point: regressed, exit 3 under --fail-on-regression 5, each regression on stderr', async () => {
    const { code, stdout, stderr } = await analyze('--data', slower, '--baseline', old, '--fail-on-regression', '5');
    expect(code).toBe(3);
    expect(stderr).toContain('regressed: RunPod-RTX2000-16GB / chat: throughput at the SLO fell by 20% (more than 5%): 579.7 → 463.8 tok/s');
    expect(stderr).not.toContain('/ batch');
    expect(stdout).toContain('## Review');
    expect(stdout).toMatch(/\| RunPod-RTX2000-16GB – Chat workload \| regressed \| .* \| −20% \| change against a noise band of ±5%/);
    expect(stdout).toMatch(/\| RunPod-RTX2000-16GB – Batch workload \| within noise \|/);
  });

  it('a threshold above the fall passes the gate; without the gate the review is printed and exits 0', async () => {
    expect((await analyze('--data', slower, '--baseline', old, '--fail-on-regression', '25')).code).toBe(0);
    expect((await analyze('--data', slower, '--baseline', old)).code).toBe(0);
  });

  it('identical folders: within noise everywhere, exit 0', async () => {
    const { code, stdout, stderr } = await analyze('--data', same, '--baseline', old, '--fail-on-regression', '5', '--format', 'json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const review = JSON.parse(stdout).review;
    expect(review.baseline).toBe('old');
    expect(review.candidate).toBe('same');
    expect(review.groups.map((g: { verdict: string; delta_pct: number }) => [g.verdict, g.delta_pct])).toEqual([['within noise', 0], ['within noise', 0]]);
  });

  it('prints the documented review object', async () => {
    const { stdout } = await analyze('--data', slower, '--baseline', old, '--format', 'json');
    const chat = JSON.parse(stdout).review.groups.find((g: { workload: string }) => g.workload === 'chat');
    expect(Object.keys(chat)).toEqual(['gpu', 'workload', 'verdict', 'baseline', 'candidate', 'delta_pct', 'interval', 'points']);
    expect(chat).toMatchObject({ verdict: 'regressed', delta_pct: -20, interval: null });
    expect(chat.baseline).toMatchObject({ recommendation: { concurrency: 16, max_new_tokens: 64, throughput_tok_s: 579.74 }, max_throughput_tok_s: 620.4 });
    expect(chat.candidate.recommendation.throughput_tok_s).toBeCloseTo(463.792, 6);
    expect(chat.points).toHaveLength(12);
    expect(Object.keys(chat.points[0])).toEqual(['load', 'max_new_tokens', 'baseline_tok_s', 'candidate_tok_s', 'delta_pct']);
    expect(chat.points.every((p: { delta_pct: number }) => p.delta_pct === -20)).toBe(true);
  });

  it('a wider noise band in the candidate config makes the fall within noise', async () => {
    const wide = copyRealData(path.join(tmp, 'wide'), { 'chat/day003_chat_capacity_rtx16gb.csv': CHAT }, { review: { noise_pct: 25 } });
    const chat = path.join(wide, 'chat/day003_chat_capacity_rtx16gb.csv');
    await writeFile(chat, scaleThroughput(await readFile(chat, 'utf8'), 0.8));
    const { code, stdout, stderr } = await analyze('--data', wide, '--baseline', old, '--fail-on-regression', '5');
    expect(code).toBe(0);
    expect(stderr).toContain('not compared: RunPod-RTX2000-16GB / batch is only in the baseline old');
    expect(stdout).toMatch(/Chat workload \| within noise \| .* \| −20% \| change against a noise band of ±25%/);
    expect(stdout).toMatch(/Batch workload \| only in baseline \|/);
  });

  it('one folder split on a setting works the same', async () => {
    const dir = path.join(tmp, 'versions');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'a.csv'), 'gpu,workload,engine_version,concurrency,max_new_tokens,throughput_tok_s,p95_e2e_ms\nL4,chat,0.10.1,8,128,300,1500\nL4,chat,0.10.1,16,128,500,1900\n');
    await writeFile(path.join(dir, 'b.csv'), 'gpu,workload,engine_version,concurrency,max_new_tokens,throughput_tok_s,p95_e2e_ms\nL4,chat,0.11.0,8,128,240,1500\nL4,chat,0.11.0,16,128,400,1900\n');
    const { code, stderr } = await analyze('--data', dir, '--baseline', 'engine_version=0.10.1', '--fail-on-regression', '5');
    expect(code).toBe(3);
    expect(stderr).toContain('regressed: L4 / chat: throughput at the SLO fell by 20% (more than 5%): 500.0 → 400.0 tok/s');
    const wrong = await analyze('--data', dir, '--baseline', 'engine_version=9');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--baseline engine_version=9 matches no run: engine_version takes the values "0.10.1", "0.11.0"');
  });

  it('wrong usage exits 2; invalid baseline data exits 1 naming the baseline folder', async () => {
    const ungated = await analyze('--data', old, '--fail-on-regression', '5');
    expect(ungated.code).toBe(2);
    expect(ungated.stderr).toContain('--fail-on-regression expects --baseline OLD (or --baseline SETTING=VALUE, or a "history" list in');
    expect(ungated.stdout).toBe('');
    expect((await analyze('--data', old, '--baseline', old, '--fail-on-regression', 'x')).code).toBe(2);
    const missing = await analyze('--data', old, '--baseline', path.join(tmp, 'nowhere'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--baseline expects a folder of benchmark results or SETTING=VALUE');
    const bad = path.join(tmp, 'bad');
    await mkdir(bad, { recursive: true });
    await writeFile(path.join(bad, 'x.csv'), 'gpu,workload,concurrency,max_new_tokens,throughput_tok_s\nL4,chat,8,128,abc\n');
    const invalid = await analyze('--data', old, '--baseline', bad);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain(`Invalid data in ${bad}:`);
    expect(invalid.stderr).toMatch(/x\.csv:2:15: throughput_tok_s expects a number/);
  });
});

describe('npm run build -- --baseline', () => {
  it('refuses a baseline that is neither a folder nor SETTING=VALUE before the build starts (exit 2)', async () => {
    const out = path.join(tmp, 'site');
    const missing = await runCommand('build', ['--data', old, '--baseline', path.join(tmp, 'nowhere'), '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--baseline expects a folder of benchmark results or SETTING=VALUE');
    const unmatched = await runCommand('build', ['--data', old, '--baseline', 'engine_version=1', '--out', out]);
    expect(unmatched.code).toBe(2);
    expect(unmatched.stderr).toContain('--baseline engine_version=1 expects runs with the setting "engine_version" but no run of the folder records it');
    expect((await runCommand('build', ['--data', old, '--candidate', 'engine_version=1', '--out', out])).code).toBe(2);
    const { existsSync } = await import('node:fs');
    expect(existsSync(out)).toBe(false);
  });
});

describe('npm run analyze -- --baseline, several times: the history', () => {
  // Three experiments of the real chat sweep, dated in their configs, given out of date order.
  let dir: string;
  const experiment = async (name: string, factor: number, config: object) => {
    const folder = copyRealData(path.join(dir, name), { 'day003_chat_capacity_rtx16gb.csv': CHAT }, config);
    const file = path.join(folder, 'day003_chat_capacity_rtx16gb.csv');
    await writeFile(file, scaleThroughput(await readFile(file, 'utf8'), factor));
    return folder;
  };
  beforeAll(async () => {
    dir = path.join(tmp, 'history');
    await experiment('sep', 0.9, { date: '2026-09-01' });
    await experiment('oct', 1, { date: '2026-10-01' });
    await experiment('nov', 0.8, { date: '2026-11-01' });
  });

  it('orders the experiments by date, and judges the candidate against the most recent baseline', async () => {
    const { code, stdout, stderr } = await analyze('--data', path.join(dir, 'nov'), '--baseline', path.join(dir, 'oct'), '--baseline', path.join(dir, 'sep'), '--format', 'json', '--fail-on-regression', '5');
    expect(code).toBe(3);
    expect(stderr).toContain('regressed: RunPod-RTX2000-16GB / chat: throughput at the SLO fell by 20% (more than 5%): 579.7 → 463.8 tok/s');
    const review = JSON.parse(stdout).review;
    expect(review.baseline).toBe('oct');
    expect(review.history.map((e: { label: string; date: string }) => [e.label, e.date])).toEqual([['sep', '2026-09-01'], ['oct', '2026-10-01'], ['nov', '2026-11-01']]);
    const chat = review.history.map((e: { groups: { throughput_tok_s: number; latency_ms: number }[] }) => e.groups[0]);
    // 579.74 tok/s at concurrency 16 × 64 tokens (p95 e2e 1316.1 ms), scaled by 0.9, 1 and 0.8.
    expect(chat.map((g: { throughput_tok_s: number }) => Math.round(g.throughput_tok_s * 1000) / 1000)).toEqual([521.766, 579.74, 463.792]);
    expect(Object.keys(chat[0])).toEqual(['gpu', 'workload', 'throughput_tok_s', 'latency_ms']);
    expect(new Set(chat.map((g: { latency_ms: number }) => g.latency_ms)).size).toBe(1);
  });

  it('a history list in the candidate config does the same, and the Markdown has a short history table', async () => {
    const nov = await experiment('nov-config', 0.8, { date: '2026-11-01', history: ['../sep', '../oct'] });
    const { code, stdout } = await analyze('--data', nov);
    expect(code).toBe(0);
    expect(stdout).toContain('### History');
    expect(stdout).toContain('| GPU × workload | sep (2026-09-01) | oct (2026-10-01) | nov-config (2026-11-01), candidate |');
    expect(stdout).toMatch(/\| RunPod-RTX2000-16GB – Chat workload \| 521\\\.8 tok\/s at p95 e2e \d+ ms \| 579\\\.7 tok\/s at p95 e2e \d+ ms \| 463\\\.8 tok\/s at p95 e2e \d+ ms \|/);
    expect(stdout).toContain('Baseline: oct; candidate: nov-config.');
    // The gate rests on the config's history alone.
    const gated = await analyze('--data', nov, '--fail-on-regression', '5');
    expect(gated.code).toBe(3);
    expect(gated.stderr).toContain('regressed: RunPod-RTX2000-16GB / chat: throughput at the SLO fell by 20% (more than 5%)');
  });

  it('without dates, keeps the order given and says so on the terminal; a history folder that does not exist is an error at its place', async () => {
    const plain = path.join(tmp, 'history-plain');
    for (const [name, factor] of [['x', 1], ['y', 0.9], ['z', 0.8]] as const) {
      const folder = copyRealData(path.join(plain, name), { 'day003_chat_capacity_rtx16gb.csv': CHAT });
      const file = path.join(folder, 'day003_chat_capacity_rtx16gb.csv');
      await writeFile(file, scaleThroughput(await readFile(file, 'utf8'), factor));
    }
    const { code, stdout, stderr } = await analyze('--data', path.join(plain, 'z'), '--baseline', path.join(plain, 'y'), '--baseline', path.join(plain, 'x'), '--format', 'json');
    expect(code).toBe(0);
    expect(stderr).toContain('so the experiments are shown in the order given');
    const review = JSON.parse(stdout).review;
    // Given y then x: the most recent baseline is the last given, x.
    expect(review.history.map((e: { label: string; date: null }) => [e.label, e.date])).toEqual([['y', null], ['x', null], ['z', null]]);
    expect(review.baseline).toBe('x');
    await writeFile(path.join(plain, 'z', 'capacity.config.json'), '{\n  "history": ["../x", "../gone"]\n}\n');
    const missing = await analyze('--data', path.join(plain, 'z'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`capacity.config.json:2:23: history entry "../gone" expects a folder of an earlier experiment (relative to the config's folder) but ${path.join(plain, 'gone')} does not exist`);
    await rm(path.join(plain, 'z', 'capacity.config.json'));
    const setting = await analyze('--data', path.join(plain, 'z'), '--baseline', path.join(plain, 'x'), '--baseline', 'engine_version=1');
    expect(setting.code).toBe(2);
    expect(setting.stderr).toContain('given several times, --baseline expects folders of earlier experiments');
  });
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHistory, experimentDate, latestBaseline, orderExperiments } from '../../../src/core/analysis/history.ts';
import { buildReport } from '../../../src/core/analysis/report.ts';
import { parseConfig } from '../../../src/core/config.ts';
import { historyJson, historyMarkdown } from '../../../src/core/history-output.ts';
import { DataError } from '../../../src/core/issues.ts';
import { loadConfig } from '../../../src/core/load.ts';
import { recordedDay } from '../../../src/core/readers/serve-run.ts';
import type { Measurement } from '../../../src/core/types.ts';
import { config, m } from './helpers.ts';

// One chat sweep: throughput scaled by `scale`, p95 under the 2000 ms SLO up to concurrency 8.
function sweep(file: string, scale = 1, extra: Partial<Measurement> = {}): Measurement[] {
  return [1, 4, 8, 16].map((c, i) => m({ concurrency: c, throughput_tok_s: [50, 180, 340, 580][i]! * scale, p95: [900, 1200, 1800, 2600][i], source: { file, line: i + 2 }, ...extra }));
}
const input = (label: string, date: string | null, runs: Measurement[]) => ({ label, date, report: buildReport(runs, config(), []) });

describe('the order of a history', () => {
  it('is date order when every experiment has a date, ties keeping the order given', () => {
    const given = [{ n: 'b', date: '2026-10-01' }, { n: 'a', date: '2026-09-01' }, { n: 'c', date: '2026-10-01' }, { n: 'd', date: '2026-08-15' }];
    const { ordered_by, items } = orderExperiments(given);
    expect(ordered_by).toBe('date');
    expect(items.map((x) => x.n)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('is the order given when one experiment has no date', () => {
    const { ordered_by, items } = orderExperiments([{ n: 'b', date: '2026-10-01' }, { n: 'a', date: null }, { n: 'c', date: '2026-01-01' }]);
    expect(ordered_by).toBe('given');
    expect(items.map((x) => x.n)).toEqual(['b', 'a', 'c']);
  });

  it('takes the latest day a tool recorded, else the config date, else none', () => {
    const runs = [m({ recorded_date: '2026-06-25' }), m({ recorded_date: '2026-07-02' }), m()];
    expect(experimentDate(runs, { date: '2020-01-01' })).toEqual({ date: '2026-07-02', from: 'recorded' });
    expect(experimentDate([m()], { date: '2020-01-01' })).toEqual({ date: '2020-01-01', from: 'config' });
    expect(experimentDate([m()], { date: null })).toEqual({ date: null, from: null });
  });

  it('reads the day of vLLM\'s date field, and nothing else', () => {
    expect(recordedDay('20260625-151501')).toBe('2026-06-25');
    expect(recordedDay('2026-06-25')).toBeNull();
    expect(recordedDay(20260625)).toBeNull();
    expect(recordedDay(undefined)).toBeNull();
  });

  it('compares the candidate with the most recent baseline, whatever its place in the list given', () => {
    const { items } = orderExperiments([{ n: 'old', date: '2026-01-01', candidate: false }, { n: 'new', date: '2026-03-01', candidate: true }, { n: 'mid', date: '2026-02-01', candidate: false }]);
    expect(latestBaseline(items)!.n).toBe('mid');
  });
});

describe('the figures of a history', () => {
  it('holds each experiment\'s throughput and SLO latency at its recommendation, oldest first, the candidate last', () => {
    // The recommendation is concurrency 8 (p95 1800 ms ≤ 2000 ms): 340 tok/s scaled.
    const history = buildHistory(
      [input('feb', '2026-02-01', sweep('b.csv', 0.9)), input('jan', '2026-01-01', sweep('a.csv', 1.25))],
      input('mar', '2026-03-01', sweep('c.csv', 0.8)),
    );
    expect(history.ordered_by).toBe('date');
    expect(history.experiments.map((e) => [e.label, e.candidate])).toEqual([['jan', false], ['feb', false], ['mar', true]]);
    const chat = history.experiments.map((e) => e.groups[0]!);
    expect(chat.map((g) => g.throughput_tok_s)).toEqual([425, 306, 272]);
    expect(chat.map((g) => g.latency_ms)).toEqual([1800, 1800, 1800]);
    expect(chat[2]!.sources).toEqual([{ file: 'c.csv', line: 4 }]);
    expect(historyJson(history)[0]).toEqual({ label: 'jan', date: '2026-01-01', groups: [{ gpu: 'GPU-A', workload: 'chat', throughput_tok_s: 425, latency_ms: 1800 }] });
  });

  it('says "no run within the SLO" or "not measured" where an experiment has no figure, never an empty cell', () => {
    const slow = sweep('b.csv', 1).map((r) => ({ ...r, latency: { p95_e2e_ms: 3000 } }));
    const other = sweep('c.csv', 1, { gpu: 'GPU-B' });
    const history = buildHistory([input('a', null, sweep('a.csv')), input('b', null, slow)], input('c', null, [...sweep('c2.csv'), ...other]));
    expect(history.ordered_by).toBe('given');
    expect(history.experiments[1]!.groups[0]).toMatchObject({ gpu: 'GPU-A', measured: true, throughput_tok_s: null, latency_ms: null });
    expect(history.experiments[0]!.groups[1]).toMatchObject({ gpu: 'GPU-B', measured: false, throughput_tok_s: null });
    const md = historyMarkdown(history);
    expect(md).toContain('in the order they were given, since not every experiment records a date');
    expect(md).toContain('| GPU-A – Chat workload | 340\\.0 tok/s at p95 e2e 1800 ms | no run within the SLO | 340\\.0 tok/s at p95 e2e 1800 ms |');
    expect(md).toContain('| GPU-B – Chat workload | not measured | not measured | 340\\.0 tok/s at p95 e2e 1800 ms |');
    expect(md).not.toMatch(/NaN|undefined|null|\| *\|/);
  });
});

describe('the config\'s history', () => {
  it('is a list of folders; a wrong type, an empty entry or a repeat is an error at its line and column', () => {
    expect(parseConfig('{"history": ["../a", "../b"]}').config.history).toEqual(['../a', '../b']);
    const wrong = parseConfig('{\n  "history": "../a"\n}').issues.items;
    expect(wrong).toEqual([expect.objectContaining({ line: 2, column: 14, message: expect.stringContaining('history expects a list of folders') })]);
    const bad = parseConfig('{"history": ["../a", "", "../a"]}').issues.items;
    expect(bad.map((i) => i.column)).toEqual([22, 26]);
    expect(bad[1]!.message).toContain('history lists "../a" twice');
  });

  it('names a folder that does not exist, relative to the config\'s folder, at its line and column', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'cf-history-'));
    try {
      await mkdir(path.join(tmp, 'old'));
      await mkdir(path.join(tmp, 'new'));
      await writeFile(path.join(tmp, 'new', 'capacity.config.json'), '{\n  "history": ["../old",\n    "../gone"]\n}\n');
      const error = await loadConfig(path.join(tmp, 'new')).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).issues).toEqual([{
        file: 'capacity.config.json', line: 3, column: 5,
        message: `history entry "../gone" expects a folder of an earlier experiment (relative to the config's folder) but ${path.join(tmp, 'gone')} does not exist`,
      }]);
      await writeFile(path.join(tmp, 'new', 'capacity.config.json'), '{"history": ["../old"]}');
      expect((await loadConfig(path.join(tmp, 'new'))).config.history).toEqual(['../old']);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});

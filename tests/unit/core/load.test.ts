import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError, FolderError } from '../../../src/core/issues.ts';
import { loadReport } from '../../../src/core/load.ts';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cf-load-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(tmp, name);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

const SWEEP = 'gpu,workload,concurrency,max_new_tokens,throughput_tok_s,p95_e2e_ms\nA,chat,1,64,10,900\nA,chat,2,64,19,950\n';
const DERIVED = 'experiment,summary_note\nrun-a,faster\n';

const problems = async (dir: string) => loadReport(dir).then(() => [], (error: unknown) => (error instanceof DataError ? error.issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`) : [String(error)]));

describe('loading a folder', () => {
  it('fails on a derived CSV that is not a benchmark, saying how to skip it', async () => {
    const dir = await folder('derived', { 'sweep.csv': SWEEP, 'analysis/summary.csv': DERIVED });
    expect(await problems(dir)).toEqual([expect.stringMatching(/^analysis\/summary\.csv:1:1: expects a throughput column .*skip it with "ignore": \["analysis\/summary\.csv"\] in capacity\.config\.json\)$/)]);
  });

  it('skips it with one ignore line, and lists it with the rule that skipped it', async () => {
    const dir = await folder('ignored', { 'sweep.csv': SWEEP, 'analysis/summary.csv': DERIVED, 'capacity.config.json': '{"ignore": ["analysis/*.csv"]}' });
    const report = await loadReport(dir);
    expect(report.ignored).toEqual([{ file: 'analysis/summary.csv', rule: 'analysis/*.csv' }]);
    expect(report.files.map((f) => f.file)).toEqual(['sweep.csv']);
  });

  it('refuses config keys that match no GPU, file, ignored file or workload, at their place', async () => {
    const config = '{\n  "gpus": { "H100": { "memory_gib": 80 } },\n  "files": { "runs/": { "variant": "x" } },\n  "ignore": ["old/*.csv"],\n  "demand": { "rag": { "requests_per_s": 4 } }\n}';
    const dir = await folder('unmatched', { 'sweep.csv': SWEEP, 'capacity.config.json': config });
    expect(await problems(dir)).toEqual([
      'capacity.config.json:2:13: gpus["H100"] matches no GPU of the data (GPUs: "A"); labels are matched exactly',
      'capacity.config.json:3:14: files["runs/"] matches no data file of the folder (a key is a path, a folder ending in "/", or a glob such as "runs/**/*.json")',
      'capacity.config.json:4:14: ignore entry "old/*.csv" matches no file of the folder',
      'capacity.config.json:5:15: demand["rag"] names no workload of the data (workloads: chat)',
    ]);
  });

  it('labels files from the config: a folder rule, a pattern over the path, the file\'s own columns winning', async () => {
    const files = {
      'runs/TP8_ctx1024/a.csv': 'concurrency,max_new_tokens,throughput_tok_s,p95_e2e_ms\n1,64,10,900\n',
      'runs/TP4_ctx1024/a.csv': 'concurrency,max_new_tokens,throughput_tok_s,p95_e2e_ms,gpu\n1,64,12,800,B200\n',
      'capacity.config.json': JSON.stringify({ files: { 'runs/': { gpu: 'H100', workload: 'chat', pattern: 'TP(?<tp>\\d+)_ctx(?<input_len>\\d+)' } } }),
    };
    const report = await loadReport(await folder('labelled', files));
    expect(report.groups.map((g) => [g.gpu, g.setups.map((s) => s.settings)])).toEqual([
      ['B200', [{ tensor_parallel_size: 4, input_len: 1024 }]],
      ['H100', [{ tensor_parallel_size: 8, input_len: 1024 }]],
    ]);
  });

  it('skips editors\' temporary files', async () => {
    const dir = await folder('temporary', { 'sweep.csv': SWEEP, '.#sweep.csv': 'x', 'sweep.csv~': 'x', 'sweep.csv.swp': 'x' });
    expect((await loadReport(dir)).files.map((f) => f.file)).toEqual(['sweep.csv']);
  });

  it('says plainly when the folder is missing or holds no data', async () => {
    await expect(loadReport(path.join(tmp, 'missing'))).rejects.toThrow(FolderError);
    await expect(loadReport(path.join(tmp, 'missing'))).rejects.toThrow(/expects a data folder at .*missing but it does not exist/);
    const empty = await folder('empty', { 'notes.txt': 'hello' });
    await expect(loadReport(empty)).rejects.toThrow(/expects data files \(\.csv, \.json, \.jsonl\) in .*empty but found none/);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { namedSettings, setupNotes } from '../../../src/core/analysis/setup-notes.ts';
import { loadReport } from '../../../src/core/load.ts';
import { copyRealData } from './paths.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// InferenceMAX's AIPerf runs: one folder per run, its name the only record of the KV offload setting.
async function inferenceMax(rule: object) {
  const dir = copyRealData(mkdtempSync(path.join(os.tmpdir(), 'cf-setup-notes-')), { results: 'ajith-sirra-amd__InferenceMAX_Rocm_Team/results' }, {
    files: { 'results/**/profile_export_aiperf.json': { gpu: 'MI355X', workload: 'agentic', ...rule } },
    ignore: ['**/agg_bmk.json'],
  });
  dirs.push(dir);
  return loadReport(dir);
}

describe('notes on setups told apart only by their folders', () => {
  it('names the part of the folder names that reads as a setting, and the rule it suggests does name it', async () => {
    const report = await inferenceMax({});
    const group = report.groups[0]!;
    expect(group.setups).toHaveLength(8);
    const notes = setupNotes(report.groups);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('MI355X / agentic: 8 setups are told apart only by where their files are');
    expect(notes[0]).toContain('offload (lmcache, none)');
    const pattern = JSON.parse(/"pattern": ("[^"]*(?:\\.[^"]*)*")/.exec(notes[0]!)![1]!) as string;
    expect(pattern).toBe('offload-?(?<offload>[^_/]+)');
    // Following the note: two setups, a sweep of four loads each, and nothing more to say.
    const labelled = await inferenceMax({ pattern });
    expect(labelled.groups[0]!.setups.map((s) => s.label)).toEqual(['offload lmcache', 'offload none']);
    expect(labelled.groups[0]!.points.filter((p) => p.setup === labelled.groups[0]!.setups[0]!.id).map((p) => p.load.value)).toEqual([4, 16, 32, 64]);
    expect(setupNotes(labelled.groups)).toEqual([]);
  });

  it('a part that repeats the run\'s own load is the load; two letters before numbers are a setting, before words chance', () => {
    expect(namedSettings([
      { name: 'x_tp4_conc16_mi355x', loads: [16] },
      { name: 'x_tp8_conc32_mia1', loads: [32] },
    ])).toEqual([{ prefix: 'tp', values: ['4', '8'] }]);
    expect(namedSettings([{ name: 'run_disagg-false', loads: [1] }, { name: 'run_disagg-true', loads: [1] }, { name: 'run_disaggx', loads: [1] }])).toEqual([{ prefix: 'disagg', values: ['false', 'true', 'x'] }]);
    expect(namedSettings([{ name: 'a', loads: [] }, { name: 'b', loads: [] }])).toEqual([]);
  });
});

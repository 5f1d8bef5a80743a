import { describe, expect, it } from 'vitest';
import { defaultsFor, globToRegExp, ignoredBy, keyMatches } from '../../../src/core/file-rules.ts';
import type { FileRule } from '../../../src/core/types.ts';

describe('labelling rules', () => {
  it('match an exact path, a folder, and globs', () => {
    expect(keyMatches('runs/a.json', 'runs/a.json')).toBe(true);
    expect(keyMatches('runs/a.json', 'runs/a.jsonl')).toBe(false);
    expect(keyMatches('runs/', 'runs/x/y.json')).toBe(true);
    expect(keyMatches('runs/', 'runs2/y.json')).toBe(false);
    expect(keyMatches('**/TP8_*/*.json', 'a/b/TP8_DP1/run.json')).toBe(true);
    expect(keyMatches('**/TP8_*/*.json', 'TP8_DP1/run.json')).toBe(true);
    expect(keyMatches('**/TP8_*/*.json', 'a/TP4_DP1/run.json')).toBe(false);
    expect(keyMatches('*.csv', 'a/b.csv')).toBe(false);
    expect(keyMatches('run?.csv', 'run1.csv')).toBe(true);
    expect(keyMatches('results (1)/*.json', 'results (1)/x.json')).toBe(true);
  });

  it('turn globs into anchored regular expressions that escape the rest', () => {
    expect(globToRegExp('a.b/*.json').test('a.b/x.json')).toBe(true);
    expect(globToRegExp('a.b/*.json').test('aXb/x.json')).toBe(false);
  });

  it('apply the most specific last, so it wins, and take settings from named groups of a path', () => {
    const rules: FileRule[] = [
      { match: 'runs/**', values: { gpu: 'H100', variant: 'glob' }, pattern: null },
      { match: 'runs/', values: { variant: 'folder' }, pattern: 'TP(?<tensor_parallel_size>\\d+)_DP(?<dp>\\d+)' },
      { match: 'runs/TP8_DP2/a.json', values: { workload: 'chat' }, pattern: null },
    ];
    expect(defaultsFor(rules, 'runs/TP8_DP2/a.json').values).toEqual({ gpu: 'H100', variant: 'folder', tensor_parallel_size: '8', dp: '2', workload: 'chat' });
  });

  it('take workload and gpu from a seed-style file name', () => {
    expect(defaultsFor([], 'day003_chat_capacity_rtx16gb.csv').values).toEqual({ workload: 'chat', gpu: 'rtx16gb' });
  });

  it('read "./" and "/" as the whole data folder', () => {
    expect(keyMatches('./', 'a/b.json')).toBe(true);
    expect(keyMatches('/', 'b.json')).toBe(true);
    expect(keyMatches('./runs/', 'runs/b.json')).toBe(true);
    expect(keyMatches('./runs/', 'other/b.json')).toBe(false);
  });

  it('skip ignored files and say which rule did', () => {
    expect(ignoredBy(['derived/*.csv', 'notes.json'], 'derived/levels.csv')).toBe('derived/*.csv');
    expect(ignoredBy(['derived/*.csv'], 'data/levels.csv')).toBeNull();
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, formatIssues } from '../../../src/core/issues.ts';
import { loadReport } from '../../../src/core/load.ts';
import { REALDATA } from './paths.ts';

describe('problems that many files share', () => {
  it('are said once for their folder, with the first few places and how many more', async () => {
    // 19 llmperf summaries that name a provider, not a GPU: one cause, one folder.
    const error = await loadReport(path.join(REALDATA, 'ray-project__llmperf-leaderboard')).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    const lines = (error as DataError).message.split('\n');
    expect(lines[0]).toMatch(/^19 files under summary\/: no GPU or workload label: these files do not record them; label it in capacity\.config\.json with "files": \{ "summary\/": \{ "gpu": "…", "workload": "…" \} \}/);
    expect(lines.slice(1)).toEqual([
      '  summary/anyscale_13b.json:1:1',
      '  summary/anyscale_70b.json:1:1',
      '  summary/anyscale_7b.json:1:1',
      '  … and 16 more files under summary/',
    ]);
  });

  it('name the folder of files at the top of the data folder as ./, and list every place when there are few', () => {
    const issue = (file: string) => ({ file, line: 1, column: 1, message: `no GPU label: label ${JSON.stringify(file)} in the config` });
    expect(formatIssues(['a.json', 'b.json', 'c.json'].map(issue)).split('\n')).toEqual([
      '3 files under ./: no GPU label: label "./" in the config',
      '  a.json:1:1',
      '  b.json:1:1',
      '  c.json:1:1',
    ]);
  });

  it('stay one line per file below three files', () => {
    const issue = (file: string) => ({ file, line: 2, column: 5, message: 'bad cell' });
    expect(formatIssues(['runs/a.csv', 'runs/b.csv'].map(issue))).toBe('runs/a.csv:2:5: bad cell\nruns/b.csv:2:5: bad cell');
  });
});

/**
 * One message for a `--data` folder that is not there, in every command that reads data, and a
 * data error naming the folder for one that holds no data. All stop before Astro or a browser.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../src/commands/root.ts';
import { run, tempFolder } from './helpers.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  tmp = await tempFolder({ 'empty/README.md': '# not data\n', 'file.csv': 'a,b\n' });
});
afterAll(() => tmp.cleanup());

describe.each(['analyze', 'build', 'pdf', 'dev'] as const)('npm run %s --data', (name) => {
  it('names a folder that does not exist, exit 2', async () => {
    const missing = path.join(tmp.dir, 'missing');
    const result = await run(name, ['--data', missing]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`--data expects a folder of benchmark results but ${JSON.stringify(missing)} does not exist\n`);
    expect(result.stdout).toBe('');
  });

  it('names a file given as the folder, exit 2', async () => {
    const file = path.join(tmp.dir, 'file.csv');
    const result = await run(name, ['--data', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`--data expects a folder of benchmark results but ${JSON.stringify(file)} is a file\n`);
  });
});

describe.each(['analyze', 'build', 'pdf'] as const)('npm run %s on a folder without data', (name) => {
  it('is a data error naming the folder, exit 1', async () => {
    const empty = path.join(tmp.dir, 'empty');
    const result = await run(name, ['--data', empty]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Invalid data in ${empty}: expects benchmark results (.csv, .json, .jsonl files) but the folder holds none`);
    expect(result.stderr).not.toMatch(/:1:1:/);
  });
});

describe('npm run build --out', () => {
  it('refuses a folder that holds the project or the data, or lies in the data, src/ or node_modules/', async () => {
    const data = path.join(ROOT, 'data');
    const cases: [string, string][] = [
      [ROOT, 'holds the project'],
      [path.dirname(ROOT), 'holds the project'],
      [data, 'holds the data folder'],
      [path.join(data, 'site'), 'outside the data folder'],
      [path.join(ROOT, 'src', 'out'), 'outside src/ and node_modules/'],
      [path.join(ROOT, 'node_modules', 'out'), 'outside src/ and node_modules/'],
    ];
    for (const [out, words] of cases) {
      const result = await run('build', ['--out', out]);
      expect(result.code, out).toBe(2);
      expect(result.stderr).toContain(words);
    }
  });

  it('refuses a --base it cannot serve under before the build starts', async () => {
    const result = await run('build', ['--out', path.join(tmp.dir, 'never'), '--base', '/a/../b/']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--base expects a sub-path such as /reports/q3/');
  });
});

describe('npm run pdf --out', () => {
  it('expects a file in an existing folder', async () => {
    const result = await run('pdf', ['--out', path.join(tmp.dir, 'nowhere', 'report.pdf')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--out expects a file in an existing folder');
  });

  it('expects --from to be a built site', async () => {
    const result = await run('pdf', ['--from', tmp.dir, '--out', path.join(tmp.dir, 'r.pdf')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--from expects a site built by npm run build (with its print/index.html)');
  });
});

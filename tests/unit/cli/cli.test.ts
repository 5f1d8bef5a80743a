/**
 * The installed command's own parts, without installing it: the command form of the npm scripts'
 * command lines and usages, and `init`'s folder (read back by the data core).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandWords, formUsage, translate, type Form } from '../../../src/cli/command-form.ts';
import * as init from '../../../src/cli/init.ts';
import { ENTRIES, HELP } from '../../../src/cli/main.ts';
import * as build from '../../../src/commands/build.ts';
import { collectingEffects } from '../../../src/commands/effects.ts';
import { loadReport } from '../../../src/core/load.ts';

const DATA: Form = { folder: 'data', optional: false, content: true, argument: 'DIR' };
const PREVIEW: Form = { folder: 'out', optional: true, content: false, argument: 'SITE' };

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cf-cli-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('the command form', () => {
  it('makes the first argument the folder option, keeping the others in order', () => {
    expect(translate(DATA, ['results', '--out', 'site', '--strict'], {})).toMatchObject({ ok: true, argv: ['--data', 'results', '--out', 'site', '--strict'] });
    expect(translate(PREVIEW, ['site', '--port', '8080'], {})).toMatchObject({ ok: true, argv: ['--out', 'site', '--port', '8080'] });
    expect(translate(PREVIEW, [], {})).toMatchObject({ ok: true, argv: [] });
  });

  it('asks for the data folder when it is missing, unless --help is asked for', () => {
    expect(translate(DATA, ['--out', 'site'], {})).toEqual({ ok: false, message: 'expects the folder of benchmark results first (DIR)' });
    expect(translate(DATA, ['--help'], {})).toMatchObject({ ok: true, argv: ['--help'] });
  });

  it('reads write-ups from content/ in the data folder, from --content, or from the built-in folder', async () => {
    const data = path.join(tmp, 'with-content');
    await mkdir(path.join(data, 'content'), { recursive: true });
    const own = translate(DATA, [data], { CAPACITY_CONTENT: '/elsewhere' });
    expect(own.ok && own.env.CAPACITY_CONTENT).toBe(path.join(data, 'content'));
    const named = translate(DATA, [tmp, '--content', data], {});
    expect(named).toMatchObject({ ok: true, argv: ['--data', tmp] });
    expect(named.ok && named.env.CAPACITY_CONTENT).toBe(data);
    // No content/ beside the data: the built-in write-up, whatever the shell had set.
    const builtIn = translate(DATA, [path.join(tmp, 'nowhere')], { CAPACITY_CONTENT: '/elsewhere' });
    expect(builtIn.ok && 'CAPACITY_CONTENT' in builtIn.env).toBe(false);
    expect(translate(DATA, [tmp, '--content', path.join(tmp, 'missing')], {})).toMatchObject({ ok: false, message: expect.stringContaining('--content expects a folder of write-ups') });
    expect(translate(DATA, [tmp, '--content'], {})).toMatchObject({ ok: false });
  });

  it('speaks the command form in usages: the folder first, no --data, --content listed', () => {
    const usage = formUsage('build', DATA, build.USAGE);
    expect(usage.split('\n')[0]).toBe('Usage: capacity-frontier build DIR [--out DIR] [--base PATH] [--site URL] [--strict] [--verbose] [--content DIR]');
    expect(usage).not.toContain('--data');
    expect(usage).not.toContain('npm run');
    expect(usage).toMatch(/^ {2}--content DIR {2}folder of write-ups/m);
  });

  it('rewrites the npm scripts named in messages', () => {
    expect(commandWords('build', '21 figures are not measured (see npm run analyze -- --data runs --gaps)')).toBe('21 figures are not measured (see capacity-frontier analyze runs --gaps)');
    expect(commandWords('analyze', '--data expects a folder of benchmark results but "x" does not exist')).toBe('capacity-frontier analyze expects a folder of benchmark results but "x" does not exist');
  });

  it('lists every command in --help', () => {
    for (const name of ['init', ...Object.keys(ENTRIES)]) expect(HELP).toMatch(new RegExp(`^ {2}${name} `, 'm'));
    expect(Object.keys(ENTRIES).sort()).toEqual(['analyze', 'build', 'dev', 'pdf', 'preview']);
  });
});

describe('init', () => {
  it('writes a folder whose config, sample and write-up the data core reads', async () => {
    const dir = path.join(tmp, 'report');
    const effects = collectingEffects();
    expect(await init.run({ dir }, effects)).toBe(0);
    expect(effects.stdout()).toMatch(/Next: npx capacity-frontier build \S+report\n$/);
    expect((await readdir(dir)).sort()).toEqual(['README.md', 'capacity.config.json', 'content', 'sample']);
    const report = await loadReport(dir);
    expect(report.title).toBe('Capacity report');
    expect(report.groups.map((g) => `${g.gpu}/${g.workload}`)).toEqual(['RunPod-RTX2000-16GB/batch', 'RunPod-RTX2000-16GB/chat']);
    const writeup = await readFile(path.join(dir, 'content', 'capacity-brief.mdx'), 'utf8');
    expect(writeup).toMatch(/^---\ntitle: Capacity brief\n/);
    expect(writeup).not.toContain('import ');
  });

  it('writes nothing when one of its files is already there', async () => {
    const dir = path.join(tmp, 'taken');
    await mkdir(dir);
    await writeFile(path.join(dir, 'README.md'), 'mine\n');
    const effects = collectingEffects();
    expect(await init.run({ dir }, effects)).toBe(1);
    expect(effects.stderr()).toContain('already has README.md: nothing was written');
    expect(await readdir(dir)).toEqual(['README.md']);
  });

  it('takes exactly one folder', () => {
    expect(init.parse([])).toMatchObject({ ok: false, exit: 2 });
    expect(init.parse(['a', 'b'])).toMatchObject({ ok: false, exit: 2 });
    expect(init.parse(['--help'])).toMatchObject({ ok: false, exit: 0 });
    expect(init.parse(['a'])).toEqual({ ok: true, options: { dir: 'a' } });
  });
});

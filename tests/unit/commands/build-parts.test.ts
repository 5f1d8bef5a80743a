/** The small parts of the build command that need no Astro: gaps, the summary, the lock, the swap, Astro's log bridge. */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gapList } from '../../../src/commands/analyze/gap-list.ts';
import { astroLogger, formatAstroEvent } from '../../../src/commands/astro/logger.ts';
import destination from '../../../src/commands/astro/log-destination.ts';
import { gapsLine, listenForGaps, reportGaps } from '../../../src/commands/build/gaps.ts';
import { withBuildLock } from '../../../src/commands/build/lock.ts';
import { builtLine } from '../../../src/commands/build/summary.ts';
import { swapIntoPlace } from '../../../src/commands/build/swap.ts';
import { collectingEffects } from '../../../src/commands/effects.ts';
import { withEnv } from '../../../src/commands/process-env.ts';
import type { Gap } from '../../../src/core/types.ts';
import { tempFolder } from './helpers.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  tmp = await tempFolder();
});
afterAll(() => tmp.cleanup());

const gap = (over: Partial<Gap>): Gap => ({ key: 'k', group: 'a/chat', gpu: 'A', workload: 'chat', point: null, field: 'p95_ttft_ms', what: 'p95 TTFT', hint: 'add a p95_ttft_ms column to a.csv', files: ['a.csv'], ...over });

describe('gaps of a build', () => {
  it('the loader\'s reportGaps reaches the listening build only', async () => {
    expect(reportGaps([gap({})])).toBe(false); // nobody listens: the loader warns itself
    const { value, gaps } = await listenForGaps(async () => {
      expect(reportGaps([gap({}), gap({ key: 'k2' })])).toBe(true);
      return 'built';
    });
    expect(value).toBe('built');
    expect(gaps).toHaveLength(2);
    expect((await listenForGaps(async () => 0)).gaps).toBeNull();
  });

  it('one line, pointing at analyze --gaps for the same folder', () => {
    expect(gapsLine(0, 'data')).toBeNull();
    expect(gapsLine(1, 'data')).toBe('1 figure is not measured (see npm run analyze -- --gaps)');
    expect(gapsLine(27, 'runs/q3')).toBe('27 figures are not measured (see npm run analyze -- --data runs/q3 --gaps)');
    expect(gapsLine(2, "my runs")).toBe("2 figures are not measured (see npm run analyze -- --data 'my runs' --gaps)");
  });

  it('analyze --gaps groups the core\'s lines by GPU × workload, in the report\'s order', () => {
    const text = gapList([
      gap({ point: 'c2-t64', what: 'p95 e2e', hint: 'fill p95_e2e_ms at a.csv:3' }),
      gap({ workload: null, group: null, field: 'context_length', what: 'context length', hint: 'set "context_length"' }),
      gap({ workload: 'batch', group: 'a/batch' }),
      gap({}),
    ]);
    expect(text).toBe([
      'A / chat (2)',
      'not measured: A / chat c2-t64: p95 e2e: fill p95_e2e_ms at a.csv:3',
      'not measured: A / chat: p95 TTFT: add a p95_ttft_ms column to a.csv',
      '',
      'A (KV-cache budget) (1)',
      'not measured: KV-cache budget of A: context length: set "context_length"',
      '',
      'A / batch (1)',
      'not measured: A / batch: p95 TTFT: add a p95_ttft_ms column to a.csv',
      '',
      '4 figures are not measured.',
      '',
    ].join('\n'));
    expect(gapList([])).toBe('Every figure is measured: nothing to do.\n');
  });
});

describe('the summary line', () => {
  it('says where the site is for', () => {
    const line = (site: string | null, base: string) => builtLine({ pages: 13, data: '/p/data', out: '/p/dist', hosting: { site, base } }, '/p');
    expect(line(null, '/')).toBe('Built 13 pages from data into dist\n');
    expect(line(null, '/q3/')).toBe('Built 13 pages from data into dist for hosting under /q3/\n');
    expect(line('https://acme.github.io', '/q3/')).toBe('Built 13 pages from data into dist for https://acme.github.io/q3/\n');
  });

  it('names a folder outside the working directory by its absolute path', () => {
    expect(builtLine({ pages: 2, data: '/shared/realdata/x', out: '/tmp/site', hosting: { site: null, base: '/' } }, '/work/project'))
      .toBe('Built 2 pages from /shared/realdata/x into /tmp/site\n');
  });
});

describe('withBuildLock', () => {
  it('lets builds of one process take turns, each holding the lock file', async () => {
    const file = path.join(tmp.dir, 'lock', 'build.lock');
    const events: string[] = [];
    const logger = collectingEffects().logger;
    const build = (name: string, fail = false) => withBuildLock(file, logger, async () => {
      events.push(`${name} start ${await readFile(file, 'utf8')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      events.push(`${name} end`);
      if (fail) throw new Error(`${name} failed`);
      return name;
    });
    const results = await Promise.allSettled([build('a'), build('b', true), build('c')]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'b failed', 'c']);
    expect(events).toEqual([`a start ${process.pid}`, 'a end', `b start ${process.pid}`, 'b end', `c start ${process.pid}`, 'c end']);
    expect(await readdir(path.dirname(file))).toEqual([]);
  });
});

describe('swapIntoPlace', () => {
  it('replaces the previous output with the staged one', async () => {
    const out = path.join(tmp.dir, 'site');
    const staging = path.join(tmp.dir, '.site.building');
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, 'old.html'), 'old');
    await mkdir(staging);
    await writeFile(path.join(staging, 'index.html'), 'new');
    await swapIntoPlace(staging, out);
    expect(await readdir(out)).toEqual(['index.html']);
    expect((await readdir(tmp.dir)).filter((f) => f.startsWith('.site'))).toEqual([]);
  });
});

describe('withEnv', () => {
  it('puts every variable back, also after a failure', async () => {
    process.env.CF_TEST_A = 'before';
    delete process.env.CF_TEST_B;
    await expect(withEnv({ CF_TEST_A: undefined, CF_TEST_B: 'set' }, async () => {
      expect(process.env.CF_TEST_A).toBeUndefined();
      expect(process.env.CF_TEST_B).toBe('set');
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(process.env.CF_TEST_A).toBe('before');
    expect('CF_TEST_B' in process.env).toBe(false);
    delete process.env.CF_TEST_A;
  });
});

describe("Astro's messages on the command's logger", () => {
  it('formats as Astro does and routes by level, joining a line Astro split', () => {
    const effects = collectingEffects();
    const log = astroLogger(effects.logger);
    const sink = destination(log.config.config as { sink: string });
    sink.write({ label: 'build', level: 'info', message: 'Building static entrypoints...' });
    sink.write({ label: null, level: 'info', message: '  ├─ /index.html', newLine: false });
    sink.write({ label: null, level: 'info', message: ' (+3ms)' });
    sink.write({ label: 'capacity-report', level: 'warn', message: '2 figures are not measured' });
    sink.write({ label: 'SKIP_FORMAT', level: 'error', message: 'as is' });
    log.close();
    expect(effects.messages.map((m) => [m.level, m.text.replace(/^\d\d:\d\d:\d\d/, 'T')])).toEqual([
      ['info', 'T [build] Building static entrypoints...'],
      ['info', 'T   ├─ /index.html (+3ms)'],
      ['warn', 'T [WARN] [capacity-report] 2 figures are not measured'],
      ['error', 'as is'],
    ]);
    expect(formatAstroEvent({ label: null, level: 'info', message: 'x' }, new Date(2024, 0, 1, 9, 5, 7))).toBe('09:05:07 x');
  });

  it('drops the progress of a quiet run and keeps its warnings and errors', () => {
    const effects = collectingEffects();
    const log = astroLogger(effects.logger, { progress: false });
    const sink = destination(log.config.config as { sink: string });
    sink.write({ label: 'build', level: 'info', message: 'Building static entrypoints...' });
    sink.write({ label: null, level: 'info', message: '  ├─ /index.html', newLine: false });
    sink.write({ label: null, level: 'info', message: ' (+3ms)' });
    sink.write({ label: 'vite', level: 'warn', message: 'a warning' });
    sink.write({ label: 'SKIP_FORMAT', level: 'error', message: 'an error' });
    log.close();
    expect(effects.messages.map((m) => [m.level, m.text.replace(/^\d\d:\d\d:\d\d/, 'T')])).toEqual([
      ['warn', 'T [WARN] [vite] a warning'],
      ['error', 'an error'],
    ]);
  });
});

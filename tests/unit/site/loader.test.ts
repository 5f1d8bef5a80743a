import { EventEmitter } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatGap } from '../../../src/core/analysis/gaps.ts';
import { loadReport } from '../../../src/core/load.ts';
import { renderMarkdown } from '../../../src/core/markdown.ts';
import { gapsLine, readReport, reportLoader, strictMessage } from '../../../src/site/loader.ts';
import { codeFingerprint, DEFAULT_CACHE_DIR, renderCacheDir, renderCacheSettings } from '../../../src/site/render-cache.ts';
import { reportSchema } from '../../../src/site/schema.ts';
import { ROOT } from '../core/paths.ts';
import { FIXTURES } from './fixtures.ts';

interface Entry { id: string; data: Record<string, unknown>; rendered?: { html: string }; digest: string }
type Watcher = EventEmitter & { add: (path: string) => void };

/**
 * A stand-in for Astro's loader context: an in-memory store, a logger that records, and
 * `parseData` that checks the data against the collection's real schema, as Astro does.
 */
// Builds here render Markdown with a stand-in (renderMarkdown below): a loader keeps renderings
// only in a cache it is given (a folder of the test's own), never in one a real build could find.
function context(watcher?: Watcher) {
  const entries = new Map<string, Entry>();
  const logs: { level: string; message: string }[] = [];
  const log = (level: string) => (message: string) => logs.push({ level, message });
  const ctx = {
    collection: 'report',
    config: { root: pathToFileURL(`${ROOT}/`), base: '/' },
    store: {
      set: (entry: Entry) => (entries.set(entry.id, entry), true),
      clear: () => entries.clear(),
    },
    parseData: async ({ data }: { id: string; data: unknown }) => reportSchema.parse(data),
    generateDigest: (data: unknown) => JSON.stringify(data).length.toString(16),
    renderMarkdown: async (text: string) => ({ html: `<p>${text.length} characters</p>` }),
    logger: { info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') },
    watcher,
  };
  return { ctx: ctx as unknown as LoaderContext, entries, logs, messages: (level: string) => logs.filter((l) => l.level === level).map((l) => l.message) };
}

const watcher = (): Watcher => Object.assign(new EventEmitter(), { add: vi.fn() });

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cf-loader-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('the content loader (build)', () => {
  it('renders the report\'s Markdown once: a build of the same text with the same cache takes the rendering it kept; and keeps it only in a cache it is given', async () => {
    const cache = path.join(tmp, 'render-cache-markdown');
    const first = context();
    await reportLoader({ dir: 'data', strict: false, cache }).load(first.ctx);
    const second = context();
    let calls = 0;
    (second.ctx as unknown as { renderMarkdown: () => Promise<{ html: string }> }).renderMarkdown = async () => ((calls += 1), { html: 'rendered again' });
    await reportLoader({ dir: 'data', strict: false, cache }).load(second.ctx);
    expect(calls).toBe(0);
    expect(second.entries.get('report')!.rendered).toEqual(first.entries.get('report')!.rendered);
    // Another folder's Markdown is its own.
    await reportLoader({ dir: path.join(FIXTURES, 'several-gpus'), strict: false, cache }).load(second.ctx);
    expect(calls).toBe(1);
    // Without a folder named (a loader the build command did not start), nothing is kept.
    expect(renderCacheSettings(ROOT, undefined)).toBeNull();
    expect(renderCacheDir(ROOT, undefined)).toBe(path.join(ROOT, DEFAULT_CACHE_DIR));
  });

  it('stores one entry, "report": the core\'s Report, its exact Markdown and its rendering; warns about gaps in one line', async () => {
    const report = await loadReport(path.join(ROOT, 'data'));
    const { ctx, entries, messages } = context();
    const cache = path.join(tmp, 'render-cache');
    await reportLoader({ dir: 'data', strict: false, cache }).load(ctx);
    expect([...entries.keys()]).toEqual(['report']);
    const entry = entries.get('report')!;
    // A build's entry names the render cache (its folder, and the fingerprint of this code) for the pages.
    expect(entry.data).toEqual({ status: 'ok', report, markdown: renderMarkdown(report), logo: null, cache: { dir: cache, fingerprint: codeFingerprint(ROOT) } });
    expect(entry.rendered).toEqual({ html: `<p>${renderMarkdown(report).length} characters</p>` });
    expect(entry.digest).toBe(JSON.stringify(entry.data).length.toString(16));
    expect(messages('warn')).toEqual(['21 figures are not measured and show as "not measured" (npm run -s analyze -- --gaps lists each with how to fill it)']);
    expect(messages('error')).toEqual([]);
  });

  it('stores the checked logo the folder config names', async () => {
    const { ctx, entries } = context();
    await reportLoader({ dir: path.join(FIXTURES, 'branded'), strict: false }).load(ctx);
    const svg = await readFile(path.join(FIXTURES, 'branded/brand/logo.svg'));
    expect(entries.get('report')!.data.logo).toEqual({ file: '/logo.svg', type: 'image/svg+xml', data: svg.toString('base64') });
  });

  it('fails with the config\'s words on a logo that is not an image', async () => {
    const { ctx, entries } = context();
    await expect(reportLoader({ dir: path.join(FIXTURES, 'bad-logo'), strict: false }).load(ctx))
      .rejects.toThrow('capacity.config.json "logo" expects a PNG, JPEG, GIF, WebP or SVG image but "logo.png" is none of these (judged by its content, not its name)');
    expect(entries.size).toBe(0);
  });

  it('fails with the core\'s file:line:column lines on invalid data', async () => {
    const { ctx, entries } = context();
    await expect(reportLoader({ dir: 'tests/fixtures/site/invalid', strict: false }).load(ctx)).rejects.toThrow(
      'Invalid data in tests/fixtures/site/invalid:\n'
      + 'day001_chat_capacity_t4.csv:2:7: throughput_tok_s expects a number of 0 or more but found "abc"\n'
      + 'day001_chat_capacity_t4.csv:3:1: concurrency expects a whole number of 1 or more but found "-5"\n'
      + '2 problems in the data.',
    );
    expect(entries.size).toBe(0);
  });

  it('fails on a missing folder with a message that names it', async () => {
    await expect(readReport(path.join(tmp, 'nope'), 'nope')).rejects.toThrow(`expects a data folder at ${path.join(tmp, 'nope')} but it does not exist`);
    const { ctx } = context();
    await expect(reportLoader({ dir: path.join(tmp, 'nope'), strict: false }).load(ctx)).rejects.toThrow(/^expects a data folder at .*nope but it does not exist$/);
  });

  it('fails a strict build with every gap, one line each in the core\'s words', async () => {
    const report = await loadReport(path.join(FIXTURES, 'several-gpus'));
    const { ctx, entries } = context();
    const error = await reportLoader({ dir: path.join(FIXTURES, 'several-gpus'), strict: true }).load(ctx).then(() => null, (e: Error) => e);
    expect(error?.message).toBe(strictMessage(report.gaps));
    expect(error?.message).toBe(`--strict: 26 figures are not measured:\n${report.gaps.map(formatGap).join('\n')}`);
    expect(error?.message.split('\n')).toContain('not measured: A100-80GB / chat c8-t256: p95 e2e: fill p95_e2e_ms at a100_sweep.csv:10');
    expect(entries.size).toBe(0);
  });

  it('says "figure" for one gap', async () => {
    const [gap] = (await loadReport(path.join(FIXTURES, 'several-gpus'))).gaps;
    expect(strictMessage([gap!])).toBe(`--strict: 1 figure is not measured:\n${formatGap(gap!)}`);
  });

  it('src bug: the one-gap warning agrees in number ("1 figure is not measured and shows as …")', async () => {
    const [gap] = (await loadReport(path.join(FIXTURES, 'several-gpus'))).gaps;
    expect(gapsLine([gap!])).toBe('1 figure is not measured and shows as "not measured" (npm run -s analyze -- --gaps lists each with how to fill it)');
  });
});

describe('the content loader (dev)', () => {
  it('stores invalid data as an error entry, watches the folder, and recovers on the next change', async () => {
    const dir = path.join(tmp, 'recover');
    await cp(path.join(FIXTURES, 'invalid'), dir, { recursive: true });
    const w = watcher();
    const { ctx, entries, messages } = context(w);
    await reportLoader({ dir, strict: true }).load(ctx);
    expect(w.add).toHaveBeenCalledWith(dir);
    const error = entries.get('report')!.data;
    expect(error).toEqual({ status: 'error', message: expect.stringMatching(/^Invalid data in .*recover:\nday001_chat_capacity_t4\.csv:2:7: throughput_tok_s expects a number/) });
    expect(messages('error')).toEqual([error.message]);

    await writeFile(path.join(dir, 'day001_chat_capacity_t4.csv'), 'concurrency,max_tokens,throughput_tok_s,p95_e2e_ms\n1,256,20.1,12800\n4,256,70.4,14600\n');
    w.emit('change', path.join(dir, 'day001_chat_capacity_t4.csv'));
    await vi.waitFor(() => expect(entries.get('report')!.data.status).toBe('ok'));
    expect(messages('info')).toEqual([`day001_chat_capacity_t4.csv changed: reading ${dir} again`]);
    const ok = entries.get('report')!.data as { report: { groups: { slug: string; points: unknown[] }[] } };
    expect(ok.report.groups.map((g) => [g.slug, g.points.length])).toEqual([['t4/chat', 2]]);
    // --strict does not stop a dev server: gaps are a warning there.
    expect(messages('warn').at(-1)).toMatch(/^\d+ figures are not measured/);
  });

  it('re-reads on a change, an added and a removed file, and keeps the entry an error until the data reads', async () => {
    const dir = path.join(tmp, 'watched');
    await cp(path.join(FIXTURES, 'several-gpus'), dir, { recursive: true });
    const w = watcher();
    const { ctx, entries, messages } = context(w);
    await reportLoader({ dir, strict: false }).load(ctx);
    const gpus = () => (entries.get('report')!.data as { report: { gpus: { label: string }[] } }).report.gpus.map((g) => g.label);
    expect(gpus()).toEqual(['=L40S+1', 'A100-80GB', 'H100 <SXM> & "80GB"']);

    await writeFile(path.join(dir, 'b200_sweep.csv'), 'gpu,workload,concurrency,max_new_tokens,throughput_tok_s,p95_e2e_ms\nB200,chat,4,128,900,800\n');
    w.emit('add', path.join(dir, 'b200_sweep.csv'));
    await vi.waitFor(() => expect(gpus()).toContain('B200'));

    await writeFile(path.join(dir, 'b200_sweep.csv'), 'gpu,workload,concurrency,max_new_tokens,throughput_tok_s\nB200,chat,x,128,900\n');
    w.emit('change', path.join(dir, 'b200_sweep.csv'));
    await vi.waitFor(() => expect(entries.get('report')!.data.status).toBe('error'));
    expect(entries.get('report')!.data.message).toMatch(/b200_sweep\.csv:2:\d+: concurrency expects a whole number/);

    await rm(path.join(dir, 'b200_sweep.csv'));
    w.emit('unlink', path.join(dir, 'b200_sweep.csv'));
    await vi.waitFor(() => expect(entries.get('report')!.data.status).toBe('ok'));
    expect(gpus()).toEqual(['=L40S+1', 'A100-80GB', 'H100 <SXM> & "80GB"']);
    expect(messages('info')).toHaveLength(3);
  });

  it('ignores editors\' temporary files, hidden files and files outside the folder', async () => {
    const dir = path.join(tmp, 'editing');
    await cp(path.join(FIXTURES, 'no-slo'), dir, { recursive: true });
    const w = watcher();
    const { ctx, entries, messages } = context(w);
    await reportLoader({ dir, strict: false }).load(ctx);
    const stored = entries.get('report');
    for (const name of ['.#day001_chat_capacity_t4.csv', 'day001_chat_capacity_t4.csv~', '.day001_chat_capacity_t4.csv.swp', 'day001_chat_capacity_t4.csv.swp', 'sweep.tmp', '#notes.csv#', '.git/index']) {
      await writeFile(path.join(dir, name.replace('/', '-')), 'not,a,sweep\n');
      w.emit('change', path.join(dir, name));
    }
    w.emit('change', path.join(tmp, 'elsewhere.csv'));
    w.emit('change', path.join(path.dirname(dir), 'editing-other', 'x.csv'));
    // Give a (wrong) re-read the time it would take.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(messages('info')).toEqual([]);
    expect(entries.get('report')).toBe(stored);
  });
});

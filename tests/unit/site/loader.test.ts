import { EventEmitter } from 'node:events';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderMarkdown } from '../../../src/core/markdown.ts';
import { groupsLoader, reportLoader, reportSource } from '../../../src/site/loader.ts';
import { ROOT } from '../core/paths.ts';
import { FIXTURES } from './fixtures.ts';

interface Entry { id: string; data: Record<string, unknown>; rendered?: { html: string } }

/** A stand-in for Astro's loader context: an in-memory store, a logger that records. */
function context(watcher?: EventEmitter & { add(path: string): void }) {
  const entries = new Map<string, Entry>();
  const logs: { level: string; message: string }[] = [];
  const log = (level: string) => (message: string) => logs.push({ level, message });
  const ctx = {
    collection: 'test',
    config: { root: pathToFileURL(`${ROOT}/`) },
    store: {
      set: (entry: Entry) => (entries.set(entry.id, entry), true),
      clear: () => entries.clear(),
    },
    parseData: async ({ data }: { data: Record<string, unknown> }) => data,
    generateDigest: (data: unknown) => JSON.stringify(data).length.toString(16),
    renderMarkdown: async (text: string) => ({ html: `<p>${text.length}</p>` }),
    logger: { info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') },
    watcher,
  };
  return { ctx: ctx as unknown as LoaderContext, entries, logs };
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cf-loader-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('content loader', () => {
  it('stores one entry per GPU × workload, keyed by its slug, in the core\'s order', async () => {
    const source = reportSource({ dir: 'data', strict: false });
    const { ctx, entries } = context();
    await groupsLoader(source).load(ctx);
    expect([...entries.keys()]).toEqual([
      'l4-24gb-synthetic/batch', 'l4-24gb-synthetic/chat', 'l4-24gb-synthetic/rag',
      'runpod-rtx2000-16gb/batch', 'runpod-rtx2000-16gb/chat',
    ]);
    expect(entries.get('l4-24gb-synthetic/chat')!.data).toMatchObject({ order: 1, gpu: 'L4-24GB (synthetic)', workload: 'chat' });
  });

  it('stores the report with the exact Markdown text and its rendering, and warns about gaps', async () => {
    const source = reportSource({ dir: 'data', strict: false });
    const report = await source.get(ROOT);
    const { ctx, entries, logs } = context();
    await reportLoader(source).load(ctx);
    const entry = entries.get('report')!;
    expect(entry.data.markdown).toBe(renderMarkdown(report));
    expect(entry.data).not.toHaveProperty('groups');
    expect(entry.rendered?.html).toBeDefined();
    expect(logs.filter((l) => l.level === 'warn').map((l) => l.message).join('\n')).toContain('not measured: RunPod-RTX2000-16GB / batch: p95_ttft_ms');
  });

  it('reads the folder once for both collections', async () => {
    const source = reportSource({ dir: 'data', strict: false });
    expect(source.get(ROOT)).toBe(source.get(ROOT));
  });

  it('fails with the core\'s file:line:column lines on invalid data', async () => {
    const source = reportSource({ dir: path.join(FIXTURES, 'invalid'), strict: false });
    const { ctx } = context();
    await expect(groupsLoader(source).load(ctx)).rejects.toThrow(/day001_chat_capacity_t4\.csv:2:7: throughput_tok_s expects a number/);
    await expect(reportLoader(source).load(ctx)).rejects.toThrow(/day001_chat_capacity_t4\.csv:3:1: concurrency expects a whole number/);
  });

  it('fails on a missing folder with a message that names it', async () => {
    const source = reportSource({ dir: path.join(tmp, 'nope'), strict: false });
    await expect(source.get(ROOT)).rejects.toThrow(/expects a data folder at .*nope/);
  });

  it('fails a strict build listing every gap', async () => {
    const source = reportSource({ dir: path.join(FIXTURES, 'several-gpus'), strict: true });
    const { ctx } = context();
    const load = reportLoader(source).load(ctx);
    await expect(load).rejects.toThrow(/--strict: \d+ figures are not measured:\nnot measured: A100-80GB \/ chat c8-t256: p95_e2e_ms/);
  });

  it('re-reads the folder when a file in it changes (dev), and keeps the last good data on an error', async () => {
    const dir = path.join(tmp, 'watched');
    await cp(path.join(FIXTURES, 'several-gpus'), dir, { recursive: true });
    const source = reportSource({ dir, strict: false });
    const watcher = Object.assign(new EventEmitter(), { add: vi.fn() });
    const groups = context(watcher);
    const report = context(watcher);
    await groupsLoader(source).load(groups.ctx);
    await reportLoader(source).load(report.ctx);
    expect(watcher.add).toHaveBeenCalledWith(dir);
    expect(groups.entries.has('a100-80gb/chat')).toBe(true);

    await writeFile(path.join(dir, 'a100_sweep.csv'), 'gpu,workload,concurrency,max_new_tokens,throughput_tok_s,p95_e2e_ms\nB200,chat,4,128,900,800\n');
    watcher.emit('change', path.join(dir, 'a100_sweep.csv'));
    await vi.waitFor(() => expect(groups.entries.has('b200/chat')).toBe(true));
    expect(groups.entries.has('a100-80gb/chat')).toBe(false);
    expect(report.logs.some((l) => l.level === 'info' && l.message.includes('a100_sweep.csv changed'))).toBe(true);

    await writeFile(path.join(dir, 'a100_sweep.csv'), 'gpu,workload,concurrency,max_new_tokens,throughput_tok_s\nB200,chat,x,128,900\n');
    watcher.emit('change', path.join(dir, 'a100_sweep.csv'));
    await vi.waitFor(() => expect(report.logs.some((l) => l.level === 'error' && l.message.includes('a100_sweep.csv:2:'))).toBe(true));
    expect(groups.logs.some((l) => l.level === 'error')).toBe(false);
    expect(groups.entries.has('b200/chat')).toBe(true);

    watcher.emit('change', path.join(tmp, 'elsewhere.csv'));
  });
});

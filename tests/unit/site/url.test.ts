import { describe, expect, it } from 'vitest';
import { href, isCurrent, joinBase, paths } from '../../../src/site/url.ts';

describe('URL helpers', () => {
  it('joins a base and a site path with exactly one slash', () => {
    expect(joinBase('/', '/gpus/a/chat/')).toBe('/gpus/a/chat/');
    expect(joinBase('/reports/q3/', '/data/')).toBe('/reports/q3/data/');
    expect(joinBase('/reports/q3', '/data/')).toBe('/reports/q3/data/');
    expect(joinBase('/reports/q3/', 'data/')).toBe('/reports/q3/data/');
    expect(joinBase('/reports/', '/')).toBe('/reports/');
  });

  it('prefixes the configured base', () => {
    expect(href('/data/')).toBe(joinBase(import.meta.env.BASE_URL, '/data/'));
  });

  it('gives pages trailing slashes and files none', () => {
    const group = { gpu_slug: 'l4', workload_slug: 'chat' };
    expect(paths.group(group)).toBe('/gpus/l4/chat/');
    expect(paths.compare('chat')).toBe('/compare/chat/');
    expect(paths.file(paths.group(group), 'runs.csv')).toBe('/gpus/l4/chat/runs.csv');
    expect(paths.file('/data', 'files.csv')).toBe('/data/files.csv');
    expect(paths.reportMarkdown()).toBe('/capacity-frontier.md');
    for (const page of [paths.overview(), paths.report(), paths.data()]) expect(page.endsWith('/')).toBe(true);
  });

  it('tells the current page with or without its trailing slash', () => {
    expect(isCurrent('/data/', '/data/')).toBe(true);
    expect(isCurrent('/data', '/data/')).toBe(true);
    expect(isCurrent('/', '/data/')).toBe(false);
  });
});

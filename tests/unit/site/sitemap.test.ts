import { describe, expect, it } from 'vitest';
import { absoluteUrl } from '../../../src/site/hosting.ts';
import type { PageEntry } from '../../../src/site/pages.ts';
import { lastmodOf, sitemapPaths, sitemapXml } from '../../../src/site/sitemap.ts';
import { fixtureModel } from './fixtures.ts';

const entry = (path: string): PageEntry => ({ path, kind: 'group', title: path, description: '', nav: null, print: false, card: false });

describe('sitemap', () => {
  it('lists each page of the registry once, in its order, whether or not it is in the navigation', () => {
    expect(sitemapPaths([entry('/'), entry('/data/'), entry('/gpus/l4/chat/'), entry('/')])).toEqual(['/', '/data/', '/gpus/l4/chat/']);
  });

  it('gives the absolute URL of every page of a built site under its base', async () => {
    const model = await fixtureModel('branded');
    const hosting = { base: model.report.config.base, site: model.report.config.site };
    expect(hosting).toEqual({ base: '/client/', site: 'https://reports.acme.example' });
    const urls = sitemapPaths(model.pages).map((p) => absoluteUrl(p, hosting)!);
    expect(urls).toEqual([
      'https://reports.acme.example/client/',
      'https://reports.acme.example/client/life-of-a-request/',
      'https://reports.acme.example/client/capacity-frontier/',
      'https://reports.acme.example/client/data/',
      'https://reports.acme.example/client/compare/batch/',
      'https://reports.acme.example/client/compare/chat/',
      'https://reports.acme.example/client/gpus/h100-sxm-80gb/batch/',
      'https://reports.acme.example/client/gpus/h100-sxm-80gb/chat/',
    ]);
  });

  it('writes escaped absolute URLs, with a lastmod only when the build date is pinned', () => {
    const xml = sitemapXml(['https://x.example/a/?q=1&b=2'], '2024-05-01');
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <url><loc>https://x.example/a/?q=1&amp;b=2</loc><lastmod>2024-05-01</lastmod></url>\n</urlset>\n');
    expect(sitemapXml(['https://x.example/'])).not.toContain('lastmod');
    expect(lastmodOf('1714521600')).toBe('2024-05-01');
    expect(lastmodOf(undefined)).toBeNull();
    expect(lastmodOf('yesterday')).toBeNull();
  });
});

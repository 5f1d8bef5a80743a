import { describe, expect, it } from 'vitest';
import { lastmodOf, sitemapPaths, sitemapXml } from '../../../src/site/sitemap.ts';

describe('sitemap', () => {
  it('lists each page of the navigation once, in its order', () => {
    const sections = [
      { title: 'Report', links: [{ label: 'Overview', path: '/' }, { label: 'Data', path: '/data/' }] },
      { title: 'L4', links: [{ label: 'Chat', path: '/gpus/l4/chat/' }, { label: 'Overview again', path: '/' }] },
    ];
    expect(sitemapPaths(sections)).toEqual(['/', '/data/', '/gpus/l4/chat/']);
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

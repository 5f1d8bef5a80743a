/**
 * `sitemap.xml`: every page of the site at its absolute URL. Only written when the origin is known
 * (`--site`): a sitemap of relative paths is not one search engines accept.
 */
import { escapeAttribute, escapeText } from '../charts/serialize.ts';
import type { PageEntry } from './pages.ts';

/** Every page of the registry once, in reading order. */
export function sitemapPaths(pages: readonly PageEntry[]): string[] {
  return [...new Set(pages.map((p) => p.path))];
}

/** The sitemap document of absolute page URLs, with `lastmod` when a build date is pinned. */
export function sitemapXml(urls: readonly string[], lastmod: string | null = null): string {
  const entries = urls.map((url) => `  <url><loc>${escapeText(url)}</loc>${lastmod ? `<lastmod>${escapeAttribute(lastmod)}</lastmod>` : ''}</url>\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('')}</urlset>\n`;
}

/** `SOURCE_DATE_EPOCH` (seconds) as a W3C date, or null when it is not set. */
export function lastmodOf(epoch: string | undefined): string | null {
  if (epoch === undefined || !/^\d+$/.test(epoch.trim())) return null;
  return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
}

/** `/sitemap.xml`: every page at its absolute URL; written only when the site's origin is known. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getReport } from '../site/content.ts';
import { absoluteUrl } from '../site/hosting.ts';
import { navSections } from '../site/nav.ts';
import { lastmodOf, sitemapPaths, sitemapXml } from '../site/sitemap.ts';
import { getWriteups, writeupLinks } from '../site/writeups.ts';

export const getStaticPaths = (async () => {
  const site = import.meta.env.SITE;
  if (!site) return [];
  const report = await getReport();
  const sections = navSections(report, writeupLinks(await getWriteups()));
  const hosting = { base: import.meta.env.BASE_URL, site };
  const urls = sitemapPaths(sections).map((p) => absoluteUrl(p, hosting)!);
  return [{ params: { sitemap: 'sitemap' }, props: { xml: sitemapXml(urls, lastmodOf(process.env.SOURCE_DATE_EPOCH)) } }];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(props.xml as string, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });

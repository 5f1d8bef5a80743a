/** `/sitemap.xml`: every page at its absolute URL; written only when the site's origin is known. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { ENV } from '../env.ts';
import { getSiteModel } from '../site/content.ts';
import { absoluteUrl } from '../site/hosting.ts';
import { lastmodOf, sitemapPaths, sitemapXml } from '../site/sitemap.ts';

export const getStaticPaths = (async () => {
  const site = import.meta.env.SITE;
  if (!site) return [];
  const model = await getSiteModel();
  const hosting = { base: import.meta.env.BASE_URL, site };
  const urls = sitemapPaths(model.pages).map((p) => absoluteUrl(p, hosting)!);
  return [{ params: { sitemap: 'sitemap' }, props: { xml: sitemapXml(urls, lastmodOf(process.env[ENV.sourceDate])) } }];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(props.xml as string, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });

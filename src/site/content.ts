/**
 * Reads the Report back from the content collections for pages and endpoints: the one place
 * pages touch `astro:content`. The site model is built once per stored report and shared by every
 * page and endpoint of a build.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import type { Review } from '../core/analysis/review.ts';
import type { Report } from '../core/types.ts';
import type { Logo } from './logo.ts';
import { buildSiteModel, type SiteModel } from './model.ts';
import { drawAlong } from './prewarm.ts';
import { RenderCache } from './render-cache.ts';
import { RESERVED_SLUGS } from './pages.ts';

type Stored = Extract<CollectionEntry<'report'>['data'], { status: 'ok' }>;

async function stored(): Promise<Stored> {
  const entry = await getEntry('report', 'report');
  if (!entry) throw new Error('the report collection is empty: the content loader did not run');
  // In dev, data that does not read is an error page with the loader's own lines until it is fixed.
  if (entry.data.status === 'error') throw new Error(entry.data.message);
  return entry.data;
}

/** The Report the loader stored. */
export async function getReport(): Promise<Report> {
  return (await stored()).report as Report;
}

/** The Markdown report, exactly as `npm run analyze` prints it. */
export async function getMarkdown(): Promise<string> {
  return (await stored()).markdown;
}

/** The report's logo (checked by the loader), or null when the folder config names none. */
export async function getLogo(): Promise<Logo | null> {
  return (await stored()).logo;
}

/** Write-ups in navigation order; a file named like a site page fails the build with how to fix it. */
export async function getWriteups(): Promise<CollectionEntry<'writeups'>[]> {
  const entries = await getCollection('writeups');
  for (const entry of entries) {
    if (RESERVED_SLUGS.includes(entry.id) || !/^[a-z0-9][a-z0-9-]*$/.test(entry.id)) {
      throw new Error(`content/${entry.id}.mdx: a write-up's file name becomes its URL and expects lower-case letters, digits and dashes, not one of ${RESERVED_SLUGS.join(', ')}: rename the file`);
    }
  }
  return entries.sort((a, b) => a.data.order - b.data.order || (a.data.title < b.data.title ? -1 : a.data.title > b.data.title ? 1 : 0));
}

const MODELS = new WeakMap<object, Promise<SiteModel>>();

/** The site model of the stored report: built on first use, then the same object for every page. */
export async function getSiteModel(): Promise<SiteModel> {
  const data = await stored();
  let model = MODELS.get(data);
  if (!model) {
    model = getWriteups().then((entries) => buildSiteModel(data.report as Report, entries.map((e) => ({ id: e.id, title: e.data.title, description: e.data.description })), undefined, (data.review ?? null) as Review | null, new RenderCache(data.cache)));
    // The charts the loader started drawing on another thread: those not yet taken are drawn here
    // before the first page, and the rest are in the cache by the time any page asks.
    model = model.then(async (m) => (await drawAlong(m.charts, (chart) => (m.svg(chart), m.svg(chart, 'narrow'))), m));
    MODELS.set(data, model);
  }
  return model;
}

/**
 * Reads the Report back from the content collections for pages and endpoints: the one place
 * pages touch `astro:content`, so every other helper stays a pure function of a Report.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import type { GroupReport, Report } from '../core/types.ts';
import type { Logo } from './logo.ts';

// The loader writes the report entry and the group entries in one sync, so one Report object per
// stored report entry: every page and endpoint of a build gets the same object, and the per-report
// caches of charts, preview cards and tables (WeakMaps keyed by it) hit across pages.
const REPORTS = new WeakMap<object, Promise<Report>>();

/** The Report the loader stored, groups in the core's order (gpu, then workload); the same object on every call. */
export async function getReport(): Promise<Report> {
  const entry = await getEntry('report', 'report');
  if (!entry) throw new Error('the report collection is empty: the content loader did not run');
  let report = REPORTS.get(entry.data);
  if (!report) {
    report = assemble(entry.data);
    REPORTS.set(entry.data, report);
  }
  return report;
}

async function assemble(data: CollectionEntry<'report'>['data']): Promise<Report> {
  const groups = (await getCollection('groups')).map((e) => e.data).sort((a, b) => a.order - b.order);
  const { markdown, logo, ...rest } = data;
  void markdown;
  void logo;
  return { ...rest, groups: groups.map(({ order, ...group }): GroupReport => (void order, group)) };
}

/** The Markdown report, exactly as `npm run analyze` prints it. */
export async function getMarkdown(): Promise<string> {
  const entry = await getEntry('report', 'report');
  if (!entry) throw new Error('the report collection is empty: the content loader did not run');
  return entry.data.markdown;
}

/** The report's logo (checked by the loader), or null when the folder config names none. */
export async function getLogo(): Promise<Logo | null> {
  const entry = await getEntry('report', 'report');
  if (!entry) throw new Error('the report collection is empty: the content loader did not run');
  return entry.data.logo;
}

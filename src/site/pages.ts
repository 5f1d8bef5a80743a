/**
 * The page registry: every page of the site once, in reading order, with what each takes part in
 * (the navigation, the printed report, a link-preview card). Nav, print, cards, the sitemap and
 * the reserved slugs all read this list, so a new page is added here and nowhere else.
 */
import { formatSlo, groupTitle, plural, workloadTitle } from '../core/phrases.ts';
import { recommendationText } from '../core/recommendation.ts';
import type { Report } from '../core/types.ts';
import { paths } from './url.ts';

/** What kind of page an entry is (pages of one kind share a template). */
export type PageKind = 'overview' | 'review' | 'plan' | 'writeup' | 'report' | 'data' | 'compare' | 'group';

/** One page of the site. */
export interface PageEntry {
  /** Site path, e.g. `/gpus/l4/chat/`. */
  path: string;
  kind: PageKind;
  /** The page's title, also its section heading in the printed report. */
  title: string;
  /** One sentence: the page's meta description and its preview card's subtitle. */
  description: string;
  /** Where the page sits in the navigation, or null when it is not listed there. */
  nav: { section: string; label: string } | null;
  /** Whether the page is a section of the printed report. */
  print: boolean;
  /** Whether the page has a preview card of its own (others use the default card). */
  card: boolean;
}

/** A write-up as the registry needs it. */
export interface WriteupPage {
  id: string;
  title: string;
  description: string;
}

/** Top-level paths the site's own routes and assets use: a write-up may not take them. */
export const RESERVED_SLUGS = ['gpus', 'compare', 'data', 'capacity-frontier', 'print', 'tables', 'embed', 'review', 'plan', '_astro', 'og', 'logo', '404'];

/** A write-up's URL path, e.g. `/life-of-a-request/`. */
export function writeupPath(id: string): string {
  return `/${id}/`;
}

/** Optional pages a report may have (a review when a baseline is given, a plan when the config asks for one). */
export interface OptionalPages {
  review: boolean;
  plan: boolean;
}

/** Every page of a report's site, in reading order. */
export function sitePages(report: Report, writeups: readonly WriteupPage[], optional: OptionalPages = { review: false, plan: false }): PageEntry[] {
  const met = report.groups.filter((g) => g.recommendation !== null).length;
  const main = 'Report';
  const pages: PageEntry[] = [{
    path: paths.overview(), kind: 'overview', title: 'Overview',
    description: `Recommended settings for ${plural(report.gpus.length, 'GPU')} on ${plural(report.workloads.length, 'workload')}: ${met} of ${report.groups.length} pairs within their latency SLO.`,
    nav: { section: main, label: 'Overview' }, print: true, card: true,
  }];
  if (optional.review) {
    pages.push({ path: paths.review(), kind: 'review', title: 'Review: baseline against candidate', description: 'What changed between the baseline and the candidate, GPU by GPU and workload by workload, with the noise each verdict was judged against.', nav: { section: main, label: 'Review' }, print: true, card: true });
  }
  if (optional.plan) {
    pages.push({ path: paths.plan(), kind: 'plan', title: 'Capacity plan', description: 'GPUs needed for the stated demand under each workload\'s SLO, and what they cost.', nav: { section: main, label: 'Capacity plan' }, print: true, card: true });
  }
  for (const w of writeups) {
    pages.push({ path: writeupPath(w.id), kind: 'writeup', title: w.title, description: w.description, nav: { section: main, label: w.title }, print: true, card: true });
  }
  pages.push(
    { path: paths.report(), kind: 'report', title: 'Capacity report', description: `${report.title}: every sweet-spot table and recommendation as one document, also as Markdown.`, nav: { section: main, label: 'Capacity report' }, print: true, card: false },
    { path: paths.data(), kind: 'data', title: 'Data and provenance', description: `What this report was built from: ${plural(report.files.length, 'input file')} with their SHA-256 checksums, ${plural(report.measurements, 'run')}, rows rejected and the thresholds used.`, nav: { section: main, label: 'Data' }, print: true, card: true },
  );
  for (const w of report.workloads) {
    const slo = report.groups.find((g) => g.workload === w.name)!.slo;
    pages.push({
      path: paths.compare(w.slug), kind: 'compare', title: `${workloadTitle(w.name)} workload: every GPU`,
      description: `Every GPU measured on the ${workloadTitle(w.name)} workload on one chart and in one table, judged on ${formatSlo(slo)}.`,
      nav: { section: 'Compare GPUs', label: workloadTitle(w.name) }, print: true, card: true,
    });
  }
  for (const group of report.groups) {
    pages.push({
      path: paths.group(group), kind: 'group', title: groupTitle(group), description: recommendationText(group),
      nav: { section: group.gpu, label: workloadTitle(group.workload) }, print: true, card: true,
    });
  }
  return pages;
}

/** The navigation: sections in the registry's order, each with its links. */
export function navSections(pages: readonly PageEntry[]): { title: string; links: { label: string; path: string }[] }[] {
  const sections = new Map<string, { label: string; path: string }[]>();
  for (const page of pages) {
    if (!page.nav) continue;
    const links = sections.get(page.nav.section) ?? [];
    links.push({ label: page.nav.label, path: page.path });
    sections.set(page.nav.section, links);
  }
  return [...sections.entries()].map(([title, links]) => ({ title, links }));
}

/** The sections of the printed report, in reading order: overview and review first, provenance last. */
export function printPages(pages: readonly PageEntry[]): PageEntry[] {
  const rank: Readonly<Record<PageKind, number>> = { overview: 0, review: 1, plan: 2, compare: 3, group: 4, writeup: 5, report: 6, data: 7 };
  return pages.filter((p) => p.print).map((page, index) => ({ page, index })).sort((a, b) => rank[a.page.kind] - rank[b.page.kind] || a.index - b.index).map(({ page }) => page);
}

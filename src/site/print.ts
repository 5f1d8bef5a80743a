/**
 * The whole report as one document (`/print/`), for paper and `npm run pdf`: a title page, the
 * contents, then each page of the site as a section of its own (overview, comparisons, every
 * GPU × workload, the write-ups, provenance). The Astro page renders the title page and one empty
 * section per page; after the build, `assemblePrint` fills each section with that page's `<main>`,
 * so the document reuses exactly what the pages render, and rewrites ids and links to stay unique
 * and to land inside the document.
 */
import { parseHTML } from '../charts/dom.ts';
import type { PageEntry } from './pages.ts';
import { printPages } from './pages.ts';
import { sectionContent, type PrintHosting } from './print-section.ts';

/** One section of the printed report: the site page it comes from and its anchor in the document. */
export interface PrintSection {
  /** Site path of the page, e.g. `/gpus/l4/chat/`. */
  path: string;
  /** Anchor of the section in the document: the path without its slashes at the ends, `overview` for `/`. */
  key: string;
  title: string;
}

/** Site path of the one-page document. */
export const PRINT_PATH = '/print/';

/** The anchor of a page's section, e.g. `/gpus/l4/chat/` → `gpus/l4/chat`. */
export function sectionKey(pagePath: string): string {
  return pagePath.replace(/^\/+|\/+$/g, '') || 'overview';
}

/** The sections in reading order, from the page registry. */
export function printSections(pages: readonly PageEntry[]): PrintSection[] {
  return printPages(pages).map((page) => ({ path: page.path, title: page.title, key: sectionKey(page.path) }));
}

/**
 * The date on the title page: `SOURCE_DATE_EPOCH` (seconds) when set, so a rebuild gives the same
 * bytes; else the folder config's `date`; else the day of the build.
 */
export function reportDate(epoch: string | undefined, configDate: string | null, now: Date = new Date()): string {
  const format = (date: Date) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return format(new Date(Number(epoch) * 1000));
  if (configDate !== null) return format(new Date(`${configDate}T00:00:00Z`));
  return format(now);
}

// Stands in for a section's content in the serialised shell until the content is spliced in: the
// shell stays a small DOM, and the pages' HTML never goes through one.
const MARK = 'cf-print-section:';

/** How a section's content is made from its page: `sectionContent`, or the same through a cache. */
export type SectionContent = typeof sectionContent;

/**
 * Fills the print shell: each `section[data-print-source]` gets the `<main>` of its page (without
 * the breadcrumb), rewritten by `sectionContent` (or `content`, which must give the same). A page
 * that was not built (`readPage` gives null) is dropped with its line in the contents. Returns the
 * whole document.
 */
export function assemblePrint(shell: string, readPage: (sitePath: string) => string | null, hosting: PrintHosting, content: SectionContent = sectionContent): string {
  const { document } = parseHTML(shell);
  const placeholders = Array.from(document.querySelectorAll('section[data-print-source]'));
  const sections: PrintSection[] = placeholders.map((el) => ({ path: el.getAttribute('data-print-source')!, key: el.getAttribute('id')!, title: el.getAttribute('aria-label') ?? '' }));
  const pages = new Map<string, string>();
  for (const section of sections) {
    const html = readPage(section.path);
    if (html !== null) pages.set(section.path, html);
  }
  const keys = new Map(sections.filter((s) => pages.has(s.path)).map((s) => [s.path, s.key]));
  const contents: string[] = [];
  placeholders.forEach((placeholder, index) => {
    const section = sections[index]!;
    const html = pages.get(section.path);
    if (html === undefined) {
      for (const link of Array.from(document.querySelectorAll(`a[href="#${section.key}"]`))) link.closest('li')?.remove();
      placeholder.remove();
      return;
    }
    const rewritten = content(html, section, keys, hosting);
    if (rewritten === null) throw new Error(`assemblePrint expects a <main> in the page ${section.path} but found none`);
    placeholder.removeAttribute('data-print-source');
    placeholder.innerHTML = `<!--${MARK}${contents.length}-->`;
    contents.push(rewritten);
  });
  return document.toString().replace(new RegExp(`<!--${MARK}(\\d+)-->`, 'g'), (_, index: string) => contents[Number(index)]!);
}

/**
 * The whole report as one document (`/print/`), for paper and `npm run pdf`: a title page, the
 * contents, then each page of the site as a section of its own (overview, comparisons, every
 * GPU × workload, the write-ups, provenance). The Astro page renders the title page and one empty
 * section per page; after the build, `assemblePrint` fills each section with that page's `<main>`,
 * so the document reuses exactly what the pages render, and rewrites ids and links to stay unique
 * and to land inside the document.
 */
import { parseHTML } from 'linkedom';
import { titleCase } from '../core/labels.ts';
import type { Report } from '../core/types.ts';
import { groupTitle } from './text.ts';
import { joinBase, paths } from './url.ts';

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

/** The sections in reading order: overview, comparisons, each GPU × workload, write-ups, provenance. */
export function printSections(report: Pick<Report, 'groups' | 'workloads'>, writeups: readonly { path: string; title: string }[] = []): PrintSection[] {
  const pages: { path: string; title: string }[] = [
    { path: paths.overview(), title: 'Overview' },
    ...report.workloads.map((w) => ({ path: paths.compare(w.slug), title: `${titleCase(w.name)} workload: every GPU` })),
    ...report.groups.map((g) => ({ path: paths.group(g), title: groupTitle(g) })),
    ...writeups,
    { path: paths.data(), title: 'Data and provenance' },
  ];
  return pages.map((page) => ({ ...page, key: sectionKey(page.path) }));
}

/**
 * The date on the title page, from `SOURCE_DATE_EPOCH` (seconds) so a rebuild gives the same bytes;
 * null (no date shown) when it is not set or not a number.
 */
export function reportDate(epoch: string | undefined): string | null {
  if (epoch === undefined || !/^\d+$/.test(epoch.trim())) return null;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Number(epoch) * 1000));
}

/** Where the built site is hosted: links that leave the document point there. */
export interface PrintHosting {
  base: string;
  /** The origin, or null: then links that leave the document stay site-absolute paths. */
  site: string | null;
}

// Attributes that hold id references (space-separated lists).
const ID_LISTS = ['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'aria-details', 'aria-flowto', 'for', 'headers', 'list'];
const ORIGIN = 'http://print.invalid';

function normalPath(pathname: string): string {
  return pathname.endsWith('/') || /\.[a-z0-9]+$/i.test(pathname) ? pathname : `${pathname}/`;
}

/**
 * Rewrites one page's `<main>` as a section of the document: ids get the section's key in front,
 * references to them follow, in-page links stay in the section, links to a page that is a section
 * of the document land on that section, and any other link leaves for the site (absolute when
 * `site` is known).
 */
function rewriteSection(main: Element, section: PrintSection, keys: ReadonlyMap<string, string>, hosting: PrintHosting): void {
  const prefix = (id: string) => `${section.key}/${id}`;
  const elements = [main, ...Array.from(main.querySelectorAll('*'))];
  const ids = new Set<string>();
  for (const el of elements) {
    const id = el.getAttribute('id');
    if (id) ids.add(id);
  }
  const pageUrl = new URL(joinBase(hosting.base, section.path), ORIGIN);
  for (const el of elements) {
    const id = el.getAttribute('id');
    if (id) el.setAttribute('id', prefix(id));
    for (const name of ID_LISTS) {
      const value = el.getAttribute(name);
      if (value) el.setAttribute(name, value.split(/\s+/).map((t) => (ids.has(t) ? prefix(t) : t)).join(' '));
    }
    for (const attr of Array.from(el.attributes)) {
      if (attr.value.includes('url(#')) el.setAttribute(attr.name, attr.value.replace(/url\(#([^)]+)\)/g, (m, ref: string) => (ids.has(ref) ? `url(#${prefix(ref)})` : m)));
    }
    const isLink = el.localName === 'a';
    for (const name of ['href', 'xlink:href']) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      if (value.startsWith('#')) {
        const ref = decodeURIComponent(value.slice(1));
        el.setAttribute(name, ref === '' ? `#${section.key}` : `#${prefix(ref)}`);
        continue;
      }
      if (!isLink) continue;
      el.setAttribute(name, linkTarget(value, pageUrl, keys, hosting));
    }
    const src = el.getAttribute('src');
    if (src !== null && !/^[a-z]+:/i.test(src)) el.setAttribute('src', new URL(src, pageUrl).pathname);
  }
}

/** Where a link of a section points in the document: a section, a place in one, or the site. */
export function linkTarget(href: string, pageUrl: URL, keys: ReadonlyMap<string, string>, hosting: PrintHosting): string {
  let url: URL;
  try {
    url = new URL(href, pageUrl);
  } catch {
    return href;
  }
  if (url.origin !== ORIGIN) return href;
  const base = hosting.base.endsWith('/') ? hosting.base : `${hosting.base}/`;
  if (!url.pathname.startsWith(base) && `${url.pathname}/` !== base) return href;
  const sitePath = normalPath(`/${url.pathname.slice(base.length)}`);
  const key = keys.get(sitePath);
  const fragment = url.hash ? decodeURIComponent(url.hash.slice(1)) : '';
  if (key !== undefined) return fragment ? `#${key}/${fragment}` : `#${key}`;
  const onSite = joinBase(hosting.base, sitePath) + url.search + url.hash;
  return hosting.site ? new URL(onSite, hosting.site).href : onSite;
}

/**
 * Fills the print shell: each `section[data-print-source]` gets the `<main>` of its page (without
 * the breadcrumb), rewritten by `rewriteSection`. A page that was not built (`readPage` gives null)
 * is dropped with its line in the contents. Returns the whole document.
 */
export function assemblePrint(shell: string, readPage: (sitePath: string) => string | null, hosting: PrintHosting): string {
  const { document } = parseHTML(shell);
  const placeholders = Array.from(document.querySelectorAll('section[data-print-source]'));
  const sections: PrintSection[] = placeholders.map((el) => ({ path: el.getAttribute('data-print-source')!, key: el.getAttribute('id')!, title: el.getAttribute('aria-label') ?? '' }));
  const pages = new Map<string, string>();
  for (const section of sections) {
    const html = readPage(section.path);
    if (html !== null) pages.set(section.path, html);
  }
  const keys = new Map(sections.filter((s) => pages.has(s.path)).map((s) => [s.path, s.key]));
  placeholders.forEach((placeholder, index) => {
    const section = sections[index]!;
    const html = pages.get(section.path);
    if (html === undefined) {
      for (const link of Array.from(document.querySelectorAll(`a[href="#${section.key}"]`))) link.closest('li')?.remove();
      placeholder.remove();
      return;
    }
    const page = parseHTML(html).document;
    const main = page.querySelector('main');
    if (!main) throw new Error(`assemblePrint expects a <main> in the page ${section.path} but found none`);
    for (const crumb of Array.from(main.querySelectorAll('nav.breadcrumb'))) crumb.remove();
    rewriteSection(main, section, keys, hosting);
    placeholder.removeAttribute('data-print-source');
    placeholder.innerHTML = main.innerHTML;
  });
  return document.toString();
}

/**
 * The whole report as one document (`/print/`), for paper and `npm run pdf`: a title page, the
 * contents, then each page of the site as a section of its own (overview, comparisons, every
 * GPU × workload, the write-ups, provenance). The Astro page renders the title page and one empty
 * section per page; after the build, `assemblePrint` fills each section with that page's `<main>`,
 * so the document reuses exactly what the pages render, and rewrites ids and links to stay unique
 * and to land inside the document.
 */
import { Parser } from 'htmlparser2';
import type { PageEntry } from './pages.ts';
import { printPages } from './pages.ts';
import { openingTag, sectionContent, type PrintHosting } from './print-section.ts';

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

/** How a section's content is made from its page: `sectionContent`, or the same through a cache. */
export type SectionContent = typeof sectionContent;

/** A placeholder section of the shell and the contents entry that links to it, as source ranges. */
interface Placeholder extends PrintSection {
  /** The whole element, its opening tag, and its content. */
  start: number;
  end: number;
  tagEnd: number;
  contentEnd: number;
  attribs: Record<string, string>;
}

// The shell is tokenised, not parsed into a DOM: it is copied as it is except for the ranges that
// change, and the document loads no DOM library when every section comes from the render cache.
function scanShell(shell: string): { placeholders: Placeholder[]; entries: Map<string, { start: number; end: number }> } {
  const placeholders: Placeholder[] = [];
  const entries = new Map<string, { start: number; end: number }>();
  let open: Omit<Placeholder, 'end' | 'contentEnd'> | null = null;
  let sectionDepth = 0;
  let item: { start: number; target: string | null } | null = null;
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        if (open) {
          if (name === 'section') sectionDepth++;
          return;
        }
        if (name === 'section' && attribs['data-print-source'] !== undefined) {
          open = { path: attribs['data-print-source'], key: attribs.id ?? '', title: attribs['aria-label'] ?? '', start: parser.startIndex, tagEnd: parser.endIndex + 1, attribs };
          sectionDepth = 1;
        } else if (name === 'li') {
          item = { start: parser.startIndex, target: null };
        } else if (name === 'a' && item && attribs.href?.startsWith('#')) {
          item.target ??= attribs.href.slice(1);
        }
      },
      onclosetag(name) {
        if (open) {
          if (name === 'section' && --sectionDepth === 0) {
            placeholders.push({ ...open, contentEnd: parser.startIndex, end: parser.endIndex + 1 });
            open = null;
          }
        } else if (name === 'li' && item) {
          if (item.target !== null && !entries.has(item.target)) entries.set(item.target, { start: item.start, end: parser.endIndex + 1 });
          item = null;
        }
      },
    },
    { lowerCaseTags: false, lowerCaseAttributeNames: false, recognizeSelfClosing: true },
  );
  parser.end(shell);
  return { placeholders, entries };
}

// The pages of the sections that were built, and every such section's key by its page's path.
function builtSections(sections: readonly PrintSection[], readPage: (sitePath: string) => string | null): { pages: Map<string, string>; keys: Map<string, string> } {
  const pages = new Map<string, string>();
  for (const section of sections) {
    const html = readPage(section.path);
    if (html !== null) pages.set(section.path, html);
  }
  return { pages, keys: new Map(sections.filter((s) => pages.has(s.path)).map((s) => [s.path, s.key])) };
}

/** The sections of a shell whose pages were built, each with its page, and the keys `assemblePrint` gives every section's rewrite. */
export function printPlan(shell: string, readPage: (sitePath: string) => string | null): { sections: { section: PrintSection; html: string }[]; keys: Map<string, string> } {
  const { placeholders } = scanShell(shell);
  const { pages, keys } = builtSections(placeholders, readPage);
  return { sections: placeholders.filter((s) => pages.has(s.path)).map((s) => ({ section: { path: s.path, key: s.key, title: s.title }, html: pages.get(s.path)! })), keys };
}

/**
 * Fills the print shell: each `section[data-print-source]` gets the `<main>` of its page (without
 * the breadcrumb), rewritten by `sectionContent` (or `content`, which must give the same). A page
 * that was not built (`readPage` gives null) is dropped with its line in the contents. Returns the
 * whole document.
 */
export function assemblePrint(shell: string, readPage: (sitePath: string) => string | null, hosting: PrintHosting, content: SectionContent = sectionContent): string {
  const { placeholders, entries } = scanShell(shell);
  const { pages, keys } = builtSections(placeholders, readPage);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const section of placeholders) {
    const html = pages.get(section.path);
    if (html === undefined) {
      const entry = entries.get(section.key);
      if (entry) edits.push({ ...entry, text: '' });
      edits.push({ start: section.start, end: section.end, text: '' });
      continue;
    }
    const rewritten = content(html, section, keys, hosting);
    if (rewritten === null) throw new Error(`assemblePrint expects a <main> in the page ${section.path} but found none`);
    const { 'data-print-source': _source, ...attribs } = section.attribs;
    edits.push({ start: section.start, end: section.contentEnd, text: `${openingTag('section', attribs)}${rewritten}` });
  }
  edits.sort((a, b) => a.start - b.start);
  let document = '';
  let at = 0;
  for (const edit of edits) {
    document += shell.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return document + shell.slice(at);
}

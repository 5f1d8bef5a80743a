/**
 * One page's `<main>` as a section of the one-page document: ids get the section's key in front,
 * references to them follow, in-page links stay in the section, links to a page that is a section
 * of the document land on that section, and any other link leaves for the site (absolute when
 * `site` is known). The page's HTML is tokenised once and copied as it is except for the tags whose
 * attributes change: no DOM is built, since a DOM of every page (charts included) cost the build
 * more than rendering the pages did.
 */
import { Parser } from 'htmlparser2';
import { escapeAttribute } from '../charts/serialize.ts';
import { joinBase } from './url.ts';

/** Where the built site is hosted: links that leave the document point there. */
export interface PrintHosting {
  base: string;
  /** The origin, or null: then links that leave the document stay site-absolute paths. */
  site: string | null;
}

/** A section of the document as the rewrite needs it: the page's site path and its anchor. */
export interface SectionPlace {
  path: string;
  key: string;
}

// Attributes that hold id references (space-separated lists).
const ID_LISTS = new Set(['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'aria-details', 'aria-flowto', 'for', 'headers', 'list']);
const ORIGIN = 'http://print.invalid';

function normalPath(pathname: string): string {
  return pathname.endsWith('/') || /\.[a-z0-9]+$/i.test(pathname) ? pathname : `${pathname}/`;
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

/** An opening tag inside `<main>`: where its source is and its attributes (decoded). */
interface Tag {
  start: number;
  end: number;
  name: string;
  attribs: Record<string, string>;
}

/** The tags of a page's `<main>` that the rewrite may change (the breadcrumb left out), its ids, and where its content starts and ends. */
interface MainSource {
  tags: Tag[];
  ids: Set<string>;
  from: number;
  to: number;
  /** Source ranges to drop: the breadcrumb navigation. */
  dropped: { start: number; end: number }[];
}

// Whether the rewrite could change a tag: most tags of a page (every mark of a chart) hold no id,
// reference or link, and are copied without being kept.
function mayChange(attribs: Record<string, string>): boolean {
  for (const name in attribs) {
    if (name === 'id' || name === 'href' || name === 'xlink:href' || name === 'src' || ID_LISTS.has(name) || attribs[name]!.includes('url(#')) return true;
  }
  return false;
}

function scanMain(html: string): MainSource | null {
  const tags: Tag[] = [];
  const ids = new Set<string>();
  const dropped: { start: number; end: number }[] = [];
  let from = -1;
  let to = -1;
  let crumbDepth = 0;
  let crumbStart = -1;
  let mainDepth = 0;
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs, isImplied) {
        if (isImplied) return;
        if (name === 'main' && to === -1) {
          if (mainDepth++ === 0) {
            from = parser.endIndex + 1;
            if (attribs.id) ids.add(attribs.id);
            tags.push({ start: parser.startIndex, end: parser.endIndex + 1, name, attribs });
            return;
          }
        }
        if (mainDepth === 0) return;
        if (crumbDepth > 0) {
          if (name === 'nav') crumbDepth++;
          return;
        }
        if (name === 'nav' && /(?:^|\s)breadcrumb(?:\s|$)/.test(attribs.class ?? '')) {
          crumbDepth = 1;
          crumbStart = parser.startIndex;
          return;
        }
        if (attribs.id) ids.add(attribs.id);
        if (mayChange(attribs)) tags.push({ start: parser.startIndex, end: parser.endIndex + 1, name, attribs });
      },
      onclosetag(name, isImplied) {
        if (mainDepth === 0) return;
        if (crumbDepth > 0 && name === 'nav' && --crumbDepth === 0) {
          dropped.push({ start: crumbStart, end: isImplied ? parser.startIndex : parser.endIndex + 1 });
          return;
        }
        if (name === 'main' && --mainDepth === 0) to = parser.startIndex;
      },
    },
    { lowerCaseTags: false, lowerCaseAttributeNames: false, recognizeSelfClosing: true },
  );
  parser.end(html);
  if (from === -1 || to === -1) return null;
  return { tags, ids, from, to, dropped };
}

/** The attributes of a tag after the rewrite, or null when none changes. */
function rewriteAttributes(tag: Tag, ids: ReadonlySet<string>, section: SectionPlace, pageUrl: URL, keys: ReadonlyMap<string, string>, hosting: PrintHosting): Record<string, string> | null {
  const prefix = (id: string) => `${section.key}/${id}`;
  let changed = false;
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(tag.attribs)) {
    let next = value;
    if (name === 'id') {
      if (value) next = prefix(value);
    } else if (ID_LISTS.has(name)) {
      if (value) next = value.split(/\s+/).map((t) => (ids.has(t) ? prefix(t) : t)).join(' ');
    } else if (name === 'href' || name === 'xlink:href') {
      if (value.startsWith('#')) {
        const ref = decodeURIComponent(value.slice(1));
        next = ref === '' ? `#${section.key}` : `#${prefix(ref)}`;
      } else if (tag.name === 'a') {
        next = linkTarget(value, pageUrl, keys, hosting);
      }
    } else if (name === 'src') {
      if (!/^[a-z]+:/i.test(value)) next = new URL(value, pageUrl).pathname;
    }
    if (next.includes('url(#')) next = next.replace(/url\(#([^)]+)\)/g, (m, ref: string) => (ids.has(ref) ? `url(#${prefix(ref)})` : m));
    if (next !== value) changed = true;
    result[name] = next;
  }
  return changed ? result : null;
}

function tagSource(html: string, tag: Tag, attribs: Record<string, string>): string {
  // The parser keeps the case of names (lowerCaseTags: false), so tag.name is the source's.
  return openingTag(tag.name, attribs, html.slice(tag.start, tag.end).endsWith('/>'));
}

/** An opening tag written from its (decoded) attributes, each value escaped. */
export function openingTag(name: string, attribs: Record<string, string>, selfClosing = false): string {
  const attributes = Object.entries(attribs).map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`).join('');
  return `<${name}${attributes}${selfClosing ? '/>' : '>'}`;
}

/**
 * The content of a page's `<main>` (without the breadcrumb) rewritten as the section `section` of
 * the document; `keys` maps the site path of every page in the document to its section's key.
 * Null when the page has no `<main>`.
 */
export function sectionContent(html: string, section: SectionPlace, keys: ReadonlyMap<string, string>, hosting: PrintHosting): string | null {
  const main = scanMain(html);
  if (!main) return null;
  const { ids } = main;
  const pageUrl = new URL(joinBase(hosting.base, section.path), ORIGIN);

  const edits: { start: number; end: number; text: string }[] = main.dropped.map((d) => ({ ...d, text: '' }));
  for (const tag of main.tags.slice(1)) {
    const attribs = rewriteAttributes(tag, ids, section, pageUrl, keys, hosting);
    if (attribs) edits.push({ start: tag.start, end: tag.end, text: tagSource(html, tag, attribs) });
  }
  edits.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = main.from;
  for (const edit of edits) {
    parts.push(html.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  parts.push(html.slice(at, main.to));
  return parts.join('');
}

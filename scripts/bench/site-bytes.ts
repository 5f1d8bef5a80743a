/**
 * What a built site weighs: bytes of each page type (HTML with its inline SVG, raw and gzip),
 * files by extension, and the client JavaScript it ships (script files and `<script` tags).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { median } from './measure.ts';

/** Page types of the site (DESIGN.md, Pages), by URL. */
export const PAGE_TYPES = ['overview', 'gpu × workload', 'compare', 'data', 'capacity-frontier', 'life-of-a-request', 'print', 'other'] as const;
/** One page type. */
export type PageType = (typeof PAGE_TYPES)[number];

/** The page type of an HTML file, from its path relative to the site root (`/`-separated). */
export function pageType(relative: string): PageType {
  if (relative === 'index.html') return 'overview';
  if (/^gpus\/[^/]+\/[^/]+\/index\.html$/.test(relative)) return 'gpu × workload';
  if (/^compare\/[^/]+\/index\.html$/.test(relative)) return 'compare';
  if (relative === 'data/index.html') return 'data';
  if (relative === 'capacity-frontier/index.html') return 'capacity-frontier';
  if (relative === 'life-of-a-request/index.html') return 'life-of-a-request';
  // The whole report on one page for printing (every chart inlined).
  if (relative === 'print/index.html') return 'print';
  return 'other';
}

/** Byte counts of one page type. */
export interface PageTypeBytes {
  type: PageType;
  pages: number;
  rawMedian: number;
  rawMax: number;
  gzipMedian: number;
  gzipMax: number;
  /** The largest page of the type (gzip), relative path. */
  largest: string;
  /** Inline `<svg` elements in the largest page. */
  svgs: number;
}

/** Everything measured of one built site. */
export interface SiteBytes {
  htmlPages: number;
  files: number;
  totalBytes: number;
  /** Files and bytes per extension (`.html`, `.svg`, `.csv`, `.css`, …). */
  byExtension: { ext: string; files: number; bytes: number }[];
  pageTypes: PageTypeBytes[];
  /** Bytes of `.js` / `.mjs` files in the output. */
  jsBytes: number;
  jsFiles: number;
  /** `<script` tags over all HTML pages. */
  scriptTags: number;
}

function walk(dir: string, base = dir, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, base, out);
    else if (entry.isFile()) out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

/** Counts pages, bytes and client JavaScript of the site in `dir`. */
export function measureSite(dir: string): SiteBytes {
  const files = walk(dir).sort();
  const byExt = new Map<string, { files: number; bytes: number }>();
  const perType = new Map<PageType, { file: string; raw: number; gzip: number; svgs: number }[]>();
  let totalBytes = 0;
  let jsBytes = 0;
  let jsFiles = 0;
  let scriptTags = 0;
  let htmlPages = 0;
  for (const file of files) {
    const full = path.join(dir, file);
    const size = statSync(full).size;
    totalBytes += size;
    const ext = path.extname(file).toLowerCase() || '(none)';
    const entry = byExt.get(ext) ?? { files: 0, bytes: 0 };
    entry.files++;
    entry.bytes += size;
    byExt.set(ext, entry);
    if (ext === '.js' || ext === '.mjs' || ext === '.cjs') {
      jsBytes += size;
      jsFiles++;
    }
    if (ext !== '.html') continue;
    htmlPages++;
    const bytes = readFileSync(full);
    const text = bytes.toString('utf8');
    scriptTags += text.match(/<script\b/gi)?.length ?? 0;
    const type = pageType(file);
    const list = perType.get(type) ?? [];
    list.push({ file, raw: size, gzip: gzipSync(bytes).byteLength, svgs: text.match(/<svg\b/gi)?.length ?? 0 });
    perType.set(type, list);
  }
  const pageTypes: PageTypeBytes[] = [];
  for (const type of PAGE_TYPES) {
    const list = perType.get(type);
    if (!list) continue;
    const largest = list.reduce((a, b) => (b.gzip > a.gzip ? b : a));
    pageTypes.push({
      type,
      pages: list.length,
      rawMedian: median(list.map((p) => p.raw)),
      rawMax: Math.max(...list.map((p) => p.raw)),
      gzipMedian: median(list.map((p) => p.gzip)),
      gzipMax: largest.gzip,
      largest: largest.file,
      svgs: largest.svgs,
    });
  }
  return {
    htmlPages,
    files: files.length,
    totalBytes,
    byExtension: [...byExt].map(([ext, v]) => ({ ext, ...v })).sort((a, b) => b.bytes - a.bytes),
    pageTypes,
    jsBytes,
    jsFiles,
    scriptTags,
  };
}

/** Number of HTML pages under `dir`. */
export function countHtmlPages(dir: string): number {
  return walk(dir).filter((f) => f.endsWith('.html')).length;
}

/**
 * Write-ups: the MDX pages in `content/` (the "Life of a Request" and any the user adds). Each is
 * served at `/<file name>/` and listed in the navigation in `order`, then title order.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { NavLink } from './nav.ts';

/** Top-level paths the site's own pages use: a write-up may not take them. */
export const RESERVED_SLUGS = ['gpus', 'compare', 'data', 'capacity-frontier', 'print', 'tables', '_astro', 'og'];

/** A write-up's URL path, e.g. `/life-of-a-request/`. */
export function writeupPath(id: string): string {
  return `/${id}/`;
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

/** Navigation links of the write-ups. */
export function writeupLinks(entries: readonly { id: string; data: { title: string } }[]): NavLink[] {
  return entries.map((entry) => ({ label: entry.data.title, path: writeupPath(entry.id) }));
}

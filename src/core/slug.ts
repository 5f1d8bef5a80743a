/** FNV-1a of a string as 8 hex digits: short, stable and free of platform dependencies. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * A URL- and file-safe slug: only `a-z`, `0-9` and `-`, never empty, never `.` or `..`,
 * so a label can never name a path outside the output folder.
 */
export function slugify(label: string, fallback = 'item'): string {
  const base = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return base === '' ? `${fallback}-${shortHash(label)}` : base;
}

/**
 * Slugs for a set of labels such that two different labels never share one: every label whose
 * plain slug collides gets its hash appended, independent of the order labels arrive in.
 */
export function uniqueSlugs(labels: Iterable<string>, fallback = 'item'): Map<string, string> {
  const unique = [...new Set(labels)];
  const counts = new Map<string, number>();
  for (const label of unique) {
    const slug = slugify(label, fallback);
    counts.set(slug, (counts.get(slug) ?? 0) + 1);
  }
  const result = new Map<string, string>();
  for (const label of unique) {
    const slug = slugify(label, fallback);
    result.set(label, (counts.get(slug) ?? 0) > 1 ? `${slug}-${shortHash(label)}` : slug);
  }
  return result;
}

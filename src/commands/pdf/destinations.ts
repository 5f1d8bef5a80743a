/**
 * Reads back a PDF Chromium printed: the page (from 1) each named destination lands on. Chromium
 * names a destination after every element a link of the document points at (`#gpus/l4/chat`), in
 * the catalog's `/Dests` dictionary, so the contents learn where each section starts.
 */

/** The body of object `n` (between `n 0 obj` and `endobj`), or null. */
function objectBody(pdf: string, n: number): string | null {
  const start = new RegExp(`(?:^|[\\r\\n\\s])${n} 0 obj\\b`).exec(pdf);
  if (!start) return null;
  const from = start.index + start[0].length;
  const end = pdf.indexOf('endobj', from);
  return end === -1 ? null : pdf.slice(from, end);
}

/** A PDF name with its `#xx` escapes decoded (`gpus#2Fl4` → `gpus/l4`). */
function decodeName(name: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '#' && /^[0-9a-fA-F]{2}$/.test(name.slice(i + 1, i + 3))) {
      bytes.push(parseInt(name.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(name.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The leaf pages' object numbers in reading order, walking the page tree from `root`. */
function pageOrder(pdf: string, root: number, seen = new Set<number>()): number[] {
  if (seen.has(root)) return [];
  seen.add(root);
  const body = objectBody(pdf, root) ?? '';
  if (!/\/Type\s*\/Pages\b/.test(body)) return [root];
  const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body)?.[1] ?? '';
  return Array.from(kids.matchAll(/(\d+)\s+0\s+R/g)).flatMap((m) => pageOrder(pdf, Number(m[1]), seen));
}

/**
 * The page number of every named destination of `pdf` (bytes as Chromium writes them: plain
 * objects). Throws when the file has no page tree or no `/Dests`: the contents could not be numbered.
 */
export function destinationPages(pdf: Uint8Array): Map<string, number> {
  const text = Buffer.from(pdf).toString('latin1');
  const catalog = /\/Type\s*\/Catalog\b[^]*?(?=endobj)/.exec(text)?.[0];
  const pagesRoot = catalog && /\/Pages\s+(\d+)\s+0\s+R/.exec(catalog);
  const destsRef = catalog && /\/Dests\s+(\d+)\s+0\s+R/.exec(catalog);
  if (!pagesRoot || !destsRef) throw new Error('expects the printed PDF to name its destinations (a /Dests in its catalog) but found none');
  const order = new Map(pageOrder(text, Number(pagesRoot[1])).map((object, index) => [object, index + 1]));
  const dests = objectBody(text, Number(destsRef[1])) ?? '';
  const pages = new Map<string, number>();
  for (const m of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R/g)) {
    const page = order.get(Number(m[2]));
    if (page !== undefined) pages.set(decodeName(m[1]!), page);
  }
  return pages;
}

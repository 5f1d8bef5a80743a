/**
 * A rehype plugin for Markdown rendered into pages (the capacity report, the write-ups): every
 * table gets column headers with `scope="col"`, a box that scrolls sideways on narrow screens,
 * named after the heading above it so keyboard and screen-reader users know which table it is,
 * and a permalink: an anchor named after that heading (`table-<heading id>`, then `-2`, `-3` for
 * further tables under the same heading), never after the table's position on the page.
 */
import { permalinkNode, textOf, uniqueAnchors, type HastNode } from './permalinks.ts';

function markHeaders(node: HastNode): void {
  for (const child of node.children ?? []) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'th') child.properties = { ...child.properties, scope: 'col' };
    markHeaders(child);
  }
}

function collectIds(node: HastNode, into: Set<string>): void {
  const id = node.properties?.id;
  if (typeof id === 'string') into.add(id);
  for (const child of node.children ?? []) collectIds(child, into);
}

/** Wraps each table in a linkable block holding a focusable, labelled scroll box; scopes its headers. */
export function wrapTables(tree: HastNode): void {
  const found: { parent: HastNode; index: number; heading: string; headingId: string }[] = [];
  let heading = '';
  let headingId = '';
  const visit = (parent: HastNode) => {
    (parent.children ?? []).forEach((child, index) => {
      if (child.type !== 'element') return;
      if (/^h[1-6]$/.test(child.tagName ?? '')) {
        heading = textOf(child).trim();
        headingId = typeof child.properties?.id === 'string' ? child.properties.id : '';
      }
      if (child.tagName === 'table') {
        found.push({ parent, index, heading, headingId });
        return;
      }
      visit(child);
    });
  };
  visit(tree);
  const taken = new Set<string>();
  collectIds(tree, taken);
  const anchors = uniqueAnchors(found.map((f) => (f.headingId ? `table-${f.headingId}` : 'table')), taken);
  found.forEach(({ parent, index, heading: name }, n) => {
    const table = parent.children![index]!;
    markHeaders(table);
    const label = name ? `Table: ${name}` : `Table ${n + 1}`;
    const anchor = anchors[n]!;
    parent.children![index] = {
      type: 'element',
      tagName: 'div',
      properties: { className: ['table-block'], id: anchor },
      children: [
        permalinkNode(anchor, name ? `Link to this table: ${name}` : 'Link to this table'),
        { type: 'element', tagName: 'div', properties: { className: ['table-scroll'], role: 'region', tabIndex: 0, ariaLabel: label }, children: [table] },
      ],
    };
  });
}

/** The plugin: `rehypePlugins: [rehypeTables]`. */
export default function rehypeTables() {
  return (tree: HastNode) => wrapTables(tree);
}

/**
 * A rehype plugin for Markdown rendered into pages (the capacity report): every table gets
 * column headers with `scope="col"` and a box that scrolls sideways on narrow screens, named
 * after the heading above it so keyboard and screen-reader users know which table it is.
 */

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

function textOf(node: HastNode): string {
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

function markHeaders(node: HastNode): void {
  for (const child of node.children ?? []) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'th') child.properties = { ...child.properties, scope: 'col' };
    markHeaders(child);
  }
}

/** Wraps each table in a focusable, labelled scroll box and scopes its header cells. */
export function wrapTables(tree: HastNode): void {
  let heading = '';
  let count = 0;
  const visit = (parent: HastNode) => {
    const children = parent.children ?? [];
    children.forEach((child, index) => {
      if (child.type !== 'element') return;
      if (/^h[1-6]$/.test(child.tagName ?? '')) heading = textOf(child).trim();
      if (child.tagName === 'table') {
        count++;
        markHeaders(child);
        children[index] = {
          type: 'element',
          tagName: 'div',
          properties: { className: ['table-scroll'], role: 'region', tabIndex: 0, ariaLabel: heading ? `Table: ${heading}` : `Table ${count}` },
          children: [child],
        };
        return;
      }
      visit(child);
    });
  };
  visit(tree);
}

/** The plugin: `rehypePlugins: [rehypeTables]`. */
export default function rehypeTables() {
  return (tree: HastNode) => wrapTables(tree);
}

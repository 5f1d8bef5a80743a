/**
 * Permalinks: every heading, table and chart has an anchor named after what it is (its heading's
 * slug, the table's own id, the chart's id), never its position, and a visible "#" link beside it.
 * The Astro components use the helpers; Markdown and MDX get the same through the rehype plugin
 * at the bottom.
 */
import type { TableModel } from './tables/cells.ts';

/** Anchor of a site table, e.g. `table-sweet-spots`. */
export function tableAnchor(table: Pick<TableModel, 'id'>): string {
  return `table-${table.id}`;
}

/** Anchor of one cell of the overview matrix, e.g. `l4--chat` (slugs never hold `--`). */
export function matrixAnchor(gpuSlug: string, workloadSlug: string): string {
  return `${gpuSlug}--${workloadSlug}`;
}

/**
 * Makes anchors unique in document order: the first keeps its name, the next ones get `-2`, `-3`…
 * (skipping names already taken), so adding a table under one heading never renames another's.
 */
export function uniqueAnchors(names: readonly string[], taken: Iterable<string> = []): string[] {
  const used = new Set(taken);
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; used.has(candidate); n++) candidate = `${name}-${n}`;
    used.add(candidate);
    return candidate;
  });
}

/** A hast node, as much of it as these plugins touch. */
export interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/** The text of a hast subtree. */
export function textOf(node: HastNode): string {
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

/** The permalink control: an empty link (its "#" is drawn by CSS) with an accessible name. */
export function permalinkNode(id: string, label: string): HastNode {
  return { type: 'element', tagName: 'a', properties: { className: ['permalink'], href: `#${id}`, ariaLabel: label }, children: [] };
}

const HEADING = /^h[2-6]$/;

/**
 * Gives every `h2`–`h6` that has an id (rehype-slug runs first) a permalink: the heading and a
 * "#" link are wrapped in `div.heading`, the link outside the heading so its name stays its text.
 */
export function addHeadingPermalinks(tree: HastNode): void {
  const visit = (parent: HastNode) => {
    const children = parent.children ?? [];
    children.forEach((child, index) => {
      if (child.type !== 'element') return;
      const id = child.properties?.id;
      if (HEADING.test(child.tagName ?? '') && typeof id === 'string' && id !== '') {
        const text = textOf(child).trim();
        children[index] = {
          type: 'element',
          tagName: 'div',
          properties: { className: ['heading', `heading-${child.tagName!.slice(1)}`] },
          children: [child, permalinkNode(id, `Link to this section: ${text}`)],
        };
        return;
      }
      if (child.tagName !== 'div' || !(child.properties?.className as string[] | undefined)?.includes('heading')) visit(child);
    });
  };
  visit(tree);
}

/** The plugin: `rehypePlugins: [rehypeSlug, rehypeTables, rehypePermalinks]`. */
export default function rehypePermalinks() {
  return (tree: HastNode) => addHeadingPermalinks(tree);
}

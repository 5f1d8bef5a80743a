import { describe, expect, it } from 'vitest';
import { addHeadingPermalinks, matrixAnchor, tableAnchor, uniqueAnchors, type HastNode } from '../../../src/site/permalinks.ts';

const text = (value: string): HastNode => ({ type: 'text', value });
const el = (tagName: string, children: HastNode[] = [], properties: Record<string, unknown> = {}): HastNode => ({ type: 'element', tagName, properties, children });

describe('permalinks', () => {
  it('names anchors after what they are', () => {
    expect(tableAnchor({ id: 'sweet-spots' })).toBe('table-sweet-spots');
    expect(matrixAnchor('l4', 'chat')).toBe('l4--chat');
  });

  it('de-duplicates anchors in document order, around names already taken', () => {
    expect(uniqueAnchors(['a', 'b', 'a', 'a'])).toEqual(['a', 'b', 'a-2', 'a-3']);
    expect(uniqueAnchors(['a', 'a'], ['a', 'a-2'])).toEqual(['a-3', 'a-4']);
  });

  it('gives every heading with an id a "#" link beside it, outside the heading', () => {
    const h2 = el('h2', [text('Why '), el('code', [text('max_tokens')])], { id: 'why-max_tokens' });
    const tree = el('root', [el('h1', [text('Title')], { id: 'title' }), h2, el('h3', [text('No id')]), el('section', [el('h4', [text('Deep')], { id: 'deep' })])]);
    addHeadingPermalinks(tree);
    const [h1, wrapped, plain, section] = tree.children!;
    expect(h1!.tagName).toBe('h1');
    expect(wrapped).toEqual(el('div', [h2, { type: 'element', tagName: 'a', properties: { className: ['permalink'], href: '#why-max_tokens', ariaLabel: 'Link to this section: Why max_tokens' }, children: [] }], { className: ['heading', 'heading-2'] }));
    expect(plain!.tagName).toBe('h3');
    expect(section!.children![0]!.properties).toEqual({ className: ['heading', 'heading-4'] });
    // Running twice (a page rendered twice) does not wrap again.
    addHeadingPermalinks(tree);
    expect(tree.children![1]!.children![0]).toBe(h2);
  });
});

import { describe, expect, it } from 'vitest';
import { wrapTables } from '../../../src/site/rehype-tables.ts';

const text = (value: string) => ({ type: 'text', value });
const el = (tagName: string, children: unknown[] = [], properties: Record<string, unknown> = {}) => ({ type: 'element', tagName, properties, children });
type El = ReturnType<typeof el>;
const table = () => el('table', [el('thead', [el('tr', [el('th', [text('Concurrency')])])]), el('tbody', [el('tr', [el('td', [text('16')])])])]);

describe('rehype tables', () => {
  it('wraps a table in a linkable block with a labelled, focusable scroll box and scopes its headers', () => {
    const inner = table();
    const tree = { type: 'root', children: [el('h2', [text('L4 – Chat Workload')], { id: 'l4--chat-workload' }), inner] };
    wrapTables(tree as never);
    const block = tree.children[1] as El;
    expect(block.properties).toEqual({ className: ['table-block'], id: 'table-l4--chat-workload' });
    const [link, box] = block.children as El[];
    expect(link!.properties).toEqual({ className: ['permalink'], href: '#table-l4--chat-workload', ariaLabel: 'Link to this table: L4 – Chat Workload' });
    expect(box!.properties).toEqual({ className: ['table-scroll'], role: 'region', tabIndex: 0, ariaLabel: 'Table: L4 – Chat Workload' });
    expect(box!.children[0]).toBe(inner);
    const th = (inner.children[0] as El).children[0] as El;
    expect(((th.children[0] as El).properties)).toEqual({ scope: 'col' });
  });

  it('names table anchors after their heading, not their position, de-duplicated in order', () => {
    const tree = {
      type: 'root',
      children: [
        el('h2', [text('A')], { id: 'a' }), table(), table(),
        el('h2', [text('B')], { id: 'b' }), table(),
        el('p', [], { id: 'table-c' }), el('h2', [text('C')], { id: 'c' }), table(),
      ],
    };
    wrapTables(tree as never);
    const ids = tree.children.filter((c) => (c as El).properties.className).map((c) => (c as El).properties.id);
    expect(ids).toEqual(['table-a', 'table-a-2', 'table-b', 'table-c-2']);
    // A table added under "A" does not rename the table under "B".
    const more = { type: 'root', children: [el('h2', [text('A')], { id: 'a' }), table(), table(), table(), el('h2', [text('B')], { id: 'b' }), table()] };
    wrapTables(more as never);
    expect((more.children[5] as El).properties.id).toBe('table-b');
  });
});

import { describe, expect, it } from 'vitest';
import { wrapTables } from '../../../src/site/rehype-tables.ts';

const text = (value: string) => ({ type: 'text', value });
const el = (tagName: string, children: unknown[] = []) => ({ type: 'element', tagName, properties: {}, children });

describe('rehype tables', () => {
  it('wraps a table in a labelled, focusable scroll box and scopes its headers', () => {
    const table = el('table', [el('thead', [el('tr', [el('th', [text('Concurrency')])])]), el('tbody', [el('tr', [el('td', [text('16')])])])]);
    const tree = { type: 'root', children: [el('h2', [text('L4 – Chat Workload')]), table] };
    wrapTables(tree as never);
    const box = tree.children[1] as ReturnType<typeof el>;
    expect(box.tagName).toBe('div');
    expect(box.properties).toEqual({ className: ['table-scroll'], role: 'region', tabIndex: 0, ariaLabel: 'Table: L4 – Chat Workload' });
    expect(box.children[0]).toBe(table);
    const th = (table.children[0] as ReturnType<typeof el>).children[0] as ReturnType<typeof el>;
    expect((th.children[0] as ReturnType<typeof el>).properties).toEqual({ scope: 'col' });
  });
});

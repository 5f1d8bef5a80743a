/**
 * The HTML of a table's body and cells: labels from data escaped, tones and links, where a long
 * value may wrap, and attributes without a value left out (the bytes the pages had when each cell
 * was an Astro component: the builds of data/ and of a 100-group site are unchanged).
 */
import { describe, expect, it } from 'vitest';
import { absent, figure, notApplicable, text, type TableModel } from '../../../src/site/tables/cells.ts';
import { cellHtml, htmlText, tableBodyHtml } from '../../../src/site/tables/html.ts';
import { formatTokS } from '../../../src/core/format.ts';

describe('cell HTML', () => {
  it('escapes text from data as Astro does, and attribute values too', () => {
    expect(htmlText(`<script>"x" & 'y'</script>`)).toBe('&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;');
    expect(cellHtml(text('<b>"H100" & co</b>'))).toBe('&lt;b&gt;&quot;H100&quot; &amp; co&lt;/b&gt;');
    // In an attribute only & and " are escaped, as Astro writes them.
    expect(cellHtml(text('x', { title: 'a<b "c" & d' }))).toBe('<span title="a<b &quot;c&quot; &amp; d">x</span>');
  });

  it('links a cell through the base path unless it is an anchor, in its tone', () => {
    expect(cellHtml(figure(579.74, formatTokS, { link: '#run-c16-t64' }))).toBe('<a href="#run-c16-t64">579.7</a>');
    expect(cellHtml(text('L4', { link: '/gpus/l4/chat/', tone: 'good' }))).toBe('<a href="/gpus/l4/chat/" class="tone-good">L4</a>');
    expect(cellHtml(notApplicable())).toBe('<span class="tone-muted">not applicable</span>');
    expect(cellHtml(absent(false, 'not part of the sweep'))).toBe('<span class="tone-muted" title="not part of the sweep">–</span>');
    expect(cellHtml({ kind: 'missing', text: 'not measured', value: null, numeric: true, gap: 'k' })).toBe('<span class="gap">not measured</span>');
  });

  it('lets a long value wrap at its separators only when asked, and sets each figure of a line whole', () => {
    expect(cellHtml(text('runs/sweep.csv:10'), true)).toBe('runs/<wbr>sweep.csv:10');
    expect(cellHtml(text('runs/sweep.csv:10'))).toBe('runs/sweep.csv:10');
    expect(cellHtml({ ...text('met'), lines: ['620.4 tok/s at 16', 'p95 4570 ms'] })).toBe(
      'met<span class="cell-line"> <span class="figure">620.4 tok/s</span> at 16</span><span class="cell-line"> p95 <span class="figure">4570 ms</span></span>',
    );
  });
});

describe('table body HTML', () => {
  const table: TableModel = {
    id: 'runs', caption: 'Runs', csv: '/runs.csv', empty: 'No runs.',
    columns: [{ key: 'load', label: 'Load', numeric: true }, { key: 'file', label: 'File', numeric: false }, { key: 'status', label: 'Status', numeric: false, wrap: true }],
    rows: [
      { id: 'run-c16', highlight: true, cells: [figure(16, String), text('a/b.csv:3'), { ...text('met'), state: 'met', anchor: 'l4--chat' }] },
      { cells: [text('∞'), text('c.csv:9'), text('ok')] },
    ],
  };

  it('writes each row\'s header cell first, classes from its column and state, and no empty attribute', () => {
    expect(tableBodyHtml(table)).toBe(
      '<tbody> <tr id="run-c16" class="highlight"> <th scope="row" class="num">16</th><td class="mono">a/<wbr>b.csv:3</td><td id="l4--chat" class="wrap state-met">met</td> </tr>'
      + '<tr> <th scope="row">∞</th><td class="mono">c.csv:9</td><td class="wrap">ok</td> </tr> </tbody>',
    );
  });
});

/**
 * A table's body and a cell's content as HTML text, which DataTable and Facts insert as they are:
 * the markup one Astro component per cell wrote, byte for byte (Astro's escaping, its way of writing
 * a class list and of leaving out an attribute without a value). Built as strings because the runs
 * table of a GPU × workload page is over a thousand cells, and rendering a component for each cost
 * the build more than the rest of the page.
 */
import { href } from '../url.ts';
import { breakPieces, figurePieces } from './breaks.ts';
import type { Cell, TableModel } from './cells.ts';

// Astro's escapeHTML for text: & < > ' ".
const TEXT = /[&<>'"]/g;
const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&quot;' };

/** Text as Astro writes an expression's string: & < > ' and " escaped. */
export function htmlText(text: string): string {
  return text.replace(TEXT, (c) => ENTITY[c]!);
}

// Astro's attribute values escape & and " only; no value leaves the attribute out, "" writes its name alone.
function attribute(name: string, value: string | undefined): string {
  if (value === undefined) return '';
  if (value === '') return ` ${name}`;
  return ` ${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
}

// `class:list` of an object: the names whose value is true, in order; none leaves the attribute out.
function classList(classes: Readonly<Record<string, boolean | undefined>>): string {
  const names = Object.keys(classes).filter((name) => classes[name]).join(' ');
  return names === '' ? '' : attribute('class', names);
}

/** A cell's content: a gap, "not applicable", a link, or text in its tone, with the lines under it. `breakable`: a long value (a path, a checksum) may wrap at its separators, never inside a number. */
export function cellHtml(cell: Cell, breakable = false): string {
  const pieces = breakable ? breakPieces(cell.text) : [cell.text];
  // A cell's text is exactly its content: <wbr>, where a long value may wrap, adds no text.
  const text = pieces.map((piece, i) => (i === 0 ? htmlText(piece) : `<wbr>${htmlText(piece)}`)).join('');
  const link = cell.link === undefined ? undefined : cell.link.startsWith('#') ? cell.link : href(cell.link);
  const tone = cell.kind === 'missing' ? 'gap' : cell.kind === 'na' || cell.kind === 'absent' ? 'tone-muted' : cell.tone ? `tone-${cell.tone}` : undefined;
  let html = link
    ? `<a${attribute('href', link)}${attribute('class', tone)}${attribute('title', cell.title)}>${text}</a>`
    : tone || cell.title ? `<span${attribute('class', tone)}${attribute('title', cell.title)}>${text}</span>` : text;
  for (const line of cell.lines ?? []) {
    html += `<span class="cell-line"> ${figurePieces(line).map((piece) => (piece.figure ? `<span class="figure">${htmlText(piece.text)}</span>` : htmlText(piece.text))).join('')}</span>`;
  }
  return html;
}

// Columns whose values are paths and checksums: set in a monospace face, and they may wrap.
const MONO_COLUMNS = new Set(['sha256', 'source', 'file', 'location']);

/** The `<tbody>` of a table with rows: each row's header cell first, classes from its column and state. */
export function tableBodyHtml(table: TableModel): string {
  const rows = table.rows.map((row) => {
    const cells = row.cells.map((cell, index) => {
      const column = table.columns[index]!;
      const classes = classList({ num: column.numeric && cell.kind !== 'text', mono: MONO_COLUMNS.has(column.key), wrap: column.wrap, [`state-${cell.state}`]: Boolean(cell.state) });
      const content = cellHtml(cell, MONO_COLUMNS.has(column.key) || column.key === 'setup');
      return index === 0 ? `<th scope="row"${attribute('id', cell.anchor)}${classes}>${content}</th>` : `<td${attribute('id', cell.anchor)}${classes}>${content}</td>`;
    });
    return `<tr${attribute('id', row.id)}${classList({ highlight: row.highlight })}> ${cells.join('')} </tr>`;
  });
  return `<tbody> ${rows.join('')} </tbody>`;
}

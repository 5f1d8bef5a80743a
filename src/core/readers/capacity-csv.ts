import Papa from 'papaparse';
import { resolveColumn, type ColumnMapping } from '../columns.ts';
import type { Position } from '../record.ts';
import type { Measurement } from '../types.ts';
import { fieldColumn, reportCsvError } from './csv-rows.ts';
import { buildRun, Draft, type Reader, type ReaderContext } from './reader.ts';

/** Maps a header row to fields and settings; reports duplicates and a missing throughput column. */
function readHeader(header: string[], context: ReaderContext, text: string, start: number): (ColumnMapping | null)[] | null {
  const layout: (ColumnMapping | null)[] = [];
  const seen = new Map<string, string>();
  let ok = true;
  header.forEach((cell, index) => {
    const mapping = resolveColumn(cell);
    if (mapping) {
      const name = mapping.kind === 'field' ? mapping.field : mapping.key;
      const earlier = seen.get(name);
      if (earlier !== undefined) {
        context.issues.add(1, fieldColumn(text, start, index), `duplicate column: "${cell.trim()}" is read as ${name}, which column "${earlier}" already gives`);
        ok = false;
      }
      seen.set(name, cell.trim());
    }
    layout.push(mapping);
  });
  if (!seen.has('throughput_tok_s')) {
    context.issues.add(1, 1,
      `expects a throughput column (throughput_tok_s or output_throughput) but the header has: ${header.map((h) => JSON.stringify(h.trim())).join(', ')}`
      + ' (if this file is not a benchmark result, skip it with "ignore": [' + JSON.stringify(context.file) + '] in capacity.config.json)');
    ok = false;
  }
  return ok ? layout : null;
}

/** Offset of the first character of the first line at or after `from` that holds data (greedy: blanks and commas are no data). */
function skipBlankLines(text: string, from: number): { start: number; lines: number } {
  let start = from;
  let lines = 0;
  for (;;) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (!/^[\s,]*$/.test(text.slice(start, end)) || end >= text.length) return { start, lines };
    start = end + 1;
    lines++;
  }
}

const LABEL_HINT = 'add a gpu (or workload) column, name the file <name>_<workload>_capacity_<gpu>.csv, or label it in capacity.config.json with "files": { "<this file>": { "gpu": "…", "workload": "…" } }';

/** Reads a sweep CSV in the capacity format (the seed's and any harness with the same columns). */
export function readCapacityCsv(text: string, context: ReaderContext): Measurement[] {
  const measurements: Measurement[] = [];
  let layout: (ColumnMapping | null)[] | null = null;
  let width = 0;
  // A UTF-8 BOM is normal input; papaparse's cursor then counts from after it.
  const offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let position = offset;
  let line = 1;
  let aborted = false;
  let rows = 0;
  const labelHint = LABEL_HINT.replace('<this file>', context.file);

  Papa.parse<string[]>(offset ? text.slice(1) : text, {
    // Greedy: rows of only blanks or commas are no data (mixed line ends leave a lone "\r" row).
    skipEmptyLines: 'greedy',
    step(result, parser) {
      if (aborted) return;
      // The row starts at the first line holding data after the previous row; count lines up to it.
      const skipped = skipBlankLines(text, position);
      const start = skipped.start;
      const rowLine = line + skipped.lines;
      const end = Math.min(text.length, result.meta.cursor + offset);
      for (let i = text.indexOf('\n', position); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++;
      position = end;
      if (result.errors.length > 0) {
        reportCsvError(context.issues, result.errors[0]!, text, rowLine, start, result.data.length);
        aborted = true;
        parser.abort();
        return;
      }
      const row = result.data;
      if (layout === null) {
        width = row.length;
        layout = readHeader(row, context, text, start);
        if (layout === null) {
          aborted = true;
          parser.abort();
        }
        return;
      }
      if (row.length !== width) {
        context.issues.add(rowLine, fieldColumn(text, start, Math.min(row.length, width)), `expects ${width} fields as in the header but found ${row.length}`);
        return;
      }
      const draft = new Draft();
      const at = (index: number) => (): Position => ({ line: rowLine, column: fieldColumn(text, start, index) });
      layout.forEach((mapping, index) => {
        if (mapping) draft.column(mapping, row[index], at(index), mapping.kind === 'field' ? mapping.field : mapping.key);
      });
      const measurement = buildRun(draft, context, { tool: 'csv', where: () => ({ line: rowLine, column: 1 }), labelHint });
      if (measurement) {
        rows++;
        measurements.push(measurement);
      }
    },
  });
  if (!aborted && layout === null) {
    context.issues.add(1, 1, 'expects a header line and at least one row but the file is empty');
  } else if (!aborted && rows === 0 && context.issues.count === 0) {
    context.issues.add(1, 1, 'expects at least one row after the header but found none');
  }
  return measurements;
}

/** The generic capacity CSV reader; it takes any `.csv` the more specific readers did not claim. */
export const capacityCsvReader: Reader = {
  name: 'csv',
  detect: ({ file }) => file.toLowerCase().endsWith('.csv'),
  read: readCapacityCsv,
};

import { Buffer } from 'node:buffer';
import Papa from 'papaparse';
import { resolveColumn, type ColumnMapping } from '../columns.ts';
import { buildMeasurement, emptyRow, readRow, rowToMeasurement } from '../record.ts';
import type { Measurement } from '../types.ts';
import type { Reader, ReaderContext } from './reader.ts';

/** 1-based character column where field `index` of the row starting at `start` begins. */
export function fieldColumn(text: string, start: number, index: number): number {
  let position = start;
  let field = 0;
  let quoted = false;
  while (field < index && position < text.length) {
    const char = text[position];
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) field++;
    else if ((char === '\n' || char === '\r') && !quoted) break;
    position++;
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return position - lineStart + 1;
}

function countNewlines(field: string): number {
  let count = 0;
  for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) count++;
  return count;
}

/** Offset where the row ending at `end` begins, stepping back over its own line breaks. */
function rowStart(text: string, end: number, terminated: boolean, embedded: number): number {
  let p = terminated ? end - 1 : end;
  for (let i = 0; i <= embedded; i++) {
    p = text.lastIndexOf('\n', p - 1);
    if (p === -1) return 0;
  }
  return p + 1;
}

/** Maps a header row to canonical fields; reports duplicates and a missing throughput column. */
function readHeader(header: string[], context: ReaderContext, text: () => string, start: number): (ColumnMapping | null)[] | null {
  const layout: (ColumnMapping | null)[] = [];
  const seen = new Map<string, string>();
  let ok = true;
  header.forEach((cell, index) => {
    const mapping = resolveColumn(cell);
    if (mapping) {
      const earlier = seen.get(mapping.field);
      if (earlier !== undefined) {
        context.issues.add(1, fieldColumn(text(), start, index),
          `duplicate column: "${cell.trim()}" is read as ${mapping.field}, which column "${earlier}" already gives`);
        ok = false;
      }
      seen.set(mapping.field, cell.trim());
    }
    layout.push(mapping);
  });
  if (!seen.has('throughput_tok_s')) {
    context.issues.add(1, 1,
      `expects a throughput column (throughput_tok_s or output_throughput) but the header has: ${header.map((h) => JSON.stringify(h.trim())).join(', ')}`);
    ok = false;
  }
  return ok ? layout : null;
}

// papaparse guesses line ends from the first megabyte and the delimiter from the first ten rows.
const LINE_END_SAMPLE = 1024 * 1024;
const DELIMITER_SAMPLE_ROWS = 10;

/**
 * True when papaparse would read the text of these ASCII bytes as plain lines split at commas:
 * no quote character anywhere (so no field can hold a delimiter or a line break), "\n" as the
 * line end it would guess (no "\r" in the first megabyte) and "," as the delimiter it would
 * guess from the first rows (the guess is left to papaparse itself, on those rows only).
 */
function isPlainCommaCsv(bytes: Buffer): boolean {
  if (bytes.indexOf(0x22) !== -1) return false;
  const cr = bytes.indexOf(0x0d);
  if (cr !== -1 && cr < LINE_END_SAMPLE) return false;
  let end = -1;
  for (let i = 0; i < DELIMITER_SAMPLE_ROWS; i++) {
    end = bytes.indexOf(0x0a, end + 1);
    if (end === -1) break;
  }
  const head = bytes.toString('latin1', 0, end === -1 ? bytes.length : end);
  const guess = Papa.parse<string[]>(head, { newline: '\n', skipEmptyLines: 'greedy', preview: 1 });
  return guess.meta.delimiter === ',' && !guess.errors.some((error) => error.code === 'UndetectableDelimiter');
}

/** True for a line papaparse's greedy skipEmptyLines drops: nothing but blanks and commas. */
function isBlankLine(bytes: Buffer, start: number, end: number): boolean {
  if (start === end) return true;
  const first = bytes[start]!;
  // Most lines start with a visible character; only the others need the exact test.
  if (first > 32 && first < 127 && first !== 44) return false;
  return bytes.toString('latin1', start, end).split(',').join('').trim() === '';
}

/**
 * readCapacityCsv for the bytes of a plain comma CSV that are all ASCII (see isPlainCommaCsv),
 * with the same results papaparse gives for their text, but without making that text or cutting
 * every line and cell into strings: each line is scanned once for its commas and only the cells
 * the layout reads are looked at. `text` gives the text, for messages.
 */
function readPlainCsv(bytes: Buffer, context: ReaderContext, text: () => string): Measurement[] {
  const measurements: Measurement[] = [];
  const sink = context.sink;
  let rows = 0;
  // One row object is filled again for every line (the sink copies what it keeps).
  const row = emptyRow();
  let layout: (ColumnMapping | null)[] | null = null;
  let width = 0;
  let starts = new Int32Array(64);
  let ends = new Int32Array(64);
  const record = { file: context.file, line: 0, tool: 'csv', defaults: context.defaults };
  const problemAt = { line: 0, start: 0 };
  const report = (index: number, message: string) =>
    context.issues.add(problemAt.line, index < 0 ? 1 : fieldColumn(text(), problemAt.start, index), message);
  const length = bytes.length;
  let line = 1;
  for (let lineStart = 0; lineStart <= length; line++) {
    // One pass over the line: where each cell starts and ends, and where the line ends.
    let count = 0;
    let i = lineStart;
    starts[0] = lineStart;
    for (; i < length; i++) {
      const char = bytes[i]!;
      if (char === 44) {
        ends[count] = i;
        count++;
        if (count === starts.length) {
          const grownStarts = new Int32Array(count * 2);
          grownStarts.set(starts);
          starts = grownStarts;
          const grownEnds = new Int32Array(count * 2);
          grownEnds.set(ends);
          ends = grownEnds;
        }
        starts[count] = i + 1;
      } else if (char === 10) {
        break;
      }
    }
    ends[count] = i;
    count++;
    const start = lineStart;
    lineStart = i + 1;
    if (isBlankLine(bytes, start, i)) continue;
    if (layout === null) {
      width = count;
      layout = readHeader(bytes.toString('latin1', start, i).split(','), context, text, start);
      if (layout === null) return measurements;
      continue;
    }
    if (count !== width) {
      context.issues.add(line, fieldColumn(text(), start, Math.min(count, width)),
        `expects ${width} fields as in the header but found ${count}`);
      continue;
    }
    record.line = line;
    problemAt.line = line;
    problemAt.start = start;
    if (readRow(bytes, starts, ends, layout, record, report, row)) {
      rows++;
      if (sink) sink.addRow(row);
      else measurements.push(rowToMeasurement(row, 'csv'));
    }
  }
  if (layout === null) {
    context.issues.add(1, 1, 'expects a header line and at least one row but the file is empty');
  } else if (rows === 0 && context.issues.count === 0) {
    context.issues.add(1, 1, 'expects at least one row after the header but found none');
  }
  return measurements;
}

const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * readCapacityCsv for a file whose bytes are all ASCII, so that each byte is one character of
 * its text: a plain comma CSV is read from the bytes, without making the text unless a message
 * needs it.
 */
export function readCapacityCsvAscii(bytes: Uint8Array, context: ReaderContext): Measurement[] {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string | null = null;
  const textOf = () => (text ??= buffer.toString('latin1'));
  return isPlainCommaCsv(buffer) ? readPlainCsv(buffer, context, textOf) : readCapacityCsvWithPapaparse(textOf(), context);
}

/** Reads a sweep CSV in the capacity format (the seed's and any harness with the same columns). */
export function readCapacityCsv(text: string, context: ReaderContext): Measurement[] {
  if (!NOT_ASCII.test(text)) {
    const bytes = Buffer.from(text, 'latin1');
    if (isPlainCommaCsv(bytes)) return readPlainCsv(bytes, context, () => text);
  }
  return readCapacityCsvWithPapaparse(text, context);
}

/**
 * readCapacityCsv through papaparse, for any CSV (quoted fields, CRLF, another delimiter, any
 * text): the reference the plain-file path must agree with, row for row and message for message.
 */
export function readCapacityCsvWithPapaparse(text: string, context: ReaderContext): Measurement[] {
  const measurements: Measurement[] = [];
  const sink = context.sink;
  let rows = 0;
  let layout: (ColumnMapping | null)[] | null = null;
  let width = 0;
  // A UTF-8 BOM is normal input; papaparse's cursor then counts from after it.
  const offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let position = offset;
  let line = 1;
  let aborted = false;
  const record = { file: context.file, line: 0, tool: 'csv', defaults: context.defaults };
  const problemAt = { line: 0, start: 0 };
  const report = (index: number, message: string) =>
    context.issues.add(problemAt.line, index < 0 ? 1 : fieldColumn(text, problemAt.start, index), message);

  Papa.parse<string[]>(offset ? text.slice(1) : text, {
    // Greedy: rows of only blanks or commas are no data (mixed line ends leave a lone "\r" row).
    skipEmptyLines: 'greedy',
    step(result, parser) {
      if (aborted) return;
      const end = result.meta.cursor + offset;
      let newlines = 0;
      for (let i = text.indexOf('\n', position); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) newlines++;
      position = end;
      line += newlines;
      // The row ends at `end`; skipped blank rows before it only moved `line` on. Count back
      // over its own line break and any line breaks inside quoted fields to find where it starts.
      const terminated = text[end - 1] === '\n';
      const embedded = newlines > 1 ? result.data.reduce((n, field) => n + countNewlines(field), 0) : 0;
      const rowLine = line - (terminated ? 1 : 0) - embedded;
      const start = rowStart(text, end, terminated, embedded);

      if (result.errors.length > 0) {
        const error = result.errors[0]!;
        const column = error.code === 'MissingQuotes' ? fieldColumn(text, start, result.data.length - 1) : 1;
        context.issues.add(rowLine, column,
          error.code === 'MissingQuotes'
            ? 'expects a closing quote (") for the field that starts here but found the end of the file'
            : `expects well-formed CSV but found: ${error.message}`);
        aborted = true;
        parser.abort();
        return;
      }
      const row = result.data;
      if (layout === null) {
        width = row.length;
        layout = readHeader(row, context, () => text, start);
        if (layout === null) {
          aborted = true;
          parser.abort();
        }
        return;
      }
      if (row.length !== width) {
        const column = fieldColumn(text, start, Math.min(row.length, width));
        context.issues.add(rowLine, column,
          `expects ${width} fields as in the header but found ${row.length}`);
        return;
      }
      // One record context and one reporter serve every row (a million rows, no per-row closures).
      record.line = rowLine;
      problemAt.line = rowLine;
      problemAt.start = start;
      const measurement = buildMeasurement(row, layout, record, report);
      if (measurement) {
        rows++;
        if (sink) sink.add(measurement);
        else measurements.push(measurement);
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
  detect: (file) => file.toLowerCase().endsWith('.csv'),
  read: readCapacityCsv,
  readAscii: readCapacityCsvAscii,
};

import Papa from 'papaparse';
import type { IssueList } from '../issues.ts';

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

/** One CSV row with where it starts, so each cell can be pointed at. */
export interface CsvRow {
  cells: string[];
  /** 1-based line of the row's first character. */
  line: number;
  /** Offset of the row's first character in the text. */
  start: number;
}

/**
 * Splits CSV text into rows (papaparse: quotes, CRLF, a BOM), keeping blank lines as empty
 * rows because some tools separate blocks with them. Cells are trimmed. A CSV syntax error is
 * reported at its line and column; returns null then.
 */
export function csvRows(text: string, issues: IssueList): CsvRow[] | null {
  const offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const rows: CsvRow[] = [];
  let position = offset;
  let line = 1;
  let failed = false;
  Papa.parse<string[]>(offset ? text.slice(1) : text, {
    delimiter: ',',
    skipEmptyLines: false,
    step(result, parser) {
      const start = position;
      const end = Math.min(text.length, result.meta.cursor + offset);
      const rowLine = line;
      // The cursor lands after the row's own line break, so counting breaks up to it moves to the next row's line.
      for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++;
      position = end;
      const errors = result.errors.filter((error) => error.code !== 'UndetectableDelimiter');
      if (errors.length > 0) {
        reportCsvError(issues, errors[0]!, text, rowLine, start, result.data.length);
        failed = true;
        parser.abort();
        return;
      }
      rows.push({ cells: result.data.map((cell) => cell.trim()), line: rowLine, start });
    },
  });
  if (failed) return null;
  // A final line break yields no row; a trailing empty row from papaparse is dropped.
  while (rows.length && rows[rows.length - 1]!.cells.every((cell) => cell === '') && rows[rows.length - 1]!.start >= text.length) rows.pop();
  return rows;
}

/**
 * Reports a CSV syntax error of the row that starts at `start` (line `line`, `cells` fields read):
 * an unclosed quote at the field it opens, anything else at the row.
 */
export function reportCsvError(issues: IssueList, error: Papa.ParseError, text: string, line: number, start: number, cells: number): void {
  if (error.code === 'MissingQuotes') {
    issues.add(line, fieldColumn(text, start, cells - 1), 'expects a closing quote (") for the field that starts here but found the end of the file');
  } else {
    issues.add(line, 1, `expects well-formed CSV but found: ${error.message}`);
  }
}

/** True for a row that holds nothing (a blank line). */
export function isBlank(row: CsvRow): boolean {
  return row.cells.every((cell) => cell === '');
}

/** Column (1-based) of cell `index` of a row, for messages. */
export function cellColumn(text: string, row: CsvRow, index: number): number {
  return fieldColumn(text, row.start, index);
}

/** The first line of a text (a CSV header), trimmed of a BOM and line ends, lower-cased. */
export function headerLine(head: string): string {
  const text = head.replace(/^\uFEFF/, '');
  const end = text.search(/\r?\n/);
  return (end === -1 ? text : text.slice(0, end)).trim().toLowerCase();
}

/**
 * CSV serialisation for table downloads (RFC 4180: comma-separated, CRLF line ends, quoted when
 * needed). Label cells are guarded against spreadsheet formula injection.
 */

/** One CSV value: text (a label), a number, or null for a missing value (an empty cell). */
export type CsvValue = string | number | null;

// Spreadsheets evaluate a cell that starts with one of these as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a label that a spreadsheet would run as a formula by prefixing a `'`. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Quotes a field when it holds a quote, comma or line break (or edge spaces), doubling quotes. */
export function quoteField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Serialises one value: numbers as plain decimals, labels guarded and quoted, null as empty. */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return String(value);
  }
  return quoteField(guardFormula(value));
}

/** A whole CSV document: a header row, then one line per row, each ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header.map(csvField), ...rows.map((row) => row.map(csvField))];
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}

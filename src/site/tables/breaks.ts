/**
 * Where a long value of a table (a file path with its line, a checksum, a setup's model id) may
 * wrap: after a path's separators, and a long hexadecimal run in groups of eight characters; never
 * inside a number or a word, so "sweep.csv:10" and "1,805 B" stay whole.
 */

// After a separator: "/", "_", "="; a "-" inside a word ("llama-", "4-BENCH") but not a minus
// sign ("-149%") nor a range of numbers ("1-2"); a ":" unless a line number follows ("csv:10, 12").
const AFTER_SEPARATOR = /(?<=[/_=])|(?<=[^\d\s]-)|(?<=\S-)(?=\D)|(?<=:)(?!\d+(?:[, ]|$))/;
const LONG_HEX = /^[0-9a-f]{24,}$/i;

/** The pieces of `text` between which a line may break; joined they are `text` again. */
export function breakPieces(text: string): string[] {
  return text
    .split(AFTER_SEPARATOR)
    .flatMap((piece) => (LONG_HEX.test(piece) ? (piece.match(/.{1,8}/g) ?? [piece]) : [piece]))
    .filter((piece) => piece !== '');
}

// A figure and its unit: "4570 ms", "1354.4 tok/s", "1,805 B"; a setting: "2 × 128".
const FIGURE_UNIT = /-?\d[\d,.]* (?:ms|s|tok\/s|req\/s|B|KiB|MiB|GiB|TiB|tokens|× \d[\d,.]*)(?![\w/])/g;

/** `text` cut around each figure with its unit (`figure: true`), which is shown on one line. */
export function figurePieces(text: string): { text: string; figure: boolean }[] {
  const pieces: { text: string; figure: boolean }[] = [];
  let at = 0;
  for (const match of text.matchAll(FIGURE_UNIT)) {
    if (match.index > at) pieces.push({ text: text.slice(at, match.index), figure: false });
    pieces.push({ text: match[0], figure: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), figure: false });
  return pieces;
}

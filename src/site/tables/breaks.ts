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

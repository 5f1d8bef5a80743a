/**
 * How wide a label will be, estimated: no font metrics exist at build time, and legends, tick
 * thinning and label placement all need to know what fits.
 */

// Advance widths at 12px, erring wide (DejaVu Sans, the usual Linux system-ui, is among the widest)
// so that a label never runs into the next swatch. No font metrics exist at build time.
function charWidth(char: string): number {
  if (/[ .,:;'!|()[\]ijlI-]/.test(char)) return 4.2;
  if (/[MWmw@%]/.test(char)) return 10.6;
  if (/[A-Z]/.test(char)) return 9.2;
  if (/[0-9]/.test(char)) return 7.7;
  return 7.2;
}

// The same widths for ASCII, looked up by code: labels are measured for every tick, legend entry,
// placed label and hover line, and five pattern tests per character added up.
const ASCII_WIDTHS = Float64Array.from({ length: 128 }, (_, code) => charWidth(String.fromCharCode(code)));

/** Estimated width in px of a label at the chart's type size. */
export function textWidth(label: string): number {
  return extendWidth(0, label);
}

/**
 * `width` plus the width of `label`, added character by character: `extendWidth(textWidth(a), b)`
 * is exactly `textWidth(a + b)`, so text can be measured as it grows without measuring it again.
 */
export function extendWidth(width: number, label: string): number {
  for (let i = 0; i < label.length; i++) {
    const code = label.charCodeAt(i);
    if (code < 128) width += ASCII_WIDTHS[code]!;
    else {
      // A character outside ASCII, read whole (a surrogate pair is one character, as for...of reads it).
      const char = String.fromCodePoint(label.codePointAt(i)!);
      width += charWidth(char);
      i += char.length - 1;
    }
  }
  return width;
}

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

/** Estimated width in px of a label at the chart's type size. */
export function textWidth(label: string): number {
  let width = 0;
  for (const char of label) width += charWidth(char);
  return width;
}

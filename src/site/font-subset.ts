/**
 * Fonts cut down to the characters one image uses, for the rasteriser. resvg reads a font file
 * afresh for every `<text>` it lays out, so a card of some thirty labels read the 750 kB DejaVu
 * Sans thirty times: most of the time it took to parse. The same faces cut by HarfBuzz to the
 * card's characters (with every layout feature, so kerning and ligatures stay) are a few kB and
 * give the same pixels.
 */

/** The HarfBuzz subsetter's exports this module calls (harfbuzzjs's `harfbuzz-subset.wasm`). */
export interface HarfBuzzSubset {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

/**
 * The code points an SVG document can draw: every character of its text, markup included (a
 * superset of its text nodes, and cheaper to find), and those its numeric character references
 * name. Null when it declares entities of its own, whose text only an XML parser can tell.
 */
export function svgCodePoints(svg: string): number[] | null {
  if (/<!ENTITY/i.test(svg)) return null;
  const points = new Set<number>();
  for (const char of svg) points.add(char.codePointAt(0)!);
  for (const match of svg.matchAll(/&#(?:x([0-9a-f]+)|(\d+));/gi)) {
    const point = match[1] !== undefined ? parseInt(match[1], 16) : Number(match[2]);
    if (point <= 0x10ffff) points.add(point);
  }
  return [...points].sort((a, b) => a - b);
}

/**
 * A TrueType font with only the glyphs of `codePoints` (and those its layout features reach from
 * them), or null when HarfBuzz cannot cut it. Self-contained, with no imports or outside names: the
 * rasterising worker runs this very function from its source text.
 */
export function subsetFont(hb: HarfBuzzSubset, font: Uint8Array, codePoints: readonly number[]): Uint8Array | null {
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) return null;
  const pointer = hb.malloc(font.byteLength);
  new Uint8Array(hb.memory.buffer).set(font, pointer);
  // HB_MEMORY_MODE_WRITABLE: HarfBuzz reads the copy in place.
  const blob = hb.hb_blob_create(pointer, font.byteLength, 2, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  // HB_SUBSET_SETS_LAYOUT_FEATURE_TAG, inverted from empty: every layout feature is kept.
  const features = hb.hb_subset_input_set(input, 6);
  hb.hb_set_clear(features);
  hb.hb_set_invert(features);
  // HB_SUBSET_FLAGS_NOTDEF_OUTLINE: a character no face has is drawn as the whole font draws it, a box.
  hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | 0x40);
  const unicodes = hb.hb_subset_input_unicode_set(input);
  for (const point of codePoints) hb.hb_set_add(unicodes, point);
  const subset = hb.hb_subset_or_fail(face, input);
  let bytes: Uint8Array | null = null;
  if (subset !== 0) {
    const out = hb.hb_face_reference_blob(subset);
    const data = hb.hb_blob_get_data(out, 0);
    const length = hb.hb_blob_get_length(out);
    // Copied out: the wasm memory is reused (and may move) on the next call.
    if (length > 0) bytes = new Uint8Array(hb.memory.buffer).slice(data, data + length);
    hb.hb_blob_destroy(out);
    hb.hb_face_destroy(subset);
  }
  hb.hb_face_destroy(face);
  hb.hb_subset_input_destroy(input);
  hb.free(pointer);
  return bytes;
}

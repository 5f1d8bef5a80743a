/**
 * The report's logo: a file named in the folder config (`logo`, relative to the data folder),
 * checked to be an image by its bytes, not its name, and published as `/logo.<ext>` beside the
 * pages. Pure: the loader reads the bytes, this decides what they are.
 */
import type { Checked } from './hosting.ts';

/** The logo as the site publishes it. */
export interface Logo {
  /** Site path of the copy in the output, e.g. `/logo.png`. */
  file: string;
  /** Media type, e.g. `image/png`. */
  type: string;
  /** The file's bytes, base64 (the content store holds JSON). */
  data: string;
}

/** Largest logo accepted: a header image, not a photo. */
export const MAX_LOGO_BYTES = 1024 * 1024;

const KINDS = [
  { ext: 'png', type: 'image/png', test: (b: Uint8Array) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { ext: 'jpg', type: 'image/jpeg', test: (b: Uint8Array) => starts(b, [0xff, 0xd8, 0xff]) },
  { ext: 'gif', type: 'image/gif', test: (b: Uint8Array) => ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a' },
  { ext: 'webp', type: 'image/webp', test: (b: Uint8Array) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
] as const;

function starts(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((value, index) => bytes[index] === value);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

// An SVG opened from our origin runs its scripts; a logo needs none of these.
const ACTIVE_SVG = /<script\b|<foreignObject\b|\son[a-z]+\s*=|javascript:|<iframe\b|<embed\b|<object\b/i;

/** What kind of image the bytes are (by their signature), or null when they are none we publish. */
export function imageKind(bytes: Uint8Array): { ext: string; type: string } | null {
  for (const kind of KINDS) if (kind.test(bytes)) return { ext: kind.ext, type: kind.type };
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return { ext: 'svg', type: 'image/svg+xml' };
  return null;
}

/**
 * Checks the logo file named in the folder config and returns it as the site publishes it.
 * `name` is the config's value, used in messages; `bytes` is null when the file does not exist.
 */
export function checkLogo(name: string, bytes: Uint8Array | null, configName = 'capacity.config.json'): Checked<Logo> {
  const where = `${configName} "logo"`;
  if (bytes === null) return { ok: false, message: `${where} expects an image file relative to the data folder but ${JSON.stringify(name)} does not exist` };
  if (bytes.length === 0) return { ok: false, message: `${where} expects an image file but ${JSON.stringify(name)} is empty` };
  if (bytes.length > MAX_LOGO_BYTES) {
    return { ok: false, message: `${where} expects an image of at most ${MAX_LOGO_BYTES / 1024} KiB but ${JSON.stringify(name)} has ${Math.ceil(bytes.length / 1024)} KiB: export it smaller` };
  }
  const kind = imageKind(bytes);
  if (!kind) return { ok: false, message: `${where} expects a PNG, JPEG, GIF, WebP or SVG image but ${JSON.stringify(name)} is none of these (judged by its content, not its name)` };
  if (kind.ext === 'svg' && ACTIVE_SVG.test(new TextDecoder().decode(bytes))) {
    return { ok: false, message: `${where} expects a plain SVG image but ${JSON.stringify(name)} holds scripts, event handlers or embedded documents: export it again without them` };
  }
  return { ok: true, value: { file: `/logo.${kind.ext}`, type: kind.type, data: Buffer.from(bytes).toString('base64') } };
}

import { describe, expect, it } from 'vitest';
import { checkLogo, imageKind, MAX_LOGO_BYTES } from '../../../src/site/logo.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('logo', () => {
  it('tells images by their bytes, not their name', () => {
    expect(imageKind(PNG)).toEqual({ ext: 'png', type: 'image/png' });
    expect(imageKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ ext: 'jpg', type: 'image/jpeg' });
    expect(imageKind(bytes('GIF89a....'))).toEqual({ ext: 'gif', type: 'image/gif' });
    expect(imageKind(bytes('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toEqual({ ext: 'webp', type: 'image/webp' });
    expect(imageKind(bytes('\uFEFF<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ ext: 'svg', type: 'image/svg+xml' });
    expect(imageKind(bytes('gpu,workload\nL4,chat\n'))).toBeNull();
    expect(imageKind(bytes('<html><svg/></html>'))).toBeNull();
  });

  it('publishes a checked logo as /logo.<ext>', () => {
    expect(checkLogo('brand/logo.bin', PNG)).toEqual({ ok: true, value: { file: '/logo.png', type: 'image/png', data: Buffer.from(PNG).toString('base64') } });
  });

  it('fails with the config\'s words on a missing, empty, oversized, non-image or active file', () => {
    const message = (name: string, data: Uint8Array | null) => {
      const result = checkLogo(name, data);
      return result.ok ? null : result.message;
    };
    expect(message('logo.png', null)).toBe('capacity.config.json "logo" expects an image file relative to the data folder but "logo.png" does not exist');
    expect(message('logo.png', new Uint8Array())).toContain('is empty');
    expect(message('big.png', new Uint8Array(MAX_LOGO_BYTES + 1).fill(0x89))).toContain('expects an image of at most 1024 KiB');
    expect(message('notes.txt', bytes('hello'))).toBe('capacity.config.json "logo" expects a PNG, JPEG, GIF, WebP or SVG image but "notes.txt" is none of these (judged by its content, not its name)');
    expect(message('x.svg', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toContain('holds scripts');
    expect(message('x.svg', bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toContain('holds scripts');
  });
});

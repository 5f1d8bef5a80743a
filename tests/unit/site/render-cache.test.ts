import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeFingerprint, DEFAULT_CACHE_DIR, pruneRenderCache, RenderCache, renderCacheDir, renderCacheSettings } from '../../../src/site/render-cache.ts';
import { inputsKey } from '../../../src/site/render-inputs.ts';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cf-render-cache-'));
  made.push(dir);
  return dir;
}
const entriesOf = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();

describe('the render cache', () => {
  it('keys an entry by the code fingerprint and every part, parts kept apart', () => {
    const cache = new RenderCache({ dir: folder(), fingerprint: 'code-a' });
    const key = cache.key('chart', 'abc');
    expect(cache.key('chart', 'abc')).toBe(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cache.key('chart', 'abd')).not.toBe(key);
    expect(cache.key('chartabc')).not.toBe(key);
    expect(cache.key('chart', 'ab', 'c')).not.toBe(cache.key('chart', 'a', 'bc'));
    expect(new RenderCache({ dir: folder(), fingerprint: 'code-b' }).key('chart', 'abc')).not.toBe(key);
  });

  it('gives back what was written, and nothing for a key never written', () => {
    const dir = folder();
    const cache = new RenderCache({ dir, fingerprint: 'f' });
    const key = cache.key('png', '<svg/>');
    expect(cache.read(key)).toBeNull();
    cache.write(key, Uint8Array.of(137, 80, 78, 71));
    cache.write(cache.key('text'), 'héllo');
    expect([...cache.read(key)!]).toEqual([137, 80, 78, 71]);
    expect(cache.read(cache.key('text'))!.toString('utf8')).toBe('héllo');
    // Only whole entries: no partial file is left beside them.
    expect(entriesOf(dir).every((name) => /^[0-9a-f]{64}$/.test(name))).toBe(true);
    // Another build of the same code finds them.
    expect(new RenderCache({ dir, fingerprint: 'f' }).read(key)).not.toBeNull();
  });

  it('gives back what an earlier build made, else makes it and keeps it; a null is given back and not kept', async () => {
    const dir = folder();
    const cache = new RenderCache({ dir, fingerprint: 'f' });
    let made = 0;
    const make = () => ((made += 1), 'drawn');
    expect(cache.text(() => cache.key('a'), make)).toBe('drawn');
    expect(new RenderCache({ dir, fingerprint: 'f' }).text(() => cache.key('a'), make)).toBe('drawn');
    expect(made).toBe(1);
    expect(cache.text(() => cache.key('none'), () => null)).toBeNull();
    expect(cache.read(cache.key('none'))).toBeNull();
    expect([...(await cache.bytes(() => cache.key('png'), async () => Uint8Array.of(1, 2, 3)))]).toEqual([1, 2, 3]);
    expect([...(await cache.bytes(() => cache.key('png'), async () => Uint8Array.of(9)))]).toEqual([1, 2, 3]);
    expect(new TextDecoder().decode(await cache.bytes(() => cache.key('json'), async () => '{"é":1}'))).toBe('{"é":1}');
    expect(cache.read(cache.key('json'))!.toString('utf8')).toBe('{"é":1}');
    // Off: made every time, and no key is even computed.
    const off = new RenderCache(null);
    const key = () => {
      throw new Error('no key is needed without a cache');
    };
    expect(off.text(key, make)).toBe('drawn');
    expect([...(await off.bytes(key, async () => Uint8Array.of(7)))]).toEqual([7]);
    expect(made).toBe(2);
  });

  it('turned off, reads nothing and writes nothing', () => {
    const cache = new RenderCache(null);
    expect(cache.enabled).toBe(false);
    cache.write(cache.key('x'), 'y');
    expect(cache.read(cache.key('x'))).toBeNull();
  });

  it('a folder it cannot write to is only a miss', () => {
    const file = path.join(folder(), 'not-a-folder');
    writeFileSync(file, '');
    const cache = new RenderCache({ dir: file, fingerprint: 'f' });
    expect(() => cache.write(cache.key('x'), 'y')).not.toThrow();
    expect(cache.read(cache.key('x'))).toBeNull();
  });

  it('is kept to its limit by removing the entries used longest ago', () => {
    const dir = folder();
    const cache = new RenderCache({ dir, fingerprint: 'f' });
    const keys = ['a', 'b', 'c', 'd'].map((k) => cache.key(k));
    keys.forEach((key, i) => {
      cache.write(key, 'x'.repeat(100));
      const when = new Date(Date.UTC(2026, 0, 1 + i));
      utimesSync(path.join(dir, key.slice(0, 2), key), when, when);
    });
    // Reading the oldest marks it used now: it outlives the two next oldest.
    expect(cache.read(keys[0]!)).not.toBeNull();
    expect(pruneRenderCache(dir, 250)).toBe(2);
    expect(entriesOf(dir)).toEqual([keys[0]!, keys[3]!].sort());
    expect(pruneRenderCache(dir, 250)).toBe(0);
    expect(pruneRenderCache(path.join(dir, 'missing'))).toBe(0);
  });

  it('lives below node_modules unless the environment names a folder or turns it off', () => {
    expect(renderCacheDir('/p', undefined)).toBe(path.join('/p', DEFAULT_CACHE_DIR));
    expect(renderCacheDir('/p', 'cache')).toBe(path.join('/p', 'cache'));
    expect(renderCacheDir('/p', '/abs/cache')).toBe('/abs/cache');
    expect(renderCacheDir('/p', 'off')).toBeNull();
    // What the build command hands the loader: the folder, or off; unset (no command) is off too.
    expect(renderCacheSettings('/p', 'off')).toBeNull();
    expect(renderCacheSettings('/p', undefined)).toBeNull();
  });
});

describe('the code fingerprint', () => {
  it('changes with any byte of the sources, the Astro config or the lock file, and with a file added', () => {
    const root = folder();
    mkdirSync(path.join(root, 'src', 'charts'), { recursive: true });
    writeFileSync(path.join(root, 'src', 'charts', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(path.join(root, 'package-lock.json'), '{}\n');
    writeFileSync(path.join(root, 'astro.config.mjs'), 'export default {};\n');
    const first = codeFingerprint(root);
    expect(codeFingerprint(root)).toBe(first);
    writeFileSync(path.join(root, 'src', 'charts', 'a.ts'), 'export const a = 2;\n');
    const second = codeFingerprint(root);
    expect(second).not.toBe(first);
    writeFileSync(path.join(root, 'src', 'b.ts'), '');
    const third = codeFingerprint(root);
    expect(third).not.toBe(second);
    writeFileSync(path.join(root, 'package-lock.json'), '{ }\n');
    expect(codeFingerprint(root)).not.toBe(third);
    // Files outside what draws the site (the data, the tests) are not code of the drawings.
    const now = codeFingerprint(root);
    mkdirSync(path.join(root, 'data'));
    writeFileSync(path.join(root, 'data', 'x.csv'), 'a\n');
    expect(codeFingerprint(root)).toBe(now);
  });
});

describe('inputs keys', () => {
  it('tell apart values whose JSON differs, −0 from 0 included', () => {
    expect(inputsKey({ a: 1, b: [2, 3] })).toBe(inputsKey({ a: 1, b: [2, 3] }));
    expect(inputsKey({ a: 1, b: [2, 3] })).not.toBe(inputsKey({ a: 1, b: [3, 2] }));
    expect(inputsKey({ x: -0 })).not.toBe(inputsKey({ x: 0 }));
    expect(inputsKey(['throughput', 'k'])).not.toBe(inputsKey(['latency', 'k']));
  });
});

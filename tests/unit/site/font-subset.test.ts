import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { subsetFont, svgCodePoints, type HarfBuzzSubset } from '../../../src/site/font-subset.ts';
import { svgToPng, svgToPngAsync } from '../../../src/site/png.ts';
import { cardSvg } from '../../../src/site/og.ts';

const require = createRequire(import.meta.url);
const FONT = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');
const hb = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'))), {}).exports as unknown as HarfBuzzSubset & { _initialize(): void };
hb._initialize();
const dir = mkdtempSync(path.join(tmpdir(), 'cf-font-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const points = (text: string) => [...new Set([...text].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);

describe('fonts cut to an image\'s characters', () => {
  it('take every character of the document, and those its numeric references name', () => {
    expect(svgCodePoints('<t>AV</t>')).toEqual(points('<t>AV/'));
    expect(svgCodePoints('<t>&#x263A;&#9733;</t>')).toEqual(points('<t>&#x263A;9733/').concat([0x2605, 0x263a]).sort((a, b) => a - b));
    // An out-of-range reference names nothing.
    expect(svgCodePoints('&#x110000;')).toEqual(points('&#x110000;'));
    // Entities of the document's own: only an XML parser knows their text.
    expect(svgCodePoints('<!DOCTYPE svg [<!ENTITY logo "ACME">]><svg>&logo;</svg>')).toBeNull();
  });

  it('keep the glyphs asked for and give resvg the same pixels as the whole font', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="60"><text x="8" y="40" font-size="28" font-family="DejaVu Sans">AVAWAY Tofu µs ≤ 5 · 9</text></svg>';
    const font = readFileSync(FONT);
    const cut = subsetFont(hb, font, svgCodePoints(svg)!)!;
    expect(cut.byteLength).toBeLessThan(font.byteLength / 10);
    const file = path.join(dir, 'cut.ttf');
    writeFileSync(file, cut);
    const render = (fontFile: string) => Buffer.from(new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [fontFile], defaultFontFamily: 'DejaVu Sans' } }).render().asPng());
    const whole = render(FONT);
    expect(render(file).equals(whole)).toBe(true);
    // A cut without the letters draws something else: the comparison above can fail.
    writeFileSync(file, subsetFont(hb, font, points('0123456789'))!);
    expect(render(file).equals(whole)).toBe(false);
  });

  it('make the worker\'s card the same bytes as one drawn here with the whole fonts', async () => {
    const brand = { reportTitle: 'Fleet · “Q3” — µs ≤ 500 & co', client: 'Ünïcode 株式会社 ☺', accent: '#0b6bcb', logo: null };
    const svg = cardSvg({ title: 'H100 × 8 — chat → p95 ≤ 2.5 s', subtitle: 'AVAWAY kerning; Ωmega; &#x263A;' }, brand, null);
    expect(Buffer.from(await svgToPngAsync(svg)).equals(Buffer.from(svgToPng(svg)))).toBe(true);
  });
});

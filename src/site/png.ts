/**
 * The one place an SVG becomes a PNG (link-preview images, at build time). The fonts come from an
 * npm package, never the machine, and system fonts are not loaded: the same SVG gives the same
 * bytes on every machine.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { renderAsync, Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);
// The package has no entry point; its folder is found through its package.json.
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSansMono.ttf'].map((f) => path.join(FONT_DIR, f));

function options(width?: number): ResvgRenderOptions {
  return {
    font: {
      loadSystemFonts: false,
      fontFiles: FONTS,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
      serifFamily: 'DejaVu Sans',
      monospaceFamily: 'DejaVu Sans Mono',
    },
    ...(width ? { fitTo: { mode: 'width' as const, value: width } } : {}),
    shapeRendering: 2,
    textRendering: 1,
  };
}

/** Rasterises an SVG document at its own size (or `width` pixels wide) to PNG bytes. */
export function svgToPng(svg: string, width?: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(new Resvg(svg, options(width)).render().asPng());
}

/**
 * The same bytes as `svgToPng`, rasterised on a worker thread: while the build waits for one image
 * it renders other pages (or images) on the main thread.
 */
export async function svgToPngAsync(svg: string, width?: number): Promise<Uint8Array<ArrayBuffer>> {
  return Uint8Array.from((await renderAsync(svg, options(width))).asPng());
}

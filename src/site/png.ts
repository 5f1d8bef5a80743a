/**
 * The one place an SVG becomes a PNG (link-preview images, at build time). The fonts come from an
 * npm package, never the machine, and system fonts are not loaded: the same SVG gives the same
 * bytes on every machine.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
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
  // A copy in one block: Uint8Array.from() would copy a Buffer byte by byte.
  return new Uint8Array(new Resvg(svg, options(width)).render().asPng());
}

/**
 * The same bytes as `svgToPng`, rasterised on a worker thread: while the build waits for one image
 * it renders other pages (or images) on the main thread.
 */
export async function svgToPngAsync(svg: string, width?: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array((await renderAsync(svg, options(width))).asPng());
}

/** One image to rasterise: its key and how to get its SVG (called when its turn comes). */
export interface PngJob {
  key: string;
  svg: () => string;
}

// Worker threads kept busy at once: one per core, at most two, so that resvg never takes every
// thread of libuv's pool (four) from the file writes of the build.
const LANES = Math.max(1, Math.min(availableParallelism(), 2));

/**
 * Starts rasterising every job now, in order, a few at a time on worker threads, while the caller
 * goes on (the build renders its pages on the main thread meanwhile); returns each key's PNG bytes
 * as a promise. A failed image rejects its own promise only, when it is awaited.
 */
export function rasteriseInBackground(jobs: readonly PngJob[]): Map<string, Promise<Uint8Array<ArrayBuffer>>> {
  const results = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  const lanes: Promise<unknown>[] = Array.from({ length: LANES }, () => Promise.resolve());
  jobs.forEach((job, index) => {
    const lane = index % LANES;
    const png = lanes[lane]!.then(() => svgToPngAsync(job.svg()));
    // The lane goes on after a failure; the failure is reported by whoever awaits this image.
    lanes[lane] = png.catch(() => undefined);
    results.set(job.key, png);
  });
  return results;
}

/**
 * The one place an SVG becomes a PNG (link-preview images, at build time). The fonts come from an
 * npm package, never the machine, and system fonts are not loaded: the same SVG gives the same
 * bytes on every machine.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { subsetFont, svgCodePoints } from './font-subset.ts';
import { RenderCache } from './render-cache.ts';

const require = createRequire(import.meta.url);
// The package has no entry point; its folder is found through its package.json.
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
// HarfBuzz's subsetter, compiled to WebAssembly (no imports): the workers cut the fonts with it.
const HARFBUZZ = require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
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

/** Rasterises an SVG document at its own size (or `width` pixels wide) to PNG bytes, on this thread and with the whole fonts: what the workers' images must equal. */
export function svgToPng(svg: string, width?: number): Uint8Array<ArrayBuffer> {
  // A copy in one block: Uint8Array.from() would copy a Buffer byte by byte.
  return new Uint8Array(new Resvg(svg, options(width)).render().asPng());
}

// The worker parses, rasterises and encodes: all of it off the main thread (resvg's own
// renderAsync leaves the PNG encoding, a fifth of the time, on the thread that awaits it). It
// gives resvg the fonts cut to the image's characters (font-subset.ts), written to files of its
// own for the one image: resvg reads its fonts only from files, and reads them once per label.
const WORKER_SOURCE = `
const { parentPort, workerData, threadId } = require('node:worker_threads');
const { readFileSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { Resvg } = require(workerData.resvg);
const svgCodePoints = (${svgCodePoints.toString()});
const subsetFont = (${subsetFont.toString()});
const fonts = new Map();
let hb = null;
function harfbuzz() {
  if (hb === null) {
    hb = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(workerData.harfbuzz)), {}).exports;
    hb._initialize();
  }
  return hb;
}
// The image's own fonts, or none (the full ones are used) when they cannot be made.
function subsets(id, svg, files) {
  const points = svgCodePoints(svg);
  if (points === null) return null;
  const written = [];
  try {
    files.forEach((file, i) => {
      if (!fonts.has(file)) fonts.set(file, readFileSync(file));
      const bytes = subsetFont(harfbuzz(), fonts.get(file), points);
      if (bytes === null) throw new Error('no subset');
      const out = path.join(workerData.dir, threadId + '-' + id + '-' + i + '.ttf');
      written.push(out);
      writeFileSync(out, bytes);
    });
    return written;
  } catch {
    remove(written);
    return null;
  }
}
function remove(files) {
  for (const file of files) rmSync(file, { force: true });
}
parentPort.on('message', ({ id, svg, options }) => {
  const cut = subsets(id, svg, options.font.fontFiles);
  try {
    const use = cut ? { ...options, font: { ...options.font, fontFiles: cut } } : options;
    // A copy of its own, handed over without another copy (resvg's buffer cannot be transferred).
    const png = new Uint8Array(new Resvg(svg, use).render().asPng());
    parentPort.postMessage({ id, png }, [png.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  } finally {
    if (cut) remove(cut);
  }
});`;

// The folder the workers write an image's fonts to, made when the first worker starts and removed
// when the process ends (a worker is ended without running any code of its own).
let fontFolder: string | null = null;
function fontDir(): string {
  if (fontFolder === null) {
    const dir = mkdtempSync(path.join(tmpdir(), 'capacity-frontier-fonts-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    fontFolder = dir;
  }
  return fontFolder;
}

type Pending = { resolve: (png: Uint8Array<ArrayBuffer>) => void; reject: (error: Error) => void };

/** One worker thread and the images it has yet to return. */
class PngWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private idle: NodeJS.Timeout | null = null;

  get load(): number {
    return this.pending.size;
  }

  render(svg: string, renderOptions: ResvgRenderOptions): Promise<Uint8Array<ArrayBuffer>> {
    const worker = this.start();
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const id = this.next++;
    // Only a worker with images to return keeps the process alive.
    if (this.pending.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, svg, options: renderOptions });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { resvg: require.resolve('@resvg/resvg-js'), harfbuzz: HARFBUZZ, dir: fontDir() } });
    worker.on('message', ({ id, png, error }: { id: number; png?: Uint8Array<ArrayBuffer>; error?: string }) => {
      const job = this.pending.get(id);
      if (!job) return;
      this.pending.delete(id);
      if (this.pending.size === 0) this.rest(worker);
      if (png) job.resolve(png);
      else job.reject(new Error(`svgToPng could not rasterise the image: ${error}`));
    });
    worker.on('error', (error) => {
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
      this.worker = null;
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  // A build hands over its images one after another: a worker idle for a second is done, and is
  // ended, so that builds run in one process (the tests, a PDF) do not each leave threads behind.
  private rest(worker: Worker): void {
    worker.unref();
    this.idle = setTimeout(() => {
      if (this.pending.size > 0 || this.worker !== worker) return;
      this.worker = null;
      void worker.terminate();
    }, 1000);
    this.idle.unref();
  }
}

// Worker threads: one per core, at most two (the build renders its pages on the main thread).
const LANES = Math.max(1, Math.min(availableParallelism(), 2));
const WORKERS = Array.from({ length: LANES }, () => new PngWorker());

/**
 * The same bytes as `svgToPng`, rasterised and encoded on a worker thread: while the build waits
 * for one image it renders other pages (or images) on the main thread.
 */
export function svgToPngAsync(svg: string, width?: number): Promise<Uint8Array<ArrayBuffer>> {
  const worker = WORKERS.reduce((least, w) => (w.load < least.load ? w : least));
  return worker.render(svg, options(width));
}

/** One image to rasterise: its key and how to get its SVG (called when its turn comes). */
export interface PngJob {
  key: string;
  svg: () => string;
}

/**
 * Starts rasterising every job now, in order, a few at a time on worker threads, while the caller
 * goes on (the build renders its pages on the main thread meanwhile); returns each key's PNG bytes
 * as a promise. A failed image rejects its own promise only, when it is awaited. With a cache, an
 * image made by an earlier build from the same SVG is read instead.
 */
export function rasteriseInBackground(jobs: readonly PngJob[], cache: RenderCache = new RenderCache(null)): Map<string, Promise<Uint8Array<ArrayBuffer>>> {
  const results = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  const lanes: Promise<unknown>[] = Array.from({ length: LANES }, () => Promise.resolve());
  jobs.forEach((job, index) => {
    const lane = index % LANES;
    // Found by the SVG itself: the fonts, the options and resvg's version are code, in the cache's fingerprint.
    const png = lanes[lane]!.then(() => {
      const svg = job.svg();
      return cache.bytes(() => cache.key('png', svg), () => svgToPngAsync(svg));
    });
    // The lane goes on after a failure; the failure is reported by whoever awaits this image.
    lanes[lane] = png.catch(() => undefined);
    results.set(job.key, png);
  });
  return results;
}

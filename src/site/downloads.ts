/**
 * The download files of a build (every table's CSV, every chart's SVG), written straight into the
 * output folder the build command names (ENV.out). As routes, each cost Astro more than its file
 * did: at 100 GPU × workloads, 764 of them took about a second of an eight-second rebuild. Without
 * that folder (the dev server, a bare `astro build`) the endpoints serve them as routes, with the
 * same bytes: both call the same functions.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ENV } from '../env.ts';
import type { SiteModel } from './model.ts';
import { tableCsv } from './tables/cells.ts';

/** Each download of a site: its site path and its text. */
export function downloadFiles(model: SiteModel): { file: string; text: () => string }[] {
  return [
    ...model.tables.map((table) => ({ file: table.csv, text: () => tableCsv(table) })),
    ...model.charts.map((chart) => ({ file: chart.file, text: () => model.svg(chart, 'file') })),
  ];
}

const WRITTEN = new WeakMap<SiteModel, boolean>();

/**
 * Whether this build writes the downloads itself (the build command named its output folder); the
 * first call of a build writes them all, once. A site path that would leave the folder is refused.
 */
export function downloadsWritten(model: SiteModel, env: NodeJS.ProcessEnv = process.env): boolean {
  const out = env[ENV.out];
  if (!out) return false;
  if (!WRITTEN.get(model)) {
    const root = path.resolve(out);
    for (const { file, text } of downloadFiles(model)) {
      const target = path.resolve(root, `.${file}`);
      if (!target.startsWith(root + path.sep)) throw new Error(`internal: the download ${file} would be written outside ${root}`);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text());
    }
    WRITTEN.set(model, true);
  }
  return true;
}

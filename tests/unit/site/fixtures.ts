import path from 'node:path';
import { loadReport } from '../../../src/core/load.ts';
import type { Report } from '../../../src/core/types.ts';
import { ROOT } from '../core/paths.ts';

/** Folders of small, hand-typed data sets for the site's tests. */
export const FIXTURES = path.join(ROOT, 'tests/fixtures/site');

const cache = new Map<string, Promise<Report>>();

/** The Report of a site fixture folder (`several-gpus`, `no-slo`) or of the embedded `data/`. */
export function fixtureReport(name: 'several-gpus' | 'no-slo' | 'data'): Promise<Report> {
  const dir = name === 'data' ? path.join(ROOT, 'data') : path.join(FIXTURES, name);
  let report = cache.get(dir);
  if (!report) {
    report = loadReport(dir);
    cache.set(dir, report);
  }
  return report;
}

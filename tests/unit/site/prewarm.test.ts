import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderChart, renderChartDrawings } from '../../../src/charts/index.ts';
import { siteCharts } from '../../../src/site/charts.ts';
import { chartDrawings, drawingsKey, narrowDrawing, narrowKey, type DrawingSettings } from '../../../src/site/drawings.ts';
import { drawAlong, drawnKey, prewarmDrawings } from '../../../src/site/prewarm.ts';
import { codeFingerprint, RenderCache } from '../../../src/site/render-cache.ts';
import { fixtureReport } from './fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'cf-prewarm-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const entries = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

describe('charts drawn ahead of the pages', () => {
  it('are in the cache under the keys the site model asks for, byte for byte what it would draw itself', async () => {
    const report = await fixtureReport('several-gpus');
    const cache = { dir: path.join(tmp, 'ahead'), fingerprint: codeFingerprint(ROOT) };
    await prewarmDrawings({ report, review: null, base: '/reports/q3/', cache, digest: 'one' });
    const settings: DrawingSettings = { cache: new RenderCache(cache), base: '/reports/q3/', title: report.title };
    const charts = siteCharts(report, null);
    expect(charts.length).toBeGreaterThan(3);
    for (const chart of charts) {
      expect(settings.cache.has(drawingsKey(settings, chart)), chart.file).toBe(true);
      expect(settings.cache.has(narrowKey(settings, chart)), chart.file).toBe(true);
    }
    // Two entries a chart, and nothing else.
    expect(entries(cache.dir)).toBe(2 * charts.length);
    const chart = charts.find((c) => c.file.endsWith('/throughput.svg'))!;
    const link = (run: { gpu_slug: string; workload_slug: string; point: string }) => `/reports/q3/gpus/${run.gpu_slug}/${run.workload_slug}/#run-${run.point}`;
    expect(chartDrawings(settings, chart)).toEqual(renderChartDrawings(chart.spec, { link, source: `Source: ${report.title}, /reports/q3${chart.page}` }));
    expect(narrowDrawing(settings, chart)).toBe(renderChart(chart.narrow(), { variant: 'narrow', link }));
  });

  it('are shared with this thread: what the worker has not taken is drawn here, each chart once', async () => {
    const report = await fixtureReport('several-gpus');
    const cache = { dir: path.join(tmp, 'along'), fingerprint: codeFingerprint(ROOT) };
    const charts = siteCharts(report, null);
    void prewarmDrawings({ report, review: null, base: '/', cache, digest: 'two' });
    const here: string[] = [];
    // Taken at once, before the worker has loaded: most charts fall to this thread.
    await drawAlong(charts, (chart) => here.push(chart.file));
    const settings: DrawingSettings = { cache: new RenderCache(cache), base: '/', title: report.title };
    const ahead = charts.filter((c) => settings.cache.has(drawingsKey(settings, c)));
    expect(here.length).toBeGreaterThan(0);
    expect(new Set([...here, ...ahead.map((c) => c.file)]).size).toBe(charts.length);
    expect(here.length + ahead.length).toBe(charts.length);
  });

  it('start no thread for pages whose drawings an earlier build kept', async () => {
    const report = await fixtureReport('several-gpus');
    const cache = { dir: path.join(tmp, 'again'), fingerprint: codeFingerprint(ROOT) };
    const charts = siteCharts(report, null);
    const settings: DrawingSettings = { cache: new RenderCache(cache), base: '/', title: report.title };
    const drawnHere = async (digest: string) => {
      const start = prewarmDrawings({ report, review: null, base: '/', cache, digest });
      const here: string[] = [];
      await drawAlong(charts, (chart) => (here.push(chart.file), chartDrawings(settings, chart), narrowDrawing(settings, chart)));
      await start;
      return here.length;
    };
    // The first build's thread takes some charts, this thread the rest; the second build starts none, and has nothing to share.
    expect(await drawnHere('same')).toBeGreaterThan(0);
    expect(settings.cache.has(drawnKey(settings.cache, { digest: 'same', base: '/' }))).toBe(true);
    expect(await drawnHere('same')).toBe(0);
    // Other pages (another digest): a thread again.
    expect(await drawnHere('other')).toBeGreaterThan(0);
  });

  it('leave nothing to a later build of the process: one without a cache starts no thread and shares no queue', async () => {
    const report = await fixtureReport('several-gpus');
    const charts = siteCharts(report, null);
    const cache = { dir: path.join(tmp, 'left'), fingerprint: codeFingerprint(ROOT) };
    // A build whose pages never asked for the drawings (it failed before them): its queue is still full.
    const started = prewarmDrawings({ report, review: null, base: '/', cache, digest: 'failed' });
    await prewarmDrawings({ report, review: null, base: '/', cache: null, digest: 'next' });
    const here: string[] = [];
    await drawAlong(charts, (chart) => here.push(chart.file));
    expect(here).toEqual([]);
    await started;
    // Nor was the first build's work marked as kept by the second.
    const settings: DrawingSettings = { cache: new RenderCache(cache), base: '/', title: report.title };
    expect(settings.cache.has(drawnKey(settings.cache, { digest: 'failed', base: '/' }))).toBe(false);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../../src/charts/index.ts';
import { cardSvg, DEFAULT_CARD, describePage, logoMarkup, ogCardOf, ogCards, ogFile, OG_SIZE, placeChart, wrapText } from '../../../src/site/og.ts';
import { sitePages } from '../../../src/site/pages.ts';
import { rasteriseInBackground, svgToPng, svgToPngAsync } from '../../../src/site/png.ts';
import { fixtureModel, fixtureReport, LIFE } from './fixtures.ts';

const brand = { reportTitle: 'Fleet <script>alert(1)</script> & co', client: 'Acme "Corp"', accent: '#0b6bcb', logo: null };

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): [number, number] {
  const view = new DataView(png.buffer, png.byteOffset);
  return [view.getUint32(16), view.getUint32(20)];
}

const digest = (png: Uint8Array) => createHash('sha256').update(png).digest('hex');

describe('link previews', () => {
  it('name each page\'s image after its path; the report and print pages preview as the overview', () => {
    expect(ogFile('/')).toBe('/og/card.png');
    expect(ogFile('/capacity-frontier/')).toBe('/og/card.png');
    expect(ogFile('/print/')).toBe('/og/card.png');
    expect(ogFile('/gpus/l4/chat/')).toBe('/og/gpus/l4/chat/card.png');
    expect(ogFile('/life-of-a-request/')).toBe('/og/life-of-a-request/card.png');
    // A write-up named like the fallback cannot take its file.
    expect(ogFile('/default/')).not.toBe(DEFAULT_CARD);
  });

  it('come from the page registry: each page with a card, its main chart when it has one, then the fallback', async () => {
    const model = await fixtureModel('several-gpus');
    const { cards } = model;
    expect(cards.map((c) => c.file)).toEqual([
      '/og/card.png', '/og/life-of-a-request/card.png', '/og/data/card.png', '/og/compare/batch/card.png', '/og/compare/chat/card.png',
      '/og/gpus/l40s-1/chat/card.png', '/og/gpus/a100-80gb/chat/card.png', '/og/gpus/h100-sxm-80gb/batch/card.png', '/og/gpus/h100-sxm-80gb/chat/card.png',
      DEFAULT_CARD,
    ]);
    // The overview shows the comparison of the workload tested on the most GPUs.
    expect(ogCardOf(cards, '/')).toMatchObject({ title: 'Fleet <script>alert(1)</script> & co', alt: 'Throughput vs concurrency by GPU: Chat' });
    expect(ogCardOf(cards, '/').chart?.file).toBe('/compare/chat/throughput.svg');
    const group = ogCardOf(cards, '/gpus/a100-80gb/chat/');
    expect(group).toMatchObject({
      title: 'A100-80GB – Chat workload',
      subtitle: 'Use concurrency 16, max_tokens 128 for the best throughput within the SLO (800.9 tok/s at p95 e2e 1900 ms, 5% headroom).',
      alt: 'Throughput vs concurrency: A100-80GB – Chat workload',
    });
    // The card shows the very chart its page shows: the same object, so its SVG is rendered once.
    expect(group.chart).toBe(model.charts.find((c) => c.file === '/gpus/a100-80gb/chat/throughput.svg'));
    expect(ogCardOf(cards, '/data/')).toMatchObject({ title: 'Data and provenance', chart: null, alt: 'Data and provenance' });
    expect(ogCardOf(cards, '/life-of-a-request/')).toMatchObject({ title: LIFE.title, subtitle: LIFE.description, chart: null });
    expect(ogCardOf(cards, '/somewhere-else/').file).toBe(DEFAULT_CARD);
    expect(ogCardOf(cards, DEFAULT_CARD)).toMatchObject({ title: model.report.title, chart: null });
  });

  it('follow the pages given: no write-up, no write-up card', async () => {
    const report = await fixtureReport('several-gpus');
    const cards = ogCards(report, sitePages(report, []), []);
    expect(cards.map((c) => c.file)).not.toContain('/og/life-of-a-request/card.png');
    // Without charts, no card has one.
    expect(cards.every((c) => c.chart === null)).toBe(true);
  });

  it('describe a page by its own words, else the report\'s', () => {
    expect(describePage({ title: 'T', client: 'Acme' }, 'Data', 'Files.')).toBe('Files.');
    expect(describePage({ title: 'T', client: 'Acme' }, 'Data', undefined)).toBe('Data: LLM-serving capacity report for Acme.');
    expect(describePage({ title: 'T', client: null }, 'Data', undefined)).toBe('Data: LLM-serving capacity report.');
  });

  it('wrap and shorten text to fit, breaking words longer than a line', () => {
    expect(wrapText('one two three four', 9, 3)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('one two three four five six', 9, 2)).toEqual(['one two', 'three…']);
    expect(wrapText('averyveryverylongword x', 8, 4)).toEqual(['averyver', 'yverylon', 'gword x']);
  });

  it('compose an escaped 1200 × 630 SVG with the chart scaled into it', async () => {
    const model = await fixtureModel('several-gpus');
    const card = ogCardOf(model.cards, '/gpus/h100-sxm-80gb/chat/');
    const chart = model.svg(card.chart!);
    const svg = cardSvg(card, brand, chart);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1200" height="630"/);
    expect(svg).toContain('H100 &lt;SXM&gt; &amp; "80GB" – Chat workload');
    expect(svg).toContain('Fleet &lt;script&gt;alert(1)&lt;/script&gt; &amp; co · Acme "Corp"');
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('var(--plot-background)');
    const placed = placeChart(chart, { x: 0, y: 0, width: 360, height: 1000 });
    expect(placed).toMatch(/^<svg x="0" y="\d+" width="360" height="\d+" /);
    expect(() => placeChart('<g/>', { x: 0, y: 0, width: 1, height: 1 })).toThrow('placeChart expects a standalone <svg> string');
  });

  it('draw an SVG logo inline (its text in the card\'s fonts) and a raster logo as an image', () => {
    const svg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="160" height="48"><text>ACME</text></svg>';
    const inline = logoMarkup({ type: 'image/svg+xml', data: Buffer.from(svg).toString('base64') }, { x: 900, y: 34, width: 220, height: 64 });
    expect(inline).toBe('<svg x="900" y="34" width="220" height="64" preserveAspectRatio="xMaxYMid meet" viewBox="0 0 160 48"><text>ACME</text></svg>');
    expect(logoMarkup({ type: 'image/png', data: 'AAAA' }, { x: 0, y: 0, width: 10, height: 10 })).toBe('<image x="0" y="0" width="10" height="10" preserveAspectRatio="xMaxYMid meet" href="data:image/png;base64,AAAA"/>');
  });

  it('rasterise to a PNG of the card\'s size, the same bytes every time and on any thread', async () => {
    const model = await fixtureModel('several-gpus');
    const card = ogCardOf(model.cards, '/compare/chat/');
    const svg = cardSvg(card, brand, renderChart(card.chart!.spec));
    const first = svgToPng(svg);
    expect(pngSize(first)).toEqual([OG_SIZE.width, OG_SIZE.height]);
    expect(digest(svgToPng(svg))).toBe(digest(first));
    expect(digest(await svgToPngAsync(svg))).toBe(digest(first));
    const plain = svgToPng(cardSvg({ title: 'Data and provenance', subtitle: 'Files and checksums.' }, brand, null));
    expect(pngSize(plain)).toEqual([OG_SIZE.width, OG_SIZE.height]);
    expect(pngSize(svgToPng(svg, 600))).toEqual([600, 315]);
  });

  it('rasterise in the background, each image its own promise, a failure only its own', async () => {
    const plain = cardSvg({ title: 'Data and provenance', subtitle: 'Files and checksums.' }, brand, null);
    const asked: string[] = [];
    const job = (key: string, svg: string) => ({ key, svg: () => (asked.push(key), svg) });
    const pngs = rasteriseInBackground([job('a', plain), job('broken', '<svg'), job('c', plain.replace('Files', 'Rows'))]);
    expect([...pngs.keys()]).toEqual(['a', 'broken', 'c']);
    expect(digest(await pngs.get('a')!)).toBe(digest(svgToPng(plain)));
    await expect(pngs.get('broken')!).rejects.toThrow(/^svgToPng could not rasterise the image/);
    expect(pngSize(await pngs.get('c')!)).toEqual([OG_SIZE.width, OG_SIZE.height]);
    expect(asked.sort()).toEqual(['a', 'broken', 'c']);
  });
});

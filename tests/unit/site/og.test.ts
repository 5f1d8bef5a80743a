import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../../src/charts/index.ts';
import { cardSvg, DEFAULT_CARD, logoMarkup, ogCardOf, ogCards, ogFile, OG_SIZE, placeChart, wrapText } from '../../../src/site/og.ts';
import { rasteriseInBackground, svgToPng, svgToPngAsync } from '../../../src/site/png.ts';
import { fixtureReport } from './fixtures.ts';

const brand = { reportTitle: 'Fleet <script>alert(1)</script> & co', client: 'Acme "Corp"', accent: '#0b6bcb', logo: null };

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): [number, number] {
  const view = new DataView(png.buffer, png.byteOffset);
  return [view.getUint32(16), view.getUint32(20)];
}

describe('link previews', () => {
  it('names each page\'s image after its path; the report and print pages preview as the overview', () => {
    expect(ogFile('/')).toBe('/og/card.png');
    expect(ogFile('/capacity-frontier/')).toBe('/og/card.png');
    expect(ogFile('/print/')).toBe('/og/card.png');
    expect(ogFile('/gpus/l4/chat/')).toBe('/og/gpus/l4/chat/card.png');
    expect(ogFile('/life-of-a-request/')).toBe('/og/life-of-a-request/card.png');
    // A write-up named like the fallback cannot take its file.
    expect(ogFile('/default/')).not.toBe(DEFAULT_CARD);
  });

  it('shows each page\'s main chart, a card for pages without one, and a default for any other page', async () => {
    const report = await fixtureReport('several-gpus');
    const cards = ogCards(report, [{ path: '/life-of-a-request/', title: 'Life of a Request', description: 'One request.' }]);
    expect(new Set(cards.map((c) => c.file)).size).toBe(cards.length);
    const group = report.groups[0]!;
    const groupCard = ogCardOf(cards, `/gpus/${group.gpu_slug}/${group.workload_slug}/`);
    expect(groupCard.chart?.spec.id).toBe(`${group.gpu_slug}--${group.workload_slug}-throughput`);
    expect(ogCardOf(cards, '/').chart?.spec.id).toMatch(/^compare--/);
    expect(ogCardOf(cards, '/compare/chat/').chart?.spec.id).toBe('compare--chat--throughput');
    expect(ogCardOf(cards, '/data/').chart).toBeNull();
    expect(ogCardOf(cards, '/life-of-a-request/')).toMatchObject({ title: 'Life of a Request', subtitle: 'One request.', chart: null });
    expect(ogCardOf(cards, '/somewhere-else/').file).toBe(DEFAULT_CARD);
    // The card shows the very chart its page shows: the same file, so it is rendered once.
    expect(groupCard.chart?.file).toBe(`/gpus/${group.gpu_slug}/${group.workload_slug}/throughput.svg`);
    expect(ogCardOf(cards, '/compare/chat/').chart?.file).toBe('/compare/chat/throughput.svg');
  });

  it('builds the card list once per report and list of extra pages', async () => {
    const report = await fixtureReport('several-gpus');
    const extra = [{ path: '/life-of-a-request/', title: 'Life of a Request', description: 'One request.' }];
    const cards = ogCards(report, extra);
    expect(ogCards(report, [...extra])).toBe(cards);
    expect(ogCards(report, [])).not.toBe(cards);
    expect(ogCards(report, [])).not.toContainEqual(expect.objectContaining({ file: '/og/life-of-a-request/card.png' }));
  });

  it('wraps and shortens text to fit, breaking words longer than a line', () => {
    expect(wrapText('one two three four', 9, 3)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('one two three four five six', 9, 2)).toEqual(['one two', 'three…']);
    expect(wrapText('averyveryverylongword x', 8, 4)).toEqual(['averyver', 'yverylon', 'gword x']);
  });

  it('composes an escaped 1200 × 630 SVG with the chart scaled into it', async () => {
    const report = await fixtureReport('several-gpus');
    const card = ogCards(report)[1]!;
    const chart = renderChart(card.chart!.spec);
    const svg = cardSvg({ title: 'H100 <SXM> & "80GB"', subtitle: card.subtitle }, brand, chart);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1200" height="630"/);
    expect(svg).toContain('H100 &lt;SXM&gt; &amp; "80GB"');
    expect(svg).toContain('Fleet &lt;script&gt;alert(1)&lt;/script&gt; &amp; co · Acme "Corp"');
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('var(--plot-background)');
    const placed = placeChart(chart, { x: 0, y: 0, width: 360, height: 1000 });
    expect(placed).toMatch(/^<svg x="0" y="\d+" width="360" height="\d+" /);
  });

  it('draws an SVG logo inline (its text in the card\'s fonts) and a raster logo as an image', () => {
    const svg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="160" height="48"><text>ACME</text></svg>';
    const inline = logoMarkup({ type: 'image/svg+xml', data: Buffer.from(svg).toString('base64') }, { x: 900, y: 34, width: 220, height: 64 });
    expect(inline).toBe('<svg x="900" y="34" width="220" height="64" preserveAspectRatio="xMaxYMid meet" viewBox="0 0 160 48"><text>ACME</text></svg>');
    expect(logoMarkup({ type: 'image/png', data: 'AAAA' }, { x: 0, y: 0, width: 10, height: 10 })).toBe('<image x="0" y="0" width="10" height="10" preserveAspectRatio="xMaxYMid meet" href="data:image/png;base64,AAAA"/>');
  });

  it('rasterises to a PNG of the card\'s size, the same bytes every time', async () => {
    const report = await fixtureReport('several-gpus');
    const card = ogCards(report)[1]!;
    const svg = cardSvg(card, brand, renderChart(card.chart!.spec));
    const first = svgToPng(svg);
    expect(pngSize(first)).toEqual([OG_SIZE.width, OG_SIZE.height]);
    const digest = (png: Uint8Array) => createHash('sha256').update(png).digest('hex');
    expect(digest(svgToPng(svg))).toBe(digest(first));
    // The build rasterises on a worker thread: the bytes must not depend on which.
    expect(digest(await svgToPngAsync(svg))).toBe(digest(first));
    const plain = svgToPng(cardSvg({ title: 'Data and provenance', subtitle: 'Files and checksums.' }, brand, null));
    expect(pngSize(plain)).toEqual([OG_SIZE.width, OG_SIZE.height]);
  });

  it('rasterises in the background, each image its own promise, a failure only its own', async () => {
    const plain = cardSvg({ title: 'Data and provenance', subtitle: 'Files and checksums.' }, brand, null);
    const asked: string[] = [];
    const job = (key: string, svg: string) => ({ key, svg: () => (asked.push(key), svg) });
    const pngs = rasteriseInBackground([job('a', plain), job('broken', '<svg'), job('c', plain.replace('Files', 'Rows'))]);
    expect([...pngs.keys()]).toEqual(['a', 'broken', 'c']);
    const digest = (png: Uint8Array) => createHash('sha256').update(png).digest('hex');
    expect(digest(await pngs.get('a')!)).toBe(digest(svgToPng(plain)));
    await expect(pngs.get('broken')!).rejects.toThrow();
    expect(pngSize(await pngs.get('c')!)).toEqual([OG_SIZE.width, OG_SIZE.height]);
    expect(asked.sort()).toEqual(['a', 'broken', 'c']);
  });
});

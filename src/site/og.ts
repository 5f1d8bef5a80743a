/**
 * Link previews: which image each page shows when its link is pasted into a chat or a proposal,
 * and the 1200 × 630 SVG card that becomes that image (the page's main chart under its title, or a
 * plain branded card for pages without a chart). Pure: the PNG is rasterised at the edge (`png.ts`).
 */
import { escapeAttribute, escapeText } from '../charts/serialize.ts';
import type { Report } from '../core/types.ts';
import type { PlacedChart } from './charts.ts';
import type { PageEntry } from './pages.ts';
import { paths } from './url.ts';

/** Size of every preview image: the 1.91:1 that Open Graph and X (Twitter) large cards expect. */
export const OG_SIZE = { width: 1200, height: 630 } as const;

/** One preview image: where it is published, what it says, and the chart it shows (if any). */
export interface OgCard {
  /** Site path of the PNG, e.g. `/og/gpus/l4/chat/card.png`. */
  file: string;
  title: string;
  subtitle: string;
  /** The chart drawn on the card (the page's own chart, so its SVG is rendered once), or null. */
  chart: PlacedChart | null;
  /** Text alternative of the image (`og:image:alt`). */
  alt: string;
}

/** The card every page without its own falls back on: the report's title and client. */
export const DEFAULT_CARD = '/og/default.png';

/**
 * The preview image of a site path, e.g. `/gpus/l4/chat/` → `/og/gpus/l4/chat/card.png`: each page's
 * image sits at its own path, so no page (a write-up of any name) can take another's.
 */
export function ogFile(pagePath: string): string {
  const trimmed = pagePath.replace(/^\/+|\/+$/g, '');
  // The capacity report and the one-page print version preview as the overview does.
  if (trimmed === '' || pagePath === paths.report() || trimmed === 'print') return '/og/card.png';
  return `/og/${trimmed}/card.png`;
}

// The workload tested on the most GPUs (the first on a tie): its comparison is the report at a glance.
function headlineWorkload(report: Report): string | null {
  let best: { slug: string; count: number } | null = null;
  for (const w of report.workloads) {
    const count = report.groups.filter((g) => g.workload === w.name).length;
    if (best === null || count > best.count) best = { slug: w.slug, count };
  }
  return best?.slug ?? null;
}

/** Every preview image of the site, from the page registry: each page with a card, then the fallback. */
export function ogCards(report: Report, pages: readonly PageEntry[], charts: readonly PlacedChart[]): OgCard[] {
  const firstChart = (page: string) => charts.find((c) => c.page === page) ?? null;
  const headline = headlineWorkload(report);
  const cards: OgCard[] = [];
  for (const page of pages) {
    if (!page.card) continue;
    const chart = page.kind === 'overview' ? (headline ? firstChart(paths.compare(headline)) : null) : page.kind === 'group' || page.kind === 'compare' ? firstChart(page.path) : null;
    const title = page.kind === 'overview' ? report.title : page.title;
    cards.push({ file: ogFile(page.path), title, subtitle: page.description, chart, alt: chart ? chart.spec.title : title });
  }
  const overview = pages.find((p) => p.kind === 'overview');
  cards.push({ file: DEFAULT_CARD, title: report.title, subtitle: overview?.description ?? report.title, chart: null, alt: report.title });
  const seen = new Set<string>();
  return cards.filter((card) => (seen.has(card.file) ? false : (seen.add(card.file), true)));
}

/** The card of a page: its own when it has one, else the default card. */
export function ogCardOf(cards: readonly OgCard[], pagePath: string): OgCard {
  const file = ogFile(pagePath);
  return cards.find((c) => c.file === file) ?? cards.find((c) => c.file === DEFAULT_CARD)!;
}

/** Branding drawn on every card. */
export interface CardBrand {
  reportTitle: string;
  client: string | null;
  accent: string;
  /** The logo (its media type and base64 bytes), or null. */
  logo: { type: string; data: string } | null;
}

/**
 * The logo placed in a box, right-aligned. An SVG logo is drawn inline (so its text uses the card's
 * fonts; the rasteriser gives images of their own no fonts), a raster logo as an `<image>`.
 */
export function logoMarkup(logo: { type: string; data: string }, box: { x: number; y: number; width: number; height: number }): string {
  const place = `x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" preserveAspectRatio="xMaxYMid meet"`;
  if (logo.type === 'image/svg+xml') {
    const text = Buffer.from(logo.data, 'base64').toString('utf8');
    const open = /<svg\b([^>]*)>/i.exec(text);
    const close = text.lastIndexOf('</svg>');
    if (open && close > open.index) {
      const attributes = open[1]!;
      const viewBox = /\sviewBox="([^"]+)"/i.exec(attributes)?.[1];
      const width = /\swidth="([\d.]+)(px)?"/i.exec(attributes)?.[1];
      const height = /\sheight="([\d.]+)(px)?"/i.exec(attributes)?.[1];
      const box = viewBox ?? (width && height ? `0 0 ${width} ${height}` : null);
      if (box) return `<svg ${place} viewBox="${escapeAttribute(box)}">${text.slice(open.index + open[0].length, close)}</svg>`;
    }
  }
  return `<image ${place} href="data:${escapeAttribute(logo.type)};base64,${logo.data}"/>`;
}

// DejaVu Sans, the face the rasteriser is given: an average advance of about 0.6 em (bold a bit
// more). Lines are measured with it so text is wrapped or shortened, never cut by the edge.
const ADVANCE = 0.6;
const ADVANCE_BOLD = 0.66;

/** Splits text into at most `maxLines` lines of at most `maxChars` characters, with `…` when cut. */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (let i = 0; i < words.length; i++) {
    let word = words[i]!;
    while (word.length > maxChars) {
      // A word longer than a line (a file path, a long GPU label) is broken where it must be.
      if (current) {
        lines.push(current);
        current = '';
      }
      lines.push(word.slice(0, maxChars));
      word = word.slice(maxChars);
    }
    const next = current ? `${current} ${word}` : word;
    if (next.length <= maxChars) current = next;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${last.length >= maxChars ? last.slice(0, maxChars - 1).trimEnd() : last}…`;
  return kept;
}

function textLines(lines: readonly string[], x: number, y: number, size: number, lineHeight: number, attributes: string): string {
  return lines.map((line, i) => `<text x="${x}" y="${y + i * lineHeight}" font-size="${size}" ${attributes}>${escapeText(line)}</text>`).join('');
}

const INK = '#1a1d21';
const MUTED = '#56606b';
const PAPER = '#ffffff';
const PAD = 56;

/**
 * Places a chart's standalone SVG in a box: its own size and page-only styling dropped, the
 * halo colour of its labels fixed to the card's paper, scaled to fit and centred.
 */
export function placeChart(svg: string, box: { x: number; y: number; width: number; height: number }): string {
  const open = /^<svg\b([^>]*)>/.exec(svg);
  if (!open) throw new Error('placeChart expects a standalone <svg> string');
  const viewBox = /\sviewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(open[1]!);
  if (!viewBox) throw new Error('placeChart expects the chart to have a viewBox');
  const [w, h] = [Number(viewBox[1]), Number(viewBox[2])];
  const scale = Math.min(box.width / w, box.height / h);
  const width = Math.round(w * scale);
  const height = Math.round(h * scale);
  const x = Math.round(box.x + (box.width - width) / 2);
  const y = Math.round(box.y + (box.height - height) / 2);
  const attributes = open[1]!.replace(/\s(width|height|class|role|aria-label)="[^"]*"/g, '');
  const body = svg
    .slice(open[0].length)
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/var\(--plot-background\)/g, PAPER);
  return `<svg x="${x}" y="${y}" width="${width}" height="${height}"${attributes}>${body}`;
}

/** The 1200 × 630 SVG of one card; `chartSvg` is the rendered chart when the card has one. */
export function cardSvg(card: Pick<OgCard, 'title' | 'subtitle'>, brand: CardBrand, chartSvg: string | null): string {
  const { width, height } = OG_SIZE;
  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="${PAPER}"/>`);
  parts.push(`<rect width="${width}" height="14" fill="${escapeAttribute(brand.accent)}"/>`);
  const logoWidth = brand.logo ? 220 : 0;
  if (brand.logo) parts.push(logoMarkup(brand.logo, { x: width - PAD - logoWidth, y: 28, width: logoWidth, height: 56 }));
  const textWidth = width - 2 * PAD - (logoWidth ? logoWidth + 24 : 0);
  const brandLine = brand.client ? `${brand.reportTitle} · ${brand.client}` : brand.reportTitle;
  const sans = 'font-family="DejaVu Sans, sans-serif"';
  if (chartSvg) {
    parts.push(textLines(wrapText(brandLine, Math.floor(textWidth / (24 * ADVANCE)), 1), PAD, 70, 24, 30, `${sans} fill="${MUTED}"`));
    const titleSize = 40;
    parts.push(textLines(wrapText(card.title, Math.floor((width - 2 * PAD) / (titleSize * ADVANCE_BOLD)), 1), PAD, 128, titleSize, 48, `${sans} font-weight="bold" fill="${INK}"`));
    parts.push(placeChart(chartSvg, { x: PAD, y: 148, width: width - 2 * PAD, height: height - 148 - 24 }));
  } else {
    parts.push(textLines(wrapText(brandLine, Math.floor(textWidth / (26 * ADVANCE)), 2), PAD, 84, 26, 34, `${sans} fill="${MUTED}"`));
    const titleSize = 60;
    const title = wrapText(card.title, Math.floor((width - 2 * PAD) / (titleSize * ADVANCE_BOLD)), 3);
    parts.push(textLines(title, PAD, 250, titleSize, 72, `${sans} font-weight="bold" fill="${INK}"`));
    const subtitleTop = 250 + title.length * 72 + 8;
    const subtitle = wrapText(card.subtitle, Math.floor((width - 2 * PAD) / (30 * ADVANCE)), Math.max(1, Math.floor((height - 110 - subtitleTop) / 42) + 1));
    parts.push(textLines(subtitle, PAD, subtitleTop, 30, 42, `${sans} fill="${MUTED}"`));
    parts.push(`<rect x="${PAD}" y="${height - 78}" width="${width - 2 * PAD}" height="2" fill="${escapeAttribute(brand.accent)}"/>`);
    parts.push(`<text x="${PAD}" y="${height - 40}" font-size="22" ${sans} fill="${MUTED}">LLM-serving capacity report</text>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" color="${INK}">${parts.join('')}</svg>`;
}

/** The Open Graph description of a page: its own words, else the report's in one line. */
export function describePage(report: Pick<Report, 'title' | 'client'>, title: string, description: string | undefined): string {
  return description ?? `${title}: LLM-serving capacity report${report.client ? ` for ${report.client}` : ''}.`;
}

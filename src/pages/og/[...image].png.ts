/**
 * Link-preview images, e.g. `/og/gpus/l4/chat.png`: each page's main chart under its title, or a
 * branded card, rasterised at build time (1200 × 630 PNG, the same bytes for the same input).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { renderViews } from '../../site/charts.ts';
import { getLogo, getReport } from '../../site/content.ts';
import { cardSvg, ogCards, type CardBrand, type OgCard } from '../../site/og.ts';
import { svgToPngAsync } from '../../site/png.ts';
import { getWriteups, writeupPath } from '../../site/writeups.ts';

export const getStaticPaths = (async () => {
  const report = await getReport();
  const logo = await getLogo();
  const extra = (await getWriteups()).map((w) => ({ path: writeupPath(w.id), title: w.data.title, description: w.data.description }));
  const brand: CardBrand = { reportTitle: report.title, client: report.client, accent: report.config.accent, logo: logo ? { type: logo.type, data: logo.data } : null };
  return ogCards(report, extra).map((card) => ({
    params: { image: card.file.replace(/^\/og\//, '').replace(/\.png$/, '') },
    props: { card, brand },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { card, brand } = props as { card: OgCard; brand: CardBrand };
  // The chart is the one its page shows: rendered once per build, whoever asks first.
  const chart = card.chart ? renderViews(await getReport(), [card.chart])[0]!.svg : null;
  const png = await svgToPngAsync(cardSvg(card, brand, chart));
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};

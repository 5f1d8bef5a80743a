/**
 * Link-preview images, e.g. `/og/gpus/l4/chat/card.png`: each page's main chart under its title, or
 * a branded card, rasterised at build time (1200 × 630 PNG, the same bytes for the same input).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getLogo, getSiteModel } from '../../site/content.ts';
import { cardSvg, type CardBrand } from '../../site/og.ts';
import { rasteriseInBackground } from '../../site/png.ts';

export const getStaticPaths = (async () => {
  const model = await getSiteModel();
  const logo = await getLogo();
  const { report } = model;
  const brand: CardBrand = { reportTitle: report.title, client: report.client, accent: report.config.accent, logo: logo ? { type: logo.type, data: logo.data } : null };
  // Astro asks every route for its paths before it renders any page: rasterising starts here, on
  // worker threads, and goes on while the pages render, instead of after them on one core.
  const pngs = rasteriseInBackground(model.cards.map((card) => ({
    key: card.file,
    // The chart is the one its page shows: rendered once per build, whoever asks first.
    svg: () => cardSvg(card, brand, card.chart ? model.svg(card.chart, 'plain') : null),
  })), model.cache);
  return model.cards.map((card) => ({
    params: { image: card.file.replace(/^\/og\//, '').replace(/\.png$/, '') },
    props: { png: pngs.get(card.file)! },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(await (props.png as Promise<Uint8Array<ArrayBuffer>>), { headers: { 'Content-Type': 'image/png' } });

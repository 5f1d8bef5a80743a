/**
 * Every chart as a standalone SVG file, e.g. `/gpus/l4/chat/throughput.svg`: the page's chart on a
 * background, with its title and source line. A build of the build command writes them itself
 * (site/downloads.ts); the dev server serves them here.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteModel } from '../site/content.ts';
import { downloadsWritten } from '../site/downloads.ts';

export const getStaticPaths = (async () => {
  const model = await getSiteModel();
  if (downloadsWritten(model)) return [];
  return model.charts.map((chart) => ({ params: { chart: chart.file.replace(/^\//, '').replace(/\.svg$/, '') }, props: { file: chart.file } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const model = await getSiteModel();
  const chart = model.charts.find((c) => c.file === props.file)!;
  return new Response(model.svg(chart, 'file'), { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });
};

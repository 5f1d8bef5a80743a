/** Every chart as a standalone SVG file, e.g. `/gpus/l4/chat/throughput.svg`: the bytes the page inlines. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { allChartSpecs, renderViews } from '../site/charts.ts';
import { getReport } from '../site/content.ts';

export const getStaticPaths = (async () => {
  const report = await getReport();
  return renderViews(report, allChartSpecs(report)).map((chart) => ({
    params: { chart: chart.file.replace(/^\//, '').replace(/\.svg$/, '') },
    props: { svg: chart.svg },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(props.svg as string, { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });

/**
 * Every table's CSV download, e.g. `/gpus/l4/chat/runs.csv`, from the same model as the page. A
 * build of the build command writes them itself (site/downloads.ts); the dev server serves them here.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteModel } from '../site/content.ts';
import { downloadsWritten } from '../site/downloads.ts';
import { tableCsv } from '../site/tables/cells.ts';

export const getStaticPaths = (async () => {
  const model = await getSiteModel();
  if (downloadsWritten(model)) return [];
  return model.tables.map((table) => ({ params: { table: table.csv.replace(/^\//, '').replace(/\.csv$/, '') }, props: { csv: tableCsv(table) } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(props.csv as string, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });

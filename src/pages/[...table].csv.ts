/** Every table's CSV download, e.g. `/gpus/l4/chat/runs.csv`, from the same model as the page. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getReport } from '../site/content.ts';
import { tableCsv } from '../site/table.ts';
import { allTables, csvParam } from '../site/tables.ts';

export const getStaticPaths = (async () => {
  const report = await getReport();
  return allTables(report).map((table) => ({ params: { table: csvParam(table) }, props: { csv: tableCsv(table) } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(props.csv as string, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });

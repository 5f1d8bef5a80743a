/** The folder config's logo, copied beside the pages as `/logo.<ext>` (none when there is no logo). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getLogo } from '../site/content.ts';

export const getStaticPaths = (async () => {
  const logo = await getLogo();
  if (!logo) return [];
  return [{ params: { ext: logo.file.slice('/logo.'.length) }, props: { type: logo.type, data: logo.data } }];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(Buffer.from(props.data as string, 'base64'), { headers: { 'Content-Type': props.type as string } });

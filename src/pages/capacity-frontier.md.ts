/** `/capacity-frontier.md`: exactly `renderMarkdown(report)`, the text `npm run analyze` prints. */
import type { APIRoute } from 'astro';
import { getMarkdown } from '../site/content.ts';

export const GET: APIRoute = async () =>
  new Response(await getMarkdown(), { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } });

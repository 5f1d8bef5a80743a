/**
 * Internal URLs of the site. Every link goes through `href()` so the site can be hosted under a
 * sub-path (Astro's `base`) without touching a template. Paths here are site-relative and start
 * with `/`; pages end with `/` (directory format), downloadable files do not.
 */
import type { GroupReport } from '../core/types.ts';

/** Joins a base (`/` or `/reports/q3/`, with or without its final slash) and a site path. */
export function joinBase(base: string, path: string): string {
  const prefix = base.endsWith('/') ? base.slice(0, -1) : base;
  const rest = path.startsWith('/') ? path : `/${path}`;
  return `${prefix}${rest}`;
}

/** The URL of a site path under the configured base (`import.meta.env.BASE_URL`). */
export function href(path: string): string {
  return joinBase(import.meta.env?.BASE_URL ?? '/', path);
}

/** Site paths of every page and download; slugs come from the Report and are already safe. */
export const paths = {
  overview: (): string => '/',
  report: (): string => '/capacity-frontier/',
  reportMarkdown: (): string => '/capacity-frontier.md',
  data: (): string => '/data/',
  review: (): string => '/review/',
  plan: (): string => '/plan/',
  /** The minimal page of one chart, for an `<iframe>`. */
  embed: (chartId: string): string => `/embed/${chartId}/`,
  group: (group: Pick<GroupReport, 'gpu_slug' | 'workload_slug'>): string => `/gpus/${group.gpu_slug}/${group.workload_slug}/`,
  compare: (workloadSlug: string): string => `/compare/${workloadSlug}/`,
  /** A file next to a page, e.g. `runs.csv` beside `/gpus/l4/chat/`. */
  file: (pagePath: string, name: string): string => `${pagePath.endsWith('/') ? pagePath : `${pagePath}/`}${name}`,
};

/** Whether `path` (site-relative) is the page `current` or a page below it, for `aria-current`. */
export function isCurrent(path: string, current: string): boolean {
  const normal = (p: string) => (p.endsWith('/') ? p : `${p}/`);
  return normal(path) === normal(current);
}

/**
 * Where a build's time goes, from Astro's own log (which our build writes to stderr):
 * - every generated route is printed as `├─ /path (+12ms)`: summed per page type, with the slowest
 *   routes named;
 * - the phases print their durations (`[build] ✓ Completed in 1.59s.` after collecting build info,
 *   `[vite] ✓ built in 723ms`, `✓ Completed in 3.73s.` after generating the routes,
 *   `[build] 110 page(s) built in 6.43s`): the build split into content sync, bundling, route
 *   generation and what runs after it, for the site and the bare project alike.
 */
import { pageType, type PageType } from './site-bytes.ts';

/** Render time of one kind of route. */
export interface RouteKind {
  kind: PageType | string;
  routes: number;
  ms: number;
}

/** Route timings of one build log. */
export interface RouteTimes {
  kinds: RouteKind[];
  slowest: { route: string; ms: number }[];
  totalMs: number;
}

/** The phases of one Astro build, in ms, from its log; null where the log did not say. */
export interface BuildPhases {
  /** Config, content sync (the content loader: reading and analysing the data, the data store) and types: "Collecting build info". */
  collectMs: number | null;
  /** Vite (Rolldown) bundling of the pages, components and Markdown: every `[vite] ✓ built in`. */
  bundleMs: number | null;
  /** Rendering and writing every route: "generating static routes … ✓ Completed in". */
  routesMs: number | null;
  /** The rest of "Building static entrypoints" (rearranging assets, cleanup). */
  restMs: number | null;
  /** After the routes: the integrations' `astro:build:done` hooks (our print document). */
  afterMs: number | null;
  /** Astro's own total: "N page(s) built in". */
  astroMs: number | null;
}

const ANSI = /\u001b\[[0-9;]*m/g;
const ROUTE = /[├└]─ (\/\S*) \(\+(?:(\d+)m )?([\d.]+)(ms|s)\)/;
const DURATION = /(?:(\d+)m\s*)?([\d.]+)(ms|s)\b/;

/** `1.59s`, `723ms`, `1m 3s` in ms. */
function duration(text: string): number | null {
  const match = DURATION.exec(text);
  if (!match) return null;
  const [, minutes, amount = '0', unit] = match;
  return Number(minutes ?? 0) * 60_000 + Number(amount) * (unit === 's' ? 1000 : 1);
}

/** The kind of a route: the page type of an HTML page, else its file extension. */
function kindOf(route: string): string {
  if (route.endsWith('.html')) return pageType(route.replace(/^\//, ''));
  const dot = route.lastIndexOf('.');
  return dot === -1 ? 'other' : route.slice(dot);
}

const lines = (log: string) => log.split('\n').map((raw) => raw.replace(ANSI, ''));

/** Parses Astro's per-route lines out of a build log. */
export function routeTimes(log: string): RouteTimes {
  const kinds = new Map<string, RouteKind>();
  const all: { route: string; ms: number }[] = [];
  for (const line of lines(log)) {
    const match = ROUTE.exec(line);
    if (!match) continue;
    const [, route = '', minutes, amount = '0', unit] = match;
    const ms = Number(minutes ?? 0) * 60_000 + Number(amount) * (unit === 's' ? 1000 : 1);
    const kind = kindOf(route);
    const entry = kinds.get(kind) ?? { kind, routes: 0, ms: 0 };
    entry.routes++;
    entry.ms += ms;
    kinds.set(kind, entry);
    all.push({ route, ms });
  }
  return {
    kinds: [...kinds.values()].sort((a, b) => b.ms - a.ms),
    slowest: all.sort((a, b) => b.ms - a.ms).slice(0, 5),
    totalMs: all.reduce((n, r) => n + r.ms, 0),
  };
}

/** The phases of the build a log is of (Astro 7's wording; a phase it does not find is null). */
export function buildPhases(log: string): BuildPhases {
  const built: number[] = [];
  let bundle: number | null = null;
  let routes: number | null = null;
  let astro: number | null = null;
  for (const line of lines(log)) {
    const text = line.replace(/^\d\d:\d\d:\d\d\s+/, '');
    if (text.startsWith('[build] ✓ Completed in ')) built.push(duration(text.slice(22)) ?? NaN);
    else if (text.startsWith('[vite] ✓ built in ')) bundle = (bundle ?? 0) + (duration(text.slice(17)) ?? 0);
    else if (text.startsWith('✓ Completed in ')) routes = duration(text.slice(14));
    else if (/^\[build\] \d+ page\(s\) built in /.test(text)) astro = duration(text.replace(/^.*built in /, ''));
  }
  const [collect = null, entrypoints = null] = built.map((ms) => (Number.isFinite(ms) ? ms : null));
  const rest = entrypoints !== null && bundle !== null && routes !== null ? Math.max(0, entrypoints - bundle - routes) : null;
  const after = astro !== null && collect !== null && entrypoints !== null ? Math.max(0, astro - collect - entrypoints) : null;
  return { collectMs: collect, bundleMs: bundle, routesMs: routes, restMs: rest, afterMs: after, astroMs: astro };
}

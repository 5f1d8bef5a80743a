/**
 * Where a site build's time goes, from Astro's own log: each generated route is printed as
 * `├─ /path (+12ms)`. Summed per page type, this splits the build into route rendering and the
 * rest (content sync, bundling, getStaticPaths), with the slowest routes named.
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

const ANSI = /\u001b\[[0-9;]*m/g;
const ROUTE = /[├└]─ (\/\S*) \(\+(?:(\d+)m )?([\d.]+)(ms|s)\)/;

/** The kind of a route: the page type of an HTML page, else its file extension. */
function kindOf(route: string): string {
  if (route.endsWith('.html')) return pageType(route.replace(/^\//, ''));
  const dot = route.lastIndexOf('.');
  return dot === -1 ? 'other' : route.slice(dot);
}

/** Parses Astro's per-route lines out of a build log. */
export function routeTimes(log: string): RouteTimes {
  const kinds = new Map<string, RouteKind>();
  const all: { route: string; ms: number }[] = [];
  for (const raw of log.split('\n')) {
    const match = ROUTE.exec(raw.replace(ANSI, ''));
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

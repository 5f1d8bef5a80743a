/**
 * Colours and symbols shared by every chart, so one max_new_tokens value (or one GPU) looks the same
 * on every page. Keys map to colours by their rank in a report-wide domain, never by the order a
 * single chart happens to meet them.
 */
import { formatInt } from '../core/format.ts';
import type { Point, Report } from '../core/types.ts';

/**
 * Okabe–Ito hues (colour-blind safe), darkened where needed so that every swatch keeps a 3:1 contrast
 * (WCAG non-text) against white and against a dark page (#121212, #1e1e1e). The first four are the
 * most distinct for protan/deutan viewers, so they go to the most common small sweeps. Brown (from
 * Tableau10) stands in for Okabe–Ito's black, which would vanish on a dark page.
 */
export const SERIES_COLORS: readonly string[] = [
  '#0072b2', // blue
  '#b87800', // orange, darkened from #e69f00
  '#009e73', // bluish green
  '#cc79a7', // reddish purple
  '#9a8a00', // olive, darkened from the yellow #f0e442
  '#2b9acf', // sky blue, darkened from #56b4e9
  '#d55e00', // vermillion: late in the cycle because failed runs are red
  '#9c755f', // brown
];

/**
 * Filled symbols paired with the colours, a second cue for readers who cannot tell the hues apart.
 * Seven against eight colours: the pair only repeats after 56 series. `times` is kept for failures.
 */
export const SERIES_SYMBOLS: readonly string[] = ['circle', 'square', 'diamond', 'triangle', 'star', 'wye', 'hexagon'];

/** Colour of runs that did not finish cleanly (status oom/error/timeout or failed requests). */
export const FAILURE_COLOR = '#d32f2f';

/** Symbol of runs that did not finish cleanly: a hollow ✕ reads as "failed" without colour. */
export const FAILURE_SYMBOL = 'times';

/** Colour of a series without a max_new_tokens value: neutral, outside the cycle. */
export const NEUTRAL_COLOR = '#7f7f7f';

/** Symbol of a ceiling run (unbounded load): hollow, so it never passes for an operating point. */
export const CEILING_SYMBOL = 'square';

/** Report-wide domains that fix each series' colour across pages. */
export interface SeriesDomains {
  /** Every max_new_tokens value of the report, ascending. */
  tokens: readonly number[];
  /** Every GPU label of the report, in the report's (code point) order. */
  gpus: readonly string[];
}

/** Domains of a whole report: pass the result to every chart so colours agree from page to page. */
export function seriesDomains(report: Pick<Report, 'groups' | 'gpus'>): SeriesDomains {
  const tokens = new Set<number>();
  for (const group of report.groups) for (const value of group.max_new_tokens) tokens.add(value);
  return { tokens: [...tokens].sort((a, b) => a - b), gpus: report.gpus.map((gpu) => gpu.label) };
}

// A key missing from the domain (a caller's slip) still gets a stable slot rather than a crash.
function slot(key: string, index: number): number {
  if (index !== -1) return index;
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) >>> 0;
  return hash;
}

/** Colour of a max_new_tokens series, by its rank among the report's max_new_tokens values. */
export function tokenColor(maxNewTokens: number | null, domain: readonly number[]): string {
  if (maxNewTokens === null) return NEUTRAL_COLOR;
  return SERIES_COLORS[slot(String(maxNewTokens), domain.indexOf(maxNewTokens)) % SERIES_COLORS.length]!;
}

/** Symbol of a max_new_tokens series, paired with its colour. */
export function tokenSymbol(maxNewTokens: number | null, domain: readonly number[]): string {
  if (maxNewTokens === null) return 'circle';
  return SERIES_SYMBOLS[slot(String(maxNewTokens), domain.indexOf(maxNewTokens)) % SERIES_SYMBOLS.length]!;
}

/** Colour of a GPU on comparison charts, by its rank among the report's GPU labels. */
export function gpuColor(label: string, domain: readonly string[]): string {
  return SERIES_COLORS[slot(label, domain.indexOf(label)) % SERIES_COLORS.length]!;
}

/** Symbol of a GPU on comparison charts, paired with its colour. */
export function gpuSymbol(label: string, domain: readonly string[]): string {
  return SERIES_SYMBOLS[slot(label, domain.indexOf(label)) % SERIES_SYMBOLS.length]!;
}

/**
 * Colour of a setup on a group with several: by its rank in the group's setups (a setup exists on
 * one group only, so there is no report-wide domain to keep).
 */
export function setupColor(index: number): string {
  return SERIES_COLORS[Math.max(0, index) % SERIES_COLORS.length]!;
}

/** Symbol of a setup, paired with its colour, for groups whose setups share one max_new_tokens. */
export function setupSymbol(index: number): string {
  return SERIES_SYMBOLS[Math.max(0, index) % SERIES_SYMBOLS.length]!;
}

/**
 * Why a run is drawn as a failure, as a short chart label: `OOM`, `timeout`, `error`, `3/67 failed`
 * (failed of those sent: `requests` counts the completed ones), or `load not reached` for a clean
 * run that completed fewer requests than its concurrency.
 */
export function failureLabel(point: Pick<Point, 'status' | 'failed' | 'requests'> & Partial<Pick<Point, 'reached_load'>>): string {
  if (point.status === 'oom') return 'OOM';
  if (point.status !== 'ok') return point.status;
  const failed = point.failed ?? 0;
  if (failed === 0 && point.reached_load === false) return 'load not reached';
  return point.requests !== null ? `${formatInt(failed)}/${formatInt(point.requests + failed)} failed` : `${formatInt(failed)} failed`;
}

/** Whether a point is drawn as a failure: not stable, or never reached its load. */
export function isFailure(point: Pick<Point, 'stable' | 'reached_load'>): boolean {
  return !point.stable || !point.reached_load;
}

// One sRGB channel, linearised as WCAG 2's relative luminance asks.
function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours, e.g. 4.5 for body text. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const n = Number.parseInt(hex.slice(1), 16);
    return 0.2126 * channel(n >> 16) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

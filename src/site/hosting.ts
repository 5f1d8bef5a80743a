/**
 * Where the site is hosted: the sub-path it is served under (`base`) and the origin it is published
 * at (`site`), from `--base` / `--site` or the folder config (flags win). Pure: the build script
 * reads the inputs, these check and normalise them, and the pages turn site paths into URLs.
 */
import { joinBase } from './url.ts';

/** Hosting of one build: `base` always starts and ends with `/`; `site` is an origin or null. */
export interface Hosting {
  base: string;
  site: string | null;
}

/** The outcome of checking one setting: the normalised value or a message that teaches. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

// One path segment of a sub-path: what a static host serves without encoding surprises.
const SEGMENT = /^[A-Za-z0-9._~-]+$/;

/**
 * A sub-path as Astro's `base` wants it: `reports/q3`, `/reports/q3` and `/reports/q3/` all become
 * `/reports/q3/`; `.`/`..` segments, empty segments, spaces and query or fragment characters are
 * refused (a link under such a base would not resolve where the files are).
 */
export function normalizeBase(input: string, name = '--base'): Checked<string> {
  const text = input.trim();
  if (text === '' || text === '/') return { ok: true, value: '/' };
  const segments = text.replace(/^\/+/, '').replace(/\/+$/, '').split('/');
  const bad = segments.find((s) => !SEGMENT.test(s) || s === '.' || s === '..');
  if (bad !== undefined) {
    return { ok: false, message: `${name} expects a sub-path such as /reports/q3/ (letters, digits, ".", "_", "~", "-" between slashes) but found ${JSON.stringify(input)}` };
  }
  return { ok: true, value: `/${segments.join('/')}/` };
}

/**
 * The origin the site is published at, e.g. `https://acme.github.io`. A path is refused rather
 * than guessed at: it belongs in the base, which also decides where links point.
 */
export function normalizeSite(input: string, name = '--site'): Checked<string> {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, message: `${name} expects an absolute URL such as https://acme.github.io but found ${JSON.stringify(input)}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `${name} expects an http(s) URL but found ${JSON.stringify(input)}` };
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    return {
      ok: false,
      message: `${name} expects only the origin (e.g. ${url.origin}) but found ${JSON.stringify(input)}: put the path in the base (--base ${url.pathname.replace(/\/?$/, '/')})`,
    };
  }
  return { ok: true, value: url.origin };
}

/** The hosting of a build: each flag when given, else the folder config's value, each checked. */
export function resolveHosting(flags: { base?: string | undefined; site?: string | undefined }, config: { base: string; site: string | null }, configName = 'capacity.config.json'): Checked<Hosting> {
  const base = flags.base !== undefined ? normalizeBase(flags.base) : normalizeBase(config.base, `${configName} "base"`);
  if (!base.ok) return base;
  const siteInput = flags.site !== undefined ? flags.site : config.site;
  if (siteInput === null || siteInput.trim() === '') return { ok: true, value: { base: base.value, site: null } };
  const site = normalizeSite(siteInput, flags.site !== undefined ? '--site' : `${configName} "site"`);
  if (!site.ok) return site;
  return { ok: true, value: { base: base.value, site: site.value } };
}

/** The absolute URL of a site path under a base at an origin, or null when the origin is unknown. */
export function absoluteUrl(sitePath: string, hosting: { base: string; site: string | URL | null | undefined }): string | null {
  if (!hosting.site) return null;
  return new URL(joinBase(hosting.base, sitePath), hosting.site).href;
}

/**
 * Environment variables the commands set for the Astro build and its content loader: the one
 * place their names are written.
 */
export const ENV = {
  /** The data folder the loader reads (absolute). */
  data: 'CAPACITY_DATA',
  /** `1` when every gap fails the build. */
  strict: 'CAPACITY_STRICT',
  /** The folder of write-ups (`content/` beside the project by default). */
  content: 'CAPACITY_CONTENT',
  /** A second data folder, the baseline of a review. */
  baseline: 'CAPACITY_BASELINE',
  /** Several baseline folders (a JSON list of absolute paths), the history of a review. */
  baselines: 'CAPACITY_BASELINES',
  /** With a `SETTING=VALUE` baseline, the candidate's `SETTING=VALUE` when the setting takes several. */
  candidate: 'CAPACITY_CANDIDATE',
  /** Where builds keep drawn charts and preview images between runs: a folder, or `off` (default: node_modules/.cache/capacity-frontier). */
  cache: 'CAPACITY_CACHE',
  /** The folder a build writes the site into (the build command's staging folder): downloads are written there directly. */
  out: 'CAPACITY_OUT',
  /** Pins the build date (seconds since 1970), as reproducible builds do. */
  sourceDate: 'SOURCE_DATE_EPOCH',
  /** The Chromium that prints the PDF and runs the browser tests (default /usr/bin/chromium). */
  chromium: 'CHROMIUM_PATH',
} as const;

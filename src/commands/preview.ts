/**
 * `npm run preview -- [--out DIR] [--base PATH] [--port N] [--host]`
 * Serves a built site as static hosting would, until `signal` aborts (the script aborts on
 * Ctrl-C). Exit codes: 2 wrong usage or no built site, 1 the server did not start, else 0.
 */
import path from 'node:path';
import { stat } from 'node:fs/promises';
import { normalizeBase } from '../site/hosting.ts';
import { parseCommandLine, portOption, SERVER_OPTIONS, usageError, type Parsed } from './args.ts';
import { astroEnvironment } from './astro/environment.ts';
import { astroLogger } from './astro/logger.ts';
import type { Effects } from './effects.ts';
import { setEnv } from './process-env.ts';
import { ROOT } from './root.ts';
import { untilAborted } from './until-aborted.ts';

/** The usage `--help` prints. */
export const USAGE = `Usage: npm run preview -- [--out DIR] [--base PATH] [--port N] [--host]

  --out DIR    the built site to serve (default: dist, as npm run build writes it)
  --base PATH  the sub-path it was built for (npm run build --base), served there (default: /)
  --port N     port (default: 4321)
  --host       listen on every network interface, not only localhost
`;

/** Which built site to serve and where. */
export interface PreviewOptions {
  /** The built site, as the user named it. */
  out: string;
  /** The sub-path, normalised (`/reports/q3/`). */
  base: string;
  port: number;
  host: boolean;
  /** Stops the server; without one it serves until the process ends. */
  signal?: AbortSignal | undefined;
}

/** The preview server's options from its command line. */
export function parse(argv: readonly string[]): Parsed<PreviewOptions> {
  const parsed = parseCommandLine(argv, { out: { type: 'string', default: 'dist' }, base: { type: 'string', default: '/' }, ...SERVER_OPTIONS }, USAGE);
  if (!parsed.ok) return parsed;
  const port = portOption(parsed.values.port, USAGE);
  if (!port.ok) return port;
  const base = normalizeBase(parsed.values.base);
  if (!base.ok) return usageError(base.message, USAGE);
  return { ok: true, options: { out: parsed.values.out, base: base.value, port: port.port, host: parsed.values.host } };
}

/** Serves the site in `options.out` until `options.signal` aborts; the exit code. */
export async function run(options: PreviewOptions, effects: Effects): Promise<number> {
  const out = path.resolve(options.out);
  if (!(await stat(path.join(out, 'index.html')).then((s) => s.isFile(), () => false))) {
    effects.logger.error(`--out expects a built site but ${JSON.stringify(options.out)} has no index.html: run npm run build first`);
    return 2;
  }
  const restore = setEnv(astroEnvironment('production', {}));
  const log = astroLogger(effects.logger);
  try {
    const { preview } = await import('astro');
    const server = await preview({ root: ROOT, outDir: out, base: options.base, server: { port: options.port, host: options.host }, logger: log.config });
    await untilAborted(options.signal);
    await server.stop();
    return 0;
  } catch (error) {
    effects.logger.error(`${(error as Error).message}\nThe preview server did not start.`);
    return 1;
  } finally {
    log.close();
    restore();
  }
}

/**
 * `npm run dev -- [--data DIR] [--port N] [--host]`
 * Serves the site with live reload; the loader watches DIR and re-reads it when a file in it
 * changes, ignoring editors' temporary files. Invalid data is reported on the log and, until it is
 * fixed, every page is an error page with the same `file:line:column` lines.
 * Exit codes: 2 wrong usage, 1 the server did not start; otherwise it serves until `signal`
 * aborts (the script aborts on Ctrl-C), then 0.
 */
import { ENV } from '../env.ts';
import { parseCommandLine, portOption, SERVER_OPTIONS, type Parsed } from './args.ts';
import { astroEnvironment } from './astro/environment.ts';
import { astroLogger } from './astro/logger.ts';
import { checkDataFolder } from './data-folder.ts';
import type { Effects } from './effects.ts';
import { setEnv } from './process-env.ts';
import { ROOT } from './root.ts';
import { untilAborted } from './until-aborted.ts';

/** The usage `--help` prints. */
export const USAGE = `Usage: npm run dev -- [--data DIR] [--port N] [--host]

  --data DIR   folder of benchmark results (default: data); edits to it reload the pages
  --port N     port of the dev server (default: 4321)
  --host       listen on every network interface, not only localhost
`;

/** What the dev server serves and where. */
export interface DevOptions {
  /** The data folder, as the user named it. */
  data: string;
  port: number;
  /** Listen on every interface. */
  host: boolean;
  /** The folder of write-ups (from CAPACITY_CONTENT); the project's `content/` when undefined. */
  content?: string | undefined;
  /** Stops the server; without one it serves until the process ends. */
  signal?: AbortSignal | undefined;
}

/** The dev server's options from its command line and the environment. */
export function parse(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Parsed<DevOptions> {
  const parsed = parseCommandLine(argv, { data: { type: 'string', default: 'data' }, ...SERVER_OPTIONS }, USAGE);
  if (!parsed.ok) return parsed;
  const port = portOption(parsed.values.port, USAGE);
  if (!port.ok) return port;
  return { ok: true, options: { data: parsed.values.data, port: port.port, host: parsed.values.host, content: env[ENV.content] || undefined } };
}

/** Serves the site of `options.data` until `options.signal` aborts; the exit code. */
export async function run(options: DevOptions, effects: Effects): Promise<number> {
  // A folder without data yet is fine here: the loader reports it and reads again on the first file.
  const folder = await checkDataFolder(options.data, { allowEmpty: true });
  if (!folder.ok) {
    effects.logger.error(folder.message);
    return folder.code;
  }
  // The loader reads these on every reload, so they stay set for as long as the server runs.
  const restore = setEnv(astroEnvironment('development', { [ENV.data]: folder.dir, [ENV.strict]: '0', [ENV.content]: options.content }));
  const log = astroLogger(effects.logger);
  try {
    const { dev } = await import('astro');
    const server = await dev({ root: ROOT, server: { port: options.port, host: options.host }, logger: log.config });
    await untilAborted(options.signal);
    await server.stop();
    return 0;
  } catch (error) {
    effects.logger.error(`${(error as Error).message}\nThe dev server did not start.`);
    return 1;
  } finally {
    log.close();
    restore();
  }
}

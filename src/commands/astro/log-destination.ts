/**
 * The logger entrypoint Astro loads (`logger.entrypoint`): it hands every message of a build or a
 * server to the sink the command registered under `config.sink`. Astro loads this file twice,
 * natively for its own logger and bundled into the prerender code with the config serialised,
 * so the sinks live on `globalThis` (one registry per process) and travel by name, not value.
 * No imports: the bundled copy must not pull anything in.
 */

/** One message as Astro gives it to a destination. */
export interface AstroLogEvent {
  label: string | null;
  level: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  message: string;
  /** False for the first part of a line another message completes. */
  newLine?: boolean;
}

/** Where a command wants Astro's messages. */
export type AstroLogSink = (event: AstroLogEvent) => void;

const SINKS = Symbol.for('capacity-frontier.astro-log-sinks');

/** The process's registry of sinks by name. */
export function astroLogSinks(): Map<string, AstroLogSink> {
  const holder = globalThis as { [SINKS]?: Map<string, AstroLogSink> };
  return (holder[SINKS] ??= new Map());
}

/** The destination Astro creates from `{ sink }`; a message for a sink that is gone goes to stderr. */
export default function destination(config?: { sink?: string }): { write(event: AstroLogEvent): void } {
  return {
    write(event) {
      const sink = config?.sink === undefined ? undefined : astroLogSinks().get(config.sink);
      if (sink) sink(event);
      else process.stderr.write(`${event.message}${event.newLine === false ? '' : '\n'}`);
    },
  };
}

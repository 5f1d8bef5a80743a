/**
 * Astro's messages (its progress, Vite's warnings, the content loader's `logger.warn`) sent to a
 * command's Logger instead of straight to the terminal: a build run in a test or inside `pdf`
 * keeps them with the rest of its output, and colour is decided in one place (effects.ts).
 */
import type { AstroInlineConfig } from 'astro';
import type { Logger } from '../effects.ts';
import { astroLogSinks, type AstroLogEvent } from './log-destination.ts';

const ENTRYPOINT = new URL('./log-destination.ts', import.meta.url);

const time = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

let next = 0;

/** `[WARN] [vite] …` as Astro prints it (the level only for warnings and errors). */
export function formatAstroEvent(event: AstroLogEvent, now = new Date()): string {
  if (event.label === 'SKIP_FORMAT') return event.message;
  const level = event.level === 'warn' || event.level === 'error' ? ` [${event.level.toUpperCase()}]` : '';
  return `${time.format(now)}${level}${event.label ? ` [${event.label}]` : ''} ${event.message}`;
}

/**
 * An Astro logger config that forwards to `logger` until `close()`: pass `config` as the inline
 * config's `logger`. A message Astro splits over two calls (`newLine: false`) arrives as one line.
 * `progress: false` drops Astro's progress (its info lines: a build says what it did in one line
 * of its own), keeping warnings and errors.
 */
export function astroLogger(logger: Logger, options: { progress?: boolean } = {}): { config: NonNullable<AstroInlineConfig['logger']>; close(): void } {
  const progress = options.progress ?? true;
  const sink = `sink-${process.pid}-${++next}`;
  let partial: { level: AstroLogEvent['level']; text: string } | null = null;
  const emit = (level: AstroLogEvent['level'], text: string) => {
    if (level === 'warn') logger.warn(text);
    else if (level === 'error') logger.error(text);
    else if (level === 'info' && progress) logger.info(text);
  };
  const flush = () => {
    if (partial) emit(partial.level, partial.text);
    partial = null;
  };
  astroLogSinks().set(sink, (event) => {
    const text = partial && partial.level === event.level ? partial.text + event.message : formatAstroEvent(event);
    if (partial && partial.level !== event.level) flush();
    if (event.newLine === false) partial = { level: event.level, text };
    else {
      partial = null;
      emit(event.level, text);
    }
  });
  return {
    config: { entrypoint: ENTRYPOINT, config: { sink } },
    close() {
      flush();
      astroLogSinks().delete(sink);
    },
  };
}

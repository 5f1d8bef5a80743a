/**
 * What a command may do to the world besides its files: log (diagnostics, progress) and write its
 * output (the report analyze prints, the summary line of a build). Commands take these as an
 * argument, so the same function runs in a terminal, inside another command, or in a test.
 */
import { fstatSync } from 'node:fs';

/** Diagnostics and progress: one message per call (a message may span lines; no trailing newline needed). */
export interface Logger {
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
}

/** The command's product, written as given (analyze's report, build's summary line). */
export interface Output {
  write(text: string): void;
}

/** Everything a command needs to talk. */
export interface Effects {
  logger: Logger;
  output: Output;
}

/** Effects whose text is kept: `stdout` is the output, `stderr` every log message, both without ANSI. */
export interface CollectingEffects extends Effects {
  /** Every log message in order, with its level. */
  readonly messages: { level: keyof Logger; text: string }[];
  stdout(): string;
  stderr(): string;
}

// CSI and OSC sequences: colours and cursor moves from Astro, Vite or a hostile label.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** The text without ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** A stream as colour decides it: its file descriptor (to tell a file) and whether it is a terminal. */
export interface ColourStream {
  fd?: number;
  isTTY?: boolean;
  hasColors?: (env?: object) => boolean;
}

function isRegularFile(fd: number | undefined): boolean {
  if (fd === undefined) return false;
  try {
    return fstatSync(fd).isFile();
  } catch {
    return false;
  }
}

/**
 * Whether to colour what goes to `stream`: never into a file; `FORCE_COLOR` (anything but `0`
 * or `false`) forces it into a pipe or a terminal, `NO_COLOR` turns it off, else only a terminal
 * that has colours (not `TERM=dumb`) gets them.
 */
export function wantsColour(stream: ColourStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (isRegularFile(stream.fd)) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (!stream.isTTY) return false;
  return stream.hasColors ? stream.hasColors(env) : env.TERM !== 'dumb';
}

const yellow = (text: string) => `\u001b[33m${text}\u001b[39m`;
const red = (text: string) => `\u001b[31m${text}\u001b[39m`;

/**
 * Effects of a command run from a terminal: output to stdout, every log message to stderr (so
 * `npm run -s analyze -- --format json | jq` reads only the report). Warnings and errors are
 * coloured on a terminal; elsewhere every escape sequence is stripped, so a log file stays text.
 */
export function consoleEffects(
  streams: { stdout: NodeJS.WritableStream & ColourStream; stderr: NodeJS.WritableStream & ColourStream } = process,
  env: NodeJS.ProcessEnv = process.env,
): Effects {
  const colour = wantsColour(streams.stderr, env);
  const log = (paint: (text: string) => string) => (text: string) => {
    streams.stderr.write(colour ? paint(line(text).slice(0, -1)) + '\n' : stripAnsi(line(text)));
  };
  return {
    logger: { info: log((text) => text), warn: log(yellow), error: log(red) },
    // The output is the product: written byte for byte, whatever the stream is.
    output: { write: (text) => void streams.stdout.write(text) },
  };
}

/** Effects that say nothing (a command used for its files only). */
export function silentEffects(): Effects {
  const ignore = () => {};
  return { logger: { info: ignore, warn: ignore, error: ignore }, output: { write: ignore } };
}

/** Effects that keep every message and all output, for tests and for commands that run commands. */
export function collectingEffects(): CollectingEffects {
  const messages: { level: keyof Logger; text: string }[] = [];
  const written: string[] = [];
  const keep = (level: keyof Logger) => (text: string) => void messages.push({ level, text: stripAnsi(text) });
  return {
    messages,
    logger: { info: keep('info'), warn: keep('warn'), error: keep('error') },
    output: { write: (text) => void written.push(text) },
    stdout: () => stripAnsi(written.join('')),
    stderr: () => messages.map((m) => line(m.text)).join(''),
  };
}

/** The same logger with its output sent to `logger.info`: a command run inside another keeps the outer stdout clean. */
export function outputAsLog(effects: Effects): Effects {
  return { logger: effects.logger, output: { write: (text) => effects.logger.info(text.replace(/\n$/, '')) } };
}

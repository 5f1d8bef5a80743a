/** Colour only on a terminal (NO_COLOR, FORCE_COLOR), never ANSI into a file; collected text is plain. */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectingEffects, consoleEffects, outputAsLog, silentEffects, stripAnsi, wantsColour } from '../../../src/commands/effects.ts';

const tty = { isTTY: true, hasColors: () => true };
const pipe = { isTTY: false };

describe('wantsColour', () => {
  it('colours a terminal unless NO_COLOR says no', () => {
    expect(wantsColour(tty, {})).toBe(true);
    expect(wantsColour(tty, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour(tty, { NO_COLOR: '' })).toBe(true);
    expect(wantsColour({ isTTY: true, hasColors: () => false }, {})).toBe(false);
  });

  it('does not colour a pipe unless FORCE_COLOR asks', () => {
    expect(wantsColour(pipe, {})).toBe(false);
    expect(wantsColour(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(wantsColour(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(wantsColour(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(wantsColour(tty, { FORCE_COLOR: 'false', NO_COLOR: '' })).toBe(false);
  });

  it('never colours a file, even with FORCE_COLOR', () => {
    const file = path.join(os.tmpdir(), `cf-colour-${process.pid}.log`);
    const fd = openSync(file, 'w');
    try {
      expect(wantsColour({ fd, isTTY: false }, { FORCE_COLOR: '3' })).toBe(false);
    } finally {
      closeSync(fd);
      rmSync(file, { force: true });
    }
  });
});

/** A stream that keeps what is written, as a terminal or a pipe. */
function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, hasColors: () => isTTY, write: (text: string) => chunks.push(text) > 0 } as unknown as NodeJS.WriteStream & { chunks: string[] };
}

describe('consoleEffects', () => {
  it('logs to stderr and writes the output to stdout as given', () => {
    const stdout = stream(false);
    const stderr = stream(false);
    const { logger, output } = consoleEffects({ stdout, stderr }, {});
    output.write('# Report\n');
    logger.info('\u001b[32mbuilt\u001b[39m');
    logger.warn('careful');
    logger.error('broken\n');
    expect(stdout.chunks.join('')).toBe('# Report\n');
    expect(stderr.chunks.join('')).toBe('built\ncareful\nbroken\n');
  });

  it('colours warnings and errors on a terminal', () => {
    const stderr = stream(true);
    consoleEffects({ stdout: stream(true), stderr }, {}).logger.warn('careful');
    expect(stderr.chunks.join('')).toBe('\u001b[33mcareful\u001b[39m\n');
  });

  it('writes plain text into a real file', () => {
    const file = path.join(os.tmpdir(), `cf-console-${process.pid}.log`);
    const fd = openSync(file, 'w');
    const stderr = Object.assign(stream(false), { fd, isTTY: false, write: (text: string) => writeSync(fd, text) > 0 });
    try {
      consoleEffects({ stdout: stream(false), stderr }, { FORCE_COLOR: '1' }).logger.error('\u001b[1mbold\u001b[22m');
      expect(readFileSync(file, 'utf8')).toBe('bold\n');
    } finally {
      closeSync(fd);
      rmSync(file, { force: true });
    }
  });
});

describe('collectingEffects and friends', () => {
  it('keeps output and messages apart, without ANSI', () => {
    const effects = collectingEffects();
    effects.output.write('a\n');
    effects.logger.warn('\u001b[33mw\u001b[39m');
    effects.logger.error('e');
    expect(effects.stdout()).toBe('a\n');
    expect(effects.stderr()).toBe('w\ne\n');
    expect(effects.messages).toEqual([{ level: 'warn', text: 'w' }, { level: 'error', text: 'e' }]);
  });

  it('outputAsLog sends a command\'s output to the log of the one that ran it', () => {
    const outer = collectingEffects();
    outputAsLog(outer).output.write('Built 3 pages\n');
    expect(outer.stdout()).toBe('');
    expect(outer.messages).toEqual([{ level: 'info', text: 'Built 3 pages' }]);
  });

  it('silentEffects says nothing', () => {
    const { logger, output } = silentEffects();
    expect(() => { logger.error('x'); output.write('y'); }).not.toThrow();
  });

  it('stripAnsi removes colours and links, keeps the text', () => {
    expect(stripAnsi('\u001b[38;5;246m│\u001b[0m \u001b]8;;https://x\u0007link\u001b]8;;\u0007')).toBe('│ link');
  });
});

/**
 * How a build learns its gaps without scanning the pages it wrote: the content loader, which
 * loads the report and judges its gaps, hands them over with `reportGaps(report.gaps, notes)`, and
 * the build command prints one line about them, after the engineer's notes (engineerNotes), which
 * Astro's logger would drop with its progress. The loader runs inside Astro, in the build's own
 * process but from Vite's copy of the modules, so the hand-over goes through `globalThis` (not a
 * module variable, and not the environment). Builds of a process take turns (lock.ts): there is
 * one listening build at a time.
 */
import type { Gap } from '../../core/types.ts';

const SLOT = Symbol.for('capacity-frontier.build-gaps');

interface Listening {
  gaps: readonly Gap[] | null;
  notes: readonly string[];
}

const holder = globalThis as { [SLOT]?: Listening | undefined };

/**
 * The hook for the content loader: call it with the report's gaps and the engineer's notes each
 * time the report is loaded; true when a build command took them (it prints them), false when
 * nobody listens (dev, `astro build` on its own, a unit test), so the loader says them itself.
 */
export function reportGaps(gaps: readonly Gap[], notes: readonly string[] = []): boolean {
  const listening = holder[SLOT];
  if (listening) {
    listening.gaps = gaps;
    listening.notes = notes;
  }
  return listening !== undefined;
}

/** Runs `fn` (a build) and returns its value with the gaps the loader reported (null when it reported none) and its notes. */
export async function listenForGaps<T>(fn: () => Promise<T>): Promise<{ value: T; gaps: readonly Gap[] | null; notes: readonly string[] }> {
  const outer = holder[SLOT];
  const listening: Listening = { gaps: null, notes: [] };
  holder[SLOT] = listening;
  try {
    const value = await fn();
    return { value, gaps: listening.gaps, notes: listening.notes };
  } finally {
    holder[SLOT] = outer;
  }
}

// The data folder as a shell word, for a command line the user can paste.
const shellWord = (text: string) => (/^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

/** The one line a build prints about its gaps (`data` as the user named it), or null when every figure is measured. */
export function gapsLine(count: number, data: string): string | null {
  if (count === 0) return null;
  const command = `npm run analyze -- ${data === 'data' ? '' : `--data ${shellWord(data)} `}--gaps`;
  return `${count} figure${count === 1 ? ' is' : 's are'} not measured (see ${command})`;
}

/**
 * Folders removed when the process exits, whatever ends it (an error, `process.exit` after
 * Ctrl-C). One listener for all of them: a test worker runs many builds, and a listener per
 * build would pile up (and trip Node's leak warning).
 */
import { rmSync } from 'node:fs';

const pending = new Set<string>();
let listening = false;

/** Removes `dir` at exit unless `forget(dir)` was called first; returns `forget`. */
export function removeAtExit(dir: string): () => void {
  pending.add(dir);
  if (!listening) {
    listening = true;
    process.once('exit', () => {
      for (const each of pending) rmSync(each, { recursive: true, force: true });
    });
  }
  return () => void pending.delete(dir);
}

/**
 * Removes `dir` after `ms` (or at exit, whichever comes first). For folders something may still
 * write to for a moment: a test worker lives on after a build but is killed, not exited, so
 * waiting for the exit alone would leave one folder per build behind.
 */
export function removeSoon(dir: string, ms: number): void {
  const forget = removeAtExit(dir);
  setTimeout(() => {
    forget();
    rmSync(dir, { recursive: true, force: true });
  }, ms).unref();
}

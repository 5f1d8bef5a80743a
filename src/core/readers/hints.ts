/**
 * Sentences readers append to their messages, so every message about a file's shape ends by
 * saying what to do about it.
 */

/** How to skip a file that is not a benchmark result (the folder config's ignore list). */
export function skipHint(file: string): string {
  return `if this file is not a benchmark result, skip it with "ignore": [${JSON.stringify(file)}] in capacity.config.json`;
}

/** A shape problem of a whole file, ending with how to skip it: `expects … but found …; if this …`. */
export function notABenchmark(file: string, message: string): string {
  return `${message} (${skipHint(file)})`;
}

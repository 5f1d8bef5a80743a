/**
 * The folder config's labelling rules and ignore list, applied to file paths: which rules match a
 * file (an exact path, a folder `dir/`, or a glob `**\/TP8_*\/*.json`), what they set, and which
 * files are skipped. Pure: paths in, values out.
 */
import { labelsFromFileName } from './filename.ts';
import type { RecordDefaults } from './record.ts';
import type { FileRule, SettingValue } from './types.ts';

/** Whether a rule key is a glob (has `*`, `?` or `[`) rather than a path or a folder. */
export function isGlob(key: string): boolean {
  return /[*?[]/.test(key);
}

/**
 * A glob as a regular expression over `/`-separated paths: `**` any number of folders, `*` any
 * characters but `/`, `?` one such character, `[…]` a class; everything else literal.
 */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` anything below.
        if (glob[i + 2] === '/') {
          out += '(?:[^/]*/)*';
          i += 2;
        } else {
          out += '.*';
          i += 1;
        }
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close === -1) out += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = close;
      }
    } else {
      out += c.replace(/[.+^${}()|\\]/g, '\\$&');
    }
  }
  // A glob ending in `/` names a folder: it matches every file below it.
  return new RegExp(`^${out}${glob.endsWith('/') ? '.*' : ''}$`);
}

const GLOBS = new Map<string, RegExp>();

function globOf(key: string): RegExp {
  let re = GLOBS.get(key);
  if (!re) GLOBS.set(key, (re = globToRegExp(key)));
  return re;
}

/** A rule key as a path inside the data folder: `./runs/` and `/runs/` are `runs/`; `./` and `/` the whole folder. */
export function normaliseKey(key: string): string {
  return key.replace(/^(?:\.\/|\/)+/, '');
}

/** Whether a rule key matches a file: the path itself, a folder holding it (`./` for all), or a glob. */
export function keyMatches(key: string, file: string): boolean {
  const own = normaliseKey(key);
  if (own === '' || own === '.') return true;
  if (isGlob(own)) return globOf(own).test(file);
  if (own.endsWith('/')) return file.startsWith(own);
  return own === file;
}

// Rules apply from the least specific to the most, so the most specific wins: globs (in the
// order written), then folders from the outermost, then the file's own entry.
function specificity(key: string): number {
  const own = normaliseKey(key);
  if (isGlob(own)) return 0;
  if (own === '' || own === '.') return 1;
  if (own.endsWith('/')) return 1 + own.split('/').length;
  return 1_000;
}

/** The rules that match a file, least specific first. */
export function rulesFor(rules: readonly FileRule[], file: string): FileRule[] {
  return rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => keyMatches(rule.match, file))
    .sort((a, b) => specificity(a.rule.match) - specificity(b.rule.match) || a.index - b.index)
    .map(({ rule }) => rule);
}

/** Named groups of a rule's pattern found in a path (null when the pattern does not match it). */
export function captures(pattern: string, file: string): Record<string, string> | null {
  const match = new RegExp(pattern).exec(file);
  if (!match) return null;
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(match.groups ?? {})) if (value !== undefined) values[name] = value;
  return values;
}

/**
 * What a file gets from outside itself: labels from its name (`<x>_<workload>_capacity_<gpu>.csv`),
 * then every matching rule's values and pattern captures, the more specific winning.
 */
export function defaultsFor(rules: readonly FileRule[], file: string): RecordDefaults {
  const values: Record<string, SettingValue> = {};
  const origin: Record<string, string> = {};
  for (const [key, value] of Object.entries(labelsFromFileName(file))) {
    values[key] = value;
    origin[key] = 'the file name';
  }
  for (const rule of rulesFor(rules, file)) {
    for (const [key, value] of Object.entries(rule.values)) {
      values[key] = value;
      origin[key] = `files[${JSON.stringify(rule.match)}] in capacity.config.json`;
    }
    if (rule.pattern !== null) {
      for (const [key, value] of Object.entries(captures(rule.pattern, file) ?? {})) {
        values[key] = value;
        origin[key] = `files[${JSON.stringify(rule.match)}].pattern in capacity.config.json`;
      }
    }
  }
  return { values, origin };
}

/** The ignore rule that skips a file, or null. */
export function ignoredBy(ignore: readonly string[], file: string): string | null {
  return ignore.find((glob) => keyMatches(glob, file)) ?? null;
}

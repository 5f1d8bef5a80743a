import { jsonSyntaxPosition, lineColumn } from '../config.ts';
import type { IssueList } from '../issues.ts';
import type { Probe, ProbedDocument, ReaderContext } from './reader.ts';

/** A parsed JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** True for a JSON object (not null, not an array). */
export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type { Position } from '../record.ts';
import { isDecimal, type Position } from '../record.ts';

// Strings are matched first so a bare token inside a string is left alone.
const NON_STANDARD = /"(?:[^"\\\n]|\\.)*"|(-?Infinity|NaN)\b/g;

/**
 * Python's json module writes `Infinity`, `-Infinity` and `NaN` as bare tokens (SGLang's
 * `"request_rate": Infinity`); JSON.parse rejects them. They are rewritten outside strings only:
 * `Infinity` becomes `1e999` padded to the same length (JSON.parse reads it as Infinity, and
 * columns of later keys stay true); `NaN` becomes the string "NaN", which validation then refuses.
 */
export function replaceNonStandardNumbers(text: string): string {
  if (!text.includes('Infinity') && !text.includes('NaN')) return text;
  return text.replace(NON_STANDARD, (match, token: string | undefined) => {
    if (token === undefined) return match;
    if (token === 'NaN') return '"NaN"';
    return (token.startsWith('-') ? '-1e999' : '1e999').padEnd(token.length, ' ');
  });
}

/**
 * JSON.parse of text as Python tools write it: standard JSON parses as it is, and only text that
 * does not is searched for the bare tokens (two scans of a 1 MB file saved on every file that has
 * none). Throws as JSON.parse does; the error is that of the rewritten text.
 */
export function parsePythonJson(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    const body = replaceNonStandardNumbers(text);
    if (body === text) throw error;
    return JSON.parse(body) as Json;
  }
}

/**
 * Parses JSON text as Python tools write it (see replaceNonStandardNumbers). On a syntax error
 * (a truncated file, say) reports its line and column and returns undefined.
 */
export function parseToolJson(text: string, issues: IssueList, lineOffset = 0, what = 'valid JSON', probed?: ProbedDocument | null): Json | undefined {
  const source = text.replace(/^\uFEFF/, '');
  // The probe's own text: its parse is taken without scanning the text again.
  if (probed && probed.source.length === source.length && probed.source === source) return probed.value;
  try {
    return parsePythonJson(source);
  } catch (error) {
    // The error's position is in the rewritten text (the text itself when it has no bare tokens).
    const at = jsonSyntaxPosition(replaceNonStandardNumbers(source), error);
    issues.add(at.line + lineOffset, at.column, `expects ${what} but found a syntax error (${at.message})`);
    return undefined;
  }
}

/**
 * Locates keys of one record inside the original text, lazily: only problems need a position,
 * and a 1 MB result file is scanned only when there is one to report.
 */
export class KeyLocator {
  readonly text: string;
  /** Offset where the record starts; keys are searched from here. */
  readonly start: number;
  /** Offset where the record ends (exclusive). */
  readonly end: number;
  constructor(text: string, start = 0, end = text.length) {
    this.text = text;
    this.start = start;
    this.end = end;
  }
  /** The record's own position. */
  record(): Position {
    return lineColumn(this.text, this.start);
  }
  /** Position of `"key"` along a path of nested keys (each searched after the previous one). */
  key(...path: string[]): Position {
    let offset = this.start;
    for (const key of path) {
      const found = this.text.indexOf(JSON.stringify(key), offset);
      if (found === -1 || found >= this.end) break;
      offset = found;
    }
    return lineColumn(this.text, offset);
  }
}

/**
 * Offsets where the elements of the JSON array starting at `open` (the offset of its `[`)
 * begin. A scanner over the text, aware of strings, used to give each run its line.
 */
export function arrayElementOffsets(text: string, open: number): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let expectValue = false;
  for (let i = open; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') {
      if (depth === 1 && expectValue) {
        offsets.push(i);
        expectValue = false;
      }
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (char === ' ' || char === '\n' || char === '\r' || char === '\t') continue;
    if (depth === 1 && expectValue && char !== ']') {
      offsets.push(i);
      expectValue = false;
    }
    if (char === '[' || char === '{') {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (char === ']' || char === '}') {
      depth--;
      if (depth === 0) break;
    } else if (char === ',' && depth === 1) {
      expectValue = true;
    }
  }
  return offsets;
}

/** Offset of the `[` of the array value of a top-level key, or -1. */
export function arrayOfKey(text: string, key: string, from = 0): number {
  const found = text.indexOf(JSON.stringify(key), from);
  if (found === -1) return -1;
  const open = text.indexOf('[', found);
  return open;
}

/** One line of a JSON Lines file. */
export interface JsonLine {
  /** 1-based line number. */
  line: number;
  /** Offset of the line's first character. */
  start: number;
  end: number;
  text: string;
}

/** The non-blank lines of a JSON Lines text. */
export function jsonLines(text: string): JsonLine[] {
  const lines: JsonLine[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    // Not .replace(/\r$/): that scans a long line (a whole result file) for its last character.
    const raw = text.slice(start, end);
    const body = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (body.trim() !== '') lines.push({ line, start, end, text: body });
    if (end === text.length) break;
    start = end + 1;
    line++;
  }
  return lines;
}

/** The last segment of a `/`-separated path. */
export function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** The folder part of a `/`-separated path ('' at the top). */
export function folderOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '' : file.slice(0, slash);
}

/** Whether a JSON head (first few KB) looks like a JSON document rather than CSV or prose. */
export function looksLikeJson(head: string): boolean {
  const first = head.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' || first === '[';
}

/** 1-based line of a character offset. */
export function lineOf(text: string, offset: number): number {
  return lineColumn(text, offset).line;
}

function keysOf(value: unknown): Set<string> | null {
  const first = Array.isArray(value) ? value.find((v) => typeof v === 'object' && v !== null && !Array.isArray(v)) : value;
  return typeof first === 'object' && first !== null && !Array.isArray(first) ? new Set(Object.keys(first)) : null;
}

/** A reader's whole file as JSON: the probe's parse of it when there is one (see parseToolJson). */
export function parseDocument(text: string, context: Pick<ReaderContext, 'issues' | 'probed'>): Json | undefined {
  return parseToolJson(text, context.issues, 0, 'valid JSON', context.probed);
}

/**
 * What detection sees of a file. For JSON and JSON Lines: the top-level keys of its first object,
 * wherever they sit in the text (SGLang puts a 20–50 KB server_info object before its metrics).
 * A file that does not parse is probed by the keys written in its first 64 KB, at any depth, so
 * that its own reader is chosen and reports the syntax error at its line and column.
 */
export function probeOf(file: string, text: string): Probe {
  const head = text.slice(0, 4096);
  if (!/\.jsonl?$/i.test(file) || !looksLikeJson(head)) return { file, head, keys: null, list: false };
  const body = text.replace(/^\uFEFF/, '');
  const list = body.trimStart().startsWith('[');
  // The whole document's parse goes with the probe to the reader: a large file of per-request
  // records is then parsed once, not twice.
  let document: ProbedDocument | null = null;
  for (const candidate of [body, body.slice(0, Math.max(0, body.indexOf('\n')) || body.length)]) {
    try {
      const value = parsePythonJson(candidate);
      const keys = keysOf(value);
      document = candidate === body ? { source: candidate, value } : null;
      if (keys) return { file, head, keys, list, document };
    } catch {
      // Not this way: try the first line alone (JSON Lines), then the written keys.
    }
  }
  const keys = new Set<string>();
  for (const match of body.slice(0, 65_536).matchAll(/"((?:[^"\\\n]|\\.)*)"\s*:/g)) keys.add(match[1]!);
  return { file, head, keys, list, document };
}

/** A number from a tool's value: a JSON number, or a string of plain decimal digits (`"550"`); else null. */
export function numberOf(value: Json | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && isDecimal(value.trim())) return Number(value);
  return null;
}

/** The object at a path of keys (`root.input_config.loadgen`), or null when any step is not an object. */
export function objectAt(root: Json | undefined, ...path: string[]): JsonObject | null {
  let value: Json | undefined = root;
  for (const key of path) {
    if (!isObject(value)) return null;
    value = value[key];
  }
  return isObject(value) ? value : null;
}

/** Whether a probe's keys hold any of the names. */
export function hasAnyKey(keys: ReadonlySet<string> | null, names: readonly string[]): boolean {
  return keys !== null && names.some((name) => keys.has(name));
}

/**
 * Offset of the `[` of the array value of a key of the root object (depth 1 only), or -1: a
 * nested key of the same name before it (GuideLLM v0.7's `config.benchmarks`) is skipped.
 */
export function arrayOfRootKey(text: string, key: string): number {
  const wanted = JSON.stringify(key);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (depth === 1 && text.slice(start, i + 1) === wanted && /^\s*:\s*\[/.test(text.slice(i + 1, i + 64))) return text.indexOf('[', i);
      continue;
    }
    if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
  }
  return -1;
}

/** A JSON value when it is a string, number or boolean; objects, lists and null are no setting. */
export function scalarOf(value: Json | undefined): string | number | boolean | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/**
 * JSON parsed with the place of every key and value, for files a person writes (the folder
 * config): a mistake is reported at the key as written, at its line and column, at any depth.
 * Tool outputs, which can be megabytes, go through JSON.parse instead (readers/json-text.ts).
 */
import type { Position } from './record.ts';

/** A parsed JSON value with where it starts and, for members of an object, where its key is. */
export type Node =
  | { type: 'object'; at: Position; members: Member[] }
  | { type: 'array'; at: Position; items: Node[] }
  | { type: 'string'; at: Position; value: string }
  | { type: 'number'; at: Position; value: number }
  | { type: 'boolean'; at: Position; value: boolean }
  | { type: 'null'; at: Position; value: null };

/** One member of an object: the key as written, where it is, and its value. */
export interface Member {
  key: string;
  at: Position;
  value: Node;
}

/** A syntax error at a place in the text. */
export class JsonSyntaxError extends Error {
  readonly at: Position;
  constructor(message: string, at: Position) {
    super(message);
    this.at = at;
  }
}

/** Parses JSON text (a BOM is allowed) into nodes that know where they are. */
export function parseJsonSource(text: string): Node {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Position => ({ line, column: i - lineStart + 1 });
  const fail = (message: string): never => {
    throw new JsonSyntaxError(message, here());
  };
  const space = () => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') {
        line++;
        lineStart = i + 1;
      } else if (c !== ' ' && c !== '\t' && c !== '\r') break;
    }
  };
  const found = () => (i >= text.length ? 'the end of the file' : JSON.stringify(text[i]));
  const string = (): string => {
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length || text[i] === '\n') fail('expects a closing quote (") for the string but found the end of the line');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const next = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (next !== undefined && simple[next] !== undefined) {
          out += simple[next];
          i += 2;
        } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          fail(`expects an escape such as \\n or \\u0041 but found \\${next ?? ''}`);
        }
        continue;
      }
      out += c;
      i++;
    }
  };
  const value = (): Node => {
    space();
    const at = here();
    const c = text[i];
    if (c === '{') {
      i++;
      const members: Member[] = [];
      space();
      if (text[i] === '}') {
        i++;
        return { type: 'object', at, members };
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail(`expects a key in double quotes but found ${found()}`);
        const keyAt = here();
        const key = string();
        space();
        if (text[i] !== ':') fail(`expects ":" after the key "${key}" but found ${found()}`);
        i++;
        members.push({ key, at: keyAt, value: value() });
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { type: 'object', at, members };
        }
        fail(`expects "," or "}" after a value but found ${found()}`);
      }
    }
    if (c === '[') {
      i++;
      const items: Node[] = [];
      space();
      if (text[i] === ']') {
        i++;
        return { type: 'array', at, items };
      }
      for (;;) {
        items.push(value());
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { type: 'array', at, items };
        }
        fail(`expects "," or "]" after a value but found ${found()}`);
      }
    }
    if (c === '"') return { type: 'string', at, value: string() };
    const literal = /^(?:true|false|null)/.exec(text.slice(i, i + 5));
    if (literal) {
      i += literal[0].length;
      if (literal[0] === 'null') return { type: 'null', at, value: null };
      return { type: 'boolean', at, value: literal[0] === 'true' };
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (number) {
      i += number[0].length;
      return { type: 'number', at, value: Number(number[0]) };
    }
    return fail(`expects a value (an object, list, string, number, true, false or null) but found ${found()}`);
  };
  const root = value();
  space();
  if (i < text.length) fail(`expects the end of the file after the top-level value but found ${found()}`);
  return root;
}

/** The member of an object node named `key`, if any. */
export function member(node: Node, key: string): Member | undefined {
  return node.type === 'object' ? node.members.find((m) => m.key === key) : undefined;
}

/** Levenshtein distance of two short strings, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length]!;
}

/** The known name nearest to a misspelt one (within a third of its length), or null. */
export function nearest(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let distance = Infinity;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < distance) {
      best = candidate;
      distance = d;
    }
  }
  return best !== null && distance <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

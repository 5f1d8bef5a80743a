/**
 * Checks on the values of per-request records, shared by the readers of them: a value that is
 * present but malformed is an error at the record's key, naming the request's index.
 */
import type { Position } from '../record.ts';
import type { Json } from './json-text.ts';

/** Reports one problem at a place. */
export type Report = (at: Position, message: string) => void;

/**
 * A non-negative number times `scale`, null for null/undefined; a string, a negative number or
 * any other value is reported (`what` names it, e.g. `ttfts[17]`) and read as null.
 */
export function requestNumber(value: Json | undefined, scale: number, what: string, unit: string, at: () => Position, report: Report): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value * scale;
  report(at(), `${what} expects a non-negative number of ${unit} but found ${JSON.stringify(value)}`);
  return null;
}

/** A list of non-negative numbers times `scale`, or null when absent; bad entries are reported and dropped. */
export function requestNumbers(value: Json | undefined, scale: number, what: string, unit: string, at: () => Position, report: Report): number[] | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) {
    report(at(), `${what} expects a list of ${unit} but found ${JSON.stringify(value).slice(0, 40)}`);
    return null;
  }
  const out: number[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const v = value[i];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out.push(v * scale);
    else report(at(), `${what}[${i}] expects a non-negative number of ${unit} but found ${JSON.stringify(v)}`);
  }
  return out;
}

/**
 * What a drawing is made from, as a short key: a SHA-256 of its inputs as JSON. The report is plain
 * data (it went through the content store), so its JSON is all of it; −0 is kept apart from 0,
 * which JSON would write alike and a label might not.
 */
import { createHash } from 'node:crypto';

const keepNegativeZero = (_key: string, value: unknown) => (Object.is(value, -0) ? '-0' : value);

/** The hex SHA-256 of a value's JSON. */
export function inputsKey(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value, keepNegativeZero) ?? 'undefined').digest('hex');
}

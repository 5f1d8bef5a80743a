// @ts-check
/**
 * The floor of the `records` step: reads every `.json` file of a folder, one at a time, and
 * `JSON.parse`s it, nothing else. What analyze does beyond this is the cost of reading records.
 * JavaScript, not TypeScript: Node type-strips a TypeScript entry first, which loads the stripper
 * (about a tenth of a second), and analyze's own start (scripts/start.mjs) no longer pays that.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/bench/json-floor.mjs DIR');
let values = 0;
for (const name of readdirSync(dir).sort()) {
  if (!name.endsWith('.json')) continue;
  const parsed = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
  values += Object.keys(parsed).length;
}
process.stdout.write(`${values}\n`);

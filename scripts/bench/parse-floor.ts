/**
 * The floor for reading: a bare streaming papaparse parse (header, dynamic typing) of every CSV
 * under a folder, one file after another, doing nothing with the rows. Spawned by the benchmark.
 * Usage: node scripts/bench/parse-floor.ts DIR
 */
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('Usage: node scripts/bench/parse-floor.ts DIR\n');
  process.exit(2);
}
const files = (await readdir(dir, { recursive: true }))
  .filter((name) => name.toLowerCase().endsWith('.csv'))
  .sort();
let rows = 0;
for (const file of files) {
  await new Promise<void>((resolve, reject) => {
    Papa.parse(createReadStream(path.join(dir, file)), {
      header: true,
      dynamicTyping: true,
      step() {
        rows++;
      },
      complete: () => resolve(),
      error: reject,
    });
  });
}
process.stdout.write(`${rows} rows in ${files.length} files\n`);

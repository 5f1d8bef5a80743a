/** `npm run analyze` in-process on a small folder: the report, its JSON, the gaps, and --strict. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER, run, tempFolder } from './helpers.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let complete: string;
let gappy: string;
let bad: string;

// Every run of chat has its p95 latency; one run of batch lacks it.
const CHAT = `${HEADER}\nA,chat,1,64,100,400\nA,chat,2,64,180,600\nA,chat,4,64,300,900\n`;
const BATCH = `${HEADER}\nA,batch,1,256,50,3000\nA,batch,2,256,90,\n`;

beforeAll(async () => {
  tmp = await tempFolder({
    'complete/chat.csv': CHAT,
    'gappy/chat.csv': CHAT,
    'gappy/batch.csv': BATCH,
    'bad/chat.csv': `${HEADER}\nA,chat,1,64,fast,400\n`,
  });
  complete = path.join(tmp.dir, 'complete');
  gappy = path.join(tmp.dir, 'gappy');
  bad = path.join(tmp.dir, 'bad');
});
afterAll(() => tmp.cleanup());

describe('npm run analyze (in-process)', () => {
  it('prints the Markdown report as its output and logs nothing', async () => {
    const result = await run('analyze', ['--data', gappy]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('# Capacity Frontier');
    expect(result.stdout).not.toMatch(/NaN|undefined|Infinity/);
    expect(result.stderr).toBe('');
  });

  it('prints JSON that parses, with the gaps in it', async () => {
    const result = await run('analyze', ['--data', gappy, '--format', 'json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.groups.map((g: { workload: string }) => g.workload).sort()).toEqual(['batch', 'chat']);
    expect(Array.isArray(json.gaps)).toBe(true);
  });

  it('--gaps prints one line per gap under its GPU × workload, exit 0', async () => {
    const result = await run('analyze', ['--data', gappy, '--gaps']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const batchHeading = lines.findIndex((l) => /^A \/ batch \(\d+\)$/.test(l));
    const batchGap = lines.findIndex((l) => l.startsWith('not measured: A / batch c2'));
    expect(batchHeading).toBeGreaterThanOrEqual(0);
    expect(batchGap).toBeGreaterThan(batchHeading);
    expect(lines.find((l) => l.startsWith('not measured: A / batch c2'))).toContain('p95_e2e_ms');
    // Every gap line sits under the heading of its own GPU × workload.
    let heading = '';
    for (const line of lines) {
      if (/^\S.* \(\d+\)$/.test(line)) heading = line.replace(/ \(\d+\)$/, '').replace(' (KV-cache budget)', '');
      else if (line.startsWith('not measured: ') && !line.startsWith('not measured: KV-cache budget of ')) expect(line.startsWith(`not measured: ${heading}`), line).toBe(true);
    }
    expect(result.stdout).toMatch(/\n\d+ figures? (is|are) not measured\.\n$/);
  });

  it('--gaps --strict exits 1 when there are gaps, and still prints them', async () => {
    const result = await run('analyze', ['--data', gappy, '--gaps', '--strict']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('not measured: A / batch c2');
    expect(result.stderr).toMatch(/^--strict: \d+ figures? (is|are) not measured\.\n$/);
  });

  it('--strict fails with every gap on the log and no output', async () => {
    const result = await run('analyze', ['--data', gappy, '--strict']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('not measured: A / batch c2');
    expect(result.stderr).toMatch(/--strict: \d+ figures? (is|are) not measured; nothing was written\.\n$/);
  });

  it('--out writes the file and prints nothing', async () => {
    const out = path.join(tmp.dir, 'out', 'report.md');
    const result = await run('analyze', ['--data', complete, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(await readFile(out, 'utf8')).toContain('# Capacity Frontier');
  });

  it('invalid data: every problem as file:line:column under the folder, exit 1', async () => {
    const result = await run('analyze', ['--data', bad, '--out', path.join(tmp.dir, 'never.md')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Invalid data in ${bad}:\n`);
    expect(result.stderr).toContain('chat.csv:2:');
    expect(result.stderr).toContain('1 problem in the data.\nNothing was written.');
  });
});

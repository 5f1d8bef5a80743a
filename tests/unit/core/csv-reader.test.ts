import { describe, expect, it } from 'vitest';
import { fieldColumn } from '../../../src/core/readers/csv-rows.ts';
import { defaultsFor } from '../../../src/core/file-rules.ts';
import { readCsv } from './helpers.ts';

const HEADER = 'gpu,workload,concurrency,max_new_tokens,throughput_tok_s,p95_e2e_ms';

describe('capacity CSV reader: accepted input', () => {
  it('reads a plain row with its file and line', () => {
    const { measurements, issues } = readCsv(`${HEADER}\nA100,chat,8,128,350.5,1200\n`);
    expect(issues).toEqual([]);
    expect(measurements).toHaveLength(1);
    expect(measurements[0]).toMatchObject({
      source: { file: 'sweep.csv', line: 2 }, gpu: 'A100', workload: 'chat', load: { axis: 'concurrency', value: 8 },
      max_new_tokens: 128, throughput_tok_s: 350.5, latency: { p95_e2e_ms: 1200 }, status: 'ok',
    });
  });

  it('accepts a UTF-8 BOM, CRLF line ends and padded cells', () => {
    const text = `\uFEFF${HEADER}\r\n A100 , Chat , 8 ,  128, 350.5 , 1200 \r\nA100,chat,16,128,500,1900\r\n`;
    const { measurements, issues } = readCsv(text);
    expect(issues).toEqual([]);
    expect(measurements.map((x) => [x.gpu, x.workload, x.load.value, x.source.line])).toEqual([
      ['A100', 'chat', 8, 2], ['A100', 'chat', 16, 3],
    ]);
  });

  it('matches header names case-insensitively after trimming and maps aliases', () => {
    const { measurements } = readCsv(' GPU ,Workload, Max_Concurrency ,MAX_TOKENS,Output_Throughput,P95_Latency_ms\nA,batch,4,64,10,20\n');
    expect(measurements[0]).toMatchObject({ load: { axis: 'concurrency', value: 4 }, max_new_tokens: 64, throughput_tok_s: 10, latency: { p95_e2e_ms: 20 } });
  });

  it('keeps true line numbers across blank lines and quoted newlines', () => {
    const text = `${HEADER},notes\n\nA,chat,1,64,10,20,"two\nlines"\n\r\nA,chat,2,64,10,20,x\n`;
    const { measurements, issues } = readCsv(text);
    expect(issues).toEqual([]);
    expect(measurements.map((x) => x.source.line)).toEqual([3, 6]);
  });

  it('treats an empty cell as missing, never zero', () => {
    const { measurements } = readCsv(`${HEADER}\nA,chat,8,,350,\n`);
    expect(measurements[0]!.max_new_tokens).toBeNull();
    expect(measurements[0]!.latency.p95_e2e_ms).toBeUndefined();
  });

  it('reads statuses case-insensitively and keeps failed runs', () => {
    const { measurements } = readCsv(`${HEADER},status,failed\nA,chat,64,512,,,OOM,16\n`);
    expect(measurements[0]).toMatchObject({ status: 'oom', failed: 16, throughput_tok_s: null });
  });

  it('takes workload and gpu from a <x>_<workload>_capacity_<gpu>.csv name when columns are missing', () => {
    const file = 'runs/day003_chat_capacity_rtx16gb.csv';
    const { measurements } = readCsv('concurrency,max_tokens,throughput_tok_s,p95_e2e_ms\n1,64,48.1,1064.63\n', file, defaultsFor([], file));
    expect(measurements[0]).toMatchObject({ gpu: 'rtx16gb', workload: 'chat', max_new_tokens: 64 });
  });

  it('lets columns win over the file name', () => {
    const file = 'day003_chat_capacity_rtx16gb.csv';
    const { measurements } = readCsv(`${HEADER}\nRunPod-RTX2000-16GB,batch,8,256,243.03,4569.61\n`, file, defaultsFor([], file));
    expect(measurements[0]).toMatchObject({ gpu: 'RunPod-RTX2000-16GB', workload: 'batch' });
  });

  it('converts latency columns given in seconds', () => {
    const { measurements } = readCsv('gpu,workload,concurrency,throughput_tok_s,p95_e2e_s\nA,chat,1,10,1.5\n');
    expect(measurements[0]!.latency.p95_e2e_ms).toBe(1500);
  });
});

describe('capacity CSV reader: errors name file, line and column', () => {
  const cases: [string, string, string[]][] = [
    ['a malformed number', `${HEADER}\nA,chat,8,128,abc,1200\n`,
      ['sweep.csv:2:14: throughput_tok_s expects a number of 0 or more but found "abc"']],
    ['NaN', `${HEADER}\nA,chat,8,128,NaN,1200\n`,
      ['sweep.csv:2:14: throughput_tok_s expects a number of 0 or more but found "NaN" (leave the cell empty for a value that was not measured)']],
    ['a negative throughput', `${HEADER}\nA,chat,8,128,-5,1200\n`,
      ['sweep.csv:2:14: throughput_tok_s expects a number of 0 or more but found "-5"']],
    ['a negative latency', `${HEADER}\nA,chat,8,128,5,-1200\n`,
      ['sweep.csv:2:16: p95_e2e_ms expects a number of 0 or more but found "-1200"']],
    ['a negative concurrency', `${HEADER}\nA,chat,-8,128,5,1200\n`,
      ['sweep.csv:2:8: concurrency expects a whole number of 1 or more but found "-8"']],
    ['a fractional concurrency', `${HEADER}\nA,chat,2.5,128,5,1200\n`,
      ['sweep.csv:2:8: concurrency expects a whole number of 1 or more but found "2.5"']],
    ['an unknown status', `${HEADER},status\nA,chat,8,128,5,1200,crashed\n`,
      ['sweep.csv:2:21: status expects one of ok, oom, error, timeout but found "crashed"']],
    ['a ragged row (too few fields)', `${HEADER}\nA,chat,8,128\n`,
      ['sweep.csv:2:13: expects 6 fields as in the header but found 4']],
    ['a ragged row (too many fields)', `${HEADER}\nA,chat,8,128,5,1200,extra\n`,
      ['sweep.csv:2:21: expects 6 fields as in the header but found 7']],
    ['an unclosed quote', `${HEADER}\nA,chat,8,128,5,1200\n"B,chat,8,128,5,1200\n`,
      ['sweep.csv:3:1: expects a closing quote (") for the field that starts here but found the end of the file']],
    ['no throughput column', 'gpu,workload,concurrency,p95_e2e_ms\nA,chat,1,20\n',
      ['sweep.csv:1:1: expects a throughput column (throughput_tok_s or output_throughput) but the header has: "gpu", "workload", "concurrency", "p95_e2e_ms" (if this file is not a benchmark result, skip it with "ignore": ["sweep.csv"] in capacity.config.json)']],
    ['a header and no rows', `${HEADER}\n`,
      ['sweep.csv:1:1: expects at least one row after the header but found none']],
    ['duplicate columns', 'gpu,workload,concurrency,throughput_tok_s,p95_latency_ms,p95_e2e_ms\nA,chat,1,5,6,7\n',
      ['sweep.csv:1:58: duplicate column: "p95_e2e_ms" is read as p95_e2e_ms, which column "p95_latency_ms" already gives']],
    ['no gpu anywhere', 'workload,concurrency,throughput_tok_s\nchat,1,5\n',
      ['sweep.csv:2:1: no GPU label: add a gpu (or workload) column, name the file <name>_<workload>_capacity_<gpu>.csv, or label it in capacity.config.json with "files": { "sweep.csv": { "gpu": "…", "workload": "…" } }']],
    ['no concurrency', 'gpu,workload,concurrency,throughput_tok_s\nA,chat,,5\n',
      ['sweep.csv:2:1: expects a concurrency (or request rate) for the run but found none']],
    ['an unclosed quote that runs to the end of a file ending in a line break', `${HEADER}\nA,chat,8,128,5,1200\nA,chat,9,128,5,"1200\nA,chat,10,128,5,1200\n`,
      ['sweep.csv:3:16: expects a closing quote (") for the field that starts here but found the end of the file']],
    ['a placeholder cell', `${HEADER}\nA,chat,8,128,5,N/A\n`,
      ['sweep.csv:2:16: p95_e2e_ms expects a number of 0 or more but found "N/A" (leave the cell empty for a value that was not measured)']],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const { measurements, issues } = readCsv(text);
    expect(issues).toEqual(expected);
    if (!expected[0]!.includes('ragged')) expect(measurements.length).toBeLessThanOrEqual(1);
  });

  it('reports every bad row of a file, not only the first', () => {
    const { issues } = readCsv(`${HEADER}\nA,chat,x,128,5,1\nA,chat,8,y,5,1\nA,chat,8,128,5,1\nA,chat,8,128,5,z\n`);
    expect(issues.map((i) => i.split(':').slice(0, 2).join(':'))).toEqual(['sweep.csv:2', 'sweep.csv:3', 'sweep.csv:5']);
  });
});

describe('fieldColumn', () => {
  it('counts characters, skipping commas inside quotes', () => {
    const text = 'h\na,"b,c",d\n';
    expect(fieldColumn(text, 2, 0)).toBe(1);
    expect(fieldColumn(text, 2, 1)).toBe(3);
    expect(fieldColumn(text, 2, 2)).toBe(9);
  });
});

import { describe, expect, it } from 'vitest';
import { breakPieces, figurePieces } from '../../../src/site/tables/breaks.ts';

describe('breakPieces', () => {
  it('breaks a path after its separators and keeps the file name with its line number', () => {
    expect(breakPieces('synthetic-l4/l4_chat_sweep.csv:10')).toEqual(['synthetic-', 'l4/', 'l4_', 'chat_', 'sweep.csv:10']);
    expect(breakPieces('sweep.csv:12, 20, 21')).toEqual(['sweep.csv:12, 20, 21']);
  });

  it('never breaks inside a number or a value with its unit', () => {
    for (const value of ['1,805 B', '-149%', '1-2', '0.9', '28.0 KiB']) expect(breakPieces(value)).toEqual([value]);
  });

  it('gives a checksum, alone or after a model id, groups of eight characters', () => {
    const sha = '02c23c4a1793bef00df96d15013eb8730ba88da590c67f9f2aaca0a66bbb0a56';
    expect(breakPieces(sha)).toEqual(sha.match(/.{8}/g));
    const setup = `meta/llama-2-7b-chat:${sha}`;
    expect(breakPieces(setup).slice(0, 5)).toEqual(['meta/', 'llama-', '2-7b-', 'chat:', '02c23c4a']);
    expect(breakPieces(setup).join('')).toBe(setup);
  });
});

describe('figurePieces', () => {
  const figures = (text: string) => figurePieces(text).filter((p) => p.figure).map((p) => p.text);
  it('finds each figure with its unit, and gives the text back whole', () => {
    expect(figures('p95 e2e 4570 ms')).toEqual(['4570 ms']);
    expect(figures('1354.4 tok/s at 16 req/s')).toEqual(['1354.4 tok/s', '16 req/s']);
    expect(figures('1,805 B')).toEqual(['1,805 B']);
    expect(figures('closest run: 2 × 128')).toEqual(['2 × 128']);
    expect(figures('38% headroom, 3 failed, 64 series')).toEqual([]);
    expect(figurePieces('p95 e2e 4570 ms, closest').map((p) => p.text).join('')).toBe('p95 e2e 4570 ms, closest');
  });
});

import { describe, expect, it } from 'vitest';
import { destinationPages } from '../../../src/commands/pdf/destinations.ts';
import { contentsNumbers } from '../../../src/commands/pdf/print.ts';

// The objects of a PDF as Chromium (Skia) writes them: a catalog naming its page tree and its
// destinations, a page tree of two levels, destinations with "/" escaped as #2F.
const PDF = [
  '%PDF-1.4',
  '1 0 obj\n<</Type /Catalog\n/Pages 9 0 R\n/Dests 12 0 R\n/Outlines 13 0 R>>\nendobj',
  '2 0 obj\n<</Type /Page\n/Parent 10 0 R>>\nendobj',
  '3 0 obj\n<</Type /Page\n/Parent 10 0 R>>\nendobj',
  '4 0 obj\n<</Type /Page\n/Parent 11 0 R>>\nendobj',
  '9 0 obj\n<</Type /Pages\n/Count 3\n/Kids [10 0 R 11 0 R]>>\nendobj',
  '10 0 obj\n<</Type /Pages\n/Count 2\n/Kids [3 0 R 2 0 R]\n/Parent 9 0 R>>\nendobj',
  '11 0 obj\n<</Type /Pages\n/Count 1\n/Kids [4 0 R]\n/Parent 9 0 R>>\nendobj',
  '12 0 obj\n<</overview [3 0 R /XYZ 0 841.9 0]\n/gpus#2Fl4-24gb#2Fchat [2 0 R /XYZ 0 841.9 0]\n/data [4 0 R /XYZ 0 500 0]>>\nendobj',
  'trailer\n<</Root 1 0 R>>\n%%EOF',
].join('\n');

describe('destinationPages', () => {
  it('gives each named destination the page it lands on, in the page tree\'s order', () => {
    const pages = destinationPages(Buffer.from(PDF, 'latin1'));
    expect(Object.fromEntries(pages)).toEqual({ overview: 1, 'gpus/l4-24gb/chat': 2, data: 3 });
  });

  it('says so when the PDF names no destinations', () => {
    expect(() => destinationPages(Buffer.from(PDF.replace('/Dests 12 0 R\n', ''), 'latin1'))).toThrow(/\/Dests/);
  });
});

describe('contentsNumbers', () => {
  it('numbers each line of the contents, and refuses a section the PDF does not place', () => {
    const pages = new Map([['overview', 2], ['data', 9]]);
    expect(contentsNumbers(pages, ['overview', 'data'])).toEqual({ overview: '2', data: '9' });
    expect(() => contentsNumbers(pages, ['overview', 'gpus/l4/chat'])).toThrow(/gpus\/l4\/chat/);
  });
});

/** Label widths and XML escaping: the estimates and escapes every chart's text goes through. */
import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeText, roundNumbers } from '../../../src/charts/serialize.ts';
import { extendWidth, textWidth } from '../../../src/charts/text.ts';

describe('textWidth', () => {
  it('adds each character class once', () => {
    expect(textWidth('')).toBe(0);
    expect(textWidth('i')).toBe(4.2);
    expect(textWidth('M')).toBe(10.6);
    expect(textWidth('A')).toBe(9.2);
    expect(textWidth('7')).toBe(7.7);
    expect(textWidth('a')).toBe(7.2);
    expect(textWidth('H100 ')).toBeCloseTo(9.2 + 7.7 * 3 + 4.2, 10);
  });

  it('reads a character outside ASCII whole, a surrogate pair as one', () => {
    expect(textWidth('é')).toBe(7.2);
    expect(textWidth('😀')).toBe(7.2);
    expect(textWidth('a😀b')).toBe(7.2 * 3);
    // A lone surrogate is one character too.
    expect(textWidth('\ud83d')).toBe(7.2);
  });

  it('measures on from a width exactly as it measures the whole', () => {
    for (const [a, b] of [['p95 TTFT', ' 1,204 ms'], ['concurrency 32:', ' 4,512 tok/s'], ['L4 ', 'é😀 x']]) {
      expect(extendWidth(textWidth(a!), b!)).toBe(textWidth(a! + b!));
    }
  });
});

describe('escaping', () => {
  it('returns plain text as it is and escapes every special character', () => {
    expect(escapeText('H100 chat 1,204 ms')).toBe('H100 chat 1,204 ms');
    expect(escapeText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(escapeText('bell\u0007 \ufffe x')).toBe('bell\ufffd \ufffd x');
    expect(escapeText('lone \ud800 high')).toBe('lone \ufffd high');
    expect(escapeText('pair 😀')).toBe('pair 😀');
    expect(escapeAttribute('say "hi"\tnow\nthen\r')).toBe('say &quot;hi&quot;&#9;now&#10;then&#13;');
    expect(escapeAttribute('plain')).toBe('plain');
  });

  it('rounds geometry with a fraction and leaves the rest', () => {
    expect(roundNumbers('M40,370.60606L12,3')).toBe('M40,370.6L12,3');
    expect(roundNumbers('translate(10,20)')).toBe('translate(10,20)');
    expect(roundNumbers('0.32em')).toBe('0.32em');
  });
});

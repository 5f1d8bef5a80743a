import { describe, expect, it } from 'vitest';
import { formatPct, formatPct1 } from '../../../src/core/format.ts';
import { change, latencyName } from '../../../src/core/phrases.ts';

describe('figures in words', () => {
  it('write a negative percentage with a true minus sign, never a hyphen', () => {
    expect(formatPct(-67.4)).toBe('\u221267%');
    expect(formatPct1(-3.25)).toBe('\u22123.3%');
    expect(formatPct(9)).toBe('9%');
    expect(formatPct(-0.2)).toBe('0%');
    expect(change(-149)).toBe('\u2212149%');
    expect(change(12)).toBe('+12%');
  });

  it('name a latency once: "p95 e2e latency" but "p95 TTFT", not "p95 TTFT latency"', () => {
    expect(latencyName('p95_e2e_ms')).toBe('p95 e2e latency');
    expect(latencyName('p95_ttft_ms')).toBe('p95 TTFT');
    expect(latencyName('p99_tpot_ms')).toBe('p99 TPOT');
  });
});

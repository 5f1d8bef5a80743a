import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  FAILURE_COLOR,
  failureLabel,
  gpuColor,
  isFailure,
  setupColor,
  setupSymbol,
  NEUTRAL_COLOR,
  SERIES_COLORS,
  SERIES_SYMBOLS,
  seriesDomains,
  tokenColor,
  tokenSymbol,
} from '../../../src/charts/palette.ts';
import { L4, RTX, sampleReport } from './fixtures.ts';

describe('palette', () => {
  it('keeps every colour at 3:1 or more against white and against dark pages', () => {
    for (const color of [...SERIES_COLORS, FAILURE_COLOR, NEUTRAL_COLOR]) {
      expect(contrastRatio(color, '#ffffff'), `${color} on white`).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(color, '#121212'), `${color} on #121212`).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(color, '#1e1e1e'), `${color} on #1e1e1e`).toBeGreaterThanOrEqual(3);
    }
  });

  it('has distinct colours and symbols, and keeps the failure colour and ✕ out of the series cycle', () => {
    expect(new Set(SERIES_COLORS).size).toBe(SERIES_COLORS.length);
    expect(new Set(SERIES_SYMBOLS).size).toBe(SERIES_SYMBOLS.length);
    expect(SERIES_COLORS).not.toContain(FAILURE_COLOR);
    expect(SERIES_SYMBOLS).not.toContain('times');
  });

  it('computes WCAG contrast like the reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('gives one max_new_tokens value the same colour on every page of the report', () => {
    const report = sampleReport();
    const domains = seriesDomains(report);
    expect(domains.tokens).toEqual([64, 128, 256, 512]);
    expect(domains.gpus).toEqual([L4, RTX]);
    // 256 is the first series of batch pages and the third of chat pages: still one colour.
    expect(tokenColor(256, domains.tokens)).toBe(SERIES_COLORS[2]);
    expect(tokenSymbol(256, domains.tokens)).toBe(SERIES_SYMBOLS[2]);
    expect(tokenColor(64, domains.tokens)).toBe(SERIES_COLORS[0]);
    expect(gpuColor('RunPod-RTX2000-16GB', domains.gpus)).toBe(SERIES_COLORS[1]);
  });

  it('maps keys outside the domain and missing max_new_tokens deterministically', () => {
    expect(tokenColor(null, [64])).toBe(NEUTRAL_COLOR);
    expect(tokenColor(999, [64])).toBe(tokenColor(999, [64]));
    expect(SERIES_COLORS).toContain(tokenColor(999, [64]));
    expect(gpuColor('unknown', [])).toBe(gpuColor('unknown', []));
  });

  it('names why a run failed', () => {
    expect(failureLabel({ status: 'oom', failed: null, requests: null })).toBe('OOM');
    expect(failureLabel({ status: 'timeout', failed: 0, requests: 128 })).toBe('timeout');
    // `requests` counts the completed requests: 3 failed of the 67 sent.
    expect(failureLabel({ status: 'ok', failed: 3, requests: 64 })).toBe('3/67 failed');
    expect(failureLabel({ status: 'ok', failed: 130, requests: 20 })).toBe('130/150 failed');
    expect(failureLabel({ status: 'ok', failed: 2, requests: null })).toBe('2 failed');
    expect(failureLabel({ status: 'ok', failed: 0, requests: 12, reached_load: false })).toBe('load not reached');
    // An unstable run is named by its failure even when it also fell short of its load.
    expect(failureLabel({ status: 'oom', failed: 0, requests: 12, reached_load: false })).toBe('OOM');
    expect(isFailure({ stable: true, reached_load: false })).toBe(true);
    expect(isFailure({ stable: true, reached_load: true })).toBe(false);
  });

  it('colours setups by their rank in the group and pairs a symbol with each', () => {
    expect(setupColor(0)).toBe(SERIES_COLORS[0]);
    expect(setupColor(1)).toBe(SERIES_COLORS[1]);
    expect(setupColor(SERIES_COLORS.length)).toBe(SERIES_COLORS[0]);
    expect(setupSymbol(1)).toBe(SERIES_SYMBOLS[1]);
  });
});

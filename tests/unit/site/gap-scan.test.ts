import { describe, expect, it } from 'vitest';
import { pageGaps } from '../../../src/site/gap-scan.ts';

describe('gaps in written pages', () => {
  it('lists every <Num> marked as not measured, with its hint', () => {
    const html = '<p>TTFT <span class="gap" data-gap="peak p95 ttft of A &amp; B (batch)" title="not measured: add a p95_ttft_ms column">not measured</span>, '
      + 'throughput <a class="num" href="/x/">620.4 tok/s</a>.</p>';
    expect(pageGaps('/brief/', html)).toEqual(['not measured: /brief/: peak p95 ttft of A & B (batch) (add a p95_ttft_ms column)']);
  });

  it('finds none on a page without markers', () => {
    expect(pageGaps('/', '<p><span class="gap">not measured</span></p>')).toEqual([]);
  });
});

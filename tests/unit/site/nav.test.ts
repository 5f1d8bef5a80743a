import { describe, expect, it } from 'vitest';
import { navSections } from '../../../src/site/nav.ts';
import { fixtureReport } from './fixtures.ts';

describe('navigation', () => {
  it('reaches the overview, report, data, every comparison and every GPU × workload', async () => {
    const report = await fixtureReport('data');
    const sections = navSections(report);
    expect(sections.map((s) => s.title)).toEqual(['Report', 'Compare GPUs', 'L4-24GB (synthetic)', 'RunPod-RTX2000-16GB']);
    const paths = sections.flatMap((s) => s.links.map((l) => l.path));
    expect(paths).toEqual([
      '/', '/capacity-frontier/', '/data/',
      '/compare/batch/', '/compare/chat/', '/compare/rag/',
      '/gpus/l4-24gb-synthetic/batch/', '/gpus/l4-24gb-synthetic/chat/', '/gpus/l4-24gb-synthetic/rag/',
      '/gpus/runpod-rtx2000-16gb/batch/', '/gpus/runpod-rtx2000-16gb/chat/',
    ]);
  });

  it('shows labels verbatim (escaping is the template\'s job)', async () => {
    const sections = navSections(await fixtureReport('several-gpus'));
    expect(sections.map((s) => s.title)).toContain('H100 <SXM> & "80GB"');
  });
});

import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareLatencyChart, compareThroughputChart, groupCharts, renderChart, seriesDomains, type ChartSpec } from '../../../src/charts/index.ts';
import { sampleReport } from './fixtures.ts';
import { svgRoot, xmlProblems } from './helpers.ts';

// Every chart of the sample lands in tmp/charts/ (git-ignored) so a person can open and look at them.
const OUT = fileURLToPath(new URL('../../../tmp/charts/', import.meta.url));

/** A group page inlines three charts; each must stay light. */
const MAX_BYTES = 40 * 1024;

describe('every chart of the sample figures', () => {
  it('renders as a small, well-formed, script-free SVG file', async () => {
    const report = sampleReport();
    const domains = seriesDomains(report);
    const specs: ChartSpec[] = report.groups.flatMap((g) => groupCharts(g, domains));
    for (const { name } of report.workloads) {
      const groups = report.groups.filter((g) => g.workload === name);
      specs.push(compareThroughputChart(groups, domains), compareLatencyChart(groups, domains));
    }
    expect(specs).toHaveLength(report.groups.length * 3 + report.workloads.length * 2);
    expect(new Set(specs.map((s) => s.id)).size).toBe(specs.length);

    await mkdir(OUT, { recursive: true });
    for (const spec of specs) {
      const svg = renderChart(spec);
      expect(Buffer.byteLength(svg), spec.id).toBeLessThan(MAX_BYTES);
      expect(xmlProblems(svg), spec.id).toEqual([]);
      expect(svg, spec.id).not.toMatch(/NaN|undefined|Infinity|<script|\son[a-z]+=/i);
      expect(svgRoot(svg).querySelectorAll('g[data-mark="line"] path').length, spec.id).toBeGreaterThan(0);
      await writeFile(`${OUT}${spec.id}.svg`, `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`);
    }
  });
});

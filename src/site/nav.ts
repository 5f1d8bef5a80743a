/**
 * The site navigation: every page is reachable from every page. Built from the Report so a new
 * GPU or workload appears without touching a template.
 */
import { titleCase } from '../core/labels.ts';
import type { Report } from '../core/types.ts';
import { paths } from './url.ts';

/** A link of the navigation (site path, through `href()` when rendered). */
export interface NavLink {
  label: string;
  path: string;
}

/** A titled list of links. */
export interface NavSection {
  title: string;
  links: NavLink[];
}

/** The navigation: the main pages and write-ups, then one comparison per workload, then each GPU's workloads. */
export function navSections(report: Pick<Report, 'groups' | 'gpus' | 'workloads'>, writeups: readonly NavLink[] = []): NavSection[] {
  const main: NavLink[] = [
    { label: 'Overview', path: paths.overview() },
    ...writeups,
    { label: 'Capacity report', path: paths.report() },
    { label: 'Data', path: paths.data() },
  ];
  const compare: NavLink[] = report.workloads.map((w) => ({ label: titleCase(w.name), path: paths.compare(w.slug) }));
  const gpus: NavSection[] = report.gpus.map((gpu) => ({
    title: gpu.label,
    links: report.groups.filter((g) => g.gpu === gpu.label).map((g) => ({ label: titleCase(g.workload), path: paths.group(g) })),
  }));
  return [
    { title: 'Report', links: main },
    { title: 'Compare GPUs', links: compare },
    ...gpus,
  ];
}

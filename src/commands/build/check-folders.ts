/**
 * The folders of a build, checked before anything is read or written: the data folder exists
 * and holds data, and the output folder (replaced on every build) holds nothing it must not
 * replace: not the project, not the data, and not inside the data, src/ or node_modules/.
 */
import path from 'node:path';
import { checkDataFolder, type Problem } from '../data-folder.ts';

/** The data and output folders of a build, absolute. */
export interface Folders {
  data: string;
  out: string;
}

/** Whether `inner` is `outer` or lies below it. */
export function within(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The problem with an output folder `out` (absolute; `input` as given), or null when it may be replaced. */
export function outFolderProblem(out: string, input: string, data: string, root: string): string | null {
  if (within(root, out) || within(data, out)) {
    return `--out expects a folder of its own but ${JSON.stringify(input)} holds ${within(root, out) ? 'the project' : 'the data folder'}; it is replaced on every build`;
  }
  if (within(out, data)) return `--out expects a folder outside the data folder (the site's CSV downloads would be read as data next time) but found ${JSON.stringify(input)}`;
  if (within(out, path.join(root, 'src')) || within(out, path.join(root, 'node_modules'))) {
    return `--out expects a folder outside src/ and node_modules/ but found ${JSON.stringify(input)}`;
  }
  return null;
}

/** Both folders of a build (relative to the working directory), or the first problem with them. */
export async function checkFolders(input: { data: string; out: string }, root: string): Promise<{ ok: true; folders: Folders } | Problem> {
  const data = await checkDataFolder(input.data);
  if (!data.ok) return data;
  const out = path.resolve(input.out);
  const problem = outFolderProblem(out, input.out, data.dir, root);
  if (problem) return { ok: false, code: 2, message: problem };
  return { ok: true, folders: { data: data.dir, out } };
}

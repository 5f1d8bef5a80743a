/**
 * Puts a finished site in place of the previous one with renames only, so the output folder is
 * at every moment the old site or the new one, never a half-written one.
 */
import { rename, rm, stat } from 'node:fs/promises';

/** Replaces `out` (if any) with `staging`, a sibling folder. */
export async function swapIntoPlace(staging: string, out: string): Promise<void> {
  const previous = `${staging}.previous`;
  const hadOutput = await stat(out).then(() => true, () => false);
  if (hadOutput) await rename(out, previous);
  await rename(staging, out);
  if (hadOutput) await rm(previous, { recursive: true, force: true });
}

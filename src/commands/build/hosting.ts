/**
 * The hosting of a build (`base`, `site`), which Astro must know before it starts: the flags,
 * else the folder config, checked by src/site/hosting.ts. The loader reads the config again with
 * the data and reports the same problems the same way.
 */
import { loadConfig } from '../../core/load.ts';
import { resolveHosting, type Hosting } from '../../site/hosting.ts';
import { dataProblemMessage, type Problem } from '../data-folder.ts';

/** The hosting of a build of `dir` (`input` as the user named it), or why it cannot be known. */
export async function buildHosting(dir: string, input: string, flags: { base?: string | undefined; site?: string | undefined }): Promise<{ ok: true; hosting: Hosting } | Problem> {
  let config;
  try {
    ({ config } = await loadConfig(dir));
  } catch (error) {
    const message = dataProblemMessage(error, input);
    if (message === null) throw error;
    return { ok: false, code: 1, message };
  }
  const resolved = resolveHosting(flags, config);
  if (resolved.ok) return { ok: true, hosting: resolved.value };
  // A flag's mistake is a usage mistake; the config's is a data error.
  return { ok: false, code: resolved.message.startsWith('--') ? 2 : 1, message: resolved.message };
}

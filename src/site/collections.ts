/**
 * The content collections: the report (one entry, from the data folder through the data core) and
 * the write-ups (MDX). src/content.config.ts loads this module through Node (native-import.ts).
 */
import { defineCollection } from 'astro/content/config';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { ENV } from '../env.ts';
import { reportLoader } from './loader.ts';
import { reportSchema } from './schema.ts';

/**
 * The collections Astro reads, as `collections` of the content config, for the build about to
 * run. A function, read afresh by each build: Node loads this module once per process, and builds
 * run in-process one after another (tests, `pdf`) with their own settings in the environment.
 */
export function contentCollections(env: NodeJS.ProcessEnv = process.env) {
  // The build command sets these; `astro dev` on its own reads `data/`.
  const options = { dir: env[ENV.data] || 'data', strict: env[ENV.strict] === '1', baseline: env[ENV.baselines] ? (JSON.parse(env[ENV.baselines]!) as string[]) : env[ENV.baseline] || undefined, candidate: env[ENV.candidate] || undefined, cache: env[ENV.cache] || undefined };
  return {
    report: defineCollection({ loader: reportLoader(options), schema: reportSchema }),
    // Write-ups: MDX pages whose tables and figures come from the report through components.
    writeups: defineCollection({
      loader: glob({ pattern: '*.mdx', base: env[ENV.content] || './content' }),
      schema: z.object({
        title: z.string().min(1),
        description: z.string().min(1),
        /** Position in the navigation (lower first). */
        order: z.number().default(100),
      }),
    }),
  };
}

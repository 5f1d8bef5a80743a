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

// The build command sets these; `astro dev` on its own reads `data/`.
const options = { dir: process.env[ENV.data] || 'data', strict: process.env[ENV.strict] === '1', baseline: process.env[ENV.baselines] ? (JSON.parse(process.env[ENV.baselines]!) as string[]) : process.env[ENV.baseline] || undefined, candidate: process.env[ENV.candidate] || undefined };

/** The collections Astro reads, as `collections` of the content config. */
export const collections = {
  report: defineCollection({ loader: reportLoader(options), schema: reportSchema }),
  // Write-ups: MDX pages whose tables and figures come from the report through components.
  writeups: defineCollection({
    loader: glob({ pattern: '*.mdx', base: process.env[ENV.content] || './content' }),
    schema: z.object({
      title: z.string().min(1),
      description: z.string().min(1),
      /** Position in the navigation (lower first). */
      order: z.number().default(100),
    }),
  }),
};

import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { ENV, groupsLoader, reportLoader, reportSource } from './site/loader.ts';
import { groupSchema, reportSchema } from './site/schema.ts';

// The build script sets these; `astro dev` on its own reads `data/`.
const source = reportSource({
  dir: process.env[ENV.data] || 'data',
  strict: process.env[ENV.strict] === '1',
});

export const collections = {
  groups: defineCollection({ loader: groupsLoader(source), schema: groupSchema }),
  report: defineCollection({ loader: reportLoader(source), schema: reportSchema }),
  // Write-ups: MDX pages whose tables and figures come from the report through components.
  writeups: defineCollection({
    loader: glob({ pattern: '*.mdx', base: process.env.CAPACITY_CONTENT || './content' }),
    schema: z.object({
      title: z.string().min(1),
      description: z.string().min(1),
      /** Position in the navigation (lower first). */
      order: z.number().default(100),
    }),
  }),
};

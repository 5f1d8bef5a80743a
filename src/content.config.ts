import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { ENV } from './env.ts';
import { importNatively } from './site/native-import.ts';
import { reportSchema } from './site/schema.ts';

// The loader and the data core it runs load through Node, not Vite (see native-import.ts).
const { reportLoader } = await importNatively<typeof import('./site/loader.ts')>(new URL('./site/loader.ts', import.meta.url));

// The build command sets these; `astro dev` on its own reads `data/`.
const options = { dir: process.env[ENV.data] || 'data', strict: process.env[ENV.strict] === '1', baseline: process.env[ENV.baselines] ? (JSON.parse(process.env[ENV.baselines]!) as string[]) : process.env[ENV.baseline] || undefined, candidate: process.env[ENV.candidate] || undefined };

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

import { defineCollection } from 'astro:content';
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
};

// @ts-check
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import rehypeSlug from 'rehype-slug';
import remarkGfm from 'remark-gfm';
import rehypeTables from './src/site/rehype-tables.ts';

// Astro 7's default Markdown processor runs no remark plugins: GFM (tables of the capacity report,
// of MDX pages) goes through remark-gfm on the unified processor, which MDX inherits. Smart quotes
// stay off so rendered text matches the Markdown download. Heading ids come from rehype-slug
// (github-slugger, the same ids GitHub gives the .md file); tables get header scopes and a scroll box.
const processor = unified({
  gfm: false,
  smartypants: false,
  remarkPlugins: [remarkGfm],
  rehypePlugins: [rehypeSlug, rehypeTables],
});

export default defineConfig({
  // Sub-path hosting (`base`) comes from the build script later; links already go through href().
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  compressHTML: true,
  devToolbar: { enabled: false },
  integrations: [mdx()],
  markdown: { processor, syntaxHighlight: false },
});

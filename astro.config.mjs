// @ts-check
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import rehypeSlug from 'rehype-slug';
import remarkGfm from 'remark-gfm';
import rehypePermalinks from './src/site/permalinks.ts';
import { printDocument } from './src/site/print-build.ts';
import rehypeTables from './src/site/rehype-tables.ts';

// Astro 7's default Markdown processor runs no remark plugins: GFM (tables of the capacity report,
// of MDX pages) goes through remark-gfm on the unified processor, which MDX inherits. Smart quotes
// stay off so rendered text matches the Markdown download. Heading ids come from rehype-slug
// (github-slugger, the same ids GitHub gives the .md file); tables get header scopes, a scroll box and
// an anchor named after their heading; headings and tables get a visible "#" permalink.
const processor = unified({
  gfm: false,
  smartypants: false,
  remarkPlugins: [remarkGfm],
  rehypePlugins: [rehypeSlug, rehypeTables, rehypePermalinks],
});

/**
 * `npm run dev`: the overview's module graph is transformed while the server starts, and each
 * module's imports as soon as it is, so the first page does not wait on them one by one. For the
 * dev server only: a build's content sync starts a dev server of its own, which would transform
 * them for nothing.
 * @returns {import('astro').AstroIntegration}
 */
function devWarmup() {
  return {
    name: 'capacity-dev-warmup',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command !== 'dev') return;
        updateConfig({ vite: { server: { warmup: { ssrFiles: ['./src/pages/index.astro'] } }, environments: { ssr: { dev: { preTransformRequests: true } } } } });
      },
    },
  };
}

// A plain object, typed by JSDoc, rather than `defineConfig` from 'astro/config': that entry point
// loads Astro's SVG optimiser (svgo and csso, about 270 modules) into every build, which the site
// never uses.
/** @type {import('astro').AstroUserConfig} */
export default {
  // `base` and `site` come from the build script (`--base`, `--site` or the folder config); every
  // link goes through href(), so the same pages work under any sub-path.
  trailingSlash: 'always',
  // Four routes at a time: while one waits on its preview image (rasterised on a worker thread),
  // the others render. Each page's bytes are the same in any order.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  compressHTML: true,
  devToolbar: { enabled: false },
  integrations: [mdx(), printDocument(), devWarmup()],
  markdown: { processor, syntaxHighlight: false },
  vite: {
    // Astro's own MDX transform marks propagated assets with a module-level "use astro:head-inject"
    // directive, which the bundler warns about on every build; the directive is Astro's to honour, not
    // ours to fix, so exactly that warning is dropped and every other one is kept.
    build: {
      rolldownOptions: {
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
};

/**
 * Figures that write-ups show as "not measured" through `<Num>`: an author's MDX is not known to
 * the loader, so the build finds them in the pages it wrote, by the `data-gap` marker `<Num>` sets.
 */

const MARKER = /<span\b[^>]*\bdata-gap="([^"]*)"[^>]*\btitle="([^"]*)"/g;

const unescape = (text: string) =>
  text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Every marked gap of one page as `page: what (hint)`, in page order. */
export function pageGaps(page: string, html: string): string[] {
  return [...html.matchAll(MARKER)].map((m) => `not measured: ${page}: ${unescape(m[1]!)} (${unescape(m[2]!).replace(/^not measured: /, '')})`);
}

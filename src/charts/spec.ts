/** What a chart module hands to the renderer and to the page that shows it. */
import type * as Plot from '@observablehq/plot';

/** A chart ready to render: Plot options plus the words that make it accessible and citable. */
export interface ChartSpec {
  /** Stable, slug-like id (`throughput`, `compare-latency`), used for file names of downloads. */
  id: string;
  /** Short title; becomes the SVG's `<title>` (its accessible name in a standalone file). */
  title: string;
  /** One or two sentences for the figure caption: what is drawn and any choice the reader must know. */
  caption: string;
  /** Text alternative summarising the data for screen readers (the SVG's `aria-label`). */
  ariaLabel: string;
  /**
   * Pure Plot options, built when the chart is drawn: the renderer adds the document, class name
   * and fonts. A page whose drawings come from the render cache needs only the words above, and
   * building the marks (placing labels, measuring text) is most of a spec's cost.
   */
  options: () => Plot.PlotOptions;
}

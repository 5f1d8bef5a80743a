/**
 * A chart that has nothing to plot still renders: an empty frame with one line saying why, so a
 * page that always shows three charts keeps its layout and the reader is told, not left guessing.
 */
import type * as Plot from '@observablehq/plot';
import { plotModule } from './plot.ts';
import { frame, WIDE, type ChartSize } from './layout.ts';
import type { ChartSpec } from './spec.ts';

/** The words of an empty chart. */
export interface MessageWords {
  id: string;
  title: string;
  caption: string;
  ariaLabel: string;
  /** The line shown in the frame. */
  message: string;
}

/** The chart of a group whose runs none can be placed on a load axis (`kind`: "throughput", "latency"). */
export function unplacedChart(id: string, title: string, where: string, kind: string, omitted: string, size: ChartSize = WIDE): ChartSpec {
  return messageChart({
    id,
    title,
    caption: [`No run of ${where} can be placed on a load axis.`, omitted].filter(Boolean).join(' '),
    ariaLabel: `No ${kind} chart for ${where}: no run was driven at a bounded load.`,
    message: 'No run at a bounded load: see the tables',
  }, size);
}

/** A spec with an empty frame and the message centred in it. */
export function messageChart(words: MessageWords, size: ChartSize = WIDE): ChartSpec {
  const { message, ...rest } = words;
  return {
    ...rest,
    options: () => ({
      ...frame(0, size),
      marks: [
        plotModule().frame({ stroke: 'currentColor', strokeOpacity: 0.3 }),
        // A narrow frame wraps the message rather than cutting it at the edges.
        plotModule().text([message], { frameAnchor: 'middle', text: (d: string) => d, fill: 'currentColor', fontSize: 14, ...(size.name === 'narrow' ? { lineWidth: 18 } : {}) }),
      ],
    }),
  };
}

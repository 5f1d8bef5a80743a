/**
 * Named formatters shared by prose, tables, chart axes and the Markdown report, so one figure reads
 * the same everywhere. Locale-free on purpose: output bytes must not depend on the machine.
 */

/** Text shown wherever a figure is missing from the data. */
export const NOT_MEASURED = 'not measured';

/** Text shown where a figure has no meaning for the run (a rate-driven run has no concurrency). */
export const NOT_APPLICABLE = 'not applicable';

function finite(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

// toFixed can print "-0"; a figure that rounds to zero is shown as 0.
function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * A latency in milliseconds: whole from 10 ms (`4570`, `87`), one decimal below (`2.2`), two
 * below 1 ms (`0.43`). Whole milliseconds alone would show a TPOT of 2.21 ms as `2` beside a
 * 2.1 ms bound, and an ITL of 0.4 ms as `0`.
 */
export function formatMs(value: number | null | undefined): string {
  if (!finite(value)) return NOT_MEASURED;
  const size = Math.abs(value);
  // Thresholds on the rounded text: 9.96 is `10`, not `10.0`.
  return fixed(value, size >= 9.95 || size === 0 ? 0 : size >= 0.995 ? 1 : 2);
}

/** Goodput in requests per second with two decimals, e.g. `6.33`. */
export function formatGoodput(value: number | null | undefined): string {
  return finite(value) ? fixed(value, 2) : NOT_MEASURED;
}

/** An attainment margin in points with one decimal, e.g. `10.0`, `-18.1`. */
export function formatPoints(value: number | null | undefined): string {
  return finite(value) ? fixed(value, 1) : NOT_MEASURED;
}

/** Throughput in tokens per second with one decimal, e.g. `620.4`. */
export function formatTokS(value: number | null | undefined): string {
  return finite(value) ? fixed(value, 1) : NOT_MEASURED;
}

// Text for readers takes the true minus sign (U+2212), not the hyphen: `−67%`.
const minus = (text: string) => text.replace(/^-/, '\u2212');

/** A percentage in whole percent with its sign, e.g. `9%`, `−67%` (a true minus sign). */
export function formatPct(value: number | null | undefined): string {
  return finite(value) ? `${minus(fixed(value, 0))}%` : NOT_MEASURED;
}

/** A percentage with one decimal, e.g. `8.6%`, `−3.2%` (the headroom as computed). */
export function formatPct1(value: number | null | undefined): string {
  return finite(value) ? `${minus(fixed(value, 1))}%` : NOT_MEASURED;
}

/** A count or integer setting, e.g. `16`. */
export function formatInt(value: number | null | undefined): string {
  return finite(value) ? fixed(value, 0) : NOT_MEASURED;
}

/** A request rate in requests per second, e.g. `4 req/s`, trimmed of trailing zeros. */
export function formatRate(value: number | null | undefined): string {
  return finite(value) ? `${Number(value.toFixed(3))} req/s` : NOT_MEASURED;
}

/** A ratio such as a speed-up, e.g. `12.4×`. */
export function formatRatio(value: number | null | undefined): string {
  return finite(value) ? `${fixed(value, 1)}×` : NOT_MEASURED;
}

/** A byte count in binary units, e.g. `28.0 KiB`, `1.5 GiB`. */
export function formatBytes(value: number | null | undefined): string {
  if (!finite(value)) return NOT_MEASURED;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let scaled = value;
  let unit = 0;
  while (Math.abs(scaled) >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit++;
  }
  return unit === 0 ? `${fixed(scaled, 0)} B` : `${fixed(scaled, 1)} ${units[unit]}`;
}

/** A large count with thousands separators, e.g. `1,234,567` (fixed, not locale-dependent). */
export function formatGrouped(value: number | null | undefined): string {
  if (!finite(value)) return NOT_MEASURED;
  const [whole = '0', fraction] = fixed(value, 0).split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
}

/** A plain number for chart axes, at most three decimals and no grouping (like the tables), e.g. `1800`, `0.25`. */
export function formatNumber(value: number | null | undefined): string {
  return finite(value) ? String(Number(fixed(value, 3))) : NOT_MEASURED;
}

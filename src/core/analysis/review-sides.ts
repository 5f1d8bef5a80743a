/**
 * The two sides of a review from what was read: two data folders (each read with its own config,
 * the candidate's SLOs judging both), or one folder split on a setting (`engine_version=0.10.1`
 * against the other value). Pure: the folders were read by the caller.
 */
import type { Dataset } from '../load.ts';
import type { Measurement, Report } from '../types.ts';
import { buildReport } from './report.ts';
import { buildReview, type Review } from './review.ts';
import { byText } from './stats.ts';

/** A folder as read, with the name it is shown by. */
export interface NamedDataset extends Dataset {
  name: string;
}

/** A `SETTING=VALUE` naming one side of a review within one folder. */
export interface SettingChoice {
  key: string;
  value: string;
}

/** The candidate's report and the review against the baseline. */
export interface Reviewed {
  report: Report;
  review: Review;
}

/** `SETTING=VALUE` as a choice, or null when the text is not of that form. */
export function parseSettingChoice(text: string): SettingChoice | null {
  const match = /^([A-Za-z_][\w.-]*)=(.+)$/.exec(text.trim());
  return match ? { key: match[1]!, value: match[2]!.trim() } : null;
}

/** Reviews the candidate folder against the baseline folder; the candidate's SLOs judge both. */
export function reviewFolders(candidate: NamedDataset, baseline: NamedDataset): Reviewed {
  const report = buildReport(candidate.measurements, candidate.config, candidate.files, candidate.ignored);
  const baseConfig = { ...baseline.config, slo: candidate.config.slo };
  const baseReport = buildReport(baseline.measurements, baseConfig, baseline.files, baseline.ignored);
  const review = buildReview(
    { name: baseline.name, report: baseReport, measurements: baseline.measurements },
    { name: candidate.name, report, measurements: candidate.measurements },
    candidate.config.review.noise_pct,
  );
  return { report, review };
}

const valueOf = (m: Measurement, key: string): string | null => (m.setup[key] === undefined ? null : String(m.setup[key]));

/**
 * Reviews one folder's runs split on a setting: the baseline is the runs whose `baseline.key`
 * equals its value, the candidate those with `candidate` (or, when not named, the one other
 * value). The site still shows the whole folder; the review compares the two sides.
 */
export function reviewSettings(dataset: Dataset, baseline: SettingChoice, candidate: SettingChoice | null): { ok: true; reviewed: Reviewed } | { ok: false; message: string } {
  const values = [...new Set(dataset.measurements.map((m) => valueOf(m, baseline.key)).filter((v): v is string => v !== null))].sort(byText);
  const shown = values.map((v) => JSON.stringify(v)).join(', ');
  if (values.length === 0) return { ok: false, message: `--baseline ${baseline.key}=${baseline.value} expects runs with the setting ${JSON.stringify(baseline.key)} but no run of the folder records it` };
  if (!values.includes(baseline.value)) return { ok: false, message: `--baseline ${baseline.key}=${baseline.value} matches no run: ${baseline.key} takes the values ${shown}` };
  const baseRuns = dataset.measurements.filter((m) => valueOf(m, baseline.key) === baseline.value);
  let candRuns: Measurement[];
  let candidateName: string;
  if (candidate) {
    const candValues = [...new Set(dataset.measurements.map((m) => valueOf(m, candidate.key)).filter((v): v is string => v !== null))].sort(byText);
    candRuns = dataset.measurements.filter((m) => valueOf(m, candidate.key) === candidate.value && !baseRuns.includes(m));
    if (candRuns.length === 0) return { ok: false, message: `--candidate ${candidate.key}=${candidate.value} matches no run outside the baseline: ${candidate.key} takes the values ${candValues.map((v) => JSON.stringify(v)).join(', ') || 'none'}` };
    candidateName = `${candidate.key}=${candidate.value}`;
  } else {
    const others = values.filter((v) => v !== baseline.value);
    if (others.length !== 1) {
      return { ok: false, message: others.length === 0
        ? `--baseline ${baseline.key}=${baseline.value} leaves no candidate: every run has ${baseline.key}=${baseline.value}`
        : `--baseline ${baseline.key}=${baseline.value} leaves several candidates (${others.map((v) => JSON.stringify(v)).join(', ')}): name one with --candidate ${baseline.key}=VALUE` };
    }
    candRuns = dataset.measurements.filter((m) => valueOf(m, baseline.key) === others[0]);
    candidateName = `${baseline.key}=${others[0]}`;
  }
  const { config, files, ignored } = dataset;
  const report = buildReport(dataset.measurements, config, files, ignored);
  const review = buildReview(
    { name: `${baseline.key}=${baseline.value}`, report: buildReport(baseRuns, config, files, ignored), measurements: baseRuns },
    { name: candidateName, report: buildReport(candRuns, config, files, ignored), measurements: candRuns },
    config.review.noise_pct,
  );
  return { ok: true, reviewed: { report, review } };
}

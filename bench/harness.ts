/**
 * Benchmarks report each figure as a ratio to a raw baseline measured in the same run, so a figure holds when the
 * machine's speed drifts. Runs alternate (baseline, subject, baseline, …) and the medians are compared (or, when asked,
 * a percentile such as the p95).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Figure {
  id: string;
  what: string;
  /** The subject's figure and the baseline's, in `unit` (milliseconds unless it says otherwise). */
  ms: number;
  baselineMs: number;
  ratio: number;
  unit?: 'MB';
}

export const RESULTS_FILE = join(__dirname, 'results.json');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (nearest rank): the smallest value at least p% of the runs do not exceed. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

async function timeOnce(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function measure(options: {
  id: string;
  what: string;
  subject: () => unknown;
  baseline: () => unknown;
  runs?: number;
  warmup?: number;
  /** Compare this percentile of the runs (e.g. 95) instead of the median. */
  percentile?: number;
  /** Untimed, after each run: lets work the subject leaves for later (background checks) finish first. */
  settle?: () => unknown;
}): Promise<Figure> {
  const runs = options.runs ?? 15;
  for (let i = 0; i < (options.warmup ?? 3); i++) {
    await options.baseline();
    await options.subject();
    await options.settle?.();
  }
  const subject: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < runs; i++) {
    baseline.push(await timeOnce(options.baseline));
    subject.push(await timeOnce(options.subject));
    await options.settle?.();
  }
  const stat = options.percentile === undefined ? median : (v: number[]) => percentile(v, options.percentile!);
  const ms = stat(subject);
  const baselineMs = stat(baseline);
  return record({ id: options.id, what: options.what, ms, baselineMs, ratio: ms / baselineMs });
}

/** Writes a figure to the results (replacing one of the same id), rounded. */
export function record(figure: Figure): Figure {
  const rounded = { ...figure, ms: round(figure.ms), baselineMs: round(figure.baselineMs), ratio: round(figure.ratio) };
  const all: Figure[] = existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Figure[]) : [];
  writeFileSync(RESULTS_FILE, JSON.stringify([...all.filter((f) => f.id !== figure.id), rounded], null, 2));
  return rounded;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * Links into a page with its choices made (`#/assessments?month=12&unit=5`), and reading them back: how 首页 opens the
 * people behind a figure. Kept apart from the pages so a link costs no page chunk.
 */
import type { Grade } from '../../shared/domain/scoring';

/** The query of the hash: '#/analysis?tab=person&person=3' → tab=person&person=3. */
export function hashParams(hash: string = window.location.hash): URLSearchParams {
  const q = hash.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
}

/** A positive id from the hash's query, or null. */
export function idParam(params: URLSearchParams, name: string): number | null {
  const id = Number(params.get(name));
  return Number.isInteger(id) && id > 0 ? id : null;
}

function href(area: string, params: Record<string, string | number | null | undefined | boolean>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== false) q.set(k, v === true ? '1' : String(v));
  const text = q.toString();
  return `#/${area}${text ? `?${text}` : ''}`;
}

export interface AssessmentsLink {
  month: number;
  unit?: number | null;
  tab?: 'score' | 'results';
  /** The scoring sheet of this evaluator. */
  evaluator?: number | null;
  /** Results: only the workers nobody has scored yet. */
  unscored?: boolean;
  grade?: Grade | null;
}

/** 月度考核 on a month (and unit, evaluator, filter). */
export function assessmentsHref(link: AssessmentsLink): string {
  return href('assessments', { ...link });
}

export const ANALYSIS_TABS = ['compare', 'criteria', 'evaluators', 'person', 'whatif'] as const;
export type AnalysisTab = (typeof ANALYSIS_TABS)[number];

export interface AnalysisLink {
  tab?: AnalysisTab;
  person?: number | null;
  scheme?: number | null;
  unit?: number | null;
  from?: string | null;
  to?: string | null;
}

/** 分析 on a tab (个人档案 of a person …). */
export function analysisHref(link: AnalysisLink): string {
  return href('analysis', { ...link });
}

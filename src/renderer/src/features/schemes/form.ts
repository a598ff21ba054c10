/**
 * The editor's working copy of a scheme version. Amounts the user types stay text until saved (so "9" on the way to
 * "95" is never refused mid-word); criteria in the grid hold hundredths, parsed cell by cell.
 */
import type { SchemeDetail, SchemeDraftInput } from '../../../../shared/contract/schemes';
import type { Role } from '../../../../shared/domain/people';
import {
  bandsError,
  formatHundredths,
  GRADES,
  parseHundredths,
  type Aggregation,
  type Band,
  type Criterion,
  type Grade,
} from '../../../../shared/domain/scoring';
import type { FieldIssue } from '../../../../shared/errors';

/** A criterion being edited: `key` is stable while editing (the saved id, or a new key for rows added here). */
export type CriterionRow = Omit<Criterion, 'id'> & { key: string };

export interface GroupRow {
  key: string;
  name: string;
  weight: string;
}

export interface BandRow {
  grade: Grade;
  min: string;
  /** Empty: no upper bound. */
  max: string;
}

export interface SchemeForm {
  name: string;
  description: string;
  roles: Role[];
  fullScore: string;
  aggregation: Aggregation;
  groups: GroupRow[];
  bands: BandRow[];
  /** 极端分说明's lines as typed: '' for the defaults (the full score, 60). */
  reasonHigh: string;
  reasonLow: string;
  criteria: CriterionRow[];
}

let nextKey = 1;
export function newKey(prefix: string): string {
  return `${prefix}${nextKey++}`;
}

export function formOf(d: SchemeDetail): SchemeForm {
  return {
    name: d.name,
    description: d.description,
    roles: [...d.roles],
    fullScore: formatHundredths(d.fullScore),
    aggregation: d.aggregation,
    groups: d.groups.map((g) => ({ key: newKey('g'), name: g.name, weight: String(g.weight) })),
    bands: d.bands.map((b) => ({ grade: b.grade, min: formatHundredths(b.min), max: b.max === null ? '' : formatHundredths(b.max) })),
    reasonHigh: d.reasonHigh === null ? '' : formatHundredths(d.reasonHigh),
    reasonLow: d.reasonLow === null ? '' : formatHundredths(d.reasonLow),
    criteria: d.criteria.map((c) => ({
      key: `c${c.id}`,
      category: c.category,
      name: c.name,
      kind: c.kind,
      max: c.max,
      perUnit: c.perUnit,
      cap: c.cap,
      floor: c.floor,
      guide: c.guide,
    })),
  };
}

/** The form without the keys that only the screen needs: equal text means nothing to save. */
export function formSignature(f: SchemeForm): string {
  return JSON.stringify({
    ...f,
    groups: f.groups.map(({ name, weight }) => ({ name, weight })),
    criteria: f.criteria.map(({ key: _key, ...c }) => c),
  });
}

/** The bands as numbers, or the first one that is not a number. */
export function parseBands(rows: readonly BandRow[]): { bands: Band[]; error: string | null } {
  const bands: Band[] = [];
  for (const r of rows) {
    const min = parseHundredths(r.min);
    if (min === null) return { bands, error: `“${r.grade}”的下限应为数字，最多两位小数` };
    let max: number | null = null;
    if (r.max.trim() !== '') {
      max = parseHundredths(r.max);
      if (max === null) return { bands, error: `“${r.grade}”的上限应为数字，最多两位小数（不设上限请留空）` };
    }
    bands.push({ grade: r.grade, min, max });
  }
  return { bands, error: null };
}

/**
 * A band's limit as typed, with its neighbour following so the bands stay contiguous: a lower limit is also the upper
 * limit of the band below (the next grade), an upper limit also the lower limit of the band above. The lowest band's
 * lower limit and the highest band's upper limit have no neighbour.
 */
export function withBandLimit(rows: readonly BandRow[], index: number, limit: 'min' | 'max', value: string): BandRow[] {
  const order = rows.map((r, i) => ({ i, rank: GRADES.indexOf(r.grade) })).sort((a, b) => a.rank - b.rank);
  const at = order.findIndex((o) => o.i === index);
  // min: the band below (the next grade); max: the band above (the grade before)
  const neighbour = order[limit === 'min' ? at + 1 : at - 1]?.i;
  return rows.map((r, i) => {
    if (i === index) return { ...r, [limit]: value };
    if (i === neighbour) return { ...r, [limit === 'min' ? 'max' : 'min']: value };
    return r;
  });
}

/** What is wrong with the bands right now, in Chinese, or null. */
export function liveBandsError(rows: readonly BandRow[]): string | null {
  const { bands, error } = parseBands(rows);
  return error ?? bandsError(bands);
}

export function groupWeightSum(groups: readonly GroupRow[]): number | null {
  let sum = 0;
  for (const g of groups) {
    const w = Number(g.weight.trim());
    if (g.weight.trim() === '' || !Number.isInteger(w)) return null;
    sum += w;
  }
  return sum;
}

/**
 * The call's input, or the fields that cannot even be sent (text that is not a number). Rules the core checks on
 * publish (sums, bands, weights) are left to the core, which names each field.
 */
export function draftInput(schemeId: number, f: SchemeForm): { input: SchemeDraftInput | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const fullScore = parseHundredths(f.fullScore);
  if (fullScore === null || fullScore <= 0) issues.push({ field: 'fullScore', message: '满分应为大于0的数字，最多两位小数' });
  const { bands, error } = parseBands(f.bands);
  if (error) issues.push({ field: 'bands', message: error });
  const groups = f.groups.map((g) => ({ name: g.name.trim(), weight: Number(g.weight.trim()) }));
  if (f.aggregation === 'group_weights') f.groups.forEach((g, i) => {
    const w = Number(g.weight.trim());
    if (g.weight.trim() === '' || !Number.isInteger(w) || w < 0 || w > 100) {
      issues.push({ field: `groups.${i}.weight`, message: `考核组“${g.name || i + 1}”的权重应为0到100的整数` });
    }
  });
  const line = (field: 'reasonHigh' | 'reasonLow', text: string, label: string): number | null => {
    if (text.trim() === '') return null;
    const v = parseHundredths(text);
    if (v === null) issues.push({ field, message: `${label}应为数字，最多两位小数（用默认值请留空）` });
    return v;
  };
  const reasonHigh = line('reasonHigh', f.reasonHigh, '需说明的高分线');
  const reasonLow = line('reasonLow', f.reasonLow, '需说明的低分线');
  if (issues.length > 0 || fullScore === null) return { input: null, issues };
  return {
    input: {
      schemeId,
      name: f.name,
      description: f.description,
      roles: f.roles,
      fullScore,
      aggregation: f.aggregation,
      groups: f.aggregation === 'group_weights' ? groups : [],
      bands,
      reasonHigh,
      reasonLow,
      criteria: f.criteria.map(({ key: _key, ...c }) => c),
    },
    issues,
  };
}

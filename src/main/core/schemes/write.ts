/** What changes a scheme: creating it, its draft, publishing and discarding the draft. Each records its audit entry. */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { SchemeDetail, schemeDraftInput } from '../../../shared/contract/schemes';
import { bandsError, CRITERION_KINDS, formatHundredths, sumOfMaxima, type Criterion } from '../../../shared/domain/scoring';
import { reasonLimitsError } from '../../../shared/domain/sheet-reasons';
import { AppError, type FieldIssue } from '../../../shared/errors';
import type { HandlerContext } from '../context';
import type { CallInputOf } from '../handler-types';
import { schemeDetail, loadCriteria } from './queries';
import { TEMPLATES } from './templates';

type Draft = Omit<z.output<typeof schemeDraftInput>, 'schemeId' | 'name' | 'description'>;

function assertNameFree(db: Database, name: string, exceptId: number | null): void {
  const twin = db.prepare('SELECT id FROM schemes WHERE name = ? AND id IS NOT ?').get(name, exceptId);
  if (twin) throw AppError.field('name', `已有名为“${name}”的考核方案`);
}

function draftId(db: Database, schemeId: number): number | undefined {
  return db.prepare("SELECT id FROM scheme_versions WHERE scheme_id = ? AND status = 'draft'").pluck().get(schemeId) as number | undefined;
}

/** Writes the draft version of a scheme, creating it (the next version number) when there is none. */
function writeDraft(db: Database, schemeId: number, d: Draft, at: string): void {
  let id = draftId(db, schemeId);
  const fields = [JSON.stringify(d.roles), d.fullScore, d.aggregation, JSON.stringify(d.groups), JSON.stringify(d.bands), d.reasonHigh ?? null, d.reasonLow ?? null];
  if (id === undefined) {
    const next = (db.prepare('SELECT coalesce(max(version), 0) + 1 FROM scheme_versions WHERE scheme_id = ?').pluck().get(schemeId) as number);
    id = Number(
      db
        .prepare(
          `INSERT INTO scheme_versions (scheme_id, version, status, roles, full_score, aggregation, groups, bands, reason_high, reason_low, created_at)
           VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(schemeId, next, ...fields, at).lastInsertRowid,
    );
  } else {
    db.prepare('UPDATE scheme_versions SET roles = ?, full_score = ?, aggregation = ?, groups = ?, bands = ?, reason_high = ?, reason_low = ? WHERE id = ?').run(
      ...fields,
      id,
    );
    db.prepare('DELETE FROM criteria WHERE version_id = ?').run(id);
  }
  const insert = db.prepare(
    `INSERT INTO criteria (version_id, sort_order, category, name, kind, max_points, per_unit, cap, floor, guide)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  d.criteria.forEach((c, i) => insert.run(id, i + 1, c.category, c.name, c.kind, c.max, c.perUnit, c.cap, c.floor, c.guide));
}

/** Everything that keeps a draft from being published, each named at its field. */
export function publishIssues(d: {
  fullScore: number;
  aggregation: string;
  groups: { name: string; weight: number }[];
  bands: Parameters<typeof bandsError>[0];
  reasonHigh?: number | null;
  reasonLow?: number | null;
  criteria: Omit<Criterion, 'id'>[];
}): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (d.criteria.length === 0) issues.push({ field: 'criteria', message: '方案还没有考核指标' });
  d.criteria.forEach((c, i) => {
    const at = `第${i + 1}项“${c.name}”（${CRITERION_KINDS[c.kind]}）`;
    const add = (field: string, message: string) => issues.push({ field: `criteria.${i}.${field}`, message: `${at}${message}` });
    if (c.kind === 'score' && c.max <= 0) add('max', '的满分应大于0');
    if (c.kind === 'score' && c.max % 50 !== 0) add('max', '的满分应为0.5的整数倍');
    if ((c.kind === 'deduction' || c.kind === 'bonus') && c.perUnit <= 0) add('perUnit', '应设置每次扣加的分值');
    if (c.kind === 'deduction' && c.floor === 'criterion' && c.max <= 0) add('max', '扣完本项为止，应设置本项分值，否则扣不了分');
    if (c.kind === 'bonus' && c.cap <= 0) add('cap', '应设置加分上限');
    if ((c.kind === 'bonus' || c.kind === 'veto') && c.max !== 0) add('max', '不计入满分，分值应为0');
  });
  const sum = sumOfMaxima(d.criteria);
  if (d.criteria.length > 0 && sum !== d.fullScore) {
    issues.push({
      field: 'fullScore',
      message: `各项指标分值合计${formatHundredths(sum)}分，与满分${formatHundredths(d.fullScore)}分不一致`,
    });
  }
  const bands = bandsError(d.bands);
  if (bands) issues.push({ field: 'bands', message: bands });
  const top = [...d.bands].sort((a, b) => b.min - a.min)[0];
  if (!bands && top && top.min > d.fullScore) {
    issues.push({
      field: 'bands',
      message: `最高等次“${top.grade}”从${formatHundredths(top.min)}分起，高于满分${formatHundredths(d.fullScore)}分，没有人能达到`,
    });
  }
  const limits = reasonLimitsError({ fullScore: d.fullScore, reasonHigh: d.reasonHigh ?? null, reasonLow: d.reasonLow ?? null });
  if (limits) issues.push(limits);
  if (d.aggregation === 'group_weights') {
    if (d.groups.length === 0) issues.push({ field: 'groups', message: '按考核组加权时，请设置考核组和权重' });
    else if (d.groups.reduce((s, g) => s + g.weight, 0) !== 100) {
      issues.push({ field: 'groups', message: `各考核组权重合计应为100%，现为${d.groups.reduce((s, g) => s + g.weight, 0)}%` });
    }
    if (new Set(d.groups.map((g) => g.name)).size !== d.groups.length) issues.push({ field: 'groups', message: '考核组名称重复' });
  }
  return issues;
}

export function createScheme(ctx: HandlerContext, input: CallInputOf<'schemes.create'>) {
  const { db } = ctx;
  assertNameFree(db, input.name, null);
  const template = input.template ? TEMPLATES.find((t) => t.key === input.template) : undefined;
  if (input.template && !template) throw AppError.field('template', '没有这个模板');
  const at = ctx.now().toISOString();
  const schemeId = Number(
    db.prepare('INSERT INTO schemes (name, description, created_at) VALUES (?, ?, ?)').run(input.name, template?.description ?? '', at)
      .lastInsertRowid,
  );
  writeDraft(
    db,
    schemeId,
    template
      ? {
          ...template,
          reasonHigh: null,
          reasonLow: null,
          criteria: template.criteria.map((c) => ({ perUnit: 0, cap: 0, floor: 'criterion' as const, guide: '', ...c })),
        }
      : { roles: ['网格员'], fullScore: 10000, aggregation: 'mean', groups: [], bands: TEMPLATES[0]!.bands, reasonHigh: null, reasonLow: null, criteria: [] },
    at,
  );
  const detail = schemeDetail(db, schemeId);
  ctx.audit({ action: 'create', entity: 'scheme', entityId: schemeId, newValue: { name: input.name, template: input.template } });
  return detail;

}

/** Everything of a version a draft is made of: its rules and every criterion, as they are. */
function draftOfVersion(d: SchemeDetail): Draft {
  return {
    roles: d.roles,
    fullScore: d.fullScore,
    aggregation: d.aggregation,
    groups: d.groups.map((g) => ({ name: g.name, weight: g.weight })),
    bands: d.bands.map((b) => ({ ...b })),
    reasonHigh: d.reasonHigh,
    reasonLow: d.reasonLow,
    criteria: d.criteria.map(({ id: _id, ...c }) => c),
  };
}

/** 复制方案: a new scheme whose first version is a draft copy of everything in the source version. */
export function copyScheme(ctx: HandlerContext, input: CallInputOf<'schemes.copy'>) {
  const { db } = ctx;
  const source = schemeDetail(db, input.schemeId, input.version);
  assertNameFree(db, input.name, null);
  const at = ctx.now().toISOString();
  const schemeId = Number(db.prepare('INSERT INTO schemes (name, description, created_at) VALUES (?, ?, ?)').run(input.name, source.description, at).lastInsertRowid);
  writeDraft(db, schemeId, draftOfVersion(source), at);
  const detail = schemeDetail(db, schemeId);
  ctx.audit({
    action: 'copy',
    entity: 'scheme',
    entityId: schemeId,
    newValue: { name: input.name, from: { schemeId: source.schemeId, name: source.name, version: source.version, status: source.status }, criteria: detail.criteria.length },
  });
  return detail;
}

/** 复制为新版本: the next version's draft of the same scheme, a copy of everything in one of its published versions. */
export function newVersion(ctx: HandlerContext, input: CallInputOf<'schemes.newVersion'>) {
  const { db } = ctx;
  const current = schemeDetail(db, input.schemeId);
  const draft = current.versions.find((v) => v.status === 'draft');
  if (draft) throw new AppError('CONFLICT', `“${current.name}”已有第${draft.version}版草稿，请先发布或放弃该草稿，再复制为新版本`);
  const version = input.version ?? current.versions.find((v) => v.status === 'published')?.version;
  if (version === undefined) throw AppError.field('schemeId', `“${current.name}”还没有发布过的版本`);
  const source = schemeDetail(db, input.schemeId, version);
  if (source.status !== 'published') throw AppError.field('version', `第${version}版不是已发布的版本`);
  writeDraft(db, input.schemeId, draftOfVersion(source), ctx.now().toISOString());
  const detail = schemeDetail(db, input.schemeId);
  ctx.audit({ action: 'new-version', entity: 'scheme', entityId: input.schemeId, newValue: { name: detail.name, version: detail.version, from: version } });
  return detail;
}

export function saveDraft(ctx: HandlerContext, input: CallInputOf<'schemes.saveDraft'>) {
  const { db } = ctx;
  const before = schemeDetail(db, input.schemeId);
  assertNameFree(db, input.name, input.schemeId);
  db.prepare('UPDATE schemes SET name = ?, description = ? WHERE id = ?').run(input.name, input.description, input.schemeId);
  writeDraft(db, input.schemeId, input, ctx.now().toISOString());
  const after = schemeDetail(db, input.schemeId);
  ctx.audit({ action: 'save-draft', entity: 'scheme', entityId: input.schemeId, oldValue: before, newValue: after });
  return after;

}

export function publishScheme(ctx: HandlerContext, input: CallInputOf<'schemes.publish'>) {
  const { db } = ctx;
  const id = draftId(db, input.schemeId);
  if (id === undefined) throw AppError.field('schemeId', '没有待发布的草稿');
  const draft = schemeDetail(db, input.schemeId);
  const issues = publishIssues({ ...draft, criteria: loadCriteria(db, id) });
  if (issues.length > 0) {
    throw new AppError('VALIDATION', issues.length === 1 ? issues[0]!.message : `有${issues.length}处需要修改后才能发布：${issues[0]!.message}`, issues);
  }
  db.prepare("UPDATE scheme_versions SET status = 'published', published_at = ? WHERE id = ?").run(ctx.now().toISOString(), id);
  const after = schemeDetail(db, input.schemeId);
  ctx.audit({ action: 'publish', entity: 'scheme', entityId: input.schemeId, newValue: { version: after.version } });
  return after;

}

export function discardDraft(ctx: HandlerContext, input: CallInputOf<'schemes.discardDraft'>) {
  const { db } = ctx;
  const id = draftId(db, input.schemeId);
  if (id === undefined) throw AppError.field('schemeId', '没有草稿可放弃');
  if (!db.prepare("SELECT 1 FROM scheme_versions WHERE scheme_id = ? AND status = 'published'").get(input.schemeId)) {
    throw AppError.field('schemeId', '方案还没有发布过的版本，草稿不能放弃，可直接修改');
  }
  db.prepare('DELETE FROM criteria WHERE version_id = ?').run(id);
  db.prepare('DELETE FROM scheme_versions WHERE id = ?').run(id);
  ctx.audit({ action: 'discard-draft', entity: 'scheme', entityId: input.schemeId });
  return schemeDetail(db, input.schemeId);

}

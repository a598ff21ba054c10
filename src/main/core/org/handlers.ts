import type { Database } from 'better-sqlite3';
import type { orgContract } from '../../../shared/contract/org';
import { kindAllowedUnder, unitKindLabel, type UnitKind } from '../../../shared/domain/org';
import { AppError } from '../../../shared/errors';
import type { Handlers } from '../handler-types';
import { getUnit, listUnits, subtreeIds } from './queries';

function assertCodeFree(db: Database, code: string, exceptId: number | null): void {
  const holder = db.prepare('SELECT id, name FROM org_units WHERE code = ?').get(code) as
    | { id: number; name: string }
    | undefined;
  if (holder && holder.id !== exceptId) throw AppError.field('code', `编码“${code}”已被“${holder.name}”使用`);
}

function assertNameFreeAmongSiblings(db: Database, parentId: number | null, name: string, exceptId: number | null): void {
  const twin = db
    .prepare('SELECT id FROM org_units WHERE parent_id IS ? AND name = ? AND id IS NOT ?')
    .get(parentId, name, exceptId);
  if (twin) throw AppError.field('name', `同一上级下已有名为“${name}”的单位`);
}

function assertKindFits(kind: UnitKind, parentKind: UnitKind | null): void {
  if (!kindAllowedUnder(kind, parentKind)) {
    const where = parentKind === null ? '最上层' : `“${unitKindLabel(parentKind)}”之下`;
    throw AppError.field('kind', `“${unitKindLabel(kind)}”不能设在${where}`);
  }
}

/** The parent's code followed by the next two-digit number among its children: 01 → 0103. */
function nextChildCode(db: Database, parentId: number | null): string {
  const prefix = parentId === null ? '' : getUnit(db, parentId).code;
  const taken = new Set(db.prepare('SELECT code FROM org_units').pluck().all() as string[]);
  const siblings = db.prepare('SELECT count(*) FROM org_units WHERE parent_id IS ?').pluck().get(parentId) as number;
  for (let n = siblings + 1; ; n++) {
    const code = prefix + String(n).padStart(2, '0');
    if (!taken.has(code)) return code;
  }
}

function activeParent(db: Database, parentId: number): ReturnType<typeof getUnit> {
  const parent = getUnit(db, parentId);
  if (parent.retiredOn) throw AppError.field('parentId', `上级单位“${parent.name}”已撤销`);
  return parent;
}

/** Why a unit cannot be deleted (it has units below, people's records, or an evaluator's account), or null. */
function deleteRefusal(db: Database, id: number): string | null {
  const unit = getUnit(db, id);
  if (db.prepare('SELECT 1 FROM org_units WHERE parent_id = ?').get(id)) return `“${unit.name}”下还有下级单位，不能删除`;
  if (db.prepare('SELECT 1 FROM person_terms WHERE unit_id = ?').get(id)) return `“${unit.name}”有人员记录，只能撤销，不能删除`;
  const accounts = db
    .prepare('SELECT a.display_name FROM account_units au JOIN accounts a ON a.id = au.account_id WHERE au.unit_id = ?')
    .pluck()
    .all(id) as string[];
  if (accounts.length > 0) return `“${unit.name}”是考核员 ${accounts.join('、')} 负责的单位，请先在“系统 → 账号管理”中改掉，再删除`;
  return null;
}

export const orgHandlers: Handlers<typeof orgContract> = {
  'org.tree': (ctx, input) => listUnits(ctx.db, input.asOf ?? ctx.today),

  'org.create': (ctx, input) => {
    const { db } = ctx;
    const parent = input.parentId === null ? null : activeParent(db, input.parentId);
    if (parent === null && db.prepare('SELECT 1 FROM org_units WHERE parent_id IS NULL').get()) {
      throw AppError.field('parentId', '已有街道，请在街道之下新增单位');
    }
    assertKindFits(input.kind, parent?.kind ?? null);
    assertNameFreeAmongSiblings(db, input.parentId, input.name, null);
    const code = input.code || nextChildCode(db, input.parentId);
    assertCodeFree(db, code, null);
    const order = db.prepare('SELECT coalesce(max(sort_order), 0) + 1 FROM org_units WHERE parent_id IS ?').pluck();
    const { lastInsertRowid } = db
      .prepare(
        'INSERT INTO org_units (parent_id, kind, name, code, sort_order, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(input.parentId, input.kind, input.name, code, order.get(input.parentId), ctx.now().toISOString());
    const unit = getUnit(db, Number(lastInsertRowid));
    ctx.audit({ action: 'create', entity: 'org_unit', entityId: unit.id, newValue: unit });
    return unit;
  },

  'org.update': (ctx, input) => {
    const { db } = ctx;
    const before = getUnit(db, input.id);
    const parentKind = before.parentId === null ? null : getUnit(db, before.parentId).kind;
    assertKindFits(input.kind, parentKind);
    const childKinds = db.prepare('SELECT DISTINCT kind FROM org_units WHERE parent_id = ?').pluck().all(input.id) as UnitKind[];
    const misfit = childKinds.find((k) => !kindAllowedUnder(k, input.kind));
    if (misfit) throw AppError.field('kind', `其下有“${unitKindLabel(misfit)}”，不能改为“${unitKindLabel(input.kind)}”`);
    assertNameFreeAmongSiblings(db, before.parentId, input.name, input.id);
    assertCodeFree(db, input.code, input.id);
    db.prepare('UPDATE org_units SET kind = ?, name = ?, code = ? WHERE id = ?').run(
      input.kind,
      input.name,
      input.code,
      input.id,
    );
    const after = getUnit(db, input.id);
    ctx.audit({ action: 'update', entity: 'org_unit', entityId: input.id, oldValue: before, newValue: after });
    return after;
  },

  'org.move': (ctx, input) => {
    const { db } = ctx;
    const unit = getUnit(db, input.id);
    if (unit.parentId === null) throw AppError.field('parentId', '街道是最上层单位，不能移动');
    if (subtreeIds(db, input.id).includes(input.parentId)) {
      throw AppError.field('parentId', '不能移到自己或自己的下级单位之下');
    }
    const parent = activeParent(db, input.parentId);
    assertKindFits(unit.kind, parent.kind);
    assertNameFreeAmongSiblings(db, input.parentId, unit.name, input.id);
    const order = db.prepare('SELECT coalesce(max(sort_order), 0) + 1 FROM org_units WHERE parent_id = ?').pluck();
    db.prepare('UPDATE org_units SET parent_id = ?, sort_order = ? WHERE id = ?').run(
      input.parentId,
      order.get(input.parentId),
      input.id,
    );
    const after = getUnit(db, input.id);
    ctx.audit({ action: 'move', entity: 'org_unit', entityId: input.id, oldValue: unit, newValue: after });
    return after;
  },

  'org.retire': (ctx, input) => {
    const { db } = ctx;
    const unit = getUnit(db, input.id);
    if (unit.retiredOn) throw AppError.field('id', `“${unit.name}”已于 ${unit.retiredOn} 撤销`);
    if (unit.parentId === null) throw AppError.field('id', '街道不能撤销');
    const ids = subtreeIds(db, input.id);
    const marks = ids.map(() => '?').join(',');
    const inPost = db
      .prepare(`SELECT count(*) FROM person_terms WHERE valid_to IS NULL AND status = '在岗' AND unit_id IN (${marks})`)
      .pluck()
      .get(...ids) as number;
    if (inPost > 0) {
      throw AppError.field('id', `“${unit.name}”及其下级还有 ${inPost} 名在岗人员，请先将他们调至其他单位再撤销`);
    }
    db.prepare(
      `UPDATE org_units SET retired_on = ?, retire_reason = ? WHERE retired_on IS NULL AND id IN (${marks})`,
    ).run(input.date, input.reason, ...ids);
    const after = getUnit(db, input.id);
    ctx.audit({ action: 'retire', entity: 'org_unit', entityId: input.id, newValue: after, reason: input.reason });
    return after;
  },

  'org.restore': (ctx, input) => {
    const { db } = ctx;
    const unit = getUnit(db, input.id);
    if (!unit.retiredOn) return unit;
    if (unit.parentId !== null) activeParent(db, unit.parentId);
    db.prepare('UPDATE org_units SET retired_on = NULL, retire_reason = NULL WHERE id = ?').run(input.id);
    const after = getUnit(db, input.id);
    ctx.audit({ action: 'restore', entity: 'org_unit', entityId: input.id, oldValue: unit, newValue: after });
    return after;
  },

  'org.deleteCheck': (ctx, input) => ({ refusal: deleteRefusal(ctx.db, input.id) }),

  'org.delete': (ctx, input) => {
    const { db } = ctx;
    const unit = getUnit(db, input.id);
    const refusal = deleteRefusal(db, input.id);
    if (refusal) throw AppError.field('id', refusal);
    db.prepare('DELETE FROM org_units WHERE id = ?').run(input.id);
    ctx.audit({ action: 'delete', entity: 'org_unit', entityId: input.id, oldValue: unit });
    return { id: input.id };
  },
};

import type { Database } from 'better-sqlite3';
import type { peopleContract, PersonRow } from '../../../shared/contract/people';
import { birthDateFromId } from '../../../shared/domain/idcard';
import { personAsSeenBy, seesFullIdentity } from '../../../shared/domain/mask';
import { pinyinKeys } from '../../../shared/domain/pinyin';
import { AppError } from '../../../shared/errors';
import type { HandlerContext } from '../context';
import type { Handlers } from '../handler-types';
import { getUnit, unitPaths } from '../org/queries';
import { getPersonDetail, getPersonRow, listPeople } from './queries';
import { currentTerm, startTerm, type TermChangeRequest } from './terms';
import { insertPerson } from './write';
import { commitImport, previewImport } from '../io/import-run';
import { ROSTER_IMPORT_KIND, rosterPlanner, rosterTemplate } from './import';

function assertIdNumberFree(db: Database, idNumber: string, exceptId: number | null): void {
  const holder = db.prepare('SELECT id, name FROM people WHERE id_number = ?').get(idNumber) as
    | { id: number; name: string }
    | undefined;
  if (!holder || holder.id === exceptId) return;
  const where = unitPaths(db).get(currentTerm(db, holder.id).unitId) ?? '';
  throw new AppError('CONFLICT', `身份证号 ${idNumber} 已登记在“${holder.name}”（${where}）名下`, [
    { field: 'idNumber', message: `此身份证号已登记在“${holder.name}”（${where}）名下` },
  ]);
}

function activeUnit(db: Database, unitId: number, field: string) {
  const unit = getUnit(db, unitId);
  if (unit.retiredOn) throw AppError.field(field, `“${unit.name}”已撤销，不能再安排人员`);
  if (unit.kind === 'street') throw AppError.field(field, '请选择社区、村或网格，不要直接选街道');
  return unit;
}

/** Starts a dated term (transfer, leave, rejoin) and records the change for the audit log. */
function changeTerm(
  ctx: HandlerContext,
  action: string,
  input: { id: number; date: string; reason: string },
  term: Pick<TermChangeRequest, 'change' | 'unitId' | 'status'>,
): PersonRow {
  const before = getPersonRow(ctx.db, input.id, ctx.today);
  startTerm(ctx.db, {
    ...term,
    personId: input.id,
    date: input.date,
    dateField: 'date',
    reason: input.reason,
    createdAt: ctx.now().toISOString(),
  });
  const after = getPersonRow(ctx.db, input.id, ctx.today);
  ctx.audit({ action, entity: 'person', entityId: input.id, oldValue: before, newValue: after, reason: input.reason });
  return after;
}

export const peopleHandlers: Handlers<typeof peopleContract> = {
  // A 考核员 and a 文书 see ID numbers and mobiles masked (mask.ts); a 管理员 sees them whole.
  'people.list': (ctx, input) => {
    const masked = !seesFullIdentity(ctx.actor.role);
    return personAsSeenBy(ctx.actor.role, listPeople(ctx.db, input, ctx.today, masked));
  },

  'people.get': (ctx, input) => personAsSeenBy(ctx.actor.role, getPersonDetail(ctx.db, input.id, ctx.today)),

  'people.create': (ctx, input) => {
    const { db } = ctx;
    activeUnit(db, input.unitId, 'unitId');
    assertIdNumberFree(db, input.idNumber, null);
    const personId = insertPerson(db, { ...input, reason: '' }, ctx.now().toISOString());
    const row = getPersonRow(db, personId, ctx.today);
    ctx.audit({ action: 'create', entity: 'person', entityId: personId, newValue: row });
    return row;
  },

  'people.update': (ctx, input) => {
    const { db } = ctx;
    const before = getPersonDetail(db, input.id, ctx.today);
    assertIdNumberFree(db, input.idNumber, input.id);
    const first = before.terms[0]!;
    if (first.change === '入职' && before.terms.length > 1 && input.hireDate >= before.terms[1]!.validFrom) {
      throw AppError.field('hireDate', `入职日期不能晚于此人第一次变动的日期 ${before.terms[1]!.validFrom}`);
    }
    const keys = pinyinKeys(input.name);
    const at = ctx.now().toISOString();
    db.prepare(
      `UPDATE people SET name = ?, name_pinyin = ?, name_initials = ?, gender = ?, id_number = ?, birth_date = ?,
                         mobile = ?, political_status = ?, hire_date = ?, note = ?, updated_at = ? WHERE id = ?`,
    ).run(input.name, keys.full, keys.initials, input.gender, input.idNumber,
      birthDateFromId(input.idNumber),
      input.mobile, input.politicalStatus, input.hireDate, input.note, at, input.id);
    // The first term starts on the hire date.
    if (first.change === '入职' && input.hireDate !== before.hireDate) {
      db.prepare(
        "UPDATE person_terms SET valid_from = ? WHERE person_id = ? AND change = '入职' AND valid_from = ?",
      ).run(input.hireDate, input.id, first.validFrom);
    }
    const cur = currentTerm(db, input.id);
    const rolesChanged = [...cur.roles].sort().join() !== [...input.roles].sort().join();
    if (rolesChanged) {
      startTerm(db, {
        personId: input.id,
        date: input.rolesEffective,
        dateField: 'rolesEffective',
        change: '岗位变更',
        reason: `岗位由“${cur.roles.join('、')}”改为“${input.roles.join('、')}”`,
        roles: input.roles,
        createdAt: at,
      });
    }
    const after = getPersonDetail(db, input.id, ctx.today);
    ctx.audit({ action: 'update', entity: 'person', entityId: input.id, oldValue: before, newValue: after });
    return getPersonRow(db, input.id, ctx.today);
  },

  'people.transfer': (ctx, input) => {
    const cur = currentTerm(ctx.db, input.id);
    if (cur.status !== '在岗') throw AppError.field('id', '此人已离岗，请先办理返岗再调动');
    if (cur.unitId === input.unitId) throw AppError.field('unitId', '调入单位与现在的单位相同');
    activeUnit(ctx.db, input.unitId, 'unitId');
    return changeTerm(ctx, 'transfer', input, { change: '调动', unitId: input.unitId });
  },

  'people.leave': (ctx, input) => {
    if (currentTerm(ctx.db, input.id).status !== '在岗') throw AppError.field('id', '此人已经离岗');
    return changeTerm(ctx, 'leave', input, { change: '离岗', status: '离岗' });
  },

  'people.rejoin': (ctx, input) => {
    const cur = currentTerm(ctx.db, input.id);
    if (cur.status !== '离岗') throw AppError.field('id', '此人目前在岗，无需返岗');
    const unitId = input.unitId ?? cur.unitId;
    activeUnit(ctx.db, unitId, 'unitId');
    return changeTerm(ctx, 'rejoin', input, { change: '返岗', status: '在岗', unitId });
  },
  // 人员导入: the office's own roster, read, checked row by row, and written in one go
  'people.importTemplate': async (ctx) => ({ fileName: '人员导入模板.xlsx', base64: (await rosterTemplate(ctx)).toString('base64') }),
  'people.previewImport': (ctx, input) => previewImport(ctx, ROSTER_IMPORT_KIND, input, rosterPlanner(ctx)),
  'people.import': (ctx, input) => commitImport(ctx, ROSTER_IMPORT_KIND, input, rosterPlanner(ctx)),
};

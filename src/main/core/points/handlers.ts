import type { Database } from 'better-sqlite3';
import type { pointRuleInput, pointsContract } from '../../../shared/contract/points';
import { isValidDate } from '../../../shared/domain/dates';
import { capMessage, DERIVED_KINDS, isGradeRule, notInForceMessage, reversalError } from '../../../shared/domain/points';
import { seesFullIdentity } from '../../../shared/domain/mask';
import { AppError, type FieldIssue } from '../../../shared/errors';
import { assertPointsInScope } from '../accounts/scope';
import type { Handlers } from '../handler-types';
import { importHandlers } from './import-handlers';
import { insertEntry, insertReversal, type Original } from './ledger';
import { platformRuleHandlers } from './platform-rules';
import { balances, getEntries, getEntry, getRule, listRules, personLedger, queryLedger } from './queries';

type RuleInput = ReturnType<typeof pointRuleInput.parse>;

function checkRule(db: Database, input: RuleInput, id: number | null): void {
  if (!isValidDate(input.validFrom)) throw AppError.field('validFrom', `生效日期${input.validFrom}不存在`);
  if (input.validTo !== null && !isValidDate(input.validTo)) throw AppError.field('validTo', `停用日期${input.validTo}不存在`);
  if (db.prepare('SELECT 1 FROM point_rules WHERE name = ? AND id IS NOT ?').get(input.name, id)) {
    throw AppError.field('name', `已有名为“${input.name}”的积分规则`);
  }
  if (input.derived !== null && input.active) {
    // Two rules posting for one grade (or award level) on the same day would post twice.
    const clash = db
      .prepare(
        `SELECT name FROM point_rules WHERE derived = @derived AND active = 1 AND id IS NOT @id
         AND valid_from <= coalesce(@validTo, '9999-12-31') AND coalesce(valid_to, '9999-12-31') >= @validFrom`,
      )
      .pluck()
      .get({ derived: input.derived, id, validFrom: input.validFrom, validTo: input.validTo }) as string | undefined;
    if (clash) {
      throw AppError.field('derived', `“${clash}”在这段日期内已按“${DERIVED_KINDS[input.derived]}”自动记分，请先设置它的停用日期`);
    }
  }
}

function ruleValues(input: RuleInput) {
  return {
    name: input.name,
    category: input.category,
    points_per_unit: input.pointsPerUnit,
    unit: input.unit,
    cap: input.cap,
    cap_period: input.capPeriod,
    valid_from: input.validFrom,
    valid_to: input.validTo,
    derived: input.derived,
    active: input.active ? 1 : 0,
    note: input.note,
  };
}

function sourceOf(db: Database, entryId: number) {
  return db
    .prepare(
      `SELECT e.id, e.date, e.person_id, e.rule_id, e.quantity, e.points, e.uncapped, e.source, e.source_ref, e.reverses_id,
              (SELECT x.id FROM point_entries x WHERE x.reverses_id = e.id) AS reversed_by
       FROM point_entries e WHERE e.id = ?`,
    )
    .get(entryId) as (Original & { reverses_id: number | null; reversed_by: number | null }) | undefined;
}

export const pointsHandlers: Handlers<typeof pointsContract> = {
  'points.rules': (ctx) => listRules(ctx.db, ctx.today),

  'points.createRule': (ctx, input) => {
    checkRule(ctx.db, input, null);
    const sortOrder = (ctx.db.prepare('SELECT coalesce(max(sort_order), 0) + 10 FROM point_rules').pluck().get() as number) ?? 10;
    const id = Number(
      ctx.db
        .prepare(
          `INSERT INTO point_rules (name, category, points_per_unit, unit, cap, cap_period, valid_from, valid_to, derived, active, note,
                                    sort_order, created_at)
           VALUES (@name, @category, @points_per_unit, @unit, @cap, @cap_period, @valid_from, @valid_to, @derived, @active, @note,
                   @sort_order, @created_at)`,
        )
        .run({ ...ruleValues(input), sort_order: sortOrder, created_at: ctx.now().toISOString() }).lastInsertRowid,
    );
    const rule = getRule(ctx.db, id, ctx.today);
    ctx.audit({ action: 'create', entity: 'point_rule', entityId: id, newValue: rule });
    return rule;
  },

  'points.updateRule': (ctx, { id, rule: input }) => {
    const { db } = ctx;
    const before = getRule(db, id, ctx.today);
    checkRule(db, input, id);
    if (before.entries > 0) {
      const keep = `此规则已有${before.entries}条积分记录，不能修改`;
      const advice = '；如需调整，请设置本规则的停用日期，再新建一条规则';
      if (input.pointsPerUnit !== before.pointsPerUnit) throw AppError.field('pointsPerUnit', `${keep}分值${advice}`);
      if (input.unit !== before.unit) throw AppError.field('unit', `${keep}计量单位${advice}`);
      if (input.derived !== before.derived) throw AppError.field('derived', `${keep}自动记分方式${advice}`);
      const span = db.prepare('SELECT min(date) AS first, max(date) AS last FROM point_entries WHERE rule_id = ?').get(id) as { first: string; last: string };
      if (input.validFrom > span.first) throw AppError.field('validFrom', `已有${span.first}的记录，生效日期不能晚于它`);
      if (input.validTo !== null && input.validTo < span.last) throw AppError.field('validTo', `已有${span.last}的记录，停用日期不能早于它`);
    }
    db.prepare(
      `UPDATE point_rules SET name = @name, category = @category, points_per_unit = @points_per_unit, unit = @unit, cap = @cap,
         cap_period = @cap_period, valid_from = @valid_from, valid_to = @valid_to, derived = @derived, active = @active, note = @note
       WHERE id = @id`,
    ).run({ ...ruleValues(input), id });
    const after = getRule(db, id, ctx.today);
    ctx.audit({ action: 'update', entity: 'point_rule', entityId: id, oldValue: before, newValue: after });
    return after;
  },

  'points.post': (ctx, input) => {
    const { db } = ctx;
    if (!isValidDate(input.date)) throw AppError.field('date', `日期${input.date}不存在`);
    if (input.date > ctx.today) throw AppError.field('date', `日期不能晚于今天（${ctx.today}）`);
    const rule = (() => {
      try {
        return getRule(db, input.ruleId, ctx.today);
      } catch {
        throw AppError.field('ruleId', '请选择积分规则');
      }
    })();
    if (isGradeRule(rule.derived)) throw AppError.field('ruleId', `“${rule.name}”在月度考核归档时自动记分，不能手工录入`);
    if (!rule.active) throw AppError.field('ruleId', `“${rule.name}”已停用，不能再录入`);
    const notInForce = notInForceMessage(rule, input.date);
    if (notInForce) throw AppError.field('date', notInForce);

    const termOn = db.prepare(
      `SELECT p.name, t.status FROM people p LEFT JOIN person_terms t ON t.person_id = p.id
         AND t.valid_from <= ? AND (t.valid_to IS NULL OR t.valid_to > ?)
       WHERE p.id = ?`,
    );
    const issues: FieldIssue[] = [];
    const seen = new Map<number, number>();
    const names = new Map<number, string>();
    input.lines.forEach((line, i) => {
      const row = i + 1;
      const person = termOn.get(input.date, input.date, line.personId) as { name: string; status: string | null } | undefined;
      const add = (message: string) => issues.push({ field: `lines.${i}`, row, message });
      if (!person) return add(`第${row}行：人员不存在`);
      names.set(line.personId, person.name);
      if (person.status === null) return add(`第${row}行：${person.name}在${input.date}尚未入职`);
      if (person.status !== '在岗') return add(`第${row}行：${person.name}在${input.date}不在岗`);
      const earlier = seen.get(line.personId);
      if (earlier !== undefined) return add(`第${row}行：${person.name}已在第${earlier}行，请合并为一行`);
      seen.set(line.personId, row);
      if (rule.pointsPerUnit < 0 && (line.note ?? input.note) === '') {
        add(`第${row}行：${person.name}·“${rule.name}”是扣分，请填写依据（事由、时间、案卷号）`);
      }
    });
    if (issues.length > 0) {
      const noteMissing = issues.every((i) => i.message.includes('请填写依据'));
      if (noteMissing) throw AppError.field('note', `“${rule.name}”是扣分，请填写依据（事由、时间、案卷号）`);
      throw new AppError('VALIDATION', issues.length === 1 ? issues[0]!.message : `有${issues.length}行有误，均未录入：${issues[0]!.message}`, issues);
    }

    const ids: number[] = [];
    const capped: { personId: number; name: string; message: string }[] = [];
    let total = 0;
    for (const line of input.lines) {
      const note = line.note ?? input.note;
      const { id, result } = insertEntry(ctx, {
        date: input.date,
        personId: line.personId,
        rule,
        quantity: line.quantity,
        source: input.source,
        sourceRef: '',
        note,
      });
      ids.push(id);
      total += result.points;
      const message = capMessage(rule, result);
      if (message) capped.push({ personId: line.personId, name: names.get(line.personId)!, message });
      ctx.audit({
        action: 'post',
        entity: 'point_entry',
        entityId: id,
        newValue: { date: input.date, personId: line.personId, ruleId: rule.id, quantity: line.quantity, points: result.points, uncapped: result.uncapped, source: input.source, note },
      });
    }
    return { entries: getEntries(db, ids), total, capped };
  },

  'points.reverse': (ctx, input) => {
    const { db } = ctx;
    const original = sourceOf(db, input.entryId);
    if (!original) throw new AppError('NOT_FOUND', '该积分记录不存在');
    // scope first, whatever the entry's source: an outsider's entry says nothing more than that it is not theirs
    assertPointsInScope(db, ctx.actor, original.person_id, original.date, '冲销其积分');
    const error = reversalError({ reversesId: original.reverses_id, reversedBy: original.reversed_by });
    if (error) throw new AppError('CONFLICT', error);
    const id = insertReversal(ctx, original, input.reason);
    const entry = getEntry(db, id);
    ctx.audit({
      action: 'reverse',
      entity: 'point_entry',
      entityId: original.id,
      oldValue: { id: original.id, points: original.points },
      newValue: { reversalId: id, points: entry.points },
      reason: input.reason,
    });
    return entry;
  },

  'points.ledger': (ctx, input) => queryLedger(ctx.db, input, !seesFullIdentity(ctx.actor.role)),

  'points.personLedger': (ctx, input) => personLedger(ctx.db, input.personId),

  'points.balances': (ctx, input) => balances(ctx.db, input, ctx.today),

  ...platformRuleHandlers,
  ...importHandlers,
};


/** 平台统计规则: reading and saving the rules that turn the grid platform's monthly figures into points or criterion counts. */
import type { Database } from 'better-sqlite3';
import type { PlatformRule, platformRuleInput, platformRulesContract } from '../../../shared/contract/points-platform';
import { isGradeRule } from '../../../shared/domain/points';
import { COUNTABLE_CRITERION_KINDS, type PlatformMode, type PlatformTarget, type ThresholdOp } from '../../../shared/domain/platform-stats';
import { CRITERION_KINDS } from '../../../shared/domain/scoring';
import { AppError } from '../../../shared/errors';
import type { HandlerContext } from '../context';
import type { CallInputOf, Handlers } from '../handler-types';

type RuleInput = ReturnType<typeof platformRuleInput.parse>;

interface Row {
  id: number;
  column_name: string;
  target: PlatformTarget;
  point_rule_id: number | null;
  point_rule_name: string | null;
  scheme_id: number | null;
  scheme_name: string | null;
  criterion_name: string;
  mode: PlatformMode;
  per: number | null;
  op: ThresholdOp | null;
  threshold: number | null;
  active: number;
  note: string;
}

const SELECT = `
  SELECT pr.*, r.name AS point_rule_name, s.name AS scheme_name
  FROM platform_rules pr LEFT JOIN point_rules r ON r.id = pr.point_rule_id LEFT JOIN schemes s ON s.id = pr.scheme_id`;

function toRule(r: Row): PlatformRule {
  return {
    id: r.id,
    column: r.column_name,
    target: r.target,
    pointRuleId: r.point_rule_id,
    pointRuleName: r.point_rule_name ?? '',
    schemeId: r.scheme_id,
    schemeName: r.scheme_name ?? '',
    criterionName: r.criterion_name,
    mode: r.mode,
    per: r.per,
    op: r.op,
    threshold: r.threshold,
    active: r.active === 1,
    note: r.note,
  };
}

export function listPlatformRules(db: Database): PlatformRule[] {
  return (db.prepare(`${SELECT} ORDER BY pr.sort_order, pr.id`).all() as Row[]).map(toRule);
}

function getPlatformRule(db: Database, id: number): PlatformRule {
  const row = db.prepare(`${SELECT} WHERE pr.id = ?`).get(id) as Row | undefined;
  if (!row) throw new AppError('NOT_FOUND', '该平台统计规则不存在');
  return toRule(row);
}

/** The criterion kinds of a scheme's latest published version, by name. */
export function publishedCriterionKinds(db: Database, schemeId: number): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT c.name, c.kind FROM criteria c WHERE c.version_id = (
         SELECT id FROM scheme_versions WHERE scheme_id = ? AND status = 'published' ORDER BY version DESC LIMIT 1)`,
    )
    .all(schemeId) as { name: string; kind: string }[];
  return new Map(rows.map((r) => [r.name, r.kind]));
}

function checkRule(db: Database, input: RuleInput, id: number | null): void {
  if (input.target === 'points') {
    const rule = db.prepare('SELECT name, derived FROM point_rules WHERE id = ?').get(input.pointRuleId) as { name: string; derived: string | null } | undefined;
    if (!rule) throw AppError.field('pointRuleId', '请选择积分规则');
    if (isGradeRule(rule.derived)) throw AppError.field('pointRuleId', `“${rule.name}”在月度考核归档时自动记分，不能由平台统计记分`);
  } else {
    const scheme = db.prepare('SELECT name FROM schemes WHERE id = ?').pluck().get(input.schemeId) as string | undefined;
    if (scheme === undefined) throw AppError.field('schemeId', '请选择考核方案');
    const kinds = publishedCriterionKinds(db, input.schemeId!);
    if (kinds.size === 0) throw AppError.field('schemeId', `“${scheme}”还没有发布`);
    const kind = kinds.get(input.criterionName);
    if (kind === undefined) throw AppError.field('criterionName', `“${scheme}”中没有名为“${input.criterionName}”的指标`);
    if (!(COUNTABLE_CRITERION_KINDS as readonly string[]).includes(kind)) {
      throw AppError.field('criterionName', `“${input.criterionName}”是${CRITERION_KINDS.score}，只能记入扣分项、加分项或一票否决项的次数`);
    }
    // Each import sets the criterion's count: two rules setting one count would overwrite each other.
    const other = db
      .prepare(
        `SELECT column_name FROM platform_rules WHERE target = 'criterion' AND scheme_id = ? AND criterion_name = ? AND active = 1 AND id IS NOT ?`,
      )
      .pluck()
      .get(input.schemeId, input.criterionName, id) as string | undefined;
    if (other !== undefined && input.active) {
      throw AppError.field('criterionName', `“${input.criterionName}”已由平台统计规则“${other}”记入，一项指标只能由一条启用的规则记入`);
    }
  }
}

function values(input: RuleInput) {
  const points = input.target === 'points';
  return {
    column_name: input.column,
    target: input.target,
    point_rule_id: points ? input.pointRuleId : null,
    scheme_id: points ? null : input.schemeId,
    criterion_name: points ? '' : input.criterionName,
    mode: input.mode,
    per: input.mode === 'per' ? input.per : null,
    op: input.mode === 'threshold' ? input.op : null,
    threshold: input.mode === 'threshold' ? input.threshold : null,
    active: input.active ? 1 : 0,
    note: input.note,
  };
}

/** Adds a rule (id null) or changes one. */
export function savePlatformRule(ctx: HandlerContext, { id, rule: input }: CallInputOf<'points.savePlatformRule'>): PlatformRule {
  const { db } = ctx;
  checkRule(db, input, id);
  if (id === null) {
    const sortOrder = db.prepare('SELECT coalesce(max(sort_order), 0) + 10 FROM platform_rules').pluck().get() as number;
    const newId = Number(
      db
        .prepare(
          `INSERT INTO platform_rules (column_name, target, point_rule_id, scheme_id, criterion_name, mode, per, op, threshold, active, note,
                                       sort_order, created_at)
           VALUES (@column_name, @target, @point_rule_id, @scheme_id, @criterion_name, @mode, @per, @op, @threshold, @active, @note,
                   @sort_order, @created_at)`,
        )
        .run({ ...values(input), sort_order: sortOrder, created_at: ctx.now().toISOString() }).lastInsertRowid,
    );
    const created = getPlatformRule(db, newId);
    ctx.audit({ action: 'create', entity: 'platform_rule', entityId: newId, newValue: created });
    return created;
  }
  const before = getPlatformRule(db, id);
  db.prepare(
    `UPDATE platform_rules SET column_name = @column_name, target = @target, point_rule_id = @point_rule_id, scheme_id = @scheme_id,
       criterion_name = @criterion_name, mode = @mode, per = @per, op = @op, threshold = @threshold, active = @active, note = @note
     WHERE id = @id`,
  ).run({ ...values(input), id });
  const after = getPlatformRule(db, id);
  ctx.audit({ action: 'update', entity: 'platform_rule', entityId: id, oldValue: before, newValue: after });
  return after;
}

export const platformRuleHandlers: Handlers<typeof platformRulesContract> = {
  'points.platformRules': (ctx) => listPlatformRules(ctx.db),

  'points.savePlatformRule': savePlatformRule,

  'points.deletePlatformRule': (ctx, { id }) => {
    const before = getPlatformRule(ctx.db, id);
    ctx.db.prepare('DELETE FROM platform_rules WHERE id = ?').run(id);
    ctx.audit({ action: 'delete', entity: 'platform_rule', entityId: id, oldValue: before });
    return { id };
  },
};

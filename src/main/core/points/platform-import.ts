/**
 * 平台统计导入: the grid platform's monthly figures per worker (采集信息, 上报事件, 办结率 …) turned by the platform rules
 * into points (posted through the ledger, source 'import', one entry per worker, rule and month) and into occurrences
 * of criteria of the month's scheme (entered for the chosen evaluator through the assessments save path, as the
 * scoring grid enters them). Importing the month again changes only what changed: a points entry whose count moved
 * is reversed and posted anew; a criterion count is replaced. A finalised month is refused.
 */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { ImportPreviewRow, ImportRowStatus } from '../../../shared/contract/io';
import type { PlatformRule, platformImportParams } from '../../../shared/contract/points-platform';
import type { PointRule } from '../../../shared/contract/points';
import type { ScoreCell } from '../../../shared/contract/assessments';
import { periodEndDate } from '../../../shared/domain/dates';
import { countOf, countRuleText } from '../../../shared/domain/platform-stats';
import { applyCap, capMessage, capPeriodRange, formatSigned, isGradeRule, notInForceMessage } from '../../../shared/domain/points';
import { CRITERION_KINDS, formatHundredths, valueError, type Criterion } from '../../../shared/domain/scoring';
import { AppError } from '../../../shared/errors';
import { assertEvaluatorCounts, saveScoreCells } from '../assessments/save';
import type { HandlerContext } from '../context';
import { insertEntry, insertReversal, pointsInCapPeriod, type Original } from './ledger';
import { listPlatformRules } from './platform-rules';
import { getRule } from './queries';
import { loadCriteria } from '../schemes/queries';
import { personFinder } from '../people/find';
import { readHundredths, textOf } from '../io/cells';
import type { ImportPlan, ImportPlanner } from '../io/import-run';
import { cellPlace, headerKey, readTable, type FieldSpec } from '../io/table';

export const PLATFORM_IMPORT_KIND = 'platform';

type Params = z.output<typeof platformImportParams>;

const PERSON_FIELDS: FieldSpec[] = [
  { key: 'name', label: '姓名', required: true, aliases: ['姓名', '网格员姓名', '人员姓名', '名字'] },
  { key: 'idNumber', label: '身份证号', required: false, aliases: ['身份证号', '身份证号码', '公民身份号码', '身份证'] },
  { key: 'unit', label: '网格', required: false, aliases: ['网格', '所属网格', '网格名称', '所属单位', '单位'] },
];
const MAX_QUANTITY = 99_900;

/** One active platform rule, resolved for the month: the points rule or the criterion (and month) it writes to. */
type Target =
  | { kind: 'points'; rule: PlatformRule; statKey: string; pointRule: PointRule; sourceRef: string }
  | { kind: 'criterion'; rule: PlatformRule; statKey: string; monthId: number; criterion: Criterion; members: Map<number, string>; schemeName: string };

type Op =
  | { kind: 'points'; target: Extract<Target, { kind: 'points' }>; personId: number; reverse: Original | null; quantity: number; note: string }
  | { kind: 'criterion'; target: Extract<Target, { kind: 'criterion' }>; personId: number; value: number; note: string };

const statKeyOf = (column: string) => `stat:${headerKey(column)}`;

/** The date a month's points are posted on: its last day, or today for the month under way. */
function postingDate(period: string, today: string): string {
  const end = periodEndDate(period);
  return end < today ? end : today;
}

/** Resolves every active rule for the month, or says (for the whole import) what must be set up first. */
function resolveTargets(db: Database, rules: PlatformRule[], params: Params, date: string, today: string): { targets: Target[]; evaluatorName: string; months: string[] } {
  const targets: Target[] = [];
  const months = new Map<number, string>();
  let evaluatorName = '';
  for (const rule of rules) {
    const statKey = statKeyOf(rule.column);
    if (rule.target === 'points') {
      const pointRule = getRule(db, rule.pointRuleId!, today);
      const where = `平台统计规则“${rule.column}”所记的积分规则“${pointRule.name}”`;
      if (isGradeRule(pointRule.derived)) throw AppError.field('period', `${where}在月度考核归档时自动记分，不能由平台统计记分`);
      if (!pointRule.active) throw AppError.field('period', `${where}已停用，请修改平台统计规则`);
      const notInForce = notInForceMessage(pointRule, date);
      if (notInForce) throw AppError.field('period', `平台统计规则“${rule.column}”所记的积分规则${notInForce}`);
      targets.push({ kind: 'points', rule, statKey, pointRule, sourceRef: `platform:${params.period}:${rule.id}` });
      continue;
    }
    const month = db
      .prepare('SELECT id, status, version_id FROM assessment_months WHERE scheme_id = ? AND period = ?')
      .get(rule.schemeId, params.period) as { id: number; status: 'open' | 'finalised'; version_id: number } | undefined;
    if (!month) throw AppError.field('period', `${params.period}“${rule.schemeName}”还没有开启，请先在“月度考核”中开启该月，再导入平台统计`);
    if (month.status !== 'open') {
      throw new AppError('CONFLICT', `${params.period}“${rule.schemeName}”已归档，只能查看；如需导入平台统计，请先重新开启该月`);
    }
    const criterion = loadCriteria(db, month.version_id).find((c) => c.name === rule.criterionName);
    if (!criterion || criterion.kind === 'score') {
      throw AppError.field('period', `${params.period}“${rule.schemeName}”所用的方案版本中没有可记次数的指标“${rule.criterionName}”，请修改平台统计规则“${rule.column}”`);
    }
    if (params.evaluatorId === null) throw AppError.field('evaluatorId', '平台统计规则中有记入考核指标的，请选择以哪位考核人的名义记入');
    const evaluator = db.prepare('SELECT name FROM evaluators WHERE id = ?').pluck().get(params.evaluatorId) as string | undefined;
    if (evaluator === undefined) throw AppError.field('evaluatorId', '请选择考核人');
    evaluatorName = evaluator;
    assertEvaluatorCounts(db, month.version_id, params.evaluatorId);
    const members = new Map(
      (db.prepare('SELECT person_id, exempt_reason FROM month_members WHERE month_id = ?').all(month.id) as { person_id: number; exempt_reason: string }[]).map(
        (m) => [m.person_id, m.exempt_reason],
      ),
    );
    months.set(month.id, `${params.period}“${rule.schemeName}”`);
    targets.push({ kind: 'criterion', rule, statKey, monthId: month.id, criterion, members, schemeName: rule.schemeName });
  }
  return { targets, evaluatorName, months: [...months.values()] };
}

function targetLabel(t: Target): string {
  return t.kind === 'points' ? `${t.pointRule.name}（积分）` : `${t.criterion.name}（${CRITERION_KINDS[t.criterion.kind]}）`;
}

export function platformPlanner(ctx: HandlerContext, params: Params): ImportPlanner {
  return (file, input): ImportPlan => {
    const { db, today } = ctx;
    if (params.period > today.slice(0, 7)) throw AppError.field('period', `${params.period}还没到，不能导入`);
    const rules = listPlatformRules(db).filter((r) => r.active);
    if (rules.length === 0) throw AppError.field('period', '还没有启用的平台统计规则，请先在“平台统计”中新增规则');
    const date = postingDate(params.period, today);
    const { targets, evaluatorName, months } = resolveTargets(db, rules, params, date, today);

    const statColumns = [...new Map(rules.map((r) => [statKeyOf(r.column), r.column])).entries()];
    const fields: FieldSpec[] = [...PERSON_FIELDS, ...statColumns.map(([key, column]) => ({ key, label: column, required: true, aliases: [column] }))];
    const read = readTable(file.workbook, fields, { sheet: input.sheet, mapping: input.mapping });
    const { table } = read;
    // the person's columns: 身份证号 and 网格 only when the sheet has them, then whom the row was found to be
    const personKeys = (['name', 'idNumber', 'unit'] as const).filter((k) => k === 'name' || table.mapping[k] !== null);
    const personLabels = { name: '姓名', idNumber: '身份证号', unit: '网格' };
    const personCol = (k: 'name' | 'idNumber' | 'unit') => Math.max(0, personKeys.indexOf(k));
    const pathCol = personKeys.length;
    const columns = [...personKeys.map((k) => personLabels[k]), '所属单位', ...statColumns.map(([, c]) => c), ...targets.map(targetLabel)];
    const statCol = new Map(statColumns.map(([key], i) => [key, pathCol + 1 + i]));
    const targetCol = (i: number) => pathCol + 1 + statColumns.length + i;
    const target = `平台统计 ${params.period}：积分台账${months.length ? `，${months.join('、')}（考核人：${evaluatorName}）` : ''}`;
    const notes: string[] = [];
    if (read.unmapped.length > 0) {
      notes.push(`没有找到这些列：${read.unmapped.map((f) => f.label).join('、')}。请在上方“列对应”中选择它们所在的列`);
      return { target, table, columns, rows: [], notes, apply: () => undefined };
    }

    const ws = file.workbook.getWorksheet(table.sheetName)!;
    /** A percent-formatted cell holds 0.955 for 95.5%: the rules are written in percent. */
    const isPercentCell = (line: number, key: string) => {
      const col = table.mapping[key];
      return col ? /%/.test(ws.getRow(line).getCell(col).numFmt ?? '') : false;
    };
    const findPerson = personFinder(db, today, '网格');
    const livePlatformEntry = db.prepare(
      `SELECT e.id, e.date, e.person_id, e.rule_id, e.quantity, e.points, e.uncapped, e.source, e.source_ref FROM point_entries e
       WHERE e.source_ref = ? AND e.person_id = ? AND e.rule_id = ? AND e.reverses_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM point_entries x WHERE x.reverses_id = e.id)
       ORDER BY e.id DESC LIMIT 1`,
    );
    const scoreOf = db.prepare('SELECT value FROM scores WHERE month_id = ? AND person_id = ? AND evaluator_id = ? AND criterion_id = ?').pluck();
    const capUsed = new Map<string, number>();
    const seen = new Map<number, number>();
    const ops: Op[] = [];
    let cappedRows = 0;

    const rows: ImportPreviewRow[] = read.rows.map((row) => {
      const errors: ImportPreviewRow['errors'] = [];
      const fail = (column: number, message: string, fieldKey?: string) =>
        errors.push({ column, message: `${fieldKey ? cellPlace(table, row.line, fieldKey) : `第${row.line}行（${columns[column]}）`}：${message}` });
      const values = columns.map(() => '');
      for (const k of personKeys) values[personCol(k)] = textOf(row.get(k));

      const found = findPerson({ name: row.get('name'), idNumber: row.get('idNumber'), unit: row.get('unit') }, date);
      const person = found.ok ? found.person : null;
      if (!found.ok) fail(personCol(found.field), found.message, found.field);
      else {
        values[0] = found.person.name;
        values[pathCol] = found.person.unitPath;
        const earlier = seen.get(found.person.id);
        if (earlier !== undefined) fail(0, `与第${earlier}行是同一人，每人一行`, 'name');
        else seen.set(found.person.id, row.line);
      }

      const stats = new Map<string, { value: number; text: string } | null>();
      for (const [key, column] of statColumns) {
        const cell = row.get(key);
        const col = statCol.get(key)!;
        const percent = typeof cell === 'number' && isPercentCell(row.line, key);
        const v = readHundredths(percent ? Math.round(cell * 1e6) / 1e4 : cell, column);
        if (!v.ok) {
          values[col] = textOf(cell);
          fail(col, v.message, key);
          stats.set(key, null);
        } else if (v.value === null) {
          stats.set(key, null);
        } else if (v.value < 0) {
          values[col] = formatHundredths(v.value);
          fail(col, `${column}不能为负数`, key);
          stats.set(key, null);
        } else {
          const text = `${formatHundredths(v.value)}${percent || (typeof cell === 'string' && cell.includes('%')) ? '%' : ''}`;
          values[col] = text;
          stats.set(key, { value: v.value, text });
        }
      }

      const rowOps: Op[] = [];
      const changes: string[] = [];
      let isChange = false;
      let posted = false; // something of this worker's month is in already
      targets.forEach((t, i) => {
        const stat = stats.get(t.statKey);
        if (!stat || !person) return;
        const count = countOf(t.rule, stat.value);
        const note = `平台统计${params.period}：${t.rule.column} ${stat.text}（${countRuleText(t.rule)}）`;
        const col = targetCol(i);
        if (t.kind === 'points') {
          const existing = livePlatformEntry.get(t.sourceRef, person.id, t.pointRule.id) as Original | undefined;
          if (count > MAX_QUANTITY) return fail(col, `${t.rule.column} ${stat.text} 折合${formatHundredths(count)}${t.pointRule.unit}，超过一次最多的999${t.pointRule.unit}`);
          if (existing && existing.quantity === count) {
            posted = true;
            values[col] = formatSigned(existing.points);
            return;
          }
          if (!existing && count === 0) return;
          let points = 0;
          if (count > 0) {
            const rule = t.pointRule;
            let already = 0;
            let capKey = '';
            if (rule.capPeriod !== null) {
              const range = capPeriodRange(rule.capPeriod, date);
              capKey = `${rule.id}|${person.id}|${range.from}`;
              const freed = existing && existing.date >= range.from && existing.date <= range.to ? existing.points : 0;
              already = capUsed.get(capKey) ?? pointsInCapPeriod(db, rule, person.id, date) - freed;
            }
            const result = applyCap(rule, count, already);
            if (capKey) capUsed.set(capKey, already + result.points);
            points = result.points;
            const message = capMessage(rule, result);
            values[col] = message ? `${formatSigned(result.points)}（应计${formatSigned(result.uncapped)}）` : formatSigned(result.points);
            if (message) {
              cappedRows++;
              changes.push(message);
            }
          } else {
            values[col] = '0';
          }
          if (existing) {
            isChange = true;
            changes.push(`${t.pointRule.name} ${formatSigned(existing.points)} → ${formatSigned(points)}`);
          }
          rowOps.push({ kind: 'points', target: t, personId: person.id, reverse: existing ?? null, quantity: count, note });
          return;
        }
        if (count % 100 !== 0) return fail(statCol.get(t.statKey)!, `${t.rule.column}按数值记为“${t.criterion.name}”的次数，应为整数`, t.statKey);
        const times = count / 100;
        const existing = scoreOf.get(t.monthId, person.id, params.evaluatorId, t.criterion.id) as number | undefined;
        if ((existing ?? 0) === times) {
          posted ||= existing !== undefined;
          values[col] = existing === undefined ? '' : `${existing}次`;
          return;
        }
        const exempt = t.members.get(person.id);
        if (exempt === undefined) return fail(col, `${person.name}不是${params.period}“${t.schemeName}”的考核对象，不能记“${t.criterion.name}”`);
        if (exempt !== '') return fail(col, `${person.name}${params.period}免考（${exempt}），不需记“${t.criterion.name}”`);
        const why = valueError(t.criterion, times);
        if (why) return fail(col, why);
        values[col] = `${times}次`;
        if (existing !== undefined) {
          isChange = true;
          changes.push(`${t.criterion.name} ${existing}次 → ${times}次`);
        }
        rowOps.push({ kind: 'criterion', target: t, personId: person.id, value: times, note });
      });

      let status: ImportRowStatus;
      if (errors.length > 0) status = 'wrong';
      else if (rowOps.length === 0) status = 'unchanged';
      else {
        status = isChange ? 'changed' : 'new';
        ops.push(...rowOps);
      }
      if (status === 'unchanged' && !posted) changes.push('统计数为0或空白，无需记入');
      return { line: row.line, status, values, errors, change: changes.join('；') };
    });

    if (read.emptyRows > 0) notes.push(`已跳过${read.emptyRows}个空行`);
    notes.push(`积分记在${date}；空白的统计数不计`);
    if (cappedRows > 0) notes.push(`有${cappedRows}处超过积分规则的上限，只计上限内剩余的分数（见“变更内容”）`);
    return {
      target,
      table,
      columns,
      rows,
      notes,
      apply: () => {
        const at = ctx.now().toISOString();
        const cells = new Map<number, ScoreCell[]>();
        for (const op of ops) {
          if (op.kind === 'criterion') {
            const list = cells.get(op.target.monthId) ?? [];
            list.push({ personId: op.personId, criterionId: op.target.criterion.id, value: op.value, note: op.note });
            cells.set(op.target.monthId, list);
            continue;
          }
          if (op.reverse) {
            const reversalId = insertReversal(ctx, op.reverse, `平台统计${params.period}重新导入`);
            ctx.audit({
              action: 'reverse',
              entity: 'point_entry',
              entityId: op.reverse.id,
              oldValue: { id: op.reverse.id, points: op.reverse.points },
              newValue: { reversalId, points: -op.reverse.points },
              reason: `平台统计${params.period}重新导入`,
            });
          }
          if (op.quantity === 0) continue;
          const { id, result } = insertEntry(
            ctx,
            { date, personId: op.personId, rule: op.target.pointRule, quantity: op.quantity, source: 'import', sourceRef: op.target.sourceRef, note: op.note },
            at,
          );
          ctx.audit({
            action: 'post',
            entity: 'point_entry',
            entityId: id,
            newValue: { date, personId: op.personId, ruleId: op.target.pointRule.id, quantity: op.quantity, points: result.points, uncapped: result.uncapped, source: 'import', note: op.note },
          });
        }
        for (const [monthId, list] of cells) {
          saveScoreCells(ctx, monthId, params.evaluatorId!, list.map((c) => ({ ...c, note: c.note ?? '' })));
        }
      },
    };
  };
}

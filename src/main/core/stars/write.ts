/** What changes star ratings and discipline records: rule sets, runs (preview, override, publish, discard), records. Each records its audit entry. */
import { isValidDate } from '../../../shared/domain/dates';
import { roundHalfUp } from '../../../shared/domain/scoring';
import {
  rateStars,
  STAR_PERIOD_KINDS,
  starPeriodDates,
  starPeriodKindOf,
  starPeriodLabel,
  starPeriodMonths,
  starRulesErrors,
  type StarInput,
  type StarPeriodKind,
  type Stars,
} from '../../../shared/domain/stars';
import { AppError, refusalOf } from '../../../shared/errors';
import type { HandlerContext } from '../context';
import { finalisedPeriodTotals } from '../periods/queries';
import {
  awardsInPeriod,
  criticismsInPeriod,
  draftRun,
  getRuleSet,
  latestPublished,
  monthsOf,
  periodResults,
  pointsInPeriod,
  ratingRows,
  regrid,
  rulesOf,
  runRules,
  runTies,
  tieDecisions,
  runSummary,
  runView,
  disciplineRows,
} from './queries';
import type { CallInputOf } from '../handler-types';

/** Computes a period's ratings with a rule set into its draft run (made if needed), keeping overrides already made. */
function computeRun(ctx: HandlerContext, ruleSetId: number, period: string): number {
  const { db } = ctx;
  const rs = getRuleSet(db, ruleSetId);
  const label = starPeriodLabel(period);
  const kind = starPeriodKindOf(period);
  if (kind !== rs.periodKind) {
    const example = { quarter: '2026-Q3', half: '2026-H1', year: '2026' }[rs.periodKind];
    throw AppError.field('period', `“${rs.name}”按${STAR_PERIOD_KINDS[rs.periodKind]}评定，期间应写作 ${example}`);
  }
  const { start, end } = starPeriodDates(period);
  if (start > ctx.today) throw AppError.field('period', `${label}还没开始，不能评定`);
  const existing = db.prepare('SELECT id, status FROM star_runs WHERE rule_set_id = ? AND period = ?').get(ruleSetId, period) as
    | { id: number; status: string }
    | undefined;
  if (existing?.status === 'published') throw new AppError('CONFLICT', `${label}“${rs.name}”已发布，只能查看`);
  const other = db
    .prepare("SELECT rs.name FROM star_runs s JOIN star_rule_sets rs ON rs.id = s.rule_set_id WHERE s.period = ? AND s.status = 'published'")
    .pluck()
    .get(period) as string | undefined;
  if (other !== undefined) throw new AppError('CONFLICT', `${label}已按“${other}”发布了星级评定，同一期间只能发布一次`);

  // the score rated on: the average of the finalised months, or the total of a finalised period assessment
  const source = rs.periodSchemeId === null ? null : finalisedPeriodTotals(db, { periodSchemeId: rs.periodSchemeId, period });
  if (rs.periodSchemeId !== null && !source) throw AppError.field('period', `${label}“${rs.periodSchemeName}”还没有归档，本规则以归档的周期考核结果为评定依据`);
  const months = periodResults(db, period, source ? source.monthSchemeId : rs.schemeId).results;
  const monthly = new Map(months.map((m) => [m.personId, m]));
  const results = source
    ? source.rows.map((r) => ({ personId: r.personId, unitId: r.unitId, average: r.total, months: monthly.get(r.personId)?.months ?? 0, vetoes: monthly.get(r.personId)?.vetoes ?? 0 }))
    : months.map((r) => ({ personId: r.personId, unitId: r.unitId, average: roundHalfUp(r.sum, r.months), months: r.months, vetoes: r.vetoes }));
  if (results.length === 0) {
    throw AppError.field('period', `${label}没有已归档的${source ? `“${rs.periodSchemeName}”定等结果` : `月度考核结果${rs.schemeName ? `（${rs.schemeName}）` : ''}`}，无法评定`);
  }
  const points = pointsInPeriod(db, start, end);
  const criticisms = criticismsInPeriod(db, start, end);
  const awards = awardsInPeriod(db, start, end);
  const previous = latestPublished(db, { before: start });
  const rules = rulesOf(rs);
  const inputs: StarInput[] = results.map((r) => ({
    key: r.personId,
    average: r.average,
    months: r.months,
    points: points.get(r.personId) ?? 0,
    vetoes: r.vetoes,
    criticisms: criticisms.get(r.personId) ?? 0,
    awards: awards.get(r.personId) ?? [],
    previous: previous.get(r.personId)?.stars ?? null,
  }));
  // decisions on ties at a quota line are kept with the draft (they apply while the person is still tied)
  const decisions = existing ? tieDecisions(db, existing.id) : new Map<number, { keep: boolean; reason: string }>();
  const rated = new Map(rateStars(inputs, rules, source ? `${source.label}总分` : undefined, decisions).map((r) => [r.key, r]));

  const at = ctx.now().toISOString();
  let runId: number;
  const overrides = new Map<number, { stars: Stars; reason: string; by: string | null; at: string | null }>();
  if (existing) {
    runId = existing.id;
    const kept = db
      .prepare("SELECT person_id, stars, override_reason, overridden_by, overridden_at FROM star_ratings WHERE run_id = ? AND override_reason <> ''")
      .all(runId) as { person_id: number; stars: Stars; override_reason: string; overridden_by: string | null; overridden_at: string | null }[];
    for (const k of kept) overrides.set(k.person_id, { stars: k.stars, reason: k.override_reason, by: k.overridden_by, at: k.overridden_at });
    db.prepare('DELETE FROM star_ratings WHERE run_id = ?').run(runId);
    db.prepare('UPDATE star_runs SET rules = ?, computed_at = ? WHERE id = ?').run(JSON.stringify(rules), at, runId);
  } else {
    runId = Number(
      db
        .prepare(
          `INSERT INTO star_runs (rule_set_id, period, period_start, period_end, rules, status, created_at, computed_at)
           VALUES (?, ?, ?, ?, ?, 'draft', ?, ?)`,
        )
        .run(ruleSetId, period, start, end, JSON.stringify(rules), at, at).lastInsertRowid,
    );
  }
  const insert = db.prepare(
    `INSERT INTO star_ratings (run_id, person_id, unit_id, average, months, points, vetoes, criticisms, previous_stars,
       computed_stars, stars, reason, override_reason, overridden_by, overridden_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const [i, input] of inputs.entries()) {
    const r = rated.get(input.key)!;
    const o = overrides.get(input.key);
    const unitId = results[i]!.unitId;
    insert.run(runId, input.key, unitId, input.average, input.months, input.points, input.vetoes, input.criticisms, input.previous,
      r.stars, o?.stars ?? r.stars, r.reason, o?.reason ?? '', o?.by ?? null, o?.at ?? null);
  }
  regrid(db, runId, rules);
  return runId;
}

export function saveRuleSet(ctx: HandlerContext, input: CallInputOf<'stars.saveRuleSet'>) {
  const { db } = ctx;
  const { id, name, schemeId, periodSchemeId, ...rules } = input;
  const errors = starRulesErrors(rules);
  if (errors.length > 0) {
    throw new AppError('VALIDATION', errors.length === 1 ? errors[0]! : `${errors[0]!}（共${errors.length}处有误）`, errors.map((message) => ({ field: 'rules', message })));
  }
  const clash = db.prepare('SELECT id FROM star_rule_sets WHERE name = ?').pluck().get(name) as number | undefined;
  if (clash !== undefined && clash !== id) throw AppError.field('name', `已有名为“${name}”的星级规则`);
  if (schemeId !== null && !db.prepare('SELECT 1 FROM schemes WHERE id = ?').get(schemeId)) throw AppError.field('schemeId', '所选考核方案不存在');
  if (periodSchemeId !== null) {
    const kind = db.prepare('SELECT kind FROM period_schemes WHERE id = ?').pluck().get(periodSchemeId) as StarPeriodKind | undefined;
    if (kind === undefined) throw AppError.field('periodSchemeId', '所选周期考核方案不存在');
    if (kind !== rules.periodKind) throw AppError.field('periodSchemeId', `所选周期考核方案按${STAR_PERIOD_KINDS[kind]}考核，与本规则的评定周期（${STAR_PERIOD_KINDS[rules.periodKind]}）不同`);
  }
  const at = ctx.now().toISOString();
  const c = rules.conditions;
  const values = [
    name,
    rules.periodKind,
    rules.method,
    JSON.stringify(rules.thresholds),
    JSON.stringify(rules.quota),
    JSON.stringify(rules.gridThresholds),
    Number(c.vetoCap),
    Number(c.criticismBlocksUpgrade),
    Number(c.dynamic),
    Number(c.awardUpgrade),
    schemeId,
    periodSchemeId,
  ];
  if (id === undefined) {
    const newId = Number(
      db
        .prepare(
          `INSERT INTO star_rule_sets (name, period_kind, method, thresholds, quota, grid_thresholds, veto_cap,
             criticism_blocks_upgrade, dynamic, award_upgrade, scheme_id, period_scheme_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...values, at, at).lastInsertRowid,
    );
    const created = getRuleSet(db, newId);
    ctx.audit({ action: 'create', entity: 'star_rule_set', entityId: newId, newValue: created });
    return created;
  }
  const old = getRuleSet(db, id);
  db.prepare(
    `UPDATE star_rule_sets SET name = ?, period_kind = ?, method = ?, thresholds = ?, quota = ?, grid_thresholds = ?, veto_cap = ?,
       criticism_blocks_upgrade = ?, dynamic = ?, award_upgrade = ?, scheme_id = ?, period_scheme_id = ?, updated_at = ? WHERE id = ?`,
  ).run(...values, at, id);
  const updated = getRuleSet(db, id);
  ctx.audit({ action: 'update', entity: 'star_rule_set', entityId: id, oldValue: old, newValue: updated });
  return updated;

}

export function deleteRuleSet(ctx: HandlerContext, input: CallInputOf<'stars.deleteRuleSet'>) {
  const old = getRuleSet(ctx.db, input.id);
  if (old.runs > 0) throw new AppError('CONFLICT', `“${old.name}”已用于${old.runs}次评定，不能删除`);
  ctx.db.prepare('DELETE FROM star_rule_sets WHERE id = ?').run(input.id);
  ctx.audit({ action: 'delete', entity: 'star_rule_set', entityId: input.id, oldValue: old });
  return { id: input.id };

}

export function previewRun(ctx: HandlerContext, input: CallInputOf<'stars.preview'>) {
  const runId = computeRun(ctx, input.ruleSetId, input.period);
  const view = runView(ctx.db, runId);
  ctx.audit({
    action: 'preview',
    entity: 'star_run',
    entityId: runId,
    newValue: { period: input.period, ruleSetId: input.ruleSetId, rated: view.run.rated, counts: view.run.counts },
  });
  return view;

}

export function overrideRating(ctx: HandlerContext, input: CallInputOf<'stars.override'>) {
  const { db } = ctx;
  const run = draftRun(db, input.runId);
  const before = ratingRows(db, input.runId, input.personId)[0];
  if (!before) throw AppError.field('personId', `此人不在${run.periodLabel}的评定名单中`);
  const clear = input.stars === before.computedStars;
  db.prepare(
    'UPDATE star_ratings SET stars = ?, override_reason = ?, overridden_by = ?, overridden_at = ? WHERE run_id = ? AND person_id = ?',
  ).run(input.stars, clear ? '' : input.reason, clear ? null : ctx.actor.name, clear ? null : ctx.now().toISOString(), input.runId, input.personId);
  regrid(db, input.runId, runRules(db, input.runId));
  const after = ratingRows(db, input.runId, input.personId)[0]!;
  ctx.audit({
    action: 'override',
    entity: 'star_rating',
    entityId: input.runId,
    oldValue: { personId: input.personId, name: before.name, stars: before.stars, computedStars: before.computedStars },
    newValue: { personId: input.personId, name: after.name, stars: after.stars, period: run.period },
    reason: input.reason,
  });
  return after;

}

/**
 * Decides a tie at a quota line for one person — keep the higher star or take the lower one — with a reason, and
 * recomputes the draft with it (overrides and the other decisions kept).
 */
export function decideTie(ctx: HandlerContext, input: CallInputOf<'stars.decideTie'>) {
  const { db } = ctx;
  const run = draftRun(db, input.runId);
  const tie = runTies(db, run.id).find((t) => t.people.some((p) => p.personId === input.personId));
  if (!tie) throw AppError.field('personId', `此人不在${run.periodLabel}星级名额线上的并列名单中`);
  const person = tie.people.find((p) => p.personId === input.personId)!;
  const placesLeft = tie.places - tie.above;
  const kept = tie.people.filter((p) => p.personId !== input.personId && p.decision === 'kept');
  if (input.keep && kept.length >= placesLeft) {
    // never more at the higher star than the quota has places for
    throw new AppError(
      'CONFLICT',
      `${tie.line}在名额线上只剩 ${placesLeft} 个名额，已决定保留${kept.map((p) => p.name).join('、')}；如要保留${person.name}，请先将其中一人改为降为${tie.lower}★`,
    );
  }
  db.prepare(
    `INSERT INTO star_tie_decisions (run_id, person_id, keep, reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (run_id, person_id) DO UPDATE SET keep = excluded.keep, reason = excluded.reason, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
  ).run(run.id, input.personId, Number(input.keep), input.reason, ctx.actor.name, ctx.now().toISOString());
  computeRun(ctx, run.ruleSetId, run.period);
  const stars = input.keep ? tie.higher : tie.lower;
  ctx.audit({
    action: input.keep ? 'keep' : 'drop',
    entity: 'star_tie',
    entityId: run.id,
    oldValue: { personId: input.personId, name: person.name, decision: person.decision },
    newValue: { personId: input.personId, name: person.name, period: run.period, line: tie.line, keep: input.keep, stars },
    reason: input.reason,
  });
  return runView(db, run.id);
}

/** Why a run cannot be published now (not a draft, nothing rated, months open, a tie open, a later or another run published, stale), or null. */
function publishRefusal(db: HandlerContext['db'], runId: number): string | null {
  const run = draftRun(db, runId);
  if (run.rated === 0) return `${run.periodLabel}没有评定结果，不能发布`;
  const open = runTies(db, run.id).filter((t) => t.people.some((p) => p.decision === 'open'));
  if (open.length > 0) {
    const first = open[0]!;
    const waiting = first.people.filter((p) => p.decision === 'open').map((p) => p.name);
    return `${first.text}，请先逐一决定${waiting.join('、')}保留${first.higher}★还是降为${first.lower}★${open.length > 1 ? `（另有${open.length - 1}处并列待决定）` : ''}，再发布`;
  }
  const schemeId = db.prepare('SELECT scheme_id FROM star_rule_sets WHERE id = ?').pluck().get(run.ruleSetId) as number | null;
  const { monthsIncluded } = monthsOf(db, run.period, schemeId);
  const missing = starPeriodMonths(run.period).filter((m) => !monthsIncluded.includes(m));
  if (missing.length > 0) return `${missing.join('、')}的月度考核还没有归档，不能发布${run.periodLabel}的星级评定`;
  const published = db.prepare("SELECT period FROM star_runs WHERE status = 'published' AND period_end > ?").pluck().all(run.end) as string[];
  const later = published.find((p) => starPeriodKindOf(p) === run.periodKind);
  if (later) return `已发布${starPeriodLabel(later)}的星级评定，不能再发布更早的${run.periodLabel}`;
  const other = db.prepare("SELECT 1 FROM star_runs WHERE period = ? AND status = 'published'").get(run.period);
  if (other) return `${run.periodLabel}已发布过星级评定，同一期间只能发布一次`;
  // dynamic management reads the previous rating: it must not have changed since the preview
  const previous = latestPublished(db, { before: run.start });
  const stale = db
    .prepare('SELECT person_id, previous_stars FROM star_ratings WHERE run_id = ?')
    .all(run.id)
    .some((r) => {
      const { person_id, previous_stars } = r as { person_id: number; previous_stars: number | null };
      return (previous.get(person_id)?.stars ?? null) !== previous_stars;
    });
  if (stale) return '预览之后上期星级有了变化，请重新预览后再发布';
  return null;
}

/** Asked before 发布 is confirmed: the reason it would be refused, or null. */
export function publishCheck(ctx: HandlerContext, input: CallInputOf<'stars.publishCheck'>): { refusal: string | null } {
  return refusalOf(() => publishRefusal(ctx.db, input.runId));
}

export function publishRun(ctx: HandlerContext, input: CallInputOf<'stars.publish'>) {
  const { db } = ctx;
  const refusal = publishRefusal(db, input.runId);
  if (refusal) throw new AppError('CONFLICT', refusal);
  const run = draftRun(db, input.runId);
  db.prepare("UPDATE star_runs SET status = 'published', published_at = ?, published_by = ? WHERE id = ?").run(
    ctx.now().toISOString(),
    ctx.actor.name,
    run.id,
  );
  const summary = runSummary(db, run.id);
  ctx.audit({ action: 'publish', entity: 'star_run', entityId: run.id, newValue: { period: run.period, counts: summary.counts, rated: summary.rated } });
  return summary;

}

export function discardRun(ctx: HandlerContext, input: CallInputOf<'stars.discard'>) {
  const { db } = ctx;
  const run = draftRun(db, input.runId);
  db.prepare('DELETE FROM star_tie_decisions WHERE run_id = ?').run(run.id);
  db.prepare('DELETE FROM star_grid_ratings WHERE run_id = ?').run(run.id);
  db.prepare('DELETE FROM star_ratings WHERE run_id = ?').run(run.id);
  db.prepare('DELETE FROM star_runs WHERE id = ?').run(run.id);
  ctx.audit({ action: 'discard', entity: 'star_run', entityId: run.id, oldValue: { period: run.period, ruleSetId: run.ruleSetId, rated: run.rated } });
  return { runId: run.id };

}

export function createDiscipline(ctx: HandlerContext, input: CallInputOf<'stars.createDiscipline'>) {
  const { db } = ctx;
  if (!db.prepare('SELECT 1 FROM people WHERE id = ?').get(input.personId)) throw AppError.field('personId', '请选择人员');
  if (!isValidDate(input.date)) throw AppError.field('date', `没有 ${input.date} 这一天`);
  if (input.date > ctx.today) throw AppError.field('date', '日期不能晚于今天');
  const id = Number(
    db
      .prepare('INSERT INTO discipline_records (person_id, date, kind, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(input.personId, input.date, input.kind, input.reason, ctx.actor.name, ctx.now().toISOString()).lastInsertRowid,
  );
  const record = disciplineRows(db, 'WHERE d.id = ?', id)[0]!;
  ctx.audit({ action: 'create', entity: 'discipline_record', entityId: id, newValue: record });
  return record;

}

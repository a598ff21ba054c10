/**
 * What changes a period assessment: period schemes and their versions, opening a period, ballots, decisions on ties
 * at the 优秀 line, finalising (the results sealed with a digest) and reopening. Each records its audit entry.
 */
import type { Database } from 'better-sqlite3';
import type { PeriodDraftInput, PeriodRow, PeriodSchemeDetail, PeriodSummary, PeriodView } from '../../../shared/contract/periods';
import { DEFAULT_PERIOD_RULES, periodRulesError, type PeriodRules } from '../../../shared/domain/periods';
import type { Role } from '../../../shared/domain/people';
import { bandsError, DEFAULT_BANDS } from '../../../shared/domain/scoring';
import { starPeriodDates, starPeriodKindOf, starPeriodLabel, STAR_PERIOD_KINDS } from '../../../shared/domain/stars';
import { AppError, refusalOf } from '../../../shared/errors';
import { assertInScope, assertScoresAs } from '../accounts/scope';
import { appealsCorrectedSinceFinalise } from '../appeals/queries';
import type { HandlerContext } from '../context';
import { evaluatorExists } from '../assessments/save';
import { computeRows, monthsMissing, periodRecord, summaryOf } from './compute';
import { periodDigest } from './digest';
import { periodScheme, periodView } from './queries';

function draftId(db: Database, schemeId: number): number | undefined {
  return db.prepare("SELECT id FROM period_scheme_versions WHERE period_scheme_id = ? AND status = 'draft'").pluck().get(schemeId) as number | undefined;
}

export function createPeriodScheme(ctx: HandlerContext, input: { name: string; kind: keyof typeof STAR_PERIOD_KINDS }): PeriodSchemeDetail {
  const { db } = ctx;
  if (db.prepare('SELECT 1 FROM period_schemes WHERE name = ?').get(input.name)) throw AppError.field('name', `已有名为“${input.name}”的周期考核方案`);
  const at = ctx.now().toISOString();
  const schemeId = Number(db.prepare('INSERT INTO period_schemes (name, kind, created_at) VALUES (?, ?, ?)').run(input.name, input.kind, at).lastInsertRowid);
  const rules: PeriodRules = { ...DEFAULT_PERIOD_RULES, minMonthsInPost: input.kind === 'year' ? 6 : input.kind === 'half' ? 3 : 2, bands: DEFAULT_BANDS };
  const monthScheme = db.prepare('SELECT id FROM schemes ORDER BY id LIMIT 1').pluck().get() as number | undefined;
  db.prepare(
    "INSERT INTO period_scheme_versions (period_scheme_id, version, status, roles, month_scheme_id, rules, created_at) VALUES (?, 1, 'draft', ?, ?, ?, ?)",
  ).run(schemeId, JSON.stringify(['网格员']), monthScheme ?? null, JSON.stringify(rules), at);
  ctx.audit({ action: 'create', entity: 'period_scheme', entityId: schemeId, newValue: input });
  return periodScheme(db, schemeId);
}

/** 复制方案: a new period scheme of the same kind whose first version is a draft copy of everything in the source version. */
export function copyPeriodScheme(ctx: HandlerContext, input: { schemeId: number; version?: number | undefined; name: string }): PeriodSchemeDetail {
  const { db } = ctx;
  const source = periodScheme(db, input.schemeId, input.version);
  if (db.prepare('SELECT 1 FROM period_schemes WHERE name = ?').get(input.name)) throw AppError.field('name', `已有名为“${input.name}”的周期考核方案`);
  const at = ctx.now().toISOString();
  const schemeId = Number(db.prepare('INSERT INTO period_schemes (name, kind, created_at) VALUES (?, ?, ?)').run(input.name, source.kind, at).lastInsertRowid);
  db.prepare(
    "INSERT INTO period_scheme_versions (period_scheme_id, version, status, roles, month_scheme_id, rules, created_at) VALUES (?, 1, 'draft', ?, ?, ?, ?)",
  ).run(schemeId, JSON.stringify(source.roles), source.monthSchemeId, JSON.stringify(source.rules), at);
  ctx.audit({ action: 'copy', entity: 'period_scheme', entityId: schemeId, newValue: { name: input.name, from: { schemeId: source.schemeId, name: source.name, version: source.version, status: source.status } } });
  return periodScheme(db, schemeId);
}

/** 复制为新版本: the next version's draft of the same period scheme, a copy of everything in one of its published versions. */
export function newPeriodVersion(ctx: HandlerContext, input: { schemeId: number; version?: number | undefined }): PeriodSchemeDetail {
  const { db } = ctx;
  const current = periodScheme(db, input.schemeId);
  const draft = current.versions.find((v) => v.status === 'draft');
  if (draft) throw new AppError('CONFLICT', `“${current.name}”已有第${draft.version}版草稿，请先发布该草稿，再复制为新版本`);
  const version = input.version ?? current.versions.filter((v) => v.status === 'published').at(-1)?.version;
  if (version === undefined) throw AppError.field('schemeId', `“${current.name}”还没有发布过的版本`);
  const source = periodScheme(db, input.schemeId, version);
  if (source.status !== 'published') throw AppError.field('version', `第${version}版不是已发布的版本`);
  const next = Math.max(...current.versions.map((v) => v.version)) + 1;
  db.prepare(
    "INSERT INTO period_scheme_versions (period_scheme_id, version, status, roles, month_scheme_id, rules, created_at) VALUES (?, ?, 'draft', ?, ?, ?, ?)",
  ).run(input.schemeId, next, JSON.stringify(source.roles), source.monthSchemeId, JSON.stringify(source.rules), ctx.now().toISOString());
  ctx.audit({ action: 'new-version', entity: 'period_scheme', entityId: input.schemeId, newValue: { name: current.name, version: next, from: version } });
  return periodScheme(db, input.schemeId);
}

export function savePeriodDraft(ctx: HandlerContext, input: PeriodDraftInput & { rules: PeriodRules; roles: Role[] }): PeriodSchemeDetail {
  const { db } = ctx;
  const before = periodScheme(db, input.schemeId);
  const problem = periodRulesError(input.rules) ?? (bandsError(input.rules.bands) ? { field: 'bands', message: bandsError(input.rules.bands)! } : null);
  if (problem) throw AppError.field(`rules.${problem.field}`, problem.message);
  if (input.monthSchemeId !== null && !db.prepare('SELECT 1 FROM schemes WHERE id = ?').get(input.monthSchemeId)) throw AppError.field('monthSchemeId', '所选月度考核方案不存在');
  const sheet = input.rules.appraisalSchemeId ?? null;
  if (sheet !== null && !db.prepare('SELECT 1 FROM schemes WHERE id = ?').get(sheet)) throw AppError.field('rules.appraisalSchemeId', '所选年终测评表方案不存在');
  if (sheet !== null && sheet === input.monthSchemeId) throw AppError.field('rules.appraisalSchemeId', '年终测评表不能与月度考核用同一个方案');
  const clash = db.prepare('SELECT id FROM period_schemes WHERE name = ? AND id <> ?').get(input.name, input.schemeId);
  if (clash) throw AppError.field('name', `已有名为“${input.name}”的周期考核方案`);
  db.prepare('UPDATE period_schemes SET name = ? WHERE id = ?').run(input.name, input.schemeId);
  const at = ctx.now().toISOString();
  const id = draftId(db, input.schemeId);
  const values = [JSON.stringify(input.roles), input.monthSchemeId, JSON.stringify(input.rules)] as const;
  if (id !== undefined) db.prepare('UPDATE period_scheme_versions SET roles = ?, month_scheme_id = ?, rules = ? WHERE id = ?').run(...values, id);
  else {
    db.prepare(
      "INSERT INTO period_scheme_versions (period_scheme_id, version, status, roles, month_scheme_id, rules, created_at) VALUES (?, ?, 'draft', ?, ?, ?, ?)",
    ).run(input.schemeId, before.version + 1, ...values, at);
  }
  const after = periodScheme(db, input.schemeId);
  ctx.audit({ action: 'save-draft', entity: 'period_scheme', entityId: input.schemeId, oldValue: { rules: before.rules, roles: before.roles }, newValue: { rules: after.rules, roles: after.roles } });
  return after;
}

export function publishPeriodScheme(ctx: HandlerContext, schemeId: number): PeriodSchemeDetail {
  const { db } = ctx;
  const id = draftId(db, schemeId);
  if (id === undefined) throw AppError.field('schemeId', '没有待发布的草稿');
  db.prepare("UPDATE period_scheme_versions SET status = 'published', published_at = ? WHERE id = ?").run(ctx.now().toISOString(), id);
  const after = periodScheme(db, schemeId);
  ctx.audit({ action: 'publish', entity: 'period_scheme', entityId: schemeId, newValue: { version: after.version } });
  return after;
}

/** Opens a period under the scheme's published version, with the people in post at its end holding one of its roles. */
export function openPeriod(ctx: HandlerContext, input: { schemeId: number; period: string }): PeriodSummary {
  const { db } = ctx;
  const scheme = db.prepare('SELECT kind FROM period_schemes WHERE id = ?').get(input.schemeId) as { kind: string } | undefined;
  if (!scheme) throw new AppError('NOT_FOUND', '该周期考核方案不存在');
  if (starPeriodKindOf(input.period) !== scheme.kind) {
    const example = { quarter: '2026-Q3', half: '2026-H1', year: '2026' }[scheme.kind as 'quarter' | 'half' | 'year'];
    throw AppError.field('period', `本方案按${STAR_PERIOD_KINDS[scheme.kind as 'year']}考核，期间应写作 ${example}`);
  }
  const { start, end } = starPeriodDates(input.period);
  if (start > ctx.today) throw AppError.field('period', `${starPeriodLabel(input.period)}还没开始，不能开启`);
  if (db.prepare('SELECT 1 FROM period_assessments WHERE period_scheme_id = ? AND period = ?').get(input.schemeId, input.period)) {
    throw AppError.field('period', `${starPeriodLabel(input.period)}已经开启`);
  }
  const version = db
    .prepare("SELECT id, roles FROM period_scheme_versions WHERE period_scheme_id = ? AND status = 'published' ORDER BY version DESC LIMIT 1")
    .get(input.schemeId) as { id: number; roles: string } | undefined;
  if (!version) throw AppError.field('schemeId', '该方案还没有发布，请先发布');
  const roles = JSON.parse(version.roles) as Role[];
  const asOf = end < ctx.today ? end : ctx.today;
  const members = (
    db
      .prepare("SELECT person_id, unit_id, roles FROM person_terms WHERE valid_from <= @asOf AND (valid_to IS NULL OR valid_to > @asOf) AND status = '在岗'")
      .all({ asOf }) as { person_id: number; unit_id: number; roles: string }[]
  ).flatMap((t) => {
    const role = roles.find((r) => (JSON.parse(t.roles) as Role[]).includes(r));
    return role ? [{ ...t, role }] : [];
  });
  if (members.length === 0) throw AppError.field('period', `${starPeriodLabel(input.period)}没有担任“${roles.join('、')}”的在岗人员`);
  const periodId = Number(
    db
      .prepare("INSERT INTO period_assessments (period_scheme_id, version_id, period, status, opened_at) VALUES (?, ?, ?, 'open', ?)")
      .run(input.schemeId, version.id, input.period, ctx.now().toISOString()).lastInsertRowid,
  );
  const insert = db.prepare('INSERT INTO period_members (period_id, person_id, unit_id, role) VALUES (?, ?, ?, ?)');
  for (const m of members) insert.run(periodId, m.person_id, m.unit_id, m.role);
  const summary = summaryOf(db, periodRecord(db, periodId));
  ctx.audit({ action: 'open', entity: 'period_assessment', entityId: periodId, newValue: summary });
  return summary;
}

function openPeriodRecord(db: Database, periodId: number) {
  const p = periodRecord(db, periodId);
  if (p.status !== 'open') throw new AppError('CONFLICT', `${starPeriodLabel(p.period)}“${p.scheme_name}”已归档，只能查看；如需修改请先重新开启`);
  return p;
}

export function saveBallots(ctx: HandlerContext, input: { periodId: number; evaluatorId: number; cells: { personId: number; ballot: string | null }[] }): { saved: number } {
  const { db } = ctx;
  openPeriodRecord(db, input.periodId);
  evaluatorExists(db, input.evaluatorId);
  assertScoresAs(db, ctx.actor, input.evaluatorId);
  const memberOf = db.prepare('SELECT p.name, pm.unit_id AS unitId FROM period_members pm JOIN people p ON p.id = pm.person_id WHERE pm.period_id = ? AND pm.person_id = ?');
  const members = input.cells.map((c, i) => {
    const m = memberOf.get(input.periodId, c.personId) as { name: string; unitId: number } | undefined;
    if (!m) throw new AppError('VALIDATION', `第${i + 1}行：此人不是本期的考核对象`, [{ field: `cells.${i}.personId`, message: '此人不是本期的考核对象', row: i + 1 }]);
    return m;
  });
  assertInScope(db, ctx.actor, members, '为其测评');
  const read = db.prepare('SELECT ballot FROM appraisal_ballots WHERE period_id = ? AND person_id = ? AND evaluator_id = ?').pluck();
  const upsert = db.prepare(
    `INSERT INTO appraisal_ballots (period_id, person_id, evaluator_id, ballot, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (period_id, person_id, evaluator_id) DO UPDATE SET ballot = excluded.ballot, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM appraisal_ballots WHERE period_id = ? AND person_id = ? AND evaluator_id = ?');
  let saved = 0;
  const at = ctx.now().toISOString();
  for (const c of input.cells) {
    const key = [input.periodId, c.personId, input.evaluatorId] as const;
    const old = (read.get(...key) as string | undefined) ?? null;
    if (old === c.ballot) continue;
    if (c.ballot === null) remove.run(...key);
    else upsert.run(...key, c.ballot, at);
    saved++;
    ctx.audit({ action: 'ballot', entity: 'appraisal_ballot', entityId: input.periodId, oldValue: old === null ? null : { personId: c.personId, evaluatorId: input.evaluatorId, ballot: old }, newValue: { personId: c.personId, evaluatorId: input.evaluatorId, ballot: c.ballot } });
  }
  return { saved };
}

export function decideTie(ctx: HandlerContext, input: { periodId: number; personId: number; keep: boolean; reason: string }): PeriodView {
  const { db } = ctx;
  const p = openPeriodRecord(db, input.periodId);
  const row = computeRows(db, p).find((r) => r.personId === input.personId);
  const decided = db.prepare('SELECT 1 FROM period_tie_decisions WHERE period_id = ? AND person_id = ?').get(input.periodId, input.personId);
  if (!row || (row.quota !== 'tie' && !decided)) throw AppError.field('personId', '此人不在优秀名额线上的并列名单中');
  if (input.keep && row.quotaTie) {
    // never more kept than the line has places for
    const { group, placesLeft } = row.quotaTie;
    const kept = computeRows(db, p).filter((r) => r.personId !== row.personId && r.quotaTie?.group === group && r.quota === 'kept');
    if (kept.length >= placesLeft) {
      throw new AppError('CONFLICT', `名额线上只剩 ${placesLeft} 个优秀名额，已决定保留${kept.map((r) => r.name).join('、')}；如要保留${row.name}，请先将其中一人改为降等`);
    }
  }
  db.prepare(
    `INSERT INTO period_tie_decisions (period_id, person_id, keep, reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (period_id, person_id) DO UPDATE SET keep = excluded.keep, reason = excluded.reason, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
  ).run(input.periodId, input.personId, input.keep ? 1 : 0, input.reason, ctx.actor.name, ctx.now().toISOString());
  ctx.audit({ action: input.keep ? 'keep' : 'drop', entity: 'period_tie', entityId: input.periodId, newValue: { personId: input.personId, keep: input.keep }, reason: input.reason });
  return periodView(db, ctx.actor, input.periodId, null);
}

/** Finalises a period whose months are all finalised and whose ties are decided: its results are sealed. */
/** Why a period cannot be finalised now (finalised already, a month or the appraisal sheet open, a tie undecided). */
function finaliseRefusal(db: Database, periodId: number): { refusal: AppError | null; rows: PeriodRow[] } {
  const p = openPeriodRecord(db, periodId);
  const missing = monthsMissing(db, p);
  if (missing.length > 0) return { refusal: AppError.field('periodId', `${missing.join('、')}的考核还没有归档，不能归档${starPeriodLabel(p.period)}`), rows: [] };
  const rows = computeRows(db, p);
  const ties = rows.filter((r) => r.quota === 'tie');
  if (ties.length > 0) return { refusal: AppError.field('periodId', `有${ties.length}人（${ties.map((r) => r.name).join('、')}）并列在优秀名额线上，请先逐一决定保留或降等`), rows };
  return { refusal: null, rows };
}

/** Asked before 归档 is offered: the reason it would be refused, or null when it can go ahead. */
export function finalisePeriodCheck(db: Database, periodId: number): { refusal: string | null } {
  return refusalOf(() => finaliseRefusal(db, periodId).refusal);
}

export function finalisePeriod(ctx: HandlerContext, periodId: number): PeriodSummary {
  const { db } = ctx;
  const { refusal, rows } = finaliseRefusal(db, periodId);
  if (refusal) throw refusal;
  const insert = db.prepare(
    `INSERT INTO period_results (period_id, person_id, months_score, appraisal_score, points_score, total, grade, status, warning, quota,
       rank_grid, rank_community, rank_role, rank_street, derivation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) {
    insert.run(periodId, r.personId, r.components.months, r.components.appraisal, r.components.points, r.total, r.grade, r.status, r.warning ? 1 : 0, r.quota,
      r.ranks.grid, r.ranks.community, r.ranks.role, r.ranks.street, JSON.stringify(r.derivation));
  }
  db.prepare("UPDATE period_assessments SET status = 'finalised', finalised_at = ? WHERE id = ?").run(ctx.now().toISOString(), periodId);
  const digest = periodDigest(db, periodId);
  db.prepare('UPDATE period_assessments SET digest = ? WHERE id = ?').run(digest, periodId);
  const summary = summaryOf(db, periodRecord(db, periodId));
  const appeals = appealsCorrectedSinceFinalise(db, 'period', periodId); // finalised again after a correction on appeal
  ctx.audit({
    action: 'finalise',
    entity: 'period_assessment',
    entityId: periodId,
    newValue: { ...summary, digest, ...(appeals.length > 0 ? { appeals } : {}) },
    ...(appeals.length > 0 ? { reason: `更正${appeals.map((id) => `申诉#${id}`).join('、')}后重新归档` } : {}),
  });
  return summary;
}

export function reopenPeriod(ctx: HandlerContext, input: { periodId: number; reason: string }): PeriodSummary {
  const { db } = ctx;
  const p = periodRecord(db, input.periodId);
  if (p.status !== 'finalised') throw AppError.field('periodId', '本期尚未归档，无需重新开启');
  const before = summaryOf(db, p);
  db.prepare("UPDATE period_assessments SET status = 'open', finalised_at = NULL, digest = '' WHERE id = ?").run(input.periodId);
  db.prepare('DELETE FROM period_results WHERE period_id = ?').run(input.periodId);
  const after = summaryOf(db, periodRecord(db, input.periodId));
  ctx.audit({ action: 'reopen', entity: 'period_assessment', entityId: input.periodId, oldValue: before, newValue: after, reason: input.reason });
  return after;
}

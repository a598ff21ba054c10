/** What a 考核员 may score: the people whose month unit lies in one of their units (or below it), as their evaluator record. */
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../context';
import { subtreeIds, unitPaths } from '../org/queries';

const scopes = new WeakMap<Actor, Set<number>>();

/** The units the actor may score in, subtrees included; null when there is no limit (管理员, or no accounts yet). */
export function scoringScope(db: Database, actor: Actor): Set<number> | null {
  if (actor.role !== 'evaluator' || actor.unitIds === undefined) return null;
  // An actor lives for one call: an import of thousands of rows works the subtrees out once.
  let ids = scopes.get(actor);
  if (!ids) {
    ids = new Set<number>();
    for (const unit of actor.unitIds) for (const id of subtreeIds(db, unit)) ids.add(id);
    scopes.set(actor, ids);
  }
  return ids;
}

/** Refuses scores saved as another evaluator record than the one the account is bound to. */
export function assertScoresAs(db: Database, actor: Actor, evaluatorId: number): void {
  if (actor.role !== 'evaluator' || actor.evaluatorId == null || actor.evaluatorId === evaluatorId) return;
  const name = db.prepare('SELECT name FROM evaluators WHERE id = ?').pluck().get(actor.evaluatorId) as string | undefined;
  throw new AppError('FORBIDDEN', `您的账号只能以考核人“${name ?? ''}”的身份打分`);
}

/** Refuses the lot when any of these people's month unit lies outside the actor's units, naming the people and units. */
export function assertInScope(
  db: Database,
  actor: Actor,
  people: readonly { name: string; unitId: number }[],
  what = '为其打分',
): void {
  const scope = scoringScope(db, actor);
  if (scope === null) return;
  const outside = people.filter((p) => !scope.has(p.unitId));
  if (outside.length === 0) return;
  const paths = unitPaths(db);
  const mine = (actor.unitIds ?? []).map((id) => paths.get(id) ?? '').join('、') || '（未指定）';
  const first = outside[0]!;
  const who = `${first.name}（${paths.get(first.unitId) ?? ''}）`;
  throw new AppError(
    'FORBIDDEN',
    outside.length === 1
      ? `${who}不在您负责的单位（${mine}）内，不能${what}`
      : `有${outside.length}人不在您负责的单位（${mine}）内，均未保存，例如${who}`,
  );
}

/**
 * Refuses a point entry, or its reversal (冲销), for a person outside the actor's units on the entry's date, whatever
 * the entry's source (手工, 导入, 月度考核, 表彰, 平台统计). A person with no term on that date is judged by their
 * latest term; one with no term at all is refused: a 考核员 writes only for people known to be theirs.
 */
export function assertPointsInScope(db: Database, actor: Actor, personId: number, date: string, what = '为其登记积分'): void {
  if (scoringScope(db, actor) === null) return;
  const person = (db
    .prepare(
      `SELECT p.name, t.unit_id AS unitId FROM people p JOIN person_terms t ON t.person_id = p.id
        WHERE p.id = ? AND t.valid_from <= ? AND (t.valid_to IS NULL OR t.valid_to > ?) ORDER BY t.valid_from DESC LIMIT 1`,
    )
    .get(personId, date, date) ??
    db
      .prepare(
        `SELECT p.name, t.unit_id AS unitId FROM people p JOIN person_terms t ON t.person_id = p.id
          WHERE p.id = ? ORDER BY t.valid_from DESC LIMIT 1`,
      )
      .get(personId)) as { name: string; unitId: number } | undefined;
  if (person) return assertInScope(db, actor, [person], what);
  const name = db.prepare('SELECT name FROM people WHERE id = ?').pluck().get(personId) as string | undefined;
  throw new AppError('FORBIDDEN', `${name ?? `编号为${personId}的人员`}不在您负责的单位内，不能${what}`);
}

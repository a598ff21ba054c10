/**
 * 操作日志: reading the append-only audit log the dispatcher writes. Newest first by id (the order entries were
 * committed), a page at a time by keyset (`id < before`), so the millionth row costs what the first does.
 */
import type { Database } from 'better-sqlite3';
import type { auditContract, AuditPage, AuditRow } from '../../../shared/contract/audit';
import type { ParsedInputOf } from '../../../shared/contract/define';
import { AUDIT_KINDS, auditActionLabel, auditKindLabel, auditKindOf, shanghaiDayStartUtc } from '../../../shared/domain/audit';
import { maskPersonalValues } from '../../../shared/domain/mask';
import { AppError } from '../../../shared/errors';
import { appealChainIds } from '../appeals/queries';
import type { Handlers } from '../handler-types';
import { prepared } from '../db/statements';
import { NameBook, summarisePage, type RawAuditRow } from './summary';
import { aboutViewersPeople, auditViewer, FULL_VIEW, type AuditViewer } from './viewer';

type ListInput = ParsedInputOf<(typeof auditContract)['audit.list']>;

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The ids a date range's entries lie between, from the day book (migration 0210): a range is read as an id range,
 * along the id or whichever index the other filters pick. `exact` when the range's days hold every id between (ids
 * have no gaps): then the times need no checking; a clock set back across the range makes it inexact. Null when
 * nothing was written in the range.
 */
function idSpan(db: Database, input: ListInput): { lo: number; hi: number; exact: boolean } | null {
  const span = prepared(db, 'SELECT min(first_id) AS lo, max(last_id) AS hi, sum(entries) AS entries FROM audit_days WHERE day >= ? AND day <= ?').get(
    input.from ?? '',
    input.to ?? '9999-12-31',
  ) as { lo: number | null; hi: number | null; entries: number | null };
  if (span.lo === null || span.hi === null) return null;
  return { lo: span.lo, hi: span.hi, exact: span.entries === span.hi - span.lo + 1 };
}

/** Entries in an id range few enough to read in id order whatever the kind (a busy day of a district is about this). */
const SMALL_SPAN = 20_000;

/** The columns of a page's rows. */
const ROW_COLUMNS = 'a.id, a.at, a.actor, a.action, a.entity, a.entity_id, a.old_value, a.new_value, a.reason, a.client';

/**
 * The entries matching the filters, newest first, at most `limit + 1` (one more tells whether a next page exists).
 * The entries may come from several places, each read along its own index in id order and stopped after limit + 1:
 * a kind of several entities entity by entity (instead of sorting every row of the kind), the entries about a person
 * by the person index and the reversals of their point entries from their reversing entries. A date range narrows
 * each to an id range (idSpan). Where there are several, only the ids are gathered and sorted, and the rows of the
 * page are read after, by id.
 */
function select(db: Database, input: ListInput, viewer: AuditViewer): RawAuditRow[] {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: input.limit + 1 };
  if (input.before !== null) {
    where.push('a.id < @before');
    params.before = input.before;
  }
  // a 考核员 reads only the entries about the people of their units (viewer.ts)
  const about = aboutViewersPeople(viewer);
  if (about !== null) where.push(about);
  let spanSize = Infinity;
  if (input.from || input.to) {
    const span = idSpan(db, input);
    if (span === null) return [];
    spanSize = span.hi - span.lo + 1;
    where.push('a.id BETWEEN @lo AND @hi');
    params.lo = span.lo;
    params.hi = span.hi;
    if (!span.exact && input.from) {
      where.push('a.at >= @fromAt');
      params.fromAt = shanghaiDayStartUtc(input.from);
    }
    if (!span.exact && input.to) {
      where.push('a.at < @toAt');
      params.toAt = shanghaiDayStartUtc(nextDay(input.to));
    }
  }
  if (input.action) {
    where.push('a.action = @action');
    params.action = input.action;
  }
  if (input.actor) {
    where.push('a.actor = @actor');
    params.actor = input.actor;
  }
  if (input.text) {
    where.push("a.reason LIKE @text ESCAPE '\\'");
    params.text = `%${likeEscape(input.text)}%`;
  }
  if (input.appealId !== null) {
    where.push('a.id IN (SELECT value FROM json_each(@chain))');
    params.chain = JSON.stringify(appealChainIds(db, input.appealId));
  }
  const entities: readonly string[] | null = input.kind === null ? null : AUDIT_KINDS[input.kind].entities;
  const entityList = (list: readonly string[]) => list.map((e) => `'${e.replace(/'/g, "''")}'`).join(', ');

  // Each source: a FROM and the conditions that pick its entries, read newest first.
  const sources: { from: string; clauses: string[] }[] = [];
  if (input.personId !== null) {
    // About the person: entries whose person_id (migration 0090) names them, along the person index, and reversals
    // of their point entries (a reversal's entry records only the entry it cancels), found from their reversing
    // point entries (each 冲销 writes one, of the same person: migration 0030).
    params.person = input.personId;
    sources.push({
      from: 'audit_log a INDEXED BY audit_log_person',
      clauses: ['a.person_id = @person', ...(entities ? [`a.entity IN (${entityList(entities)})`] : [])],
    });
    if (entities === null || entities.includes('point_entry')) {
      sources.push({
        from: 'point_entries pe CROSS JOIN audit_log a',
        clauses: ["pe.person_id = @person AND pe.reverses_id IS NOT NULL AND a.entity = 'point_entry' AND a.entity_id = pe.reverses_id AND a.action = 'reverse'"],
      });
    }
  } else if (entities === null) {
    sources.push({ from: 'audit_log a', clauses: [] });
  } else if (spanSize <= SMALL_SPAN) {
    // a short id range (a day or a few) is read once in id order, each entry's entity checked (`+` keeps SQLite off the
    // kind index), rather than once per entity of the kind and then merged
    sources.push({ from: 'audit_log a', clauses: [`+a.entity IN (${entityList(entities)})`] });
  } else {
    for (const entity of entities) sources.push({ from: 'audit_log a', clauses: [`a.entity = '${entity.replace(/'/g, "''")}'`] });
  }

  const statement = (sql: string, mode: 'rows' | 'pluck' = 'rows') => (about === null ? prepared(db, sql, mode) : mode === 'pluck' ? db.prepare(sql).pluck() : db.prepare(sql));
  const sqlOf = (columns: string, source: (typeof sources)[number]) => {
    const clauses = [...where, ...source.clauses];
    return `SELECT ${columns} FROM ${source.from} ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT @limit`;
  };
  if (sources.length === 1) return statement(sqlOf(ROW_COLUMNS, sources[0]!)).all(params) as RawAuditRow[];
  if (input.personId !== null) {
    // the person's own entries first, as rows; a reversal of theirs counts only if newer than the last of a full page
    const own = statement(sqlOf(ROW_COLUMNS, sources[0]!)).all(params) as RawAuditRow[];
    const floor = own.length > input.limit ? own.at(-1)!.id : 0;
    const reversals = sources[1] ? (statement(sqlOf(ROW_COLUMNS, { ...sources[1], clauses: [...sources[1].clauses, 'a.id > @floor'] })).all({ ...params, floor }) as RawAuditRow[]) : [];
    if (reversals.length === 0) return own;
    const seen = new Set(own.map((r) => r.id));
    return [...own, ...reversals.filter((r) => !seen.has(r.id))].sort((x, y) => y.id - x.id).slice(0, input.limit + 1);
  }
  const ids = new Set<number>();
  for (const source of sources) for (const id of statement(sqlOf('a.id', source), 'pluck').all(params) as number[]) ids.add(id);
  const page = [...ids].sort((x, y) => y - x).slice(0, input.limit + 1);
  return prepared(db, `SELECT ${ROW_COLUMNS} FROM audit_log a WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY a.id DESC`).all(
    JSON.stringify(page),
  ) as RawAuditRow[];
}

/** A page of the log as `viewer` may read it (viewer.ts): only their entries, the numbers masked where they must be. */
export function listAudit(db: Database, input: ListInput, viewer: AuditViewer = FULL_VIEW): AuditPage {
  const found = select(db, input, viewer);
  const shown = viewer.masked ? maskPersonalValues : <T>(v: T): T => v;
  const page = found.slice(0, input.limit);
  const summaries = summarisePage(page, NameBook.of(db));
  const rows: AuditRow[] = page.map((r, i) => {
    const s = summaries[i]!;
    return {
      id: r.id,
      at: r.at,
      actor: r.actor,
      client: r.client ?? null,
      action: r.action,
      actionLabel: auditActionLabel(r.action, r.entity),
      entity: r.entity,
      entityId: r.entity_id,
      kind: auditKindOf(r.entity),
      kindLabel: auditKindLabel(r.entity),
      summary: s.summary,
      reason: r.reason,
      oldValue: shown(s.oldValue),
      newValue: shown(s.newValue),
      names: s.names,
      display: s.display,
    };
  });
  return { rows, next: found.length > input.limit ? page.at(-1)!.id : null };
}

export const auditHandlers: Handlers<typeof auditContract> = {
  'audit.list': (ctx, input) => listAudit(ctx.db, input, auditViewer(ctx.db, ctx.actor)),

  // Each distinct actor by a skip along the actor index: a step per actor, not a pass over the whole log. A 考核员
  // gets the actors of the entries they may read.
  'audit.actors': (ctx) => {
    const about = aboutViewersPeople(auditViewer(ctx.db, ctx.actor));
    if (about !== null) {
      return ctx.db.prepare(`SELECT DISTINCT a.actor FROM audit_log a WHERE ${about} ORDER BY a.actor`).pluck().all() as string[];
    }
    return ctx.db
      .prepare(
        `WITH RECURSIVE skip(actor) AS (
           SELECT min(actor) FROM audit_log
           UNION ALL
           SELECT (SELECT min(actor) FROM audit_log WHERE actor > skip.actor) FROM skip WHERE skip.actor IS NOT NULL)
         SELECT actor FROM skip WHERE actor IS NOT NULL`,
      )
      .pluck()
      .all() as string[];
  },

  'audit.verify': async (ctx) => {
    const check = await ctx.maintenance.verifyRecordsNow();
    if (!check) throw new AppError('CONFLICT', '正在恢复备份，校验已停止，请稍后再试');
    return check;
  },
};

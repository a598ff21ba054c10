/**
 * One Chinese line per audit entry, built from the values the handlers recorded: a function per entity, a generic
 * line for the rest. Ids the values carry (people, criteria, evaluators, months, rules …) are read by name through
 * a small cache, so a page of entries costs a few lookups, not a join per row.
 */
import type { Database } from 'better-sqlite3';
import { auditActionLabel, auditKindLabel } from '../../../shared/domain/audit';
import { AWARD_STAGES, type AwardStage } from '../../../shared/domain/awards';
import { formatSigned } from '../../../shared/domain/points';
import { formatHundredths } from '../../../shared/domain/scoring';
import { prepared } from '../db/statements';
import { keptWhileUnchanged } from '../db/unchanged';
import type { AuditContent } from './chain';

/** An audit row as stored: what its hash covers, and its id. */
export type RawAuditRow = AuditContent & { id: number };

type Obj = Record<string, unknown>;

export interface Summary {
  summary: string;
  names: Record<string, string>;
  display: { old: Record<string, string>; new: Record<string, string> };
}

const IMPORT_KINDS: Record<string, string> = { roster: '人员名册', points: '积分', platform: '平台统计', evaluator: '考核表' };

function obj(v: unknown): Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {};
}
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** What NameBook reads, each by id: the rows' SELECT and the column the id is in. */
const READS = {
  person: ['SELECT id, name FROM people', 'id'],
  criterion: ['SELECT id, name, kind FROM criteria', 'id'],
  evaluator: ['SELECT id, name FROM evaluators', 'id'],
  month: ['SELECT m.id, m.period, s.name AS scheme FROM assessment_months m JOIN schemes s ON s.id = m.scheme_id', 'm.id'],
  rule: ['SELECT id, name FROM point_rules', 'id'],
  entry: ['SELECT id, person_id AS personId, rule_id AS ruleId, points FROM point_entries', 'id'],
  starRun: ['SELECT id, period FROM star_runs', 'id'],
  starRuleSet: ['SELECT id, name FROM star_rule_sets', 'id'],
  batch: ['SELECT id, name FROM award_batches', 'id'],
  scheme: ['SELECT id, name FROM schemes', 'id'],
  unit: ['SELECT id, name FROM org_units', 'id'],
} as const;
type Read = keyof typeof READS;

/** The entities whose entity_id is the month an entry is about. */
const MONTH_ENTITIES = new Set(['score', 'month_member', 'recusal', 'sheet_reason', 'assessment_month']);

/** Names kept in a book before it is started afresh (a long browse of the log reads a page's worth at a time). */
const BOOK_LIMIT = 50_000;

/**
 * Names of the things audit values point at; a page's are read together beforehand (prefetch), a few queries in all
 * rather than one per name. A connection's book is kept between pages while nothing has been written to the file, so
 * paging through the log reads each name once.
 */
export class NameBook {
  private cache = new Map<Read, Map<number, unknown>>();
  private size = 0;
  constructor(private readonly db: Database) {}

  /** The connection's book, kept while nothing is written to the file (db/unchanged.ts) and it is not too full. */
  static of(db: Database): NameBook {
    const book = keptWhileUnchanged(db, 'audit.names', () => new NameBook(db));
    if (book.size >= BOOK_LIMIT) {
      book.cache.clear();
      book.size = 0;
    }
    return book;
  }

  private known(read: Read): Map<number, unknown> {
    let known = this.cache.get(read);
    if (!known) this.cache.set(read, (known = new Map()));
    return known;
  }

  private lookup<T>(read: Read, id: number | null): T | undefined {
    if (id === null) return undefined;
    const known = this.known(read);
    if (!known.has(id)) {
      // the statements are kept with the connection (a page is read often); the names only for the page
      const [sql, column] = READS[read];
      known.set(id, prepared(this.db, `${sql} WHERE ${column} = ?`).get(id));
      this.size++;
    }
    return known.get(id) as T | undefined;
  }

  /** Reads the names of these ids at once (those not read yet). */
  prefetch(read: Read, ids: Iterable<number>): void {
    const known = this.known(read);
    const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && !known.has(id));
    if (wanted.length === 0) return;
    const [sql, column] = READS[read];
    for (const id of wanted) known.set(id, undefined);
    this.size += wanted.length;
    for (const row of prepared(this.db, `${sql} WHERE ${column} IN (SELECT value FROM json_each(?))`).all(JSON.stringify(wanted)) as { id: number }[]) {
      known.set(row.id, row);
    }
  }

  person(id: number | null): string {
    return this.lookup<{ name: string }>('person', id)?.name ?? (id === null ? '' : `人员${id}`);
  }
  criterion(id: number | null): { name: string; kind: string } | undefined {
    return this.lookup('criterion', id);
  }
  evaluator(id: number | null): string {
    return this.lookup<{ name: string }>('evaluator', id)?.name ?? '';
  }
  month(id: number | null): { period: string; scheme: string } | undefined {
    return this.lookup('month', id);
  }
  rule(id: number | null): string {
    return this.lookup<{ name: string }>('rule', id)?.name ?? '';
  }
  entry(id: number | null): { personId: number; ruleId: number; points: number } | undefined {
    return this.lookup('entry', id);
  }
  starRun(id: number | null): string {
    return this.lookup<{ period: string }>('starRun', id)?.period ?? '';
  }
  starRuleSet(id: number | null): string {
    return this.lookup<{ name: string }>('starRuleSet', id)?.name ?? '';
  }
  batch(id: number | null): string {
    return this.lookup<{ name: string }>('batch', id)?.name ?? '';
  }
  scheme(id: number | null): string {
    return this.lookup<{ name: string }>('scheme', id)?.name ?? '';
  }
  unit(id: number | null): string {
    return this.lookup<{ name: string }>('unit', id)?.name ?? '';
  }
}

interface Entry {
  action: string;
  entity: string;
  entityId: number | null;
  old: Obj;
  new: Obj;
  hasOld: boolean;
  hasNew: boolean;
  names: Record<string, string>;
  /** Values shown as people read them (points, not hundredths), by field. */
  display: { old: Record<string, string>; new: Record<string, string> };
  book: NameBook;
}

/** Shows the given fields of both sides with `format` where they are numbers. */
function showAs(e: Entry, keys: string[], format: (n: number) => string): void {
  for (const key of keys) {
    const o = num(e.old[key]);
    const n = num(e.new[key]);
    if (o !== null) e.display.old[key] = format(o);
    if (n !== null) e.display.new[key] = format(n);
  }
}

/** A score cell's value as the grid shows it: 评分项 in points, the other kinds a count. */
function cellText(value: number | null, kind: string | undefined): string {
  if (value === null) return '空';
  return kind === 'score' ? formatHundredths(value) : `${value}次`;
}

function personOf(e: Entry, id: unknown = e.new.personId ?? e.old.personId): string {
  const pid = num(id);
  if (pid === null) return '';
  const name = str(e.new.name) || str(e.old.name) || e.book.person(pid);
  e.names.personId = name;
  return name;
}

const LABELS = { name: '姓名', idNumber: '身份证号', gender: '性别', birthDate: '出生日期', mobile: '手机号', roles: '岗位', partyMember: '中共党员', politicalStatus: '政治面貌', hireDate: '入职日期', note: '备注', unitPath: '单位', status: '状态' } as const;

/** The fields of a person that differ, by their Chinese names. */
function changedFields(o: Obj, n: Obj): string[] {
  return (Object.keys(LABELS) as (keyof typeof LABELS)[]).filter((k) => k in o && k in n && JSON.stringify(o[k]) !== JSON.stringify(n[k])).map((k) => LABELS[k]);
}

const summarisers: Record<string, (e: Entry) => string> = {
  recusal: (e) => {
    const v = e.hasNew ? e.new : e.old;
    const evaluator = e.book.evaluator(num(v.evaluatorId));
    const person = e.book.person(num(v.personId));
    const month = e.book.month(e.entityId);
    return `${e.action === 'recuse' ? '回避' : '取消回避'}：${person} · ${evaluator ?? ''}${month ? `（${month.period}）` : ''}`;
  },
  sheet_reason: (e) => {
    const v = e.hasNew ? e.new : e.old;
    const evaluator = e.book.evaluator(num(v.evaluatorId));
    if (evaluator) e.names.evaluatorId = evaluator;
    showAs(e, ['total'], formatHundredths);
    const month = e.book.month(e.entityId);
    const what = e.action === 'clear-reason' ? '清除评分说明' : `评分说明（合计${num(e.new.total) === null ? '' : formatHundredths(num(e.new.total)!)}分）：${str(e.new.reason)}`;
    return `${personOf(e)} · ${evaluator} ${what}${month ? `（${month.period}）` : ''}`;
  },
  appeal: (e) => {
    const v = { ...e.old, ...e.new };
    const verb = { appeal: '提出申诉', uphold: '复核维持', correct: '复核更正' }[e.action] ?? auditActionLabel(e.action);
    showAs(e, ['total'], formatHundredths);
    return `${personOf(e)} · 申诉#${e.entityId ?? ''}${str(v.subject) ? `（${str(v.subject)}）` : ''}：${verb}`;
  },
  score: (e) => {
    const cid = num(e.new.criterionId ?? e.old.criterionId);
    const c = e.book.criterion(cid);
    const month = e.book.month(e.entityId);
    const evaluator = e.book.evaluator(num(e.new.evaluatorId ?? e.old.evaluatorId));
    if (c) e.names.criterionId = c.name;
    if (evaluator) e.names.evaluatorId = evaluator;
    const from = e.hasOld ? cellText(num(e.old.value), c?.kind) : '空';
    const to = cellText(num(e.new.value), c?.kind);
    if (e.hasOld) e.display.old.value = from;
    e.display.new.value = to;
    const note = str(e.new.note) && str(e.new.note) !== str(e.old.note) ? `，说明：${str(e.new.note)}` : '';
    const where = [month?.period, evaluator].filter(Boolean).join(' · ');
    return `${personOf(e)} · ${c?.name ?? '考核项目'}：${from} → ${to}${note}${where ? `（${where}）` : ''}`;
  },
  month_member: (e) => {
    const period = e.book.month(e.entityId)?.period ?? '';
    const reason = e.new.reason;
    return `${personOf(e)} · ${period} ${reason ? `标记免考：${str(reason)}` : '取消免考'}`;
  },
  evaluator: (e) => `新增考核人 ${str(e.new.name)}${str(e.new.group) ? `（${str(e.new.group)}）` : ''}`,
  assessment_month: (e) => {
    const m = e.book.month(e.entityId);
    const period = str(e.new.period) || m?.period || '';
    const scheme = m?.scheme ? `（${m.scheme}）` : '';
    const verb = { open: '开启', finalise: '归档', reopen: '重新开启' }[e.action] ?? auditActionLabel(e.action);
    const appeals = Array.isArray(e.new.appeals) ? (e.new.appeals as unknown[]).map((id) => `申诉#${str(id)}`).join('、') : '';
    return `月份 ${period} ${verb}${scheme}${appeals ? `，更正${appeals}` : ''}`;
  },
  point_entry: (e) => {
    showAs(e, ['points', 'uncapped'], formatSigned);
    showAs(e, ['quantity'], formatHundredths);
    if (e.action === 'reverse') {
      const original = e.book.entry(e.entityId);
      const name = original ? personOf(e, original.personId) : '';
      const rule = original ? e.book.rule(original.ruleId) : '';
      const points = num(e.old.points) ?? original?.points ?? 0;
      return `${name ? `${name} · ` : ''}冲销 积分 ${formatSigned(points)}${rule ? `（${rule}）` : ''}`;
    }
    const rule = e.book.rule(num(e.new.ruleId));
    if (rule) e.names.ruleId = rule;
    return `${personOf(e)} · 录入 积分 ${formatSigned(num(e.new.points) ?? 0)}${rule ? `（${rule}）` : ''}`;
  },
  point_entries: (e) => {
    const v = e.hasNew ? e.new : e.old;
    const ref = str(v.source);
    const [kind, id] = [ref.split(':')[0], Number(ref.split(':')[1])];
    const what = kind === 'month' ? `月份 ${e.book.month(id)?.period ?? ''} 按等次` : kind === 'award' ? `表彰“${e.book.batch(id)}”` : ref;
    const verb = e.action === 'reverse-derived' ? '冲销自动积分' : '自动计分';
    return `${what}${verb}：${num(v.entries) ?? 0} 条，合计 ${formatSigned(num(v.points) ?? 0)}`;
  },
  point_rule: (e) => `${auditActionLabel(e.action)}积分规则“${str(e.new.name) || str(e.old.name)}”`,
  platform_rule: (e) => `${auditActionLabel(e.action)}平台统计规则“${str(e.new.column) || str(e.old.column)}”`,
  star_rule_set: (e) => `${auditActionLabel(e.action)}星级规则“${str(e.new.name) || str(e.old.name)}”`,
  star_run: (e) => {
    const period = str(e.new.period) || str(e.old.period) || e.book.starRun(e.entityId);
    const rated = num(e.new.rated ?? e.old.rated);
    const verb = { preview: '试评', publish: '发布', discard: '放弃' }[e.action] ?? auditActionLabel(e.action);
    return `星级评定 ${period} ${verb}${rated !== null ? `：${rated} 人` : ''}`;
  },
  star_rating: (e) => {
    showAs(e, ['stars', 'computedStars'], (n) => `${n}星`);
    const period = str(e.new.period) || e.book.starRun(e.entityId);
    return `${personOf(e)} · 星级${period ? ` ${period}` : ''}：${num(e.old.stars) ?? '无'}星 → ${num(e.new.stars) ?? '无'}星`;
  },
  discipline_record: (e) => `${personOf(e)} · 登记${str(e.new.kind)}（${str(e.new.date)}）`,
  award_batches: (e) => {
    const name = str(e.new.name) || str(e.old.name) || e.book.batch(e.entityId);
    if (e.action === 'move-stage' || e.action === 'publish') {
      const stage = (v: unknown) => AWARD_STAGES[str(v) as AwardStage] ?? str(v);
      return `表彰“${name}”：${stage(e.old.stage)} → ${stage(e.new.stage)}`;
    }
    if (e.action === 'nominate') return `表彰“${name}”按排名提名：入选 ${num(e.new.selected) ?? 0} 人${num(e.new.tied) ? `，并列 ${num(e.new.tied)} 人` : ''}`;
    return `${auditActionLabel(e.action)}表彰“${name}”`;
  },
  award_candidates: (e) => {
    const batch = e.book.batch(e.entityId);
    if (e.action === 'reorder-candidates') return `表彰“${batch}” 调整${str(e.new.community)}名单顺序`;
    const verb = { 'add-candidate': '增补', 'remove-candidate': '移除', 'keep-candidate': '保留', 'update-deeds': '修改事迹' }[e.action] ?? auditActionLabel(e.action);
    return `${personOf(e)} · 表彰“${batch}”${verb}`;
  },
  person: (e) => {
    const name = personOf(e, e.entityId);
    if (e.action === 'create') return `新增人员 ${name}（${str(e.new.unitPath)}）`;
    if (e.action === 'transfer') return `${name} · 调动：${str(e.old.unitPath)} → ${str(e.new.unitPath)}`;
    if (e.action === 'leave') return `${name} · 离岗`;
    if (e.action === 'rejoin') return `${name} · 返岗（${str(e.new.unitPath)}）`;
    const fields = changedFields(e.old, e.new);
    return `${name} · ${auditActionLabel(e.action)}${fields.length ? `：${fields.join('、')}` : ''}`;
  },
  org_unit: (e) => {
    const name = str(e.new.name) || str(e.old.name);
    if (e.action === 'update' && str(e.old.name) && str(e.old.name) !== name) return `单位改名：${str(e.old.name)} → ${name}`;
    if (e.action === 'move') return `移动单位 ${name}：${e.book.unit(num(e.old.parentId))} → ${e.book.unit(num(e.new.parentId))}`;
    return `${auditActionLabel(e.action)}单位 ${name}`;
  },
  scheme: (e) => {
    const name = str(e.new.name) || str(e.old.name) || e.book.scheme(e.entityId);
    if (e.action === 'publish') return `发布方案“${name}”第${num(e.new.version) ?? ''}版`;
    if (e.action === 'create') return `新建方案“${name}”`;
    return `方案“${name}”${auditActionLabel(e.action)}`;
  },
  import: (e) => {
    const counts = obj(e.new.counts);
    const kind = IMPORT_KINDS[str(e.new.kind)] ?? (str(e.new.target) || str(e.new.kind));
    const skipped = Array.isArray(e.new.skippedLines) ? e.new.skippedLines.length : 0;
    return `导入 ${kind}：新增 ${num(counts.new) ?? 0}，变更 ${num(counts.changed) ?? 0}${skipped > 0 ? `，跳过有错误的 ${skipped} 行` : ''}${str(e.new.fileName) ? `（${str(e.new.fileName)}）` : ''}`;
  },
  lan: (e) =>
    e.action === 'enable'
      ? `开启局域网访问：${str(e.new.address)}:${num(e.new.port) ?? ''}${str(e.new.allowed) ? `，允许 ${str(e.new.allowed)}` : ''}（${str(e.new.cert) === 'supplied' ? '单位提供的证书' : '生成的证书'}）`
      : '关闭局域网访问',
  system: (e) => {
    if (e.action === 'restore') return `恢复备份 ${str(e.new.restored)}（恢复前另存为 ${str(e.new.safety)}）`;
    if (e.action === 'load-demo') return '载入示例数据';
    return auditActionLabel(e.action, 'system');
  },
  settings: (e) => {
    const changed = Object.keys(e.new).filter((k) => JSON.stringify(e.new[k]) !== JSON.stringify(e.old[k]));
    const labels: Record<string, string> = { officeName: '落款单位', reportDate: '落款日期', shortNameFirst: '简称在前', appealDays: '申诉期限' };
    if (changed.length > 0 && changed.every((k) => k === 'appealDays')) return `修改申诉期限：${num(e.old.appealDays) ?? ''}天 → ${num(e.new.appealDays) ?? ''}天`;
    return `修改报表设置${changed.length ? `：${changed.map((k) => labels[k] ?? k).join('、')}` : ''}`;
  },
};

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A row's values as stored (JSON, or the text itself when it is not JSON). */
interface Parsed {
  oldValue: unknown;
  newValue: unknown;
}

/** The ids in audit values that name things a summary shows by name. */
const REFERENCE_KEYS = ['personId', 'ruleId', 'criterionId', 'evaluatorId'] as const;

/**
 * A page of entries summarised: every value parsed once, the names the page needs read together (the entries a 冲销
 * names first, then the people and rules, theirs too), then each entry summarised.
 */
export function summarisePage(rows: readonly RawAuditRow[], book: NameBook): (Summary & Parsed)[] {
  const parsed = rows.map((r) => ({ oldValue: parse(r.old_value), newValue: parse(r.new_value) }));
  const referenced = Object.fromEntries(REFERENCE_KEYS.map((key) => [key, [] as number[]])) as Record<(typeof REFERENCE_KEYS)[number], number[]>;
  for (const p of parsed) {
    for (const value of [p.newValue, p.oldValue]) {
      const o = obj(value);
      for (const key of REFERENCE_KEYS) if (typeof o[key] === 'number') referenced[key].push(o[key]);
    }
  }
  book.prefetch('entry', rows.filter((r) => r.entity === 'point_entry' && r.action === 'reverse' && r.entity_id !== null).map((r) => r.entity_id!));
  const entries = rows.flatMap((r) => (r.entity === 'point_entry' && r.action === 'reverse' ? [book.entry(r.entity_id)] : []));
  book.prefetch('person', [...referenced.personId, ...rows.filter((r) => r.entity === 'person' && r.entity_id !== null).map((r) => r.entity_id!), ...entries.flatMap((e) => (e ? [e.personId] : []))]);
  book.prefetch('rule', [...referenced.ruleId, ...entries.flatMap((e) => (e ? [e.ruleId] : []))]);
  book.prefetch('criterion', referenced.criterionId);
  book.prefetch('evaluator', referenced.evaluatorId);
  book.prefetch('month', rows.filter((r) => MONTH_ENTITIES.has(r.entity) && r.entity_id !== null).map((r) => r.entity_id!));
  return rows.map((r, i) => summarise(r, book, parsed[i]));
}

export function summarise(row: RawAuditRow, book: NameBook, values?: Parsed): Summary & Parsed {
  const oldValue = values ? values.oldValue : parse(row.old_value);
  const newValue = values ? values.newValue : parse(row.new_value);
  const e: Entry = {
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    old: obj(oldValue),
    new: obj(newValue),
    hasOld: oldValue !== null,
    hasNew: newValue !== null,
    names: {},
    display: { old: {}, new: {} },
    book,
  };
  const fn = summarisers[row.entity];
  let summary: string;
  try {
    summary = fn ? fn(e) : '';
  } catch {
    summary = ''; // a value of an unexpected shape falls back to the generic line
  }
  if (!summary) {
    const name = str(e.new.name) || str(e.old.name);
    summary = `${auditKindLabel(row.entity)} ${auditActionLabel(row.action, row.entity)}${name ? ` ${name}` : row.entity_id !== null ? ` #${row.entity_id}` : ''}`;
  }
  return { summary, names: e.names, display: e.display, oldValue, newValue };
}

/**
 * 人员导入: the office's own roster sheet into the roster. People are matched by ID number: a new ID is a new person;
 * a known one updates mobile, 政治面貌 (kept as written), unit (a transfer dated today) and roles (a dated role change).
 * Every check of the person form applies, with the row and column named; an ID number Excel stored as a number is
 * always wrong (only 15 significant digits survive), however valid its digits look.
 */
import type { Database } from 'better-sqlite3';
import ExcelJS from 'exceljs';
import type { UnitKind } from '../../../shared/domain/org';
import { mobileError, normalizeMobile } from '../../../shared/domain/mobile';
import { nearestNames, unknownUnitMessage } from '../../../shared/domain/nearest';
import { checkIdNumber, normalizeIdNumber } from '../../../shared/domain/idcard';
import { ROLES, type Role, type Status } from '../../../shared/domain/people';
import { normalizeDateText, isValidDate } from '../../../shared/domain/dates';
import { parsePoliticalStatus, politicalStatusError, POLITICAL_STATUSES, type PoliticalStatusOrNone } from '../../../shared/domain/political';
import { cleanPersonName, stripAllSpaces, toHalfWidth } from '../../../shared/domain/text';
import type { ImportPreviewRow } from '../../../shared/contract/io';
import type { HandlerContext } from '../context';
import { unitPaths } from '../org/queries';
import { getPersonRow } from './queries';
import { currentTerm, startTerm } from './terms';
import { insertPerson } from './write';
import type { ImportPlan, ImportPlanner } from '../io/import-run';
import { setUpPrinting } from '../io/print-setup';
import { cellText, serialToDate, wallClockDate, type CellValue } from '../io/read';
import { cellPlace, readTable, type FieldSpec } from '../io/table';

export const ROSTER_IMPORT_KIND = 'roster';

export const ROSTER_FIELDS: FieldSpec[] = [
  { key: 'name', label: '姓名', required: true, aliases: ['姓名', '人员姓名', '网格员姓名', '名字'] },
  { key: 'idNumber', label: '身份证号', required: true, aliases: ['身份证号', '身份证号码', '公民身份号码', '身份证', '证件号码'] },
  { key: 'gender', label: '性别', required: false, aliases: ['性别'] },
  { key: 'birthDate', label: '出生日期', required: false, aliases: ['出生日期', '出生年月日', '出生年月', '生日'] },
  { key: 'mobile', label: '手机号', required: false, aliases: ['手机号', '手机号码', '手机', '联系电话', '电话', '联系方式'] },
  { key: 'community', label: '所属社区', required: false, aliases: ['所属社区', '社区', '所属村居', '社区(村)', '村(社区)', '村居'] },
  { key: 'unit', label: '所属网格/单位', required: true, aliases: ['所属网格', '网格', '网格名称', '所在网格', '所属单位', '单位', '单位编码', '网格编码'] },
  { key: 'roles', label: '岗位', required: false, aliases: ['岗位', '职务', '人员类别', '类别'] },
  { key: 'politicalStatus', label: '政治面貌', required: false, aliases: ['政治面貌', '政治身份', '是否党员', '党员'] },
  { key: 'hireDate', label: '入职日期', required: false, aliases: ['入职日期', '入职时间', '聘用日期', '上岗时间', '参加工作时间'] },
  { key: 'note', label: '备注', required: false, aliases: ['备注'] },
];

const COLUMNS = ['姓名', '身份证号', '性别', '出生日期', '手机号', '单位', '岗位', '政治面貌', '入职日期', '备注'];
const COL = { name: 0, idNumber: 1, gender: 2, birthDate: 3, mobile: 4, unit: 5, roles: 6, party: 7, hireDate: 8, note: 9 } as const;
/** Which preview column shows each field, for marking the wrong cell. */
const COLUMN_OF_FIELD: Record<string, number> = {
  name: COL.name, idNumber: COL.idNumber, gender: COL.gender, birthDate: COL.birthDate, mobile: COL.mobile,
  community: COL.unit, unit: COL.unit, roles: COL.roles, politicalStatus: COL.party, hireDate: COL.hireDate, note: COL.note,
};

interface UnitRow {
  id: number;
  parentId: number | null;
  kind: UnitKind;
  name: string;
  code: string;
  retired: boolean;
}

interface KnownPerson {
  id: number;
  name: string;
  mobile: string;
  politicalStatus: PoliticalStatusOrNone;
  unitId: number;
  roles: Role[];
  status: Status;
  termFrom: string;
}

/** A row as it will be written. */
interface RosterRecord {
  name: string;
  idNumber: string;
  gender: '男' | '女';
  mobile: string | null;
  unitId: number;
  roles: Role[] | null;
  /** Null when the file leaves it empty: a known person's 政治面貌 is then kept. */
  politicalStatus: PoliticalStatusOrNone | null;
  hireDate: string;
  note: string | null;
  existing: KnownPerson | null;
}

const squash = (s: string) => stripAllSpaces(toHalfWidth(s));
const textOf = (v: CellValue) => (v === null ? '' : squash(cellText(v)));

/** Finds units by code, by path (固戍社区/第03网格) or by name — within the community when one is given. */
class UnitIndex {
  private readonly byId = new Map<number, UnitRow>();
  private readonly byCode = new Map<string, UnitRow[]>();
  private readonly byName = new Map<string, UnitRow[]>();
  private readonly paths: ReadonlyMap<number, string>;

  constructor(db: Database) {
    const rows = db
      .prepare('SELECT id, parent_id AS parentId, kind, name, code, retired_on IS NOT NULL AS retired FROM org_units')
      .all() as (Omit<UnitRow, 'retired'> & { retired: number })[];
    const add = (map: Map<string, UnitRow[]>, key: string, u: UnitRow) => map.set(key, [...(map.get(key) ?? []), u]);
    for (const r of rows) {
      const u = { ...r, retired: r.retired === 1 };
      this.byId.set(u.id, u);
      add(this.byCode, squash(u.code).toUpperCase(), u);
      add(this.byName, squash(u.name), u);
    }
    this.paths = unitPaths(db);
  }

  path(id: number): string {
    return this.paths.get(id) ?? '';
  }

  private within(ancestor: number, id: number): boolean {
    for (let u = this.byId.get(id); u; u = u.parentId === null ? undefined : this.byId.get(u.parentId)) if (u.id === ancestor) return true;
    return false;
  }

  private named(text: string, scope: number | null): UnitRow[] {
    const t = squash(text);
    const inScope = (list: UnitRow[] | undefined) => (list ?? []).filter((u) => scope === null || this.within(scope, u.id));
    const byCode = inScope(this.byCode.get(t.toUpperCase()));
    if (byCode.length > 0) return byCode;
    const parts = t.split(/[/／\\|]/).filter(Boolean);
    if (parts.length > 1) {
      return inScope(this.byName.get(parts.at(-1)!)).filter((u) => squash(this.path(u.id)).endsWith(parts.join('/')));
    }
    const live = inScope(this.byName.get(t));
    return live.length > 1 ? live.filter((u) => !u.retired) : live;
  }

  /**
   * The known units nearest to a name that matched none, within the community when one is given (never a unit of
   * the street itself or a retired one): their names, or their paths where a name is shared. Never a unit to create.
   */
  suggest(text: string, scope: number | null, communities: boolean): string[] {
    const live = [...this.byId.values()].filter(
      (u) => !u.retired && u.kind !== 'street' && (scope === null || (u.id !== scope && this.within(scope, u.id))) && (!communities || u.kind === 'community' || u.kind === 'village'),
    );
    const names = nearestNames(text, live.map((u) => u.name), 3);
    return names.flatMap((n) => {
      const same = live.filter((u) => u.name === n);
      return same.length === 1 ? [n] : same.map((u) => this.path(u.id));
    }).slice(0, 3);
  }

  private resolved = new Map<string, ReturnType<UnitIndex['resolveNow']>>();

  /** The unit a row names, or why it cannot be found; worked out once per pair of texts (a roster repeats them on every row). */
  resolve(unitText: string, communityText: string): ReturnType<UnitIndex['resolveNow']> {
    const key = `${communityText}\u0000${unitText}`;
    let found = this.resolved.get(key);
    if (!found) this.resolved.set(key, (found = this.resolveNow(unitText, communityText)));
    return found;
  }

  private resolveNow(unitText: string, communityText: string): { unit: UnitRow } | { error: string; unknown?: string; inCommunity?: boolean } {
    let scope: number | null = null;
    if (communityText !== '') {
      const communities = this.named(communityText, null).filter((u) => u.kind !== 'street');
      if (communities.length === 0) {
        return { error: unknownUnitMessage(communityText, this.suggest(communityText, null, true), '社区'), unknown: communityText, inCommunity: true };
      }
      if (communities.length > 1) return { error: `有 ${communities.length} 个单位名为“${communityText}”，请改填单位编码`, inCommunity: true };
      scope = communities[0]!.id;
      if (unitText === '' || squash(unitText) === squash(communities[0]!.name)) return this.usable(communities[0]!);
    }
    if (unitText === '') return { error: '请填写所属网格或单位' };
    const found = this.named(unitText, scope);
    if (found.length === 0) {
      const where = scope === null ? '' : `“${this.byId.get(scope)!.name}”下的`;
      // A path (河西社区/第07网格) is looked for by its last part, within its community when that is known.
      const parts = squash(unitText).split(/[/／\\|]/).filter(Boolean);
      const pathScope = scope === null && parts.length > 1 ? this.named(parts[0]!, null).filter((u) => u.kind !== 'street') : [];
      const near =
        pathScope.length === 1
          ? this.suggest(parts.at(-1)!, pathScope[0]!.id, false).map((n) => (n.includes(' / ') ? n : `${pathScope[0]!.name} / ${n}`))
          : this.suggest(parts.at(-1) ?? unitText, scope, false);
      const hint = unknownUnitMessage(unitText, near, `${where}单位`);
      return { error: hint, unknown: scope === null ? unitText : `${this.byId.get(scope)!.name}/${unitText}` };
    }
    if (found.length > 1) {
      const list = found.slice(0, 3).map((u) => this.path(u.id)).join('、');
      return { error: `有 ${found.length} 个单位名为“${unitText}”（${list}${found.length > 3 ? '等' : ''}），请同时填写所属社区或改填单位编码` };
    }
    return this.usable(found[0]!);
  }

  private usable(u: UnitRow): { unit: UnitRow } | { error: string } {
    if (u.retired) return { error: `“${this.path(u.id)}”已撤销，不能再安排人员` };
    if (u.kind === 'street') return { error: '不能把人员直接安排在街道，请填写社区、村或网格' };
    return { unit: u };
  }
}

/** The people already on the roster whose ID numbers the file names (by the ID number's index, not the whole roster). */
function loadKnownPeople(db: Database, idNumbers: readonly string[]): Map<string, KnownPerson> {
  const rows = db
    .prepare(
      `SELECT p.id, p.name, p.id_number AS idNumber, p.mobile, p.political_status AS politicalStatus, t.unit_id AS unitId, t.roles,
              t.status, t.valid_from AS termFrom
         FROM people p JOIN person_terms t ON t.person_id = p.id AND t.valid_to IS NULL
        WHERE p.id_number IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(idNumbers)) as { id: number; name: string; idNumber: string; mobile: string; politicalStatus: PoliticalStatusOrNone; unitId: number; roles: string; status: Status; termFrom: string }[];
  return new Map(
    rows.map((r) => [
      r.idNumber,
      { id: r.id, name: r.name, mobile: r.mobile, politicalStatus: r.politicalStatus, unitId: r.unitId, roles: JSON.parse(r.roles) as Role[], status: r.status, termFrom: r.termFrom },
    ]),
  );
}

/** A date cell, an Excel serial or text as typed ('2020/3/1', '2020年3月1日', '20200301'). */
export function readDate(v: CellValue): string | { error: string } {
  if (v instanceof Date) return wallClockDate(v);
  if (typeof v === 'number') return serialToDate(v) ?? { error: `“${v}”不是日期` };
  const text = normalizeDateText(textOf(v));
  return isValidDate(text) ? text : { error: `“${cellText(v)}”不是有效的日期，请写成 2024-03-01 的样子` };
}

function readRoles(text: string): Role[] | { error: string } {
  const parts = text.split(/[、,，;；/／\s]+/).filter(Boolean);
  const wrong = parts.filter((p) => !(ROLES as readonly string[]).includes(p));
  if (wrong.length > 0) return { error: `没有“${wrong.join('、')}”这个岗位；可填：${ROLES.join('、')}` };
  return [...new Set(parts)] as Role[];
}

const sameRoles = (a: Role[], b: Role[]) => [...a].sort().join() === [...b].sort().join();

export function rosterPlanner(ctx: HandlerContext): ImportPlanner {
  return (file, input) => {
    const read = readTable(file.workbook, ROSTER_FIELDS, { sheet: input.sheet, mapping: input.mapping });
    const { table } = read;
    // A sheet with only a community column files everyone in their community.
    if (!input.mapping && table.mapping.unit === null && table.mapping.community !== null) {
      table.mapping.unit = table.mapping.community ?? null;
      table.mapping.community = null;
      read.unmapped = read.unmapped.filter((f) => f.key !== 'unit');
    }
    const plan: ImportPlan = { target: '人员名册', table, columns: COLUMNS, rows: [], notes: [], apply: () => undefined };
    if (read.unmapped.length > 0) {
      plan.notes.push(`请在“列对应”中为 ${read.unmapped.map((f) => `“${f.label}”`).join('、')} 选择所在的列`);
      return plan;
    }

    const units = new UnitIndex(ctx.db);
    // each row's ID number as written (null: stored as a number, which the row's check refuses)
    const idNumberOf = read.rows.map((row) => {
      const v = row.get('idNumber');
      return typeof v === 'number' ? null : normalizeIdNumber(cellText(v));
    });
    const known = loadKnownPeople(ctx.db, idNumberOf.flatMap((id) => (id ? [id] : [])));
    const firstLineOfId = new Map<string, number>();
    const unknownUnits = new Map<string, number>();
    const records = new Map<number, RosterRecord>();

    for (const [i, row] of read.rows.entries()) {
      const values = Array<string>(COLUMNS.length).fill('');
      const errors: ImportPreviewRow['errors'] = [];
      const wrong = (field: string, why: string) => {
        errors.push({ column: COLUMN_OF_FIELD[field]!, message: `${cellPlace(table, row.line, field)}：${why}` });
      };

      const name = cleanPersonName(cellText(row.get('name')));
      values[COL.name] = name;
      if (name === '') wrong('name', '姓名是空的');
      else if (name.length > 30) wrong('name', '姓名不能超过30个字');
      else if (/\d/.test(name)) wrong('name', `姓名“${name}”里有数字`);

      const rawId = row.get('idNumber');
      let idNumber = '';
      let idInfo: ReturnType<typeof checkIdNumber> | null = null;
      if (idNumberOf[i] === null) {
        values[COL.idNumber] = cellText(rawId);
        wrong('idNumber', `身份证号被存成了数字（${cellText(rawId)}）。Excel 的数字只保留15位有效数字，后几位已经丢失，无法还原；请把这一列设为“文本”格式，重新输入身份证号后再导入`);
      } else {
        idNumber = idNumberOf[i]!;
        values[COL.idNumber] = idNumber;
        idInfo = checkIdNumber(idNumber, ctx.today);
        if (!idInfo.ok) wrong('idNumber', idInfo.message);
        else {
          const first = firstLineOfId.get(idNumber);
          if (first !== undefined) wrong('idNumber', `与第${first}行的身份证号重复`);
          else firstLineOfId.set(idNumber, row.line);
        }
      }
      const id = idInfo?.ok ? idInfo : null;

      const genderText = textOf(row.get('gender'));
      values[COL.gender] = genderText || (id?.gender ?? '');
      if (genderText !== '' && genderText !== '男' && genderText !== '女') wrong('gender', `性别应填“男”或“女”，不是“${genderText}”`);
      else if (genderText !== '' && id && genderText !== id.gender) wrong('gender', `性别与身份证号不符：身份证号显示为${id.gender}性`);

      const birthCell = row.get('birthDate');
      if (birthCell !== null) {
        const birth = readDate(birthCell);
        values[COL.birthDate] = typeof birth === 'string' ? birth : cellText(birthCell);
        // 出生年月 written as a month (1990-05 / 1990.05) is checked to the month.
        const monthOnly = typeof birth !== 'string' ? /^(\d{4})[-/.年](\d{1,2})月?$/.exec(textOf(birthCell)) : null;
        if (monthOnly && id) {
          if (`${monthOnly[1]}-${monthOnly[2]!.padStart(2, '0')}` !== id.birthDate.slice(0, 7)) wrong('birthDate', `出生年月与身份证号不符：身份证号显示为 ${id.birthDate.slice(0, 7)}`);
        } else if (typeof birth !== 'string') wrong('birthDate', birth.error);
        else if (id && birth !== id.birthDate) wrong('birthDate', `出生日期与身份证号不符：身份证号显示为 ${id.birthDate}`);
      } else if (id) values[COL.birthDate] = id.birthDate;

      const mobileCell = row.get('mobile');
      const mobile = mobileCell === null ? null : normalizeMobile(cellText(mobileCell));
      values[COL.mobile] = mobile ?? '';
      if (mobile !== null && mobile !== '') {
        const e = mobileError(mobile);
        if (e) wrong('mobile', e);
      }

      const unitText = textOf(row.get('unit'));
      const communityText = textOf(row.get('community'));
      const unit = units.resolve(unitText, communityText);
      if ('unit' in unit) values[COL.unit] = units.path(unit.unit.id);
      else {
        values[COL.unit] = [communityText, unitText].filter(Boolean).join(' / ');
        wrong(unit.inCommunity ? 'community' : 'unit', unit.error);
        if (unit.unknown) unknownUnits.set(unit.unknown, (unknownUnits.get(unit.unknown) ?? 0) + 1);
      }

      const rolesText = textOf(row.get('roles'));
      const roles = rolesText === '' ? null : readRoles(rolesText);
      values[COL.roles] = rolesText;
      if (roles && !Array.isArray(roles)) wrong('roles', roles.error);

      const politicalText = textOf(row.get('politicalStatus'));
      const parsed = parsePoliticalStatus(politicalText);
      const politicalStatus = parsed === '' ? null : parsed;
      if (parsed === null) wrong('politicalStatus', politicalStatusError(politicalText));
      values[COL.party] = politicalStatus ?? politicalText;

      const hireCell = row.get('hireDate');
      let hireDate = ctx.today;
      if (hireCell !== null) {
        const d = readDate(hireCell);
        if (typeof d === 'string') {
          hireDate = d;
          if (d > ctx.today) wrong('hireDate', `入职日期 ${d} 晚于今天`);
          else if (id && d < id.birthDate) wrong('hireDate', '入职日期早于出生日期');
        } else wrong('hireDate', d.error);
      }
      values[COL.hireDate] = hireDate;

      const noteCell = row.get('note');
      const note = noteCell === null ? null : cellText(noteCell).trim();
      values[COL.note] = note ?? '';
      if (note !== null && note.length > 500) wrong('note', '备注不能超过500字');

      const existing = id ? (known.get(idNumber) ?? null) : null;
      const changes: string[] = [];
      if (existing) {
        if (existing.name !== name && name !== '') {
          wrong('idNumber', `此身份证号已登记为“${existing.name}”（${units.path(existing.unitId)}），与本行姓名“${name}”不符`);
        } else if (existing.status !== '在岗') {
          wrong('name', `${existing.name}已离岗；返岗请在“组织人员”中办理`);
        } else {
          if (mobile !== null && mobile !== '' && mobile !== existing.mobile) changes.push(`手机号 ${existing.mobile || '（空）'} → ${mobile}`);
          if (politicalStatus !== null && politicalStatus !== existing.politicalStatus) changes.push(`政治面貌 ${existing.politicalStatus || '（未填）'} → ${politicalStatus}`);
          const newUnit = 'unit' in unit ? unit.unit.id : existing.unitId;
          if (newUnit !== existing.unitId) changes.push(`调动 ${units.path(existing.unitId)} → ${units.path(newUnit)}`);
          if (Array.isArray(roles) && !sameRoles(roles, existing.roles)) changes.push(`岗位 ${existing.roles.join('、')} → ${roles.join('、')}`);
          if (note !== null && note !== '') changes.push('备注');
          if ((newUnit !== existing.unitId || (Array.isArray(roles) && !sameRoles(roles, existing.roles))) && existing.termFrom > ctx.today) {
            wrong('unit', `此人有 ${existing.termFrom} 生效的变动，请在“组织人员”中调整`);
          }
        }
      } else if (hireCell === null) {
        changes.push('未填入职日期，按今天记');
      }

      const status = errors.length > 0 ? 'wrong' : !existing ? 'new' : changes.length > 0 ? 'changed' : 'unchanged';
      plan.rows.push({ line: row.line, status, values, errors, change: changes.join('；') });
      if (status === 'new' || status === 'changed') {
        records.set(row.line, {
          name,
          idNumber,
          gender: id!.gender,
          mobile,
          unitId: 'unit' in unit ? unit.unit.id : 0,
          roles: Array.isArray(roles) ? roles : null,
          politicalStatus,
          hireDate,
          note,
          existing,
        });
      }
    }

    if (read.emptyRows > 0) plan.notes.push(`跳过空行 ${read.emptyRows} 行`);
    if (unknownUnits.size > 0) {
      const list = [...unknownUnits].map(([u, n]) => `${u}（${n}行）`).join('、');
      plan.notes.push(`未找到的单位 ${unknownUnits.size} 个：${list}。请按各行提示改正为已有单位的名称或编码（导入不会新建单位）`);
    }
    plan.apply = () => {
      for (const r of records.values()) writeRecord(ctx, r);
    };
    return plan;
  };
}

function writeRecord(ctx: HandlerContext, r: RosterRecord): void {
  const { db } = ctx;
  const at = ctx.now().toISOString();
  const reason = '人员导入';
  if (!r.existing) {
    const personId = insertPerson(
      db,
      { ...r, mobile: r.mobile ?? '', politicalStatus: r.politicalStatus ?? '', note: r.note ?? '', roles: r.roles ?? ['网格员'], reason },
      at,
    );
    ctx.audit({ action: 'create', entity: 'person', entityId: personId, newValue: getPersonRow(db, personId, ctx.today), reason });
    return;
  }
  const personId = r.existing.id;
  const before = getPersonRow(db, personId, ctx.today);
  db.prepare(
    `UPDATE people SET mobile = coalesce(nullif(?, ''), mobile), political_status = coalesce(?, political_status),
                       note = coalesce(nullif(?, ''), note), updated_at = ? WHERE id = ?`,
  ).run(r.mobile ?? '', r.politicalStatus, r.note ?? '', at, personId);
  const cur = currentTerm(db, personId);
  if (r.unitId !== cur.unitId) {
    startTerm(db, { personId, date: ctx.today, dateField: 'unit', change: '调动', unitId: r.unitId, reason, createdAt: at });
  }
  if (r.roles && !sameRoles(r.roles, cur.roles)) {
    startTerm(db, { personId, date: ctx.today, dateField: 'roles', change: '岗位变更', roles: r.roles, reason: `${reason}：岗位改为${r.roles.join('、')}`, createdAt: at });
  }
  ctx.audit({ action: 'update', entity: 'person', entityId: personId, oldValue: before, newValue: getPersonRow(db, personId, ctx.today), reason });
}

/**
 * The 人员导入 template: the fields as headers (ID and mobile columns formatted as text so Excel keeps every digit),
 * dropdowns for 性别, 岗位, 政治面貌 and the units (on a hidden sheet: a street has hundreds), and a 填写说明 sheet.
 */
export async function rosterTemplate(ctx: HandlerContext): Promise<Buffer> {
  const units = ctx.db
    .prepare("SELECT id FROM org_units WHERE retired_on IS NULL AND kind <> 'street' ORDER BY id")
    .pluck()
    .all() as number[];
  const paths = unitPaths(ctx.db);
  const unitList = units.map((id) => paths.get(id) ?? '').filter(Boolean).sort((a, b) => a.localeCompare(b, 'zh-CN'));

  const wb = new ExcelJS.Workbook();
  wb.creator = '网格考评';
  wb.created = ctx.now();
  const ws = wb.addWorksheet('人员名册');
  const headers = ['姓名', '身份证号', '性别', '手机号', '所属网格', '岗位', '政治面貌', '入职日期', '备注'];
  const widths = [12, 22, 8, 15, 30, 14, 12, 13, 24];
  ws.addRow(['人员导入表']);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getRow(1).font = { name: '宋体', size: 16, bold: true };
  ws.getRow(1).alignment = { horizontal: 'center' };
  const header = ws.addRow(headers);
  header.font = { name: '宋体', size: 11, bold: true };
  header.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDF2F7' } }));
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const col of [2, 4]) ws.getColumn(col).numFmt = '@';
  ws.getColumn(8).numFmt = 'yyyy-mm-dd';
  ws.views = [{ state: 'frozen', ySplit: 2 }];

  const lists = wb.addWorksheet('选项', { state: 'hidden' });
  unitList.forEach((u, i) => (lists.getCell(i + 1, 1).value = u));
  const LAST = 2001;
  for (let r = 3; r <= LAST; r++) {
    ws.getCell(r, 3).dataValidation = { type: 'list', allowBlank: true, formulae: ['"男,女"'] };
    ws.getCell(r, 6).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${ROLES.join(',')}"`] };
    ws.getCell(r, 7).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${POLITICAL_STATUSES.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '政治面貌',
      error: '请从下拉列表中选择政治面貌',
    };
    if (unitList.length > 0) {
      ws.getCell(r, 5).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`选项!$A$1:$A$${unitList.length}`],
        showErrorMessage: true,
        errorTitle: '所属网格',
        error: '请从下拉列表中选择单位',
      };
    }
  }

  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  [
    '1. 姓名、身份证号、所属网格必填；性别和出生日期由身份证号得出，可不填。',
    '2. 身份证号请按文本填写（本表已设为文本格式）。如果 Excel 把身份证号存成了数字，末几位会丢失，导入时会报错。',
    '3. 所属网格可从下拉列表选择，也可填单位编码；网格名称在不同社区重复时，请填完整路径（如 固戍社区 / 第03网格）。',
    '4. 岗位可填多个，用顿号分隔，如 网格员、楼栋长；不填时新人员按“网格员”记。',
    `5. 政治面貌按实际填写，从下拉列表选择：${POLITICAL_STATUSES.join('、')}；党员、预备党员、团员也可识别。不填的，已在名册中的人员保持原样。`,
    '6. 已在名册中的人员（按身份证号识别）会更新手机号、政治面貌、所属网格（记为今天调动）和岗位。',
    '7. 导入前会显示预览：每处错误标红并说明原因，全部正确后才能确认导入；也可以只导入正确的行，有错误的行会下载为 Excel 文件，改正后再导入；导入前自动备份数据。',
  ].forEach((line, i) => (help.getCell(i + 1, 1).value = line));
  setUpPrinting(ws, { headerRows: [2, 2], titleColumns: [1, 1] });
  setUpPrinting(help, { headerRows: null });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Finding the person a row of an office's sheet means: by ID number when there is one (an ID stored as a number is
 * refused: Excel keeps 15 significant digits), else by name among the people in post on the date, narrowed by a unit
 * (网格) when the name is shared. Each failure says which cell to fix and how.
 */
import type { Database } from 'better-sqlite3';
import { checkIdNumber } from '../../../shared/domain/idcard';
import { cleanPersonName, stripAllSpaces, toHalfWidth } from '../../../shared/domain/text';
import type { Status } from '../../../shared/domain/people';
import { nearestNames, unknownUnitMessage } from '../../../shared/domain/nearest';
import { unitPaths } from '../org/queries';
import { textOf } from '../io/cells';
import type { CellValue } from '../io/read';

export interface FoundPerson {
  id: number;
  name: string;
  idNumber: string;
  unitId: number;
  unitPath: string;
}

/** Which of the row's cells is wrong. */
export type PersonField = 'name' | 'idNumber' | 'unit';

/** A failure says the cell to fix; `onDate` when it depends on the date (not in post then, no namesake in post then). */
export type FindResult = { ok: true; person: FoundPerson } | { ok: false; field: PersonField; message: string; onDate?: true };

export interface PersonQuery {
  name: CellValue;
  idNumber: CellValue;
  /** A unit's name or path (第01网格, 固戍社区第01网格); null when the sheet has none. */
  unit: CellValue;
}

/** A long number as Excel's General format shows it (4.40306E+17): what the user sees in the cell. */
function asExcelShows(n: number): string {
  return Math.abs(n) >= 1e11 ? n.toExponential(5).toUpperCase() : String(n);
}

const unitKey = (text: string) => stripAllSpaces(toHalfWidth(text)).replace(/[/／\\>＞·]/g, '').toLowerCase();

export function numberIdMessage(n: number): string {
  return `身份证号以数字格式保存（单元格显示为 ${asExcelShows(n)}），Excel 数字只保留15位有效数字，后几位已经丢失、无法核对。请把这一列设为“文本”格式后重新输入身份证号`;
}

/** A finder over the roster, prepared once for a whole sheet. */
export function personFinder(db: Database, today: string, unitLabel = '所属单位'): (q: PersonQuery, date: string) => FindResult {
  const people = db.prepare('SELECT id, name, id_number FROM people').all() as { id: number; name: string; id_number: string }[];
  const byIdNumber = new Map(people.map((p) => [p.id_number, p]));
  const byName = new Map<string, typeof people>();
  for (const p of people) {
    const list = byName.get(p.name);
    if (list) list.push(p);
    else byName.set(p.name, [p]);
  }
  const paths = unitPaths(db);
  const units = db.prepare("SELECT id, name, retired_on IS NULL AND kind <> 'street' AS live FROM org_units").all() as { id: number; name: string; live: number }[];
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const unitKnown = (key: string) => units.some((u) => unitKey(u.name) === key || unitKey(paths.get(u.id) ?? '').includes(key));
  /** For a unit that is no unit at all: the nearest names of units in use (never an offer to create one). */
  const unknownUnit = (text: string) => unknownUnitMessage(text, nearestNames(text, units.filter((u) => u.live === 1).map((u) => u.name)));
  const termOn = db.prepare(
    'SELECT unit_id, status FROM person_terms WHERE person_id = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)',
  );
  const term = (personId: number, date: string) => termOn.get(personId, date, date) as { unit_id: number; status: Status } | undefined;
  const found = (p: (typeof people)[number], unitId: number): FindResult => ({
    ok: true,
    person: { id: p.id, name: p.name, idNumber: p.id_number, unitId, unitPath: paths.get(unitId) ?? '' },
  });
  const notInPost = (name: string, date: string, t: { status: Status } | undefined) =>
    t === undefined ? `${name}在${date}尚未入职` : `${name}在${date}不在岗`;

  return (q, date) => {
    const name = cleanPersonName(textOf(q.name));
    const unitText = textOf(q.unit);

    if (typeof q.idNumber === 'number') return { ok: false, field: 'idNumber', message: numberIdMessage(q.idNumber) };
    const idText = textOf(q.idNumber);
    if (idText !== '') {
      const check = checkIdNumber(idText, today);
      if (!check.ok) return { ok: false, field: 'idNumber', message: check.message };
      const p = byIdNumber.get(check.idNumber);
      if (!p) return { ok: false, field: 'idNumber', message: `身份证号${check.idNumber}不在人员名册中` };
      if (name !== '' && name !== p.name) {
        return { ok: false, field: 'name', message: `身份证号${check.idNumber}是${p.name}的，与姓名“${name}”不符` };
      }
      const t = term(p.id, date);
      if (!t || t.status !== '在岗') return { ok: false, field: 'name', message: notInPost(p.name, date, t), onDate: true };
      return found(p, t.unit_id);
    }

    if (name === '') return { ok: false, field: 'name', message: '请填写姓名' };
    const namesakes = (byName.get(name) ?? []).map((p) => ({ p, t: term(p.id, date) }));
    if (namesakes.length === 0) return { ok: false, field: 'name', message: `人员名册中没有“${name}”，请核对姓名或填写身份证号` };
    let candidates = namesakes;
    if (unitText !== '') {
      const key = unitKey(unitText);
      candidates = namesakes.filter(({ t }) => {
        if (!t) return false;
        const path = unitKey(paths.get(t.unit_id) ?? '');
        return unitKey(unitNames.get(t.unit_id) ?? '') === key || path.endsWith(key) || path.includes(key);
      });
      if (candidates.length === 0) {
        if (!unitKnown(key)) return { ok: false, field: 'unit', message: unknownUnit(unitText) };
        return { ok: false, field: 'unit', message: `${date}“${unitText}”没有名为“${name}”的人员`, onDate: true };
      }
    }
    const inPost = candidates.filter(({ t }) => t?.status === '在岗');
    if (inPost.length === 1) return found(inPost[0]!.p, inPost[0]!.t!.unit_id);
    if (inPost.length > 1) {
      const where = inPost.map(({ t }) => paths.get(t!.unit_id) ?? '').join('、');
      return { ok: false, field: unitText === '' ? 'idNumber' : 'unit', message: `${date}在岗的“${name}”有${inPost.length}人（${where}），请填写身份证号或${unitLabel}区分`, onDate: true };
    }
    if (candidates.length === 1) return { ok: false, field: 'name', message: notInPost(name, date, candidates[0]!.t), onDate: true };
    return { ok: false, field: 'name', message: `${date}没有在岗的“${name}”`, onDate: true };
  };
}

/** Adding a person: the row with its pinyin keys and the first term (入职 on the hire date). Callers check first. */
import type { Database } from 'better-sqlite3';
import { birthDateFromId } from '../../../shared/domain/idcard';
import type { Role } from '../../../shared/domain/people';
import type { PoliticalStatusOrNone } from '../../../shared/domain/political';
import { pinyinKeys } from '../../../shared/domain/pinyin';
import { insertTerm } from './terms';

export interface NewPerson {
  name: string;
  gender: '男' | '女';
  idNumber: string;
  mobile: string;
  politicalStatus: PoliticalStatusOrNone;
  hireDate: string;
  note: string;
  unitId: number;
  roles: Role[];
  /** Why the first term began (人员导入), or ''. */
  reason: string;
}

export function insertPerson(db: Database, p: NewPerson, at: string): number {
  const keys = pinyinKeys(p.name);
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO people (name, name_pinyin, name_initials, gender, id_number, birth_date, mobile, political_status,
                           hire_date, note, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(p.name, keys.full, keys.initials, p.gender, p.idNumber, birthDateFromId(p.idNumber), p.mobile, p.politicalStatus,
      p.hireDate, p.note, at, at);
  const personId = Number(lastInsertRowid);
  insertTerm(db, { personId, validFrom: p.hireDate, unitId: p.unitId, roles: p.roles, status: '在岗', change: '入职', reason: p.reason, createdAt: at });
  return personId;
}

/** Version 50: award batches, their stage log and candidates (read-only once published). */
import { describe, expect, it } from 'vitest';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0050 migration: awards', () => {
  it('rows written at 40 are kept at 50; award batches work with them and a published batch is read-only', () => {
    const db = tempDb();
    db.pragma('foreign_keys = ON');
    migrateBelow(db, 50);
    db.exec(`
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', '西乡街道', 'S', 'x');
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (2, 1, 'community', '固戍社区', 'C', 'x');
      INSERT INTO people (id, name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
        VALUES (1, '张三', 'zhangsan', 'zs', '男', '440306199005150233', '1990-05-15', '2020-01-01', 'x', 'x');
      INSERT INTO discipline_records (person_id, date, kind, reason, created_by, created_at) VALUES (1, '2026-08-01', '通报批评', '巡查脱岗', '测试', 'x');`);
    const before = ['org_units', 'people', 'discipline_records'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all());
    expect(migrateTo(db, 50).to).toBe(50);
    expect(['org_units', 'people', 'discipline_records'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all())).toEqual(before);
    const strict = db.prepare('SELECT name FROM pragma_table_list WHERE schema = ? AND strict = 1').pluck().all('main');
    for (const t of ['award_batches', 'award_stage_log', 'award_candidates']) expect(strict).toContain(t);
    db.exec(`
      INSERT INTO award_batches (id, name, level, issuer, date, stage, created_at, updated_at) VALUES (1, '2025年度优秀网格员', '街道', '街道办', '2026-01-15', 'notice', 'x', 'x');
      INSERT INTO award_stage_log (batch_id, from_stage, to_stage, actor, at) VALUES (1, 'review', 'notice', '测试', 'x');
      INSERT INTO award_candidates (batch_id, person_id, unit_id, community_id, basis, basis_value, rank, status, deeds) VALUES (1, 1, 2, 2, 'average', 9550, 1, 'nominated', '全年无差错');`);
    expect(() => db.exec("INSERT INTO award_candidates (batch_id, person_id, status) VALUES (1, 1, 'nominated')")).toThrow(/UNIQUE/);
    expect(() => db.exec("UPDATE award_candidates SET status = 'removed'")).toThrow(/CHECK/); // a removal needs its reason
    expect(() => db.exec("INSERT INTO award_batches (name, level, date, stage, created_at, updated_at) VALUES ('x', '省级', '2026-01-01', 'initial', 'x', 'x')")).toThrow(/CHECK/);
    db.exec("UPDATE award_batches SET stage = 'published' WHERE id = 1");
    expect(() => db.exec("UPDATE award_candidates SET deeds = '改'")).toThrow(/read-only/);
    expect(() => db.exec('DELETE FROM award_batches')).toThrow(/read-only/);
    expect(() => db.exec("UPDATE award_batches SET stage = 'notice'")).toThrow(/read-only/);
    expect(() => db.exec("INSERT INTO award_stage_log (batch_id, from_stage, to_stage, actor, at) VALUES (1, 'published', 'notice', '测试', 'x')")).toThrow(/read-only/);
  });
});

/**
 * Version 140: 政治面貌 kept as written. Until now people.party_member held 是/否, and the roster import reduced
 * what a file said to it (中共预备党员 → 是; 共青团员, 民主党派 and an empty cell → 否). people.political_status now holds
 * one of the thirteen values of the national standard, or '' when not known.
 *
 * Moving the data: 是 → 中共党员, the nearest value for what 是 meant (a 中共预备党员 among them cannot be told apart
 * any more; the person dialog corrects it). 否 → '' (未填), not 群众: 否 was also what a person created without the
 * field got and what 共青团员 and the democratic parties were reduced to, so 群众 would state what is not known. The
 * 登记表 prints an empty 政治面貌 for them until it is filled in, rather than a wrong one.
 *
 * party_member is dropped so nothing can read the old reduction. Frozen once released: the list below is written
 * out, never taken from the app's constants.
 */
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE people ADD COLUMN political_status TEXT NOT NULL DEFAULT '' CHECK (political_status IN ('',
      '中共党员', '中共预备党员', '共青团员', '民革党员', '民盟盟员', '民建会员', '民进会员', '农工党党员', '致公党党员',
      '九三学社社员', '台盟盟员', '无党派人士', '群众'));
    UPDATE people SET political_status = CASE party_member WHEN 1 THEN '中共党员' ELSE '' END;
    ALTER TABLE people DROP COLUMN party_member;
  `);
}

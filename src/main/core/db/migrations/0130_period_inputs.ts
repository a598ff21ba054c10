/**
 * Version 130: a finalised period result as the input of star ratings and award nominations.
 * - star_rule_sets.period_scheme_id: the rule set rates on that period scheme's finalised result for the run's
 *   period (its total in place of the monthly average); NULL keeps the months.
 * - award_batches.period_id: the nomination ranks on that finalised period's totals (basis 'average'); NULL keeps
 *   the months of period_from..period_to.
 * Frozen once released: never import live app constants here.
 */
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE star_rule_sets ADD COLUMN period_scheme_id INTEGER REFERENCES period_schemes(id);
    ALTER TABLE award_batches ADD COLUMN period_id INTEGER REFERENCES period_assessments(id);
  `);
}

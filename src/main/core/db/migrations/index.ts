/**
 * Every migration by its file name, listed rather than globbed so the core loads under plain Node (no Vite). A new
 * migration adds its line here; tests/unit/migrations/list.test.ts fails when this list and the folder differ.
 */
import * as m0010 from './0010_init';
import * as m0020 from './0020_assessments';
import * as m0030 from './0030_points';
import * as m0040 from './0040_stars';
import * as m0050 from './0050_awards';
import * as m0060 from './0060_imports';
import * as m0070 from './0070_platform_rules';
import * as m0090 from './0090_audit_indexes';
import * as m0100 from './0100_accounts';
import * as m0110 from './0110_integrity';
import * as m0120 from './0120_periods';
import * as m0130 from './0130_period_inputs';
import * as m0140 from './0140_political_status';
import * as m0160 from './0160_star_ties';
import * as m0170 from './0170_audit_hash_blob';
import * as m0190 from './0190_point_totals';
import * as m0200 from './0200_sealed_counts';
import * as m0210 from './0210_audit_days';
import * as m0220 from './0220_lan';
import * as m0230 from './0230_reversals_index';

export const MIGRATION_MODULES = {
  '0010_init': m0010,
  '0020_assessments': m0020,
  '0030_points': m0030,
  '0040_stars': m0040,
  '0050_awards': m0050,
  '0060_imports': m0060,
  '0070_platform_rules': m0070,
  '0090_audit_indexes': m0090,
  '0100_accounts': m0100,
  '0110_integrity': m0110,
  '0120_periods': m0120,
  '0130_period_inputs': m0130,
  '0140_political_status': m0140,
  '0160_star_ties': m0160,
  '0170_audit_hash_blob': m0170,
  '0190_point_totals': m0190,
  '0200_sealed_counts': m0200,
  '0210_audit_days': m0210,
  '0220_lan': m0220,
  '0230_reversals_index': m0230,
};

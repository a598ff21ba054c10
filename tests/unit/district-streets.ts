/**
 * Street files for the district tests and benchmark: small streets made with the demo district generator (one street
 * each, its own seed and size), renamed, with a clock the test moves forward between exports.
 */
import { loadDistrict } from '../../src/main/core/demo/district';
import { FIXED_NOW, openTestCore, type TestCore } from './helpers';

export interface TestStreet {
  name: string;
  t: TestCore;
  /** Moves the street's clock (an export's time) on by minutes. */
  later: (minutes: number) => void;
  /** The finalised year's period id. */
  yearId: number;
  year: string;
  publicKeyPem: string;
  /** 导出上报包 now: the file's text. */
  exportText: () => Promise<string>;
}

export async function makeStreet(name: string, options: { people: number; seed: number; years?: number }): Promise<TestStreet> {
  let clock = FIXED_NOW.getTime();
  const t = await openTestCore({ now: () => new Date(clock) });
  loadDistrict(t.core, { years: options.years ?? 2, people: options.people, streets: 1, seed: options.seed });
  t.core.db.prepare('UPDATE org_units SET name = ? WHERE parent_id IS NULL').run(name);
  const year = (await t.call('periods.list', {})).find((p) => p.status === 'finalised' && /^\d{4}$/.test(p.period));
  if (!year) throw new Error('the generator finalised no year');
  const { publicKeyPem } = await t.call('district.identity', {});
  return {
    name,
    t,
    later: (minutes) => {
      clock += minutes * 60_000;
    },
    yearId: year.id,
    year: year.period,
    publicKeyPem,
    exportText: async () => Buffer.from((await t.call('district.exportPackage', { periodId: year.id })).base64, 'base64').toString('utf8'),
  };
}

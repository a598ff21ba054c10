import { describe, expect, it } from 'vitest';
import { openTestCore } from './helpers';

describe('who is slipping three months in a row', () => {
  it('marks a worker whose last four totals each fell, by 5 points in all, and only such workers', async () => {
    const t = await openTestCore();
    await t.call('system.loadDemo', {});
    const scheme = (await t.call('schemes.list', {})).find((s) => s.name === '网格员月度考核')!;
    const latest = (await t.call('assessments.months', { schemeId: scheme.id })).find((m) => m.status === 'finalised')!;
    const results = await t.call('assessments.results', { monthId: latest.id });
    const falling = results.rows.filter((r) => r.trend === 'falling');
    expect(falling.length).toBeGreaterThan(0);
    for (const row of [...falling.slice(0, 3), ...results.rows.filter((r) => r.trend === null).slice(0, 3)]) {
      const history = (await t.call('assessments.personHistory', { personId: row.personId }))
        .filter((m) => m.schemeName === scheme.name && m.period <= latest.period)
        .slice(-4)
        .map((m) => m.total);
      const fell =
        history.length === 4 &&
        history.every((v, i) => i === 0 || (v !== null && history[i - 1] !== null && v < history[i - 1]!)) &&
        history[0]! - history[3]! >= 500;
      expect(fell, `${row.name}: ${history.join(' → ')}`).toBe(row.trend === 'falling');
    }
  });
});

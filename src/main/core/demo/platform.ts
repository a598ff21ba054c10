/**
 * The demo street's platform statistics rules: the grid platform's 上报事件 and 采集信息 counts become points under the
 * default rules, and its 重大隐患 count becomes occurrences of the grid workers' scheme's bonus criterion.
 */
import type { HandlerContext } from '../context';
import { savePlatformRule } from '../points/platform-rules';

export function loadDemoPlatformRules(ctx: HandlerContext): number {
  const { db } = ctx;
  const ruleId = (name: string) => db.prepare('SELECT id FROM point_rules WHERE name = ?').pluck().get(name) as number | undefined;
  const schemeId = db.prepare("SELECT id FROM schemes WHERE name = '网格员月度考核'").pluck().get() as number | undefined;
  const base = { per: null, op: null, threshold: null, active: true, schemeId: null, pointRuleId: null, criterionName: '' } as const;
  let n = 0;
  for (const [column, name, note] of [
    ['上报事件', '上报安全隐患', '平台“事件上报”中经核实的隐患件数'],
    ['采集信息', '采集更新人口信息', '平台“信息采集”中新增、更新的人口和房屋信息条数'],
  ] as const) {
    const id = ruleId(name);
    if (id === undefined) continue;
    savePlatformRule(ctx, { id: null, rule: { ...base, column, target: 'points', pointRuleId: id, mode: 'value', note } });
    n++;
  }
  if (schemeId !== undefined) {
    savePlatformRule(ctx, {
      id: null,
      rule: { ...base, column: '重大隐患', target: 'criterion', schemeId, criterionName: '发现并上报重大隐患', mode: 'value', note: '平台标记为重大隐患并经核实的件数' },
    });
    n++;
  }
  return n;
}

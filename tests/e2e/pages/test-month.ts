/** A month to score in the end-to-end tests, set up through the calls of whichever caller a test uses. */
import type { CallInput, CallName, CallOutput } from '../../../src/shared/contract';

type Caller = <N extends CallName>(name: N, input: CallInput<N>) => Promise<CallOutput<N>>;

/** The two-criterion scheme for 网格员 (任务完成 60 分, 工作台账 40 分) published, and October 2026 opened with it. */
export async function openTwoCriterionMonth(call: Caller): Promise<void> {
  const blank = await call('schemes.create', { name: '网格员月度考核（测试）', template: '' });
  await call('schemes.saveDraft', {
    schemeId: blank.schemeId,
    name: blank.name,
    description: blank.description,
    roles: ['网格员'],
    fullScore: blank.fullScore,
    aggregation: 'mean',
    groups: [],
    bands: blank.bands,
    criteria: [
      { category: '业务工作', name: '任务完成', kind: 'score', max: 6000 },
      { category: '业务工作', name: '工作台账', kind: 'score', max: 4000 },
    ],
  });
  await call('schemes.publish', { schemeId: blank.schemeId });
  await call('assessments.open', { schemeId: blank.schemeId, period: '2026-10' });
}

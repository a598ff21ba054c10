import type { Evaluator } from '../../../../shared/contract/assessments';

/** '张三（街道中心）': an evaluator with their group, wherever one is chosen. */
export const evaluatorLabel = (e: Evaluator): string => (e.group ? `${e.name}（${e.group}）` : e.name);

/** Choosing an evaluator ('张三（街道中心）') by name or pinyin initials: the sheet's, the workbook's, an account's. */
import { useMemo } from 'react';
import type { Evaluator } from '../../../../shared/contract/assessments';
import { ChoicePicker, type ChoicePickerProps } from '../../components/ChoicePicker';
import { evaluatorLabel } from './evaluator-label';

export function EvaluatorPicker({ evaluators, ...rest }: Omit<ChoicePickerProps<number>, 'choices'> & { evaluators: readonly Evaluator[] }) {
  const choices = useMemo(() => evaluators.map((e) => ({ value: e.id, label: evaluatorLabel(e) })), [evaluators]);
  return <ChoicePicker choices={choices} placeholder="姓名或拼音首字母" className="evaluator-picker" {...rest} />;
}

/**
 * 考核表 for evaluators who do not use the app: export a pre-filled workbook for a unit and an evaluator, and import it
 * back into the scoring sheet being shown (the same month, unit and evaluator), through the generic ImportDialog.
 */
import { useCallback, useState } from 'react';
import type { Evaluator, MonthSummary } from '../../../../shared/contract/assessments';
import type { ImportFileInput } from '../../../../shared/contract/io';
import type { UnitNode } from '../../../../shared/contract/org';
import { call } from '../../api/client';
import { saveFile } from '../../api/platform';
import { useAppState } from '../../app-state';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { CommunityPicker } from '../../components/CommunitySelect';
import { ImportDialog } from '../../components/ImportDialog';
import { useFormSubmit } from '../../components/useFormSubmit';
import { EvaluatorPicker } from './EvaluatorPicker';
import { evaluatorLabel } from './evaluator-label';

interface ExportProps {
  month: MonthSummary;
  communities: UnitNode[];
  evaluators: Evaluator[];
  unitId: number | null;
  evaluatorId: number | null;
  onClose: () => void;
}

export function ExportWorkbookDialog({ month, communities, evaluators, unitId: initialUnit, evaluatorId: initialEvaluator, onClose }: ExportProps) {
  const { notify } = useAppState();
  const [unitId, setUnitId] = useState(initialUnit);
  const [evaluatorId, setEvaluatorId] = useState(initialEvaluator ?? evaluators[0]?.id ?? null);
  const save = useCallback(async () => {
    if (evaluatorId === null) throw new Error('请选择考核人');
    const file = await call('assessments.exportWorkbook', { monthId: month.id, unitId, evaluatorId });
    if ((await saveFile(file.fileName, file.base64)).saved) notify(`已导出考核表：${file.fileName}`);
    onClose();
  }, [month.id, unitId, evaluatorId, notify, onClose]);
  const { busy, error, submit } = useFormSubmit(save);
  return (
    <Dialog title="导出考核表" onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="导出">
      {month.status === 'open' ? (
        <p className="muted" style={{ marginTop: 0 }}>
          为一个单位的一名考核人生成 Excel 考核表：已打的分数已填好，评分项可从下拉列表选择，表头和编号已锁定。
          考核人填好交回后，在这里点击“导入考核表”导入。
        </p>
      ) : (
        <p className="muted" style={{ marginTop: 0 }} aria-label="只读说明">
          本月已归档：导出的考核表为只读（已归档 · 只读），所有单元格已锁定，供查阅和打印，不能导入。
        </p>
      )}
      <div className="form-grid">
        <Field label="单位">
          <CommunityPicker communities={communities} value={unitId} onChange={setUnitId} none="全部单位" autoFocus />
        </Field>
        <Field label="考核人">
          <EvaluatorPicker evaluators={evaluators} value={evaluatorId} onChange={setEvaluatorId} />
        </Field>
      </div>
      <p className="muted">
        {month.period}“{month.schemeName}”（第{month.version}版）
      </p>
    </Dialog>
  );
}

interface ImportProps {
  month: MonthSummary;
  unitId: number | null;
  unitName: string;
  evaluator: Evaluator;
  onClose: () => void;
  onImported: () => void;
}

export function ImportWorkbookDialog({ month, unitId, unitName, evaluator, onClose, onImported }: ImportProps) {
  const { notify } = useAppState();
  const target = { monthId: month.id, unitId, evaluatorId: evaluator.id };
  return (
    <ImportDialog
      title="导入考核表"
      intro={
        <>
          导入到：<strong>{month.period}“{month.schemeName}” · {unitName} · 考核人：{evaluatorLabel(evaluator)}</strong>
          <br />
          请选择从本系统导出、已填好的考核表。每个单元格按打分表的规则检查，全部正确才能导入；留空的单元格不会清除已有分数。
          如果考核表是别的单位或考核人的，请先在打分页选好单位和考核人。
        </>
      }
      preview={(file: ImportFileInput) => call('assessments.previewWorkbook', { ...file, ...target })}
      commit={(file) => call('assessments.importWorkbook', { ...file, ...target })}
      onDone={(result) => {
        notify(`已导入考核表：新填 ${result.counts.new} 人，修改 ${result.counts.changed} 人`);
        onImported();
      }}
      onClose={onClose}
    />
  );
}

/** 报表设置 on the 系统 page: the office name and date reports carry, and how names are ordered. */
import { useState } from 'react';
import type { ReportSettingsView } from '../../../../shared/contract/settings';
import { ApiError, call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { Field } from '../../components/Field';

export function ReportSettingsCard() {
  const { notify, notifyError } = useAppState();
  const [saved, setSaved] = useState<ReportSettingsView | null>(null);
  const [officeName, setOfficeName] = useState('');
  const [reportDate, setReportDate] = useState('');
  const [shortNameFirst, setShortNameFirst] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const show = (s: ReportSettingsView) => {
    setSaved(s);
    setOfficeName(s.officeName);
    setReportDate(s.reportDate);
    setShortNameFirst(s.shortNameFirst);
  };
  useCall('settings.reports', {}, [], { onError: notifyError, onData: show });
  const save = async () => {
    setErrors({});
    try {
      show(await call('settings.saveReports', { officeName, reportDate, shortNameFirst }));
      notify('已保存报表设置');
    } catch (e) {
      if (e instanceof ApiError && e.issues.length) setErrors(Object.fromEntries(e.issues.map((i) => [i.field, i.message])));
      notify(errorMessage(e), 'error');
    }
  };
  return (
    <section className="card" style={{ marginBottom: 16 }} aria-label="报表设置">
      <h2 style={{ fontSize: 16, margin: '0 0 10px' }}>报表设置</h2>
      {/* read-only until the saved settings are in, so what is typed is not replaced by them */}
      <fieldset disabled={saved === null} style={{ border: 0, margin: 0, padding: 0 }}>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(220px, 320px))', gap: '8px 20px', alignItems: 'start' }}>
          <Field label="单位名称" error={errors.officeName} hint="打印在报表的表头和落款处，例如 西乡街道办事处">
            <input value={officeName} onChange={(e) => setOfficeName(e.target.value)} maxLength={40} />
          </Field>
          <Field label="落款日期" error={errors.reportDate} hint={`YYYY-MM-DD；留空为打印当天（${saved?.effectiveDate ?? ''}）`}>
            <input value={reportDate} onChange={(e) => setReportDate(e.target.value)} placeholder="留空为当天" />
          </Field>
        </div>
        <label style={{ display: 'block', margin: '8px 0' }}>
          <input type="checkbox" checked={shortNameFirst} onChange={(e) => setShortNameFirst(e.target.checked)} />
          两字姓名排在同姓多字姓名之前（如“王芳”排在“王一凡”之前）
        </label>
        <button type="button" className="btn primary" onClick={() => void save()}>
          保存报表设置
        </button>
      </fieldset>
    </section>
  );
}

/** 考核期间: every period opened, and 开启期间 under a published scheme (the core checks the period against its kind). */
import { useCallback, useState } from 'react';
import type { PeriodSchemeSummary, PeriodSummary } from '../../../../shared/contract/periods';
import { formatTimestamp } from '../../../../shared/domain/dates';
import { STAR_PERIOD_KINDS, type StarPeriodKind } from '../../../../shared/domain/stars';
import { call } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Select } from '../../components/Select';
import { SimpleTable } from '../../components/SimpleTable';
import { useFormSubmit } from '../../components/useFormSubmit';

export const PERIOD_STATUS = { open: '进行中', finalised: '已归档' } as const;

/** An example of a period for a kind, as the user would type it: last year, its first half, its last quarter. */
function examplePeriod(kind: StarPeriodKind, today: string): string {
  const year = Number(today.slice(0, 4)) - 1;
  return kind === 'year' ? `${year}` : kind === 'half' ? `${year}-H2` : `${year}-Q4`;
}

export function PeriodsListView({
  periods,
  schemes,
  canEdit,
  today,
  onOpened,
  onShow,
}: {
  periods: PeriodSummary[];
  schemes: PeriodSchemeSummary[];
  canEdit: boolean;
  today: string;
  onOpened: (p: PeriodSummary) => void;
  onShow: (p: PeriodSummary) => void;
}) {
  const [opening, setOpening] = useState(false);
  const published = schemes.filter((s) => s.publishedVersion !== null);
  return (
    <div className="month-body">
      <div className="toolbar card" style={{ marginBottom: 8, padding: '6px 10px' }}>
        <span className="muted">共 {periods.length} 期</span>
        <span className="grow" />
        {canEdit ? (
          <button type="button" className="btn primary" disabled={published.length === 0} title={published.length === 0 ? '请先在“考核方案”中发布一个方案' : undefined}
            onClick={() => setOpening(true)}>
            开启期间
          </button>
        ) : null}
      </div>
      <div className="card" style={{ padding: 0 }}>
        <SimpleTable label="考核期间" heads={['期间', '方案', '版本', '考核人数', '状态', '归档时间', '']} rows={periods}
          empty={published.length === 0 ? '还没有已发布的周期考核方案，请先到“考核方案”中建立并发布。' : '还没有开启任何期间，请点击“开启期间”。'}>
          {(p) => (
            <tr key={p.id}>
              <td>{p.periodLabel}</td>
              <td>{p.schemeName}</td>
              <td>第{p.version}版</td>
              <td className="num">{p.members}</td>
              <td>
                <span className={`badge ${p.status}`}>{PERIOD_STATUS[p.status]}</span>
              </td>
              <td>{p.finalisedAt ? formatTimestamp(p.finalisedAt) : ''}</td>
              <td>
                <button type="button" className="btn small" onClick={() => onShow(p)} aria-label={`查看${p.periodLabel}${p.schemeName}的结果`}>
                  查看结果
                </button>
              </td>
            </tr>
          )}
        </SimpleTable>
      </div>
      {opening ? (
        <OpenPeriodDialog
          schemes={published}
          today={today}
          onClose={() => setOpening(false)}
          onOpened={(p) => {
            setOpening(false);
            onOpened(p);
          }}
        />
      ) : null}
    </div>
  );
}

function OpenPeriodDialog({ schemes, today, onClose, onOpened }: { schemes: PeriodSchemeSummary[]; today: string; onClose: () => void; onOpened: (p: PeriodSummary) => void }) {
  const [schemeId, setSchemeId] = useState<number | null>(schemes[0]?.id ?? null);
  const kind = schemes.find((s) => s.id === schemeId)?.kind ?? 'year';
  const [period, setPeriod] = useState('');
  const save = useCallback(async () => {
    if (schemeId === null) throw new Error('请选择周期考核方案');
    onOpened(await call('periods.open', { schemeId, period: period.trim() }));
  }, [schemeId, period, onOpened]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title="开启考核期间" onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="开启">
      <p className="muted" style={{ marginTop: 0 }}>
        按期末的人员名册，列出担任方案适用岗位的在岗人员；使用方案当前已发布的版本。
      </p>
      <div className="form-grid">
        <Field label="周期考核方案" required error={fieldErrors.schemeId}>
          <Select choices={schemes.map((s) => ({ value: s.id, label: `${s.name}（${STAR_PERIOD_KINDS[s.kind]}）` }))} value={schemeId} onChange={setSchemeId} />
        </Field>
        <Field label="考核期间" required error={fieldErrors.period} hint={`例如 ${examplePeriod(kind, today)}（年度写 2026，半年写 2026-H1，季度写 2026-Q3）`}>
          <input type="text" value={period} onChange={(e) => setPeriod(e.target.value)} autoFocus maxLength={7} placeholder={examplePeriod(kind, today)} />
        </Field>
      </div>
    </Dialog>
  );
}

/**
 * 表彰名单 as an official document: title, opening paragraph, names by award and community (or one combined list),
 * issuer and date. 单名 padding (张\u3000三) on or off; the layout and the padding as saved unless the route says. A batch
 * not yet published prints with 草稿 across every page.
 */
import { useState } from 'react';
import { formatDocumentDate, padName } from '../../../../shared/domain/stroke-order';
import { call, errorMessage } from '../../api/client';
import { useAppState } from '../../app-state';
import { DocumentSignature } from '../../components/PrintPage';
import { useSession } from '../../session';
import { printHref } from './print-routes';
import { printRoute, type SheetProps } from './ReportPrint';

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export const CommendationPrint = printRoute('commendation', { untitled: '表彰名单', title: (r) => r.title, Sheet: CommendationSheet });

function CommendationSheet({ report, input: { batchId, order } }: SheetProps<'commendation'>) {
  const { me } = useSession();
  const { notify } = useAppState();
  const [saving, setSaving] = useState(false);
  const pad = report.padNames ? 'on' : 'off';
  const go = (change: { order?: string; layout?: string; pad?: string }) =>
    window.location.replace(printHref('commendation', { batchId, order, layout: report.layout, pad, ...change }));
  const remember = async () => {
    setSaving(true);
    try {
      const settings = await call('awards.printSettings', {});
      await call('awards.savePrintSettings', { ...settings, listLayout: report.layout, padNames: report.padNames });
      notify('已设为默认：以后打印表彰名单都按此样式');
    } catch (e) {
      notify(errorMessage(e), 'error');
    } finally {
      setSaving(false);
    }
  };
  const name = (n: string) => (report.padNames ? padName(n) : n);
  return (
    <div className="commendation">
      {report.published ? null : (
        <div className="award-draft-mark" aria-label="草稿">
          草稿
        </div>
      )}
      <div className="no-print commendation-order">
        <label>
          名单顺序{' '}
          <select aria-label="名单顺序" value={order} onChange={(e) => go({ order: e.target.value })}>
            <option value="stroke">姓氏笔画</option>
            <option value="custom">自定顺序</option>
          </select>
        </label>
        {'\u3000'}
        <label>
          名单样式{' '}
          <select aria-label="名单样式" value={report.layout} onChange={(e) => go({ layout: e.target.value })}>
            <option value="grouped">按社区分组</option>
            <option value="combined">合并为一个名单</option>
          </select>
        </label>
        {'\u3000'}
        <label>
          <input type="checkbox" aria-label="两字姓名加空" checked={report.padNames} onChange={(e) => go({ pad: e.target.checked ? 'on' : 'off' })} />{' '}
          两字姓名中间加空（张{'\u3000'}三）
        </label>
        {me.role === 'admin' ? (
          <>
            {'\u3000'}
            <button type="button" className="btn small" disabled={saving} onClick={() => void remember()}>
              设为默认
            </button>
          </>
        ) : null}
        {order === 'custom' ? <span className="hint">{'\u3000'}自定顺序在“表彰 → 调整名单顺序”中设定</span> : null}
      </div>
      <h1 className="doc-title">{report.title}</h1>
      <p className="commendation-intro">{report.intro}</p>
      {report.awards.map((a, i) => (
        <section key={a.name} aria-label={a.name}>
          <h2 className="commendation-award">
            {report.awards.length > 1 ? `${CHINESE_NUMBERS[i] ?? i + 1}、` : ''}
            {a.name}（{a.count}名）
          </h2>
          {a.groups.map((g) => (
            <div key={g.community} className="commendation-group" aria-label={g.community || '合并名单'}>
              {g.community ? (
                <div className="commendation-unit">
                  {g.community}（{g.names.length}名）
                </div>
              ) : null}
              <div className={g.community ? 'commendation-names' : 'commendation-names combined'}>
                {g.names.map((n) => (
                  <span key={n.personId}>{name(n.name)}</span>
                ))}
              </div>
            </div>
          ))}
        </section>
      ))}
      {report.count === 0 ? <p>本批次没有入选人员。</p> : null}
      <DocumentSignature officeName={report.issuer} date={formatDocumentDate(report.date)} />
    </div>
  );
}

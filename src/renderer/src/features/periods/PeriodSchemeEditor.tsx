/**
 * The editor of one period scheme version: components and their weights (the sum shown live), ballot values, points
 * worth 100, the rules in the order they apply, the 优秀 quota and the grade bands. A published version is read-only;
 * 修改 starts the next version's draft.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PeriodSchemeDetail } from '../../../../shared/contract/periods';
import type { SchemeSummary } from '../../../../shared/contract/schemes';
import { BALLOTS, COMPONENT_LABELS } from '../../../../shared/domain/periods';
import { ROLES, type Role } from '../../../../shared/domain/people';
import { GRADES, type Grade } from '../../../../shared/domain/scoring';
import { STAR_PERIOD_KINDS } from '../../../../shared/domain/stars';
import type { FieldIssue } from '../../../../shared/errors';
import { call } from '../../api/client';
import { useAppState } from '../../app-state';
import { Field } from '../../components/Field';
import { Select } from '../../components/Select';
import { useSchemeCopies } from '../schemes/CopySchemeDialog';
import { issuesOf, useBusyRun } from '../schemes/SchemeList';
import { BandsEditor } from '../schemes/SchemeParts';
import { COMPONENT_KINDS, draftInput, formOf, formSignature, QUOTA_SCOPES, weightSum, type PeriodForm } from './period-form';

/** Where the core names each part of the form. */
const FIELD_OF: Record<keyof PeriodForm, string> = {
  name: 'name',
  roles: 'roles',
  monthSchemeId: 'monthSchemeId',
  weights: 'rules.weights',
  ballotValues: 'rules.ballotValues',
  appraisalSchemeId: 'rules.appraisalSchemeId',
  pointsFor100: 'rules.pointsFor100',
  minMonthsInPost: 'rules.minMonthsInPost',
  vetoCap: 'rules.vetoCap',
  consecutiveFail: 'rules.consecutiveFail',
  quotaOn: 'rules.quota',
  quotaPercent: 'rules.quota',
  quotaScope: 'rules.quota',
  bands: 'rules.bands',
};

export interface PeriodSchemeEditorProps {
  detail: PeriodSchemeDetail;
  monthSchemes: SchemeSummary[];
  canEdit: boolean;
  onSaved: (detail: PeriodSchemeDetail) => void;
  onPickVersion: (version: number) => void;
  onDirtyChange: (dirty: boolean) => void;
  /** Names of the period schemes there are (复制方案 asks for one not among them). */
  taken: readonly string[];
  onCopied: (copy: PeriodSchemeDetail) => void;
  onNewVersion: (detail: PeriodSchemeDetail) => void;
}

/** What 复制方案 and 复制为新版本 copy, in words. */
const COPIED = '适用岗位、月度考核方案、构成与权重、年终测评方式与分值、积分折算、定等规则、优秀名额、等次划分';

export function PeriodSchemeEditor({ detail, monthSchemes, canEdit, onSaved, onPickVersion, onDirtyChange, taken, onCopied, onNewVersion }: PeriodSchemeEditorProps) {
  const { notify } = useAppState();
  const [form, setForm] = useState<PeriodForm>(() => formOf(detail));
  const [baseline, setBaseline] = useState(() => formSignature(formOf(detail)));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const clearIssues = useCallback(() => setIssues([]), []);
  const { busy, run } = useBusyRun(clearIssues);
  /** A published version is shown read-only until 修改 is chosen; saving then makes the next draft. */
  const [unlocked, setUnlocked] = useState(false);

  const newest = detail.versions.at(-1)?.version ?? detail.version;
  const current = detail.version === newest;
  const published = detail.status === 'published';
  const readOnly = !canEdit || !current || (published && !unlocked);
  const dirty = !readOnly && formSignature(form) !== baseline;
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  /** An edited field drops the message the last save left on it. */
  const update = <K extends keyof PeriodForm>(key: K, value: PeriodForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    const field = FIELD_OF[key];
    setIssues((list) => (list.some((i) => i.field.startsWith(field)) ? list.filter((i) => !i.field.startsWith(field)) : list));
  };
  const issue = (field: string) => issues.find((i) => i.field === field || i.field.startsWith(`${field}.`))?.message;
  // The form's fields, as the core names them: an issue elsewhere is listed at the top.
  const FIELDS = ['name', 'roles', 'monthSchemeId', 'rules.weights', 'rules.ballotValues', 'rules.appraisalSchemeId', 'rules.pointsFor100', 'rules.minMonthsInPost', 'rules.vetoCap', 'rules.quota', 'rules.bands'];
  const loose = issues.filter((i) => !FIELDS.some((f) => i.field === f || i.field.startsWith(`${f}.`)));
  const sum = weightSum(form);

  const monthChoices = useMemo(
    () => monthSchemes.map((s) => ({ value: s.id, label: s.publishedVersion === null ? `${s.name}（未发布）` : s.name })),
    [monthSchemes],
  );

  const apply = (saved: PeriodSchemeDetail) => {
    const next = formOf(saved);
    setForm(next);
    setBaseline(formSignature(next));
    setUnlocked(false);
    onSaved(saved);
  };

  /** Saves the form; false when it could not be saved (the problems are shown at their fields). */
  const save = async (): Promise<boolean> => {
    const { input, issues: local } = draftInput(detail.schemeId, form);
    if (!input) {
      setIssues(local);
      return false;
    }
    try {
      apply(await call('periods.saveDraft', input));
      return true;
    } catch (e) {
      setIssues(issuesOf(e));
      return false;
    }
  };

  const { openCopy, copyAsVersion, dialog: copyDialog } = useSchemeCopies({
    source: detail,
    dirty,
    run,
    what: COPIED,
    taken,
    copy: (name) => call('periods.copyScheme', { schemeId: detail.schemeId, version: detail.version, name }),
    newVersion: () => call('periods.newVersion', { schemeId: detail.schemeId, version: detail.version }),
    onCopied,
    onNewVersion,
  });
  const draftVersion = detail.versions.find((v) => v.status === 'draft')?.version ?? null;

  const saveDraft = () =>
    run(async () => {
      if (!dirty) {
        notify('没有需要保存的修改');
        return;
      }
      if (await save()) notify(published ? `已保存为第${newest + 1}版草稿，第${detail.version}版保持不变` : '草稿已保存');
    });

  const publish = () =>
    run(async () => {
      if (published && !dirty) {
        notify(`第${detail.version}版已发布，没有新的修改需要发布`);
        return;
      }
      if (dirty && !(await save())) return;
      try {
        const done = await call('periods.publish', { schemeId: detail.schemeId });
        apply(done);
        notify(`已发布第${done.version}版`);
      } catch (e) {
        setIssues(issuesOf(e));
      }
    });

  const toggleRole = (role: Role, on: boolean) => update('roles', on ? ROLES.filter((r) => r === role || form.roles.includes(r)) : form.roles.filter((r) => r !== role));
  const setWeight = (k: (typeof COMPONENT_KINDS)[number], v: string) => update('weights', { ...form.weights, [k]: v });

  return (
    <section className="panel scheme-editor" aria-label="周期考核方案编辑">
      <div className="editor-head">
        <h2 title={detail.name}>{detail.name}</h2>
        <span className="badge">{STAR_PERIOD_KINDS[detail.kind]}</span>
        <span className={`badge ${published ? 'ok' : 'draft'}`}>
          第{detail.version}版 {published ? '已发布' : '草稿'}
        </span>
        <label className="version-pick">
          版本
          <select aria-label="版本" value={detail.version} onChange={(e) => onPickVersion(Number(e.target.value))}>
            {[...detail.versions].reverse().map((v) => (
              <option key={v.versionId} value={v.version}>
                第{v.version}版 · {v.status === 'draft' ? '草稿' : '已发布'}
                {v.version === newest ? '（当前）' : ''}
              </option>
            ))}
          </select>
        </label>
        {!current ? (
          <button type="button" className="btn" onClick={() => onPickVersion(newest)}>
            回到当前版本
          </button>
        ) : null}
        {canEdit ? (
          <>
            <span className="grow" />
            <button type="button" className="btn" disabled={busy} title={`以第${detail.version}版的全部内容新建一个方案（草稿）`}
              onClick={openCopy}>
              复制方案
            </button>
            {published ? (
              <button type="button" className="btn" disabled={busy || draftVersion !== null}
                title={draftVersion !== null ? `已有第${draftVersion}版草稿，请先发布` : `以第${detail.version}版的全部内容生成第${newest + 1}版草稿`}
                onClick={() => void copyAsVersion()}>
                复制为新版本
              </button>
            ) : null}
          </>
        ) : null}
      </div>

      <div className="editor-body">
        {!current ? (
          <div className="notice" role="note">
            正在查看第{detail.version}版（{published ? '已发布' : '草稿'}），只读。已开启的期间仍按开启时的版本计算。
          </div>
        ) : published && !unlocked ? (
          <div className="notice" role="note">
            第{detail.version}版已发布，只读；可用于开启考核期间。{canEdit ? '如需修改，请点击“修改”，保存后生成第' + (newest + 1) + '版草稿。' : ''}
          </div>
        ) : published ? (
          <div className="notice strong" role="note">
            已发布的版本不会被修改；保存后生成第{newest + 1}版草稿，已开启的期间仍使用原版本。
          </div>
        ) : (
          <div className="notice" role="note">
            草稿尚未发布，发布后才能开启考核期间。
          </div>
        )}

        {loose.length > 0 ? (
          <div className="issues" role="alert" aria-label="需要修改的内容">
            <ul>
              {loose.map((i, n) => (
                <li key={n}>{i.message}</li>
              ))}
            </ul>
          </div>
        ) : null}

        <h3>基本信息</h3>
        <div className="form-grid scheme-basics">
          <Field label="方案名称" required error={issue('name')}>
            <input type="text" value={form.name} maxLength={60} readOnly={readOnly} onChange={(e) => update('name', e.target.value)} />
          </Field>
          <Field label="月度考核方案" hint="取其已归档月份的总分作为“月度考核”" error={issue('monthSchemeId')}>
            <Select choices={monthChoices} value={form.monthSchemeId} none="（不计月度考核）" disabled={readOnly} onChange={(v) => update('monthSchemeId', v)} />
          </Field>
          <Field label="最短在岗月数" hint="不足者不定等次，单独列出" error={issue('rules.minMonthsInPost')}>
            <input type="text" inputMode="numeric" value={form.minMonthsInPost} readOnly={readOnly} onChange={(e) => update('minMonthsInPost', e.target.value)} />
          </Field>
          <div className={`field span2${issue('roles') ? ' invalid' : ''}`} role="group" aria-label="适用岗位">
            <span className="label required">适用岗位</span>
            <div className="checks">
              {ROLES.map((r) => (
                <label key={r}>
                  <input type="checkbox" checked={form.roles.includes(r)} disabled={readOnly} onChange={(e) => toggleRole(r, e.target.checked)} />
                  {r}
                </label>
              ))}
            </div>
            {issue('roles') ? <span className="field-error">{issue('roles')}</span> : null}
          </div>
        </div>

        <h3>构成与权重</h3>
        <div className={`field${issue('rules.weights') ? ' invalid' : ''}`} role="group" aria-label="各项权重">
          <div className="period-weights">
            {COMPONENT_KINDS.map((k) => (
              <label key={k}>
                {COMPONENT_LABELS[k]}
                <input type="text" inputMode="numeric" className="weight" aria-label={`${COMPONENT_LABELS[k]}权重`} value={form.weights[k]} readOnly={readOnly}
                  onChange={(e) => setWeight(k, e.target.value)} />
                %
              </label>
            ))}
            <span className={`badge ${sum === 100 ? 'ok' : 'bad'}`} data-testid="weights-sum" role="status" aria-live="polite">
              权重合计 {sum === null ? '—' : `${sum}%`}
              {sum === 100 ? ' ✓' : '（应为100%）'}
            </span>
          </div>
          {issue('rules.weights') ? (
            <span className="field-error" role="alert" data-testid="weights-error">
              {issue('rules.weights')}
            </span>
          ) : (
            <span className="field-hint">权重为0的项不计入；某人缺少某项时，按其余各项权重合计折算。</span>
          )}
        </div>

        <div className="form-grid period-grid">
          <Field label="年终测评方式" hint={form.appraisalSchemeId === null ? '各测评人投票：优秀、称职、基本称职、不称职' : '取该方案在期末月份（如12月）已归档的总分'} error={issue('rules.appraisalSchemeId')}>
            <Select choices={monthChoices} value={form.appraisalSchemeId} none="测评人投票" disabled={readOnly} onChange={(v) => update('appraisalSchemeId', v)} />
          </Field>
          <div className={`field${issue('rules.ballotValues') ? ' invalid' : ''}`} role="group" aria-label="年终测评分值" hidden={form.appraisalSchemeId !== null}>
            <span className="label">年终测评：每票分值</span>
            <div className="period-weights">
              {BALLOTS.map((b) => (
                <label key={b}>
                  {b}
                  <input type="text" inputMode="decimal" className="amount" aria-label={`${b}分值`} value={form.ballotValues[b]} readOnly={readOnly}
                    onChange={(e) => update('ballotValues', { ...form.ballotValues, [b]: e.target.value })} />
                </label>
              ))}
            </div>
            {issue('rules.ballotValues') ? <span className="field-error">{issue('rules.ballotValues')}</span> : <span className="field-hint">各测评人所投分值的平均数</span>}
          </div>
          <Field label="积分：折合100分的积分" hint="本期积分 ÷ 此数 × 100，最高100分" error={issue('rules.pointsFor100')}>
            <input type="text" inputMode="decimal" value={form.pointsFor100} readOnly={readOnly} onChange={(e) => update('pointsFor100', e.target.value)} />
          </Field>
        </div>

        <h3>定等规则（依次适用）</h3>
        <div className="form-grid period-grid">
          <Field label="有一票否决的月份时，等次最高为" error={issue('rules.vetoCap')}>
            <Select
              choices={GRADES.map((g) => ({ value: g, label: g }))}
              value={form.vetoCap === '' ? null : form.vetoCap}
              none="（不限制）"
              disabled={readOnly}
              onChange={(v: Grade | null) => update('vetoCap', v ?? '')}
            />
          </Field>
          <div className="field">
            <span className="label">连续不合格</span>
            <label className="checks">
              <input type="checkbox" checked={form.consecutiveFail} disabled={readOnly} onChange={(e) => update('consecutiveFail', e.target.checked)} />
              连续两个月不合格：定为不合格，列入解聘预警
            </label>
          </div>
          <div className={`field span2${issue('rules.quota') ? ' invalid' : ''}`} role="group" aria-label="优秀名额">
            <span className="label">优秀名额</span>
            <div className="period-weights">
              <label>
                <input type="checkbox" checked={form.quotaOn} disabled={readOnly} onChange={(e) => update('quotaOn', e.target.checked)} />
                限定优秀名额
              </label>
              {form.quotaOn ? (
                <>
                  <label>
                    比例
                    <input type="text" inputMode="numeric" className="weight" aria-label="优秀名额比例" value={form.quotaPercent} readOnly={readOnly}
                      onChange={(e) => update('quotaPercent', e.target.value)} />
                    %
                  </label>
                  <label>
                    范围
                    <Select aria-label="名额范围" choices={Object.entries(QUOTA_SCOPES).map(([value, label]) => ({ value: value as keyof typeof QUOTA_SCOPES, label }))}
                      value={form.quotaScope} disabled={readOnly} onChange={(v) => v && update('quotaScope', v)} />
                  </label>
                </>
              ) : null}
            </div>
            {issue('rules.quota') ? (
              <span className="field-error">{issue('rules.quota')}</span>
            ) : (
              <span className="field-hint">按定等人数（含不合格，不含不定等次）乘比例向下取整；名额线上并列的人员列出待决定，不自动取舍。</span>
            )}
          </div>
        </div>

        <h3>等次划分</h3>
        <BandsEditor bands={form.bands} readOnly={readOnly} onChange={(b) => update('bands', b)} />
        {issue('rules.bands') ? <p className="field-error">{issue('rules.bands')}</p> : null}
      </div>

      {copyDialog}

      {canEdit && current ? (
        <div className="editor-foot">
          {dirty ? <span className="dirty-mark">有未保存的修改</span> : <span className="muted small">{published ? `第${detail.version}版已发布` : '草稿已保存'}</span>}
          <span className="grow" />
          {published && !unlocked ? (
            <button type="button" className="btn" onClick={() => setUnlocked(true)}>
              修改
            </button>
          ) : (
            <>
              {published ? (
                <button type="button" className="btn" disabled={busy} onClick={() => (!dirty || window.confirm('放弃这些修改吗？')) && (setForm(formOf(detail)), setUnlocked(false), setIssues([]))}>
                  取消修改
                </button>
              ) : null}
              <button type="button" className="btn" disabled={busy} onClick={() => void saveDraft()}>
                保存草稿
              </button>
              <button type="button" className="btn primary" disabled={busy} title="保存并发布；发布后可开启考核期间" onClick={() => void publish()}>
                {busy ? '正在处理…' : '发布'}
              </button>
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}

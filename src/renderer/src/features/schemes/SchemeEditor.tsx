/**
 * The editor of one scheme version: the newest version is edited (a draft in place; a published one by saving the
 * next version's draft); older versions are shown read-only.
 */
import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SchemeDetail } from '../../../../shared/contract/schemes';
import { formatTimestamp } from '../../../../shared/domain/dates';
import { ROLES, type Role } from '../../../../shared/domain/people';
import { AGGREGATIONS, formatHundredths, parseHundredths, sumOfMaxima, type Aggregation } from '../../../../shared/domain/scoring';
import { reasonLimits } from '../../../../shared/domain/sheet-reasons';
import type { FieldIssue } from '../../../../shared/errors';
import { call, errorMessage } from '../../api/client';
import { NONE, useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { Field } from '../../components/Field';
import { useSchemeCopies } from './CopySchemeDialog';
import { CriteriaGrid } from './CriteriaGrid';
import { draftInput, formOf, formSignature, type CriterionRow, type SchemeForm } from './form';
import { BandsEditor, GroupsEditor, SumIndicator } from './SchemeParts';
import { issuesOf, useBusyRun } from './SchemeList';

export interface SchemeEditorProps {
  detail: SchemeDetail;
  onSaved: (detail: SchemeDetail) => void;
  onPickVersion: (version: number) => void;
  onDirtyChange: (dirty: boolean) => void;
  /** Names of the schemes there are (复制方案 asks for one not among them). */
  taken: readonly string[];
  onCopied: (copy: SchemeDetail) => void;
  onNewVersion: (detail: SchemeDetail) => void;
}

/** What 复制方案 and 复制为新版本 copy, in words. */
const COPIED = '适用岗位、满分、汇总方式、考核组及权重、等次划分、极端分说明、全部考核指标（分类、分值、扣加分规则、评分标准）';

function versionLabel(v: SchemeDetail['versions'][number], current: boolean): string {
  const parts = [`第${v.version}版`, v.status === 'draft' ? '草稿' : '已发布'];
  if (v.publishedAt) parts.push(formatTimestamp(v.publishedAt).slice(0, 10));
  parts.push(v.months > 0 ? `用于${v.months}个月` : '未用于考核');
  return parts.join(' · ') + (current ? '（当前）' : '');
}

export function SchemeEditor({ detail, onSaved, onPickVersion, onDirtyChange, taken, onCopied, onNewVersion }: SchemeEditorProps) {
  const { notify, notifyError } = useAppState();
  const { data: knownGroups } = useCall('schemes.groups', {}, [], { onError: notifyError });
  const [form, setForm] = useState<SchemeForm>(() => formOf(detail));
  const [baseline, setBaseline] = useState(() => formSignature(formOf(detail)));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [issueTitle, setIssueTitle] = useState('');
  /** The row keys in the order the issues count them (criteria.3 → issueRows[3]): later moves keep the marks. */
  const [issueRows, setIssueRows] = useState<string[]>([]);
  const clearIssues = useCallback(() => setIssues([]), []);
  const { busy, run } = useBusyRun(clearIssues);

  const newest = detail.versions[0]?.version ?? detail.version;
  const readOnly = detail.version !== newest;
  const published = detail.status === 'published';
  const hasPublished = detail.versions.some((v) => v.status === 'published');
  const dirty = !readOnly && formSignature(form) !== baseline;
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  // The newest form, kept in step with every change, so a save right after a grid edit is committed sends that edit.
  const formRef = useRef(form);
  const gridApi = useRef<GridApi | null>(null);
  const change = useCallback((next: SchemeForm) => {
    formRef.current = next;
    setForm(next);
  }, []);
  const update = useCallback(
    <K extends keyof SchemeForm>(key: K, value: SchemeForm[K]) => change({ ...formRef.current, [key]: value }),
    [change],
  );
  /** Commits a cell still being edited and returns the form with it. */
  const latest = async (): Promise<SchemeForm> => {
    const api = gridApi.current;
    if (api && api.getEditingCells().length > 0) api.stopEditing();
    // The grid tells of a committed edit on a timer (also of one committed when the click took the focus away):
    // wait for it to reach the form.
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    return formRef.current;
  };
  const setCriteria = useCallback((rows: CriterionRow[]) => update('criteria', rows), [update]);
  const onInvalid = useCallback((message: string) => notify(message, 'error'), [notify]);

  const fullScore = parseHundredths(form.fullScore);
  const defaultLow = fullScore === null ? '—' : formatHundredths(reasonLimits({ fullScore, reasonHigh: null, reasonLow: null }).low);
  const sum = sumOfMaxima(form.criteria);

  // What the core named: a field of the form, or a cell of the grid (criteria.3.perUnit → the row's key).
  const fieldIssue = (field: string) => issues.find((i) => i.field === field || i.field.startsWith(`${field}.`))?.message;
  const rowIssues = useMemo(() => {
    const map = new Map<string, Record<string, string>>();
    for (const issue of issues) {
      const m = /^criteria\.(\d+)(?:\.(\w+))?$/.exec(issue.field);
      const key = m ? issueRows[Number(m[1])] : undefined;
      if (!m || !key) continue;
      map.set(key, { ...map.get(key), [m[2] ?? 'name']: issue.message });
    }
    return map;
  }, [issues, issueRows]);

  const apply = (saved: SchemeDetail): string[] => {
    const next = formOf(saved);
    change(next);
    setBaseline(formSignature(next));
    onSaved(saved);
    return next.criteria.map((c) => c.key);
  };

  const showIssues = (title: string, list: FieldIssue[], rows: string[]) => {
    setIssueTitle(title);
    setIssues(list);
    setIssueRows(rows);
  };

  /** Saves the form: the saved rows' keys, or null when it could not be saved (the problems are listed). */
  const save = async (f: SchemeForm): Promise<string[] | null> => {
    const rows = f.criteria.map((c) => c.key);
    const { input, issues: local } = draftInput(detail.schemeId, f);
    if (!input) {
      showIssues('保存未完成，请修改以下内容：', local, rows);
      return null;
    }
    try {
      return apply(await call('schemes.saveDraft', input));
    } catch (e) {
      showIssues('保存未完成，请修改以下内容：', issuesOf(e), rows);
      return null;
    }
  };

  const saveDraft = () =>
    run(async () => {
      const f = await latest();
      if (formSignature(f) === baseline) {
        notify('没有需要保存的修改');
        return;
      }
      if (await save(f)) notify(published ? `已保存为第${newest + 1}版草稿，第${detail.version}版保持不变` : '草稿已保存');
    });

  const publish = () =>
    run(async () => {
      const f = await latest();
      const changed = formSignature(f) !== baseline;
      if (published && !changed) {
        notify(`第${detail.version}版已发布，没有新的修改需要发布`);
        return;
      }
      let rows = f.criteria.map((c) => c.key);
      if (changed || !published) {
        const saved = await save(f);
        if (!saved) return;
        rows = saved;
      }
      try {
        const done = await call('schemes.publish', { schemeId: detail.schemeId });
        apply(done);
        notify(`已发布第${done.version}版`);
      } catch (e) {
        showIssues('发布未通过，请修改以下内容后再发布：', issuesOf(e), rows);
      }
    });

  const discard = () =>
    run(async () => {
      if (!window.confirm(`放弃第${detail.version}版草稿的全部修改，回到已发布的版本吗？`)) return;
      try {
        const back = await call('schemes.discardDraft', { schemeId: detail.schemeId });
        apply(back);
        notify(`已放弃草稿，当前为第${back.version}版`);
      } catch (e) {
        notify(errorMessage(e), 'error');
      }
    });

  const { openCopy, copyAsVersion, dialog: copyDialog } = useSchemeCopies({
    source: detail,
    dirty,
    run,
    what: COPIED,
    taken,
    copy: (name) => call('schemes.copy', { schemeId: detail.schemeId, version: detail.version, name }),
    newVersion: () => call('schemes.newVersion', { schemeId: detail.schemeId, version: detail.version }),
    onCopied,
    onNewVersion,
  });
  const draftVersion = detail.versions.find((v) => v.status === 'draft')?.version ?? null;

  const toggleRole = (role: Role, on: boolean) =>
    update('roles', on ? ROLES.filter((r) => r === role || formRef.current.roles.includes(r)) : formRef.current.roles.filter((r) => r !== role));

  return (
    <section className="panel scheme-editor" aria-label="方案编辑">
      <div className="editor-head">
        <h2 title={detail.name}>{detail.name}</h2>
        <span className={`badge ${detail.status === 'draft' ? 'draft' : 'ok'}`}>
          第{detail.version}版 {detail.status === 'draft' ? '草稿' : '已发布'}
        </span>
        <label className="version-pick">
          版本
          <select aria-label="版本" value={detail.version} onChange={(e) => onPickVersion(Number(e.target.value))}>
            {detail.versions.map((v) => (
              <option key={v.versionId} value={v.version}>
                {versionLabel(v, v.version === newest)}
              </option>
            ))}
          </select>
        </label>
        {readOnly ? (
          <button type="button" className="btn" onClick={() => onPickVersion(newest)}>
            回到当前版本
          </button>
        ) : null}
        <span className="grow" />
        <button type="button" className="btn" disabled={busy} title={`以第${detail.version}版的全部内容新建一个方案（草稿）`}
          onClick={openCopy}>
          复制方案
        </button>
        {published ? (
          <button type="button" className="btn" disabled={busy || draftVersion !== null}
            title={draftVersion !== null ? `已有第${draftVersion}版草稿，请先发布或放弃` : `以第${detail.version}版的全部内容生成第${newest + 1}版草稿`}
            onClick={() => void copyAsVersion()}>
            复制为新版本
          </button>
        ) : null}
      </div>

      <div className="editor-body">
        {readOnly ? (
          <div className="notice" role="note">
            正在查看第{detail.version}版（{detail.status === 'draft' ? '草稿' : '已发布'}），只读。
            {detail.versions.find((v) => v.version === detail.version)?.months
              ? `有${detail.versions.find((v) => v.version === detail.version)!.months}个月份按此版本考核，结果不会因方案修改而改变。`
              : ''}
          </div>
        ) : published ? (
          <div className={`notice${dirty ? ' strong' : ''}`} role="note">
            已发布的版本不会被修改；保存后生成第{newest + 1}版草稿，已考核的月份仍使用原版本。
          </div>
        ) : !hasPublished ? (
          <div className="notice" role="note">
            草稿尚未发布，发布后才能用于月度考核。
          </div>
        ) : null}

        {issues.length > 0 ? (
          <div className="issues" role="alert" aria-label="需要修改的内容">
            <div className="issues-title">{issueTitle}</div>
            <ul>
              {issues.map((i, n) => (
                <li key={n}>{i.message}</li>
              ))}
            </ul>
          </div>
        ) : null}

        <h3>基本信息</h3>
        <div className="form-grid scheme-basics">
          <Field label="方案名称" required error={fieldIssue('name')}>
            <input type="text" value={form.name} maxLength={60} readOnly={readOnly} onChange={(e) => update('name', e.target.value)} />
          </Field>
          <Field label="满分" required error={fieldIssue('fullScore')}>
            <input type="text" inputMode="decimal" value={form.fullScore} readOnly={readOnly} onChange={(e) => update('fullScore', e.target.value)} />
          </Field>
          <Field label="汇总方式" hint="多名考核员评分时如何得出总分" error={fieldIssue('aggregation')}>
            <select value={form.aggregation} disabled={readOnly} onChange={(e) => update('aggregation', e.target.value as Aggregation)}>
              {(Object.keys(AGGREGATIONS) as Aggregation[]).map((a) => (
                <option key={a} value={a}>
                  {AGGREGATIONS[a]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="说明" error={fieldIssue('description')} span2>
            <textarea rows={2} value={form.description} maxLength={500} readOnly={readOnly} onChange={(e) => update('description', e.target.value)} />
          </Field>
          <div className={`field span2${fieldIssue('roles') ? ' invalid' : ''}`} role="group" aria-label="适用岗位">
            <span className="label required">适用岗位</span>
            <div className="checks">
              {ROLES.map((r) => (
                <label key={r}>
                  <input type="checkbox" checked={form.roles.includes(r)} disabled={readOnly} onChange={(e) => toggleRole(r, e.target.checked)} />
                  {r}
                </label>
              ))}
            </div>
            {fieldIssue('roles') ? <span className="field-error">{fieldIssue('roles')}</span> : null}
          </div>
          {form.aggregation === 'group_weights' ? (
            <div className="span2">
              <GroupsEditor groups={form.groups} known={knownGroups ?? NONE} readOnly={readOnly} issue={fieldIssue('groups')} onChange={(g) => update('groups', g)} />
            </div>
          ) : null}
        </div>

        <h3>等次划分</h3>
        <BandsEditor bands={form.bands} readOnly={readOnly} onChange={(b) => update('bands', b)} />

        <h3>极端分说明</h3>
        <div className="form-grid scheme-basics" aria-label="极端分说明">
          <Field label="高分线（达到需说明）" hint={`留空为满分（${fullScore === null ? '—' : formatHundredths(fullScore)}分）`} error={fieldIssue('reasonHigh')}>
            <input type="text" inputMode="decimal" value={form.reasonHigh} placeholder="满分" readOnly={readOnly} onChange={(e) => update('reasonHigh', e.target.value)} />
          </Field>
          <Field label="低分线（低于需说明）" hint={`留空为满分的60%（${defaultLow}分）`} error={fieldIssue('reasonLow')}>
            <input type="text" inputMode="decimal" value={form.reasonLow} placeholder={defaultLow} readOnly={readOnly} onChange={(e) => update('reasonLow', e.target.value)} />
          </Field>
        </div>
        <p className="muted small" style={{ marginTop: 4 }}>考核人给某人的评分合计达到高分线或低于低分线时，打分页会请其填写说明；不影响归档。</p>

        <h3>
          考核指标 <span className="muted small">共{form.criteria.length}项</span>
        </h3>
        {fieldIssue('criteria') && !rowIssues.size ? <p className="field-error">{fieldIssue('criteria')}</p> : null}
        <CriteriaGrid
          rows={form.criteria}
          readOnly={readOnly}
          issues={rowIssues}
          onChange={setCriteria}
          onApi={(api) => (gridApi.current = api as unknown as GridApi)}
          onInvalid={onInvalid}
          summary={<SumIndicator sum={sum} fullScore={fullScore} />}
        />
      </div>

      {copyDialog}

      {readOnly ? null : (
        <div className="editor-foot">
          {dirty ? <span className="dirty-mark">有未保存的修改</span> : <span className="muted small">{published ? `第${detail.version}版已发布` : '草稿已保存'}</span>}
          <span className="grow" />
          <button type="button" className="btn danger" disabled={busy || detail.status !== 'draft' || !hasPublished}
            title={detail.status !== 'draft' ? '没有草稿' : hasPublished ? '删除草稿，回到已发布的版本' : '方案还没有发布过，草稿不能放弃，可直接修改'}
            onClick={() => void discard()}>
            放弃草稿
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void saveDraft()}>
            保存草稿
          </button>
          <button type="button" className="btn primary" disabled={busy}
            title="保存并发布；发布前检查分值合计、等次和考核组权重" onClick={() => void publish()}>
            {busy ? '正在处理…' : '发布'}
          </button>
        </div>
      )}
    </section>
  );
}

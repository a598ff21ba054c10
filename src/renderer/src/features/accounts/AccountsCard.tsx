/**
 * 系统 → 账号管理: create accounts (管理员/考核员/文书), change their role and scope, reset a password, disable one.
 * The first account must be a 管理员 and creating it turns login on; the last active 管理员 stays.
 */
import { useCallback, useMemo, useState } from 'react';
import { ACCOUNT_ROLE_LABELS, MIN_PASSWORD_LENGTH, type AccountRow } from '../../../../shared/contract/accounts';
import type { Evaluator } from '../../../../shared/contract/assessments';
import { ACCOUNT_ROLES, type AccountRole } from '../../../../shared/contract/define';
import type { UnitNode } from '../../../../shared/contract/org';
import { formatTimestamp } from '../../../../shared/domain/dates';
import { LAN_PASSWORD_HINT } from '../../../../shared/domain/lan';
import { unitPathsOf } from '../../../../shared/domain/org';
import { pickFilter, pickKeys, withAncestors } from '../../../../shared/domain/pick';
import { ApiError, call, errorMessage } from '../../api/client';
import { NONE, useLoad } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Marked } from '../../components/pick-parts';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useSession } from '../../session';
import { EvaluatorPicker } from '../assessments/EvaluatorPicker';

type DialogState = { kind: 'create' } | { kind: 'edit'; account: AccountRow } | { kind: 'password'; account: AccountRow } | null;

export function AccountsCard() {
  const { notify, notifyError } = useAppState();
  const { me, loginRequired, refresh } = useSession();
  const [dialog, setDialog] = useState<DialogState>(null);
  const { data, refresh: load } = useLoad(
    () => Promise.all([call('accounts.list', {}), call('org.tree', {}), call('assessments.evaluators', {})]),
    [],
    { onError: notifyError },
  );
  const accounts = data?.[0] ?? NONE;
  const units = data?.[1] ?? NONE;
  const evaluators = data?.[2] ?? NONE;

  const setActive = async (a: AccountRow, active: boolean) => {
    if (!active && !window.confirm(`确定停用账号“${a.displayName}”（${a.loginName}）吗？停用后不能登录，可随时重新启用。`)) return;
    try {
      await call('accounts.setActive', { id: a.id, active });
      notify(active ? `已启用账号“${a.displayName}”` : `已停用账号“${a.displayName}”`);
      await load();
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  };

  const first = accounts.length === 0;
  return (
    <div className="card" style={{ marginBottom: 16 }} aria-label="账号管理">
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 10 }}>
        <h2 style={{ fontSize: 16, margin: 0 }}>账号管理</h2>
        <span className={`badge ${loginRequired ? 'ok' : 'off'}`}>{loginRequired ? '已启用登录' : '未启用登录'}</span>
        <span className="grow" style={{ flex: 1 }} />
        <button type="button" className="btn primary" onClick={() => setDialog({ kind: 'create' })}>
          {first ? '新建管理员账号' : '新建账号'}
        </button>
      </div>
      {first ? (
        <p className="muted" style={{ margin: 0 }}>
          {'尚未建立账号：打开程序无需登录，所有操作都以“管理员”身份进行。建立第一个账号（必须是管理员）后即启用登录，' +
            '以后每次打开都要用账号和密码登录；考核员只能为负责单位的人员打分，文书只能查看、打印和导出。'}
        </p>
      ) : (
        <table className="simple">
          <thead>
            <tr>
              <th>用户名</th>
              <th>姓名</th>
              <th>角色</th>
              <th>负责单位</th>
              <th>考核人</th>
              <th>状态</th>
              <th>最近登录</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <td>{a.loginName}</td>
                <td>
                  {a.displayName}
                  {a.id === me.accountId ? <span className="muted">（本人）</span> : null}
                </td>
                <td>{ACCOUNT_ROLE_LABELS[a.role]}</td>
                <td>{a.role === 'evaluator' ? a.unitNames.join('、') : '—'}</td>
                <td>{a.role === 'evaluator' ? (a.evaluatorName ?? '不限') : '—'}</td>
                <td>
                  {!a.active ? <span className="badge off">已停用</span> : a.lockedUntil ? <span className="badge bad">锁定至 {formatTimestamp(a.lockedUntil)}</span> : <span className="badge ok">正常</span>}
                </td>
                <td>{a.lastLoginAt ? formatTimestamp(a.lastLoginAt) : '从未登录'}</td>
                <td style={{ whiteSpace: 'nowrap' }}>
                  <button type="button" className="btn small" onClick={() => setDialog({ kind: 'edit', account: a })}>
                    修改
                  </button>{' '}
                  <button type="button" className="btn small" onClick={() => setDialog({ kind: 'password', account: a })}>
                    重设密码
                  </button>{' '}
                  {a.active ? (
                    <button type="button" className="btn small danger" disabled={a.id === me.accountId} onClick={() => void setActive(a, false)}>
                      停用
                    </button>
                  ) : (
                    <button type="button" className="btn small" onClick={() => void setActive(a, true)}>
                      启用
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog?.kind === 'create' || dialog?.kind === 'edit' ? (
        <AccountDialog
          account={dialog.kind === 'edit' ? dialog.account : null}
          first={first}
          units={units}
          evaluators={evaluators}
          onClose={() => setDialog(null)}
          onSaved={async (a) => {
            setDialog(null);
            if (dialog.kind === 'create' && first) {
              notify(`已建立管理员账号“${a.displayName}”，登录已启用：以后打开网格考评需用账号登录，您现在以“${a.displayName}”的身份登录`);
            } else notify(dialog.kind === 'create' ? `已建立账号“${a.displayName}”` : `已保存账号“${a.displayName}”`);
            await load();
            if (first || a.id === me.accountId) await refresh();
          }}
        />
      ) : null}
      {dialog?.kind === 'password' ? (
        <PasswordDialog
          account={dialog.account}
          onClose={() => setDialog(null)}
          onSaved={async (a) => {
            setDialog(null);
            notify(`已重设“${a.displayName}”的密码`);
            await load();
          }}
        />
      ) : null}
    </div>
  );
}

/** Active units below the street, in tree order, indented by depth. */
function useUnitOptions(units: UnitNode[]) {
  return useMemo(() => {
    const paths = unitPathsOf(units);
    const children = new Map<number | null, UnitNode[]>();
    for (const u of units) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
    const out: { id: number; parentId: number | null; name: string; path: string; depth: number; keys: ReturnType<typeof pickKeys> }[] = [];
    const walk = (p: number | null, depth: number) =>
      (children.get(p) ?? []).forEach((u) => {
        if (!u.retiredOn && u.kind !== 'street') out.push({ id: u.id, parentId: u.parentId, name: u.name, path: paths.get(u.id) ?? u.name, depth, keys: pickKeys(u.name, [u.code]) });
        walk(u.id, u.kind === 'street' ? depth : depth + 1);
      });
    walk(null, 0);
    return out;
  }, [units]);
}

function AccountDialog({
  account,
  first,
  units,
  evaluators,
  onClose,
  onSaved,
}: {
  account: AccountRow | null;
  first: boolean;
  units: UnitNode[];
  evaluators: Evaluator[];
  onClose: () => void;
  onSaved: (a: AccountRow) => Promise<void>;
}) {
  const [loginName, setLoginName] = useState(account?.loginName ?? '');
  const [displayName, setDisplayName] = useState(account?.displayName ?? '');
  const [role, setRole] = useState<AccountRole>(account?.role ?? (first ? 'admin' : 'evaluator'));
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [unitIds, setUnitIds] = useState<number[]>(account?.unitIds ?? []);
  const [evaluatorId, setEvaluatorId] = useState<number | null>(account?.evaluatorId ?? null);
  const options = useUnitOptions(units);
  // the units typed for (name, pinyin initials, code) under their communities; the ticked ones stay in view
  const [unitFilter, setUnitFilter] = useState('');
  const shown = useMemo(() => {
    if (unitFilter.trim() === '') return null;
    const found = pickFilter(options, (o) => o.keys, unitFilter);
    const ids = withAncestors(options, [...found.rows.map((r) => r.item.id), ...unitIds]);
    return { ids, marks: new Map(found.rows.map((r) => [r.item.id, r.match.marks])) };
  }, [options, unitFilter, unitIds]);
  const save = useCallback(async () => {
    const scope = role === 'evaluator' ? { unitIds, evaluatorId } : { unitIds: [], evaluatorId: null };
    if (account) {
      await onSaved(await call('accounts.update', { id: account.id, displayName, role, ...scope }));
      return;
    }
    if (password !== confirm) throw mismatch();
    await onSaved(await call('accounts.create', { loginName, displayName, role, password, ...scope }));
  }, [account, loginName, displayName, role, password, confirm, unitIds, evaluatorId, onSaved]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  const toggle = (id: number, on: boolean) => setUnitIds((list) => (on ? [...list, id] : list.filter((x) => x !== id)));
  return (
    <Dialog
      title={account ? `修改账号 ${account.loginName}` : first ? '新建管理员账号（启用登录）' : '新建账号'}
      onClose={onClose}
      onSubmit={submit}
      busy={busy}
      error={error}
      submitLabel={account ? '保存' : '建立账号'}
      wide
    >
      {first && !account ? (
        <p className="form-note" style={{ marginTop: 0 }}>
          这是第一个账号，必须是管理员。建立后即<strong>启用登录</strong>：以后打开网格考评都要用账号和密码登录，请牢记此密码。
        </p>
      ) : null}
      <div className="form-grid">
        <Field label="用户名" required error={fieldErrors.loginName} hint={account ? '用户名不能修改' : '登录时填写，如 zhangsan'}>
          <input type="text" value={loginName} onChange={(e) => setLoginName(e.target.value)} disabled={account !== null} autoFocus={!account} maxLength={32} autoComplete="off" />
        </Field>
        <Field label="姓名" required error={fieldErrors.displayName} hint="操作日志中记录的名字">
          <input type="text" value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoFocus={account !== null} maxLength={40} />
        </Field>
        <Field label="角色" required error={fieldErrors.role} hint={ROLE_HINTS[role]}>
          <select value={role} onChange={(e) => setRole(e.target.value as AccountRole)} disabled={first && !account}>
            {ACCOUNT_ROLES.map((r) => (
              <option key={r} value={r}>
                {ACCOUNT_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </Field>
        {role === 'evaluator' ? (
          <Field label="以考核人身份打分" error={fieldErrors.evaluatorId} hint="不选则可任选考核人">
            <EvaluatorPicker evaluators={evaluators} value={evaluatorId} onChange={setEvaluatorId} none="不限" />
          </Field>
        ) : (
          <div />
        )}
        {account ? null : (
          <>
            <Field label="密码" required error={fieldErrors.password} hint={`至少${MIN_PASSWORD_LENGTH}位${role === 'admin' ? `；${LAN_PASSWORD_HINT}` : ''}`}>
              <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={128} autoComplete="new-password" />
            </Field>
            <Field label="确认密码" required error={fieldErrors.confirm}>
              <input type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} maxLength={128} autoComplete="new-password" />
            </Field>
          </>
        )}
        {role === 'evaluator' ? (
          <div className={`field span2${fieldErrors.unitIds ? ' invalid' : ''}`}>
            <span className="label required">负责单位（可多选；选中社区即包括其下所有网格）</span>
            <input
              type="search"
              aria-label="查找负责单位"
              placeholder="输入名称、拼音首字母或编码查找单位"
              value={unitFilter}
              onChange={(e) => setUnitFilter(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
              style={{ marginBottom: 4 }}
            />
            <div className="unit-checks" role="group" aria-label="负责单位">
              {options
                .filter((o) => !shown || shown.ids.has(o.id))
                .map((o) => (
                  <label key={o.id} style={{ paddingLeft: o.depth * 18 }} title={o.path}>
                    <input type="checkbox" checked={unitIds.includes(o.id)} onChange={(e) => toggle(o.id, e.target.checked)} aria-label={o.path} />
                    <Marked text={o.name} marks={shown?.marks.get(o.id) ?? []} />
                  </label>
                ))}
              {shown && shown.marks.size === 0 ? <span className="muted">没有匹配的单位</span> : null}
              {options.length === 0 ? <span className="muted">还没有单位，请先在“组织人员”中建立</span> : null}
            </div>
            {fieldErrors.unitIds ? (
              <span className="field-error" role="alert">
                {fieldErrors.unitIds}
              </span>
            ) : null}
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}

function mismatch(): ApiError {
  return ApiError.forField('confirm', '两次输入的密码不一致');
}

const ROLE_HINTS: Record<AccountRole, string> = {
  admin: '管理名册、方案、月份和账号',
  evaluator: '为负责单位的人员打分、登记积分',
  secretary: '查看、打印和导出，不能修改数据',
};

function PasswordDialog({ account, onClose, onSaved }: { account: AccountRow; onClose: () => void; onSaved: (a: AccountRow) => Promise<void> }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const save = useCallback(async () => {
    if (password !== confirm) throw mismatch();
    await onSaved(await call('accounts.resetPassword', { id: account.id, password }));
  }, [account.id, password, confirm, onSaved]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title={`重设密码：${account.displayName}（${account.loginName}）`} onClose={onClose} onSubmit={submit} busy={busy} error={error}>
      <p className="muted" style={{ marginTop: 0 }}>
        重设后该账号需用新密码登录；锁定也随之解除。
      </p>
      <div className="form-grid">
        <Field label="新密码" required error={fieldErrors.password} hint={`至少${MIN_PASSWORD_LENGTH}位${account.role === 'admin' ? `；${LAN_PASSWORD_HINT}` : ''}`}>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus maxLength={128} autoComplete="new-password" />
        </Field>
        <Field label="确认新密码" required error={fieldErrors.confirm}>
          <input type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} maxLength={128} autoComplete="new-password" />
        </Field>
      </div>
    </Dialog>
  );
}

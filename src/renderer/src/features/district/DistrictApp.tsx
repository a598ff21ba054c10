/**
 * 区级汇总: the district host's pages in the same renderer, read-only over the streets' packages — 街道登记 (register
 * a street by its public key, import 上报包), then 街道对比, 指标对比, 考核人宽严 and 年度结果 and 优秀名单 for a
 * period, each exportable to Excel and printable.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { districtTable, type DistrictViewData } from '../../../../shared/district/tables';
import { DISTRICT_VIEW_LABELS, DISTRICT_VIEWS, type DistrictPeriod, type DistrictStreet, type DistrictView } from '../../../../shared/district/views';
import { PASSWORD_HINT } from '../../../../shared/domain/password';
import { formatTimestamp } from '../../../../shared/domain/dates';
import { errorMessage } from '../../api/client';
import { saveFile } from '../../api/platform';
import '../../components/print.css';
import { districtCall } from './district-client';

type Tab = 'streets' | DistrictView;

export function DistrictApp() {
  const [state, setState] = useState<{ needsSetup: boolean; login: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    districtCall('district.state').then(setState, (e: unknown) => setError(errorMessage(e)));
  }, []);
  useEffect(refresh, [refresh]);
  useEffect(() => {
    document.title = '区级汇总 - 网格考评';
  }, []);
  if (error) return <p className="error-text">{error}</p>;
  if (!state) return <p className="muted">正在读取…</p>;
  if (!state.login) return <LoginForm setup={state.needsSetup} onDone={refresh} />;
  return <DistrictMain login={state.login} onLogout={() => void districtCall('district.logout').then(refresh)} />;
}

function LoginForm({ setup, onDone }: { setup: boolean; onDone: () => void }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await districtCall(setup ? 'district.setup' : 'district.login', { login, password });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <div className="page" style={{ maxWidth: 420, margin: '80px auto' }}>
      <form className="card" onSubmit={(e) => void submit(e)} aria-label={setup ? '设置区级管理员' : '登录区级汇总'}>
        <h1 style={{ fontSize: 20 }}>{setup ? '设置区级汇总的管理员' : '登录区级汇总'}</h1>
        <label className="field">
          <span>用户名</span>
          <input value={login} onChange={(e) => setLogin(e.target.value)} autoFocus autoComplete="username" />
        </label>
        <label className="field">
          <span>密码</span>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete={setup ? 'new-password' : 'current-password'} />
        </label>
        {setup ? <p className="muted">{PASSWORD_HINT}</p> : null}
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn primary">
          {setup ? '设置并登录' : '登录'}
        </button>
      </form>
    </div>
  );
}

function DistrictMain({ login, onLogout }: { login: string; onLogout: () => void }) {
  const [tab, setTab] = useState<Tab>('streets');
  const [periods, setPeriods] = useState<DistrictPeriod[]>([]);
  const [period, setPeriod] = useState('');
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const loadPeriods = useCallback(() => {
    districtCall('district.periods').then(
      (list) => {
        setPeriods(list);
        setPeriod((p) => (p && list.some((x) => x.period === p) ? p : (list[0]?.period ?? '')));
      },
      (e: unknown) => setNotice({ text: errorMessage(e), error: true }),
    );
  }, []);
  useEffect(loadPeriods, [loadPeriods]);
  const tabs: Tab[] = ['streets', ...DISTRICT_VIEWS];
  return (
    <div className="page" style={{ padding: 20 }}>
      <div className="no-print" style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 12 }}>
        <h1 style={{ margin: 0, fontSize: 20 }}>区级汇总</h1>
        <div role="tablist" aria-label="区级汇总" style={{ display: 'flex', gap: 4 }}>
          {tabs.map((t) => (
            <button key={t} type="button" role="tab" aria-selected={tab === t} className={`btn${tab === t ? ' primary' : ''}`} onClick={() => setTab(t)}>
              {t === 'streets' ? '街道与上报包' : DISTRICT_VIEW_LABELS[t]}
            </button>
          ))}
        </div>
        <span className="grow" style={{ flex: 1 }} />
        <span className="muted">{login}</span>
        <button type="button" className="btn" onClick={onLogout}>
          退出
        </button>
      </div>
      {notice ? (
        <p className={`no-print ${notice.error ? 'error-text' : 'muted'}`} role={notice.error ? 'alert' : 'status'}>
          {notice.text}
        </p>
      ) : null}
      {tab === 'streets' ? (
        <StreetsView onImported={loadPeriods} notify={(text, error = false) => setNotice({ text, error })} />
      ) : (
        <ViewPage view={tab} periods={periods} period={period} setPeriod={setPeriod} notify={(text, error = false) => setNotice({ text, error })} />
      )}
    </div>
  );
}

function StreetsView({ onImported, notify }: { onImported: () => void; notify: (text: string, error?: boolean) => void }) {
  const [streets, setStreets] = useState<DistrictStreet[] | null>(null);
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [registerError, setRegisterError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const load = useCallback(() => {
    districtCall('district.streets').then(setStreets, (e: unknown) => notify(errorMessage(e), true));
  }, [notify]);
  useEffect(load, [load]);
  const register = async (e: FormEvent) => {
    e.preventDefault();
    setRegisterError(null);
    try {
      const r = await districtCall('district.register', { name, publicKeyPem: key });
      notify(`已登记：${r.name}（公钥指纹 ${r.fingerprint}），请与街道核对指纹`);
      setName('');
      setKey('');
      load();
    } catch (err) {
      setRegisterError(errorMessage(err));
    }
  };
  const importFiles = async (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      try {
        const r = await districtCall('district.import', { fileName: file.name, text: await file.text() });
        notify(`已导入：${r.street} ${r.periodLabel}（${r.people} 人，${r.months} 个月）${r.replaced ? '，已替换此前导入的上报包（保留在历史中）' : ''}`);
      } catch (err) {
        notify(`${file.name}：${errorMessage(err)}`, true);
      }
    }
    load();
    onImported();
  };
  return (
    <>
      <section className="card" aria-label="导入上报包" style={{ marginBottom: 16 }}>
        <h2 style={{ fontSize: 16, marginTop: 0 }}>导入上报包</h2>
        <p className="muted">逐个核对签名：被改动过的、未登记街道的、重复的或早于已导入的上报包都会被拒绝，不写入任何数据。</p>
        <button type="button" className="btn primary" onClick={() => fileInput.current?.click()}>
          选择上报包文件…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          multiple
          hidden
          aria-label="上报包文件"
          onChange={(e) => void importFiles(e.target.files).then(() => (e.target.value = ''))}
        />
      </section>
      <section className="card" aria-label="登记街道" style={{ marginBottom: 16 }}>
        <h2 style={{ fontSize: 16, marginTop: 0 }}>登记街道</h2>
        <form onSubmit={(e) => void register(e)} style={{ display: 'grid', gap: 8, maxWidth: 640 }}>
          <label className="field">
            <span>街道名称</span>
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            <span>公钥（街道 系统 → 上报身份 → 复制公钥）</span>
            <textarea value={key} onChange={(e) => setKey(e.target.value)} rows={4} style={{ fontFamily: 'monospace' }} />
          </label>
          {registerError ? (
            <p className="error-text" role="alert">
              {registerError}
            </p>
          ) : null}
          <div>
            <button type="submit" className="btn primary">
              登记
            </button>
          </div>
        </form>
      </section>
      <section className="card" aria-label="已登记的街道">
        <h2 style={{ fontSize: 16, marginTop: 0 }}>已登记的街道</h2>
        <table className="simple">
          <thead>
            <tr>
              <th>街道</th>
              <th>公钥指纹</th>
              <th>上报包（当前的在前，历史的标“已替换”）</th>
            </tr>
          </thead>
          <tbody>
            {(streets ?? []).map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td>
                  <code>{s.fingerprint}</code>
                </td>
                <td>
                  {s.packages.length === 0
                    ? '尚未导入'
                    : s.packages.map((p) => (
                        <div key={p.id}>
                          {p.periodLabel}：{p.people} 人，{p.months} 个月，导出于 {formatTimestamp(p.exportedAt)}
                          {p.isCurrent ? '' : '（已替换）'}
                        </div>
                      ))}
                </td>
              </tr>
            ))}
            {streets && streets.length === 0 ? (
              <tr>
                <td colSpan={3} className="muted">
                  尚未登记街道
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </section>
    </>
  );
}

function ViewPage(props: { view: DistrictView; periods: DistrictPeriod[]; period: string; setPeriod: (p: string) => void; notify: (text: string, error?: boolean) => void }) {
  const { view, periods, period, setPeriod, notify } = props;
  const [data, setData] = useState<DistrictViewData | null>(null);
  useEffect(() => {
    setData(null);
    if (!period) return;
    const load = async (): Promise<DistrictViewData> => {
      switch (view) {
        case 'compare':
          return { view, data: await districtCall('district.compare', { period }) };
        case 'criteria':
          return { view, data: await districtCall('district.criteria', { period }) };
        case 'evaluators':
          return { view, data: await districtCall('district.evaluators', { period }) };
        case 'results':
        case 'excellent':
          return { view, data: await districtCall('district.results', { period }) };
      }
    };
    load().then(setData, (e: unknown) => notify(errorMessage(e), true));
  }, [view, period, notify]);
  const label = periods.find((p) => p.period === period)?.label ?? period;
  const table = data ? districtTable(label, data) : null;
  const exportExcel = async () => {
    try {
      const file = await districtCall('district.export', { period, view });
      if ((await saveFile(file.fileName, file.base64)).saved) notify(`已导出：${file.fileName}`);
    } catch (e) {
      notify(errorMessage(e), true);
    }
  };
  if (periods.length === 0) return <p className="muted">尚未导入上报包。请先在“街道与上报包”中登记街道并导入。</p>;
  return (
    <section aria-label={DISTRICT_VIEW_LABELS[view]}>
      <div className="no-print" style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 12 }}>
        <label>
          期间{' '}
          <select aria-label="期间" value={period} onChange={(e) => setPeriod(e.target.value)}>
            {periods.map((p) => (
              <option key={p.period} value={p.period}>
                {p.label}（{p.streets} 个街道）
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" disabled={!table} onClick={() => void exportExcel()}>
          导出Excel
        </button>
        <button type="button" className="btn" disabled={!table} onClick={() => window.print()}>
          打印
        </button>
      </div>
      {table ? (
        <div className="card">
          <h2 style={{ textAlign: 'center', fontSize: 18 }}>{table.title}</h2>
          <table className="simple" aria-label={table.title}>
            <thead>
              <tr>
                {table.headers.map((h) => (
                  <th key={h}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, k) => (
                    <td key={k} style={typeof v === 'number' ? { textAlign: 'center' } : undefined}>
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{table.note}</p>
        </div>
      ) : (
        <p className="muted">正在读取…</p>
      )}
    </section>
  );
}

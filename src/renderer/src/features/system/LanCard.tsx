/**
 * 局域网访问 on the 系统 page (管理员 only): the office PC opens the app to the evaluators' browsers over HTTPS. The
 * address (one of the machine's private addresses), port, the clients let in, the certificate and its fingerprint, the
 * address to open on the clients, and how many are logged in. Turning it on shows why it cannot be, if it cannot.
 */
import { useState } from 'react';
import { DEFAULT_LAN_PORT, LAN_CERT_KINDS, LAN_CERT_LABELS, type LanCertKind, type LanStatus } from '../../../../shared/contract/lan';
import { LAN_PASSWORD_HINT } from '../../../../shared/domain/lan';
import { ApiError, call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { Field } from '../../components/Field';

export function LanCard() {
  const { notify, notifyError } = useAppState();
  const [status, setStatus] = useState<LanStatus | null>(null);
  const [address, setAddress] = useState('');
  const [port, setPort] = useState(String(DEFAULT_LAN_PORT));
  const [allowed, setAllowed] = useState('');
  const [cert, setCert] = useState<LanCertKind>('generated');
  const [certPath, setCertPath] = useState('');
  const [keyPath, setKeyPath] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const show = (s: LanStatus) => {
    setStatus(s);
    setAddress(s.settings.address || (s.interfaces.find((i) => i.family === 4 && !i.address.startsWith('127.')) ?? s.interfaces[0])?.address || '');
    setPort(String(s.settings.port));
    setAllowed(s.settings.allowed);
    setCert(s.settings.cert);
    setCertPath(s.settings.certPath);
    setKeyPath(s.settings.keyPath);
  };
  const { refresh } = useCall('lan.status', {}, [], { onError: notifyError, onData: show });
  const subnet = status?.interfaces.find((i) => i.address === address)?.subnet ?? '';

  const apply = async (enabled: boolean) => {
    setErrors({});
    setRefusal(null);
    setBusy(true);
    try {
      const next = await call('lan.configure', { enabled, address, port: Number(port), allowed, cert, certPath, keyPath });
      show(next);
      notify(enabled ? `局域网访问已开启：${next.urls.join('、')}` : '局域网访问已关闭');
    } catch (e) {
      if (e instanceof ApiError && e.issues.length) setErrors(Object.fromEntries(e.issues.map((i) => [i.field, i.message])));
      setRefusal(errorMessage(e));
      void refresh();
    } finally {
      setBusy(false);
    }
  };

  const running = status?.running ?? false;
  return (
    <section className="card lan-card" style={{ marginBottom: 16 }} aria-label="局域网访问">
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 10 }}>
        <h2 style={{ fontSize: 16, margin: 0 }}>局域网访问</h2>
        <span role="status" style={{ fontWeight: 600, color: running ? '#1a7f37' : '#777' }}>
          {status === null ? '正在读取…' : running ? `已开启 · 已登录 ${status.sessions} 人` : '未开启'}
        </span>
        <span className="muted small">开启后，考核员可在自己电脑的浏览器中登录打分；本机照常使用。</span>
      </div>
      {status && !status.available ? (
        <p className="muted">桌面窗口不能开启局域网访问：请在办公电脑上用网页版启动（npm run serve -- --lan），再在网页版的此处设置。</p>
      ) : null}
      {running ? (
        <table className="simple lan-now" style={{ width: 'auto', marginBottom: 10 }} aria-label="局域网访问地址">
          <tbody>
            <tr>
              <th>在其他电脑上打开</th>
              <td>
                {status!.urls.map((u) => (
                  <strong key={u} className="lan-url">
                    {u}
                  </strong>
                ))}
              </td>
            </tr>
            <tr>
              <th>证书指纹（SHA-256）</th>
              <td>
                <code style={{ wordBreak: 'break-all', fontSize: 12 }}>{status!.fingerprint}</code>
                <div className="muted small">浏览器提示证书不受信任时，请核对浏览器显示的指纹与此一致后再继续。</div>
              </td>
            </tr>
            <tr>
              <th>允许访问的电脑</th>
              <td>{status!.allowedRanges.join('，')}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
      {refusal || (status && !running && status.refusals.length > 0) ? (
        <div className="form-error" role="alert" style={{ marginBottom: 10 }}>
          {refusal ? <div>{refusal}</div> : null}
          {!refusal && status
            ? status.refusals.map((r) => (
                <div key={r}>开启前需处理：{r}</div>
              ))
            : null}
        </div>
      ) : null}
      <fieldset disabled={status === null || busy || !status.available} style={{ border: 0, margin: 0, padding: 0 }}>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(200px, 300px))', gap: '8px 20px', alignItems: 'start' }}>
          <Field label="监听地址" error={errors.address} hint="只列出本机的局域网地址">
            <select value={address} onChange={(e) => setAddress(e.target.value)} aria-label="监听地址">
              {status && status.interfaces.length === 0 ? <option value="">（本机没有局域网地址）</option> : null}
              {status?.interfaces.map((i) => (
                <option key={i.address} value={i.address}>
                  {i.address}（{i.name}）
                </option>
              ))}
            </select>
          </Field>
          <Field label="端口" error={errors.port} hint={`默认 ${DEFAULT_LAN_PORT}`}>
            <input value={port} onChange={(e) => setPort(e.target.value.replace(/\D/g, ''))} inputMode="numeric" maxLength={5} style={{ width: 100 }} />
          </Field>
          <Field label="允许访问的地址范围" error={errors.allowed} hint={`留空为本机所在网段${subnet ? `（${subnet}）` : ''}；多个用逗号分隔，如 192.168.1.0/24`}>
            <input value={allowed} onChange={(e) => setAllowed(e.target.value)} placeholder={subnet} maxLength={2000} />
          </Field>
        </div>
        <div role="radiogroup" aria-label="证书" style={{ margin: '6px 0', display: 'flex', gap: 20 }}>
          {LAN_CERT_KINDS.map((k) => (
            <label key={k}>
              <input type="radio" name="lan-cert" value={k} checked={cert === k} onChange={() => setCert(k)} />
              {LAN_CERT_LABELS[k]}
              {k === 'generated' ? <span className="muted small">（首次开启时生成，保存在数据文件夹中）</span> : null}
            </label>
          ))}
        </div>
        {cert === 'supplied' ? (
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(240px, 420px))', gap: '8px 20px' }}>
            <Field label="证书文件（PEM）" error={errors.certPath}>
              <input value={certPath} onChange={(e) => setCertPath(e.target.value)} placeholder="例如 D:\证书\server.crt" />
            </Field>
            <Field label="私钥文件（PEM）" error={errors.keyPath}>
              <input value={keyPath} onChange={(e) => setKeyPath(e.target.value)} placeholder="例如 D:\证书\server.key" />
            </Field>
          </div>
        ) : null}
        <div style={{ display: 'flex', gap: 10, alignItems: 'center', marginTop: 8 }}>
          <button type="button" className="btn primary" onClick={() => void apply(true)}>
            {busy ? '正在开启…' : running ? '保存并重新开启' : '开启局域网访问'}
          </button>
          {running ? (
            <button type="button" className="btn" onClick={() => void apply(false)}>
              关闭局域网访问
            </button>
          ) : null}
          <span className="muted small">{LAN_PASSWORD_HINT}；只使用 HTTPS。</span>
        </div>
      </fieldset>
    </section>
  );
}

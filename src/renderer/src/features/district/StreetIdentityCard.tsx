import { errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import { saveFile } from '../../api/platform';
import { useAppState } from '../../app-state';

/** 系统 → 上报身份: the street key's fingerprint for the district to register, and its public key to copy or save. */
export function StreetIdentityCard() {
  const { notify, notifyError } = useAppState();
  const { data } = useCall('district.identity', {}, [], { onError: notifyError });
  const copy = async () => {
    if (!data) return;
    try {
      await navigator.clipboard.writeText(data.publicKeyPem);
      notify('已复制公钥');
    } catch (e) {
      notify(`无法复制：${errorMessage(e)}，请改用“导出公钥”`, 'error');
    }
  };
  const save = async () => {
    if (!data) return;
    const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(data.publicKeyPem)));
    if ((await saveFile(`街道公钥-${data.street || '本街道'}.pem`, base64)).saved) notify('已导出公钥');
  };
  return (
    <section className="card" aria-label="上报身份" style={{ marginBottom: 16 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 8 }}>
        <h2 style={{ fontSize: 16, margin: 0 }}>上报身份</h2>
        <span className="muted">区里登记本街道时核对此指纹；本街道导出的上报包都用这把密钥签名。密钥保存在数据文件中，备份和恢复都会保留。</span>
      </div>
      <table className="simple" style={{ width: 'auto' }}>
        <tbody>
          <tr>
            <th>街道</th>
            <td>{data?.street || '（尚未建立组织架构）'}</td>
          </tr>
          <tr>
            <th>公钥指纹</th>
            <td>
              <code aria-label="公钥指纹" style={{ fontSize: 14, letterSpacing: 0.5 }}>
                {data?.fingerprint ?? '正在读取…'}
              </code>
            </td>
          </tr>
        </tbody>
      </table>
      <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
        <button type="button" className="btn" disabled={!data} onClick={() => void copy()}>
          复制公钥
        </button>
        <button type="button" className="btn" disabled={!data} onClick={() => void save()}>
          导出公钥
        </button>
      </div>
    </section>
  );
}

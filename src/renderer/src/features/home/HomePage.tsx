import { useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { useAppState } from '../../app-state';
import { BackupHealth } from '../system/BackupHealth';

export function HomePage() {
  const { info, refreshInfo, notify } = useAppState();
  const [loading, setLoading] = useState(false);
  const loadDemo = async () => {
    setLoading(true);
    try {
      const r = await call('system.loadDemo', {});
      notify(`已载入示例数据：${r.units} 个单位，${r.people} 名人员，${r.months} 个已归档的考核月份`);
      await refreshInfo();
    } catch (e) {
      notify(errorMessage(e), 'error');
    } finally {
      setLoading(false);
    }
  };
  return (
    <div className="page">
      <h1>首页</h1>
      {info?.isEmpty ? (
        <div className="card" style={{ marginBottom: 16, maxWidth: 720 }}>
          <h2 style={{ fontSize: 16, marginTop: 0 }}>欢迎使用网格考评</h2>
          <p>数据文件还是空的。可以先载入一个示例街道（12 个社区和村、90 个网格、约 1000 名网格员，两套考核方案和近两年的月度考核）熟悉功能，也可以到“组织人员”中从街道开始建立自己的组织架构。</p>
          <button type="button" className="btn primary" onClick={() => void loadDemo()} disabled={loading}>
            {loading ? '正在载入…' : '载入示例数据'}
          </button>{' '}
          <a href="#/people" className="btn">
            前往组织人员
          </a>
        </div>
      ) : null}
      <div className="cards">
        <div className="card stat">
          <div className="label">在岗人员</div>
          <div className="value" data-testid="people-in-post">{info?.counts.peopleInPost ?? '—'}</div>
        </div>
        <div className="card stat">
          <div className="label">人员总数（含离岗）</div>
          <div className="value">{info?.counts.peopleTotal ?? '—'}</div>
        </div>
        <div className="card stat">
          <div className="label">组织单位</div>
          <div className="value">{info?.counts.units ?? '—'}</div>
        </div>
      </div>
      {info && !info.isEmpty ? <BackupHealth info={info} /> : null}
    </div>
  );
}

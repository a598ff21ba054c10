/**
 * 首页 (工作台): this month's scoring progress, what is waiting to be done, who needs attention, and the street at a
 * glance. Each figure is a click away from the people behind it. The tiles come with the app; the charts of the
 * glance are a lazy chunk, so the first paint stays quick.
 */
import { lazy, Suspense, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { useSession } from '../../session';
import { BackupHealth } from '../system/BackupHealth';
import { AttentionTile, ProgressTile, TodoTile } from './HomeTiles';

const HomeGlance = lazy(() => import('./HomeGlance').then((m) => ({ default: m.HomeGlance })));

export function HomePage() {
  const { info, refreshInfo, notify, notifyError } = useAppState();
  const { me } = useSession();
  const [loading, setLoading] = useState(false);
  const store = info && !info.isEmpty;
  const { data: home, error } = useCall('analysis.home', store ? {} : null, [info?.counts.peopleTotal, info?.counts.units], { onError: notifyError });

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
    <div className="page home">
      <div className="home-head">
        <h1>首页</h1>
        {home?.period ? <span className="home-period">工作台 · {home.period}</span> : null}
        <span className="grow" />
        <span className="home-counts" aria-label="人员概况">
          在岗人员 <b data-testid="people-in-post">{info?.counts.peopleInPost ?? '—'}</b> 人 · 人员总数（含离岗） <b>{info?.counts.peopleTotal ?? '—'}</b> 人 · 组织单位{' '}
          <b>{info?.counts.units ?? '—'}</b> 个
        </span>
      </div>
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
      {store && error && !home ? (
        <div className="card error-text" role="alert" style={{ marginBottom: 12 }}>
          首页数据读取失败：{error}
        </div>
      ) : null}
      {store && home && home.period === null ? (
        <div className="card home-start" style={{ marginBottom: 12, maxWidth: 720 }}>
          <h2 style={{ fontSize: 16, marginTop: 0 }}>还没有开启任何考核月份</h2>
          <p>
            {me.role === 'admin'
              ? '先在“考核方案”中建立并发布方案，再到“月度考核”开启本月，首页就会显示打分进度、待办事项和需要关注的人员。'
              : '请管理员在“月度考核”中开启本月，之后首页会显示打分进度、待办事项和需要关注的人员。'}
          </p>
          {me.role === 'admin' ? (
            <>
              <a href="#/assessments" className="btn primary">
                去开启月份
              </a>{' '}
              <a href="#/schemes" className="btn">
                前往考核方案
              </a>
            </>
          ) : null}
        </div>
      ) : null}
      {store && home && home.period !== null ? (
        <>
          <div className="home-top">
            <ProgressTile home={home} canOpen={me.role === 'admin'} />
            <TodoTile home={home} info={info} />
            <AttentionTile home={home} />
          </div>
          <Suspense fallback={<div className="home-glance-loading muted">正在载入图表…</div>}>
            <HomeGlance home={home} />
          </Suspense>
        </>
      ) : null}
      {store && home && home.period === null ? <BackupHealth info={info} /> : null}
    </div>
  );
}

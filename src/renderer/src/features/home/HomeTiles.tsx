/** The three tiles at the top of 首页: 本月考核 (progress), 待办, 需要关注. Each line links to the people behind it. */
import { useState } from 'react';
import type { AttentionPerson, HomeView, MonthProgress } from '../../../../shared/contract/analysis';
import type { SystemInfo } from '../../../../shared/contract/system';
import { formatTimestamp } from '../../../../shared/domain/dates';
import { analysisHref, assessmentsHref } from '../../hash-params';
import { healthWarnings, sizeText } from '../system/BackupHealth';

function daysLeftText(m: MonthProgress): string {
  if (m.status === 'finalised') return '已归档';
  if (m.daysLeft > 0) return `距月底 ${m.daysLeft} 天`;
  return m.daysLeft === 0 ? '今天是月底' : `已过月底 ${-m.daysLeft} 天`;
}

function percent(scored: number, toScore: number): number {
  return toScore === 0 ? 100 : Math.min(100, Math.round((scored / toScore) * 100));
}

function Bar({ scored, toScore }: { scored: number; toScore: number }) {
  const p = percent(scored, toScore);
  return (
    <span className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={toScore} aria-valuenow={scored} aria-label={`已评 ${scored}/${toScore}`}>
      <span className={p === 100 ? 'done' : undefined} style={{ width: `${p}%` }} />
    </span>
  );
}

export function ProgressTile({ home, canOpen }: { home: HomeView; canOpen: boolean }) {
  const months = home.months;
  // the scheme with the most people to score first
  const [index, setIndex] = useState(() => months.reduce((best, m, i) => (m.toScore > (months[best]?.toScore ?? -1) ? i : best), 0));
  const m = months[Math.min(index, months.length - 1)];
  return (
    <section className="card tile progress-tile" aria-label="本月考核">
      <div className="tile-head">
        <h2>本月考核</h2>
        <span className="muted">{home.period}</span>
        <span className="grow" />
        {months.length > 1 ? (
          <span className="seg" role="tablist" aria-label="考核方案">
            {months.map((x, i) => (
              <button key={x.monthId} type="button" role="tab" aria-selected={x === m} className={x === m ? 'on' : undefined} onClick={() => setIndex(i)}>
                {x.schemeName}
              </button>
            ))}
          </span>
        ) : null}
      </div>
      {!m ? (
        <div className="tile-body">
          <p className="muted">{home.period} 还没有开启考核月份。</p>
          {canOpen ? (
            <a className="btn primary" href="#/assessments">
              去开启月份
            </a>
          ) : null}
        </div>
      ) : (
        <div className="tile-body">
          <div className="progress-summary">
            <span className={`badge ${m.status}`}>{m.status === 'open' ? '录入中' : '已归档'}</span>
            {months.length > 1 ? null : <span>{m.schemeName}</span>}
            <span className="muted">{daysLeftText(m)}</span>
            <span className="grow" />
            <span>
              已评 <b>{m.scored}</b>/{m.toScore} 人
            </span>
            <Bar scored={m.scored} toScore={m.toScore} />
          </div>
          <table className="progress-table" aria-label="各社区打分进度">
            <tbody>
              {pairsOf(m.communities).map((pair, r) => (
                <tr key={r}>
                  {pair.map((c) => (
                    <CommunityCells key={c.unitId} monthId={m.monthId} c={c} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="evaluator-progress" aria-label="考核人打分进度">
            {m.evaluators.map((e) => (
              <a
                key={e.evaluatorId}
                className={`chip${e.scored === 0 ? ' idle' : e.scored >= e.toScore ? ' done' : ''}`}
                href={assessmentsHref({ month: m.monthId, tab: 'score', evaluator: e.evaluatorId })}
                title={e.scored === 0 ? '还没有开始打分' : `已评 ${e.scored}/${e.toScore} 人`}
              >
                {e.name}
                {e.group ? `（${e.group}）` : ''}：{e.scored === 0 ? '未开始' : `${e.scored}/${e.toScore}`}
              </a>
            ))}
            {m.evaluators.length === 0 ? <span className="muted">还没有考核人</span> : null}
          </div>
        </div>
      )}
    </section>
  );
}

/** Communities two to a row, so twelve fit the tile. */
function pairsOf<T>(items: T[]): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += 2) rows.push(items.slice(i, i + 2));
  return rows;
}

function CommunityCells({ monthId, c }: { monthId: number; c: MonthProgress['communities'][number] }) {
  const missing = c.toScore - c.scored;
  return (
    <>
      <th scope="row">{c.name}</th>
      <td>
        <Bar scored={c.scored} toScore={c.toScore} />
      </td>
      <td className="num">
        {c.scored}/{c.toScore}
      </td>
      <td className="link-cell">
        {missing > 0 ? (
          <a href={assessmentsHref({ month: monthId, unit: c.unitId, tab: 'results', unscored: true })} aria-label={`${c.name}未评 ${missing} 人`}>
            未评{missing}人
          </a>
        ) : (
          <span className="ok-text">已评完</span>
        )}
      </td>
    </>
  );
}

export function TodoTile({ home, info }: { home: HomeView; info: SystemInfo }) {
  const { openMonths, draftStars, awardsInNotice, appeals } = home.todo;
  const none = openMonths.length + draftStars.length + awardsInNotice.length + appeals.count === 0;
  const warnings = healthWarnings(info);
  return (
    <section className="card tile" aria-label="待办">
      <div className="tile-head">
        <h2>待办</h2>
      </div>
      <div className="tile-body">
        <ul className="todo-list">
          {openMonths.map((m) => (
            <li key={m.monthId}>
              <span className="todo-kind">待归档</span>
              <a href={assessmentsHref({ month: m.monthId, tab: m.scored < m.toScore ? 'results' : 'score', unscored: m.scored < m.toScore })}>
                {m.period} {m.schemeName}
              </a>
              <span className="muted">
                已评 {m.scored}/{m.toScore}
              </span>
            </li>
          ))}
          {draftStars.map((s) => (
            <li key={s.runId}>
              <span className="todo-kind">星级草稿</span>
              <a href="#/stars">
                {s.periodLabel} {s.ruleSetName}
              </a>
              <span className="muted">未发布</span>
            </li>
          ))}
          {awardsInNotice.map((a) => (
            <li key={a.batchId}>
              <span className="todo-kind">表彰公示</span>
              <a href="#/awards">{a.name}</a>
              <span className="muted">
                {a.since} 起，{a.ends} 截止
              </span>
            </li>
          ))}
          {appeals.count > 0 ? (
            <li>
              <span className="todo-kind">申诉待复核</span>
              <a href="#/appeals">{appeals.count} 件</a>
              <span className="muted">{appeals.oldest} 起</span>
            </li>
          ) : null}
          {none ? <li className="muted">没有待办事项</li> : null}
        </ul>
        <div className="todo-backup" aria-label="数据安全">
          <div>
            <b>数据安全：</b>
            {warnings.length === 0 ? <span className="ok-text">一切正常</span> : <span className="error-text">{warnings[0]}</span>}
            {warnings.length > 1 ? <span className="muted">（另有 {warnings.length - 1} 条提醒）</span> : null}
          </div>
          <div className="muted">
            最近校验通过的备份：{info.lastVerifiedBackup ? formatTimestamp(info.lastVerifiedBackup.createdAt) : '无'} · 剩余空间：
            {info.freeBytes === null ? '未知' : sizeText(info.freeBytes)} · <a href="#/system">查看详情</a>
          </div>
        </div>
      </div>
    </section>
  );
}

function PersonLine({ p, extra }: { p: AttentionPerson; extra?: string }) {
  return (
    <li>
      <a href={analysisHref({ tab: 'person', person: p.personId })} title={p.unitPath}>
        {p.name}
      </a>
      <span className="muted">{p.community}</span>
      <span className="reason">
        {p.reason}
        {extra ? `（${extra}）` : ''}
      </span>
    </li>
  );
}

/** How many of a group the tile shows before 展开. */
const FIRST = 4;

export function AttentionTile({ home }: { home: HomeView }) {
  const [expanded, setExpanded] = useState<string[]>([]);
  const { slipping, alarms, vetoes, reversals } = home.attention;
  const groups = [
    { key: 'slipping', title: '连降三个月', people: slipping.map((p) => ({ p, extra: '' })) },
    { key: 'alarms', title: '预警（连续或多次不合格）', people: alarms.map((p) => ({ p, extra: '' })) },
    { key: 'vetoes', title: '本月一票否决', people: vetoes.map((p) => ({ p, extra: p.period })) },
    { key: 'reversals', title: '大额积分冲销', people: reversals.map((p) => ({ p, extra: p.date })) },
  ];
  const total = groups.reduce((s, g) => s + g.people.length, 0);
  return (
    <section className="card tile" aria-label="需要关注">
      <div className="tile-head">
        <h2>需要关注</h2>
        <span className="muted">{total} 人次</span>
      </div>
      <div className="tile-body attention">
        {total === 0 ? <p className="muted">没有需要特别关注的人员。</p> : null}
        {groups
          .filter((g) => g.people.length > 0)
          .map((g) => (
            <div key={g.key} className="attention-group" role="group" aria-label={g.title}>
              <h3>
                {g.title} <span className="count">{g.people.length}</span>
              </h3>
              <ul>
                {(expanded.includes(g.key) ? g.people : g.people.slice(0, FIRST)).map(({ p, extra }) => (
                  <PersonLine key={`${p.personId}-${extra}`} p={p} extra={extra && !p.reason.includes(extra) ? extra : undefined} />
                ))}
              </ul>
              {g.people.length > FIRST && !expanded.includes(g.key) ? (
                <button type="button" className="link small" onClick={() => setExpanded((list) => [...list, g.key])}>
                  展开其余 {g.people.length - FIRST} 人
                </button>
              ) : null}
            </div>
          ))}
      </div>
    </section>
  );
}
